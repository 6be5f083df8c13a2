"""Reads for pages and reports: a fixed number of queries whatever the number of initiatives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Count, Q, QuerySet

from opfolgning.followup.document import (
    ROUND_NUMBERS,
    AgreementRef,
    BudgetLineDoc,
    Contact,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
    changes_known_at,
)
from opfolgning.followup.errors import NotFound as NotFound
from opfolgning.followup.smileys import Smiley
from opfolgning.followup.vocabulary import round_title

from .budget_selectors import KeyedChange, budget_doc, changes_by_initiative, lines_by_initiative
from .models import (
    Agreement,
    Committee,
    CommitteeReport,
    EconomyStatus,
    Initiative,
    Milestone,
    Round,
    Submission,
)


def agreement_list() -> QuerySet[Agreement]:
    """Return agreements with their number of initiatives, newest first."""
    return Agreement.objects.annotate(initiative_count=Count("initiatives")).order_by("-year")


def agreement_get(*, year: int) -> Agreement:
    """Return the agreement of a budget year or raise NotFound."""
    agreement = Agreement.objects.filter(year=year).first()
    if agreement is None:
        raise NotFound(f"no agreement for the budget year {year}")
    return agreement


def committee_get(*, name_or_slug: str) -> Committee:
    """Return a committee by its name or slug (case-insensitive) or raise NotFound."""
    committee = Committee.objects.filter(
        Q(name__iexact=name_or_slug) | Q(slug__iexact=name_or_slug)
    ).first()
    if committee is None:
        known = ", ".join(Committee.objects.values_list("name", flat=True)) or "none"
        raise NotFound(f"no committee called {name_or_slug!r}; known committees: {known}")
    return committee


@dataclass(frozen=True)
class CommitteeRow:
    """A committee of an agreement, its number of initiatives and the rounds whose report was
    imported from a file."""

    committee: Committee
    initiative_count: int
    report_rounds: frozenset[int]


@dataclass(frozen=True)
class AgreementOverview:
    """What the agreement page shows."""

    agreement: Agreement
    rounds: list[Round]
    committees: list[CommitteeRow]
    initiative_count: int


def agreement_overview(*, year: int) -> AgreementOverview:
    """Return the agreement with its rounds, committees and which reports exist."""
    agreement = agreement_get(year=year)
    rounds = list(Round.objects.filter(agreement=agreement).order_by("number"))
    counts = dict(
        Initiative.objects.filter(agreement=agreement, committee__isnull=False)
        .values_list("committee_id")
        .annotate(n=Count("id"))
        .values_list("committee_id", "n")
    )
    reports: dict[int, set[int]] = {}
    # Reports imported from a file (the page marks them "importeret"); those made in the app
    # have no source.
    for committee_id, number in (
        CommitteeReport.objects.filter(round__agreement=agreement)
        .exclude(source_name="")
        .values_list("committee_id", "round__number")
    ):
        reports.setdefault(committee_id, set()).add(number)
    committee_ids = set(counts) | set(reports)
    committees = [
        CommitteeRow(c, counts.get(c.pk, 0), frozenset(reports.get(c.pk, set())))
        for c in Committee.objects.filter(pk__in=committee_ids).order_by("name")
    ]
    return AgreementOverview(
        agreement=agreement,
        rounds=rounds,
        committees=committees,
        initiative_count=sum(counts.values()),
    )


def _smiley(value: str) -> Smiley | None:
    return Smiley(value) if value else None


def report_document(
    *, year: int, round_number: int, committee: str | None = None
) -> ReportDocument:
    """Return the report of a committee (or, without one, the whole agreement) at a round."""
    agreement = agreement_get(year=year)
    round_obj = Round.objects.filter(agreement=agreement, number=round_number).first()
    if round_obj is None:
        raise NotFound(f"{agreement.name} has no round {round_number}")
    committee_obj = committee_get(name_or_slug=committee) if committee else None
    return report_document_of(round_obj=round_obj, committee=committee_obj, agreement=agreement)


def report_document_of(
    *, round_obj: Round, committee: Committee | None, agreement: Agreement | None = None
) -> ReportDocument:
    """Return the report of a round for a committee (None: the whole agreement), from objects."""
    agreement = agreement or round_obj.agreement
    round_number = round_obj.number
    committee_obj = committee
    initiatives = Initiative.objects.filter(agreement=agreement)
    if committee_obj is not None:
        initiatives = initiatives.filter(committee=committee_obj)

    report = None
    if committee_obj is not None:
        report = CommitteeReport.objects.filter(round=round_obj, committee=committee_obj).first()
    for_whom = committee_obj.name if committee_obj else "hele aftalen"
    doc = ReportDocument(
        title=report.title if report else round_title(round_number, agreement.name, for_whom),
        agreement=AgreementRef(name=agreement.name, year=agreement.year),
        committee=committee_obj.name if committee_obj else "",
        round=round_number,
        date=report.date if report else round_obj.date,
        case_number=report.case_number if report else "",
        contact=Contact(
            name=report.contact_name, email=report.contact_email, phone=report.contact_phone
        )
        if report
        else Contact(),
        reading_guide=report.reading_guide if report else "",
    )
    # The report shows budgets; the status pages (owed_rows) read without them.
    data = initiative_data(initiatives, round_obj, budgets=True)
    # "Changes approved since the previous round" start after the previous round's date.
    doc.previous_date = data.dates.get(round_number - 1)
    for theme_doc in theme_docs_from(data):
        doc.themes.append(theme_doc)
    return doc


class MilestoneRow(NamedTuple):
    """A milestone as initiative_data reads it: plain values, no model instance."""

    initiative_id: int
    round_number: int
    text: str
    status_note: str
    smiley: str
    glyph: str
    needs_review: bool
    corrective_action: str
    carried_forward: bool
    version: int


# The columns of a MilestoneRow in its fields' order; the round's number is read across the join.
_MILESTONE_COLUMNS = tuple(
    {"round_number": "round__number"}.get(name, name) for name in MilestoneRow._fields
)


class EconomyRow(NamedTuple):
    """An initiative's economy status at the round, as initiative_data reads it."""

    initiative_id: int
    text: str
    smiley: str
    glyph: str
    needs_review: bool
    note: str
    spent: int | None
    expected: int | None
    saving_achieved: bool | None
    set_by_officer: bool
    reason: str


