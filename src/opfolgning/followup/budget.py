"""The budget of an initiative, changes to it, the amended budget and the economy smiley.

Pure functions (DOMAIN.md, "Economy"). Money is always ``int`` kroner, never a float.
Every refusal and every judgement says why, in Danish first and English second.

Sign convention for `YearAmount.amount`: a positive amount adds money to that year, a
negative amount takes money from it. So a postponement has negative amounts in the years it
moves money out of and positive amounts in the years it moves money into (summing to zero),
an increase has only positive amounts, and a cut or a saving target only negative amounts.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from . import vocabulary
from .smileys import Smiley
from .vocabulary import kind_word, long_date

#: The largest amount accepted per year and kind: anything above is a typing error.
MAX_AMOUNT_PER_YEAR = 100_000_000_000  # 100 mia. kr.


class BudgetKind(enum.StrEnum):
    """Which kind of money: capital (anlæg) or operating (drift)."""

    CAPITAL = "capital"
    OPERATING = "operating"


KIND_DA = {kind: kind_word(kind.value).lower() for kind in BudgetKind}
KIND_EN = {BudgetKind.CAPITAL: "capital", BudgetKind.OPERATING: "operating"}


class ChangeKind(enum.StrEnum):
    """What a budget change does."""

    POSTPONEMENT = "postponement"  # money moved between years; the total is unchanged
    INCREASE = "increase"
    CUT = "cut"
    SAVING_TARGET = "saving_target"  # reduces the budget like a cut, judged as a target


class ChangeStatus(enum.StrEnum):
    """Where a budget change stands with the city council."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"


def _check_kroner(amount: object) -> None:
    # bool is an int subclass; True kroner is a bug, not a budget.
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be int kroner, not {type(amount).__name__}")


@dataclass(frozen=True)
class BudgetLine:
    """One amount of the adopted budget: a year and a kind of money."""

    year: int
    kind: BudgetKind
    amount: int

    def __post_init__(self) -> None:
        _check_kroner(self.amount)


@dataclass(frozen=True)
class Budget:
    """The budget of an initiative as adopted with the agreement."""

    lines: tuple[BudgetLine, ...] = ()
    no_money: bool = False

    def __post_init__(self) -> None:
        # Accept any sequence but keep the instance immutable and hashable.
        object.__setattr__(self, "lines", tuple(self.lines))
        if self.no_money and self.lines:
            raise ValueError("a budget with no money cannot have budget lines")

    def by_year(self, kind: BudgetKind | None = None) -> dict[int, int]:
        """Return the adopted amount per year, sorted by year, for one kind or both."""
        result: dict[int, int] = {}
        for line in sorted(self.lines, key=lambda line: line.year):
            if kind is None or line.kind is kind:
                result[line.year] = result.get(line.year, 0) + line.amount
        return result

    @property
    def total(self) -> int:
        """Return the adopted amount over all years and kinds."""
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class YearAmount:
    """A signed amount for one year: positive adds to the year, negative takes from it."""

    year: int
    amount: int

    def __post_init__(self) -> None:
        _check_kroner(self.amount)


@dataclass(frozen=True)
class BudgetChange:
    """A change to the budget of an initiative, with its financing and its decision."""

    kind: ChangeKind
    kind_of_money: BudgetKind
    amounts: tuple[YearAmount, ...]
    financing: str
    status: ChangeStatus
    decided_on: date | None
    reference: str
    note: str = ""
    proposed_in_round: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "amounts", tuple(self.amounts))


@dataclass(frozen=True)
class Problem:
    """A refusal: which field (`where`) and what is wrong and what to do, in Danish and English."""

    where: str
    message_da: str
    message_en: str


