"""Writes of the follow-up round: open, enter statuses, submit, review, close, publish.

One function per action, keyword-only `actor`, in a transaction; simple-history records who
and when on every row. Permission checks belong to the callers (views, API, commands); these
functions enforce the round's own invariants (state machine, optimistic locking, rules).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import timezone

from opfolgning.followup.audience import published_statuses
from opfolgning.followup.document import fingerprint
from opfolgning.followup.rules import Finding, Severity, effective_smileys, initiative_findings
from opfolgning.followup.smileys import Smiley
from opfolgning.followup.text import without_controls

from . import selectors
from .audit import Actor, audited_save, change_set, user_of
from .budget_services import economy_figures_save
from .models import (
    Agreement,
    EffortSmiley,
    Initiative,
    Milestone,
    ReportSnapshot,
    Round,
    RoundState,
    Submission,
    SubmissionState,
)
from .signals import round_published, status_returned
from .workflow_selectors import ROW_RELATED, owed_rows, round_close_check, snapshot_scopes


class WorkflowError(Exception):
    """An action the round's state or rules do not allow; the message says what to do."""


@dataclass
class EditConflict(WorkflowError):
    """Someone else saved the milestone since this form was opened; nothing was overwritten."""

    theirs: dict[str, Any]
    yours: dict[str, Any]
    their_version: int
    changed_by: str = ""

    def __str__(self) -> str:
        who = f" af {self.changed_by}" if self.changed_by else ""
        return (
            f"Indsatsen er gemt{who}, efter du åbnede formularen. Din ændring er ikke gemt; "
            "sammenlign de to udgaver, og gem igen."
        )


