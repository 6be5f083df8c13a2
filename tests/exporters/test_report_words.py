"""Right words and amounts in the report (issue 14): the guide's own smileys, unknown amounts,
themes without a title."""

from __future__ import annotations

import io

import pytest
from django.utils import translation

from opfolgning.exporters.economy import report_economy
from opfolgning.exporters.html import render_report_html
from opfolgning.exporters.pdf import render_report_pdf
from opfolgning.followup.document import BudgetDoc, BudgetLineDoc
from opfolgning.followup.guide import guide_with_words, reading_guide
from opfolgning.followup.smileys import Smiley
from opfolgning.importers import parse_path

GUIDE = (
    "Indledning.\n\n"
    "- ☺: Milepælen er nået.\n- ☹: Delvist nået.\n- ☹: Ikke nået.\n\n"
    "Økonomi:\n\n- ☺: Overholdt.\n- ☹: Ikke overholdt."
)


def test_a_guide_with_one_glyph_for_two_levels_is_read_by_its_order():
    blocks = reading_guide(GUIDE)
    lists = [b.definitions for b in blocks if b.definitions]
    assert [[s for s, _t in d] for d in lists] == [
        [Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD],
        [Smiley.HAPPY, Smiley.SAD],
    ]
    assert [b.text for b in blocks if b.text] == ["Indledning.", "Økonomi:"]


def test_a_guide_with_distinct_glyphs_is_read_by_them():
    blocks = reading_guide("- 😐: Midt.\n- ☺: Godt.\n- 😞: Skidt.")
    assert [s for s, _t in blocks[0].definitions] == [Smiley.NEUTRAL, Smiley.HAPPY, Smiley.SAD]


def test_lines_that_are_no_definitions_stay_text():
    assert reading_guide("- Første punkt\n- Andet punkt")[0].text == "- Første punkt\n- Andet punkt"


def test_the_guide_in_words_for_the_pdf():
    assert "- Mellemfornøjet: Delvist nået." in guide_with_words(GUIDE)
    assert "- Neutral: Delvist nået." in guide_with_words(GUIDE, "en")


@pytest.fixture
def seed_doc(seed_path):
    return parse_path(seed_path)


def test_the_html_and_pdf_guide_show_a_neutral_face_for_the_second_definition(seed_doc):
    with translation.override("da"):
        html = render_report_html(seed_doc)
    legend = html[html.index('<ul class="guide-legend">') :]
    legend = legend[: legend.index("</ul>")]
    assert [legend.count(f"smiley-{s}") for s in ("happy", "neutral", "sad")] == [1, 1, 1]

    from pypdf import PdfReader

    with translation.override("da"):
        pdf = PdfReader(io.BytesIO(render_report_pdf(seed_doc)))
    text = " ".join(" ".join((p.extract_text() or "") for p in pdf.pages[:3]).split())
    assert "Mellemfornøjet: Milepælen er ikke fuldt nået" in text


def test_a_theme_without_a_title_reads_tema_2(seed_doc):
    with translation.override("da"):
        html = render_report_html(seed_doc)
    assert '<h2 id="theme-2">Tema 2</h2>' in html
    assert ">2.</a>" not in html


def test_unknown_amounts_read_ikke_angivet_not_0_kr(seed_doc):
    known = seed_doc.initiatives()[0]
    known.budget = BudgetDoc(lines=[BudgetLineDoc(2019, "capital", 1_000_000)])
    for ini in seed_doc.initiatives()[1:]:
        ini.budget = BudgetDoc(review=["Beløbet i teksten kunne ikke læses."])
    with translation.override("da"):
        money = report_economy(seed_doc)
    assert money is not None
    first, *others = money.themes
    assert first.cells("adopted", money.years)[-1] == "1 mio. kr."
    assert "uden kendte beløb" in first.shown_label
    assert all(t.cells("adopted", money.years) == ["ikke angivet"] * 2 for t in others)
    with translation.override("da"):
        html = render_report_html(seed_doc)
    totals = html[html.index('id="budget-totals"') :]
    totals = totals[: totals.index("</table>")]
    assert "ikke angivet" in totals and ">0 kr.<" not in totals


def test_the_docx_guide_shows_the_apps_smileys_whatever_glyphs_the_source_had(seed_doc):
    import io
    import zipfile

    from opfolgning.exporters.docx import render_report_docx

    with zipfile.ZipFile(io.BytesIO(render_report_docx(seed_doc))) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    guide = xml[xml.index("Læsevejledning") : xml.index("Til beslutning")]
    assert "☺ Glad:" in guide
    assert "😐 Mellemfornøjet:" in guide
    assert "☹ Sur:" in guide
    assert "☹:" not in guide


def test_guide_with_faces_reads_back_the_same_and_keeps_other_text():
    from opfolgning.followup.guide import guide_with_faces

    text = "Indledning.\n  med mellemrum\n\n- ☺: Nået.\n- ☹: Delvist.\n- ☹: Ikke nået."
    once = guide_with_faces(text)
    assert once.split("\n\n")[0] == "Indledning.\n  med mellemrum"
    assert (
        once.split("\n\n")[1]
        == "- ☺ Glad: Nået.\n- 😐 Mellemfornøjet: Delvist.\n- ☹ Sur: Ikke nået."
    )
    assert guide_with_faces(once) == once
    assert [b.definitions for b in reading_guide(once)] == [
        b.definitions for b in reading_guide(text)
    ]
