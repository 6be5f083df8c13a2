"""Bearer tokens: no header is a citizen, a bad header is refused on every operation."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer

from opfolgning.accounts.tokens import user_for_token

from .errors import ApiError, InvalidToken


class TokenAuth(HttpBearer):
    """Authenticate `Authorization: Bearer <token>`; without the header, act as a citizen."""

    def __call__(self, request: HttpRequest) -> Any:
        value = request.headers.get(self.header, "")
        if not value:
            # AnonymousUser is truthy, so ninja lets the call through as a citizen.
            return AnonymousUser()
        scheme, _, secret = value.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise InvalidToken("The Authorization header must be 'Bearer <token>'.")
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        """Return the token's user, or refuse a wrong, revoked or expired token."""
        user = user_for_token(token)
        if user is None:
            # One message for wrong, revoked and expired: the caller cannot probe which.
            raise InvalidToken(
                "The API token is wrong, revoked or expired. Make a new one at /konto/api-noegler/."
            )
        return user


def caller(request: HttpRequest) -> Any:
    """Return the user the request acts as (AnonymousUser for a citizen)."""
    return getattr(request, "auth", None) or AnonymousUser()


def is_anonymous(request: HttpRequest) -> bool:
    """Return whether the request came without a token."""
    return not getattr(caller(request), "is_authenticated", False)


def token_user(request: HttpRequest) -> Any:
    """Return the token's user, or refuse with 401 when the request has no token."""
    user = caller(request)
    if not getattr(user, "is_authenticated", False):
        raise ApiError(401, "This operation needs an API token: Authorization: Bearer <token>.")
    return user