@dataclass
class SaveResult:
    """The saved milestone and submission, and the rule findings at this round."""

    milestone: Milestone
    submission: Submission
    known_findings: list[Finding] | None = None

    @cached_property
    def findings(self) -> list[Finding]:
        """Return the rule findings at the round, read when first asked (a page reads its own)."""
        if self.known_findings is not None:
            return self.known_findings
        return _findings_at(self.submission.initiative, self.submission.round)

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that break a rule (not those merely to review)."""
        return [f for f in self.findings if f.severity is Severity.ERROR]


EDITABLE_FIELDS = ("text", "status_note", "smiley", "corrective_action")


def round_update(
    *,
    actor: Actor,
    round_obj: Round,
    label: str | None = None,
    deadline: dt.date | None = None,
    date: dt.date | None = None,
    meeting_date: dt.date | None = None,
) -> Round:
    """Set a round's label, deadline, report date and meeting date; a frozen round keeps its
    report date."""
    with transaction.atomic():
        round_obj = Round.objects.select_for_update().get(pk=round_obj.pk)
        if round_obj.is_frozen and date is not None and date != round_obj.date:
            raise WorkflowError(
                f"{round_obj} er lukket; rapportdatoen kan ikke ændres. Lav en rettelse i stedet."
            )
        if label is not None:
            round_obj.label = label.strip()
        round_obj.deadline = deadline
        if date is not None:
            round_obj.date = date
        round_obj.meeting_date = meeting_date
        audited_save(round_obj, actor, "Opfølgningen er ændret")
    return round_obj


def round_create(
    *,
    actor: Actor,
    agreement: Agreement,
    number: int,
    label: str = "",
    deadline: dt.date | None = None,
    date: dt.date | None = None,
    meeting_date: dt.date | None = None,
) -> Round:
    """Create a planned round of an agreement (1-4); refuse a number that exists."""
    if number not in (1, 2, 3, 4):
        raise WorkflowError(
            "En opfølgning har nummer 1, 2, 3 eller 4 (4 = opfølgningen pr. 31.12)."
        )
    with transaction.atomic():
        if Round.objects.filter(agreement=agreement, number=number).exists():
            raise WorkflowError(f"{agreement} har allerede en {number}. opfølgning.")
        round_obj = Round(
            agreement=agreement,
            number=number,
            label=label.strip(),
            deadline=deadline,
            date=date,
            meeting_date=meeting_date,
            state=RoundState.PLANNED,
        )
        audited_save(round_obj, actor, "Opfølgningen er oprettet")
    return round_obj


def _previous_effective(doc_round: int, milestones: list[Any]) -> Smiley | None:
    if doc_round <= 1:
        return None
    effective = effective_smileys(milestones, current_round=doc_round)
    return effective[doc_round - 2].smiley


@change_set()
def round_open(*, actor: Actor, round_obj: Round) -> int:
    """Open a planned round: one submission per initiative, carry-forward pre-filled.

    Where the rule allows (the previous round's effective smiley is happy and this round
    has no milestone), the milestone is pre-filled happy and marked as carried forward.
    Return the number of initiatives pre-filled.
    """
    with transaction.atomic():
        round_obj = Round.objects.select_for_update().get(pk=round_obj.pk)
        if round_obj.state != RoundState.PLANNED:
            raise WorkflowError(
                f"{round_obj} er {round_obj.get_state_display()}; kun en planlagt opfølgning "
                "kan åbnes."
            )
        open_other = Round.objects.filter(
            agreement_id=round_obj.agreement_id, state=RoundState.OPEN
        ).first()
        if open_other is not None:
            raise WorkflowError(f"{open_other} er stadig åben. Luk den, før {round_obj} åbnes.")
        initiatives = list(Initiative.objects.filter(agreement_id=round_obj.agreement_id))
        existing = set(
            Submission.objects.filter(round=round_obj).values_list("initiative_id", flat=True)
        )
        carried = 0
        docs = {
            ini.number: ini
            for theme in selectors._theme_docs(
                Initiative.objects.filter(agreement_id=round_obj.agreement_id), round_obj
            )
            for ini in theme.initiatives
        }
        milestones = {m.initiative_id: m for m in Milestone.objects.filter(round=round_obj)}
        for initiative in initiatives:
            milestone = milestones.get(initiative.pk)
            has_text = milestone is not None and milestone.text.strip()
            has_smiley = milestone is not None and milestone.smiley
            doc = docs.get(initiative.number)
            previous = (
                _previous_effective(round_obj.number, doc.milestones) if doc is not None else None
            )
            if not has_text and not has_smiley and previous is Smiley.HAPPY:
                if milestone is None:
                    milestone = Milestone(initiative=initiative, round=round_obj)
                milestone.smiley = EffortSmiley.HAPPY
                milestone.carried_forward = True
                audited_save(milestone, actor, "Glad smiley ført videre ved åbning af opfølgningen")
                carried += 1
            if initiative.pk not in existing:
                audited_save(
                    Submission(initiative=initiative, round=round_obj, updated_by=None),
                    actor,
                    "Opfølgningen er åbnet",
                )
        round_obj.state = RoundState.OPEN
        round_obj.opened_at = timezone.now()
        audited_save(round_obj, actor, "Opfølgningen er åbnet")
    return carried


def _milestone_values(milestone: Milestone) -> dict[str, Any]:
    return {name: getattr(milestone, name) for name in EDITABLE_FIELDS}


def _findings_at(initiative: Initiative, round_obj: Round) -> list[Finding]:
    doc = selectors.initiative_document(initiative, round_obj)
    return [
        f
        for f in initiative_findings(doc, current_round=round_obj.number)
        if f.round == round_obj.number
    ]


def status_findings(*, submission: Submission) -> list[Finding]:
    """Return the rule findings of a submission's initiative at its round."""
    return _findings_at(submission.initiative, submission.round)


def _lock(submission: Submission) -> Submission:
    """Return the submission re-read and locked for this transaction, with round and initiative."""
    # of=("self",): PostgreSQL refuses to lock the nullable side of the outer joins, and only
    # the submission row is the lock; the relations come along for the page shown afterwards.
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related(*ROW_RELATED)
        .get(pk=submission.pk)
    )


