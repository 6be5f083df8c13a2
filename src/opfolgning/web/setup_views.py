"""Setting up a year in the browser (issue 15): a new agreement, its set-up page (themes,
the year's calendar of rounds, initiatives) and initiatives added one by one. For the finance
office only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opfolgning.accounts.permissions import can
from opfolgning.agreements import selectors
from opfolgning.agreements import setup_selectors as ss
from opfolgning.agreements import setup_services as setup
from opfolgning.followup.text import whole_number

from .forms import AgreementForm, InitiativeForm
from .round_views import _deny

PERM = "agreements.setup_agreement"


@require_http_methods(["GET", "HEAD", "POST"])
def agreement_new(request: HttpRequest) -> HttpResponse:
    """Create an agreement: name, year, period and themes; its four rounds come with it."""
    if not can(request.user, PERM):
        return _deny(request)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = setup.agreement_create(
                actor=request.user,
                name=data["name"],
                year=data["year"],
                first_year=data["first_year"],
                last_year=data["last_year"],
                themes=[setup.ThemeFields(n, t) for n, t in data["themes"]],
            )
        except setup.SetupError as exc:
            form.add_error(exc.field or None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s er oprettet med fire opfølgninger. Tilføj nu aftalens indsatser.")
                % {"name": agreement.name},
            )
            return redirect("web:agreement-setup", year=agreement.year)
    return render(request, "web/setup/agreement_new.html", {"form": form, "page": "setup"})


def _initiative_form(data: dict | None = None) -> InitiativeForm:
    names = ss.organisation_names()
    return InitiativeForm(data, centers=names.centers, committees=names.committees)


def _setup_page(
    request: HttpRequest, year: int, form: InitiativeForm, status: int = 200
) -> HttpResponse:
    context = {"setup": ss.agreement_setup(year=year), "form": form, "page": "setup"}
    return render(request, "web/setup/agreement_setup.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def agreement_setup(request: HttpRequest, year: int) -> HttpResponse:
    """The set-up page of an agreement: themes, the calendar of rounds, the initiatives."""
    selectors.agreement_get(year=year)  # 404 before 403: an unknown year is not found
    if not can(request.user, PERM):
        return _deny(request)
    return _setup_page(request, year, _initiative_form())


@require_POST
def initiative_new(request: HttpRequest, year: int) -> HttpResponse:
    """Add one initiative with its planned milestones; errors show on the very field."""
    agreement = selectors.agreement_get(year=year)
    if not can(request.user, PERM):
        return _deny(request)
    form = _initiative_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            initiative = setup.initiative_create(
                actor=request.user,
                agreement=agreement,
                fields=setup.InitiativeFields(
                    number=data["number"],
                    title=data["title"],
                    kind=data["kind"],
                    description=data["description"],
                    center=data["center"],
                    committee=data["committee"],
                    contributors=data["contributors"],
                    involved_committees=data["involved_committees"],
                    milestones=[data[f"milestone_{n}"] for n in (1, 2, 3, 4)],
                ),
            )
        except setup.SetupError as exc:
            form.add_error(exc.field or None, str(exc))
        else:
            messages.success(
                request,
                _("Indsats %(number)s er tilføjet. Sæt dens budget på økonomisiden.")
                % {"number": f"{initiative.number}. {initiative.title}"},
            )
            url = reverse("web:agreement-setup", args=[year])
            return redirect(f"{url}#indsatser")
    return _setup_page(request, year, form, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def carry_over(request: HttpRequest, year: int) -> HttpResponse:
    """Carry initiatives of an earlier agreement over: tick them (or all), renumber any,
    carry them over in one go; all or none."""
    selectors.agreement_get(year=year)
    if not can(request.user, PERM):
        return _deny(request)
    data = request.POST if request.method == "POST" else request.GET
    source_year = whole_number(data.get("fra"))
    choice = ss.carry_over_choice(year=year, source_year=source_year)
    chosen = set(data.getlist("indsats"))
    if request.method == "GET" and data.get("alle"):
        chosen = {str(i.pk) for i in choice.candidates}
    numbers = {str(i.pk): data.get(f"nummer-{i.pk}", "") for i in choice.candidates}
    error = ""
    if request.method == "POST":
        items = [
            setup.CarryOver(i, numbers[str(i.pk)]) for i in choice.candidates if str(i.pk) in chosen
        ]
        try:
            made = setup.initiatives_carry_over(
                actor=request.user, agreement=choice.agreement, items=items
            )
        except setup.SetupError as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _("%(count)d indsatser er videreført fra %(source)s.")
                % {"count": len(made), "source": choice.source},
            )
            return redirect(f"{reverse('web:agreement-setup', args=[year])}#indsatser")
    context = {
        "choice": choice,
        "chosen": chosen,
        "numbers": numbers,
        "error": error,
        "page": "setup",
    }
    return render(request, "web/setup/carry_over.html", context, status=400 if error else 200)
