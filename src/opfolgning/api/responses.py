"""What every operation documents it may answer, so clients and schemathesis know."""

from __future__ import annotations

from typing import Any

from .schemas import Error, ValidationErrorOut


def documented(ok: Any, *, read: bool = True, **extra: Any) -> dict[int, Any]:
    """Return the response map: `ok` for 200 plus the errors every operation may give.

    304 answers a GET whose If-None-Match still matches; 429 comes from the rate limit.
    Extra statuses are given as keyword `s403=Error` and so on.
    """
    responses: dict[int, Any] = {200: ok}
    if read:
        responses[304] = None
    responses.update({401: Error, 404: Error, 422: ValidationErrorOut, 429: Error})
    for key, schema in extra.items():
        responses[int(key.removeprefix("s"))] = schema
    return responses
