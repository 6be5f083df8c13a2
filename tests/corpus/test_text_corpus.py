"""The hand-written text exports of tests/corpus/text_documents.py, read cell by cell."""

from __future__ import annotations

import pytest

from opfolgning.exporters.text import write_text
from opfolgning.followup.document import ReportDocument
from opfolgning.importers import parse_path
from opfolgning.importers.text import parse_text
from tests.corpus.text_documents import DOCUMENTS, DocumentTruth, write_all


@pytest.fixture(scope="module")
def parsed(tmp_path_factory) -> dict[str, ReportDocument]:
    folder = tmp_path_factory.mktemp("text-corpus")
    return {path.name: parse_path(path) for path in write_all(folder)}


def test_the_corpus_covers_every_variation_with_four_documents_or_more():
    assert len(DOCUMENTS) >= 4
    covered = set().union(*(truth.variations for _text, truth in DOCUMENTS.values()))
    assert covered == {1, 2, 3, 4, 5, 6}
    assert any("\r\n" in text for text, _truth in DOCUMENTS.values())


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_report_facts_and_themes(parsed, name):
    doc, truth = parsed[name], DOCUMENTS[name][1]
    assert (doc.title, doc.round, doc.committee, doc.agreement.year) == (
        truth.title,
        truth.round,
        truth.committee,
        truth.year,
    )
    assert [(t.number, t.title) for t in doc.themes] == truth.themes


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_cell_of_every_initiative(parsed, name):
    doc, truth = parsed[name], DOCUMENTS[name][1]
    assert [i.number for i in doc.initiatives()] == [i.number for i in truth.initiatives]
    for ini, want in zip(doc.initiatives(), truth.initiatives, strict=True):
        where = f"{name} {want.number}"
        assert (ini.title, ini.kind, ini.heading, ini.description) == (
            want.title,
            want.kind,
            want.heading,
            want.description,
        ), where
        assert (ini.center, ini.committee, ini.contributors) == (
            want.center,
            want.committee,
            want.contributors,
        ), where
        got = [
            (m.round, m.label, m.text, m.status_note, m.smiley, m.glyph, m.needs_review)
            for m in ini.milestones
        ]
        assert got == [
            (m.round, m.label, m.text, m.status, m.smiley, m.glyph, m.needs_review)
            for m in want.milestones
        ], where
        assert (ini.economy.text, ini.economy.smiley) == (
            want.economy_text,
            want.economy_smiley,
        ), where
        lines = (
            None if ini.budget is None else [(b.year, b.kind, b.amount) for b in ini.budget.lines]
        )
        assert lines == want.budget_lines, where


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_warnings_name_every_assumption(parsed, name):
    truth: DocumentTruth = DOCUMENTS[name][1]
    assert [(w.where, w.message) for w in parsed[name].warnings] == truth.warnings


@pytest.mark.parametrize("name", DOCUMENTS)
def test_written_again_and_read_back_the_document_is_the_same(parsed, name):
    def cells(report: ReportDocument) -> list[tuple]:
        return [
            (i.number, i.title, i.kind, i.center, i.contributors, i.economy.text,
             [(m.round, m.text, m.status_note, m.smiley, m.glyph) for m in i.milestones])
            for i in report.initiatives()
        ]  # fmt: skip

    doc = parsed[name]
    again = parse_text(write_text(doc).encode())
    # A round cell that names no round is written as the round's usual label.
    assert cells(again) == cells(doc)
    # What the importer assumed is settled in the written file: no line breaks inside cells,
    # marked headings, one center per cell; only the ☹ stays ambiguous.
    assert all("☹" in w.message for w in again.warnings)
