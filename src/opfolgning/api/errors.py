"""Errors of the API: every one is JSON `{"detail": "..."}` with a status that says why."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from opfolgning.agreements.selectors import NotFound

# The statuses every operation may answer besides its own, documented in the schema.
COMMON_ERRORS = (401, 404, 422, 429)


class ApiError(Exception):
    """A refusal with its HTTP status, message and optional extra fields for the body."""

    def __init__(self, status: int, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.extra = extra


class InvalidToken(Exception):
    """The Authorization header names no live token."""


def _where(loc: Any) -> str:
    parts = [str(p) for p in (loc or ()) if p not in ("body", "payload")]
    return ".".join(parts) or "request"


def validation_detail(errors: list[dict[str, Any]]) -> str:
    """Return one sentence naming each bad field and what is wrong with it."""
    return "; ".join(f"{_where(e.get('loc'))}: {e.get('msg', 'invalid')}" for e in errors)


def unauthorized(api: NinjaAPI, request: HttpRequest, detail: str) -> HttpResponse:
    """Return a 401 that tells the client to send a (valid) bearer token."""
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="opfolgning"'
    return response


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn every refusal into JSON with a clear message."""

    # Handlers take `exc: Any`: ninja types a handler's argument as the class or an instance.

    def on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        if exc.status == 401:
            return unauthorized(api, request, exc.detail)
        return api.create_response(request, {"detail": exc.detail, **exc.extra}, status=exc.status)

    def on_invalid_token(request: HttpRequest, exc: Any) -> HttpResponse:
        return unauthorized(api, request, str(exc))

    def on_auth_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return unauthorized(api, request, "Send a valid API token: Authorization: Bearer <token>.")

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=404)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors
        ]
        return api.create_response(
            request, {"detail": validation_detail(exc.errors), "errors": errors}, status=422
        )

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        detail = str(exc)
        if exc.status_code == 400:
            # ninja's only 400: a body that is not JSON.
            detail = "The request body is not valid JSON; send a JSON object (see /api/docs)."
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(InvalidToken, on_invalid_token)
    api.add_exception_handler(AuthenticationError, on_auth_error)
    api.add_exception_handler(NotFound, on_not_found)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(HttpError, on_http_error)
