"""The economy of a report as plain values every exporter lays out: budget tables and totals.

Built from the report document alone (no database): per initiative the adopted budget, the
approved changes and the amended budget as of the report's date; per report the adopted and
amended sums per theme and year and the changes approved since the previous round. Amounts stay
``int`` kroner here; each format decides how to show them (format_dkk, or numbers in XLSX).
Every word goes through gettext with the Danish text as source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from opfolgning.followup import budget as rules
from opfolgning.followup import vocabulary
from opfolgning.followup.document import KIND_BOTH, InitiativeDoc, ReportDocument, budget_model
from opfolgning.followup.vocabulary import (
    NOT_GIVEN,
    change_kind_word,
    kind_word,
    long_date,
    round_phrase,
)

__all__ = [
    "BudgetRow",
    "InitiativeEconomy",
    "PendingChange",
    "ReportChange",
    "ReportEconomy",
    "ThemeTotals",
    "change_amounts_text",
    "economy_text_of",
    "initiative_economy",
    "kroner",
    "language",
    "report_economy",
    "signed_kroner",
]

ADOPTED = rules.ADOPTED
CHANGE = rules.CHANGE
AMENDED = rules.AMENDED


def language() -> str:
    """Return "en" when English is active, else "da" (the languages format_dkk knows)."""
    return "en" if (get_language() or "da").startswith("en") else "da"


def kroner(amount: int, lang: str | None = None) -> str:
    """Return an amount as text in the active language ("1,5 mio. kr.")."""
    return vocabulary.amount(amount, lang or language())


def signed_kroner(amount: int, lang: str | None = None) -> str:
    """Return a change amount with its sign shown: "+1 mio. kr." or "-1 mio. kr."."""
    return vocabulary.signed_amount(amount, lang or language())


def _date_text(day: dt.date, lang: str) -> str:
    return long_date(day, lang)


def _kind_word(kind: rules.ChangeKind) -> str:
    return change_kind_word(kind.value, language()).capitalize()


def _money_word(kind: rules.BudgetKind) -> str:
    return kind_word(kind.value, get_language() or "da").lower()


@dataclass(frozen=True)
class BudgetRow:
    """One row of an initiative's economy table: a label and an amount per year."""

    role: str  # ADOPTED, CHANGE or AMENDED
    label: str
    amounts: Mapping[int, int]

    @property
    def total(self) -> int:
        """Return the row's sum over its years."""
        return sum(self.amounts.values())

    def cells(self, years: Sequence[int]) -> list[str]:
        """Return the row's amounts as text, one per year ("" where it has none): a change's
        with its sign shown ("+1 mio. kr."), in the active language."""
        show = signed_kroner if self.role == CHANGE else kroner
        return [show(self.amounts[year]) if year in self.amounts else "" for year in years]

    def total_text(self) -> str:
        """Return the row's total as text, like its cells."""
        return (signed_kroner if self.role == CHANGE else kroner)(self.total)


@dataclass(frozen=True)
class PendingChange:
    """A proposed or rejected change: listed beside the table, never summed."""

    status: str  # "proposed" or "rejected"
    status_word: str
    text: str
    amounts: Mapping[int, int]


@dataclass(frozen=True)
class InitiativeEconomy:
    """What a report shows about one initiative's money."""

    no_money: bool
    years: tuple[int, ...]
    rows: tuple[BudgetRow, ...]
    pending: tuple[PendingChange, ...]
    review: tuple[str, ...]

    @property
    def has_table(self) -> bool:
        """Return whether there are amounts to show as a table."""
        return bool(self.years)


def _change_label(
    change: rules.BudgetChange, *, mixed: bool, lang: str, amounts_text: str = ""
) -> str:
    """Return "Udskydelse, godkendt 12. marts 2020, sag 1[: amounts]. Finansiering: …"."""
    label = _kind_word(change.kind)
    if mixed:
        label += f" ({_money_word(change.kind_of_money)})"
    if change.decided_on is not None and change.status is rules.ChangeStatus.APPROVED:
        label += ", " + _("godkendt %(date)s") % {"date": _date_text(change.decided_on, lang)}
    elif change.decided_on is not None and change.status is rules.ChangeStatus.REJECTED:
        label += ", " + _("afvist %(date)s") % {"date": _date_text(change.decided_on, lang)}
    elif change.proposed_in_round is not None and change.status is rules.ChangeStatus.PROPOSED:
        label += ", " + _("foreslået ved %(round)s") % {
            "round": round_phrase(change.proposed_in_round, lang)
        }
    if change.reference.strip():
        label += ", " + change.reference.strip()
    if amounts_text:
        label += ": " + amounts_text
    label += "."
    if change.financing.strip():
        financing = change.financing.strip()
        if not financing.endswith((".", "!", "?")):
            financing += "."
        label += " " + _("Finansiering: %(financing)s") % {"financing": financing}
    return label


