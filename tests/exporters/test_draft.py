"""A draft says so in every format (found in the persona walk, issue 14): the live report of
an open round is marked on its first page and in each page's header, says how many statuses
are approved, and its agenda item may not be published."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile

import pytest
from django.utils import translation

from opfolgning.exporters.agenda import render_agenda_zip
from opfolgning.exporters.docx import render_report_docx
from opfolgning.exporters.html import render_report_html
from opfolgning.exporters.pdf import render_report_pdf
from opfolgning.followup.audience import draft_note
from opfolgning.followup.document import ReportDocument
from opfolgning.importers import parse_path
from opfolgning.importers.docx import parse_docx

WORD = "Kladde – ikke offentliggjort"


@pytest.fixture
def seed_doc(seed_path) -> ReportDocument:
    return parse_path(seed_path)


@pytest.fixture
def draft(seed_doc) -> ReportDocument:
    doc = dataclasses.replace(seed_doc, draft=True)
    first = doc.initiatives()[0]
    (current,) = [m for m in first.milestones if m.round == doc.round]
    current.approval = "submitted"
    return doc


def test_the_note_counts_the_approved_statuses(draft):
    total = len(draft.initiatives())
    assert f"{total - 1} af {total} er godkendt" in draft_note(draft)
    assert f"{total - 1} of {total} are approved" in draft_note(draft, "en-gb")
    assert draft_note(dataclasses.replace(draft, draft=False)) == ""


def test_the_interchange_document_carries_draft_only_when_true(draft, seed_doc):
    assert draft.to_dict()["draft"] is True
    assert "draft" not in seed_doc.to_dict()
    assert ReportDocument.from_dict(draft.to_dict()).draft is True


def test_html_and_pdf_say_draft_on_the_first_page_and_final_reports_do_not(draft, seed_doc):
    from pypdf import PdfReader

    with translation.override("da"):
        assert WORD in render_report_html(draft)
        assert WORD not in render_report_html(seed_doc)
        pages = PdfReader(io.BytesIO(render_report_pdf(draft))).pages
        final = PdfReader(io.BytesIO(render_report_pdf(seed_doc))).pages
    assert WORD in pages[0].extract_text() and "er godkendt" in pages[0].extract_text()
    assert all(WORD.upper() in page.extract_text() for page in pages)  # every page's header
    assert WORD.upper() not in final[1].extract_text()


def test_the_docx_says_draft_under_the_title_and_reads_back_as_a_draft(draft, seed_doc):
    data = render_report_docx(draft)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        headers = "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if "header" in n
        )
    assert body.index(WORD) < body.index("Læsevejledning")
    assert WORD.upper() in headers
    back = parse_docx(data)
    assert back.draft is True
    assert back.reading_guide == parse_docx(render_report_docx(seed_doc)).reading_guide
    assert parse_docx(render_report_docx(seed_doc)).draft is False


def test_a_drafts_agenda_item_is_marked_and_may_not_be_published(draft, seed_doc):
    with zipfile.ZipFile(io.BytesIO(render_agenda_zip(draft))) as archive:
        metadata = json.loads(archive.read("metadata.json"))
        names = archive.namelist()
        presentation = archive.read("Sagsfremstilling.docx")
    assert metadata["draft"] is True
    assert metadata["case_presentation"]["may_publish"] is False
    assert all(a["may_publish"] is False for a in metadata["attachments"])
    with zipfile.ZipFile(io.BytesIO(presentation)) as inner:
        body = inner.read("word/document.xml").decode("utf-8")
        headers = "".join(inner.read(n).decode("utf-8") for n in inner.namelist() if "header" in n)
    assert body.index(WORD) < body.index(draft.title)  # the first thing it says
    assert WORD.upper() in headers
    assert any(n.startswith("Bilag 1") for n in names)
    with zipfile.ZipFile(io.BytesIO(render_agenda_zip(seed_doc))) as archive:
        final = json.loads(archive.read("metadata.json"))
    assert final["draft"] is False and final["case_presentation"]["may_publish"] is True