class ProblemError(ValueError):
    """Raised when a judgement cannot be made as asked; `problem` says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message_en)


@dataclass(frozen=True)
class EconomyVerdict:
    """The economy smiley for one initiative and year (None = no smiley), and why."""

    smiley: Smiley | None
    reason_da: str
    reason_en: str
    set_by_officer: bool = False


# --- formatting -------------------------------------------------------------------------


def _join(items: Sequence[str], language: str) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    word = " og " if language == "da" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def _kr(amount: int, language: str = "da") -> str:
    return vocabulary.amount(amount, language)


def _signed_kr(amount: int, language: str = "da") -> str:
    # An explicit plus makes the sign convention visible in a (Danish) refusal.
    return vocabulary.signed_amount(amount, language) if language == "da" else _kr(amount, language)


# --- validation -------------------------------------------------------------------------


def _tidy(text: str) -> str:
    # An amount ending in "kr." at the end of a sentence takes no second full stop.
    return text.replace("kr..", "kr.")


def _problem(where: str, message_da: str, message_en: str) -> Problem:
    return Problem(where, _tidy(message_da), _tidy(message_en))


def _check_period(period: tuple[int, int]) -> None:
    first, last = period
    if first > last:
        raise ValueError(f"period must run from the first to the last year, not {period!r}")


def _holdings(
    budget: Budget, changes: Iterable[BudgetChange], *, skip: BudgetChange | None = None
) -> dict[tuple[int, BudgetKind], int]:
    # Only approved changes hold money; identity, not equality, leaves out the change itself
    # because two equal changes may both be real.
    counted = [c for c in changes if c is not skip]
    return amended_budget(budget, counted)


def _period_text(period: tuple[int, int]) -> str:
    first, last = period
    return str(first) if first == last else f"{first}-{last}"


def validate_budget(budget: Budget, period: tuple[int, int]) -> list[Problem]:
    """Return the problems of an adopted budget: negative, absurd, out-of-period, duplicates."""
    _check_period(period)
    first, last = period
    problems: list[Problem] = []
    seen: set[tuple[int, BudgetKind]] = set()
    for index, line in enumerate(budget.lines):
        where = f"lines[{index}]"
        kind_da, kind_en = KIND_DA[line.kind], KIND_EN[line.kind]
        if not first <= line.year <= last:
            problems.append(
                _problem(
                    where,
                    f"Året {line.year} ligger uden for aftalens periode {_period_text(period)}. "
                    "Vælg et år i perioden.",
                    f"The year {line.year} lies outside the agreement's period "
                    f"{_period_text(period)}. Choose a year in the period.",
                )
            )
        if line.amount < 0:
            problems.append(
                _problem(
                    where,
                    f"Budgettet for {line.year} ({kind_da}) er negativt: {_kr(line.amount)}. "
                    "Skriv det afsatte beløb uden minus; en besparelse registreres som en "
                    "budgetændring.",
                    f"The budget for {line.year} ({kind_en}) is negative: "
                    f"{_kr(line.amount, 'en')}. Write the amount set aside without a minus; "
                    "a saving is recorded as a budget change.",
                )
            )
        elif line.amount > MAX_AMOUNT_PER_YEAR:
            problems.append(
                _problem(
                    where,
                    f"Budgettet for {line.year} ({kind_da}) på {_kr(line.amount)} er over "
                    f"grænsen på {_kr(MAX_AMOUNT_PER_YEAR)} pr. år. Tjek beløbet for "
                    "ekstra nuller.",
                    f"The budget for {line.year} ({kind_en}) of {_kr(line.amount, 'en')} is "
                    f"above the limit of {_kr(MAX_AMOUNT_PER_YEAR, 'en')} a year. Check the "
                    "amount for extra zeros.",
                )
            )
        key = (line.year, line.kind)
        if key in seen:
            problems.append(
                _problem(
                    where,
                    f"Der er to beløb til {kind_da} i {line.year}. Læg dem sammen til ét beløb.",
                    f"There are two {kind_en} amounts for {line.year}. Add them into one amount.",
                )
            )
        seen.add(key)
    return problems


# With the article: "en reduktion" but "et sparemål".
_ARTICLE_DA = {
    ChangeKind.POSTPONEMENT: "En udskydelse",
    ChangeKind.INCREASE: "En forhøjelse",
    ChangeKind.CUT: "En reduktion",
    ChangeKind.SAVING_TARGET: "Et sparemål",
}
_CHANGE_EN = {
    ChangeKind.POSTPONEMENT: "postponement",
    ChangeKind.INCREASE: "increase",
    ChangeKind.CUT: "cut",
    ChangeKind.SAVING_TARGET: "saving target",
}


def _form_problems(change: BudgetChange, period: tuple[int, int]) -> list[Problem]:
    """Return the problems visible on the change alone, without the budget."""
    first, last = period
    article_da, name_en = _ARTICLE_DA[change.kind], _CHANGE_EN[change.kind]
    problems: list[Problem] = []
    if not change.financing.strip():
        problems.append(
            _problem(
                "financing",
                "Alternativ finansiering mangler. Skriv, hvor pengene kommer fra eller går "
                "til; det kræves for alle budgetændringer.",
                "The alternative financing is missing. Write where the money comes from or "
                "goes to; every budget change requires it.",
            )
        )
    if not change.amounts:
        problems.append(
            _problem(
                "amounts",
                "Ændringen har ingen beløb. Angiv mindst ét år med et beløb.",
                "The change has no amounts. Give at least one year with an amount.",
            )
        )
    seen: set[int] = set()
    for index, item in enumerate(change.amounts):
        where = f"amounts[{index}]"
        if item.year in seen:
            problems.append(
                _problem(
                    where,
                    f"Året {item.year} står to gange i ændringen. Læg beløbene sammen.",
                    f"The year {item.year} appears twice in the change. Add the amounts up.",
                )
            )
        seen.add(item.year)
        if not first <= item.year <= last:
            problems.append(
                _problem(
                    where,
                    f"Året {item.year} ({_signed_kr(item.amount)}) ligger uden for aftalens "
                    f"periode {_period_text(period)}. Vælg et år i perioden.",
                    f"The year {item.year} ({_signed_kr(item.amount, 'en')}) lies outside "
                    f"the agreement's period {_period_text(period)}. Choose a year in the "
                    "period.",
                )
            )
        if item.amount == 0:
            problems.append(
                _problem(
                    where,
                    f"Beløbet for {item.year} er 0 kr. Angiv et beløb, eller fjern året.",
                    f"The amount for {item.year} is DKK 0. Give an amount or remove the year.",
                )
            )
            continue
        if abs(item.amount) > MAX_AMOUNT_PER_YEAR:
            problems.append(
                _problem(
                    where,
                    f"Beløbet for {item.year} på {_kr(abs(item.amount))} er over grænsen på "
                    f"{_kr(MAX_AMOUNT_PER_YEAR)} pr. år. Tjek beløbet for ekstra nuller.",
                    f"The amount for {item.year} of {_kr(abs(item.amount), 'en')} is above "
                    f"the limit of {_kr(MAX_AMOUNT_PER_YEAR, 'en')} a year. Check the "
                    "amount for extra zeros.",
                )
            )
        if change.kind is ChangeKind.INCREASE and item.amount < 0:
            problems.append(
                _problem(
                    where,
                    f"En forhøjelse skal have positive beløb, men {item.year} har "
                    f"{_kr(item.amount)}. Skriv beløbet uden minus, eller registrér "
                    "ændringen som en reduktion.",
                    f"An increase needs positive amounts, but {item.year} has "
                    f"{_kr(item.amount, 'en')}. Write the amount without a minus, or record "
                    "the change as a cut.",
                )
            )
        if change.kind in (ChangeKind.CUT, ChangeKind.SAVING_TARGET) and item.amount > 0:
            problems.append(
                _problem(
                    where,
                    f"{article_da} skal have negative beløb (beløb, der tages fra året), men "
                    f"{item.year} har {_signed_kr(item.amount)}. Skriv beløbet med minus, "
                    "eller registrér ændringen som en forhøjelse.",
                    f"A {name_en} needs negative amounts (money taken from the year), but "
                    f"{item.year} has {_signed_kr(item.amount, 'en')}. Write the amount with a "
                    "minus, or record the change as an increase.",
                )
            )
    if change.kind is ChangeKind.POSTPONEMENT and change.amounts:
        balance = sum(item.amount for item in change.amounts)
        if balance != 0:
            out = -sum(item.amount for item in change.amounts if item.amount < 0)
            into = sum(item.amount for item in change.amounts if item.amount > 0)
            problems.append(
                _problem(
                    "amounts",
                    f"En udskydelse skal lægge lige så meget i nye år, som den tager ud: den "
                    f"tager {_kr(out)} ud og lægger {_kr(into)} ind (forskel "
                    f"{_kr(abs(balance))}). Ret beløbene, eller registrér forskellen som en "
                    "forhøjelse eller en reduktion.",
                    f"A postponement must put into new years as much as it takes out: it takes "
                    f"out {_kr(out, 'en')} and puts in {_kr(into, 'en')} (a difference of "
                    f"{_kr(abs(balance), 'en')}). Correct the amounts, or record the "
                    "difference as an increase or a cut.",
                )
            )
    if change.status is ChangeStatus.APPROVED:
        if change.decided_on is None:
            problems.append(
                _problem(
                    "decided_on",
                    "En godkendt ændring skal have datoen for Kommunalbestyrelsens beslutning. "
                    "Angiv datoen, eller sæt status til foreslået.",
                    "An approved change needs the date of the city council's decision. Give "
                    "the date, or set the status to proposed.",
                )
            )
        if not change.reference.strip():
            problems.append(
                _problem(
                    "reference",
                    "En godkendt ændring skal henvise til sagen eller dagsordenspunktet, hvor "
                    "Kommunalbestyrelsen besluttede den. Angiv henvisningen.",
                    "An approved change needs a reference to the case or agenda item where the "
                    "city council decided it. Give the reference.",
                )
            )
    return problems


def _holding_problems(
    change: BudgetChange, holdings: Mapping[tuple[int, BudgetKind], int]
) -> list[Problem]:
    """Return the problems of taking more out of a year than its amended budget holds."""
    if change.kind is ChangeKind.INCREASE:
        return []
    kind_da, kind_en = KIND_DA[change.kind_of_money], KIND_EN[change.kind_of_money]
    problems: list[Problem] = []
    for index, item in enumerate(change.amounts):
        held = holdings.get((item.year, change.kind_of_money), 0)
        taken = -item.amount
        if item.amount >= 0 or taken <= held:
            continue
        year = item.year
        most_da, most_en = _kr(max(held, 0)), _kr(max(held, 0), "en")
        if change.kind is ChangeKind.POSTPONEMENT:
            message_da = (
                f"Udskydelsen flytter {_kr(taken)} ud af {year}, men det korrigerede budget "
                f"til {kind_da} i {year} er kun {_kr(held)}. Flyt højst {most_da}, eller få "
                "først en forhøjelse godkendt."
            )
            message_en = (
                f"The postponement moves {_kr(taken, 'en')} out of {year}, but the amended "
                f"{kind_en} budget for {year} is only {_kr(held, 'en')}. Move at most "
                f"{most_en}, or have an increase approved first."
            )
        else:
            name_da = "Reduktionen" if change.kind is ChangeKind.CUT else "Sparemålet"
            name_en = _CHANGE_EN[change.kind]
            message_da = (
                f"{name_da} på {_kr(taken)} i {year} er større end det korrigerede budget "
                f"til {kind_da} i {year} på {_kr(held)}. Sæt beløbet til højst {most_da}."
            )
            message_en = (
                f"The {name_en} of {_kr(taken, 'en')} in {year} is larger than the amended "
                f"{kind_en} budget for {year} of {_kr(held, 'en')}. Set the amount to at "
                f"most {most_en}."
            )
        problems.append(_problem(f"amounts[{index}]", message_da, message_en))
    return problems


def validate_change(
    change: BudgetChange,
    *,
    budget: Budget,
    approved: Sequence[BudgetChange],
    period: tuple[int, int],
) -> list[Problem]:
    """Return the problems that refuse a budget change; an empty list means it is valid.

    What a year holds is the amended budget: the adopted amounts plus the approved changes in
    `approved` (other statuses there are ignored, and so is `change` itself, by identity).
    A cut or a saving target cannot take more than the year holds, nor can a postponement
    move more out of it. A rejected change is checked for form only: it never alters the
    budget, so what the years hold does not limit it.
    """
    _check_period(period)
    problems = _form_problems(change, period)
    if change.status is not ChangeStatus.REJECTED:
        holdings = _holdings(budget, approved, skip=change)
        problems.extend(_holding_problems(change, holdings))
    return problems


# --- the amended budget -----------------------------------------------------------------


def _counts(change: BudgetChange, as_of: date | None) -> bool:
    # An approved change without a date cannot be placed in time: it counts only when no
    # cut-off is asked for (validate_change refuses it anyway).
    if change.status is not ChangeStatus.APPROVED:
        return False
    if as_of is None:
        return True
    return change.decided_on is not None and change.decided_on <= as_of


def approved_changes(changes: Iterable[BudgetChange], *, as_of: date | None) -> list[BudgetChange]:
    """Return the changes approved on or before `as_of` (all approved when None), by date."""
    counted = [c for c in changes if _counts(c, as_of)]
    return sorted(counted, key=lambda c: c.decided_on or date.min)


def amended_budget(
    budget: Budget, changes: Iterable[BudgetChange], *, as_of: date | None = None
) -> dict[tuple[int, BudgetKind], int]:
    """Return the amended budget per (year, kind): adopted plus approved changes by `as_of`.

    Proposed and rejected changes never count. A saving target reduces its years like a cut.
    """
    result: dict[tuple[int, BudgetKind], int] = {}
    for line in budget.lines:
        key = (line.year, line.kind)
        result[key] = result.get(key, 0) + line.amount
    for change in approved_changes(changes, as_of=as_of):
        for item in change.amounts:
            key = (item.year, change.kind_of_money)
            result[key] = result.get(key, 0) + item.amount
    return dict(sorted(result.items()))


def saving_targets(changes: Iterable[BudgetChange], *, as_of: date | None = None) -> dict[int, int]:
    """Return the approved saving targets per year as positive amounts to save."""
    result: dict[int, int] = {}
    for change in approved_changes(changes, as_of=as_of):
        if change.kind is ChangeKind.SAVING_TARGET:
            for item in change.amounts:
                result[item.year] = result.get(item.year, 0) - item.amount
    return dict(sorted(result.items()))


# --- the economy table ------------------------------------------------------------------

#: The roles of the economy table's rows, top to bottom.
ADOPTED = "adopted"
CHANGE = "change"
AMENDED = "amended"


@dataclass(frozen=True)
class TableRow:
    """One row of an initiative's economy table: its role and an amount per year.

    An adopted or amended row is for one kind of money (`kind`) when the table is split by
    kind, else for both (None); a change row carries its change.
    """

    role: str
    amounts: Mapping[int, int]
    kind: BudgetKind | None = None
    change: BudgetChange | None = None

    @property
    def total(self) -> int:
        """Return the row's sum over its years."""
        return sum(self.amounts.values())