@change_set()
def status_save(
    *,
    actor: Actor,
    submission: Submission,
    base_version: int,
    text: str | None,
    status_note: str,
    smiley: str,
    corrective_action: str,
) -> SaveResult:
    """Save an initiative's milestone at an open round, refusing a stale form (EditConflict).

    `text` is the planned milestone; None keeps the stored one (a department reports on the
    plan, it does not change it).
    """
    if smiley not in ("", *EffortSmiley.values):
        raise WorkflowError(f"Ukendt smiley {smiley!r}; vælg glad, mellemfornøjet eller sur.")
    # Control characters pasted in with the text are dropped (followup.text.without_controls).
    yours = {
        "text": without_controls(text or "").strip(),
        "status_note": without_controls(status_note).strip(),
        "smiley": smiley,
        "corrective_action": without_controls(corrective_action).strip(),
    }
    with transaction.atomic():
        submission = _lock(submission)
        round_obj = submission.round
        if not round_obj.is_open:
            raise WorkflowError(
                f"{round_obj} er {round_obj.get_state_display()}; der kan kun skrives status, "
                "mens opfølgningen er åben."
            )
        if submission.state == SubmissionState.APPROVED:
            raise WorkflowError(
                f"{submission.initiative.number} er godkendt; bed økonomi om at sende den retur, "
                "hvis den skal ændres."
            )
        milestone = (
            Milestone.objects.select_for_update()
            .filter(initiative=submission.initiative, round=round_obj)
            .first()
        )
        current_version = milestone.version if milestone is not None else 0
        if text is None:
            yours["text"] = milestone.text if milestone is not None else ""
        if base_version != current_version:
            assert milestone is not None  # version 0 means no row; a row means version ≥ 1
            last = milestone.history.order_by("-history_date").first()
            who = ""
            if last is not None and last.history_user is not None:
                who = last.history_user.get_full_name() or last.history_user.get_username()
            raise EditConflict(
                theirs=_milestone_values(milestone),
                yours=yours,
                their_version=current_version,
                changed_by=who,
            )
        if milestone is None:
            milestone = Milestone(initiative=submission.initiative, round=round_obj, version=0)
        changed = _milestone_values(milestone) != yours
        if changed:
            for name, value in yours.items():
                setattr(milestone, name, value)
            # A person has now set the smiley: no longer a guess or a carried pre-fill.
            milestone.needs_review = False
            milestone.glyph = ""
            milestone.carried_forward = (
                milestone.carried_forward and smiley == "happy" and not yours["text"]
            )
            milestone.version = current_version + 1
            audited_save(milestone, actor, "Status er gemt")
        if changed or submission.state == SubmissionState.NOT_STARTED:
            if submission.state != SubmissionState.DRAFT:
                submission.state = SubmissionState.DRAFT
            submission.updated_by = user_of(actor)
            audited_save(submission, actor, "Status er gemt")
    return SaveResult(milestone, submission)


@change_set()
def report_save(
    *,
    actor: Actor,
    submission: Submission,
    base_version: int,
    text: str | None,
    status_note: str,
    smiley: str,
    corrective_action: str,
    economy: dict[str, Any] | None = None,
) -> SaveResult:
    """Save an initiative's status and, if given, its economy figures, all or nothing.

    `economy` holds budget_services.economy_figures_save's figures; a refusal of either
    (EditConflict, WorkflowError, BudgetRefused) leaves both as they were stored.
    """
    status: dict[str, Any] = {
        "actor": actor,
        "submission": submission,
        "base_version": base_version,
        "text": text,
        "status_note": status_note,
        "smiley": smiley,
        "corrective_action": corrective_action,
    }
    if economy is None:
        return status_save(**status)
    with transaction.atomic():
        result = status_save(**status)
        economy_figures_save(
            actor=actor,
            initiative=result.submission.initiative,
            round_obj=result.submission.round,
            **economy,
        )
    return result


@change_set()
def status_submit(*, actor: Actor, submission: Submission) -> SaveResult:
    """Submit an initiative's status for review; refused while a rule is broken."""
    with transaction.atomic():
        submission = _lock(submission)
        if not submission.round.is_open:
            raise WorkflowError(f"{submission.round} er ikke åben; der kan ikke indsendes.")
        if submission.state not in (
            SubmissionState.NOT_STARTED,
            SubmissionState.DRAFT,
            SubmissionState.RETURNED,
        ):
            raise WorkflowError(
                f"{submission.initiative.number} er allerede {submission.get_state_display()}."
            )
        findings = _findings_at(submission.initiative, submission.round)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            raise WorkflowError(
                "Indberetningen kan ikke indsendes endnu: " + " ".join(f.message_da for f in errors)
            )
        milestone = Milestone.objects.filter(
            initiative=submission.initiative, round=submission.round
        ).first()
        if milestone is None or not (milestone.smiley or milestone.status_note.strip()):
            raise WorkflowError(
                f"{submission.initiative.number}: skriv en status eller vælg en smiley, "
                "før du indsender."
            )
        submission.state = SubmissionState.SUBMITTED
        submission.submitted_at = timezone.now()
        submission.updated_by = user_of(actor)
        audited_save(submission, actor, "Indsendt")
    return SaveResult(milestone, submission, findings)


