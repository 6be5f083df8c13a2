"""Reads of the follow-up round: what a department owes, the progress board, frozen reports.

Every function costs a fixed number of queries whatever the number of initiatives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Case, Count, F, Sum, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lag, Lead, RowNumber
from django.utils.translation import gettext

from opfolgning.followup.audience import published_statuses
from opfolgning.followup.document import InitiativeDoc, ReportDocument, fingerprint
from opfolgning.followup.rules import Finding, Severity, initiative_findings
from opfolgning.followup.smileys import Smiley

from . import budget_selectors, selectors
from .models import (
    Committee,
    Initiative,
    ReportSnapshot,
    Round,
    RoundState,
    Submission,
    SubmissionState,
)
from .selectors import NotFound


@dataclass
class MilestoneView:
    """A milestone's values as shown beside the form (previous round) or in it."""

    text: str = ""
    status_note: str = ""
    smiley: str = ""
    corrective_action: str = ""
    carried_forward: bool = False
    needs_review: bool = False
    version: int = 0


@dataclass
class OwedRow:
    """One initiative a department owes a status for in a round."""

    submission: Submission
    initiative: Initiative
    current: MilestoneView
    previous: MilestoneView | None
    previous_label: str
    findings: list[Finding] = field(default_factory=list)
    # The initiative's economy at the round and its budget (read with budgets=True).
    economy: selectors.EconomyRow | None = None
    budget_lines: list[Any] = field(default_factory=list)
    budget_changes: list[Any] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that break a rule."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def state(self) -> str:
        """Return the submission state's value."""
        return str(self.submission.state)


def round_get(*, year: int, number: int) -> Round:
    """Return a round of an agreement, or raise NotFound."""
    round_obj = (
        Round.objects.select_related("agreement")
        .filter(agreement__year=year, number=number)
        .first()
    )
    if round_obj is None:
        raise NotFound(f"no round {number} for the budget year {year}")
    return round_obj


# What an owed row shows of a submission, read in the same query.
ROW_RELATED = (
    "initiative",
    "initiative__center",
    "initiative__committee",
    "initiative__theme",
    "initiative__carried_from__agreement",
    "round",
    "round__agreement",
    "updated_by",
)


def submission_find(*, year: int, round_number: int, number: str) -> Submission:
    """Return an initiative's submission in a round of a budget year, in one query.

    Raises NotFound saying whether the round or the initiative is missing.
    """
    submission = (
        Submission.objects.select_related(*ROW_RELATED)
        .filter(round__agreement__year=year, round__number=round_number, initiative__number=number)
        .first()
    )
    if submission is None:
        # Which one is missing: the round (raises) or the initiative in it.
        return submission_get(round_obj=round_get(year=year, number=round_number), number=number)
    return submission


def submission_get(*, round_obj: Round, number: str) -> Submission:
    """Return the submission of an initiative (by number) in a round, or raise NotFound."""
    submission = (
        Submission.objects.select_related(*ROW_RELATED)
        .filter(round=round_obj, initiative__number=number)
        .first()
    )
    if submission is None:
        raise NotFound(f"initiative {number} has no status report in {round_obj}")
    return submission


def _milestone_view(row: selectors.MilestoneRow | None) -> MilestoneView:
    """Return a milestone from a row of selectors.initiative_data."""
    if row is None:
        return MilestoneView()
    return MilestoneView(
        text=row.text,
        status_note=row.status_note,
        smiley=row.smiley,
        corrective_action=row.corrective_action,
        carried_forward=row.carried_forward,
        needs_review=row.needs_review,
        version=row.version,
    )


