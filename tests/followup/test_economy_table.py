"""The economy table: one computation behind the report, the public page and the economy page."""

from __future__ import annotations

from datetime import date

from opfolgning.followup.budget import (
    ADOPTED,
    AMENDED,
    CHANGE,
    Budget,
    BudgetChange,
    BudgetKind,
    BudgetLine,
    ChangeKind,
    ChangeStatus,
    YearAmount,
    economy_table,
)

CAPITAL, OPERATING = BudgetKind.CAPITAL, BudgetKind.OPERATING
BOTH = Budget(
    lines=(
        BudgetLine(2019, CAPITAL, 2_000_000),
        BudgetLine(2020, OPERATING, 500_000),
    )
)


def _change(kind_of_money, amounts, *, status=ChangeStatus.APPROVED, on=date(2019, 5, 1)):
    return BudgetChange(
        kind=ChangeKind.POSTPONEMENT if len(amounts) > 1 else ChangeKind.CUT,
        kind_of_money=kind_of_money,
        amounts=tuple(YearAmount(y, a) for y, a in amounts),
        financing="",
        status=status,
        decided_on=on if status is not ChangeStatus.PROPOSED else None,
        reference="Sag 1" if status is ChangeStatus.APPROVED else "",
    )


MOVE = _change(CAPITAL, [(2019, -1_000_000), (2020, 1_000_000)])
LATER = _change(CAPITAL, [(2019, -100_000)], on=date(2019, 11, 1))
PROPOSED = _change(OPERATING, [(2020, -50_000)], status=ChangeStatus.PROPOSED)


def _rows(table):
    return [(r.role, r.kind, dict(r.amounts)) for r in table.rows]


def test_both_kinds_of_money_split_adopted_and_amended_per_kind():
    table = economy_table(BOTH, [MOVE, LATER, PROPOSED], as_of=date(2019, 10, 9))
    assert table.split and table.kinds == (CAPITAL, OPERATING)
    assert table.years == (2019, 2020)
    assert table.approved == (MOVE,)  # LATER is after the date, PROPOSED never counts
    assert _rows(table) == [
        (ADOPTED, CAPITAL, {2019: 2_000_000}),
        (ADOPTED, OPERATING, {2020: 500_000}),
        (CHANGE, None, {2019: -1_000_000, 2020: 1_000_000}),
        (AMENDED, CAPITAL, {2019: 1_000_000, 2020: 1_000_000}),
        (AMENDED, OPERATING, {2020: 500_000}),
    ]
    assert [r.total for r in table.rows] == [2_000_000, 500_000, 0, 2_000_000, 500_000]


def test_summed_over_kinds_with_extra_years_for_the_economy_page():
    table = economy_table(
        BOTH, [MOVE, LATER], as_of=None, split_kinds=False, years=range(2019, 2023)
    )
    assert not table.split
    assert table.years == (2019, 2020, 2021, 2022)
    assert table.approved == (MOVE, LATER)
    assert _rows(table) == [
        (ADOPTED, None, {2019: 2_000_000, 2020: 500_000}),
        (CHANGE, None, {2019: -1_000_000, 2020: 1_000_000}),
        (CHANGE, None, {2019: -100_000}),
        (AMENDED, None, {2019: 900_000, 2020: 1_500_000}),
    ]


def test_one_kind_of_money_is_never_split():
    one = Budget(lines=(BudgetLine(2019, CAPITAL, 1_000_000),))
    table = economy_table(one, [MOVE], as_of=None)
    assert not table.split
    assert [r.role for r in table.rows] == [ADOPTED, CHANGE, AMENDED]


def test_nothing_adopted_or_approved_gives_no_rows_but_keeps_the_columns():
    table = economy_table(Budget(), [PROPOSED], as_of=None, years=[2019])
    assert table.rows == ()
    assert table.years == (2019,)