def _amounts_phrase(amounts: Mapping[int, int], lang: str) -> str:
    return vocabulary.signed_amounts(amounts, lang)


def initiative_economy(ini: InitiativeDoc, *, as_of: dt.date | None) -> InitiativeEconomy | None:
    """Return an initiative's economy table as of `as_of`; None when its budget is not known."""
    if ini.budget is None:
        return None
    lang = language()
    adopted, changes = budget_model(ini.budget)
    table = rules.economy_table(adopted, changes, as_of=as_of)
    approved = list(table.approved)
    # A change decided after the report's date is still only proposed as far as it knows.
    later = [
        c
        for c in changes
        if (c.status is rules.ChangeStatus.APPROVED and c not in approved)
        or (
            c.status is rules.ChangeStatus.REJECTED
            and as_of is not None
            and c.decided_on is not None
            and c.decided_on > as_of
        )
    ]
    mixed = table.split
    years = table.years
    rows: list[BudgetRow] = []
    for row in table.rows:
        if row.change is not None:
            label = _change_label(row.change, mixed=mixed, lang=lang)
        else:
            label = _("Vedtaget budget") if row.role == ADOPTED else _("Korrigeret budget")
            if row.kind is not None:
                label += f" ({_money_word(row.kind)})"
        rows.append(BudgetRow(row.role, label, row.amounts))
    pending: list[PendingChange] = []
    for change in changes:
        if change.status is rules.ChangeStatus.APPROVED and change not in later:
            continue
        if change in later:
            # Decided after the report's date: as the report stands, still a proposal, without
            # the decision's date or reference.
            change = replace(
                change, status=rules.ChangeStatus.PROPOSED, decided_on=None, reference=""
            )
        rejected = change.status is rules.ChangeStatus.REJECTED
        amounts = rules.change_amounts(change)
        text = _change_label(
            change, mixed=mixed, lang=lang, amounts_text=_amounts_phrase(amounts, lang)
        )
        pending.append(
            PendingChange(
                "rejected" if rejected else "proposed",
                _("Afvist") if rejected else _("Foreslået"),
                text,
                amounts,
            )
        )
    return InitiativeEconomy(
        no_money=adopted.no_money and not years,
        years=tuple(years),
        rows=tuple(rows) if years else (),
        pending=tuple(pending),
        review=tuple(ini.budget.review),
    )


def economy_text_of(ini: InitiativeDoc, *, as_of: dt.date | None) -> str:
    """Return the economy text: as stored, or generated from the budget when none is stored."""
    if ini.economy.text.strip() or ini.budget is None:
        return ini.economy.text
    adopted, changes = budget_model(ini.budget)
    return rules.economy_text(
        adopted, changes, as_of=as_of, language=language(), name_kinds=ini.kind == KIND_BOTH
    )


@dataclass(frozen=True)
class ThemeTotals(rules.TotalsRow):
    """Adopted and amended sums per year for one theme (or, as `overall`, the report)."""

    label: str = ""
    # Initiatives whose amounts are not known (no budget lines, not "no money"): their money
    # is not in the sums, and a group of only those reads "ikke angivet", never "0 kr.".
    unknown: int = 0

    def cells(self, which: str, years: Sequence[int]) -> list[str]:
        """Return the adopted or amended row's cells as text, the total last."""
        by_year = self.adopted if which == "adopted" else self.amended
        if self.unknown and not any(by_year.values()):
            return [NOT_GIVEN.in_language(language())] * (len(years) + 1)
        return [kroner(by_year.get(y, 0)) for y in years] + [kroner(sum(by_year.values()))]

    @property
    def shown_label(self) -> str:
        """Return the label, saying how many initiatives' amounts are not known."""
        if not self.unknown or not any(self.adopted.values()):
            return self.label
        note = ngettext(
            "%(n)s indsats uden kendte beløb", "%(n)s indsatser uden kendte beløb", self.unknown
        ) % {"n": self.unknown}
        return f"{self.label} ({note})"