@change_set()
def status_return(*, actor: Actor, submission: Submission, comment: str) -> Submission:
    """Send a submitted status back to the department with a comment saying what to change."""
    if not comment.strip():
        raise WorkflowError("Skriv en kommentar, der siger, hvad centret skal rette.")
    with transaction.atomic():
        submission = _lock(submission)
        if not submission.round.is_open:
            raise WorkflowError(f"{submission.round} er ikke åben.")
        if submission.state not in (SubmissionState.SUBMITTED, SubmissionState.APPROVED):
            raise WorkflowError("Kun en indsendt eller godkendt indberetning kan sendes retur.")
        submission.state = SubmissionState.RETURNED
        submission.comment = comment.strip()
        submission.updated_by = user_of(actor)
        audited_save(submission, actor, "Sendt retur")
        returned, returned_by = submission, user_of(actor)
        # The center's editors hear of it once it is stored (delivery/returns.py); a mail
        # that fails is logged there and does not undo the return.
        transaction.on_commit(
            lambda: status_returned.send(
                sender=Submission,
                submission=returned,
                comment=returned.comment,
                returned_by=returned_by,
            ),
            robust=True,
        )
    return submission


@change_set()
def status_approve(*, actor: Actor, submission: Submission, comment: str = "") -> Submission:
    """Approve a submitted status; refused while one of its rules is broken."""
    with transaction.atomic():
        submission = _lock(submission)
        if not submission.round.is_open:
            raise WorkflowError(f"{submission.round} er ikke åben.")
        if submission.state != SubmissionState.SUBMITTED:
            raise WorkflowError(
                f"{submission.initiative.number} er {submission.get_state_display()}; "
                "kun en indsendt indberetning kan godkendes."
            )
        errors = [
            f
            for f in _findings_at(submission.initiative, submission.round)
            if f.severity is Severity.ERROR
        ]
        if errors:
            raise WorkflowError("Kan ikke godkendes: " + " ".join(f.message_da for f in errors))
        submission.state = SubmissionState.APPROVED
        submission.comment = comment.strip()
        submission.updated_by = user_of(actor)
        audited_save(submission, actor, "Godkendt")
    return submission


@dataclass
class ApprovalRun:
    """What a bulk approval did: the numbers approved and those refused, with the reason."""

    approved: list[str]
    refused: list[tuple[str, str]]


@change_set()
def status_approve_many(
    *, actor: Actor, round_obj: Round, numbers: list[str] | None = None
) -> ApprovalRun:
    """Approve the round's submitted statuses whose rules pass, all of them or those named.

    One transaction: the submissions are locked and read again, so a status changed since the
    board was shown (withdrawn, already approved) is refused with its reason, not approved.
    A status with a broken rule is refused too; the others are approved.
    """
    wanted = None if numbers is None else {n.strip() for n in numbers if n.strip()}
    with transaction.atomic():
        round_obj = Round.objects.select_for_update().get(pk=round_obj.pk)
        if not round_obj.is_open:
            raise WorkflowError(f"{round_obj} er ikke åben.")
        candidates = Submission.objects.filter(round=round_obj)
        if wanted is None:
            # "All": the submitted ones; what is not submitted is not asked for.
            candidates = candidates.filter(state=SubmissionState.SUBMITTED)
        else:
            candidates = candidates.filter(initiative__number__in=sorted(wanted))
        # Lock before the rules are read: nobody changes a status between its check and approval.
        locked = list(
            candidates.select_for_update(of=("self",))
            .select_related("initiative")
            .order_by("initiative__sort_key")
        )
        submitted = [s for s in locked if s.state == SubmissionState.SUBMITTED]
        refused = [
            (s.initiative.number, f"er {s.get_state_display()}, ikke indsendt")
            for s in locked
            if s.state != SubmissionState.SUBMITTED
        ]
        approved: list[str] = []
        if wanted is not None:
            found = {s.initiative.number for s in locked}
            refused += [(n, "findes ikke i opfølgningen") for n in sorted(wanted - found)]
        if submitted:
            rows = owed_rows(round_obj=round_obj, states=[SubmissionState.SUBMITTED])
            errors = {r.submission.pk: r.errors for r in rows}
            for s in submitted:
                broken = errors.get(s.pk, [])
                if broken:
                    refused.append((s.initiative.number, " ".join(f.message_da for f in broken)))
                    continue
                s.state = SubmissionState.APPROVED
                s.comment = ""
                s.updated_by = user_of(actor)
                audited_save(s, actor, "Godkendt")
                approved.append(s.initiative.number)
    return ApprovalRun(approved=approved, refused=refused)


