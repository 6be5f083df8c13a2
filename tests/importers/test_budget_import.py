"""The importers turn each initiative's economy text into a budget, and flag what they cannot read.

The seed expectations come from tests/followup/test_seed_amounts.py (``EXPECTED``, read by hand
from the seed's Økonomi rows), so the reader's table and the importer's budgets cannot disagree.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opfolgning.followup.document import (
    KIND_CAPITAL,
    KIND_OPERATING,
    BudgetChangeDoc,
    BudgetDoc,
    BudgetLineDoc,
    ChangeAmountDoc,
    InitiativeDoc,
    ReportDocument,
)
from opfolgning.followup.money import parse_amount
from opfolgning.importers.economy import (
    CHANGE_NOTE,
    agreement_period,
    budget_from_economy_text,
)
from opfolgning.importers.text import parse_text
from tests.conftest import SEED_TEXT
from tests.followup.test_seed_amounts import EXPECTED, Expected
from tests.importers.textexport import initiative, report, theme

M = 1_000_000
PERIOD_2019 = (2019, 2022)
WHERE = "line 9, initiative 1.1, economy"


@pytest.fixture(scope="module")
def seed_doc() -> ReportDocument:
    return parse_text(SEED_TEXT.read_bytes(), source=str(SEED_TEXT))


@pytest.fixture(scope="module")
def seed_by_number(seed_doc: ReportDocument) -> dict[str, InitiativeDoc]:
    return {ini.number: ini for ini in seed_doc.initiatives()}


# --- the seed: every initiative --------------------------------------------------------

# What the reading of the hand table becomes as budget data. A move becomes a proposed
# postponement only when the read budget holds its amount in the year it leaves (1.11);
# 3.21 moves 0,3 mio. kr. out of 2019 but its 0,6 mio. kr. has no year, so it is review.
SEED_CHANGES: dict[str, list[tuple[int, int, int]]] = {"1.11": [(1 * M, 2019, 2020)]}


def _expected_budget(number: str, expected: Expected, kind: str) -> BudgetDoc:
    """Return the budget the importer should produce from the hand reading (review aside)."""
    return BudgetDoc(
        no_money=expected.no_money,
        lines=[BudgetLineDoc(year, kind, amount) for year, amount in expected.amounts],
        changes=[
            BudgetChangeDoc(
                kind="postponement",
                kind_of_money=kind,
                amounts=[ChangeAmountDoc(from_, -amount), ChangeAmountDoc(to, amount)],
                financing="",  # compared separately: the sentence it was read from
                status="proposed",
                note=CHANGE_NOTE,
            )
            for amount, from_, to in SEED_CHANGES.get(number, [])
        ],
    )


def _review_count(expected: Expected) -> int:
    """Return how many review lines the hand reading calls for."""
    return (
        len(expected.undated)
        + len(expected.moves)  # a proposed change and a move left for review: one line each
        + (1 if expected.no_money_years and not expected.no_money else 0)
        + expected.unread
    )


def test_every_initiative_of_the_seed_has_a_budget_from_its_economy_text(
    seed_by_number: dict[str, InitiativeDoc],
) -> None:
    assert set(seed_by_number) == set(EXPECTED)
    # Every economy row of the seed says something about money, so none is unknown.
    assert all(ini.budget is not None for ini in seed_by_number.values())


@pytest.mark.parametrize("number", list(EXPECTED))
def test_seed_initiative_budget_is_the_hand_reading(
    seed_by_number: dict[str, InitiativeDoc], number: str
) -> None:
    ini = seed_by_number[number]
    expected = EXPECTED[number]
    budget = ini.budget
    assert budget is not None
    comparable = BudgetDoc(
        no_money=budget.no_money,
        lines=budget.lines,
        changes=[
            BudgetChangeDoc(
                c.kind, c.kind_of_money, c.amounts, "", c.status, c.decided_on, c.reference, c.note
            )
            for c in budget.changes
        ],
    )
    assert comparable == _expected_budget(number, expected, ini.kind)
    assert len(budget.review) == _review_count(expected)
    assert budget.needs_review == (_review_count(expected) > 0)


def test_seed_budgets_in_figures(seed_by_number: dict[str, InitiativeDoc]) -> None:
    budgets = {n: ini.budget for n, ini in seed_by_number.items() if ini.budget is not None}
    assert sorted(n for n, b in budgets.items() if b.no_money) == sorted(
        n for n, e in EXPECTED.items() if e.no_money
    )
    assert len([b for b in budgets.values() if b.no_money]) == 15
    # The only dated amount of the seed's economy texts: 1.11, 2 mio. kr. in 2019, capital.
    assert [(n, line) for n, b in budgets.items() for line in b.lines] == [
        ("1.11", BudgetLineDoc(2019, KIND_CAPITAL, 2 * M))
    ]
    change = budgets["1.11"].changes[0]
    assert change.financing == (
        "Status ved anden og tredje opfølgning: I forbindelse med tilpasning af "
        "bruttoanlægsrammen for 2019 blev der udskudt 1 mio. kr. fra 2019 til 2020."
    )
    assert change.decided_on is None and change.reference == ""
    assert sum(len(b.review) for b in budgets.values()) == 13


def test_seed_budget_warnings_name_the_economy_line_and_say_what_to_do(
    seed_doc: ReportDocument,
) -> None:
    economy = [w for w in seed_doc.warnings if w.where.endswith(", economy")]
    assert len(economy) == 13
    assert economy[0].where == "line 50, initiative 1.11, economy"
    assert "foreslået udskydelse" in economy[0].message
    assert "angiv godkendelsesdato og sagsreference" in economy[0].message
    by_where = {w.where: w.message for w in economy}
    assert by_where["line 57, initiative 1.13, economy"] == (
        "1,5 mio. kr. uden år (»Der er afsat 1,5 mio. kr.«): angiv året for beløbet."
    )
    assert "Kunne ikke læses" in by_where["line 131, initiative 3.19, economy"]
    assert "ikke afsat økonomi i 2019" in by_where["line 139, initiative 3.20, economy"]
    messages_321 = [w.message for w in economy if "initiative 3.21" in w.where]
    assert len(messages_321) == 2
    assert "budgettet for 2019 er ikke læst" in messages_321[1]
    # Every warning is also a review line on the budget of its initiative.
    budgets = {ini.number: ini.budget for ini in seed_doc.initiatives()}
    for warning in economy:
        number = warning.where.split("initiative ")[1].split(",")[0]
        budget = budgets[number]
        assert budget is not None and warning.message in budget.review


_SEED_AMOUNT = re.compile(r"\d+(?:,\d+)? mio\. kr\.")


@pytest.mark.parametrize("number", list(EXPECTED))
def test_no_amount_or_year_appears_that_is_not_in_the_economy_text(
    seed_by_number: dict[str, InitiativeDoc], number: str
) -> None:
    ini = seed_by_number[number]
    budget = ini.budget
    assert budget is not None
    text = " ".join(ini.economy.text.split())
    written = {parse_amount(words) for words in _SEED_AMOUNT.findall(text)}
    years = {int(y) for y in re.findall(r"\b20\d\d\b", text)}
    for line in budget.lines:
        assert line.amount in written and line.year in years
    for change in budget.changes:
        assert {abs(a.amount) for a in change.amounts} <= written
        assert {a.year for a in change.amounts} <= years
        assert change.financing in text


def test_seed_budgets_survive_json(seed_doc: ReportDocument) -> None:
    again = ReportDocument.from_json(seed_doc.to_json())
    assert [i.budget for i in again.initiatives()] == [i.budget for i in seed_doc.initiatives()]
    data = seed_doc.to_dict()
    first = data["themes"][0]["initiatives"][0]
    assert first["budget"]["lines"] == [{"year": 2019, "kind": "capital", "amount": 2 * M}]


# --- each path, on small texts ---------------------------------------------------------

CASES = [
    pytest.param(
        "Der afsættes 5 mio. kr. i 2021 og 6 mio. kr. i 2022.",
        [(2021, 5 * M), (2022, 6 * M)],
        False,
        0,
        0,
        id="amounts-per-year",
    ),
    pytest.param(
        "Der er afsat 0,5 mio. kr. i hvert af årene 2019 og 2020.",
        [(2019, 500_000), (2020, 500_000)],
        False,
        0,
        0,
        id="each-of-the-years",
    ),
    pytest.param("Der er ikke afsat økonomi.", [], True, 0, 0, id="no-money"),
    pytest.param("Der er afsat 2 mio. kr.", [], False, 0, 1, id="undated"),
    pytest.param("Der er ikke afsat økonomi i 2019.", [], False, 0, 1, id="no-money-one-year"),
    pytest.param("Der er afsat ca. 2 mio. kr. i 2019.", [], False, 0, 1, id="approximate"),
    pytest.param(
        "Der er afsat 2 mio. kr. i 2019. Der er udskudt 1 mio. kr. fra 2019 til 2020.",
        [(2019, 2 * M)],
        False,
        1,
        1,
        id="postponement",
    ),
    pytest.param(
        "Der er afsat 2 mio. kr. i 2019. Der er udskudt 3 mio. kr. fra 2019 til 2020.",
        [(2019, 2 * M)],
        False,
        0,
        1,
        id="move-more-than-the-year-holds",
    ),
    pytest.param(
        "Der afsættes 1 mio. kr. i 2019. Der afsættes 2 mio. kr. i 2019.",
        [],
        False,
        0,
        1,
        id="one-year-twice",
    ),
    pytest.param(
        "Der afsættes 1 mio. kr. i 2019 og 2 mio. kr. i 2025.",
        [(2019, 1 * M)],
        False,
        0,
        1,
        id="year-outside-the-agreement",
    ),
]


@pytest.mark.parametrize(("text", "lines", "no_money", "changes", "review"), CASES)
def test_economy_text_becomes_budget_lines_changes_and_review(
    text: str, lines: list[tuple[int, int]], no_money: bool, changes: int, review: int
) -> None:
    budget, warnings = budget_from_economy_text(
        text, kind=KIND_OPERATING, where=WHERE, period=PERIOD_2019
    )
    assert budget is not None
    assert [(li.year, li.amount) for li in budget.lines] == lines
    assert all(li.kind == KIND_OPERATING for li in budget.lines)
    assert budget.no_money is no_money
    assert len(budget.changes) == changes
    assert len(budget.review) == review
    assert [w.message for w in warnings] == budget.review
    assert all(w.where == WHERE for w in warnings)


def test_undated_amount_review_says_to_give_the_year() -> None:
    budget, _ = budget_from_economy_text(
        "Der er afsat 2 mio. kr.", kind=KIND_CAPITAL, where=WHERE, period=PERIOD_2019
    )
    assert budget is not None
    assert budget.review == [
        "2 mio. kr. uden år (»Der er afsat 2 mio. kr.«): angiv året for beløbet."
    ]


def test_postponement_is_proposed_with_its_sentence_as_financing_and_a_note() -> None:
    text = "Der er afsat 2 mio. kr. i 2019. Der er udskudt 1 mio. kr. fra 2019 til 2020."
    budget, warnings = budget_from_economy_text(
        text, kind=KIND_CAPITAL, where=WHERE, period=PERIOD_2019
    )
    assert budget is not None
    assert budget.changes == [
        BudgetChangeDoc(
            kind="postponement",
            kind_of_money=KIND_CAPITAL,
            amounts=[ChangeAmountDoc(2019, -1 * M), ChangeAmountDoc(2020, 1 * M)],
            financing="Der er udskudt 1 mio. kr. fra 2019 til 2020.",
            status="proposed",
            note=CHANGE_NOTE,
        )
    ]
    assert "angiv godkendelsesdato og sagsreference" in warnings[0].message


@pytest.mark.parametrize(
    "text", ["", "   ", "Projektet er i gang.", "Status: Projektet er forsinket til 2020."]
)
def test_text_without_money_gives_no_budget_and_no_warning(text: str) -> None:
    assert budget_from_economy_text(text, kind=KIND_CAPITAL, where=WHERE) == (None, [])


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        budget_from_economy_text("Der er afsat 2 mio. kr. i 2019.", kind="anlæg", where=WHERE)


def test_agreement_period_is_the_budget_year_and_three_more() -> None:
    assert agreement_period(2019) == (2019, 2022)


def test_text_importer_reads_budget_of_each_initiative_with_its_kind() -> None:
    data = report(
        theme(1, "Tema"),
        initiative("1.1", kind="Anlæg", economy="Økonomi\tDer afsættes 3 mio. kr. i 2020.\t\t☺"),
        initiative("1.2", kind="Drift", economy="Økonomi\tDer er afsat 1 mio. kr.\t\t☺"),
        initiative("1.3", kind="Drift", economy="Økonomi\t\t\t"),
    )
    doc = parse_text(data.encode(), source="small.txt")
    budgets = {ini.number: ini.budget for ini in doc.initiatives()}
    assert budgets["1.1"] == BudgetDoc(lines=[BudgetLineDoc(2020, KIND_CAPITAL, 3 * M)])
    second = budgets["1.2"]
    assert second is not None and second.lines == [] and len(second.review) == 1
    assert budgets["1.3"] is None
    economy = [w for w in doc.warnings if w.where.endswith("economy")]
    assert len(economy) == 1
    assert re.fullmatch(r"line \d+, initiative 1\.2, economy", economy[0].where)
    line = int(economy[0].where.split()[1].rstrip(","))
    assert data.split("\n")[line - 1].startswith("Økonomi\tDer er afsat 1 mio. kr.")


# --- never an amount that is not in the text -------------------------------------------

_NUMBERS = ["0,5", "1", "2", "12", "1,25", "1.500.000", "0,15", "100"]
_UNITS = ["mio. kr.", "kr.", "t.kr."]
_YEARS = [2018, 2019, 2020, 2021, 2022, 2030]
_TEMPLATES = [
    "Der afsættes {a} i {y}.",
    "Der afsættes {a} i {y} og {b} i {z}.",
    "Der er afsat {a} i hvert af årene {y} og {z}.",
    "Der er afsat {a} i {y} og {z}.",
    "I forbindelse med budgetopfølgningen blev der udskudt {a} fra {y} til {z}.",
    "Der er ikke afsat økonomi.",
    "Der er ikke afsat økonomi i {y}.",
    "Der er afsat {a}.",
    "Der er afsat ca. {a} i {y}.",
    "Der er i alt afsat {a}, hvoraf {b} i {y}.",
    "Projektet er forsinket til {y}.",
]
_amount = st.builds("{} {}".format, st.sampled_from(_NUMBERS), st.sampled_from(_UNITS))
_sentence = st.builds(
    lambda template, a, b, y, z: template.format(a=a, b=b, y=y, z=z),
    st.sampled_from(_TEMPLATES),
    _amount,
    _amount,
    st.sampled_from(_YEARS),
    st.sampled_from(_YEARS),
)
economy_texts = st.lists(_sentence, max_size=4).map(" ".join)


# Any number followed by a unit, read independently of the reader's own pattern.
_WRITTEN_AMOUNT = re.compile(r"[\d.,]*\d (?:mio\. kr\.|t\.kr\.|kr\.)")


def _amount_or_none(words: str) -> int | None:
    try:
        return parse_amount(words)
    except ValueError:
        return None


@settings(max_examples=200, deadline=None)
@given(economy_texts)
def test_no_amount_or_year_is_invented(text: str) -> None:
    budget, warnings = budget_from_economy_text(
        text, kind=KIND_CAPITAL, where=WHERE, period=PERIOD_2019
    )
    if budget is None:
        assert warnings == []
        return
    years = {int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)}
    written = {_amount_or_none(m.group()) for m in _WRITTEN_AMOUNT.finditer(text)}
    for line in budget.lines:
        assert line.amount in written
        assert line.year in years
        assert PERIOD_2019[0] <= line.year <= PERIOD_2019[1]
        assert line.amount >= 0
    for change in budget.changes:
        assert {a.year for a in change.amounts} <= years
        assert {abs(a.amount) for a in change.amounts} <= written
        assert sum(a.amount for a in change.amounts) == 0
        assert change.status == "proposed" and change.financing
    assert not (budget.no_money and (budget.lines or budget.changes))
    assert [w.message for w in warnings] == budget.review


def test_every_read_amount_is_written_in_the_text_in_its_own_words() -> None:
    text = "Der afsættes 1,25 mio. kr. i 2020 og 500 t.kr. i 2021."
    budget, _ = budget_from_economy_text(text, kind=KIND_CAPITAL, where=WHERE, period=PERIOD_2019)
    assert budget is not None
    assert [(li.year, li.amount) for li in budget.lines] == [(2020, 1_250_000), (2021, 500_000)]
    assert parse_amount("1,25 mio. kr.") == 1_250_000 and parse_amount("500 t.kr.") == 500_000
