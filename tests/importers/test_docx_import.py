"""The DOCX importer: our own export round-trips, Word documents laid out like the original
(Wingdings smileys) are read, and anything else is a clear ReportFormatError."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings

from opfolgning.exporters.docx import render_report_docx
from opfolgning.exporters.text import write_text
from opfolgning.followup.document import ReportDocument
from opfolgning.followup.errors import ReportFormatError
from opfolgning.followup.guide import guide_with_faces
from opfolgning.followup.smileys import Smiley
from opfolgning.importers import parse_bytes
from opfolgning.importers.archive import OLE_MAGIC
from opfolgning.importers.docx import WINGDINGS, parse_docx
from opfolgning.importers.text import parse_text
from tests.importers.budgets import with_read_budgets
from tests.importers.test_roundtrip import documents

SOURCE = "udvalg.docx"


@pytest.fixture(scope="module")
def seed() -> ReportDocument:
    from tests.conftest import SEED_TEXT

    return parse_text(SEED_TEXT.read_bytes())


@pytest.fixture(scope="module")
def seed_docx(seed) -> bytes:
    return render_report_docx(seed)


def comparable(doc: ReportDocument) -> dict:
    """to_dict() without warnings: their `where` names lines in a text file but tables and
    rows in a DOCX, so they legitimately differ (their number is compared separately)."""
    data = doc.to_dict()
    data.pop("warnings")
    # The DOCX writes the guide's definitions as the app's smileys (glyph and word).
    data["reading_guide"] = guide_with_faces(data["reading_guide"])
    return data


def _word_list_blocks(text: str) -> str:
    """Normalise list blocks the way Word paragraphs carry them.

    In Word a list is a run of bullet paragraphs and nothing else: nothing ties it to the
    paragraph before it, and nothing separates two lists that follow each other. So a block
    "paragraph\n- item" reads back as "paragraph\n\n- item", and "- a\n\n- b" as "- a\n- b".
    The text export (and the seed) write lists as blocks of their own after a paragraph;
    hypothesis also draws the other shapes.
    """
    blocks: list[str] = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if len(lines) > 1 and not lines[0].startswith("- "):
            blocks.append(lines[0])
            lines = lines[1:]
        if lines[0].startswith("- ") and blocks and blocks[-1].startswith("- "):
            blocks[-1] += "\n" + "\n".join(lines)
        else:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- round trips -----------------------------------------------------------------------


def test_seed_round_trips_through_docx(seed, seed_docx):
    back = parse_docx(seed_docx, source=SOURCE)
    assert comparable(back) == comparable(seed)
    # The ambiguous ☹ cells are flagged again (the DOCX marks them "⚠ skal kontrolleres").
    assert len(back.warnings) == len(seed.warnings)
    review = [w for w in back.warnings if "kontrollér" in w.message]
    # table 1 is the overview, table 2 "Økonomi i alt"
    assert review and review[0].where == "table 3, row 3, initiative 1.11, round 1"


def test_seed_docx_is_detected_by_parse_bytes(seed, seed_docx):
    back = parse_bytes(seed_docx, source=SOURCE)
    assert comparable(back) == comparable(seed)
    assert len(back.initiatives()) == 27
    assert sum(len(ini.milestones) for ini in back.initiatives()) == 108


def test_export_of_the_import_is_stable(seed_docx):
    once = parse_docx(seed_docx)
    twice = parse_docx(render_report_docx(once))
    assert comparable(twice) == comparable(once)


def test_frown_means_applies_to_unreviewed_frowns(seed_docx):
    back = parse_docx(seed_docx, frown_means=Smiley.SAD)
    first = back.initiatives()[0].milestones[0]
    assert (first.smiley, first.glyph, first.needs_review) == (Smiley.SAD, "☹", True)


def test_a_reviewed_frown_keeps_the_word_written_beside_it(seed):
    doc = ReportDocument.from_dict(seed.to_dict())
    milestone = doc.initiatives()[0].milestones[0]
    milestone.smiley, milestone.needs_review = Smiley.SAD, False  # a person decided
    back = parse_docx(render_report_docx(doc), frown_means=Smiley.NEUTRAL)
    again = back.initiatives()[0].milestones[0]
    assert (again.smiley, again.glyph, again.needs_review) == (Smiley.SAD, "☹", False)


def test_corrective_action_round_trips(seed):
    doc = ReportDocument.from_dict(seed.to_dict())
    doc.initiatives()[0].milestones[1].corrective_action = "Ny tidsplan.\n\n- trin et\n- trin to"
    back = parse_docx(render_report_docx(doc))
    assert back.initiatives()[0].milestones[1].corrective_action == (
        "Ny tidsplan.\n\n- trin et\n- trin to"
    )
    assert comparable(back) == comparable(doc)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_parse_docx_inverts_render_report_docx(doc):
    back = parse_docx(render_report_docx(doc), source="roundtrip.docx")
    guide = _word_list_blocks(guide_with_faces(doc.reading_guide))
    expected = dataclasses.replace(doc, reading_guide=guide)
    assert comparable(back) == comparable(with_read_budgets(expected))


# --- Word documents laid out like the original ------------------------------------------

Cell = str | Callable[[object], None]


def wingdings_run(letter: str) -> Callable[[object], None]:
    """A cell whose smiley is a run in font Wingdings ("J", "K" or "L")."""

    def fill(cell) -> None:
        run = cell.paragraphs[0].add_run(letter)
        run.font.name = "Wingdings"

    return fill


def sym(code: str, font: str = "Wingdings") -> Callable[[object], None]:
    """A cell whose smiley is Word's symbol element <w:sym w:font=… w:char=…/>."""

    def fill(cell) -> None:
        run = parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="{font}" w:char="{code}"/></w:r>')
        cell.paragraphs[0]._p.append(run)

    return fill