@dataclass(frozen=True)
class EconomyTable:
    """An initiative's economy table as of a date: adopted, each approved change, amended.

    The one computation behind the report's table (HTML, PDF, DOCX), the public initiative
    page and the economy page; each writes the labels and amounts its own way.
    """

    years: tuple[int, ...]
    kinds: tuple[BudgetKind, ...]
    rows: tuple[TableRow, ...]
    # The changes approved by the date, in date order (the change rows).
    approved: tuple[BudgetChange, ...]

    @property
    def split(self) -> bool:
        """Return whether adopted and amended rows are per kind of money (both kinds used)."""
        return any(row.kind is not None for row in self.rows)


def change_amounts(change: BudgetChange) -> dict[int, int]:
    """Return a change's amount per year, sorted by year."""
    result: dict[int, int] = {}
    for item in change.amounts:
        result[item.year] = result.get(item.year, 0) + item.amount
    return dict(sorted(result.items()))


def economy_table(
    budget: Budget,
    changes: Sequence[BudgetChange],
    *,
    as_of: date | None,
    split_kinds: bool = True,
    years: Iterable[int] = (),
) -> EconomyTable:
    """Return the economy table as of `as_of` (None: every approved change counts).

    With `split_kinds`, an initiative with both kinds of money gets adopted and amended rows
    per kind; otherwise one of each, summed. `years` adds columns (e.g. the budget period);
    the years with amounts are always columns. No rows when nothing is adopted or approved.
    """
    approved = approved_changes(changes, as_of=as_of)
    kinds = tuple(
        sorted(
            {line.kind for line in budget.lines} | {c.kind_of_money for c in approved},
            key=list(BudgetKind).index,
        )
    )
    amended = amended_budget(budget, changes, as_of=as_of)
    all_years = sorted(
        set(years)
        | {line.year for line in budget.lines}
        | {item.year for c in approved for item in c.amounts}
        | {year for year, _kind in amended}
    )
    if not budget.lines and not approved:
        return EconomyTable(tuple(all_years), kinds, (), tuple(approved))
    groups: list[BudgetKind | None] = list(kinds) if split_kinds and len(kinds) > 1 else [None]
    rows = [TableRow(ADOPTED, budget.by_year(kind), kind) for kind in groups]
    rows += [TableRow(CHANGE, change_amounts(c), change=c) for c in approved]
    for kind in groups:
        by_year: dict[int, int] = {}
        for (year, k), amount in amended.items():
            if kind is None or k is kind:
                by_year[year] = by_year.get(year, 0) + amount
        rows.append(TableRow(AMENDED, by_year, kind))
    return EconomyTable(tuple(all_years), kinds, tuple(rows), tuple(approved))