def owed_rows(
    *,
    round_obj: Round,
    center_ids: Iterable[int] | None = None,
    states: Iterable[str] | None = None,
    submission_id: int | None = None,
    loaded: Submission | None = None,
    budgets: bool = False,
) -> list[OwedRow]:
    """Return the initiatives of a round with their status, previous round and findings.

    `center_ids` limits them to a department's centers (None = every center). `loaded` is
    one submission already read with its relations (submission_get), used as it is; then
    the initiative is not read again. `budgets` adds each row's economy, budget lines and changes.
    """
    submissions = Submission.objects.filter(round=round_obj).select_related(*ROW_RELATED)
    if center_ids is not None:
        submissions = submissions.filter(initiative__center_id__in=list(center_ids))
    if states:
        submissions = submissions.filter(state__in=list(states))
    if submission_id is not None:
        submissions = submissions.filter(pk=submission_id)
    submissions = submissions.order_by(
        "initiative__theme__position", "initiative__theme__number", "initiative__sort_key"
    )
    if loaded is not None:
        rows = [loaded]
        initiatives = Initiative.objects.filter(pk=loaded.initiative_id)
    else:
        rows = list(submissions)
        # A subquery, not a list of ids: SQLite limits the number of query parameters.
        initiatives = Initiative.objects.filter(
            pk__in=submissions.order_by().values("initiative_id")
        )
    # The same rows make the report document (for the rules) and the milestones shown.
    data = selectors.initiative_data(
        initiatives,
        round_obj,
        budgets=budgets,
        loaded=(loaded.initiative, str(loaded.state)) if loaded is not None else None,
    )
    docs: dict[int, InitiativeDoc] = {}
    by_number = {s.initiative.number: s.initiative_id for s in rows}
    for theme in selectors.theme_docs_from(data):
        for ini in theme.initiatives:
            docs[by_number[ini.number]] = ini
    previous_label = ""
    if round_obj.number > 1:
        label = data.labels.get(round_obj.number - 1)
        previous_label = label or f"{round_obj.number - 1}. opfølgning"
    result = []
    for submission in rows:
        key = submission.initiative_id
        doc = docs.get(key)
        findings = (
            [
                f
                for f in initiative_findings(doc, current_round=round_obj.number)
                if f.round == round_obj.number
            ]
            if doc is not None
            else []
        )
        by_round = data.milestones.get(key, {})
        result.append(
            OwedRow(
                submission=submission,
                initiative=submission.initiative,
                current=_milestone_view(by_round.get(round_obj.number)),
                previous=_milestone_view(by_round.get(round_obj.number - 1))
                if round_obj.number > 1
                else None,
                previous_label=previous_label,
                findings=findings,
                economy=data.economy.get(key),
                budget_lines=(data.budget_lines or {}).get(key, []),
                budget_changes=(data.budget_changes or {}).get(key, []),
            )
        )
    return result


def owed_row(*, submission: Submission, loaded: bool = False, budgets: bool = False) -> OwedRow:
    """Return one submission's row: its status, the previous round's and its findings.

    With `loaded`, the submission is fresh and was read by submission_get: it is used as it
    is; otherwise it is read again (its state may have changed since).
    """
    if loaded:
        (row,) = owed_rows(round_obj=submission.round, loaded=submission, budgets=budgets)
    else:
        (row,) = owed_rows(round_obj=submission.round, submission_id=submission.pk, budgets=budgets)
    return row


# The order of a round's initiatives: by theme, then as the agreement numbers them.
ROW_ORDER = (
    "initiative__theme__position",
    "initiative__theme__number",
    "initiative__sort_key",
    "initiative__number",
)
# The states in which an initiative is done for its department (counted as "indsendt").
DONE_STATES = (SubmissionState.SUBMITTED, SubmissionState.APPROVED)
# The states of a round whose reports are frozen (closed for the meeting, or published).
FROZEN_STATES = (RoundState.CLOSED, RoundState.PUBLISHED)
# The states in which it still waits for its department.
PENDING_STATES = (SubmissionState.NOT_STARTED, SubmissionState.DRAFT, SubmissionState.RETURNED)


@dataclass
class OwedList:
    """A department's list for a round: what it owes, returned ones first, and the counts."""

    round: Round
    rows: list[OwedRow]
    total: int
    done: int
    returned: int
    days_left: int | None

    @property
    def days_over(self) -> int:
        """Return the days since the deadline passed (0 before it and on it)."""
        return max(0, -(self.days_left or 0))

    @property
    def overdue(self) -> bool:
        """Return whether the deadline has passed with something still to submit."""
        return self.days_left is not None and self.days_left < 0 and self.done < self.total


