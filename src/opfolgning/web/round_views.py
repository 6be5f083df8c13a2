"""Pages of the follow-up round: what I owe, status entry, review, the progress board.

Thin: check the permission rule, call a selector or service, render. Every form works
without JavaScript (post, redirect, get); with htmx the status form is swapped in place.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opfolgning.accounts.permissions import can
from opfolgning.accounts.selectors import access_of
from opfolgning.agreements import budget_selectors as bs
from opfolgning.agreements import budget_services as bsv
from opfolgning.agreements import selectors
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import Round, RoundState, Submission, SubmissionState
from opfolgning.delivery import reminders
from opfolgning.followup.rules import FINDING_FIELDS, Finding, Severity

from .forms import (
    CloseForm,
    CorrectForm,
    EconomyFiguresForm,
    ReviewForm,
    RoundCreateForm,
    RoundSettingsForm,
    StatusForm,
    smiley_glyph,
)
from .sheet_views import sheet_actions
from .templatetags.opfolgning_tags import finding_text


def _deny(request: HttpRequest) -> HttpResponse:
    """Send a visitor to the sign-in page; refuse a signed-in user without the right."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _round(year: int, number: int) -> Round:
    return ws.round_get(year=year, number=number)


def _submission(year: int, round_number: int, number: str) -> Submission:
    return ws.submission_find(year=year, round_number=round_number, number=number)


def _submission_allowed(
    request: HttpRequest, year: int, round_number: int, number: str, perm: str
) -> tuple[Submission | None, HttpResponse | None]:
    """Return the initiative's submission if the user has `perm` on it, else the refusal."""
    submission = _submission(year, round_number, number)
    if not can(request.user, perm, submission):
        return None, _deny(request)
    return submission, None


def _center_filter(request: HttpRequest) -> frozenset[int] | None:
    """Return the centers whose initiatives the user reports on (None = all, for finance)."""
    if can(request.user, "agreements.manage_rounds"):
        return None
    return access_of(request.user).center_ids


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field_name, errors in form.errors.items():
        label = form.fields[field_name].label if field_name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def _findings_split(findings: list[Finding]) -> dict[str, list[Finding]]:
    return {
        "errors": [f for f in findings if f.severity is Severity.ERROR],
        "reviews": [f for f in findings if f.severity is not Severity.ERROR],
    }


@require_safe
def my_work(request: HttpRequest) -> HttpResponse:
    """List the open rounds and how many of the user's initiatives still need a status."""
    if not can(request.user, "agreements.view_owed"):
        return _deny(request)
    rounds = ws.open_rounds_for(center_ids=_center_filter(request))
    return render(request, "web/rounds/my_work.html", {"rounds": rounds})


@require_safe
def owed(request: HttpRequest, year: int, round_number: int) -> HttpResponse:
    """List the initiatives the user owes a status for in a round, with the previous round."""
    round_obj = _round(year, round_number)
    if not can(request.user, "agreements.view_owed"):
        return _deny(request)
    state = request.GET.get("tilstand", "")
    states = [state] if state in SubmissionState.values else None
    owed_list = ws.owed_list(
        round_obj=round_obj,
        center_ids=_center_filter(request),
        states=states,
        today=timezone.localdate(),
    )
    context = {
        "round": round_obj,
        "owed": owed_list,
        "rows": owed_list.rows,
        "state": state if states else "",
        "states": SubmissionState.choices,
        "sheet_actions": sheet_actions(request, round_obj),
    }
    return render(request, "web/rounds/owed.html", context)


ECONOMY_PREFIX = "okonomi"


def _walk_states(request: HttpRequest) -> list[str] | None:
    """Return the states the walk through the round is filtered to (?tilstand=), or None."""
    state = request.GET.get("tilstand", "")
    return [state] if state in SubmissionState.values else None


def _walk_url(submission: Submission, number: str, place: ws.Place | None, state: str) -> str:
    """Return the status page of initiative `number`, keeping the walk's filter."""
    round_obj = submission.round
    url = reverse("web:status", args=[round_obj.agreement.year, round_obj.number, number])
    return f"{url}?tilstand={state}" if place is not None and place.filtered and state else url