def _year_total(amended: Mapping[tuple[int, BudgetKind], int], year: int) -> int:
    return sum(amount for (y, _kind), amount in amended.items() if y == year)


# --- the economy smiley -----------------------------------------------------------------


def judge_economy(
    *,
    budget: Budget,
    changes: Sequence[BudgetChange],
    year: int,
    as_of: date | None,
    spent: int | None,
    expected: int | None,
    saving_achieved: bool | None,
    officer_smiley: str | None = None,
    officer_note: str = "",
) -> EconomyVerdict:
    """Return the economy smiley for `year` against the amended budget as of `as_of`.

    No smiley when no money is attached; sad when the expected spending (else the spending)
    exceeds the amended budget of the year or a saving target of the year is not met; happy
    otherwise. Without figures there is no smiley, and the reason says so. A smiley set by
    the officer wins but needs a note; without one a `ProblemError` is raised.
    """
    counted = approved_changes(changes, as_of=as_of)
    if budget.no_money and not counted:
        if officer_smiley:
            raise ProblemError(
                _problem(
                    "officer_smiley",
                    "Der er ikke afsat økonomi til indsatsen, så den får ingen smiley for "
                    "økonomi. Fjern smileyen.",
                    "No money is attached to the initiative, so it gets no economy smiley. "
                    "Remove the smiley.",
                )
            )
        return EconomyVerdict(
            None,
            "Der er ikke afsat økonomi, så der gives ingen smiley for økonomi.",
            "No money is attached, so there is no economy smiley.",
        )
    if officer_smiley:
        return _officer_verdict(officer_smiley, officer_note)
    amended = _year_total(amended_budget(budget, counted), year)
    target = saving_targets(counted).get(year, 0)
    figure = expected if expected is not None else spent
    what_da = "Forventet forbrug" if expected is not None else "Forbrug"
    what_en = "Expected spending" if expected is not None else "Spending"
    if target and saving_achieved is False:
        return EconomyVerdict(
            Smiley.SAD,
            f"Sparemålet på {_kr(target)} for {year} er ikke nået.",
            f"The saving target of {_kr(target, 'en')} for {year} is not met.",
        )
    if figure is not None and figure > amended:
        return EconomyVerdict(
            Smiley.SAD,
            f"{what_da} {_kr(figure)} overstiger det korrigerede budget på {_kr(amended)} "
            f"for {year}.",
            f"{what_en} of {_kr(figure, 'en')} exceeds the amended budget of "
            f"{_kr(amended, 'en')} for {year}.",
        )
    if figure is None:
        return EconomyVerdict(
            None,
            f"Der er ikke angivet forbrug eller forventet forbrug for {year}, så økonomien "
            "kan ikke vurderes. Angiv tallene, eller sæt smileyen med en begrundelse.",
            f"No spending or expected spending was given for {year}, so the economy cannot "
            "be judged. Give the figures, or set the smiley with a note.",
        )
    if target and saving_achieved is None:
        return EconomyVerdict(
            None,
            f"Det er ikke angivet, om sparemålet på {_kr(target)} for {year} er nået. "
            "Angiv det, eller sæt smileyen med en begrundelse.",
            f"It was not stated whether the saving target of {_kr(target, 'en')} for {year} "
            "is met. State it, or set the smiley with a note.",
        )
    reason_da = (
        f"{what_da} {_kr(figure)} er inden for det korrigerede budget på {_kr(amended)} for {year}."
    )
    reason_en = (
        f"{what_en} of {_kr(figure, 'en')} is within the amended budget of "
        f"{_kr(amended, 'en')} for {year}."
    )
    if target:
        reason_da += f" Sparemålet på {_kr(target)} er nået."
        reason_en += f" The saving target of {_kr(target, 'en')} is met."
    return EconomyVerdict(Smiley.HAPPY, reason_da, reason_en)


