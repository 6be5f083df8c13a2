"""Personal API tokens: create and revoke them (services), and find the user of a secret.

A token acts as its user with the user's role and memberships; the API checks the same
rules as the pages. The secret is shown once, when it is made; only its sha256 digest is
stored, so a copy of the database gives no working tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opfolgning.agreements.audit import Actor, audited_save, reason_for, user_of

from .models import ApiToken
from .selectors import access_of

# The secret starts with this, so a leaked token is recognisable (and secret scanners can
# be taught to look for it).
SECRET_PREFIX = "opf_"
# How much of the secret the list shows: "opf_" and 8 random characters.
SHOWN_CHARS = len(SECRET_PREFIX) + 8
MAX_LIVE_TOKENS = 20
# last_used_at is written at most this often per token, so API reads rarely write.
LAST_USED_EVERY = timedelta(minutes=1)
# Longer than any secret we make; anything longer is not worth hashing.
_MAX_SECRET_LENGTH = 200


class TokenError(ValueError):
    """Bad input for a token action; the message (Danish) says what to do instead."""


def digest_of(secret: str) -> str:
    """Return the sha256 hex digest the token with this secret is stored under."""
    # A plain, unsalted fast hash is right here: the secret holds 256 random bits, so it
    # cannot be guessed or looked up in a table; slow password hashes (PBKDF2, argon2)
    # protect low-entropy passwords and would only slow every API request down. Unsalted
    # also lets us find the token by its digest in one indexed query.
    return hashlib.sha256(secret.encode()).hexdigest()


def _live(now: datetime) -> Q:
    return Q(revoked_at__isnull=True) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def token_create(
    *, actor: Actor, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for the actor; return it and its secret, which is never shown again."""
    user = user_of(actor)
    if user is None or not access_of(user).is_staff_role:
        raise TokenError(
            _("Kun brugere med en rolle kan lave API-nøgler. Bed økonomiafdelingen om en rolle.")
        )
    name = (name or "").strip()
    if not name:
        raise TokenError(_("Giv nøglen et navn, fx hvad eller hvem den bruges af."))
    if len(name) > 100:
        raise TokenError(_("Navnet må højst være 100 tegn."))
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise TokenError(_("Udløbsdatoen skal ligge i fremtiden."))
    with transaction.atomic():
        live = ApiToken.objects.filter(_live(now), user=user).count()
        if live >= MAX_LIVE_TOKENS:
            raise TokenError(
                _("Du har allerede %(count)d aktive nøgler. Tilbagekald en, før du laver en ny.")
                % {"count": live}
            )
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        token = ApiToken(
            user=user,
            name=name,
            prefix=secret[:SHOWN_CHARS],
            digest=digest_of(secret),
            expires_at=expires_at,
        )
        audited_save(token, actor, reason_for(actor, "API token created"))
    return token, secret


def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke the token (its owner or a superuser only); revoking twice changes nothing."""
    user = user_of(actor)
    is_owner = user is not None and user.pk == token.user_id
    if not (is_owner or getattr(actor, "is_superuser", False)):
        raise PermissionDenied(_("Du kan kun tilbagekalde dine egne API-nøgler."))
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            audited_save(token, actor, reason_for(actor, "API token revoked"))
    return token


def user_for_token(secret: str) -> Any | None:
    """Return the active user of the live token with this secret, or None."""
    if not isinstance(secret, str) or not secret or len(secret) > _MAX_SECRET_LENGTH:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(_live(now), digest=digest_of(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        # A plain UPDATE (no history row, no signals); at most once a minute per token.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token.user


def tokens_of(user: Any) -> list[ApiToken]:
    """Return the user's tokens, newest first, revoked and expired ones included."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-pk"))
