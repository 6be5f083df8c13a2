"""Pages of the follow-up round: what I owe, status entry, review, the progress board.

Thin: check the permission rule, call a selector or service, render. Every form works
without JavaScript (post, redirect, get); with htmx the status form is swapped in place.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from opfolgning.accounts.permissions import can
from opfolgning.accounts.selectors import access_of
from opfolgning.agreements import selectors
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import Round, RoundState, Submission, SubmissionState
from opfolgning.followup.rules import Finding, Severity

from .forms import (
    CloseForm,
    CorrectForm,
    ReviewForm,
    RoundCreateForm,
    RoundSettingsForm,
    StatusForm,
    smiley_glyph,
)
from .sheet_views import sheet_actions


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
    rows = ws.owed_rows(round_obj=round_obj, center_ids=_center_filter(request), states=states)
    context = {
        "round": round_obj,
        "rows": rows,
        "state": state if states else "",
        "states": SubmissionState.choices,
        "sheet_actions": sheet_actions(request, round_obj),
    }
    return render(request, "web/rounds/owed.html", context)


def _status_context(
    request: HttpRequest,
    submission: Submission,
    form: StatusForm,
    findings: list[Finding],
    conflict: wf.EditConflict | None = None,
    row: ws.OwedRow | None = None,
) -> dict[str, Any]:
    row = row or ws.owed_row(submission=submission)
    user = request.user
    return {
        "round": submission.round,
        "submission": submission,
        "initiative": submission.initiative,
        "row": row,
        "form": form,
        "conflict": conflict,
        "conflict_rows": _conflict_rows(conflict) if conflict else [],
        "can_edit": can(user, "agreements.edit_status", submission),
        "can_submit": can(user, "agreements.submit_status", submission),
        "can_review": can(user, "agreements.review_status", submission),
        "review_form": ReviewForm(),
        "glyph": smiley_glyph,
        **_findings_split(findings),
    }


def _conflict_rows(conflict: wf.EditConflict) -> list[tuple[str, str, str, bool]]:
    labels = {
        "text": _("Milepæl"),
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


def _initial(row: ws.OwedRow | None) -> dict[str, Any]:
    current = row.current if row else ws.MilestoneView()
    return {
        "version": current.version,
        "text": current.text,
        "status_note": current.status_note,
        "smiley": current.smiley,
        "corrective_action": current.corrective_action,
    }


def status(request: HttpRequest, year: int, round_number: int, number: str) -> HttpResponse:
    """Show and save one initiative's status in a round (htmx swaps the form in place)."""
    submission = _submission(year, round_number, number)
    user = request.user
    may_edit = can(user, "agreements.edit_status", submission)
    may_see = can(user, "agreements.view_status", submission)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    if not may_see:
        return _deny(request)
    if request.method == "POST":
        if not may_edit:
            return _deny(request)
        return _status_post(request, submission)
    row = ws.owed_row(submission=submission, loaded=True)
    form = StatusForm(initial=_initial(row))
    findings = row.findings
    return _render_status(request, _status_context(request, submission, form, findings, row=row))


def _status_post(request: HttpRequest, submission: Submission) -> HttpResponse:
    form = StatusForm(request.POST)
    if not form.is_valid():
        context = _status_context(request, submission, form, [])
        return _render_status(request, context, status=422)
    values = {k: form.cleaned_data[k] or "" for k in ("text", "status_note", "smiley")}
    values["corrective_action"] = form.cleaned_data["corrective_action"] or ""
    try:
        result = wf.status_save(
            actor=request.user,
            submission=submission,
            base_version=form.cleaned_data["version"],
            **values,
        )
    except wf.EditConflict as conflict:
        fresh = StatusForm(
            initial={**conflict.theirs, "version": conflict.their_version},
        )
        context = _status_context(request, submission, fresh, [], conflict=conflict)
        return _render_status(request, context, status=409)
    except wf.WorkflowError as exc:
        context = _status_context(request, submission, form, [])
        context["error"] = str(exc)
        return _render_status(request, context, status=409)
    # The saved submission (read under the lock, with its relations) and one read of the
    # initiative serve the rule check, the message and the fresh form.
    row = ws.owed_row(submission=result.submission, loaded=True)
    submitted = False
    if "submit" in request.POST and not row.errors:
        try:
            submitted_result = wf.status_submit(actor=request.user, submission=result.submission)
            submitted = True
            row = ws.owed_row(submission=submitted_result.submission, loaded=True)
        except wf.WorkflowError as exc:
            messages.error(request, str(exc))
    if submitted:
        messages.success(request, _("Status er gemt og indsendt til økonomi."))
    elif row.errors:
        messages.warning(
            request, _("Status er gemt som kladde, men der mangler noget, før den kan indsendes.")
        )
    else:
        messages.success(request, _("Status er gemt som kladde."))
    if request.htmx:  # type: ignore[attr-defined]
        fresh = StatusForm(initial=_initial(row))
        context = _status_context(request, row.submission, fresh, row.findings, row=row)
        return _render_status(request, context)
    return redirect(request.path)


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
    board = ws.progress_board(round_obj=round_obj, states=states)
    context = {
        "round": round_obj,
        "board": board,
        "board_tables": [(_("Pr. center"), board.by_center), (_("Pr. udvalg"), board.by_committee)],
        "state": state if states else "",
        "settings_form": RoundSettingsForm(
            initial={
                "label": round_obj.label,
                "deadline": round_obj.deadline,
                "date": round_obj.date,
                "meeting_date": round_obj.meeting_date,
            }
        ),
        "close_check": ws.round_close_check(round_obj=round_obj) if round_obj.is_open else None,
        "snapshots": round_obj.snapshots.order_by("scope", "-version").defer("document"),
        "sheet_actions": sheet_actions(request, round_obj),
    }
    return render(request, "web/rounds/manage.html", context)


def _manage_redirect(round_obj: Round) -> HttpResponse:
    return redirect(
        "web:round-manage", year=round_obj.agreement.year, round_number=round_obj.number
    )


RoundAction = Callable[[HttpRequest, Round], None]


def _round_action(action: RoundAction) -> Callable[[HttpRequest, int, int], HttpResponse]:
    """Make a finance officer's POST on a round: check the rule, act, report, back to the board.

    The action writes its success message; a refused action (WorkflowError) becomes an error
    message. Either way the officer lands on the round's board again.
    """

    @require_POST
    @functools.wraps(action)
    def view(request: HttpRequest, year: int, round_number: int) -> HttpResponse:
        round_obj = _round(year, round_number)
        if not can(request.user, "agreements.manage_rounds"):
            return _deny(request)
        try:
            action(request, round_obj)
        except wf.WorkflowError as exc:
            messages.error(request, str(exc))
        return _manage_redirect(round_obj)

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
