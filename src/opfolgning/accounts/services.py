"""Writes: create users, set roles and memberships, keep the role groups in place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction

from opfolgning.agreements import audit
from opfolgning.agreements.audit import Actor
from opfolgning.agreements.models import Center, Committee

from .models import ROLE_GROUPS, ROLE_PRECEDENCE, Profile, Role
from .selectors import forget_access

# Model permissions the finance officer's group gets, so finance officers can use the admin.
_FINANCE_APPS = ("agreements", "accounts")
_FINANCE_USER_PERMS = ("add_user", "change_user", "view_user", "view_group")


class AccountError(ValueError):
    """Bad input for an account action; the message says what to do instead."""


def ensure_role_groups() -> dict[Role, Group]:
    """Create the role groups if missing and give the finance officers' group its permissions."""
    groups = {role: Group.objects.get_or_create(name=name)[0] for role, name in ROLE_GROUPS.items()}
    perms = Permission.objects.filter(content_type__app_label__in=_FINANCE_APPS) | (
        Permission.objects.filter(content_type__app_label="auth", codename__in=_FINANCE_USER_PERMS)
    )
    finance = groups[Role.FINANCE_OFFICER]
    missing = perms.exclude(pk__in=finance.permissions.values("pk"))
    if missing.exists():
        finance.permissions.add(*missing)
    return groups


def role_from_text(text: str) -> Role | None:
    """Return the role named by its code or its Danish name; "none" means no role."""
    value = text.strip().casefold()
    if value in {"", "none", "ingen"}:
        return None
    for role in Role:
        if value in {role.value, str(ROLE_GROUPS[role]).casefold()}:
            return role
    choices = ", ".join(r.value for r in Role)
    raise AccountError(f"unknown role {text!r}: use one of {choices}, or none")


def _resolve(model: type[models.Model], items: Iterable[Any], what: str) -> list[Any]:
    """Return model objects for the given objects, names (or committee slugs)."""
    found: list[Any] = []
    unknown: list[str] = []
    for item in items:
        if isinstance(item, model):
            found.append(item)
            continue
        name = str(item).strip()
        query = models.Q(name__iexact=name)
        if model is Committee:
            query |= models.Q(slug__iexact=name)
        obj = model._default_manager.filter(query).first()
        if obj is None:
            unknown.append(name)
        else:
            found.append(obj)
    if unknown:
        known = list(model._default_manager.values_list("name", flat=True)[:21])
        # Names may hold commas ("By, Erhverv og Miljø"), so list them between semicolons.
        hint = "; ".join(known[:20]) + ("; …" if len(known) > 20 else "")
        raise AccountError(
            f"unknown {what} {', '.join(repr(u) for u in unknown)}; "
            + (f"known: {hint}" if known else f"there are no {what}s yet (import a report first)")
        )
    return found


def _check_memberships(
    role: Role | None, centers: list[Center], committees: list[Committee]
) -> None:
    if role == Role.DEPARTMENT_EDITOR and not centers:
        raise AccountError("a department editor needs at least one center (--center NAME)")
    if role == Role.COMMITTEE_READER and not committees:
        raise AccountError("a committee reader needs at least one committee (--committee NAME)")
    if centers and role != Role.DEPARTMENT_EDITOR:
        raise AccountError("centers go with the role department_editor only")
    if committees and role != Role.COMMITTEE_READER:
        raise AccountError("committees go with the role committee_reader only")


def _apply(
    *,
    actor: Actor,
    user: Any,
    role: Role | None,
    centers: Iterable[Center],
    committees: Iterable[Committee],
    reason: str,
) -> Profile:
    """Store role and memberships on the profile and mirror the role in the user's groups."""
    profile = Profile.objects.filter(user=user).first()
    created = profile is None
    if profile is None:
        profile = Profile(user=user)
    audit.mark(profile, actor, reason)  # the role's save and the memberships' history
    if created or profile.role != (role or ""):
        profile.role = role or ""
        profile.save()
    center_ids = {c.pk for c in centers}
    committee_ids = {c.pk for c in committees}
    if set(profile.centers.values_list("pk", flat=True)) != center_ids:
        profile.centers.set(center_ids)
    if set(profile.committees.values_list("pk", flat=True)) != committee_ids:
        profile.committees.set(committee_ids)

    mirror_role(user=user, role=role)
    return profile


