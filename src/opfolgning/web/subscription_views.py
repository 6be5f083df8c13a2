"""Follow by e-mail (issue 14): subscribe, confirm (double opt-in) and unsubscribe; no login."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from opfolgning.agreements import public_selectors as ps
from opfolgning.agreements import selectors
from opfolgning.agreements.models import Committee, Initiative
from opfolgning.delivery import subscriptions as subs


class SubscribeForm(forms.Form):
    """The address to send news to."""

    email = forms.EmailField(
        label=_("Din e-mailadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"class": "form-input", "autocomplete": "email"}),
        help_text=_("Du får først en e-mail med et link, som du skal bekræfte."),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest, year: int) -> HttpResponse:
    """Subscribe to a published agreement, one of its committees or one initiative."""
    agreement_public = ps.public_agreement(year=year)
    agreement = selectors.agreement_get(year=year)
    committee_slug = (request.POST.get("udvalg") or request.GET.get("udvalg") or "").strip()
    number = (request.POST.get("indsats") or request.GET.get("indsats") or "").strip()
    committee = None
    initiative = None
    if committee_slug:
        if committee_slug not in dict(agreement_public.committees()):
            raise Http404(f"no published committee {committee_slug!r}")
        committee = Committee.objects.get(slug=committee_slug)
    if number:
        agreement_public.initiative(number)  # NotFound → 404 when it is not published
        initiative = Initiative.objects.get(agreement=agreement, number=number)
    form = SubscribeForm(request.POST or None)
    context = {
        "agreement": agreement_public,
        "committee": committee,
        "initiative": initiative,
        "form": form,
        "sent": False,
    }
    if request.method == "POST" and form.is_valid():
        try:
            subs.subscription_request(
                email=form.cleaned_data["email"],
                agreement=agreement,
                committee=committee,
                initiative=initiative,
                language=get_language() or "da",
            )
        except subs.SubscriptionRefused as exc:
            form.add_error("email", str(exc))
        else:
            context["sent"] = True
    return render(request, "web/public/subscribe.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def subscription_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm a subscription: a page with a button (a mail scanner's GET confirms nothing)."""
    sub = subs.subscription_get(token=token)
    if sub is None:
        return render(request, "web/public/subscription.html", {"unknown": True}, status=404)
    done = False
    if request.method == "POST":
        subs.subscription_confirm(token=token)
        done = True
    context = {"sub": sub, "action": "confirm", "done": done or sub.confirmed_at is not None}
    return render(request, "web/public/subscription.html", context)


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs without a form; the token is the key
@require_http_methods(["GET", "HEAD", "POST"])
def subscription_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Unsubscribe: a page with a button, or one POST from the mail client (RFC 8058,
    "List-Unsubscribe=One-Click"); a GET unsubscribes nobody. Afterwards the link is gone."""
    sub = subs.subscription_get(token=token)
    if request.method == "POST":
        subs.subscription_cancel(token=token)
        return render(request, "web/public/subscription.html", {"action": "cancel", "done": True})
    if sub is None:
        return render(request, "web/public/subscription.html", {"unknown": True}, status=404)
    return render(request, "web/public/subscription.html", {"sub": sub, "action": "cancel"})
