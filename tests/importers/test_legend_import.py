"""The document's own reading guide decides its glyphs when the text export is read (issue 17)."""

from __future__ import annotations

from pathlib import Path

from opfolgning.followup.smileys import Smiley
from opfolgning.importers.text import parse_text

NEUTRAL_LINE = "- ☹: Milepælen er ikke fuldt nået"


def _frowns(doc):
    return [
        m for ini in doc.initiatives() for m in ini.milestones if (m.glyph or "").startswith("☹")
    ]


def test_the_real_report_s_guide_gives_the_frown_twice_so_it_stays_for_review(seed_path: Path):
    doc = parse_text(seed_path.read_bytes(), source=seed_path.name)
    frowns = _frowns(doc)
    assert frowns and all(m.needs_review for m in frowns)


def test_a_guide_that_gives_each_level_its_own_glyph_decides_and_flags_nothing(seed_path: Path):
    text = seed_path.read_text(encoding="utf-8")
    assert NEUTRAL_LINE in text
    # The same report, had its guide kept the neutral face: ☹ can only mean sad.
    distinct = text.replace(NEUTRAL_LINE, "- 😐: Milepælen er ikke fuldt nået", 1)
    doc = parse_text(distinct.encode("utf-8"), source="vejledning.txt")
    frowns = _frowns(doc)
    assert frowns
    assert all(m.smiley is Smiley.SAD and not m.needs_review for m in frowns)
    assert not any("☹" in w.message for w in doc.warnings)