class _StoredVersion(NamedTuple):
    """The newest stored snapshot of a report: its version and its data's fingerprint."""

    version: int
    fingerprint: str


def _write_snapshots(round_obj: Round, actor: Actor, reason: str) -> int:
    """Store a new snapshot version of each report whose data changed; return how many."""
    created = 0
    latest: dict[str, _StoredVersion] = {}
    for scope, version, print_ in (
        ReportSnapshot.objects.filter(round=round_obj)
        .order_by("scope", "version")
        .values_list("scope", "version", "fingerprint")
    ):
        latest[scope] = _StoredVersion(version, print_)
    for scope, live in snapshot_scopes(round_obj):
        # What is frozen (and later published) is what was approved (followup.audience).
        doc = published_statuses(live)
        print_ = fingerprint(doc)
        stored = latest.get(scope)
        if stored is not None and stored.fingerprint == print_:
            continue
        version = stored.version + 1 if stored is not None else 1
        ReportSnapshot.objects.create(
            round=round_obj,
            scope=scope,
            version=version,
            document=doc.to_dict(),
            fingerprint=print_,
            reason=reason,
            created_by=user_of(actor),
        )
        created += 1
    return created


def round_close(*, actor: Actor, round_obj: Round, override_reason: str = "") -> int:
    """Close an open round and freeze its reports; refused with findings unless overridden.

    Return the number of report snapshots written.
    """
    with transaction.atomic():
        round_obj = (
            Round.objects.select_for_update().select_related("agreement").get(pk=round_obj.pk)
        )
        if round_obj.state != RoundState.OPEN:
            raise WorkflowError(
                f"{round_obj} er {round_obj.get_state_display()}; kun en åben opfølgning kan "
                "lukkes."
            )
        check = round_close_check(round_obj=round_obj)
        if not check.clear and not override_reason.strip():
            parts = []
            if check.unapproved:
                parts.append(f"{check.unapproved} indsatser er ikke godkendt")
            if check.findings:
                parts.append(f"{len(check.findings)} regelbrud er ikke rettet")
            raise WorkflowError(
                f"{round_obj} kan ikke lukkes: {' og '.join(parts)}. Ret dem, eller skriv en "
                "begrundelse for at lukke alligevel."
            )
        round_obj.state = RoundState.CLOSED
        round_obj.closed_at = timezone.now()
        round_obj.close_override_reason = override_reason.strip()
        audited_save(round_obj, actor, "Opfølgningen er lukket")
        return _write_snapshots(round_obj, actor, "Lukket")


def round_publish(*, actor: Actor, round_obj: Round) -> Round:
    """Publish a closed round so citizens can read its reports."""
    with transaction.atomic():
        round_obj = (
            Round.objects.select_for_update().select_related("agreement").get(pk=round_obj.pk)
        )
        if round_obj.state != RoundState.CLOSED:
            raise WorkflowError(
                f"{round_obj} er {round_obj.get_state_display()}; kun en lukket opfølgning kan "
                "offentliggøres."
            )
        if not ReportSnapshot.objects.filter(round=round_obj).exists():
            _write_snapshots(round_obj, actor, "Offentliggjort")
        round_obj.state = RoundState.PUBLISHED
        round_obj.published_at = timezone.now()
        audited_save(round_obj, actor, "Opfølgningen er offentliggjort")
        published = round_obj
        # The subscribers hear of it once it is stored (delivery/subscriptions.py).
        transaction.on_commit(
            lambda: round_published.send(sender=Round, round=published), robust=True
        )
    return round_obj


def round_correct(*, actor: Actor, round_obj: Round, reason: str) -> int:
    """Freeze corrected data of a closed round as new, visible report versions.

    Reports whose data did not change keep their version. Return how many versions were made.
    """
    if not reason.strip():
        raise WorkflowError("Skriv, hvad rettelsen drejer sig om; den vises ved rapporten.")
    with transaction.atomic():
        round_obj = (
            Round.objects.select_for_update().select_related("agreement").get(pk=round_obj.pk)
        )
        if not round_obj.is_frozen:
            raise WorkflowError(
                f"{round_obj} er ikke lukket; ret blot data, mens opfølgningen er åben."
            )
        return _write_snapshots(round_obj, actor, reason.strip())