def owed_list(
    *,
    round_obj: Round,
    center_ids: Iterable[int] | None,
    states: Iterable[str] | None,
    today: dt.date,
) -> OwedList:
    """Return the list a department works from: returned statuses first, then in agreement order.

    The counts are of all its initiatives in the round, whatever `states` shows.
    """
    every = owed_rows(round_obj=round_obj, center_ids=center_ids)
    wanted = set(states or ())
    shown = [r for r in every if not wanted or r.state in wanted]
    shown.sort(key=lambda r: r.state != SubmissionState.RETURNED)
    return OwedList(
        round=round_obj,
        rows=shown,
        total=len(every),
        done=sum(r.state in DONE_STATES for r in every),
        returned=sum(r.state == SubmissionState.RETURNED for r in every),
        days_left=(round_obj.deadline - today).days if round_obj.deadline else None,
    )


@dataclass(frozen=True)
class Place:
    """Where an initiative stands in a walk through the round: "4 af 9", and its neighbours."""

    position: int
    total: int
    done: int
    previous: str  # the previous initiative's number, "" for the first
    next: str  # the next initiative's number, "" for the last
    filtered: bool  # True when the walk is through the chosen states only


_PLACE_COLUMNS = ("place_position", "place_total", "place_done", "place_previous", "place_next")


def _place_sql(submissions: Any) -> RawSQL:
    """Return the place of the outer query's submission among `submissions`, as one text.

    The window functions run over the whole set in a derived table and the outer row is
    picked from it by id, so it is one correlated subquery in the submission's own query:
    "position, total, done, previous, next" joined by tabs (NULL when not in the set).
    Building it costs ~1.7 ms; Django's own filter on a window value cost ~9 ms of query
    compilation, as it rewrites every select_related column (docs/benchmarks.md).
    """
    order = [F(name).asc() for name in ROW_ORDER]
    done = Case(When(state__in=DONE_STATES, then=Value(1)), default=Value(0))
    windows = (
        submissions.order_by()
        .annotate(
            place_position=Window(RowNumber(), order_by=order),
            place_total=Window(Count("pk")),
            place_done=Window(Sum(done)),
            place_previous=Window(Lag("initiative__number"), order_by=order),
            place_next=Window(Lead("initiative__number"), order_by=order),
        )
        .values("pk", *_PLACE_COLUMNS)
    )
    inner, params = windows.query.sql_with_params()
    q = connection.ops.quote_name
    text = [f"CAST(w.{q(name)} AS TEXT)" for name in _PLACE_COLUMNS[:3]]
    text += [f"COALESCE(w.{q(name)}, '')" for name in _PLACE_COLUMNS[3:]]
    joined = " || '\t' || ".join(text)
    outer = f"{q(Submission._meta.db_table)}.{q('id')}"
    return RawSQL(f"SELECT {joined} FROM ({inner}) w WHERE w.{q('pk')} = {outer}", params)


def _place(text: str | None, *, filtered: bool) -> Place | None:
    if text is None:
        return None
    position, total, done, previous, following = text.split("\t")
    return Place(
        position=int(position),
        total=int(total),
        done=int(done or 0),
        previous=previous,
        next=following,
        filtered=filtered,
    )


def submission_placed(
    *,
    year: int,
    round_number: int,
    number: str,
    center_ids: Iterable[int] | None = None,
    states: Iterable[str] | None = None,
) -> tuple[Submission, Place | None]:
    """Return an initiative's submission and its place among the user's initiatives.

    The place counts the initiatives of `center_ids` (None = every center), in `states` if
    given and the initiative is in one of them (else among all). An initiative outside the
    user's centers has no place. One query; NotFound as submission_find.
    """
    base = Submission.objects.filter(round__agreement__year=year, round__number=round_number)
    if center_ids is not None:
        ids = list(center_ids)
        if not ids:  # a user of no center walks through nothing
            return submission_find(year=year, round_number=round_number, number=number), None
        base = base.filter(initiative__center_id__in=ids)
    chosen = list(states or [])
    places = {"place_all": _place_sql(base)}
    if chosen:
        places["place_chosen"] = _place_sql(base.filter(state__in=chosen))
    found = (
        Submission.objects.select_related(*ROW_RELATED)
        .filter(round__agreement__year=year, round__number=round_number, initiative__number=number)
        .annotate(**places)
        .first()
    )
    if found is None:
        return submission_find(year=year, round_number=round_number, number=number), None
    annotated = vars(found)  # the places are annotations, not fields of the model
    place = _place(annotated.get("place_chosen"), filtered=True) or _place(
        annotated["place_all"], filtered=False
    )
    return found, place