def _officer_verdict(officer_smiley: str, officer_note: str) -> EconomyVerdict:
    if officer_smiley not in (Smiley.HAPPY, Smiley.SAD):
        raise ProblemError(
            _problem(
                "officer_smiley",
                f"Økonomi har kun to smileys, glad og sur, ikke {officer_smiley!r}. "
                "Vælg en af dem.",
                f"The economy has two smileys only, happy and sad, not {officer_smiley!r}. "
                "Choose one of them.",
            )
        )
    note = officer_note.strip()
    if not note:
        raise ProblemError(
            _problem(
                "officer_note",
                "En smiley for økonomi sat af sagsbehandleren skal have en begrundelse. "
                "Skriv begrundelsen.",
                "An economy smiley set by the officer needs a note. Write the note.",
            )
        )
    return EconomyVerdict(
        Smiley(officer_smiley),
        f"Sat af sagsbehandleren: {note}",
        f"Set by the officer: {note}",
        set_by_officer=True,
    )


# --- the economy text -------------------------------------------------------------------


def _year_groups(by_year: Mapping[int, int]) -> list[tuple[int, list[int]]]:
    """Group consecutive years with equal amounts: [(amount, [years])]."""
    groups: list[tuple[int, list[int]]] = []
    for year, amount in sorted(by_year.items()):
        if groups and groups[-1][0] == amount and groups[-1][1][-1] == year - 1:
            groups[-1][1].append(year)
        else:
            groups.append((amount, [year]))
    return groups


