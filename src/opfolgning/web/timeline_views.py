"""The initiative timeline page: every change, who and when, with a word diff of texts."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opfolgning.agreements import history
from opfolgning.agreements.selectors import NotFound


def _page_number(value: str | None) -> int:
    # A mangled page number in a shared link shows the newest page rather than an error.
    try:
        return max(int(value or "1"), 1)
    except ValueError:
        return 1


@require_safe
def initiative_timeline(request: HttpRequest, year: int, number: str) -> HttpResponse:
    """Show the history of an initiative across rounds, newest first."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        initiative = history.initiative_get(year=year, number=number)
    except NotFound:
        context = {"year": year, "number": number}
        return render(request, "web/timeline.html", {"missing": context}, status=404)
    if not request.user.has_perm("agreements.view_timeline", initiative):
        raise PermissionDenied
    page = history.initiative_timeline_page(initiative, page=_page_number(request.GET.get("side")))
    return render(request, "web/timeline.html", {"initiative": initiative, "page": page})