def initiative_rows(
    number: str = "1.1", glyphs: tuple[Cell, ...] = ("", "", "", ""), economy: Cell = ""
) -> list[list[Cell]]:
    labels = ["1. budgetopfølgning 2019", "2. budgetopfølgning 2019", "3. budgetopfølgning 2019"]
    labels.append("31.12.2019")
    return [
        [f"{number}. Titel", "Drift", "Tid", "Smiley"],
        ["Beskrivelse.", "Ansvarligt center: Ejendomme Ansvarligt udvalg: Økonomiudvalget", "", ""],
        *[
            ["Milepæl", f"Trin {r}. Status: Godt på vej.", labels[r - 1], glyphs[r - 1]]
            for r in (1, 2, 3, 4)
        ],
        ["Økonomi", "Der er afsat 1 mio. kr.", "", economy],
    ]


def word_document(
    *tables: list[list[Cell]],
    title: str | None = "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget",
    heading: str | None = "1. Tema et",
    front: Callable[[object], None] | None = None,
    guide: Callable[[object], None] | None = None,
) -> bytes:
    """A Word document laid out like the original: bold header lines and headings."""
    document = docx.Document()
    if front is not None:
        front(document)
    else:
        for line in ("Dato: 9. oktober 2019", "Sagsid: 00.30.10-S00-3-19"):
            document.add_paragraph(line)
    if title:
        document.add_paragraph(title)
    document.add_paragraph("Læsevejledning").runs[0].bold = True
    document.add_paragraph("Smileys gives på indsats og økonomi.")
    if guide is not None:
        guide(document)
    if heading:
        document.add_paragraph().add_run(heading).bold = True
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, cells, strict=False):
                if callable(value):
                    value(cell)
                elif value:
                    cell.text = value
        document.add_paragraph()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_document_like_the_original_is_read():
    data = word_document(initiative_rows(glyphs=("☺", "☹️", "", ""), economy="☹"))
    doc = parse_docx(data, source=SOURCE)
    assert doc.round == 3 and doc.committee == "Økonomiudvalget"
    assert doc.date is not None and doc.date.isoformat() == "2019-10-09"
    assert doc.case_number == "00.30.10-S00-3-19"
    assert doc.reading_guide == "Smileys gives på indsats og økonomi."
    (theme,) = doc.themes
    assert (theme.number, theme.title) == ("1", "Tema et")
    (ini,) = theme.initiatives
    assert (ini.number, ini.title, ini.kind, ini.heading) == (
        "1.1",
        "Titel",
        "operating",
        "Tema et",
    )
    assert (ini.center, ini.committee) == ("Ejendomme", "Økonomiudvalget")
    first = ini.milestones[0]
    assert (first.text, first.status_note) == ("Trin 1.", "Godt på vej.")
    assert [m.smiley for m in ini.milestones] == [Smiley.HAPPY, Smiley.NEUTRAL, None, None]
    assert ini.milestones[1].needs_review and ini.milestones[1].glyph == "☹️"
    assert doc.warnings[0].where == "table 1, row 4, initiative 1.1, round 2"
    assert (ini.economy.smiley, ini.economy.needs_review) == (Smiley.SAD, False)