@dataclass(frozen=True)
class ReportChange:
    """A change approved since the previous round, with the initiative it belongs to."""

    initiative: str
    number: str
    text: str
    decided_on: dt.date | None
    amounts: Mapping[int, int]


@dataclass(frozen=True)
class ReportEconomy:
    """The report-level section "Økonomi i alt"."""

    years: tuple[int, ...]
    themes: tuple[ThemeTotals, ...]
    overall: ThemeTotals
    changes: tuple[ReportChange, ...] = ()
    previous_date: dt.date | None = None
    changes_heading: str = field(default="")


def report_economy(
    doc: ReportDocument, *, previous_date: dt.date | None = None
) -> ReportEconomy | None:
    """Return the report's economy totals and recent changes; None when no initiative has a budget.

    `previous_date` is the previous round's date (default: the document's): changes approved
    after it and by the report's date are listed. None lists every change approved by then.
    """
    if previous_date is None:
        previous_date = doc.previous_date
    lang = language()
    items: list[tuple[str, rules.Budget, Sequence[rules.BudgetChange]]] = []
    labels: dict[str, str] = {}
    changes: list[tuple[int, ReportChange]] = []
    until = doc.date or dt.date.max
    position = 0
    unknown: dict[str, int] = {}
    known = False
    for index, theme in enumerate(doc.themes):
        for ini in theme.initiatives:
            key = str(index)
            # A theme without a heading (theme 2 of the seed) is named as the overview names it.
            labels[key] = (
                f"{theme.number}. {theme.title}".strip()
                if theme.title
                else f"{_('Tema')} {theme.number}"
            )
            if ini.budget is None or (not ini.budget.no_money and not ini.budget.lines):
                # Not known (a text that names amounts it could not read, or no budget):
                # counted, never summed as nothing.
                unknown[key] = unknown.get(key, 0) + 1
                items.append((key, rules.Budget(), []))
                if ini.budget is None:
                    continue
            known = True
            adopted, budget_changes = budget_model(ini.budget)
            items.append((key, adopted, budget_changes))
            kinds = {line.kind for line in adopted.lines} | {
                c.kind_of_money for c in rules.approved_changes(budget_changes, as_of=doc.date)
            }
            for change in rules.changes_between(budget_changes, previous_date, until):
                amounts = rules.change_amounts(change)
                text = _change_label(
                    change,
                    mixed=len(kinds) > 1,
                    lang=lang,
                    amounts_text=_amounts_phrase(amounts, lang),
                )
                changes.append(
                    (
                        position,
                        ReportChange(
                            initiative=f"{ini.number}. {ini.title}",
                            number=ini.number,
                            text=text,
                            decided_on=change.decided_on,
                            amounts=amounts,
                        ),
                    )
                )
                position += 1
    if not known:
        return None
    result = rules.totals(items, as_of=doc.date)
    themes = tuple(
        ThemeTotals(
            adopted=row.adopted,
            amended=row.amended,
            label=labels[key],
            unknown=unknown.get(key, 0),
        )
        for key, row in result.groups.items()
    )
    overall = ThemeTotals(
        adopted=result.overall.adopted,
        amended=result.overall.amended,
        label=_("I alt"),
        unknown=sum(unknown.values()),
    )
    changes.sort(key=lambda pair: (pair[1].decided_on or dt.date.min, pair[0]))
    if previous_date is None:
        heading = _("Godkendte ændringer")
    else:
        heading = _("Godkendte ændringer siden sidste opfølgning (%(date)s)") % {
            "date": _date_text(previous_date, lang)
        }
    return ReportEconomy(
        years=result.years,
        themes=themes,
        overall=overall,
        changes=tuple(change for _position, change in changes),
        previous_date=previous_date,
        changes_heading=heading,
    )


def change_amounts_text(amounts: Mapping[int, int], lang: str | None = None) -> str:
    """Return "-1 mio. kr. i 2019, +1 mio. kr. i 2020" for a change's amounts."""
    return _amounts_phrase(amounts, lang or language())