def _list_url(request: HttpRequest, submission: Submission) -> str:
    """Return where the walk came from: the finance office's board or the editor's list."""
    round_obj = submission.round
    name = "web:round-manage" if can(request.user, "agreements.manage_rounds") else "web:owed"
    url = reverse(name, args=[round_obj.agreement.year, round_obj.number])
    state = request.GET.get("tilstand", "")
    return f"{url}?tilstand={state}" if state in SubmissionState.values else url


def _rule_errors(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Return the broken rules by the form field that mends them ("smiley", "economy" …)."""
    by_field: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity is Severity.ERROR:
            by_field.setdefault(FINDING_FIELDS.get(finding.code, ""), []).append(finding)
    return by_field


# Where the error summary's link for a broken rule goes: the field that mends it.
_FIELD_TARGETS = {
    "smiley": "id_smiley_0",
    "status_note": "id_status_note",
    "corrective_action": "id_corrective_action",
    "economy": "economy-heading",
}


def _has_money(page: ws.StatusPage) -> bool:
    """Return True when the initiative has money whose figures a department reports."""
    return not page.row.initiative.no_money


def _status_context(
    request: HttpRequest,
    place: ws.Place | None,
    page: ws.StatusPage,
    form: StatusForm,
    economy_form: EconomyFiguresForm | None,
    *,
    conflict: wf.EditConflict | None = None,
    error: str = "",
    tried_submit: bool = False,
) -> dict[str, Any]:
    row = page.row
    submission = row.submission
    user = request.user
    may_edit = can(user, "agreements.edit_status", submission)
    may_review = can(user, "agreements.review_status", submission)
    # The finance office reads a status to review it; it edits on the center's behalf on ask.
    # After a post (a save on the center's behalf) the form stays, with what it says.
    reviewing = may_review and request.method != "POST" and request.GET.get("ret") != "1"
    findings = row.findings
    state = request.GET.get("tilstand", "")
    form_errors = [
        (field.id_for_label, field.label, error) for field in form for error in field.errors
    ]
    if economy_form is not None:
        form_errors += [
            (field.id_for_label, field.label, error)
            for field in economy_form
            for error in field.errors
        ]
    # A status not started yet breaks no rule worth showing; a draft does, on its fields.
    show_rules = tried_submit or submission.state != SubmissionState.NOT_STARTED
    rule_errors = _rule_errors(findings) if show_rules else {}
    summary = list(form_errors)
    if tried_submit:
        summary += [
            (_FIELD_TARGETS.get(name, "findings"), "", finding_text(finding))
            for name, found in rule_errors.items()
            for finding in found
        ]
    return {
        "round": submission.round,
        "submission": submission,
        "initiative": row.initiative,
        "row": row,
        "page": page,
        "place": place,
        "previous_url": _walk_url(submission, place.previous, place, state)
        if place and place.previous
        else "",
        "next_url": _walk_url(submission, place.next, place, state) if place and place.next else "",
        "list_url": _list_url(request, submission),
        "walk_query": f"?tilstand={state}" if place and place.filtered and state else "",
        "form": form,
        "economy_form": economy_form,
        "form_errors": form_errors,
        "summary": summary,
        "rule_errors": rule_errors,
        "tried_submit": tried_submit,
        "conflict": conflict,
        "conflict_rows": _conflict_rows(conflict) if conflict else [],
        "error": error,
        "reviewing": reviewing,
        "can_edit": may_edit and not reviewing,
        "can_submit": can(user, "agreements.submit_status", submission),
        "can_review": may_review,
        "review_form": ReviewForm(),
        "glyph": smiley_glyph,
        **_findings_split(findings),
    }


def _conflict_rows(conflict: wf.EditConflict) -> list[tuple[str, str, str, bool]]:
    labels = {
        "text": _("Planlagt milepæl"),
        "status_note": _("Status"),
        "smiley": _("Smiley"),
        "corrective_action": _("Korrigerende handling"),
    }
    return [
        (
            str(label),
            str(conflict.theirs.get(name, "")),
            str(conflict.yours.get(name, "")),
            conflict.theirs.get(name) != conflict.yours.get(name),
        )
        for name, label in labels.items()
    ]


def _render_status(
    request: HttpRequest, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    template = (
        "web/rounds/_status_form.html" if request.htmx else "web/rounds/status.html"  # type: ignore[attr-defined]
    )
    return render(request, template, context, status=status)


def _initial(row: ws.OwedRow) -> dict[str, Any]:
    current = row.current
    return {
        "version": current.version,
        "text": current.text,
        "status_note": current.status_note,
        "smiley": current.smiley,
        "corrective_action": current.corrective_action,
    }


def _plan_editable(request: HttpRequest) -> bool:
    """The planned milestone is the agreement's: only the finance office changes it here."""
    return can(request.user, "agreements.manage_rounds")


def _forms(
    request: HttpRequest, page: ws.StatusPage
) -> tuple[StatusForm, EconomyFiguresForm | None]:
    """Return the status form and the economy figures form filled with what is stored."""
    form = StatusForm(initial=_initial(page.row), plan_editable=_plan_editable(request))
    economy = (
        EconomyFiguresForm(
            prefix=ECONOMY_PREFIX, initial=page.economy_status.figures_initial(), inline=True
        )
        if _has_money(page)
        else None
    )
    return form, economy


def _placed(
    request: HttpRequest, year: int, round_number: int, number: str
) -> tuple[Submission, ws.Place | None]:
    return ws.submission_placed(
        year=year,
        round_number=round_number,
        number=number,
        center_ids=_center_filter(request),
        states=_walk_states(request),
    )


def status(request: HttpRequest, year: int, round_number: int, number: str) -> HttpResponse:
    """Show and save one initiative's status and economy in a round, as a walk through it.

    The page says where the initiative stands ("4 af 9") and links the previous and next
    initiative, filtered as the list was. The finance office reviews here; a department
    writes its status and figures, then submits and goes on to the next initiative.
    """
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    submission, place = _placed(request, year, round_number, number)
    user = request.user
    if not can(user, "agreements.view_status", submission):
        return _deny(request)
    if request.method == "POST":
        if not can(user, "agreements.edit_status", submission):
            return _deny(request)
        return _status_post(request, submission, place)
    page = ws.status_page(submission=submission)
    form, economy_form = _forms(request, page)
    return _render_status(request, _status_context(request, place, page, form, economy_form))


def _economy_values(
    submission: Submission, economy_form: EconomyFiguresForm | None
) -> dict[str, Any] | None:
    """Return the figures to store when the department changed them, else None (unchanged)."""
    if economy_form is None or not economy_form.has_changed():
        return None
    stored = bs.economy_status_of(submission.initiative, submission.round).values()
    stored.update(
        spent=economy_form.cleaned_data["spent"],
        expected=economy_form.cleaned_data["expected"],
        saving_achieved=economy_form.saving(),
        note=economy_form.cleaned_data["note"],
    )
    return stored


def _status_post(
    request: HttpRequest, submission: Submission, place: ws.Place | None
) -> HttpResponse:
    form = StatusForm(request.POST, plan_editable=_plan_editable(request))
    economy_form = (
        None
        if submission.initiative.no_money
        else EconomyFiguresForm(request.POST, prefix=ECONOMY_PREFIX, inline=True)
    )
    wants_submit = "submit" in request.POST

    def again(code: int, **extra: Any) -> HttpResponse:
        page = ws.status_page(submission=submission)
        context = _status_context(
            request, place, page, extra.pop("form", form), economy_form, **extra
        )
        return _render_status(request, context, status=code)

    if not all(f.is_valid() for f in (form, economy_form) if f is not None):
        return again(422, tried_submit=wants_submit)
    data = form.cleaned_data
    try:
        result = wf.report_save(
            actor=request.user,
            submission=submission,
            base_version=data["version"],
            text=form.planned(),
            status_note=data["status_note"] or "",
            smiley=data["smiley"] or "",
            corrective_action=data["corrective_action"] or "",
            economy=_economy_values(submission, economy_form),
        )
    except wf.EditConflict as conflict:
        fresh = StatusForm(
            initial={**conflict.theirs, "version": conflict.their_version},
            plan_editable=_plan_editable(request),
        )
        return again(409, form=fresh, conflict=conflict)
    except bsv.BudgetRefused as exc:
        assert economy_form is not None
        english = (get_language() or "").startswith("en")
        for problem in exc.problems:
            name = problem.where if problem.where in economy_form.fields else None
            economy_form.add_error(name, problem.message_en if english else problem.message_da)
        return again(422)
    except wf.WorkflowError as exc:
        return again(409, error=str(exc))
    was_submitted = submission.state == SubmissionState.SUBMITTED
    saved = result.submission
    # One read of the saved initiative serves the rule check, the message and the fresh page.
    page = ws.status_page(submission=saved)
    row = page.row
    submitted = False
    if wants_submit and not row.errors:
        if saved.state == SubmissionState.SUBMITTED:
            submitted = True  # unchanged: it stays submitted
        else:
            try:
                saved = wf.status_submit(actor=request.user, submission=saved).submission
                row.submission = saved
                submitted = True
            except wf.WorkflowError as exc:
                messages.error(request, str(exc))
    number = saved.initiative.number
    if submitted:
        if place is not None:
            done = place.done + (0 if was_submitted else 1)
            messages.success(
                request,
                _("%(number)s er indsendt til økonomi (%(done)d af %(total)d indsendt).")
                % {"number": number, "done": done, "total": place.total},
            )
        else:
            messages.success(request, _("%(number)s er indsendt til økonomi.") % {"number": number})
    elif row.errors:
        messages.warning(
            request,
            _("%(number)s er gemt som kladde, men der mangler noget, før den kan indsendes.")
            % {"number": number},
        )
    elif was_submitted and saved.state == SubmissionState.DRAFT:
        messages.warning(
            request,
            _(
                "%(number)s er gemt som kladde, og indsendelsen er trukket tilbage. Indsend igen, "
                "når den er klar."
            )
            % {"number": number},
        )
    else:
        messages.success(request, _("%(number)s er gemt som kladde.") % {"number": number})
    if submitted and request.POST.get("submit") == "next":
        state = request.GET.get("tilstand", "")
        target = (
            _walk_url(saved, place.next, place, state)
            if place is not None and place.next
            else _list_url(request, saved)
        )
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
    if request.htmx:  # type: ignore[attr-defined]
        fresh_place = place
        if place is not None and submitted and not was_submitted:
            fresh_place = dataclasses.replace(place, done=place.done + 1)
        fresh_form, fresh_economy = _forms(request, page)
        context = _status_context(
            request,
            fresh_place,
            page,
            fresh_form,
            fresh_economy,
            tried_submit=wants_submit and not submitted,
        )
        return _render_status(request, context)
    return redirect(request.get_full_path())


@require_POST
def status_check(request: HttpRequest, year: int, round_number: int, number: str) -> HttpResponse:
    """Return the rule findings the form's values would have, without saving (as they type)."""
    submission, denied = _submission_allowed(
        request, year, round_number, number, "agreements.edit_status"
    )
    if submission is None:
        return denied or _deny(request)
    form = StatusForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    findings = ws.status_preview(
        submission=submission,
        text=data.get("text") or "",
        status_note=data.get("status_note") or "",
        smiley=data.get("smiley") or "",
        corrective_action=data.get("corrective_action") or "",
    )
    return render(request, "web/rounds/_findings.html", _findings_split(findings))


@require_POST
def status_submit(request: HttpRequest, year: int, round_number: int, number: str) -> HttpResponse:
    """Submit an initiative's status for review."""
    submission, denied = _submission_allowed(
        request, year, round_number, number, "agreements.submit_status"
    )
    if submission is None:
        return denied or _deny(request)
    try:
        wf.status_submit(actor=request.user, submission=submission)
        messages.success(request, _("Indberetningen er sendt til økonomi."))
    except wf.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("web:status", year=year, round_number=round_number, number=number)


@require_POST
def status_review(request: HttpRequest, year: int, round_number: int, number: str) -> HttpResponse:
    """Approve a submitted status or return it to the center with a comment."""
    submission, denied = _submission_allowed(
        request, year, round_number, number, "agreements.review_status"
    )
    if submission is None:
        return denied or _deny(request)
    # Where the walk goes on from, read before the decision moves it out of the filter. The
    # next one is the next awaiting review: a walk without a filter (from the board's links)
    # would otherwise go on to statuses that are not submitted, one click each.
    place = None
    if request.POST.get("next") == "walk":
        _found, place = ws.submission_placed(
            year=year,
            round_number=round_number,
            number=number,
            states=_walk_states(request) or [SubmissionState.SUBMITTED],
        )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg godkend eller send retur."))
        return redirect("web:status", year=year, round_number=round_number, number=number)
    try:
        if form.cleaned_data["action"] == "approve":
            wf.status_approve(
                actor=request.user, submission=submission, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("%(number)s er godkendt.") % {"number": number})
        else:
            wf.status_return(
                actor=request.user, submission=submission, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("%(number)s er sendt retur.") % {"number": number})
    except wf.WorkflowError as exc:
        messages.error(request, str(exc))
    nxt = request.POST.get("next", "")
    if nxt == "walk":
        if place is not None and place.next:
            return redirect(
                _walk_url(submission, place.next, place, request.GET.get("tilstand", ""))
            )
        return redirect(_list_url(request, submission))
    if nxt == "board":
        return redirect("web:round-manage", year=year, round_number=round_number)
    return redirect("web:status", year=year, round_number=round_number, number=number)


@require_safe
def round_manage(request: HttpRequest, year: int, round_number: int) -> HttpResponse:
    """The finance office's board for a round: progress, findings, settings, close, publish."""
    round_obj = _round(year, round_number)
    if not can(request.user, "agreements.view_progress", round_obj):
        return _deny(request)
    state = request.GET.get("tilstand", "")
    states = [state] if state in SubmissionState.values else None
    board, close_check = ws.progress_board_and_close_check(round_obj=round_obj, states=states)
    context = {
        "round": round_obj,
        "board": board,
        "board_tables": [
            (_("Pr. center"), board.by_center, True),
            (_("Pr. udvalg"), board.by_committee, False),
        ],
        "state": state if states else "",
        "settings_form": RoundSettingsForm(
            initial={
                "label": round_obj.label,
                "deadline": round_obj.deadline,
                "date": round_obj.date,
                "meeting_date": round_obj.meeting_date,
            }
        ),
        "close_check": close_check,
        "snapshots": round_obj.snapshots.order_by("scope", "-version").defer("document"),
        "sheet_actions": sheet_actions(request, round_obj),
    }
    return render(request, "web/rounds/manage.html", context)


def _manage_redirect(round_obj: Round, state: str = "") -> HttpResponse:
    url = reverse("web:round-manage", args=[round_obj.agreement.year, round_obj.number])
    if state in SubmissionState.values:
        url += "?" + urlencode({"tilstand": state})
    return redirect(url)


RoundAction = Callable[..., None]


def _round_action(action: RoundAction) -> Callable[[HttpRequest, int, int], HttpResponse]:
    """Make a finance officer's POST on a round: check the rule, act, report, back to the board.

    The action writes its success message; a refused action (WorkflowError) becomes an error
    message. Either way the officer lands on the round's board again.
    """

    @require_POST
    @functools.wraps(action)
    def view(request: HttpRequest, year: int, round_number: int, **kwargs: Any) -> HttpResponse:
        round_obj = _round(year, round_number)
        if not can(request.user, "agreements.manage_rounds"):
            return _deny(request)
        try:
            action(request, round_obj, **kwargs)
        except (wf.WorkflowError, reminders.ReminderRefused) as exc:
            messages.error(request, str(exc))
        return _manage_redirect(round_obj, request.POST.get("tilstand", ""))

    return view


@_round_action
def round_settings(request: HttpRequest, round_obj: Round) -> None:
    """Save a round's label, deadline and report date."""
    form = RoundSettingsForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return
    wf.round_update(actor=request.user, round_obj=round_obj, **form.cleaned_data)
    messages.success(request, _("Opfølgningen er gemt."))


@_round_action
def round_open(request: HttpRequest, round_obj: Round) -> None:
    """Open a planned round for the departments."""
    carried = wf.round_open(actor=request.user, round_obj=round_obj)
    messages.success(
        request,
        _("Opfølgningen er åbnet. %(count)d glade smileyer er ført videre.") % {"count": carried},
    )


@_round_action
def round_approve(request: HttpRequest, round_obj: Round) -> None:
    """Approve the ticked submitted statuses, or all submitted ones whose rules pass."""
    numbers = None if request.POST.get("alle") else request.POST.getlist("indsats")
    if numbers == []:
        messages.error(request, _("Vælg de indsatser, der skal godkendes."))
        return
    run = wf.status_approve_many(actor=request.user, round_obj=round_obj, numbers=numbers)
    if run.approved:
        messages.success(
            request,
            ngettext(
                "%(count)d indsats er godkendt: %(numbers)s.",
                "%(count)d indsatser er godkendt: %(numbers)s.",
                len(run.approved),
            )
            % {"count": len(run.approved), "numbers": ", ".join(run.approved)},
        )
    elif not run.refused:
        messages.info(request, _("Der er ingen indsendte indsatser at godkende."))
    for number, reason in run.refused:
        messages.warning(
            request,
            _("%(number)s er ikke godkendt: %(reason)s") % {"number": number, "reason": reason},
        )


@_round_action
def round_remind(request: HttpRequest, round_obj: Round, center_id: int) -> None:
    """E-mail a reminder now to one center's editors who still owe something in the round."""
    run = reminders.reminders_send_center(
        round_obj=round_obj, center_id=center_id, today=timezone.localdate(), actor=request.user
    )
    names = ", ".join(r.user.get_full_name() or r.user.get_username() for r in run.queued)
    if run.queued:
        messages.success(
            request,
            ngettext(
                "Påmindelsen er sendt til %(count)d redaktør: %(names)s.",
                "Påmindelsen er sendt til %(count)d redaktører: %(names)s.",
                len(run.queued),
            )
            % {"count": len(run.queued), "names": names},
        )
    if run.already_sent:
        messages.info(
            request,
            _("Allerede mindet om det i dag: %(names)s.")
            % {"names": ", ".join(r.user.get_username() for r in run.already_sent)},
        )
    if run.no_email:
        messages.warning(
            request,
            _("Uden e-mailadresse, ikke mindet: %(names)s.")
            % {"names": ", ".join(r.user.get_username() for r in run.no_email)},
        )
    if not (run.queued or run.already_sent or run.no_email):
        messages.info(request, _("Centret har ingen redaktører, der mangler at indsende."))


# Closing, publishing and a new version each show what will happen first (a page, no
# JavaScript needed); the page's form posts to the same address, which acts.

_CONFIRMS: dict[str, tuple[Callable[[Round], bool], Any, Any]] = {
    # action: (the state it needs, the page's heading, the button)
    "close": (
        lambda r: r.is_open,
        gettext_lazy("Luk opfølgningen: %(round)s?"),
        gettext_lazy("Luk opfølgningen og frys rapporterne"),
    ),
    "publish": (
        lambda r: r.state == RoundState.CLOSED,
        gettext_lazy("Offentliggør opfølgningen: %(round)s?"),
        gettext_lazy("Offentliggør"),
    ),
    "correct": (
        lambda r: r.is_frozen,
        gettext_lazy("Ny version af rapporterne: %(round)s?"),
        gettext_lazy("Lav ny version"),
    ),
}


def _confirm_page(
    request: HttpRequest, round_obj: Round, action: str, form: Any = None
) -> HttpResponse:
    _needs, heading, button = _CONFIRMS[action]
    preview = ws.round_preview(round_obj=round_obj, action=action)
    if form is None:
        form = CorrectForm() if action == "correct" else CloseForm()
    context = {
        "round": round_obj,
        "action": action,
        "heading": str(heading) % {"round": round_obj},
        "button": button,
        "preview": preview,
        "form": form,
        "states": [(value, label) for value, label in SubmissionState.choices],
        "url": reverse(f"web:round-{action}", args=[round_obj.agreement.year, round_obj.number]),
    }
    return render(request, "web/rounds/confirm.html", context)


def _confirmed_action(action: str) -> Callable[[HttpRequest, int, int], HttpResponse]:
    def view(request: HttpRequest, year: int, round_number: int) -> HttpResponse:
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
        round_obj = _round(year, round_number)
        if not can(request.user, "agreements.manage_rounds"):
            return _deny(request)
        needs = _CONFIRMS[action][0]
        if request.method != "POST":
            if not needs(round_obj):
                messages.error(
                    request,
                    _("%(round)s er %(state)s; det kan ikke gøres nu.")
                    % {"round": round_obj, "state": round_obj.get_state_display()},
                )
                return _manage_redirect(round_obj)
            return _confirm_page(request, round_obj, action)
        form = CorrectForm(request.POST) if action == "correct" else CloseForm(request.POST)
        if not form.is_valid():
            if action == "correct":
                messages.error(request, _("Skriv, hvad rettelsen drejer sig om."))
            return _confirm_page(request, round_obj, action, form)
        try:
            _ACTIONS[action](request, round_obj, form.cleaned_data)
        except wf.WorkflowError as exc:
            messages.error(request, str(exc))
            if action == "close":
                form.add_error("override_reason", str(exc))  # shown on the very field
            if needs(round_obj):
                return _confirm_page(request, round_obj, action, form)
        return _manage_redirect(round_obj)

    view.__name__ = f"round_{action}"
    view.__doc__ = f"Confirm, then {action} a round (the finance office)."
    return view


def _close(request: HttpRequest, round_obj: Round, data: dict[str, Any]) -> None:
    written = wf.round_close(
        actor=request.user, round_obj=round_obj, override_reason=data.get("override_reason", "")
    )
    messages.success(
        request,
        _("Opfølgningen er lukket, og %(count)d rapporter er frosset.") % {"count": written},
    )


def _publish(request: HttpRequest, round_obj: Round, data: dict[str, Any]) -> None:
    wf.round_publish(actor=request.user, round_obj=round_obj)
    messages.success(request, _("Opfølgningen er offentliggjort."))


def _correct(request: HttpRequest, round_obj: Round, data: dict[str, Any]) -> None:
    made = wf.round_correct(actor=request.user, round_obj=round_obj, reason=data["reason"])
    if made:
        messages.success(
            request, _("%(count)d rapporter har fået en ny version.") % {"count": made}
        )
    else:
        messages.info(request, _("Ingen rapporter er ændret; der er ikke lavet nye versioner."))


_ACTIONS: dict[str, Callable[[HttpRequest, Round, dict[str, Any]], None]] = {
    "close": _close,
    "publish": _publish,
    "correct": _correct,
}
round_close = _confirmed_action("close")
round_publish = _confirmed_action("publish")
round_correct = _confirmed_action("correct")


@require_POST
def round_create(request: HttpRequest, year: int) -> HttpResponse:
    """Create a round of an agreement."""
    agreement = selectors.agreement_get(year=year)
    if not can(request.user, "agreements.manage_rounds"):
        return _deny(request)
    form = RoundCreateForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("web:agreement", year=year)
    try:
        round_obj = wf.round_create(actor=request.user, agreement=agreement, **form.cleaned_data)
    except wf.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("web:agreement", year=year)
    messages.success(request, _("Opfølgningen er oprettet."))
    return redirect(reverse("web:round-manage", args=[year, round_obj.number]))
