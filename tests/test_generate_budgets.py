"""The synthetic agreement generator (bench/generate.py) gives initiatives budgets to read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.generate import generate, write

from opfolgning.followup import budget as rules
from opfolgning.followup.document import MONEY_KINDS, BudgetDoc, InitiativeDoc, budget_model
from opfolgning.importers import parse_path
from opfolgning.importers.economy import CHANGE_NOTE, agreement_period
from opfolgning.importers.text import parse_text

YEAR = 2019
PERIOD = agreement_period(YEAR)


def _initiatives(count: int) -> list[InitiativeDoc]:
    return [ini for doc in generate(count, year=YEAR) for ini in doc.initiatives()]


def _budget(ini: InitiativeDoc) -> BudgetDoc:
    assert ini.budget is not None, ini.number
    return ini.budget


def _as_read(budget: BudgetDoc) -> tuple[object, ...]:
    """Return what the text states of a budget: the approval is not written in the text."""
    changes = [(c.kind, c.kind_of_money, c.amounts) for c in budget.changes]
    return budget.no_money, budget.lines, changes


@pytest.fixture(scope="module")
def generated() -> list[InitiativeDoc]:
    return _initiatives(200)


def test_every_generated_initiative_has_a_budget_with_a_mix_of_forms(
    generated: list[InitiativeDoc],
) -> None:
    budgets = [_budget(ini) for ini in generated]
    no_money = [b for b in budgets if b.no_money]
    funded = [b for b in budgets if b.lines]
    assert len(no_money) + len(funded) == len(budgets)
    assert 0.2 < len(funded) / len(budgets) < 0.6
    assert {line.kind for b in funded for line in b.lines} == set(MONEY_KINDS)
    assert any(len(b.lines) > 1 for b in funded)
    assert any(b.changes for b in funded)
    texts = [ini.economy.text for ini in generated]
    assert any("i hvert af årene" in t or "årligt i" in t for t in texts)
    assert any(" og " in t and "i hvert af årene" not in t for t in texts)
    assert any("udskudt" in t for t in texts)


def test_generated_budgets_keep_the_rules(generated: list[InitiativeDoc]) -> None:
    for ini in generated:
        budget = _budget(ini)
        assert all(line.kind == ini.kind for line in budget.lines)
        adopted, changes = budget_model(budget)
        assert rules.validate_budget(adopted, PERIOD) == []
        for change in changes:
            assert change.status is rules.ChangeStatus.APPROVED
            assert change.decided_on is not None and change.decided_on.year == YEAR
            assert rules.validate_change(change, budget=adopted, approved=[], period=PERIOD) == []
        assert (ini.economy.smiley is None) == budget.no_money


def test_written_reports_parse_back_to_the_same_budgets(tmp_path: Path) -> None:
    docs = generate(48, year=YEAR)
    paths = write(48, tmp_path)
    assert len(paths) == len(docs)
    for doc, path in zip(docs, paths, strict=True):
        parsed = parse_path(path)
        made = {ini.number: _budget(ini) for ini in doc.initiatives()}
        for ini in parsed.initiatives():
            read = _budget(ini)
            assert _as_read(read) == _as_read(made[ini.number]), ini.economy.text
            # A postponement read from text is proposed and left for a person to approve.
            assert all(c.status == "proposed" and c.note == CHANGE_NOTE for c in read.changes)
            assert len(read.review) == len(read.changes)


def test_a_thousand_generated_initiatives_parse_and_read_every_budget_back() -> None:
    from opfolgning.exporters.text import write_text

    docs = generate(1000, year=YEAR)
    count = 0
    for doc in docs:
        made = {ini.number: _budget(ini) for ini in doc.initiatives()}
        parsed = parse_text(write_text(doc).encode("utf-8"))
        for ini in parsed.initiatives():
            assert _as_read(_budget(ini)) == _as_read(made[ini.number])
            count += 1
        economy_warnings = [w for w in parsed.warnings if w.where.endswith("economy")]
        assert len(economy_warnings) == sum(len(b.changes) for b in made.values())
    assert count == 1000
