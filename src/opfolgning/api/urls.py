"""URLs of the API: ninja's operations, and a JSON 404 for any other path under /api/."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, re_path

from .api import api


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Answer an unknown API path with JSON, not the site's HTML page."""
    return JsonResponse(
        {"detail": f"No API operation at {request.path}; see /api/docs for the list."},
        status=404,
    )


ninja_patterns, _app_name, _namespace = api.urls
# The instance namespace ninja reverses its own URLs in (openapi-json for the docs page).
app_name = api.urls_namespace
urlpatterns: list[URLPattern | URLResolver] = [
    *ninja_patterns,
    re_path(r"^(?P<rest>.*)$", not_found, name="not-found"),
]
