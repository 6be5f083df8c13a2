"""Pages for personal API tokens under /konto/api-noegler/: list, create, revoke."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .models import ApiToken
from .selectors import access_of
from .tokens import TokenError, token_create, token_revoke, tokens_of


class TokenForm(forms.Form):
    """A new token's name and optional last day."""

    name = forms.CharField(
        label=gettext_lazy("Navn"),
        max_length=100,
        help_text=gettext_lazy("Hvad nøglen bruges til, fx “Intranettets visning af indsatser”."),
        error_messages={
            "required": gettext_lazy("Giv nøglen et navn, fx hvad eller hvem den bruges af."),
            "max_length": gettext_lazy("Navnet må højst være 100 tegn."),
        },
    )
    expires = forms.DateField(
        label=gettext_lazy("Sidste gyldige dag (valgfri)"),
        required=False,
        help_text=gettext_lazy("Tom: nøglen virker, til du tilbagekalder den."),
        error_messages={"invalid": gettext_lazy("Skriv datoen som åååå-mm-dd, fx 2026-12-31.")},
    )

    def clean_expires(self) -> dt.date | None:
        """Refuse a last day before today."""
        day: dt.date | None = self.cleaned_data.get("expires")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("Den sidste gyldige dag kan ikke ligge før i dag."))
        return day

    def expires_at(self) -> dt.datetime | None:
        """Return the moment the token stops working: the end of the chosen day, local time."""
        day: dt.date | None = self.cleaned_data.get("expires")
        if day is None:
            return None
        next_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
        return timezone.make_aware(next_day)


@dataclass(frozen=True)
class TokenRow:
    """A token in the list with its state in words."""

    token: ApiToken
    live: bool
    state: str


def _rows(user: Any) -> list[TokenRow]:
    now = timezone.now()
    rows = []
    for token in tokens_of(user):
        if token.revoked_at is not None:
            state = _("Tilbagekaldt")
        elif token.expires_at is not None and token.expires_at <= now:
            state = _("Udløbet")
        else:
            state = _("Aktiv")
        rows.append(TokenRow(token=token, live=token.is_live(now), state=state))
    return rows


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/tokens_forbidden.html", status=403)


@never_cache  # the page shows a new secret once; no cache may keep it
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List the user's API tokens and create a new one (its secret shown in this response)."""
    if not access_of(request.user).is_staff_role:
        return _forbidden(request)
    secret = ""
    created: ApiToken | None = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                created, secret = token_create(
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    expires_at=form.expires_at(),
                )
            except TokenError as exc:
                form.add_error(None, str(exc))
            else:
                form = TokenForm()
    else:
        form = TokenForm()
    context = {"form": form, "rows": _rows(request.user), "secret": secret, "created": created}
    # 422 for a form with errors, as the other form pages answer.
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask to confirm, then revoke one of the user's tokens."""
    if not access_of(request.user).is_staff_role:
        return _forbidden(request)
    token = get_object_or_404(ApiToken, pk=pk)
    if token.user_id != request.user.pk and not request.user.is_superuser:
        # Someone else's token is answered as a missing one: the answer tells no one which
        # token ids exist, and the confirmation page shows no other user's token name.
        raise Http404
    if request.method == "GET" or request.POST.get("bekraeft") != "1":
        return render(request, "accounts/tokens_revoke.html", {"token": token})
    token_revoke(actor=request.user, token=token)
    messages.success(
        request, _("Nøglen “%(name)s” er tilbagekaldt og virker ikke mere.") % {"name": token.name}
    )
    return redirect("api_tokens")
