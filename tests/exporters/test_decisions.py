"""'Til beslutning' (issue 14): what a committee must decide on, in every report format."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from opfolgning.exporters.docx import render_report_docx
from opfolgning.exporters.html import render_report_html
from opfolgning.exporters.pdf import render_report_pdf
from opfolgning.followup.changes import report_changes
from opfolgning.followup.decisions import decisions
from opfolgning.followup.guide import guide_with_faces
from opfolgning.followup.smileys import Smiley
from opfolgning.importers import parse_path


@pytest.fixture
def seed_doc(seed_path):
    return parse_path(seed_path)


def test_the_seed_needs_decisions_on_what_worsened_sad_economy_and_a_postponement(seed_doc):
    found = decisions(seed_doc, report_changes(seed_doc))
    assert [(d.number, d.detail_da) for d in found.worsened] == [
        ("3.20", "glad → mellemfornøjet"),
        ("6.5", "glad → mellemfornøjet"),
    ]
    assert [d.number for d in found.sad_economy] == ["1.11", "3.21"]
    assert [d.number for d in found.budget_changes] == ["1.11"]
    assert found.budget_changes[0].detail_da.startswith(
        "Udskydelse: -1 mio. kr. i 2019, +1 mio. kr. i 2020. Alternativ finansiering:"
    )
    assert found.sad_effort == () and found.missing == ()  # the seed's ☹ reads as neutral


def test_a_sad_effort_smiley_lists_its_corrective_action_and_a_missing_one_says_so(seed_doc):
    ini = next(i for i in seed_doc.initiatives() if i.number == "3.20")
    current = next(m for m in ini.milestones if m.round == 3)
    current.smiley = Smiley.SAD
    current.corrective_action = "Byggeriet genudbydes i januar."
    other = next(i for i in seed_doc.initiatives() if i.number == "6.5")
    next(m for m in other.milestones if m.round == 3).smiley = Smiley.SAD
    found = decisions(seed_doc)
    by_number = {d.number: d for d in found.sad_effort}
    assert by_number["3.20"].detail_da == "Byggeriet genudbydes i januar."
    assert by_number["6.5"].detail_da == "Der er ikke beskrevet en korrigerende handling."
    assert found.worsened == ()  # without the changes nothing is listed as worse


def test_the_decisions_open_the_html_pdf_and_docx(seed_doc):
    with translation.override("da"):
        html = render_report_html(seed_doc)
    assert html.index('id="til-beslutning"') < html.index('id="overview-heading"')
    assert '<a href="#i-3-20">3.20. Kirstinevang</a>: glad → mellemfornøjet' in html
    assert '<a href="#i-1-11-budget">1.11. Plejecenter Toftehaven</a>' in html

    from pypdf import PdfReader

    with translation.override("da"):
        reader = PdfReader(io.BytesIO(render_report_pdf(seed_doc)))
    first = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Til beslutning" in first and "Forværret siden sidste opfølgning" in first
    # The PDF's outline (bookmarks): the title, then "Til beslutning" with its lists.
    title, sections = reader.outline[0], reader.outline[1]
    assert title.title.startswith("Tredje opfølgning")
    assert sections[0].title == "Til beslutning"
    assert sections[1][0].title == "Forværret siden sidste opfølgning"

    with zipfile.ZipFile(io.BytesIO(render_report_docx(seed_doc))) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert xml.index("Til beslutning") < xml.index("Overblik")
    assert "3.20. Kirstinevang: glad → mellemfornøjet" in xml


def test_the_docx_with_decisions_still_reads_back(seed_doc):
    from opfolgning.importers import parse_bytes

    again = parse_bytes(render_report_docx(seed_doc), source="rapport.docx")
    assert [i.number for i in again.initiatives()] == [i.number for i in seed_doc.initiatives()]
    assert again.reading_guide == guide_with_faces(seed_doc.reading_guide)
