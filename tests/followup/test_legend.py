"""followup.smileys: the document's reading guide decides what its glyphs mean (issue 17)."""

from __future__ import annotations

from pathlib import Path

from opfolgning.followup.smileys import Legend, Smiley, legend_from_guide, read_effort_glyph

DISTINCT = """Definition af smileys på indsats:

- ☺: Milepælen er nået.
- 😐: Milepælen er ikke fuldt nået, men målet kan fortsat nås i budgetperioden.
- ☹: Milepælen er ikke nået, og det er ikke realistisk inden for budgetperioden.

Definition af smileys på økonomi:

- ☺: Budgettet holder.
- ☹: Budgettet holder ikke.
"""

# As the export gives it: the neutral face was lost, so ☹ stands for two levels.
AMBIGUOUS = DISTINCT.replace("- 😐:", "- ☹️:")


def test_a_guide_with_a_glyph_per_level_decides_and_nothing_is_flagged():
    legend = legend_from_guide(DISTINCT)
    assert legend.distinct
    assert legend.meanings == {
        "☺": (Smiley.HAPPY,),
        "😐": (Smiley.NEUTRAL,),
        "☹": (Smiley.SAD,),
    }
    for cell, level in (("☹", Smiley.SAD), ("☹️", Smiley.SAD), ("😐", Smiley.NEUTRAL)):
        reading = read_effort_glyph(cell, legend=legend)
        assert (reading.smiley, reading.needs_review, reading.glyph) == (level, False, cell)
    # A glyph the guide does not show means what it means everywhere.
    assert read_effort_glyph("🙂", legend=legend).smiley is Smiley.HAPPY


def test_a_guide_that_gives_the_frown_for_two_levels_leaves_it_ambiguous():
    legend = legend_from_guide(AMBIGUOUS)
    assert not legend.distinct
    assert legend.meanings["☹"] == (Smiley.NEUTRAL, Smiley.SAD)
    reading = read_effort_glyph("☹", legend=legend)
    assert reading.smiley is Smiley.NEUTRAL and reading.needs_review
    assert "kontrollér" in reading.reason
    assert read_effort_glyph("☹", legend=legend, frown_means=Smiley.SAD).smiley is Smiley.SAD


def test_the_real_reports_guide_gives_the_frown_for_both_neutral_and_sad(seed_path: Path):
    text = seed_path.read_text(encoding="utf-8")
    guide = text.split("### Læsevejledning", 1)[1].split("**1.", 1)[0]
    legend = legend_from_guide(guide)
    assert legend.meanings == {"☺": (Smiley.HAPPY,), "☹": (Smiley.NEUTRAL, Smiley.SAD)}
    assert read_effort_glyph("☹", legend=legend).needs_review


def test_a_definition_that_names_its_level_is_read_by_its_word_not_its_place():
    guide = """Smileys på indsats:
    • 🙂 – glad: nået
    • 🙁 – sur: ikke nået og ikke realistisk
    • 😐 – mellemfornøjet: forsinket, men realistisk
    """
    legend = legend_from_guide(guide)
    assert legend.meanings == {
        "🙂": (Smiley.HAPPY,),
        "🙁": (Smiley.SAD,),
        "😐": (Smiley.NEUTRAL,),
    }


def test_another_glyph_given_for_two_levels_is_read_with_review():
    guide = "Smileys på indsats:\n- ☺: nået\n- 🙁: forsinket\n- 🙁: ikke realistisk\n"
    reading = read_effort_glyph("🙁", legend=legend_from_guide(guide))
    assert reading.smiley is Smiley.NEUTRAL and reading.needs_review
    assert "både mellemfornøjet og sur" in reading.reason


def test_no_guide_or_no_three_definitions_gives_no_legend():
    assert legend_from_guide("") == Legend()
    assert legend_from_guide("Smileys på indsats:\n- ☺: nået\n") == Legend()
    # Only the economy's two definitions: not the effort's.
    economy_only = DISTINCT.split("Definition af smileys på økonomi:")[1]
    assert legend_from_guide(economy_only) == Legend()
    # Without a legend, ☹ is ambiguous as before.
    assert read_effort_glyph("☹", legend=Legend()).needs_review
