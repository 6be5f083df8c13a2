"""Reads of budgets and budget changes: plain rows turned into the report document's shapes.

Each reader costs one query for any number of initiatives, so a report with budgets keeps a
query count independent of N (ARCHITECTURE.md, habit 2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opfolgning.followup import budget as rules
from opfolgning.followup.document import (
    BudgetChangeDoc,
    BudgetDoc,
    BudgetLineDoc,
    ChangeAmountDoc,
    budget_model,
)
from opfolgning.followup.vocabulary import KIND_BOTH, long_date, signed_amount
from opfolgning.followup.vocabulary import amount as vocabulary_amount

from .models import (
    BudgetChange,
    BudgetLine,
    ChangeKind,
    ChangeStatus,
    EconomyStatus,
    Initiative,
    MoneyKind,
    Round,
    RoundState,
)


class KeyedChange(NamedTuple):
    """A change as read: its primary key beside its document (services need to know which)."""

    pk: int
    change: BudgetChangeDoc


def review_lines(text: str) -> list[str]:
    """Return the review lines stored in `Initiative.budget_review` (one a line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def lines_by_initiative(initiatives: QuerySet[Initiative]) -> dict[int, list[BudgetLineDoc]]:
    """Return the adopted budget lines of `initiatives` per initiative id, by year and kind."""
    result: dict[int, list[BudgetLineDoc]] = {}
    rows = (
        BudgetLine.objects.filter(initiative__in=initiatives)
        .order_by("initiative_id", "year", "kind")
        .values_list("initiative_id", "year", "kind", "amount")
    )
    for initiative_id, year, kind, amount in rows:
        result.setdefault(initiative_id, []).append(BudgetLineDoc(year, kind, amount))
    return result


class ChangeAmountRow(NamedTuple):
    """A budget change joined with one of its amounts (year and amount None when it has none)."""

    pk: int
    initiative_id: int
    kind: str
    kind_of_money: str
    financing: str
    status: str
    decided_on: dt.date | None
    reference: str
    note: str
    proposed_in_round: int | None
    year: int | None
    amount: int | None


# The columns of a ChangeAmountRow in its fields' order; the amounts are read across the join.
_CHANGE_COLUMNS = tuple(
    {"year": "amounts__year", "amount": "amounts__amount"}.get(name, name)
    for name in ChangeAmountRow._fields
)


def changes_by_initiative(initiatives: QuerySet[Initiative]) -> dict[int, list[KeyedChange]]:
    """Return the budget changes of `initiatives` per initiative id, oldest first, in one query."""
    result: dict[int, list[KeyedChange]] = {}
    by_pk: dict[int, BudgetChangeDoc] = {}
    # One LEFT JOIN instead of a second query: a change is repeated once per year it holds.
    rows = (
        BudgetChange.objects.filter(initiative__in=initiatives)
        .order_by("initiative_id", "created_at", "pk", "amounts__year")
        .values_list(*_CHANGE_COLUMNS)
    )
    for row in map(ChangeAmountRow._make, rows):
        change = by_pk.get(row.pk)
        if change is None:
            change = by_pk[row.pk] = BudgetChangeDoc(
                kind=row.kind,
                kind_of_money=row.kind_of_money,
                amounts=[],
                financing=row.financing,
                status=row.status,
                decided_on=row.decided_on,
                reference=row.reference,
                note=row.note,
                proposed_in_round=row.proposed_in_round,
            )
            result.setdefault(row.initiative_id, []).append(KeyedChange(row.pk, change))
        if row.year is not None and row.amount is not None:  # both or neither (NOT NULL)
            change.amounts.append(ChangeAmountDoc(row.year, row.amount))
    return result


def budget_doc(
    *,
    no_money: bool,
    review: str,
    lines: Iterable[BudgetLineDoc],
    changes: Iterable[BudgetChangeDoc],
) -> BudgetDoc | None:
    """Return an initiative's budget document, or None when nothing about its money is known."""
    line_list, change_list, review_list = list(lines), list(changes), review_lines(review)
    if not (no_money or line_list or change_list or review_list):
        return None
    return BudgetDoc(no_money=no_money, lines=line_list, changes=change_list, review=review_list)


def budget_of(initiative: Initiative) -> BudgetDoc:
    """Return the budget of one initiative (an empty one when nothing is known)."""
    initiatives = Initiative.objects.filter(pk=initiative.pk)
    doc = budget_doc(
        no_money=initiative.no_money,
        review=initiative.budget_review,
        lines=lines_by_initiative(initiatives).get(initiative.pk, []),
        changes=[c for _, c in changes_by_initiative(initiatives).get(initiative.pk, [])],
    )
    return doc if doc is not None else BudgetDoc()


def rules_of(initiative: Initiative) -> tuple[rules.Budget, list[tuple[int, rules.BudgetChange]]]:
    """Return an initiative's adopted budget and its changes (by primary key) as rule types."""
    initiatives = Initiative.objects.filter(pk=initiative.pk)
    lines = lines_by_initiative(initiatives).get(initiative.pk, [])
    keyed = changes_by_initiative(initiatives).get(initiative.pk, [])
    doc = BudgetDoc(no_money=initiative.no_money, lines=lines, changes=[c for _, c in keyed])
    adopted, changes = budget_model(doc)
    return adopted, [(pk, change) for (pk, _), change in zip(keyed, changes, strict=True)]


def approved_rules(keyed: Iterable[tuple[int, Any]], *, skip: int | None = None) -> list[Any]:
    """Return the approved rule changes of `keyed`, leaving out the one with primary key `skip`."""
    return [c for pk, c in keyed if pk != skip and c.status is rules.ChangeStatus.APPROVED]


# --- the economy pages of one initiative --------------------------------------------------

#: The prefix judge_economy gives the reason of an officer's smiley (followup.budget).
OFFICER_PREFIX = "Sat af sagsbehandleren: "


def _cell(amount: int | None, *, signed: bool = False) -> str:
    if amount is None:
        return ""
    return signed_amount(amount) if signed else vocabulary_amount(amount)


@dataclass(frozen=True)
class BudgetRow:
    """One row of the budget table: adopted, an approved change or amended; a cell per year."""

    kind: str  # "adopted", "change" or "amended"
    label: str
    cells: list[str]
    total: str


@dataclass(frozen=True)
class ChangeRow:
    """A budget change as the economy page lists it, with its amounts per year."""

    id: int
    kind: str
    kind_label: str
    kind_of_money: str
    kind_of_money_label: str
    cells: list[str]
    financing: str
    status: str
    status_label: str
    decided_on: dt.date | None
    reference: str
    note: str


@dataclass(frozen=True)
class EconomyView:
    """An initiative's budget, its changes and the amended budget as of a date (None: today)."""

    budget: BudgetDoc
    years: list[int]
    rows: list[BudgetRow]
    changes: list[ChangeRow]
    review: list[str]
    text: str

    def budget_initial(self) -> dict[str, Any]:
        """Return the adopted budget as initial values of the budget form."""
        initial: dict[str, Any] = {"no_money": self.budget.no_money}
        for line in self.budget.lines:
            initial[f"{line.kind}_{line.year}"] = line.amount
        return initial


def economy_view(
    initiative: Initiative,
    *,
    as_of: dt.date | None = None,
    read: tuple[list[BudgetLineDoc], list[KeyedChange], Any] | None = None,
) -> EconomyView:
    """Return the economy page of an initiative: adopted, approved by `as_of`, amended.

    `read` is the initiative's budget lines, its changes and its agreement, already read
    (initiative_data with budgets): then nothing is read again.
    """
    if read is None:
        initiatives = Initiative.objects.filter(pk=initiative.pk)
        lines = lines_by_initiative(initiatives).get(initiative.pk, [])
        keyed = changes_by_initiative(initiatives).get(initiative.pk, [])
        agreement = initiative.agreement
    else:
        lines, keyed, agreement = read
    doc = BudgetDoc(
        no_money=initiative.no_money,
        lines=lines,
        changes=[c for _, c in keyed],
        review=review_lines(initiative.budget_review),
    )
    adopted, changes = budget_model(doc)
    seen = {li.year for li in lines} | {a.year for c in changes for a in c.amounts}
    period = set(range(agreement.first_year, agreement.last_year + 1))
    # The page shows the whole budget period, both kinds of money summed.
    table = rules.economy_table(
        adopted, changes, as_of=as_of, split_kinds=False, years=period | seen
    )
    years = list(table.years)

    def row(kind: str, label: str, by_year: Mapping[int, int], *, signed: bool) -> BudgetRow:
        cells = [_cell(by_year.get(year), signed=signed) for year in years]
        return BudgetRow(kind, label, cells, _cell(sum(by_year.values()), signed=signed))

    rows: list[BudgetRow] = []
    for table_row in table.rows:
        change = table_row.change
        if change is not None:
            when = f" {long_date(change.decided_on)}" if change.decided_on else ""
            name = str(ChangeKind(change.kind.value).label).capitalize()
            label = f"{name} ({_('godkendt')}{when})"
        elif table_row.role == rules.ADOPTED:
            label = _("Vedtaget budget")
        else:
            label = _("Korrigeret budget")
        rows.append(row(table_row.role, label, table_row.amounts, signed=change is not None))
    change_rows = [
        ChangeRow(
            id=pk,
            kind=c.kind,
            kind_label=str(ChangeKind(c.kind).label),
            kind_of_money=c.kind_of_money,
            kind_of_money_label=str(MoneyKind(c.kind_of_money).label),
            cells=[
                _cell({a.year: a.amount for a in c.amounts}.get(year), signed=True)
                for year in years
            ],
            financing=c.financing,
            status=c.status,
            status_label=str(ChangeStatus(c.status).label),
            decided_on=c.decided_on,
            reference=c.reference,
            note=c.note,
        )
        for pk, c in keyed
    ]
    known = initiative.no_money or bool(lines)
    language = "en" if (get_language() or "").startswith("en") else "da"
    text = (
        rules.economy_text(
            adopted,
            changes,
            as_of=as_of,
            language=language,
            name_kinds=initiative.kind == KIND_BOTH,
        )
        if known
        else ""
    )
    return EconomyView(doc, years, rows, change_rows, doc.review, text)


def open_round_number(initiative: Initiative) -> int | None:
    """Return the number of the agreement's open round, or None when no round is open."""
    return (
        Round.objects.filter(agreement_id=initiative.agreement_id, state=RoundState.OPEN)
        .values_list("number", flat=True)
        .first()
    )


@dataclass(frozen=True)
class EconomyStatusView:
    """The economy of an initiative at a round: figures, smiley, reason, officer's override."""

    smiley: str = ""
    reason: str = ""
    spent: int | None = None
    expected: int | None = None
    saving_achieved: bool | None = None
    note: str = ""
    set_by_officer: bool = False

    @property
    def spent_text(self) -> str:
        """Return the spending in Danish form ("1,5 mio. kr."), or "" when not given."""
        return _cell(self.spent)

    @property
    def expected_text(self) -> str:
        """Return the expected spending in Danish form, or "" when not given."""
        return _cell(self.expected)

    @property
    def officer_note(self) -> str:
        """Return the officer's note behind an officer's smiley ("" otherwise)."""
        if not self.set_by_officer:
            return ""
        return self.reason.removeprefix(OFFICER_PREFIX)

    def figures_initial(self) -> dict[str, Any]:
        """Return the stored figures as initial values of the figures form."""
        saving = "" if self.saving_achieved is None else ("yes" if self.saving_achieved else "no")
        return {
            "spent": self.spent,
            "expected": self.expected,
            "saving_achieved": saving,
            "note": self.note,
        }

    def override_initial(self) -> dict[str, Any]:
        """Return the officer's smiley and note as initial values of the override form."""
        return {
            "officer_smiley": self.smiley if self.set_by_officer else "",
            "officer_note": self.officer_note,
        }

    def values(self) -> dict[str, Any]:
        """Return the stored values as keyword arguments of budget_services.economy_figures_save."""
        return {
            "spent": self.spent,
            "expected": self.expected,
            "saving_achieved": self.saving_achieved,
            "note": self.note,
            "officer_smiley": self.smiley if self.set_by_officer else "",
            "officer_note": self.officer_note,
        }


# The stored economy's columns that the status view shows.
STATUS_VIEW_COLUMNS = (
    "smiley",
    "reason",
    "spent",
    "expected",
    "saving_achieved",
    "note",
    "set_by_officer",
)


def economy_status_from(row: Any) -> EconomyStatusView:
    """Return the status view of an economy row already read (selectors.EconomyRow), or empty."""
    if row is None:
        return EconomyStatusView()
    return EconomyStatusView(**{name: getattr(row, name) for name in STATUS_VIEW_COLUMNS})


def economy_status_of(initiative: Initiative, round_obj: Round) -> EconomyStatusView:
    """Return the stored economy of an initiative at a round (empty when none is stored)."""
    row = (
        EconomyStatus.objects.filter(initiative=initiative, round=round_obj)
        .values(*STATUS_VIEW_COLUMNS)
        .first()
    )
    return EconomyStatusView(**row) if row else EconomyStatusView()