@dataclass
class StatusPage:
    """What the status page shows of an initiative: its row, its budget and its economy."""

    row: OwedRow
    economy: budget_selectors.EconomyView
    economy_status: budget_selectors.EconomyStatusView


def status_page(*, submission: Submission) -> StatusPage:
    """Return the status page of a submission read with its relations (submission_placed).

    Five queries: the round labels, the milestones, the economy, the budget lines, the changes.
    """
    row = owed_row(submission=submission, loaded=True, budgets=True)
    round_obj = submission.round
    economy = budget_selectors.economy_view(
        submission.initiative,
        as_of=round_obj.date,
        read=(row.budget_lines, row.budget_changes, round_obj.agreement),
    )
    return StatusPage(row, economy, budget_selectors.economy_status_from(row.economy))


@dataclass
class ProgressLine:
    """Counts of submission states (and rule errors) for one center or committee."""

    name: str
    counts: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    # The center's id on a line per center (for "Send påmindelse"); None otherwise.
    center_id: int | None = None

    @property
    def pending(self) -> int:
        """Return how many initiatives still wait for their department (not yet submitted)."""
        return sum(self.count(str(state)) for state in PENDING_STATES)

    @property
    def total(self) -> int:
        """Return the number of initiatives on the line."""
        return sum(self.counts.values())

    def count(self, state: str) -> int:
        """Return how many initiatives are in a state."""
        return self.counts.get(state, 0)


@dataclass
class ProgressBoard:
    """The finance office's overview of a round."""

    round: Round
    by_center: list[ProgressLine]
    by_committee: list[ProgressLine]
    total: ProgressLine
    rows: list[OwedRow]
    # Submitted statuses whose rules pass: what "Godkend alle indsendte" would approve.
    approvable: int = 0

    @property
    def states(self) -> list[tuple[str, str]]:
        """Return the submission states in workflow order, as (value, label)."""
        return [(str(value), str(label)) for value, label in SubmissionState.choices]


def progress_board(*, round_obj: Round, states: Iterable[str] | None = None) -> ProgressBoard:
    """Return the progress of a round per center and committee, with every row's findings."""
    all_rows = owed_rows(round_obj=round_obj)
    return _board_of(round_obj, all_rows, states)


def progress_board_and_close_check(
    *, round_obj: Round, states: Iterable[str] | None = None
) -> tuple[ProgressBoard, CloseCheck | None]:
    """Return the board and, for an open round, what stands in the way of closing it.

    The board's rows hold every status of the round with its rule findings: when every
    initiative of the agreement has one, the close check is counted from them instead of
    reading the whole report again (round_close_check gives the same, issue 16's load test).
    """
    all_rows = owed_rows(round_obj=round_obj)
    board = _board_of(round_obj, all_rows, states)
    if not round_obj.is_open:
        return board, None
    if len(all_rows) != Initiative.objects.filter(agreement_id=round_obj.agreement_id).count():
        return board, round_close_check(round_obj=round_obj)
    unapproved = sum(row.state != SubmissionState.APPROVED for row in all_rows)
    return board, CloseCheck(unapproved, [f for row in all_rows for f in row.errors])