def mirror_role(*, user: Any, role: Role | None) -> None:
    """Put the user in their role's group only, and let finance officers into the admin."""
    groups = ensure_role_groups()
    user.groups.remove(*[g for r, g in groups.items() if r != role])
    if role is not None:
        user.groups.add(groups[role])
    staff = role == Role.FINANCE_OFFICER or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    forget_access(user)


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    email: str,
    role: Role | str | None,
    centers: Iterable[Center | str] = (),
    committees: Iterable[Committee | str] = (),
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> Any:
    """Create a user with a role; no password means sign-in by SSO only (or set one later)."""
    User = get_user_model()
    username = username.strip()
    if not username:
        raise AccountError("the username is empty")
    if User._default_manager.filter(username__iexact=username).exists():
        raise AccountError(
            f"a user named {username!r} exists already; change it with `opfolgning user set-role`"
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise AccountError(f"{email!r} is not an e-mail address") from None
    role_value = role_from_text(role) if isinstance(role, str) else role
    center_objs = _resolve(Center, centers, "center")
    committee_objs = _resolve(Committee, committees, "committee")
    _check_memberships(role_value, center_objs, committee_objs)
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise AccountError("the password is too weak: " + " ".join(exc.messages)) from None
        user.set_password(password)
    user.save()
    _apply(
        actor=actor,
        user=user,
        role=role_value,
        centers=center_objs,
        committees=committee_objs,
        reason="user created",
    )
    return user


@transaction.atomic
def user_set_role(
    *,
    actor: Actor,
    user: Any,
    role: Role | str | None,
    centers: Iterable[Center | str] = (),
    committees: Iterable[Committee | str] = (),
) -> Profile:
    """Give the user this role (None: no role) with exactly these centers and committees."""
    role_value = role_from_text(role) if isinstance(role, str) else role
    center_objs = _resolve(Center, centers, "center")
    committee_objs = _resolve(Committee, committees, "committee")
    _check_memberships(role_value, center_objs, committee_objs)
    return _apply(
        actor=actor,
        user=user,
        role=role_value,
        centers=center_objs,
        committees=committee_objs,
        reason="role set",
    )


@transaction.atomic
def user_deactivate(*, actor: Actor, user: Any) -> None:
    """Stop the user from signing in; their history and past actions stay."""
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    forget_access(user)


@transaction.atomic
def user_reactivate(*, actor: Actor, user: Any) -> None:
    """Let a deactivated user sign in again, with the role and memberships they had."""
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    forget_access(user)


@transaction.atomic
def user_sync_from_sso(
    *,
    user: Any,
    roles: Iterable[Role],
    centers: Iterable[Center],
    committees: Iterable[Committee],
) -> Profile:
    """Apply what the identity provider says: the highest mapped role, and every membership."""
    mapped = set(roles)
    role = next((r for r in ROLE_PRECEDENCE if r in mapped), None)
    return _apply(
        actor=user,
        user=user,
        role=role,
        centers=list(centers),
        committees=list(committees),
        reason="single sign-on",
    )


def _language_code(language: str) -> str:
    """Return the language code if the site offers it ("" for the site's default)."""
    code = (language or "").strip()
    known = {c for c, _name in settings.LANGUAGES}
    if code and code not in known:
        raise AccountError(f"unknown language {language!r}: use one of {', '.join(sorted(known))}")
    return code


@transaction.atomic
def profile_language_set(*, actor: Actor, user: Any, language: str) -> Profile:
    """Store the user's language ("" for the site's default); one history row when it changes."""
    code = _language_code(language)
    profile = Profile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = Profile(user=user)
    elif profile.language == code:
        return profile
    profile.language = code
    audit.audited_save(profile, actor, "language set")
    return profile