def _amounts_phrase(by_year: Mapping[int, int], language: str) -> str:
    """Return "5 mio. kr. i 2021 og 6 mio. kr. i 2022" with equal consecutive years grouped."""
    parts: list[str] = []
    for amount, years in _year_groups(by_year):
        money = _kr(amount, language)
        if len(years) == 1:
            when = f"i {years[0]}" if language == "da" else f"in {years[0]}"
        else:
            span = (
                _join([str(y) for y in years], language)
                if len(years) == 2
                else f"{years[0]}-{years[-1]}"
            )
            when = (
                f"i hvert af årene {span}" if language == "da" else f"in each of the years {span}"
            )
        parts.append(f"{money} {when}")
    return _join(parts, language)


def _reference_text(reference: str, language: str) -> str:
    ref = reference.strip()
    if not ref:
        return ""
    # A bare case number reads as "(sag …)"; a reference with its own words is kept as is.
    if ref[0].isdigit():
        ref = f"sag {ref}" if language == "da" else f"case {ref}"
    return f" ({ref})"


def _side(items: list[YearAmount], language: str) -> str:
    if len(items) == 1:
        return str(items[0].year)
    return _join([f"{i.year} ({_kr(abs(i.amount), language)})" for i in items], language)


def _change_action(change: BudgetChange, language: str) -> str:
    da = language == "da"
    by_year = {i.year: abs(i.amount) for i in change.amounts}
    if change.kind is ChangeKind.POSTPONEMENT:
        out = sorted((i for i in change.amounts if i.amount < 0), key=lambda i: i.year)
        into = sorted((i for i in change.amounts if i.amount > 0), key=lambda i: i.year)
        moved = _kr(sum(i.amount for i in into), language)
        if out and into and max(i.year for i in out) < min(i.year for i in into):
            verb = "udskyde" if da else "postponing"
        elif out and into and min(i.year for i in out) > max(i.year for i in into):
            verb = "fremrykke" if da else "bringing forward"
        else:
            verb = "flytte" if da else "moving"
        from_, to = ("fra", "til") if da else ("from", "to")
        return f"{verb} {moved} {from_} {_side(out, language)} {to} {_side(into, language)}"
    phrase = _amounts_phrase(by_year, language)
    if change.kind is ChangeKind.INCREASE:
        return f"forhøje budgettet med {phrase}" if da else f"increasing the budget by {phrase}"
    if change.kind is ChangeKind.CUT:
        return f"reducere budgettet med {phrase}" if da else f"cutting the budget by {phrase}"
    return f"fastsætte et sparemål på {phrase}" if da else f"setting a saving target of {phrase}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _change_sentence(change: BudgetChange, language: str, mixed: bool) -> str:
    da = language == "da"
    action = _change_action(change, language)
    if mixed:
        kind = change.kind_of_money
        action += f" på {KIND_DA[kind]}sbudgettet" if da else f" in the {KIND_EN[kind]} budget"
    ref = _reference_text(change.reference, language)
    if da:
        when = f" den {long_date(change.decided_on)}" if change.decided_on else ""
        text = f"Kommunalbestyrelsen godkendte{when} at {action}{ref}."
        financing = f" Finansiering: {_sentence(change.financing)}" if change.financing else ""
    else:
        when = f"On {long_date(change.decided_on, 'en')} the" if change.decided_on else "The"
        text = f"{when} city council approved {action}{ref}."
        financing = f" Financing: {_sentence(change.financing)}" if change.financing else ""
    return text + financing