def test_wingdings_runs_are_smileys():
    rows = initiative_rows(
        glyphs=(wingdings_run("J"), wingdings_run("K"), wingdings_run("L"), ""),
        economy=wingdings_run("J"),
    )
    ini = parse_docx(word_document(rows)).initiatives()[0]
    readings = [(m.smiley, m.glyph, m.needs_review) for m in ini.milestones]
    assert readings == [
        (Smiley.HAPPY, "☺", False),
        (Smiley.NEUTRAL, "😐", False),
        (Smiley.SAD, "☹", False),  # Wingdings has its own neutral face: L is surely sad
        (None, None, False),
    ]
    assert (ini.economy.smiley, ini.economy.glyph) == (Smiley.HAPPY, "☺")


def test_wingdings_symbol_elements_are_smileys():
    rows = initiative_rows(
        glyphs=(sym("F04A"), sym("F04B"), sym("004C"), ""),
        economy=sym("F04C"),
    )
    ini = parse_docx(word_document(rows)).initiatives()[0]
    assert [m.smiley for m in ini.milestones] == [Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD, None]
    assert [m.glyph for m in ini.milestones] == ["☺", "😐", "☹", None]
    assert ini.economy.smiley is Smiley.SAD


def test_other_symbol_fonts_are_not_read_as_wingdings():
    # Wingdings 2 has other pictures at J/K/L: not a smiley, so a clear error.
    error = fails(word_document(initiative_rows(glyphs=(sym("F04A", "Wingdings 2"), "", "", ""))))
    assert "table 1, row 3: initiative 1.1, round 1: smiley cell '[Wingdings 2 F04A]'" in str(error)


def test_wingdings_neutral_in_the_economy_needs_review():
    rows = initiative_rows(economy=sym("F04B"))
    doc = parse_docx(word_document(rows))
    economy = doc.initiatives()[0].economy
    assert (economy.smiley, economy.glyph, economy.needs_review) == (None, "😐", True)
    assert doc.warnings[-1].where == "table 1, row 7, initiative 1.1, economy"


def test_wingdings_in_the_reading_guide_become_unicode_glyphs():
    def guide(document) -> None:
        for letter, text in (("J", ": Milepælen er nået."), ("L", ": Milepælen er ikke nået.")):
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(letter).font.name = "Wingdings"
            paragraph.add_run(text)

    doc = parse_docx(word_document(initiative_rows(), guide=guide))
    assert doc.reading_guide == (
        "Smileys gives på indsats og økonomi.\n\n- ☺: Milepælen er nået.\n"
        "- ☹: Milepælen er ikke nået."
    )