def _board_of(
    round_obj: Round, all_rows: list[OwedRow], states: Iterable[str] | None
) -> ProgressBoard:
    centers: dict[str, ProgressLine] = {}
    committees: dict[str, ProgressLine] = {}
    total = ProgressLine(name="I alt")
    for row in all_rows:
        errors = len(row.errors)
        center = row.initiative.center
        committee = row.initiative.committee
        for lines, name, center_id in (
            (centers, center.name if center else "—", center.pk if center else None),
            (committees, committee.name if committee else "—", None),
        ):
            line = lines.setdefault(name, ProgressLine(name=name, center_id=center_id))
            line.counts[row.state] += 1
            line.errors += errors
        total.counts[row.state] += 1
        total.errors += errors
    wanted = set(states or ())
    rows = [r for r in all_rows if not wanted or r.state in wanted]
    return ProgressBoard(
        round=round_obj,
        by_center=sorted(centers.values(), key=lambda line: line.name),
        by_committee=sorted(committees.values(), key=lambda line: line.name),
        total=total,
        rows=rows,
        approvable=sum(r.state == SubmissionState.SUBMITTED and not r.errors for r in all_rows),
    )


@dataclass
class ReportView:
    """The report to show: live data, or a frozen snapshot version of a closed round."""

    document: ReportDocument
    snapshot: ReportSnapshot | None = None
    versions: list[ReportSnapshot] = field(default_factory=list)
    round: Round | None = None

    @property
    def is_snapshot(self) -> bool:
        """Return whether the report is frozen."""
        return self.snapshot is not None

    @property
    def is_latest(self) -> bool:
        """Return whether this is the newest version of a frozen report."""
        return self.snapshot is None or (
            bool(self.versions) and self.versions[0].pk == self.snapshot.pk
        )


def report_view(
    *, year: int, round_number: int, committee: str | None = None, version: int | None = None
) -> ReportView:
    """Return a report: the latest (or a given) snapshot if its round is frozen, else live."""
    round_obj = round_get(year=year, number=round_number)
    committee_obj = selectors.committee_get(name_or_slug=committee) if committee else None
    return report_view_of(round_obj=round_obj, committee=committee_obj, version=version)


def report_view_of(
    *, round_obj: Round, committee: Committee | None, version: int | None = None
) -> ReportView:
    """Return the report of a round (and committee) as report_view does, from objects."""
    committee_obj = committee
    scope = committee_obj.slug if committee_obj else ""
    versions: list[Any] = []
    if round_obj.is_frozen:
        versions = list(
            ReportSnapshot.objects.filter(round=round_obj, scope=scope)
            .select_related("created_by")
            .defer("document")
            .order_by("-version")
        )
    if version is not None:
        chosen = next((v for v in versions if v.version == version), None)
        if chosen is None:
            raise NotFound(f"the report has no version {version}")
    else:
        chosen = versions[0] if versions else None
    if chosen is not None:
        document = _snapshot_document(chosen.pk, chosen.fingerprint)
        return ReportView(document, chosen, versions, round_obj)
    doc = selectors.report_document_of(round_obj=round_obj, committee=committee_obj)
    # Not frozen: a draft, in every format it is read or downloaded in.
    return ReportView(dataclasses.replace(doc, draft=True), round=round_obj)


@lru_cache(maxsize=32)
def _snapshot_document(pk: int, fingerprint: str) -> ReportDocument:
    """Return a snapshot's document, kept in memory: a snapshot never changes.

    Keyed by the content's fingerprint too, so a row deleted and made again with other
    content is read anew. Callers must not change the document they get (none does).
    """
    stored = ReportSnapshot.objects.only("document").get(pk=pk)
    return ReportDocument.from_dict(stored.document)


class OpenRound(NamedTuple):
    """An open round, the initiatives owed in it and those still to submit."""

    round: Round
    total: int
    pending: int
    # Of the pending, those the finance office sent back with a comment.
    returned: int = 0


def open_rounds_for(*, center_ids: Iterable[int] | None) -> list[OpenRound]:
    """Return open rounds with (round, initiatives owed, initiatives still to submit)."""
    result = []
    for round_obj in Round.objects.filter(state="open").select_related("agreement"):
        submissions = Submission.objects.filter(round=round_obj)
        if center_ids is not None:
            submissions = submissions.filter(initiative__center_id__in=list(center_ids))
        counts = dict(
            submissions.order_by()
            .values_list("state")
            .annotate(n=Count("pk"))
            .values_list("state", "n")
        )
        total = sum(counts.values())
        pending = sum(counts.get(str(state), 0) for state in PENDING_STATES)
        returned = counts.get(str(SubmissionState.RETURNED), 0)
        result.append(OpenRound(round_obj, total, pending, returned))
    return result


