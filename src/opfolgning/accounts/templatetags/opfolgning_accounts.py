"""Template tags for accounts: the signed-in user's role."""

from __future__ import annotations

from typing import Any

from django import template

from opfolgning.accounts.models import Role
from opfolgning.accounts.selectors import role_of

register = template.Library()


@register.simple_tag
def user_role(user: Any) -> Role | None:
    """Return the user's role (its `.label` is the Danish name), or None."""
    return role_of(user)


@register.simple_tag
def can_do(user: Any, perm: str, obj: Any = None) -> bool:
    """Return whether the user has the permission (superusers bound by the rules too)."""
    from opfolgning.accounts.permissions import can

    return can(user, perm, obj)


@register.simple_tag
def user_units(user: Any) -> str:
    """Return the centers an editor edits or the committees a reader reads, by name, for
    the header ("Center for Teknik og Miljø"); "" for other roles."""
    from opfolgning.accounts.selectors import access_of
    from opfolgning.agreements.models import Center, Committee

    access = access_of(user)
    names: list[str]
    if access.role == Role.DEPARTMENT_EDITOR and access.center_ids:
        names = list(Center.objects.filter(pk__in=access.center_ids).values_list("name", flat=True))
    elif access.role == Role.COMMITTEE_READER and access.committee_ids:
        names = list(
            Committee.objects.filter(pk__in=access.committee_ids).values_list("name", flat=True)
        )
    else:
        return ""
    return ", ".join(sorted(names))