def test_header_facts_in_a_layout_table_before_the_title():
    def front(document) -> None:
        table = document.add_table(rows=3, cols=2)
        for row, (label, value) in zip(
            table.rows,
            [("Dato", "9. oktober 2019"), ("E-mail:", "okonomi@example.dk"), ("Kontakt", "Kim")],
            strict=True,
        ):
            row.cells[0].text, row.cells[1].text = label, value

    doc = parse_docx(word_document(initiative_rows(), front=front))
    assert doc.date is not None and doc.date.isoformat() == "2019-10-09"
    assert (doc.contact.email, doc.contact.name) == ("okonomi@example.dk", "Kim")
    assert doc.initiatives()[0].number == "1.1"
    # The layout table counts: the initiative table is table 2 in messages.
    rows = initiative_rows()
    rows[0][1] = "Andet"
    assert "table 2, row 1: " in str(fails(word_document(rows, front=front)))


def test_wingdings_mapping_is_stated():
    assert {letter: smiley for letter, (_, smiley) in WINGDINGS.items()} == {
        "J": Smiley.HAPPY,
        "K": Smiley.NEUTRAL,
        "L": Smiley.SAD,
    }


def test_other_wingdings_symbol_is_an_error_naming_table_and_row():
    rows = initiative_rows(glyphs=(sym("F0E0"), "", "", ""))
    error = fails(word_document(rows))
    assert "table 1, row 3:" in str(error)
    assert "not a known smiley" in str(error)


def test_several_initiatives_in_one_table_and_theme_without_heading():
    rows = initiative_rows("1.1") + initiative_rows("2.5", glyphs=("😊", "", "", ""))
    doc = parse_docx(word_document(rows))
    assert [t.number for t in doc.themes] == ["1", "2"]
    assert doc.themes[1].title == "" and doc.initiatives()[1].heading == ""
    assert any("tema 2 har ingen overskrift" in w.message for w in doc.warnings)


# --- bad input ---------------------------------------------------------------------------


def fails(data: bytes, source: str = SOURCE) -> ReportFormatError:
    with pytest.raises(ReportFormatError) as info:
        parse_docx(data, source=source)
    assert str(info.value).startswith(f"{source}: "), str(info.value)
    return info.value


def test_renamed_text_file():
    error = fails("Dato: 9. oktober 2019\nTredje opfølgning …\n".encode())
    assert "not a DOCX file" in str(error) and "renamed" in str(error)