# The columns of an EconomyRow, in its fields' order (the same names).
_ECONOMY_COLUMNS = EconomyRow._fields


@dataclass
class InitiativeData:
    """The plain rows a report is built from: round labels, milestones, economy, initiatives."""

    labels: dict[int, str]
    dates: dict[int, dt.date | None]  # round number → its date
    milestones: dict[int, dict[int, MilestoneRow]]  # initiative id → round number → milestone
    economy: dict[int, EconomyRow]  # initiative id → economy at the round
    initiatives: list[Any]  # dicts from .values()
    # Budget lines and changes per initiative id; None when not read (budgets=False).
    budget_lines: dict[int, list[BudgetLineDoc]] | None = None
    budget_changes: dict[int, list[KeyedChange]] | None = None
    # The round read, and where each initiative's status stands in it (initiative id → state).
    round_number: int = 0
    approvals: dict[int, str] = field(default_factory=dict)


# The initiative columns a report is built from (initiative_data's rows).
_INITIATIVE_COLUMNS = (
    "id",
    "number",
    "title",
    "kind",
    "description",
    "contributors",
    "involved_committees",
    "notes",
    "heading",
    "theme_id",
    "theme__number",
    "theme__title",
    "center__name",
    "committee__name",
    "no_money",
    "budget_review",
    "carried_from__number",
    "carried_from__agreement__name",
)


def _value_at(instance: Any, path: str) -> Any:
    """Return `instance`'s value at a values() path ("theme__number"), None past a missing link."""
    value = instance
    for part in path.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def initiative_data(
    initiatives: QuerySet[Initiative],
    round_obj: Round,
    *,
    budgets: bool = False,
    loaded: tuple[Initiative, str] | None = None,
) -> InitiativeData:
    """Read the rows for `initiatives` at a round in four queries (six with budgets), whatever N.

    `loaded` is one initiative already read with its theme, center, committee and carried_from
    (and its submission's state at the round): its row is taken from it, two queries fewer.
    """
    agreement = round_obj.agreement_id
    # Plain values, not model instances: this is the hot path of every report (N × 5 rows).
    round_rows = list(
        Round.objects.filter(agreement_id=agreement).values_list("number", "label", "date")
    )
    labels = {number: label for number, label, _date in round_rows}
    dates = {number: date for number, _label, date in round_rows}
    milestone_rows: dict[int, dict[int, MilestoneRow]] = {}
    # order_by(): the model's default ordering would join and sort for nothing (a dict).
    for values in (
        Milestone.objects.filter(initiative__in=initiatives)
        .order_by()
        .values_list(*_MILESTONE_COLUMNS)
    ):
        milestone = MilestoneRow._make(values)
        milestone_rows.setdefault(milestone.initiative_id, {})[milestone.round_number] = milestone
    economy_rows: dict[int, EconomyRow] = {}
    for values in (
        EconomyStatus.objects.filter(initiative__in=initiatives, round=round_obj)
        .order_by()
        .values_list(*_ECONOMY_COLUMNS)
    ):
        economy = EconomyRow._make(values)
        economy_rows[economy.initiative_id] = economy
    if loaded is not None:
        rows = [{path: _value_at(loaded[0], path) for path in _INITIATIVE_COLUMNS}]
    else:
        rows = list(
            initiatives.order_by("theme__position", "theme__number", "sort_key").values(
                *_INITIATIVE_COLUMNS
            )
        )
    data = InitiativeData(labels, dates, milestone_rows, economy_rows, rows)
    data.round_number = round_obj.number
    if loaded is not None:
        data.approvals = {loaded[0].pk: loaded[1]}
    else:
        data.approvals = dict(
            Submission.objects.filter(initiative__in=initiatives, round=round_obj)
            .order_by()
            .values_list("initiative_id", "state")
        )
    if budgets:
        data.budget_lines = lines_by_initiative(initiatives)
        data.budget_changes = changes_by_initiative(initiatives)
    return data


