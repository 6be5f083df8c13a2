"""The budget, its changes, the amended budget, the economy smiley and texts (DOMAIN.md)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opfolgning.followup.budget import (
    MAX_AMOUNT_PER_YEAR,
    Budget,
    BudgetChange,
    BudgetKind,
    BudgetLine,
    ChangeKind,
    ChangeStatus,
    ProblemError,
    YearAmount,
    amended_budget,
    changes_between,
    economy_text,
    judge_economy,
    saving_targets,
    totals,
    validate_budget,
    validate_change,
)
from opfolgning.followup.money import format_dkk
from opfolgning.followup.smileys import Smiley
from opfolgning.followup.vocabulary import long_date

C, OP = BudgetKind.CAPITAL, BudgetKind.OPERATING
POSTPONE, INCREASE = ChangeKind.POSTPONEMENT, ChangeKind.INCREASE
CUT, SAVING = ChangeKind.CUT, ChangeKind.SAVING_TARGET
PROPOSED, APPROVED, REJECTED = ChangeStatus.PROPOSED, ChangeStatus.APPROVED, ChangeStatus.REJECTED
PERIOD = (2019, 2022)
MIO = 1_000_000
MARCH_12 = date(2019, 3, 12)
FINANCING = "Tilpasning af bruttoanlægsrammen for 2019"
CASE = "00.30.10-S00-3-19"


def budget(*lines: tuple[int, int] | tuple[int, int, BudgetKind]) -> Budget:
    """Build a budget from (year, amount[, kind]) tuples; capital unless told."""
    built = []
    for line in lines:
        kind = line[2] if len(line) == 3 else C
        built.append(BudgetLine(line[0], kind, line[1]))
    return Budget(tuple(built))


def change(
    kind: ChangeKind,
    *amounts: tuple[int, int],
    money: BudgetKind = C,
    financing: str = FINANCING,
    status: ChangeStatus = APPROVED,
    decided_on: date | None = MARCH_12,
    reference: str = CASE,
) -> BudgetChange:
    """Build a budget change from (year, signed amount) pairs."""
    return BudgetChange(
        kind=kind,
        kind_of_money=money,
        amounts=tuple(YearAmount(year, amount) for year, amount in amounts),
        financing=financing,
        status=status,
        decided_on=decided_on,
        reference=reference,
    )


# 2 mio. kr. in 2019 and 1 mio. kr. in 2020, capital.
ADOPTED = budget((2019, 2 * MIO), (2020, 1 * MIO))


# --- Budget ---------------------------------------------------------------------------


def test_budget_sums_per_year_and_kind_and_in_total() -> None:
    b = budget((2020, 3 * MIO), (2019, 2 * MIO), (2019, MIO // 2, OP))
    assert b.by_year() == {2019: 2_500_000, 2020: 3 * MIO}
    assert list(b.by_year()) == [2019, 2020]
    assert b.by_year(C) == {2019: 2 * MIO, 2020: 3 * MIO}
    assert b.by_year(OP) == {2019: 500_000}
    assert b.total == 5_500_000


def test_budget_with_no_money_cannot_have_lines() -> None:
    assert Budget(no_money=True).total == 0
    with pytest.raises(ValueError, match="no money"):
        Budget((BudgetLine(2019, C, MIO),), no_money=True)


@pytest.mark.parametrize("amount", [1.5, 1e6, True, "1000000"])
def test_money_is_never_a_float_or_other_non_int(amount: object) -> None:
    with pytest.raises(TypeError, match="int kroner"):
        BudgetLine(2019, C, amount)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="int kroner"):
        YearAmount(2019, amount)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lines", "where", "fragments"),
    [
        pytest.param([(2023, MIO)], "lines[0]", ["2023", "2019-2022"], id="after-period"),
        pytest.param([(2018, MIO)], "lines[0]", ["2018", "2019-2022"], id="before-period"),
        pytest.param([(2019, -MIO)], "lines[0]", ["2019", "-1 mio. kr.", "uden minus"], id="neg"),
        pytest.param(
            [(2020, 2 * MAX_AMOUNT_PER_YEAR)],
            "lines[0]",
            ["2020", format_dkk(2 * MAX_AMOUNT_PER_YEAR), "grænsen"],
            id="absurd",
        ),
        pytest.param(
            [(2019, MIO), (2019, 2 * MIO)], "lines[1]", ["to beløb", "anlæg", "2019"], id="dup"
        ),
    ],
)
def test_validate_budget_refuses_bad_lines(
    lines: list[tuple[int, int]], where: str, fragments: list[str]
) -> None:
    problems = validate_budget(budget(*lines), PERIOD)
    assert [p.where for p in problems] == [where]
    for fragment in fragments:
        assert fragment in problems[0].message_da
    assert problems[0].message_en


def test_validate_budget_accepts_one_line_per_year_and_kind() -> None:
    b = budget((2019, MIO), (2019, MIO, OP), (2022, 0), (2020, MAX_AMOUNT_PER_YEAR))
    assert validate_budget(b, PERIOD) == []
    assert validate_budget(Budget(no_money=True), PERIOD) == []


def test_period_must_run_forwards() -> None:
    with pytest.raises(ValueError, match="period"):
        validate_budget(ADOPTED, (2022, 2019))
    with pytest.raises(ValueError, match="period"):
        validate_change(change(INCREASE, (2019, MIO)), budget=ADOPTED, approved=[], period=(3, 1))


# --- validate_change: refusals -------------------------------------------------------

REFUSALS = [
    pytest.param(
        change(POSTPONE, (2019, -MIO), (2020, MIO), financing=" "),
        [],
        "financing",
        ["Alternativ finansiering mangler"],
        id="financing-blank",
    ),
    pytest.param(
        change(INCREASE, (2023, MIO)),
        [],
        "amounts[0]",
        ["2023", "+1 mio. kr.", "2019-2022"],
        id="year-after-period",
    ),
    pytest.param(
        change(INCREASE, (2018, MIO)),
        [],
        "amounts[0]",
        ["2018", "2019-2022"],
        id="year-before-period",
    ),
    pytest.param(change(INCREASE), [], "amounts", ["ingen beløb"], id="no-amounts"),
    pytest.param(
        change(INCREASE, (2020, 0)), [], "amounts[0]", ["2020", "0 kr.", "fjern året"], id="zero"
    ),
    pytest.param(
        change(INCREASE, (2021, 200 * MAX_AMOUNT_PER_YEAR)),
        [],
        "amounts[0]",
        ["2021", format_dkk(200 * MAX_AMOUNT_PER_YEAR), format_dkk(MAX_AMOUNT_PER_YEAR)],
        id="absurd",
    ),
    pytest.param(
        change(INCREASE, (2020, MIO), (2020, MIO)),
        [],
        "amounts[1]",
        ["2020", "to gange"],
        id="year-twice",
    ),
    pytest.param(
        change(POSTPONE, (2019, -2 * MIO), (2020, MIO)),
        [],
        "amounts",
        ["2 mio. kr. ud", "1 mio. kr. ind", "forskel 1 mio. kr."],
        id="postponement-not-balanced",
    ),
    pytest.param(
        change(POSTPONE, (2019, -MIO)),
        [],
        "amounts",
        ["1 mio. kr. ud", "0 kr. ind"],
        id="postponement-one-sided",
    ),
    pytest.param(
        change(POSTPONE, (2019, -3 * MIO), (2020, 3 * MIO)),
        [],
        "amounts[0]",
        ["3 mio. kr. ud af 2019", "anlæg i 2019 er kun 2 mio. kr.", "Flyt højst 2 mio. kr."],
        id="postponement-beyond-adopted",
    ),
    pytest.param(
        change(POSTPONE, (2019, -2 * MIO), (2021, 2 * MIO)),
        [change(CUT, (2019, -1_500_000))],
        "amounts[0]",
        ["2 mio. kr. ud af 2019", "kun 500.000 kr.", "Flyt højst 500.000 kr."],
        id="postponement-beyond-amended",
    ),
    pytest.param(
        change(POSTPONE, (2019, -MIO), (2020, MIO), money=OP),
        [],
        "amounts[0]",
        ["1 mio. kr. ud af 2019", "drift i 2019 er kun 0 kr."],
        id="postponement-of-other-kind-of-money",
    ),
    pytest.param(
        change(CUT, (2019, -3 * MIO)),
        [],
        "amounts[0]",
        ["Reduktionen på 3 mio. kr. i 2019", "på 2 mio. kr.", "højst 2 mio. kr."],
        id="cut-beyond-year",
    ),
    pytest.param(
        change(SAVING, (2020, -2 * MIO)),
        [],
        "amounts[0]",
        ["Sparemålet på 2 mio. kr. i 2020", "på 1 mio. kr.", "højst 1 mio. kr."],
        id="saving-target-beyond-year",
    ),
    pytest.param(
        change(INCREASE, (2019, -MIO)),
        [],
        "amounts[0]",
        ["En forhøjelse skal have positive beløb", "2019 har -1 mio. kr.", "uden minus"],
        id="increase-negative",
    ),
    pytest.param(
        change(CUT, (2019, MIO)),
        [],
        "amounts[0]",
        ["En reduktion skal have negative beløb", "2019 har +1 mio. kr.", "med minus"],
        id="cut-positive",
    ),
    pytest.param(
        change(SAVING, (2020, 250_000)),
        [],
        "amounts[0]",
        ["Et sparemål skal have negative beløb", "2020 har +250.000 kr."],
        id="saving-target-positive",
    ),
    pytest.param(
        change(INCREASE, (2020, MIO), decided_on=None),
        [],
        "decided_on",
        ["datoen for Kommunalbestyrelsens beslutning", "foreslået"],
        id="approved-without-date",
    ),
    pytest.param(
        change(INCREASE, (2020, MIO), reference=""),
        [],
        "reference",
        ["henvise til sagen", "Angiv henvisningen"],
        id="approved-without-reference",
    ),
    pytest.param(
        change(CUT, (2019, -3 * MIO), status=PROPOSED, decided_on=None, reference=""),
        [],
        "amounts[0]",
        ["3 mio. kr.", "2019"],
        id="proposal-is-checked-against-the-budget",
    ),
]


@pytest.mark.parametrize(("candidate", "approved", "where", "fragments"), REFUSALS)
def test_validate_change_refuses_with_a_danish_message_naming_year_and_amount(
    candidate: BudgetChange, approved: list[BudgetChange], where: str, fragments: list[str]
) -> None:
    problems = validate_change(candidate, budget=ADOPTED, approved=approved, period=PERIOD)
    assert [p.where for p in problems] == [where]
    for fragment in fragments:
        assert fragment in problems[0].message_da
    assert problems[0].message_en and problems[0].message_en != problems[0].message_da
    assert "kr.." not in problems[0].message_da


@pytest.mark.parametrize("kind", list(ChangeKind))
def test_every_kind_of_change_requires_alternative_financing(kind: ChangeKind) -> None:
    amounts = {
        POSTPONE: [(2019, -MIO), (2020, MIO)],
        INCREASE: [(2019, MIO)],
        CUT: [(2019, -MIO)],
        SAVING: [(2019, -MIO)],
    }[kind]
    for status in ChangeStatus:
        candidate = change(kind, *amounts, financing="", status=status)
        problems = validate_change(candidate, budget=ADOPTED, approved=[], period=PERIOD)
        assert [p.where for p in problems] == ["financing"]
        assert "Alternativ finansiering mangler" in problems[0].message_da


def test_absurd_cut_is_refused_for_its_size_as_well_as_for_the_year() -> None:
    candidate = change(CUT, (2019, -200 * MAX_AMOUNT_PER_YEAR))
    problems = validate_change(candidate, budget=ADOPTED, approved=[], period=PERIOD)
    messages = [p.message_da for p in problems]
    assert any("grænsen" in m and "2019" in m for m in messages)
    assert any("Reduktionen" in m and "2 mio. kr." in m for m in messages)


# --- validate_change: acceptances ----------------------------------------------------


@pytest.mark.parametrize(
    "candidate",
    [
        pytest.param(change(POSTPONE, (2019, -MIO), (2020, MIO)), id="postpone-part"),
        pytest.param(change(POSTPONE, (2019, -2 * MIO), (2022, 2 * MIO)), id="postpone-all"),
        pytest.param(change(POSTPONE, (2020, -MIO), (2019, MIO)), id="bring-forward"),
        pytest.param(
            change(POSTPONE, (2019, -2 * MIO), (2020, MIO), (2021, MIO)), id="postpone-split"
        ),
        pytest.param(change(INCREASE, (2021, 5 * MIO), (2022, 5 * MIO)), id="increase"),
        pytest.param(change(CUT, (2019, -2 * MIO)), id="cut-all"),
        pytest.param(change(SAVING, (2020, -MIO)), id="saving-target"),
        pytest.param(
            change(INCREASE, (2020, MIO), status=PROPOSED, decided_on=None, reference=""),
            id="proposal-needs-no-decision",
        ),
        pytest.param(change(INCREASE, (2019, MAX_AMOUNT_PER_YEAR)), id="at-the-limit"),
    ],
)
def test_validate_change_accepts_valid_changes(candidate: BudgetChange) -> None:
    assert validate_change(candidate, budget=ADOPTED, approved=[], period=PERIOD) == []


def test_rejected_change_is_only_recorded_so_the_budget_does_not_limit_it() -> None:
    rejected = change(CUT, (2019, -5 * MIO), status=REJECTED)
    assert validate_change(rejected, budget=ADOPTED, approved=[], period=PERIOD) == []
    assert amended_budget(ADOPTED, [rejected]) == amended_budget(ADOPTED, [])


def test_only_approved_changes_in_approved_hold_money() -> None:
    not_approved = [
        change(INCREASE, (2019, 5 * MIO), status=PROPOSED),
        change(INCREASE, (2019, 5 * MIO), status=REJECTED),
    ]
    candidate = change(CUT, (2019, -3 * MIO))
    problems = validate_change(candidate, budget=ADOPTED, approved=not_approved, period=PERIOD)
    assert [p.where for p in problems] == ["amounts[0]"]
    approved = [change(INCREASE, (2019, 5 * MIO))]
    assert validate_change(candidate, budget=ADOPTED, approved=approved, period=PERIOD) == []


def test_change_being_validated_is_not_counted_twice() -> None:
    cut = change(CUT, (2019, -2 * MIO))
    assert validate_change(cut, budget=ADOPTED, approved=[cut], period=PERIOD) == []


def test_postponement_can_move_money_an_earlier_approved_postponement_put_in() -> None:
    first = change(POSTPONE, (2019, -2 * MIO), (2020, 2 * MIO))
    second = change(POSTPONE, (2020, -3 * MIO), (2021, 3 * MIO))
    assert validate_change(second, budget=ADOPTED, approved=[], period=PERIOD) != []
    assert validate_change(second, budget=ADOPTED, approved=[first], period=PERIOD) == []


# --- the amended budget ---------------------------------------------------------------


def test_amended_budget_counts_an_approval_from_its_decision_date() -> None:
    moved = change(POSTPONE, (2019, -MIO), (2020, MIO))
    adopted = {(2019, C): 2 * MIO, (2020, C): MIO}
    after = {(2019, C): MIO, (2020, C): 2 * MIO}
    assert amended_budget(ADOPTED, [moved], as_of=date(2019, 3, 11)) == adopted
    assert amended_budget(ADOPTED, [moved], as_of=MARCH_12) == after
    assert amended_budget(ADOPTED, [moved], as_of=date(2019, 12, 31)) == after
    assert amended_budget(ADOPTED, [moved]) == after


def test_amended_budget_ignores_proposed_and_rejected_changes() -> None:
    ignored = [
        change(INCREASE, (2021, MIO), status=PROPOSED, decided_on=None),
        change(CUT, (2019, -MIO), status=REJECTED),
    ]
    assert amended_budget(ADOPTED, ignored) == {(2019, C): 2 * MIO, (2020, C): MIO}
    assert amended_budget(ADOPTED, ignored, as_of=date(2030, 1, 1)) == amended_budget(ADOPTED, [])


def test_amended_budget_adds_new_years_and_kinds_and_keeps_the_adopted_ones() -> None:
    more = [change(INCREASE, (2022, 4 * MIO)), change(INCREASE, (2019, MIO), money=OP)]
    assert amended_budget(ADOPTED, more) == {
        (2019, C): 2 * MIO,
        (2019, OP): MIO,
        (2020, C): MIO,
        (2022, C): 4 * MIO,
    }


def test_saving_target_reduces_the_budget_like_a_cut_and_is_remembered() -> None:
    target = change(SAVING, (2020, -400_000))
    cut = change(CUT, (2020, -400_000))
    assert amended_budget(ADOPTED, [target]) == amended_budget(ADOPTED, [cut])
    assert amended_budget(ADOPTED, [target])[(2020, C)] == 600_000
    assert saving_targets([target, cut]) == {2020: 400_000}
    assert saving_targets([target], as_of=date(2019, 1, 1)) == {}


def test_approved_change_without_a_date_counts_only_without_a_cut_off() -> None:
    undated = change(INCREASE, (2019, MIO), decided_on=None)
    assert amended_budget(ADOPTED, [undated])[(2019, C)] == 3 * MIO
    assert amended_budget(ADOPTED, [undated], as_of=date(2030, 1, 1))[(2019, C)] == 2 * MIO


# --- the economy smiley ---------------------------------------------------------------

# Adopted 3 mio. kr. in 2019; cut to 2 mio. kr. on 12 March 2019.
THREE = budget((2019, 3 * MIO))
CUT_TO_TWO = change(CUT, (2019, -MIO))
TARGET = change(SAVING, (2019, -500_000))


def judge(**overrides: object) -> tuple[Smiley | None, str, str]:
    arguments: dict[str, object] = {
        "budget": THREE,
        "changes": [CUT_TO_TWO],
        "year": 2019,
        "as_of": date(2019, 10, 9),
        "spent": None,
        "expected": None,
        "saving_achieved": None,
    }
    arguments.update(overrides)
    verdict = judge_economy(**arguments)  # type: ignore[arg-type]
    return verdict.smiley, verdict.reason_da, verdict.reason_en


@pytest.mark.parametrize(
    ("overrides", "smiley", "reason_da"),
    [
        pytest.param(
            {"expected": 1_800_000},
            Smiley.HAPPY,
            "Forventet forbrug 1,8 mio. kr. er inden for det korrigerede budget på "
            "2 mio. kr. for 2019.",
            id="within-amended",
        ),
        pytest.param(
            {"expected": 2 * MIO},
            Smiley.HAPPY,
            "Forventet forbrug 2 mio. kr. er inden for det korrigerede budget på "
            "2 mio. kr. for 2019.",
            id="exactly-the-amended",
        ),
        pytest.param(
            {"expected": 2_500_000},
            Smiley.SAD,
            "Forventet forbrug 2,5 mio. kr. overstiger det korrigerede budget på "
            "2 mio. kr. for 2019.",
            id="within-adopted-but-over-amended",
        ),
        pytest.param(
            {"expected": 2_500_000, "as_of": date(2019, 3, 1)},
            Smiley.HAPPY,
            "Forventet forbrug 2,5 mio. kr. er inden for det korrigerede budget på "
            "3 mio. kr. for 2019.",
            id="before-the-cut-was-approved",
        ),
        pytest.param(
            {"expected": 1_800_000, "spent": 2_500_000},
            Smiley.HAPPY,
            "Forventet forbrug 1,8 mio. kr. er inden for det korrigerede budget på "
            "2 mio. kr. for 2019.",
            id="expected-wins-over-spent",
        ),
        pytest.param(
            {"spent": 2_100_000},
            Smiley.SAD,
            "Forbrug 2,1 mio. kr. overstiger det korrigerede budget på 2 mio. kr. for 2019.",
            id="spent-when-no-expected",
        ),
        pytest.param(
            {"expected": MIO, "year": 2020},
            Smiley.SAD,
            "Forventet forbrug 1 mio. kr. overstiger det korrigerede budget på 0 kr. for 2020.",
            id="year-without-budget",
        ),
        pytest.param(
            {},
            None,
            "Der er ikke angivet forbrug eller forventet forbrug for 2019, så økonomien kan "
            "ikke vurderes. Angiv tallene, eller sæt smileyen med en begrundelse.",
            id="no-figures-is-not-happy",
        ),
        pytest.param(
            {"changes": [CUT_TO_TWO, TARGET], "expected": MIO, "saving_achieved": False},
            Smiley.SAD,
            "Sparemålet på 500.000 kr. for 2019 er ikke nået.",
            id="saving-not-met",
        ),
        pytest.param(
            {"changes": [CUT_TO_TWO, TARGET], "expected": MIO, "saving_achieved": True},
            Smiley.HAPPY,
            "Forventet forbrug 1 mio. kr. er inden for det korrigerede budget på 1,5 mio. kr. "
            "for 2019. Sparemålet på 500.000 kr. er nået.",
            id="saving-met",
        ),
        pytest.param(
            {"changes": [CUT_TO_TWO, TARGET], "expected": MIO},
            None,
            "Det er ikke angivet, om sparemålet på 500.000 kr. for 2019 er nået. Angiv det, "
            "eller sæt smileyen med en begrundelse.",
            id="saving-unknown",
        ),
        pytest.param(
            {"changes": [CUT_TO_TWO, TARGET], "saving_achieved": False},
            Smiley.SAD,
            "Sparemålet på 500.000 kr. for 2019 er ikke nået.",
            id="saving-not-met-needs-no-figures",
        ),
        pytest.param(
            {"expected": MIO, "saving_achieved": False},
            Smiley.HAPPY,
            "Forventet forbrug 1 mio. kr. er inden for det korrigerede budget på 2 mio. kr. "
            "for 2019.",
            id="no-saving-target-in-the-year",
        ),
        pytest.param(
            {"budget": Budget(no_money=True), "changes": [], "expected": MIO},
            None,
            "Der er ikke afsat økonomi, så der gives ingen smiley for økonomi.",
            id="no-money",
        ),
        pytest.param(
            {
                "budget": Budget(no_money=True),
                "changes": [change(INCREASE, (2019, MIO))],
                "expected": 500_000,
            },
            Smiley.HAPPY,
            "Forventet forbrug 500.000 kr. er inden for det korrigerede budget på 1 mio. kr. "
            "for 2019.",
            id="no-money-until-an-increase",
        ),
        pytest.param(
            {"expected": 2_500_000, "officer_smiley": "happy", "officer_note": "Mindreforbrug"},
            Smiley.HAPPY,
            "Sat af sagsbehandleren: Mindreforbrug",
            id="officer-wins",
        ),
        pytest.param(
            {"officer_smiley": Smiley.SAD, "officer_note": "  Udbud forsinket "},
            Smiley.SAD,
            "Sat af sagsbehandleren: Udbud forsinket",
            id="officer-without-figures",
        ),
    ],
)
def test_economy_smiley_rule(
    overrides: dict[str, object], smiley: Smiley | None, reason_da: str
) -> None:
    got_smiley, got_da, got_en = judge(**overrides)
    assert (got_smiley, got_da) == (smiley, reason_da)
    assert got_en


def test_economy_verdict_reasons_in_english() -> None:
    _, _, within = judge(expected=1_800_000)
    assert within == (
        "Expected spending of DKK 1.8 million is within the amended budget of "
        "DKK 2 million for 2019."
    )
    _, _, officer = judge(officer_smiley="sad", officer_note="Udbud forsinket")
    assert officer == "Set by the officer: Udbud forsinket"


def test_officer_smiley_is_marked_as_set_by_the_officer() -> None:
    verdict = judge_economy(
        budget=THREE,
        changes=[],
        year=2019,
        as_of=None,
        spent=None,
        expected=None,
        saving_achieved=None,
        officer_smiley="sad",
        officer_note="Mangler afklaring",
    )
    assert verdict.set_by_officer is True
    assert (
        judge_economy(
            budget=THREE,
            changes=[],
            year=2019,
            as_of=None,
            spent=1,
            expected=None,
            saving_achieved=None,
        ).set_by_officer
        is False
    )


@pytest.mark.parametrize(
    ("overrides", "where", "fragment"),
    [
        pytest.param({"officer_smiley": "sad"}, "officer_note", "begrundelse", id="no-note"),
        pytest.param(
            {"officer_smiley": "happy", "officer_note": "   "},
            "officer_note",
            "begrundelse",
            id="blank-note",
        ),
        pytest.param(
            {"officer_smiley": "neutral", "officer_note": "x"},
            "officer_smiley",
            "glad og sur",
            id="neutral-is-not-on-the-economy-scale",
        ),
        pytest.param(
            {
                "budget": Budget(no_money=True),
                "changes": [],
                "officer_smiley": "happy",
                "officer_note": "x",
            },
            "officer_smiley",
            "ikke afsat økonomi",
            id="no-money-no-smiley",
        ),
    ],
)
def test_officer_smiley_is_refused_without_a_note_or_off_the_scale(
    overrides: dict[str, object], where: str, fragment: str
) -> None:
    with pytest.raises(ProblemError) as raised:
        judge(**overrides)
    assert raised.value.problem.where == where
    assert fragment in raised.value.problem.message_da


# --- the economy text -----------------------------------------------------------------


def test_dates_read_as_danish_and_english_text() -> None:
    # The budget texts write dates with the vocabulary's long_date (format_date_da/en were
    # its wrappers).
    assert long_date(date(2019, 10, 9)) == "9. oktober 2019"
    assert long_date(MARCH_12) == "12. marts 2019"
    assert long_date(MARCH_12, "en") == "12 March 2019"


@pytest.mark.parametrize(
    ("b", "da", "en"),
    [
        pytest.param(
            Budget(no_money=True),
            "Der er ikke afsat økonomi.",
            "No money has been set aside.",
            id="no-money",
        ),
        pytest.param(
            budget((2021, 5 * MIO), (2022, 6 * MIO)),
            "Der er afsat 5 mio. kr. i 2021 og 6 mio. kr. i 2022.",
            "The agreement sets aside DKK 5 million in 2021 and DKK 6 million in 2022.",
            id="two-years",
        ),
        pytest.param(
            budget((2019, 1_500_000)),
            "Der er afsat 1,5 mio. kr. i 2019.",
            "The agreement sets aside DKK 1.5 million in 2019.",
            id="one-year",
        ),
        pytest.param(
            budget((2019, MIO // 2), (2020, MIO // 2)),
            "Der er afsat 500.000 kr. i hvert af årene 2019 og 2020.",
            "The agreement sets aside DKK 500,000 in each of the years 2019 and 2020.",
            id="equal-consecutive-grouped",
        ),
        pytest.param(
            budget((2019, 2 * MIO), (2020, 5 * MIO), (2021, 5 * MIO), (2022, 5 * MIO)),
            "Der er afsat 2 mio. kr. i 2019 og 5 mio. kr. i hvert af årene 2020-2022.",
            "The agreement sets aside DKK 2 million in 2019 and DKK 5 million in each of the "
            "years 2020-2022.",
            id="three-equal-years-as-a-span",
        ),
        pytest.param(
            budget((2019, MIO), (2021, MIO)),
            "Der er afsat 1 mio. kr. i 2019 og 1 mio. kr. i 2021.",
            "The agreement sets aside DKK 1 million in 2019 and DKK 1 million in 2021.",
            id="equal-but-not-consecutive",
        ),
        pytest.param(
            budget((2019, 2 * MIO), (2019, MIO // 2, OP)),
            "Der er afsat 2 mio. kr. i 2019 til anlæg og 500.000 kr. i 2019 til drift.",
            "The agreement sets aside DKK 2 million in 2019 for capital and DKK 500,000 in "
            "2019 for operating.",
            id="both-kinds",
        ),
        pytest.param(
            budget((2019, 0)),
            "Der er ikke afsat økonomi.",
            "No money has been set aside.",
            id="only-zero",
        ),
    ],
)
def test_economy_text_states_the_adopted_budget(b: Budget, da: str, en: str) -> None:
    assert economy_text(b, []) == da
    assert economy_text(b, [], language="en") == en


POSTPONED = change(POSTPONE, (2019, -MIO), (2020, MIO))


def test_economy_text_tells_each_approved_change_with_date_case_and_financing() -> None:
    assert economy_text(ADOPTED, [POSTPONED]) == (
        "Der er afsat 2 mio. kr. i 2019 og 1 mio. kr. i 2020. Kommunalbestyrelsen godkendte "
        "den 12. marts 2019 at udskyde 1 mio. kr. fra 2019 til 2020 (sag 00.30.10-S00-3-19). "
        "Finansiering: Tilpasning af bruttoanlægsrammen for 2019."
    )
    assert economy_text(ADOPTED, [POSTPONED], language="en") == (
        "The agreement sets aside DKK 2 million in 2019 and DKK 1 million in 2020. On "
        "12 March 2019 the city council approved postponing DKK 1 million from 2019 to 2020 "
        "(case 00.30.10-S00-3-19). Financing: Tilpasning af bruttoanlægsrammen for 2019."
    )


def test_economy_text_leaves_out_changes_not_approved_by_the_date() -> None:
    others = [
        POSTPONED,
        change(INCREASE, (2021, MIO), status=PROPOSED, decided_on=None),
        change(CUT, (2019, -MIO), status=REJECTED),
    ]
    before = economy_text(ADOPTED, others, as_of=date(2019, 3, 11))
    assert before == "Der er afsat 2 mio. kr. i 2019 og 1 mio. kr. i 2020."
    assert economy_text(ADOPTED, others, as_of=MARCH_12) == economy_text(ADOPTED, [POSTPONED])


@pytest.mark.parametrize(
    ("c", "sentence"),
    [
        pytest.param(
            change(
                INCREASE,
                (2021, MIO),
                (2022, MIO),
                reference="KB 26.03.2019, pkt. 7",
                decided_on=date(2019, 3, 26),
                financing="Kassen",
            ),
            "Kommunalbestyrelsen godkendte den 26. marts 2019 at forhøje budgettet med "
            "1 mio. kr. i hvert af årene 2021 og 2022 (KB 26.03.2019, pkt. 7). "
            "Finansiering: Kassen.",
            id="increase-with-worded-reference",
        ),
        pytest.param(
            change(CUT, (2020, -300_000), financing="Overføres til puljen."),
            "Kommunalbestyrelsen godkendte den 12. marts 2019 at reducere budgettet med "
            "300.000 kr. i 2020 (sag 00.30.10-S00-3-19). Finansiering: Overføres til puljen.",
            id="cut",
        ),
        pytest.param(
            change(SAVING, (2019, -MIO)),
            "Kommunalbestyrelsen godkendte den 12. marts 2019 at fastsætte et sparemål på "
            "1 mio. kr. i 2019 (sag 00.30.10-S00-3-19). "
            "Finansiering: Tilpasning af bruttoanlægsrammen for 2019.",
            id="saving-target",
        ),
        pytest.param(
            change(POSTPONE, (2020, -MIO), (2019, MIO)),
            "Kommunalbestyrelsen godkendte den 12. marts 2019 at fremrykke 1 mio. kr. fra "
            "2020 til 2019 (sag 00.30.10-S00-3-19). "
            "Finansiering: Tilpasning af bruttoanlægsrammen for 2019.",
            id="bring-forward",
        ),
        pytest.param(
            change(POSTPONE, (2019, -2 * MIO), (2020, MIO), (2021, MIO)),
            "Kommunalbestyrelsen godkendte den 12. marts 2019 at udskyde 2 mio. kr. fra 2019 "
            "til 2020 (1 mio. kr.) og 2021 (1 mio. kr.) (sag 00.30.10-S00-3-19). "
            "Finansiering: Tilpasning af bruttoanlægsrammen for 2019.",
            id="postpone-to-two-years",
        ),
        pytest.param(
            change(INCREASE, (2021, MIO), decided_on=None, reference=""),
            "Kommunalbestyrelsen godkendte at forhøje budgettet med 1 mio. kr. i 2021. "
            "Finansiering: Tilpasning af bruttoanlægsrammen for 2019.",
            id="undated-and-unreferenced",
        ),
    ],
)
def test_economy_text_sentence_per_kind_of_change(c: BudgetChange, sentence: str) -> None:
    assert economy_text(ADOPTED, [c]) == (
        "Der er afsat 2 mio. kr. i 2019 og 1 mio. kr. i 2020. " + sentence
    )


def test_economy_text_names_the_budget_when_kinds_are_mixed() -> None:
    text = economy_text(ADOPTED, [change(INCREASE, (2020, MIO), money=OP, reference="")])
    assert text == (
        "Der er afsat 2 mio. kr. i 2019 og 1 mio. kr. i 2020 til anlæg. Kommunalbestyrelsen "
        "godkendte den 12. marts 2019 at forhøje budgettet med 1 mio. kr. i 2020 på "
        "driftsbudgettet. Finansiering: Tilpasning af bruttoanlægsrammen for 2019."
    )


def test_economy_text_orders_changes_by_decision_date() -> None:
    later = change(INCREASE, (2022, MIO), decided_on=date(2019, 9, 1))
    text = economy_text(ADOPTED, [later, POSTPONED])
    assert text.index("12. marts 2019") < text.index("1. september 2019")


def test_economy_text_refuses_unknown_language() -> None:
    with pytest.raises(ValueError, match="language"):
        economy_text(ADOPTED, [], language="de")


# --- totals and the window of approvals ------------------------------------------------


def test_totals_sum_adopted_and_amended_per_year_per_theme_and_overall() -> None:
    items = [
        ("1", ADOPTED, [POSTPONED]),
        ("3", budget((2019, MIO // 2), (2020, MIO // 2)), []),
        ("1", budget((2021, 5 * MIO)), [change(CUT, (2021, -MIO), decided_on=date(2019, 9, 1))]),
        ("6", Budget(no_money=True), []),
    ]
    result = totals(items, as_of=date(2019, 6, 30))
    assert result.years == (2019, 2020, 2021)
    assert list(result.groups) == ["1", "3", "6"]
    theme_1 = result.groups["1"]
    assert theme_1.adopted == {2019: 2 * MIO, 2020: MIO, 2021: 5 * MIO}
    assert theme_1.amended == {2019: MIO, 2020: 2 * MIO, 2021: 5 * MIO}
    assert result.groups["6"].adopted == {2019: 0, 2020: 0, 2021: 0}
    assert result.overall.adopted == {2019: 2_500_000, 2020: 1_500_000, 2021: 5 * MIO}
    assert result.overall.amended == {2019: 1_500_000, 2020: 2_500_000, 2021: 5 * MIO}
    assert result.overall.adopted_total == result.overall.amended_total == 9 * MIO
    later = totals(items, as_of=date(2019, 12, 31))
    assert later.groups["1"].amended[2021] == 4 * MIO
    assert later.overall.amended_total == 8 * MIO


def test_totals_of_nothing_is_empty() -> None:
    result = totals([], as_of=None)
    assert (result.years, dict(result.groups), result.overall.adopted_total) == ((), {}, 0)


def test_changes_between_returns_approvals_after_the_previous_round_up_to_this_one() -> None:
    first = change(INCREASE, (2019, MIO), decided_on=date(2019, 3, 12))
    second = change(INCREASE, (2019, MIO), decided_on=date(2019, 6, 18))
    third = change(INCREASE, (2019, MIO), decided_on=date(2019, 10, 1))
    proposed = change(INCREASE, (2019, MIO), status=PROPOSED, decided_on=date(2019, 5, 1))
    rejected = change(INCREASE, (2019, MIO), status=REJECTED, decided_on=date(2019, 5, 2))
    undated = change(INCREASE, (2019, MIO), decided_on=None)
    everything = [third, second, first, proposed, rejected, undated]
    assert changes_between(everything, date(2019, 3, 12), date(2019, 6, 18)) == [second]
    assert changes_between(everything, None, date(2019, 6, 18)) == [first, second]
    assert changes_between(everything, date(2019, 6, 18), date(2019, 12, 31)) == [third]
    assert changes_between(everything, date(2019, 10, 1), date(2019, 12, 31)) == []


# --- property: postponements never change the total ----------------------------------

YEARS = st.integers(PERIOD[0], PERIOD[1])


@settings(max_examples=150, deadline=None)
@given(
    adopted=st.dictionaries(YEARS, st.integers(0, 10 * MIO), min_size=1),
    moves=st.lists(st.tuples(YEARS, YEARS, st.integers(1, 10 * MIO)), max_size=12),
)
def test_approved_postponements_never_change_the_total(
    adopted: dict[int, int], moves: list[tuple[int, int, int]]
) -> None:
    b = budget(*adopted.items())
    approved: list[BudgetChange] = []
    for number, (source, target, amount) in enumerate(moves):
        candidate = change(
            POSTPONE, (source, -amount), (target, amount), decided_on=date(2019, 1, 1 + number)
        )
        holds = amended_budget(b, approved).get((source, C), 0)
        problems = validate_change(candidate, budget=b, approved=approved, period=PERIOD)
        # Refused exactly when it names one year twice or moves more than the year holds.
        assert (problems == []) == (source != target and amount <= holds)
        if not problems:
            approved.append(candidate)
    amended = amended_budget(b, approved)
    assert sum(amended.values()) == b.total
    assert all(amount >= 0 for amount in amended.values())