def status_preview(
    *, submission: Submission, text: str, status_note: str, smiley: str, corrective_action: str
) -> list[Finding]:
    """Return the findings the status would have if saved as given (nothing is stored)."""
    round_obj = submission.round
    doc = selectors.initiative_document(submission.initiative, round_obj)
    chosen = Smiley(smiley) if smiley in Smiley._value2member_map_ else None
    doc.milestones = [
        dataclasses.replace(
            m,
            text=text,
            status_note=status_note,
            smiley=chosen,
            corrective_action=corrective_action,
            needs_review=False,
        )
        if m.round == round_obj.number
        else m
        for m in doc.milestones
    ]
    return [
        f
        for f in initiative_findings(doc, current_round=round_obj.number)
        if f.round == round_obj.number
    ]


# --- what closing, publishing and a new version will do (the confirmation pages) -----


@dataclass
class CloseCheck:
    """What stands in the way of closing a round."""

    unapproved: int
    findings: list[Finding]

    @property
    def clear(self) -> bool:
        """Return whether the round can be closed without an override."""
        return self.unapproved == 0 and not self.findings


def round_close_check(*, round_obj: Round) -> CloseCheck:
    """Return the unapproved initiatives and rule errors of a round."""
    unapproved = (
        Submission.objects.filter(round=round_obj).exclude(state=SubmissionState.APPROVED).count()
    )
    doc = selectors.report_document(year=round_obj.agreement.year, round_number=round_obj.number)
    findings = [
        f
        for ini in doc.initiatives()
        for f in initiative_findings(ini, current_round=round_obj.number)
        if f.severity is Severity.ERROR and f.round == round_obj.number
    ]
    return CloseCheck(unapproved, findings)


def snapshot_scopes(round_obj: Round) -> list[tuple[str, ReportDocument]]:
    """Return the reports a round freezes, live: the whole agreement ("") and each committee's."""
    year, number = round_obj.agreement.year, round_obj.number
    scopes = [("", selectors.report_document(year=year, round_number=number))]
    committees = Committee.objects.filter(
        initiatives__agreement_id=round_obj.agreement_id
    ).distinct()
    for committee in committees.order_by("name"):
        scopes.append(
            (
                committee.slug,
                selectors.report_document(year=year, round_number=number, committee=committee.slug),
            )
        )
    return scopes


@dataclass(frozen=True)
class PendingStatus:
    """An initiative whose status of the round is not approved."""

    number: str
    title: str
    center: str
    state: str


@dataclass(frozen=True)
class ReportToFreeze:
    """A report that the action freezes: its scope ("" for the whole agreement) and name."""

    scope: str
    name: str
    version: int  # the version it will get


@dataclass(frozen=True)
class RoundPreview:
    """What closing, publishing or a new version of a round will do, before it is done."""

    total: int
    counts: dict[str, int]  # submission state → how many initiatives
    pending: list[PendingStatus]  # not approved: left out of the frozen reports
    findings: list[Finding]  # rule breaches of the round
    reports: list[ReportToFreeze]  # frozen now (close, new version) or made public (publish)

    @property
    def approved(self) -> int:
        """Return how many statuses are approved."""
        return self.counts.get(SubmissionState.APPROVED, 0)

    @property
    def clear(self) -> bool:
        """Return whether nothing stands in the way (every status approved, no breaches)."""
        return not self.pending and not self.findings


def _pending(round_obj: Round) -> tuple[int, dict[str, int], list[PendingStatus]]:
    rows = list(
        Submission.objects.filter(round=round_obj)
        .order_by(
            "initiative__theme__position", "initiative__theme__number", "initiative__sort_key"
        )
        .values_list("state", "initiative__number", "initiative__title", "initiative__center__name")
    )
    counts = Counter(state for state, *_rest in rows)
    pending = [
        PendingStatus(number, title, center or "", state)
        for state, number, title, center in rows
        if state != SubmissionState.APPROVED
    ]
    return len(rows), dict(counts), pending


