"""Turn the economy text of an imported initiative into its budget, leaving the rest for review.

Shared by the importers. The reading itself is ``followup.money.read_economy`` (strict: it
reads only the usual forms and never guesses); this step makes data of what it read:

- an amount with its year becomes a budget line of the initiative's kind; for an initiative
  of both kinds ("Anlæg og drift"), of the kind of money its sentence names ("anlægsbudget",
  "driftsudgifter"), and a review line when the sentence names neither or both;
- "Der er ikke afsat økonomi." becomes a budget with no money;
- "udskudt 1 mio. kr. fra 2019 til 2020" becomes a *proposed* postponement: the text does
  not say whether or when the city council approved it;
- everything else that mentions money (an amount without a year, a sentence that could not
  be read, "ikke afsat økonomi i 2019", an amount the budget rules would refuse) becomes a
  review line on the budget and a warning, and no data.

A text that says nothing about money gives no budget (unknown) and no warning.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..followup import vocabulary
from ..followup.document import (
    KIND_BOTH,
    KIND_CAPITAL,
    KIND_OPERATING,
    KINDS,
    BudgetChangeDoc,
    BudgetDoc,
    BudgetLineDoc,
    ChangeAmountDoc,
    Warning,
)
from ..followup.money import EconomyReading, read_economy, split_sentences

__all__ = [
    "AGREEMENT_YEARS",
    "CHANGE_NOTE",
    "agreement_period",
    "budget_from_economy_text",
    "budget_from_reading",
]

#: A budget agreement covers its own year and the three after it (the budget period).
AGREEMENT_YEARS = 4
#: The note on a change read from a report: the text never says whether it was approved.
CHANGE_NOTE = "Læst fra opfølgningen: angiv godkendelsesdato og sagsreference"


def agreement_period(year: int) -> tuple[int, int]:
    """Return the first and last year of the agreement for budget `year`."""
    return year, year + AGREEMENT_YEARS - 1


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def _sentence_of(words: str, sentences: list[str]) -> str:
    """Return the sentence holding `words` (the reader keeps only the matched words of a move)."""
    return next((s for s in sentences if words in s), words)


_CAPITAL_WORD_RE = re.compile(r"anlæg", re.IGNORECASE)
_OPERATING_WORD_RE = re.compile(r"drift", re.IGNORECASE)
#: The review line of an amount whose kind of money an initiative of both kinds leaves open.
WHICH_MONEY = "angiv, om beløbet er anlæg eller drift (indsatsen har begge dele)"


# Where another amount starts or ends: a clause about money runs between two of them.
_AMOUNT_RE = re.compile(
    r"\d[\d.,]*\s*(?:mio\.|mia\.|mio\b|mia\b|kr\.|kr\b|t\.?\s*kr)", re.IGNORECASE
)


def money_kind_named(text: str) -> str | None:
    """Return the kind of money words name ("anlægsbudget" → capital, "driftsudgifter" →
    operating), or None if they name neither or both."""
    capital = _CAPITAL_WORD_RE.search(text) is not None
    operating = _OPERATING_WORD_RE.search(text) is not None
    if capital == operating:
        return None
    return KIND_CAPITAL if capital else KIND_OPERATING


def money_kind_of_amount(source: str, sentence: str) -> str | None:
    """Return the kind of money the words around one amount name, or None.

    Looks at the amount's own words ("2 mio. kr. til anlæg i 2019"), then at the words after
    it up to the next amount ("… i 2019 til anlæg og 1 mio. kr. …"), then at the words
    before it back to the previous amount ("et anlægsbudget på 2 mio. kr."), and takes the
    first that names one kind; a clause naming both is no answer.
    """
    named = money_kind_named(source)
    start = sentence.find(source)
    if named is not None or start < 0:
        return named
    end = start + len(source)
    after = sentence[end:]
    if (following := _AMOUNT_RE.search(after)) is not None:
        after = after[: following.start()]
    if (named := money_kind_named(after)) is not None:
        return named
    before = sentence[:start]
    if earlier := list(_AMOUNT_RE.finditer(before)):
        before = before[earlier[-1].end() :]
    return money_kind_named(before)


def budget_from_reading(
    reading: EconomyReading,
    *,
    kind: str,
    sentences: list[str],
    period: tuple[int, int] | None = None,
) -> BudgetDoc | None:
    """Return the budget an economy reading states (None if it says nothing about money)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if not (
        reading.no_money
        or reading.no_money_years
        or reading.amounts
        or reading.undated
        or reading.moves
        or reading.unread
    ):
        return None
    review: list[str] = []

    def in_period(year: int) -> bool:
        return period is None or period[0] <= year <= period[1]

    def money_of(words: str) -> str | None:
        """The kind of money of the sentence holding `words` (None: a person must say)."""
        if kind != KIND_BOTH:
            return kind
        return money_kind_of_amount(words, _sentence_of(words, sentences))

    period_text = f"{period[0]}-{period[1]}" if period else ""
    by_year: dict[tuple[int, str], list[int]] = defaultdict(list)
    for item in reading.amounts:
        money = money_of(item.source)
        if money is None:
            review.append(
                f"{vocabulary.amount(item.amount)} i {item.year} (»{item.source}«): {WHICH_MONEY}."
            )
            continue
        by_year[(item.year, money)].append(item.amount)
    lines: list[BudgetLineDoc] = []
    for year, money in sorted(by_year):
        amounts = by_year[(year, money)]
        if len(amounts) > 1:
            # Two sentences may restate one amount or add two: only a person knows which.
            shown = _join([vocabulary.amount(a) for a in amounts])
            review.append(f"{year} har flere beløb ({shown}): angiv det samlede beløb for året.")
        elif not in_period(year):
            review.append(
                f"{vocabulary.amount(amounts[0])} i {year} ligger uden for aftalens periode "
                f"{period_text}: kontrollér året, og angiv beløbet i budgettet."
            )
        else:
            lines.append(BudgetLineDoc(year, money, amounts[0]))
    held = {(line.year, line.kind): line.amount for line in lines}
    for undated in reading.undated:
        review.append(
            f"{vocabulary.amount(undated.amount)} uden år (»{undated.source}«): "
            "angiv året for beløbet."
        )
    changes: list[BudgetChangeDoc] = []
    for move in reading.moves:
        sentence = _sentence_of(move.source, sentences)
        money = vocabulary.amount(move.amount)
        what = f"{money} flyttet fra {move.from_year} til {move.to_year}"
        kind_of_money = money_of(move.source)
        if kind_of_money is None:
            review.append(f"{what} (»{sentence}«): {WHICH_MONEY}, og registrér udskydelsen.")
        elif not (in_period(move.from_year) and in_period(move.to_year)):
            review.append(
                f"{what} ligger uden for aftalens periode {period_text}: kontrollér årene, "
                "og registrér ændringen i hånden."
            )
        elif held.get((move.from_year, kind_of_money), 0) < move.amount:
            # A proposed change is checked against the adopted budget: without a known
            # amount for the year it moves out of, the rules would refuse it.
            review.append(
                f"{what}, men budgettet for {move.from_year} er ikke læst (eller er mindre): "
                f"angiv budgettet for {move.from_year}, og registrér derefter udskydelsen."
            )
        else:
            changes.append(
                BudgetChangeDoc(
                    kind="postponement",
                    kind_of_money=kind_of_money,
                    amounts=[
                        ChangeAmountDoc(move.from_year, -move.amount),
                        ChangeAmountDoc(move.to_year, move.amount),
                    ],
                    financing=sentence,
                    status="proposed",
                    note=CHANGE_NOTE,
                )
            )
            review.append(
                f"{what} er læst som en foreslået udskydelse: angiv godkendelsesdato og "
                "sagsreference, hvis Kommunalbestyrelsen har godkendt den, og kontrollér "
                "den alternative finansiering."
            )
    if reading.no_money_years and not reading.no_money:
        review.append(
            f"Der er ikke afsat økonomi i {_join([str(y) for y in reading.no_money_years])}: angiv "
            "budgettet for aftalens øvrige år, eller markér, at der ikke er afsat økonomi."
        )
    for sentence in reading.unread:
        review.append(f"Kunne ikke læses (»{sentence}«): angiv beløb og år i budgettet.")
    return BudgetDoc(no_money=reading.no_money, lines=lines, changes=changes, review=review)


def budget_from_economy_text(
    text: str, *, kind: str, where: str, period: tuple[int, int] | None = None
) -> tuple[BudgetDoc | None, list[Warning]]:
    """Return the budget an economy text states and a warning per line left for review.

    `where` names the economy cell ("line 50, initiative 1.11, economy"); `period` (first,
    last year of the agreement) sends amounts outside it to review instead of the budget.
    """
    reading = read_economy(text)
    budget = budget_from_reading(reading, kind=kind, sentences=split_sentences(text), period=period)
    if budget is None:
        return None, []
    return budget, [Warning(where, line) for line in budget.review]
