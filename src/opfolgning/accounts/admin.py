"""The admin for users and their roles, centers and committees (with history)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, Profile, Role
from .services import mirror_role
from .tokens import token_revoke

User = get_user_model()


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ["role", "centers", "committees", "language"]
    filter_horizontal = ["centers", "committees"]
    verbose_name = _("rolle og medlemskaber")
    verbose_name_plural = _("rolle og medlemskaber")


def _mirror(profile: Profile) -> None:
    mirror_role(user=profile.user, role=Role(profile.role) if profile.role else None)


@admin.register(Profile)
class ProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "center_names", "committee_names"]
    list_filter = ["role", "centers", "committees"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    list_select_related = ["user"]
    filter_horizontal = ["centers", "committees"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("centers", "committees")

    @admin.display(description=_("centre"))
    def center_names(self, obj: Profile) -> str:
        return ", ".join(c.name for c in obj.centers.all())

    @admin.display(description=_("udvalg"))
    def committee_names(self, obj: Profile) -> str:
        return ", ".join(c.name for c in obj.committees.all())

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        _mirror(form.instance)


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Tokens are seen here, not made or changed: users make them; revoking is a service."""

    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]
    # No digest: it identifies the secret and is no use to a person.
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Revoked tokens stay, so their history says who made and revoked them.
        return False

    @admin.action(description=_("Tilbagekald de valgte API-nøgler"))
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        revoked = refused = 0
        for token in queryset.select_related("user"):
            try:
                token_revoke(actor=request.user, token=token)
                revoked += 1
            except PermissionDenied:
                refused += 1
        if revoked:
            self.message_user(request, _("%(n)d nøgler er tilbagekaldt.") % {"n": revoked})
        if refused:
            self.message_user(
                request,
                _("%(n)d nøgler er ikke dine; kun ejeren eller en superbruger tilbagekalder dem.")
                % {"n": refused},
                messages.WARNING,
            )


class OpfolgningUserAdmin(UserAdmin):
    """Django's user admin with the role inline; only superusers grant superuser rights."""

    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "email", "role", "is_active"]
    list_filter = ["profile__role", "is_active", "is_staff", "is_superuser"]
    list_select_related = ["profile"]

    @admin.display(description=_("rolle"), ordering="profile__role")
    def role(self, obj: Any) -> str:
        profile = getattr(obj, "profile", None)
        return profile.get_role_display() if profile is not None else ""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if not getattr(request.user, "is_superuser", False):
            # The role (in the inline) decides groups and staff status; a finance officer
            # must not be able to make anyone a superuser.
            readonly += ["is_superuser", "is_staff", "groups", "user_permissions"]
        return readonly

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        profile = Profile.objects.filter(user=form.instance).first()
        if profile is not None:
            _mirror(profile)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, OpfolgningUserAdmin)