def _scope_name(scope: str, names: dict[str, str]) -> str:
    return names.get(scope, scope) if scope else gettext("Hele aftalen")


def round_preview(*, round_obj: Round, action: str) -> RoundPreview:
    """Return what `action` ("close", "publish" or "correct") will do to the round's reports.

    close: every report is frozen (version 1, or the next one); publish: the newest versions
    become public; correct: the reports whose data changed since their newest version get a
    new one. Unapproved statuses are left out of what is frozen (followup.audience).
    """
    total, counts, pending = _pending(round_obj)
    findings = round_close_check(round_obj=round_obj).findings if round_obj.is_open else []
    names = dict(Committee.objects.values_list("slug", "name"))
    newest: dict[str, tuple[int, str]] = {}
    for scope, version, print_ in (
        ReportSnapshot.objects.filter(round=round_obj)
        .order_by("scope", "version")
        .values_list("scope", "version", "fingerprint")
    ):
        newest[scope] = (version, print_)
    reports: list[ReportToFreeze] = []
    if action == "publish":
        reports = [
            ReportToFreeze(scope, _scope_name(scope, names), version)
            for scope, (version, _print) in sorted(newest.items())
        ]
    else:
        for scope, live in snapshot_scopes(round_obj):
            stored = newest.get(scope)
            if action == "correct" and stored is not None:
                if fingerprint(published_statuses(live)) == stored[1]:
                    continue
            version = stored[0] + 1 if stored is not None else 1
            reports.append(ReportToFreeze(scope, _scope_name(scope, names), version))
    return RoundPreview(total, counts, pending, findings, reports)


@dataclass(frozen=True)
class Landing:
    """Where a person's work is after signing in: a place (board, owed, my_work, report,
    public, home; the pages map it to their address) and its arguments."""

    place: str
    args: tuple[Any, ...] = ()


def landing_for(
    *, role: str | None, center_ids: Iterable[int], committee_ids: Iterable[int]
) -> Landing:
    """Return where a role lands (issue 16): the finance office on the open round's board,
    editors on what they owe, committee readers on their committee's newest report, anyone
    else on the public overview of the newest published agreement."""
    open_rounds = Round.objects.filter(state=RoundState.OPEN).select_related("agreement")
    newest_open = open_rounds.order_by(
        F("deadline").asc(nulls_last=True), "-agreement__year", "number"
    ).first()
    if role == "finance_officer":
        if newest_open is not None:
            return Landing("board", (newest_open.agreement.year, newest_open.number))
        return Landing("home")
    if role == "department_editor":
        mine = Submission.objects.filter(
            round__state=RoundState.OPEN, initiative__center_id__in=list(center_ids)
        )
        rounds = set(mine.values_list("round__agreement__year", "round__number").distinct())
        if len(rounds) == 1:
            return Landing("owed", next(iter(rounds)))
        return Landing("my_work")
    if role == "committee_reader":
        committee = Committee.objects.filter(pk__in=list(committee_ids)).order_by("name").first()
        if committee is not None:
            # The newest frozen report is what goes to the committee's meeting; a round still
            # open is being written, so it is the landing only when nothing is frozen yet.
            theirs = (
                Round.objects.exclude(state=RoundState.PLANNED)
                .filter(agreement__initiatives__committee=committee)
                .select_related("agreement")
                .distinct()
                .order_by("-agreement__year", "-number")
            )
            newest = theirs.filter(state__in=FROZEN_STATES).first() or theirs.first()
            if newest is not None:
                return Landing("report", (newest.agreement.year, committee.slug, newest.number))
        return Landing("home")
    published = (
        Round.objects.filter(state=RoundState.PUBLISHED)
        .select_related("agreement")
        .order_by("-agreement__year")
        .first()
    )
    if published is not None:
        return Landing("public", (published.agreement.year,))
    return Landing("home")
