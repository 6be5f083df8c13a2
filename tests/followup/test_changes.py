"""What changed since the previous round: effective smileys, milestone, status, economy."""

from __future__ import annotations

import pytest

from opfolgning.followup.changes import (
    Direction,
    What,
    initiative_changes,
    report_changes,
    smiley_move,
    summarize,
)
from opfolgning.followup.document import EconomyDoc, InitiativeDoc, MilestoneDoc
from opfolgning.followup.smileys import Smiley
from opfolgning.importers import parse_path
from tests import factories

H, N, S = Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD


def _initiative(*rows: tuple[str, str, Smiley | None], economy: Smiley | None = None):
    """Return an initiative whose rounds 1.. have (milestone text, status note, smiley)."""
    milestones = [
        MilestoneDoc(round=number, text=text, status_note=note, smiley=smiley)
        for number, (text, note, smiley) in enumerate(rows, start=1)
    ]
    milestones += [MilestoneDoc(round=number) for number in range(len(rows) + 1, 5)]
    return InitiativeDoc(
        number="1.1",
        title="Indsats",
        kind="operating",
        milestones=milestones,
        economy=EconomyDoc(smiley=economy),
    )


@pytest.mark.parametrize(
    ("before", "after", "direction"),
    [
        (H, H, Direction.SAME),
        (None, None, Direction.SAME),
        (H, N, Direction.WORSE),
        (H, S, Direction.WORSE),
        (N, S, Direction.WORSE),
        (S, N, Direction.BETTER),
        (S, H, Direction.BETTER),
        (N, H, Direction.BETTER),
        (None, S, Direction.NEW),
        (H, None, Direction.GONE),
    ],
)
def test_smiley_move_orders_happy_over_neutral_over_sad(before, after, direction):
    assert smiley_move(before, after).direction is direction


@pytest.mark.parametrize(
    ("rows", "current_round", "expected_da", "expected_en"),
    [
        # A worse smiley, with a new milestone and a status note where there was none.
        (
            [("Plan", "", H), ("Analyse", "Forsinket", S)],
            2,
            "Smiley: glad → sur (forværret); ny milepæl; status tilføjet",
            "Smiley: happy → sad (worse); new milestone; status note added",
        ),
        (
            [("Plan", "Forsinket", N), ("Analyse", "Nået", H)],
            2,
            "Smiley: mellemfornøjet → glad (forbedret); ny milepæl; ny status",
            "Smiley: neutral → happy (better); new milestone; new status note",
        ),
        # A happy smiley carried forward (no milestone) is not a change.
        ([("Plan", "", H), ("", "", None)], 2, "Uændret", "Unchanged"),
        # No milestone after neutral: the effective smiley goes missing.
        (
            [("Plan", "Forsinket", N), ("", "", None)],
            2,
            "Smiley: mellemfornøjet → ingen (mangler nu)",
            "Smiley: neutral → none (now missing)",
        ),
        # Starting at this round.
        (
            [("", "", None), ("", "", None), ("Plan", "", H)],
            3,
            "Smiley: ingen → glad (ny); ny milepæl",
            "Smiley: none → happy (new); new milestone",
        ),
        # Not started either round.
        ([("", "", None), ("", "", None)], 2, "Uændret", "Unchanged"),
        # The same milestone text again (reflowed) and the same smiley: unchanged.
        ([("Plan  er\nlagt", "", H), ("Plan er lagt", "", H)], 2, "Uændret", "Unchanged"),
        # A status note only at the previous round says nothing now.
        ([("Plan", "Forsinket", N), ("", "", N)], 2, "Uændret", "Unchanged"),
        # The final round compares with round 3.
        (
            [("A", "", H), ("B", "", H), ("C", "", H), ("D", "Forsinket", N)],
            4,
            "Smiley: glad → mellemfornøjet (forværret); ny milepæl; status tilføjet",
            "Smiley: happy → neutral (worse); new milestone; status note added",
        ),
    ],
)
def test_initiative_changes_name_what_changed(rows, current_round, expected_da, expected_en):
    result = initiative_changes(_initiative(*rows), current_round=current_round)
    assert result.previous_round == current_round - 1
    assert result.text_da == expected_da
    assert result.text_en == expected_en
    assert result.changed is (expected_da != "Uændret")


