"""Turn the economy text of an imported initiative into its budget, leaving the rest for review.

Shared by the importers. The reading itself is ``followup.money.read_economy`` (strict: it
reads only the usual forms and never guesses); this step makes data of what it read:

- an amount with its year becomes a budget line of the initiative's kind;
- "Der er ikke afsat økonomi." becomes a budget with no money;
- "udskudt 1 mio. kr. fra 2019 til 2020" becomes a *proposed* postponement: the text does
  not say whether or when the city council approved it;
- everything else that mentions money (an amount without a year, a sentence that could not
  be read, "ikke afsat økonomi i 2019", an amount the budget rules would refuse) becomes a
  review line on the budget and a warning, and no data.

A text that says nothing about money gives no budget (unknown) and no warning.
"""

from __future__ import annotations

from collections import defaultdict

from ..followup import vocabulary
from ..followup.document import (
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

    period_text = f"{period[0]}-{period[1]}" if period else ""
    by_year: dict[int, list[int]] = defaultdict(list)
    for item in reading.amounts:
        by_year[item.year].append(item.amount)
    lines: list[BudgetLineDoc] = []
    for year in sorted(by_year):
        amounts = by_year[year]
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
            lines.append(BudgetLineDoc(year, kind, amounts[0]))
    held = {line.year: line.amount for line in lines}
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
        if not (in_period(move.from_year) and in_period(move.to_year)):
            review.append(
                f"{what} ligger uden for aftalens periode {period_text}: kontrollér årene, "
                "og registrér ændringen i hånden."
            )
        elif held.get(move.from_year, 0) < move.amount:
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
                    kind_of_money=kind,
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
