"""Smileys written as words in a cell: any case, stray spaces, traffic-light words, a dash."""

from __future__ import annotations

import pytest

from opfolgning.followup.smileys import (
    Smiley,
    UnknownGlyph,
    read_economy_glyph,
    read_effort_glyph,
)


@pytest.mark.parametrize(
    ("cell", "smiley"),
    [
        ("glad", Smiley.HAPPY),
        ("  GLAD ", Smiley.HAPPY),
        ("Grøn", Smiley.HAPPY),
        ("mellemfornøjet", Smiley.NEUTRAL),
        ("Mellem fornøjet", Smiley.NEUTRAL),
        (" MELLEMFORNØJET  ", Smiley.NEUTRAL),
        ("gul", Smiley.NEUTRAL),
        ("Sur", Smiley.SAD),
        ("RØD ", Smiley.SAD),
    ],
)
def test_the_words_are_read_in_any_case_and_with_stray_spaces(cell: str, smiley: Smiley) -> None:
    reading = read_effort_glyph(cell)
    assert (reading.smiley, reading.needs_review) == (smiley, False)


@pytest.mark.parametrize("cell", ["-", " – ", "—", "", "  "])
def test_a_dash_or_nothing_is_no_smiley(cell: str) -> None:
    for reading in (read_effort_glyph(cell), read_economy_glyph(cell)):
        assert (reading.smiley, reading.glyph, reading.needs_review) == (None, None, False)


def test_the_economy_reads_the_traffic_light_words_on_its_two_levels() -> None:
    assert read_economy_glyph(" Grøn").smiley is Smiley.HAPPY
    assert read_economy_glyph("rød").smiley is Smiley.SAD
    assert read_economy_glyph("gul").needs_review


def test_a_word_that_is_no_smiley_is_unknown() -> None:
    with pytest.raises(UnknownGlyph):
        read_effort_glyph("g lad x")
