"""A body over the upload limit gets the API's JSON answer (413), not Django's HTML 400."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/"


class BodyLimitMiddleware:
    """Answer 413 with JSON to an API request whose body is over DATA_UPLOAD_MAX_MEMORY_SIZE.

    Django refuses such a body only when a view reads it, with a 400 page in HTML; an API
    client needs JSON that says what the limit is. Checked on Content-Length, as Django
    checks it, before anything reads the body.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request.path.startswith(API_PREFIX) and limit is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                detail = (
                    f"The request body is {length / 1_000_000:.1f} MB; the API takes at most "
                    f"{limit / 1_000_000:.1f} MB. Send less at a time."
                )
                return HttpResponse(
                    json.dumps({"detail": detail}),
                    status=413,
                    content_type="application/json",
                )
        return self.get_response(request)
