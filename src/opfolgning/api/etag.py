"""Conditional GETs: an ETag on every read, 304 when the client's copy is still good."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse

PUBLIC_CACHE = "public, max-age=60"
PRIVATE_CACHE = "private, no-store"


def _tags(header: str) -> set[str]:
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}


def conditional(request: HttpRequest, response: HttpResponse, *, anonymous: bool) -> HttpResponse:
    """Add ETag and Cache-Control to a 200 GET; answer 304 when If-None-Match matches."""
    etag = response.get("ETag") or f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    cache_control = PUBLIC_CACHE if anonymous else PRIVATE_CACHE
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    response["Vary"] = "Authorization"
    wanted = _tags(request.headers.get("If-None-Match", ""))
    if etag in wanted or "*" in wanted:
        not_modified = HttpResponse(status=304)
        for name in ("ETag", "Cache-Control", "Vary", "Link"):
            if name in response:
                not_modified[name] = response[name]
        return not_modified
    return response
