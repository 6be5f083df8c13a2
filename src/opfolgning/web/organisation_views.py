"""The organisation in the app (issue 15): the finance office sees the centers and committees,
renames them, merges one into another when the organisation changes, and reads each one's
history. The Django admin stays for technical support only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opfolgning.accounts.permissions import can
from opfolgning.agreements import organisation_selectors as osel
from opfolgning.agreements import organisation_services as org
from opfolgning.agreements.models import Center, Committee
from opfolgning.agreements.setup_services import SetupError

from .organisation_forms import CreateForm, MergeForm, RenameForm
from .round_views import _deny

PERM = "agreements.manage_organisation"


@dataclass(frozen=True)
class _Kind:
    """What differs between centers and committees on these pages."""

    is_committee: bool
    model: type[Center] | type[Committee]
    get: Callable[..., Any]
    rename: Callable[[HttpRequest, Any, str], Any]
    merge: Callable[[HttpRequest, Any, Any, bool], Any]
    plan: Callable[[Any, Any], osel.MergePlan]
    history: Callable[..., osel.OrganisationHistory]


CENTER = _Kind(
    is_committee=False,
    model=Center,
    get=osel.center_get,
    rename=lambda r, unit, name: org.center_rename(actor=r.user, center=unit, name=name),
    merge=lambda r, unit, into, keep: org.center_merge(actor=r.user, center=unit, into=into),
    plan=osel.center_merge_plan,
    history=osel.center_history,
)
COMMITTEE = _Kind(
    is_committee=True,
    model=Committee,
    get=osel.committee_get,
    rename=lambda r, unit, name: org.committee_rename(actor=r.user, committee=unit, name=name),
    merge=lambda r, unit, into, keep: org.committee_merge(
        actor=r.user, committee=unit, into=into, keep_target_reports=keep
    ),
    plan=osel.committee_merge_plan,
    history=osel.committee_history,
)


def _new_form(data: Any = None, prefix: str = "") -> CreateForm:
    return CreateForm(data, prefix=prefix)


@require_http_methods(["GET", "HEAD", "POST"])
def organisation(request: HttpRequest) -> HttpResponse:
    """The centers and committees, with their initiatives and users, and those merged away;
    a new center or committee is added here too."""
    if not can(request.user, PERM):
        return _deny(request)
    what = request.POST.get("new", "") if request.method == "POST" else ""
    forms = {
        "center": _new_form(request.POST if what == "center" else None, "center"),
        "committee": _new_form(request.POST if what == "committee" else None, "committee"),
    }
    if what in forms and forms[what].is_valid():
        name = forms[what].cleaned_data["name"]
        try:
            if what == "center":
                unit: Any = org.center_create(actor=request.user, name=name)
            else:
                unit = org.committee_create(actor=request.user, name=name)
        except SetupError as exc:
            forms[what].add_error("name", str(exc))
        else:
            messages.success(request, _("%(name)s er oprettet.") % {"name": unit.name})
            return redirect("web:organisation")
    context = {
        "org": osel.organisation(),
        "center_form": forms["center"],
        "committee_form": forms["committee"],
        "page": "organisation",
    }
    status = 400 if any(f.errors for f in forms.values()) else 200
    return render(request, "web/organisation/list.html", context, status=status)


def _rename(request: HttpRequest, pk: int, kind: _Kind) -> HttpResponse:
    unit = kind.get(pk=pk)  # 404 before 403: an unknown one is not found
    if not can(request.user, PERM):
        return _deny(request)
    old = unit.name
    form = RenameForm(
        request.POST if request.method == "POST" else None,
        initial={"name": unit.name},
        is_committee=kind.is_committee,
        slug=getattr(unit, "slug", ""),
    )
    if request.method == "POST" and form.is_valid():
        try:
            renamed = kind.rename(request, unit, form.cleaned_data["name"])
        except SetupError as exc:
            form.add_error(exc.field or None, str(exc))
        else:
            messages.success(
                request, _("%(old)s hedder nu %(new)s.") % {"old": old, "new": renamed.name}
            )
            return redirect("web:organisation")
    context = {"unit": unit, "kind": kind, "form": form, "page": "organisation"}
    status = 400 if form.errors else 200
    return render(request, "web/organisation/rename.html", context, status=status)


def _merge(request: HttpRequest, pk: int, kind: _Kind) -> HttpResponse:
    unit = kind.get(pk=pk)
    if not can(request.user, PERM):
        return _deny(request)
    others = {u.pk: u for u in kind.model.objects.exclude(pk=unit.pk).order_by("name")}
    data = request.POST if request.method == "POST" else None
    if data is None and "into" in request.GET:
        data = request.GET  # the chosen one: show what the merge would move
    form = MergeForm(
        data, choices=[(k, u.name) for k, u in others.items()], is_committee=kind.is_committee
    )
    plan = None
    if data is not None and form.is_valid():
        target = others[form.cleaned_data["into"]]
        plan = kind.plan(unit, target)
        # The bound field keeps the label it was checked with; name the target on it.
        form["keep_target_reports"].label = _("Behold %(name)ss udvalgsrapporter") % {
            "name": target.name
        }
        if request.method == "POST":
            keep = form.cleaned_data["keep_target_reports"]
            try:
                kind.merge(request, unit, target, keep)
            except SetupError as exc:
                form.add_error(exc.field or None, str(exc))
            else:
                messages.success(
                    request,
                    _("%(source)s er slået sammen med %(target)s. Historikken er bevaret.")
                    % {"source": unit.name, "target": target.name},
                )
                return redirect("web:organisation")
    context = {
        "unit": unit,
        "kind": kind,
        "form": form,
        "plan": plan,
        "others": others,
        "page": "organisation",
    }
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "web/organisation/merge.html", context, status=status)


def _history(request: HttpRequest, pk: int, kind: _Kind) -> HttpResponse:
    history = kind.history(pk=pk)
    if not can(request.user, PERM):
        return _deny(request)
    context = {"history": history, "kind": kind, "page": "organisation"}
    return render(request, "web/organisation/history.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def center_rename(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a center; the old name stays in the history."""
    return _rename(request, pk, CENTER)


@require_http_methods(["GET", "HEAD", "POST"])
def committee_rename(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a committee (its short name in the addresses stays)."""
    return _rename(request, pk, COMMITTEE)


@require_http_methods(["GET", "HEAD", "POST"])
def center_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the center to merge into, see what moves, confirm."""
    return _merge(request, pk, CENTER)


@require_http_methods(["GET", "HEAD", "POST"])
def committee_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the committee to merge into, see what moves, confirm."""
    return _merge(request, pk, COMMITTEE)


@require_http_methods(["GET", "HEAD"])
def center_history(request: HttpRequest, pk: int) -> HttpResponse:
    """A center's history: created, renamed, merged; also after it was merged away."""
    return _history(request, pk, CENTER)


@require_http_methods(["GET", "HEAD"])
def committee_history(request: HttpRequest, pk: int) -> HttpResponse:
    """A committee's history: created, renamed, merged; also after it was merged away."""
    return _history(request, pk, COMMITTEE)