def economy_text(
    budget: Budget,
    changes: Sequence[BudgetChange],
    *,
    as_of: date | None = None,
    language: str = "da",
    name_kinds: bool = False,
) -> str:
    """Return the economy text of an initiative from its budget and approved changes.

    Each amount and change names its kind of money ("til anlæg", "på driftsbudgettet") when
    the budget has both kinds, or when `name_kinds` (an initiative of both kinds, whose text
    must say which kind its money is even when it has only one).
    """
    if language not in ("da", "en"):
        raise ValueError(f"language must be 'da' or 'en', not {language!r}")
    da = language == "da"
    counted = approved_changes(changes, as_of=as_of)
    kinds = {line.kind for line in budget.lines if line.amount} | {c.kind_of_money for c in counted}
    mixed = len(kinds) > 1 or name_kinds
    clauses: list[str] = []
    for kind in BudgetKind:
        by_year = {y: a for y, a in budget.by_year(kind).items() if a}
        if not by_year:
            continue
        clause = _amounts_phrase(by_year, language)
        if mixed:
            clause += f" til {KIND_DA[kind]}" if da else f" for {KIND_EN[kind]}"
        clauses.append(clause)
    if clauses:
        joined = _join(clauses, language)
        opening = f"Der er afsat {joined}." if da else f"The agreement sets aside {joined}."
    else:
        opening = "Der er ikke afsat økonomi." if da else "No money has been set aside."
    sentences = [opening] + [_change_sentence(c, language, mixed) for c in counted]
    return " ".join(sentences)


