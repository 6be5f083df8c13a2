"""The economy of an initiative: its budget, changes with alternative financing, round figures.

Thin views: the rules live in followup.budget, the writes in agreements.budget_services, the
reads in agreements.budget_selectors.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opfolgning.accounts.permissions import can
from opfolgning.agreements import budget_selectors as bs
from opfolgning.agreements import budget_services as bsv
from opfolgning.agreements import history
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements.models import BudgetChange, Initiative, Submission

from .forms import (
    BudgetChangeForm,
    BudgetForm,
    ChangeDecisionForm,
    EconomyFiguresForm,
    EconomyOverrideForm,
)


def _deny(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _initiative(year: int, number: str) -> Initiative:
    return history.initiative_get(year=year, number=number)


def _years(initiative: Initiative) -> list[int]:
    agreement = initiative.agreement
    return list(range(agreement.first_year, agreement.last_year + 1))


def _page_url(initiative: Initiative) -> str:
    return reverse("web:initiative-economy", args=[initiative.agreement.year, initiative.number])


def _form_errors(request: HttpRequest, form: Any) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def _economy_context(request: HttpRequest, initiative: Initiative, **forms: Any) -> dict[str, Any]:
    user = request.user
    years = _years(initiative)
    view = bs.economy_view(initiative)
    context: dict[str, Any] = {
        "initiative": initiative,
        "years": years,
        "view": view,
        "can_manage": can(user, "agreements.manage_budget", initiative),
        "can_propose": can(user, "agreements.propose_budget_change", initiative),
    }
    if context["can_manage"]:
        context["budget_form"] = forms.get("budget_form") or BudgetForm(
            years=years, initial=view.budget_initial()
        )
        context["decision_form"] = ChangeDecisionForm()
    if context["can_propose"]:
        context["change_form"] = forms.get("change_form") or BudgetChangeForm(years=years)
    return context


@require_safe
def initiative_economy(request: HttpRequest, year: int, number: str) -> HttpResponse:
    """Show an initiative's adopted budget, its changes and the amended budget."""
    initiative = _initiative(year, number)
    if not can(request.user, "agreements.view_budget", initiative):
        return _deny(request)
    return render(request, "web/economy/initiative.html", _economy_context(request, initiative))


@require_POST
def budget_save(request: HttpRequest, year: int, number: str) -> HttpResponse:
    """Store the adopted budget (finance office)."""
    initiative = _initiative(year, number)
    if not can(request.user, "agreements.manage_budget", initiative):
        return _deny(request)
    form = BudgetForm(request.POST, years=_years(initiative))
    if form.is_valid():
        try:
            bsv.budget_set(
                actor=request.user,
                initiative=initiative,
                lines=form.lines(),
                no_money=form.cleaned_data["no_money"],
                reviewed=form.cleaned_data["reviewed"],
            )
        except bsv.BudgetRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Budgettet er gemt."))
            return redirect(_page_url(initiative))
    else:
        _form_errors(request, form)
    context = _economy_context(request, initiative, budget_form=form)
    return render(request, "web/economy/initiative.html", context, status=422)


@require_POST
def change_create(request: HttpRequest, year: int, number: str) -> HttpResponse:
    """Record a proposed budget change with its alternative financing."""
    initiative = _initiative(year, number)
    if not can(request.user, "agreements.propose_budget_change", initiative):
        return _deny(request)
    form = BudgetChangeForm(request.POST, years=_years(initiative))
    if form.is_valid():
        try:
            bsv.change_propose(
                actor=request.user,
                initiative=initiative,
                kind=form.cleaned_data["kind"],
                kind_of_money=form.cleaned_data["kind_of_money"],
                amounts=form.amounts(),
                financing=form.cleaned_data["financing"],
                note=form.cleaned_data["note"],
                round_number=bs.open_round_number(initiative),
            )
        except bsv.BudgetRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Ændringen er registreret som foreslået. Den tæller først, når den er godkendt."),
            )
            return redirect(_page_url(initiative))
    else:
        _form_errors(request, form)
    context = _economy_context(request, initiative, change_form=form)
    return render(request, "web/economy/initiative.html", context, status=422)


