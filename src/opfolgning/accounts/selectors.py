"""Reads: a user's role and memberships (cached on the user object), and the user list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import Profile, Role

_CACHE_ATTR = "_opfolgning_access"


@dataclass(frozen=True)
class Access:
    """What a user may do: their role and the ids of their centers and committees."""

    role: Role | None = None
    center_ids: frozenset[int] = field(default_factory=frozenset)
    committee_ids: frozenset[int] = field(default_factory=frozenset)
    # The names of those centers (an editor) or committees (a reader), for the header.
    unit_names: tuple[str, ...] = ()

    @property
    def is_staff_role(self) -> bool:
        """Return whether the user has any role (signed-in staff, not a citizen)."""
        return self.role is not None


NO_ACCESS = Access()


def access_of(user: Any) -> Access:
    """Return the user's role and memberships; superusers are finance officers."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_ACCESS
    if not user.is_active:
        return NO_ACCESS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    # One query on every signed-in request: the role with its centers and committees joined
    # (a person has a handful of each, so the cross product stays small).
    rows = list(
        Profile.objects.filter(user_id=user.pk).values_list(
            "role", "centers", "committees", "centers__name", "committees__name"
        )
    )
    if not rows:
        access = NO_ACCESS
    else:
        role = rows[0][0]
        access = Access(
            role=Role(role) if role else None,
            center_ids=frozenset(row[1] for row in rows if row[1] is not None),
            committee_ids=frozenset(row[2] for row in rows if row[2] is not None),
            unit_names=tuple(
                sorted(
                    {row[3] for row in rows if row[3]}
                    if role == Role.DEPARTMENT_EDITOR
                    else {row[4] for row in rows if row[4]}
                    if role == Role.COMMITTEE_READER
                    else set()
                )
            ),
        )
    if user.is_superuser:
        access = Access(Role.FINANCE_OFFICER, access.center_ids, access.committee_ids)
    setattr(user, _CACHE_ATTR, access)
    return access


def forget_access(user: Any) -> None:
    """Drop the cached access, after the user's role or memberships changed."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def role_of(user: Any) -> Role | None:
    """Return the user's role, or None for citizens and users without one."""
    return access_of(user).role


def user_list(*, role: Role | None = None) -> QuerySet[Any]:
    """Return users with their profile, centers and committees, by username."""
    users = (
        get_user_model()
        .objects.select_related("profile")
        .prefetch_related("profile__centers", "profile__committees")
        .order_by("username")
    )
    if role is not None:
        users = users.filter(profile__role=role)
    return users


def language_of(user: Any) -> str:
    """Return the language the user chose ("" when none: the site's default)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    found = Profile.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
    return found or ""