def _theme_docs(initiatives: QuerySet[Initiative], round_obj: Round) -> list[ThemeDoc]:
    """Return the themes and initiative documents of `initiatives` at a round, in order."""
    return theme_docs_from(initiative_data(initiatives, round_obj))


def _carried_from(row: dict[str, Any]) -> str:
    """Return "Aftale om budget 2025, 1.11" for a carried-over initiative, else ""."""
    if not row.get("carried_from__number"):
        return ""
    return f"{row['carried_from__agreement__name']}, {row['carried_from__number']}"


def theme_docs_from(data: InitiativeData) -> list[ThemeDoc]:
    """Return the themes and initiative documents built from rows read by initiative_data."""
    labels = data.labels
    themes: dict[int, ThemeDoc] = {}
    for ini in data.initiatives:
        theme_doc = themes.get(ini["theme_id"])
        if theme_doc is None:
            theme_doc = themes[ini["theme_id"]] = ThemeDoc(
                ini["theme__number"], ini["theme__title"]
            )
        by_round = data.milestones.get(ini["id"], {})
        approval = data.approvals.get(ini["id"], "")
        milestones = []
        for number in ROUND_NUMBERS:
            m = by_round.get(number)
            if m is None:
                state = approval if number == data.round_number else ""
                milestones.append(
                    MilestoneDoc(round=number, label=labels.get(number, ""), approval=state)
                )
                continue
            if number > data.round_number:
                # A later round is planned as far as this report goes: its milestone, never
                # a status being written for it now (that belongs to the later report).
                milestones.append(
                    MilestoneDoc(round=number, label=labels.get(number, ""), text=m.text)
                )
                continue
            milestones.append(
                MilestoneDoc(
                    round=number,
                    label=labels.get(number, ""),
                    text=m.text,
                    status_note=m.status_note,
                    smiley=_smiley(m.smiley),
                    glyph=m.glyph or None,
                    needs_review=m.needs_review,
                    corrective_action=m.corrective_action,
                    carried_forward=m.carried_forward,
                    approval=approval if number == data.round_number else "",
                )
            )
        eco = data.economy.get(ini["id"])
        budget = None
        if data.budget_lines is not None and data.budget_changes is not None:
            # As the report could know them at its round, not as they stand today.
            known = changes_known_at(
                [c for _, c in data.budget_changes.get(ini["id"], [])],
                round_number=data.round_number,
            )
            budget = budget_doc(
                no_money=ini["no_money"],
                review=ini["budget_review"],
                lines=data.budget_lines.get(ini["id"], []),
                changes=known,
            )
        theme_doc.initiatives.append(
            InitiativeDoc(
                number=ini["number"],
                title=ini["title"],
                kind=ini["kind"],
                description=ini["description"],
                center=ini["center__name"] or "",
                committee=ini["committee__name"] or "",
                contributors=ini["contributors"],
                involved_committees=ini["involved_committees"],
                notes=ini["notes"],
                heading=ini["heading"],
                carried_from=_carried_from(ini),
                milestones=milestones,
                economy=EconomyDoc(
                    text=eco.text,
                    smiley=_smiley(eco.smiley),
                    glyph=eco.glyph or None,
                    needs_review=eco.needs_review,
                    note=eco.note,
                    spent=eco.spent,
                    expected=eco.expected,
                    saving_achieved=eco.saving_achieved,
                    set_by_officer=eco.set_by_officer,
                    reason=eco.reason,
                )
                if eco
                else EconomyDoc(),
                budget=budget,
            )
        )
    return list(themes.values())


def initiative_document(initiative: Initiative, round_obj: Round) -> InitiativeDoc:
    """Return one initiative as a report document entry at a round (for rule checks)."""
    (theme,) = _theme_docs(Initiative.objects.filter(pk=initiative.pk), round_obj)
    return theme.initiatives[0]