def test_a_later_plan_beyond_the_report_round_is_not_compared():
    ini = _initiative(("A", "", H), ("B", "", H), ("C", "Forsinket", S))
    result = initiative_changes(ini, current_round=2)
    assert result.effort.after is H
    assert result.text_da == "ny milepæl"


@pytest.mark.parametrize(
    ("previous", "now", "expected_da", "expected_en"),
    [
        (H, S, "Økonomi: glad → sur (forværret)", "Economy: happy → sad (worse)"),
        (S, H, "Økonomi: sur → glad (forbedret)", "Economy: sad → happy (better)"),
        (None, H, "Økonomi: ingen → glad (ny)", "Economy: none → happy (new)"),
        (H, H, "Uændret", "Unchanged"),
    ],
)
def test_economy_is_compared_when_the_previous_round_is_known(
    previous, now, expected_da, expected_en
):
    ini = _initiative(("A", "", H), ("", "", None), economy=now)
    result = initiative_changes(ini, current_round=2, previous_economy=EconomyDoc(smiley=previous))
    assert result.text_da == expected_da
    assert result.text_en == expected_en
    assert result.economy is not None


def test_economy_says_nothing_when_only_the_current_round_is_known():
    ini = _initiative(("A", "", H), ("", "", None), economy=S)
    result = initiative_changes(ini, current_round=2)
    assert result.economy is None
    assert all(c.what is not What.ECONOMY_SMILEY for c in result.changes)


@pytest.mark.parametrize("round_", [0, 1, 5])
def test_there_is_no_previous_round_to_compare_with_outside_rounds_2_to_4(round_):
    with pytest.raises(ValueError, match="current_round"):
        initiative_changes(_initiative(("A", "", H)), current_round=round_)


def test_a_first_round_report_has_no_changes():
    assert report_changes(factories.report(round_number=1)) == {}


def test_report_changes_uses_previous_economy_only_for_named_initiatives():
    doc = factories.report(initiatives=2, themes=1)
    first, second = doc.initiatives()
    first.economy.smiley = S
    second.economy.smiley = S
    changes = report_changes(doc, previous_economy={first.number: EconomyDoc(smiley=H)})
    assert changes[first.number].economy is not None
    assert "Økonomi: glad → sur (forværret)" in changes[first.number].text_da
    assert changes[second.number].economy is None


# The example report (round 3 compared with round 2), checked by hand against the file.
SEED_EXPECTED = {
    # ☹ → ☺ with a new milestone (programoplæg).
    "1.11": "Smiley: mellemfornøjet → glad (forbedret); ny milepæl",
    # ☹ with a status at round 2, a bare ☺ at round 3.
    "1.13": "Smiley: mellemfornøjet → glad (forbedret)",
    # ☹ both rounds, each with its own status note.
    "1.19": "ny status",
    "2.1": "ny milepæl",
    # Nothing at rounds 1 and 2; round 3 starts with ☹, a milestone and a status.
    "2.6": "Smiley: ingen → mellemfornøjet (ny); ny milepæl; status tilføjet",
    # 😊 at rounds 2 and 3, no new milestone.
    "3.10": "Uændret",
    "3.20": "Smiley: glad → mellemfornøjet (forværret); ny milepæl; status tilføjet",
    "6.5": "Smiley: glad → mellemfornøjet (forværret); ny milepæl; status tilføjet",
    "6.7": "Smiley: ingen → glad (ny); ny milepæl",
}


def test_seed_round_3_compared_with_round_2(seed_path):
    doc = parse_path(seed_path)
    changes = report_changes(doc)
    assert len(changes) == 27
    for number, text in SEED_EXPECTED.items():
        assert changes[number].text_da == text, number
    summary = summarize(doc, changes)
    assert (summary.round, summary.previous_round) == (3, 2)
    assert summary.smiley_changed == 6  # 1.11, 1.13, 2.6, 3.20, 6.5, 6.7
    assert (summary.better, summary.worse) == (2, 2)
    assert summary.changed == sum(1 for c in changes.values() if c.text_da != "Uændret")
