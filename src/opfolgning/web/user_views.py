"""Users in the app (issue 15): the finance office lists them (role, centers, committees,
last sign-in), invites new ones by e-mail and deactivates or reactivates them. The Django
admin stays for technical support only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opfolgning.accounts import selectors as accounts
from opfolgning.accounts import services as account_services
from opfolgning.accounts.models import Role
from opfolgning.accounts.permissions import can
from opfolgning.agreements import setup_selectors as ss
from opfolgning.delivery.invitations import send_invitation

from .forms import AccessForm, InviteForm
from .round_views import _deny

PERM = "accounts.manage_users"


@require_http_methods(["GET", "HEAD"])
def users(request: HttpRequest) -> HttpResponse:
    """The users: name, role, centers or committees, last sign-in, active or not."""
    if not can(request.user, PERM):
        return _deny(request)
    context = {"users": accounts.user_list(), "page": "users"}
    return render(request, "web/users/list.html", context)


def _invite_form(data: dict | None = None) -> InviteForm:
    names = ss.organisation_names()
    manager = get_user_model()._default_manager
    return InviteForm(
        data,
        roles=[(r.value, str(r.label)) for r in Role],
        centers=names.centers,
        committees=names.committees,
        taken=lambda name: manager.filter(username__iexact=name).exists(),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def user_invite(request: HttpRequest) -> HttpResponse:
    """Invite a user: create them without a password and mail them a link to choose one."""
    if not can(request.user, PERM):
        return _deny(request)
    form = _invite_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = account_services.user_create(
                actor=request.user,
                username=data["username"],
                email=data["email"],
                role=Role(data["role"]),
                centers=data["centers"],
                committees=data["committees"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except account_services.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            send_invitation(user=user, invited_by=request.user)
            messages.success(
                request,
                _("%(name)s er inviteret. Invitationen er sendt til %(email)s.")
                % {"name": user.get_full_name(), "email": user.email},
            )
            return redirect("web:users")
    return render(request, "web/users/invite.html", {"form": form, "page": "users"})


@require_POST
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate a user (they can no longer sign in; their history stays) or reactivate."""
    if not can(request.user, PERM):
        return _deny(request)
    user = get_user_model()._default_manager.filter(pk=pk).first()
    if user is None:
        raise Http404("no such user")
    if user.pk == request.user.pk:
        messages.error(request, _("Du kan ikke deaktivere dig selv."))
        return redirect("web:users")
    if request.POST.get("active") == "1":
        account_services.user_reactivate(actor=request.user, user=user)
        messages.success(request, _("%(name)s kan logge ind igen.") % {"name": user.get_username()})
    else:
        account_services.user_deactivate(actor=request.user, user=user)
        messages.success(
            request,
            _("%(name)s er deaktiveret og kan ikke længere logge ind. Historikken bevares.")
            % {"name": user.get_username()},
        )
    return redirect("web:users")


@require_http_methods(["GET", "HEAD", "POST"])
def user_access(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a user's role, and the centers they edit or the committees they read (moving
    an editor to another center, say); the change is kept in the history."""
    if not can(request.user, PERM):
        return _deny(request)
    user = get_user_model()._default_manager.select_related("profile").filter(pk=pk).first()
    if user is None:
        raise Http404("no such user")
    profile = getattr(user, "profile", None)
    initial = {
        "role": getattr(profile, "role", ""),
        "centers": list(profile.centers.values_list("name", flat=True)) if profile else [],
        "committees": list(profile.committees.values_list("name", flat=True)) if profile else [],
    }
    names = ss.organisation_names()
    form = AccessForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        roles=[(r.value, str(r.label)) for r in Role],
        centers=names.centers,
        committees=names.committees,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account_services.user_set_role(
                actor=request.user,
                user=user,
                role=Role(data["role"]),
                centers=data["centers"],
                committees=data["committees"],
            )
        except account_services.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s har nu rollen %(role)s.")
                % {
                    "name": user.get_full_name() or user.get_username(),
                    "role": Role(data["role"]).label,
                },
            )
            return redirect("web:users")
    context = {"form": form, "person": user, "page": "users"}
    return render(request, "web/users/access.html", context, status=400 if form.errors else 200)
