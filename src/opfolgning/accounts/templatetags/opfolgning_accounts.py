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
    the header ("Center for Teknik og Miljø"); "" for other roles. No query of its own:
    the names come with the user's access."""
    from opfolgning.accounts.selectors import access_of

    return ", ".join(access_of(user).unit_names)
