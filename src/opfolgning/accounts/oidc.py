"""OpenID Connect sign-in (Entra ID and others): group claims decide role and memberships.

Each sign-in re-applies the mapping, so the identity provider stays the truth: a user who
leaves a group loses that role, center or committee at the next sign-in. See docs/sso.md.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from opfolgning.agreements.models import Center, Committee

from .models import Role
from .services import user_sync_from_sso

logger = logging.getLogger(__name__)


def claim_groups(claims: dict[str, Any]) -> set[str]:
    """Return the group values of the configured claim (a list, or one string)."""
    value = claims.get(settings.OIDC_GROUPS_CLAIM)
    if value is None:
        if "_claim_names" in claims and settings.OIDC_GROUPS_CLAIM in claims["_claim_names"]:
            # Entra ID leaves out the groups when a user is in too many ("overage").
            logger.warning(
                "the %r claim was left out (too many groups); assign only the Opfølgning "
                "groups to the application (see docs/sso.md)",
                settings.OIDC_GROUPS_CLAIM,
            )
        return set()
    if isinstance(value, str):
        return {value}
    return {str(v) for v in value}


def mapped_roles(groups: set[str]) -> set[Role]:
    """Return the roles whose configured group the user is in."""
    return {Role(role) for role, group in settings.OIDC_ROLE_GROUPS if group in groups}


def _mapped_objects(model: Any, pairs: Iterable[tuple[str, str]], groups: set[str]) -> list[Any]:
    names = [name for name, group in pairs if group in groups]
    if not names:
        return []
    query = Q()
    for name in names:
        query |= Q(name__iexact=name)
        if model is Committee:
            query |= Q(slug__iexact=name)
    found = list(model._default_manager.filter(query))
    known = {o.name.casefold() for o in found} | {getattr(o, "slug", "").casefold() for o in found}
    for name in names:
        if name.casefold() not in known:
            logger.warning("single sign-on maps a group to %r, which does not exist", name)
    return found


class RoleMappingOIDCBackend(OIDCAuthenticationBackend):
    """Sign in by OpenID Connect; match users by username and apply the group mapping."""

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        # Entra ID puts the groups in the ID token, not in the userinfo answer: merge both.
        userinfo = super().get_userinfo(access_token, id_token, payload)
        return {**payload, **userinfo}

    def username_from(self, claims: dict[str, Any]) -> str:
        """Return the username the claims name (OIDC_USERNAME_CLAIM, falling back to email)."""
        value = claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("email") or ""
        return str(value).strip()[:150]

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(self.username_from(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        username = self.username_from(claims)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username__iexact=username)

    def describe_user_by_claims(self, claims: dict[str, Any]) -> str:
        return f"username {self.username_from(claims)}"

    def create_user(self, claims: dict[str, Any]) -> Any:
        user = self.UserModel(username=self.username_from(claims))
        user.set_unusable_password()
        return self.update_user(user, claims)

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        user.email = str(claims.get("email") or user.email or "")[:254]
        given, family = claims.get("given_name"), claims.get("family_name")
        if not given and not family and claims.get("name"):
            given, _, family = str(claims["name"]).rpartition(" ")
        user.first_name = str(given or user.first_name or "")[:150]
        user.last_name = str(family or user.last_name or "")[:150]
        user.save()
        if settings.OIDC_ROLE_GROUPS:
            # Without a role mapping, roles are kept in Opfølgning (opfolgning user set-role).
            groups = claim_groups(claims)
            user_sync_from_sso(
                user=user,
                roles=mapped_roles(groups),
                centers=_mapped_objects(Center, settings.OIDC_CENTER_GROUPS, groups),
                committees=_mapped_objects(Committee, settings.OIDC_COMMITTEE_GROUPS, groups),
            )
        return user