@require_POST
def change_decide(request: HttpRequest, year: int, number: str, change_id: int) -> HttpResponse:
    """Record the city council's approval or rejection of a proposed change."""
    initiative = _initiative(year, number)
    if not can(request.user, "agreements.manage_budget", initiative):
        return _deny(request)
    change = BudgetChange.objects.filter(pk=change_id, initiative=initiative).first()
    if change is None:
        raise Http404(f"initiative {number} has no budget change {change_id}")
    form = ChangeDecisionForm(request.POST)
    if form.is_valid():
        decided_on = form.cleaned_data["decided_on"]
        reference = form.cleaned_data["reference"]
        try:
            if form.cleaned_data["action"] == "approve":
                bsv.change_approve(
                    actor=request.user, change=change, decided_on=decided_on, reference=reference
                )
                messages.success(
                    request, _("Ændringen er godkendt og indgår i det korrigerede budget.")
                )
            else:
                bsv.change_reject(
                    actor=request.user, change=change, decided_on=decided_on, reference=reference
                )
                messages.success(request, _("Ændringen er registreret som afvist."))
        except bsv.BudgetRefused as exc:
            messages.error(request, str(exc))
    else:
        _form_errors(request, form)
    return redirect(_page_url(initiative))


def _submission(year: int, round_number: int, number: str) -> Submission:
    return ws.submission_find(year=year, round_number=round_number, number=number)


def status_economy(request: HttpRequest, year: int, round_number: int, number: str) -> HttpResponse:
    """Show and save an initiative's economy figures at a round; the smiley follows the rule."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    submission = _submission(year, round_number, number)
    user = request.user
    may_edit = can(user, "agreements.edit_status", submission)
    may_override = can(user, "agreements.review_status", submission)
    if not can(user, "agreements.view_status_economy", submission):
        return _deny(request)
    initiative, round_obj = submission.initiative, submission.round
    status = bs.economy_status_of(initiative, round_obj)
    figures = EconomyFiguresForm(initial=status.figures_initial())
    override = EconomyOverrideForm(initial=status.override_initial())
    code = 200
    if request.method == "POST":
        if not (may_edit or may_override):
            return _deny(request)
        figures = EconomyFiguresForm(request.POST) if may_edit else figures
        override = EconomyOverrideForm(request.POST) if may_override else override
        # An unbound form (the part this user may not change) is left as it is stored.
        if all(form.is_valid() for form in (figures, override) if form.is_bound):
            values = status.values()
            if may_edit:
                values.update(
                    spent=figures.cleaned_data["spent"],
                    expected=figures.cleaned_data["expected"],
                    saving_achieved=figures.saving(),
                    note=figures.cleaned_data["note"],
                )
            if may_override:
                values.update(
                    officer_smiley=override.cleaned_data["officer_smiley"],
                    officer_note=override.cleaned_data["officer_note"],
                )
            try:
                bsv.economy_figures_save(
                    actor=user, initiative=initiative, round_obj=round_obj, **values
                )
            except bsv.BudgetRefused as exc:
                messages.error(request, str(exc))
                code = 422
            else:
                messages.success(request, _("Økonomien er gemt."))
                return redirect(request.path)
        else:
            _form_errors(request, figures)
            _form_errors(request, override)
            code = 422
    context = {
        "initiative": initiative,
        "round": round_obj,
        "submission": submission,
        "status": status,
        "view": bs.economy_view(initiative, as_of=round_obj.date),
        "years": _years(initiative),
        "figures_form": figures,
        "override_form": override,
        "may_edit": may_edit,
        "may_override": may_override,
    }
    return render(request, "web/economy/status.html", context, status=code)