# --- report-level totals ----------------------------------------------------------------


@dataclass(frozen=True)
class TotalsRow:
    """Adopted and amended sums per year for one group (or all)."""

    adopted: Mapping[int, int] = field(default_factory=dict)
    amended: Mapping[int, int] = field(default_factory=dict)

    @property
    def adopted_total(self) -> int:
        """Return the adopted sum over all years."""
        return sum(self.adopted.values())

    @property
    def amended_total(self) -> int:
        """Return the amended sum over all years."""
        return sum(self.amended.values())


@dataclass(frozen=True)
class BudgetTotals:
    """The report-level table: per group key (theme) and overall, per year."""

    years: tuple[int, ...]
    groups: Mapping[str, TotalsRow]
    overall: TotalsRow


def _add(target: dict[int, int], year: int, amount: int) -> None:
    target[year] = target.get(year, 0) + amount


def totals(
    items: Iterable[tuple[str, Budget, Sequence[BudgetChange]]], *, as_of: date | None
) -> BudgetTotals:
    """Return adopted and amended sums per year, per group key and overall.

    Every year that appears anywhere is present (0 where nothing is set aside), in order;
    groups keep the order in which their key first appears.
    """
    adopted: dict[str, dict[int, int]] = {}
    amended: dict[str, dict[int, int]] = {}
    for key, budget, changes in items:
        group_adopted = adopted.setdefault(key, {})
        group_amended = amended.setdefault(key, {})
        for year, amount in budget.by_year().items():
            _add(group_adopted, year, amount)
        for (year, _kind), amount in amended_budget(budget, changes, as_of=as_of).items():
            _add(group_amended, year, amount)
    years = tuple(sorted({y for rows in (adopted, amended) for g in rows.values() for y in g}))

    def filled(sums: Mapping[int, int]) -> dict[int, int]:
        return {year: sums.get(year, 0) for year in years}

    groups = {key: TotalsRow(filled(adopted[key]), filled(amended[key])) for key in adopted}
    overall = TotalsRow(
        {y: sum(row.adopted[y] for row in groups.values()) for y in years},
        {y: sum(row.amended[y] for row in groups.values()) for y in years},
    )
    return BudgetTotals(years, groups, overall)


def changes_between(
    changes: Iterable[BudgetChange], after: date | None, until: date
) -> list[BudgetChange]:
    """Return the changes approved after `after` (exclusive; None = ever) up to `until`."""
    return [
        c
        for c in approved_changes(changes, as_of=until)
        if after is None or (c.decided_on is not None and c.decided_on > after)
    ]