def test_truncated_docx(seed_docx):
    error = fails(seed_docx[: len(seed_docx) // 2])
    assert "corrupt" in str(error)
    with pytest.raises(ReportFormatError, match="corrupt"):
        parse_bytes(seed_docx[: len(seed_docx) // 2], source=SOURCE)


def test_password_protected_docx():
    data = OLE_MAGIC + bytes(504)
    assert "password-protected" in str(fails(data))
    with pytest.raises(ReportFormatError, match="password-protected"):
        parse_bytes(data, source=SOURCE)


def test_xlsx_passed_as_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    error = fails(buffer.getvalue())
    assert "no word/document.xml" in str(error) and "XLSX" in str(error)


def test_docx_with_no_tables():
    document = docx.Document()
    document.add_paragraph("Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget")
    document.add_paragraph("Bare tekst.")
    buffer = io.BytesIO()
    document.save(buffer)
    error = fails(buffer.getvalue())
    assert "no initiative tables found" in str(error)
    assert "1.11. Title | Anlæg/Drift | Tid | Smiley" in str(error)


def test_docx_without_a_title():
    error = fails(word_document(initiative_rows(), title=None))
    assert "no title paragraph like 'Tredje opfølgning" in str(error)


def test_table_with_too_few_columns():
    rows = [row[:3] for row in initiative_rows()]
    error = fails(word_document(rows))
    assert re.search(r"table 1, row 1: .*has 3 column\(s\); expected 4", str(error)), str(error)


def test_milestone_row_with_too_few_cells():
    document = docx.Document(io.BytesIO(word_document(initiative_rows())))
    cells = document.tables[0].rows[2].cells
    cells[2].merge(cells[3])  # round and smiley in one cell: three cells in the row
    buffer = io.BytesIO()
    document.save(buffer)
    error = fails(buffer.getvalue())
    assert "table 1, row 3:" in str(error) and "expected 4: Milepæl | text | round" in str(error)


def test_initiative_without_economy_row():
    error = fails(word_document(initiative_rows()[:-1]))
    assert "table 1, row 6: initiative 1.1 (header in row 1) ends without its Økonomi row" in str(
        error
    )


def test_bad_round_label_and_kind():
    rows = initiative_rows()
    rows[3][2] = "næste år"
    assert "table 1, row 4: initiative 1.1: round cell 'næste år'" in str(
        fails(word_document(rows))
    )
    rows = initiative_rows()
    rows[0][1] = "Andet"
    assert "kind 'Andet'" in str(fails(word_document(rows)))


def test_duplicate_initiative():
    error = fails(word_document(initiative_rows(), initiative_rows()))
    assert "table 2, row 1: initiative 1.1 appears twice (table 1, row 1" in str(error)


def test_corrupt_member_of_a_docx(seed_docx):
    data = bytearray(seed_docx)
    info = zipfile.ZipFile(io.BytesIO(seed_docx)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 200
    for i in range(start, start + 50):
        data[i] ^= 0x55
    assert "corrupt" in str(fails(bytes(data)))


def test_corrupt_xml_in_a_docx(seed_docx):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[:1000]
            out.writestr(item, content)
    assert "its XML cannot be read" in str(fails(buffer.getvalue()))


# --- issue 17: hand-written variations ----------------------------------------------------


def test_final_round_title_without_ordinal_word_or_committee():
    title = "Endelig opfølgning pr. 31. december 2024 på Aftale om budget 2024"
    doc = parse_docx(word_document(initiative_rows(), title=title))
    assert (doc.round, doc.agreement.name, doc.agreement.year) == (4, "Aftale om budget 2024", 2024)
    assert doc.committee == ""
    assert doc.warnings[0].where == "title" and "intet udvalg" in doc.warnings[0].message


@pytest.mark.parametrize(
    "title, round_number",
    [
        ("Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget", 3),
        ("Opfølgning pr. 31.12.2019 på Aftale om budget 2019 for Økonomiudvalget", 4),
        ("2. budgetopfølgning på Aftale om budget 2019 for Økonomiudvalget", 2),
    ],
)
def test_other_title_forms_still_work(title, round_number):
    doc = parse_docx(word_document(initiative_rows(), title=title))
    assert (doc.round, doc.committee) == (round_number, "Økonomiudvalget")
    assert not any(w.where == "title" for w in doc.warnings)


def test_three_level_initiative_numbers():
    rows = initiative_rows("1.3.1") + initiative_rows("1.3.10") + initiative_rows("1.3.2")
    doc = parse_docx(word_document(rows))
    assert [t.number for t in doc.themes] == ["1"]
    assert [i.number for i in doc.initiatives()] == ["1.3.1", "1.3.10", "1.3.2"]
    assert doc.initiatives()[0].heading == "Tema et"
    # and they survive our own export
    back = parse_docx(render_report_docx(doc))
    assert [i.number for i in back.initiatives()] == ["1.3.1", "1.3.10", "1.3.2"]
    assert parse_text(write_text(doc).encode()).initiatives()[1].number == "1.3.10"


def page_breaks_between_tables(data: bytes, text: str = "") -> bytes:
    """Put a page break (and optionally some text) in the paragraph after each table."""
    from docx.enum.text import WD_BREAK

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    for tbl in body.findall("{*}tbl"):
        paragraph = tbl.getnext()
        p = docx.text.paragraph.Paragraph(paragraph, document._body)
        if text:
            p.add_run(text)
        p.add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_initiative_continued_in_a_second_table_after_a_page_break():
    rows = initiative_rows("1.1", glyphs=("☺", "😐", "", ""), economy="☺")
    rows += initiative_rows("1.2")
    # 1.1's header, description and two milestones; then a table without a header row
    data = page_breaks_between_tables(word_document(rows[:4], rows[4:]))
    doc = parse_docx(data)
    first, second = doc.initiatives()
    assert first.number == "1.1" and [m.round for m in first.milestones] == [1, 2, 3, 4]
    assert [m.smiley for m in first.milestones][:2] == [Smiley.HAPPY, Smiley.NEUTRAL]
    assert first.milestones[2].text == "Trin 3." and first.economy.smiley is Smiley.HAPPY
    assert second.number == "1.2"
    assert not [w for w in doc.warnings if "fortsættelsen" in w.message]


def test_a_continuation_after_text_is_joined_with_a_warning():
    rows = initiative_rows("1.1")
    data = page_breaks_between_tables(word_document(rows[:3], rows[3:]), text="(fortsættes)")
    doc = parse_docx(data)
    assert [m.text for m in doc.initiatives()[0].milestones] == [f"Trin {r}." for r in (1, 2, 3, 4)]
    (joined,) = [w for w in doc.warnings if "fortsættelsen" in w.message]
    assert joined.where == "table 2, row 1, initiative 1.1"
    assert "afsnittet '(fortsættes)'" in joined.message


def test_a_table_ending_early_without_continuation_is_refused():
    rows = initiative_rows("1.1")
    error = fails(word_document(rows[:4], initiative_rows("1.2")))
    assert "table 1, row 4: initiative 1.1 (header in row 1) ends without its Økonomi row" in str(
        error
    )
    assert "continuation table" in str(error)


def test_a_continuation_table_with_nothing_before_it_is_refused():
    rows = initiative_rows("1.1")
    error = fails(word_document(rows, rows[4:]))
    assert "table 2, row 1: expected an initiative header row" in str(error)
    assert "but initiative 1.1 already ended with its Økonomi row" in str(error)


# Word's list numbering, as Word shows it


def _numbering(*parts: str) -> bytes:
    return (
        f'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"{''.join(parts)}</w:numbering>"
    ).encode()


_LEVELS = (
    '<w:abstractNum w:abstractNumId="1">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    "</w:lvl>"
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%1.%2)"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="3"/>'
    '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="o"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>'
)


def test_list_numbers_are_counted_as_word_shows_them():
    from opfolgning.importers.docx import _Numbering

    numbering = _Numbering(_numbering(_LEVELS))
    shown = [
        numbering.label(num, level)
        for num, level in [
            ("1", 0),
            ("1", 1),
            ("1", 1),
            ("1", 0),  # a higher level: the lower one starts over
            ("1", 1),
            ("2", 0),  # another list of the same definition continues its count
            ("3", 0),  # ... unless it overrides its start
            ("4", 0),
            ("4", 0),
            ("5", 0),
            ("9", 0),  # no such list: shown as a bullet, as before
        ]
    ]
    assert shown == ["1.", "1.a)", "1.b)", "2.", "2.a)", "3.", "1.", "III", "IV", "•", "•"]


def test_theme_headings_numbered_by_word_restart_where_a_list_starts_over():
    from tests.corpus.docx_documents import RESTART_NUM, HandWritten

    doc = HandWritten("Tredje opfølgning på Aftale om budget 2024 for Kulturudvalget")
    doc.heading("Kultur", how="numpr")
    doc.table(initiative_rows("1.1"))
    doc.heading("Idræt", how="style")  # the same list, counted on: 2.
    doc.table(initiative_rows("2.1"))
    doc.heading("Forkert", how="numpr", num_id=RESTART_NUM)  # starts over at 1.
    doc.table(initiative_rows("1.2"))
    parsed = parse_docx(doc.build())
    assert [(t.number, t.title) for t in parsed.themes] == [("1", "Kultur"), ("2", "Idræt")]
    # a theme's first heading is its title; a later heading of the same number heads 1.2
    assert [i.heading for i in parsed.initiatives()] == ["Kultur", "Forkert", "Idræt"]


def test_a_description_cell_over_the_whole_row_without_responsibility_is_refused():
    document = docx.Document(io.BytesIO(word_document(initiative_rows())))
    cells = document.tables[0].rows[1].cells
    cells[1].text = ""
    cells[0].merge(cells[3])
    buffer = io.BytesIO()
    document.save(buffer)
    error = fails(buffer.getvalue())
    assert "table 1, row 2: the description row of initiative 1.1 has 1 cell" in str(error)
    assert "'Ansvarligt center:'" in str(error)


def test_a_merged_cell_is_read_once():
    rows = initiative_rows()
    document = docx.Document(io.BytesIO(word_document(rows)))
    cells = document.tables[0].rows[1].cells
    cells[1].merge(cells[3])  # the responsibility over three columns (one w:tc, gridSpan 3)
    buffer = io.BytesIO()
    document.save(buffer)
    ini = parse_docx(buffer.getvalue()).initiatives()[0]
    assert (ini.description, ini.center, ini.committee) == (
        "Beskrivelse.",
        "Ejendomme",
        "Økonomiudvalget",
    )


def test_private_use_wingdings_without_a_font_are_smileys():
    def bare(code: int):
        def fill(cell) -> None:
            cell.paragraphs[0].add_run(chr(code))

        return fill

    rows = initiative_rows(
        glyphs=(bare(0xF04A), bare(0xF04B), bare(0xF04C), ""), economy=bare(0xF04C)
    )
    ini = parse_docx(word_document(rows)).initiatives()[0]
    assert [m.smiley for m in ini.milestones] == [Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD, None]
    assert ini.economy.smiley is Smiley.SAD


def test_bullets_typed_by_hand_become_list_lines():
    rows = initiative_rows()
    rows[1][0] = "Indsatsen omfatter:\n• første trin\n◦ andet trin"  # one paragraph, line breaks
    rows[2][1] = "– Et punkt. Status: Godt på vej."
    ini = parse_docx(word_document(rows)).initiatives()[0]
    assert ini.description == "Indsatsen omfatter:\n\n- første trin\n- andet trin"
    assert (ini.milestones[0].text, ini.milestones[0].status_note) == (
        "- Et punkt.",
        "Godt på vej.",
    )


def test_wingdings_from_a_paragraph_style_and_a_run_font_overriding_it():
    from docx.enum.style import WD_STYLE_TYPE

    def styled(letter: str, own_font: str | None = None):
        def fill(cell) -> None:
            paragraph = cell.paragraphs[0]
            paragraph.style = "Smileyfelt"
            run = paragraph.add_run(letter)
            if own_font:
                run.font.name = own_font

        return fill

    def front(document) -> None:
        style = document.styles.add_style("Smileyfelt", WD_STYLE_TYPE.PARAGRAPH)
        style.font.name = "Wingdings"
        for line in ("Dato: 9. oktober 2019", "Sagsid: 00.30.10-S00-3-19"):
            document.add_paragraph(line)

    rows = initiative_rows(glyphs=(styled("J"), styled("L"), styled("☺", "Calibri"), ""))
    ini = parse_docx(word_document(rows, front=front)).initiatives()[0]
    assert [m.smiley for m in ini.milestones] == [Smiley.HAPPY, Smiley.SAD, Smiley.HAPPY, None]


def test_a_table_broken_right_after_its_header_row_is_joined_with_a_warning():
    rows = initiative_rows("1.1")
    data = page_breaks_between_tables(word_document(rows[:1], rows[1:]))
    doc = parse_docx(data)
    ini = doc.initiatives()[0]
    assert (ini.description, ini.center) == ("Beskrivelse.", "Ejendomme")
    assert [m.text for m in ini.milestones] == [f"Trin {r}." for r in (1, 2, 3, 4)]
    (joined,) = [w for w in doc.warnings if "fortsættelsen" in w.message]
    assert joined.where == "table 2, row 1, initiative 1.1"
    assert "begynder med en beskrivelse" in joined.message
