"""Generate the Word template of the DOCX export: src/opfolgning/exporters/templates/report.docx.

Run it once after changing the layout (not the looks) of the report:

    .venv/bin/python tools/make_docx_template.py

The finance office may then open report.docx in Word and change styles, fonts, the page
header and footer, margins, a logo, table styles and column widths; the Jinja tags
(`{{ … }}`, `{%p … %}`, `{%tr … %}`) and the style names listed in docs/formats.md must stay.
Running this script again overwrites such changes.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

TARGET = Path(__file__).resolve().parents[1] / "src/opfolgning/exporters/templates/report.docx"

# Column widths of an initiative table (title/text, kind/round, time, smiley), in cm.
INITIATIVE_WIDTHS = (9.0, 3.2, 2.4, 2.9)
OVERVIEW_WIDTHS = (6.1, 1.6, 2.4, 1.4, 1.4, 1.6, 1.4, 1.6)


def _styles(document: DocumentType) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)

    facts = styles.add_style("Sagsoplysninger", WD_STYLE_TYPE.PARAGRAPH)
    facts.base_style = normal
    facts.font.size = Pt(9)
    facts.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    facts.paragraph_format.space_after = Pt(0)

    cell = styles.add_style("Celletekst", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(9.5)
    cell.paragraph_format.space_after = Pt(4)

    bullet = styles["List Bullet"]
    bullet.font.size = Pt(9.5)

    header = styles.add_style("Tabeloverskrift", WD_STYLE_TYPE.PARAGRAPH)
    header.base_style = cell
    header.font.bold = True
    header.paragraph_format.keep_with_next = True

    label = styles.add_style("Etiket", WD_STYLE_TYPE.CHARACTER)
    label.font.bold = True

    review = styles.add_style("Kontrol", WD_STYLE_TYPE.CHARACTER)
    review.font.italic = True
    review.font.color.rgb = RGBColor(0x9C, 0x41, 0x00)

    for name in ("Heading 1", "Heading 2"):
        styles[name].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


def _repeat_header(row: _Row) -> None:
    """Mark a row as a header row that Word repeats on every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def _cant_split(row: _Row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _put(cell: _Cell, text: str, style: str = "Celletekst", *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    run = paragraph.add_run(text)
    if bold:
        run.bold = True


def _loop_row(table: Table, tag: str) -> None:
    row = table.add_row()
    row.cells[0].paragraphs[0].add_run(tag)


def _widths(table: Table, widths: tuple[float, ...]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def _overview_table(document: DocumentType) -> None:
    headings = (
        "Tema",
        "Indsats ☺ glad",
        "Indsats 😐 mellemfornøjet",
        "Indsats ☹ sur",
        "Indsats ingen",
        "Økonomi ☺ glad",
        "Økonomi ☹ sur",
        "Økonomi ingen",
    )
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        _put(cell, text, "Tabeloverskrift")
    _repeat_header(table.rows[0])
    _loop_row(table, "{%tr for row in overview %}")
    row = table.add_row()
    keys = ("label", "happy", "neutral", "sad", "none", "eco_happy", "eco_sad", "eco_none")
    for cell, key in zip(row.cells, keys, strict=True):
        _put(cell, "{{ row.%s }}" % key)  # noqa: UP031 (Jinja braces)
    _loop_row(table, "{%tr endfor %}")
    _widths(table, OVERVIEW_WIDTHS)


def _initiative_table(document: DocumentType) -> None:
    table = document.add_table(rows=2, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0].cells
    for cell, text in zip(
        head, ("{{ ini.header }}", "{{ ini.kind }}", "Tid", "Smiley"), strict=True
    ):
        _put(cell, text, "Tabeloverskrift")
    _repeat_header(table.rows[0])
    description = table.rows[1].cells
    description[0].paragraphs[0].add_run("{{p ini.description }}")
    responsibility = description[1].merge(description[3])
    responsibility.paragraphs[0].add_run("{{p ini.responsibility }}")
    _loop_row(table, "{%tr for m in ini.milestones %}")
    row = table.add_row()
    _cant_split(row)
    _put(row.cells[0], "Milepæl", bold=True)
    row.cells[1].paragraphs[0].add_run("{{p m.text }}")
    _put(row.cells[2], "{{ m.label }}")
    row.cells[3].paragraphs[0].add_run("{{p m.smiley }}")
    _loop_row(table, "{%tr endfor %}")
    economy = table.add_row()
    _cant_split(economy)
    cells = economy.cells
    _put(cells[0], "Økonomi", bold=True)
    text = cells[1].merge(cells[2])
    text.paragraphs[0].add_run("{{p ini.economy_text }}")
    cells[3].paragraphs[0].add_run("{{p ini.economy_smiley }}")
    _widths(table, INITIATIVE_WIDTHS)


def _tag(document: DocumentType, text: str) -> None:
    document.add_paragraph(text)


def _page_number(paragraph: Paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build() -> bytes:
    """Return the template as DOCX bytes."""
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.0)
    header = section.header.paragraphs[0]
    header.text = "{{ agreement }} · {{ committee }}"
    header.style = "Header"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Side ")
    _page_number(footer)

    _tag(document, "{%p for fact in facts %}")
    fact = document.add_paragraph(style="Sagsoplysninger")
    fact.add_run("{{ fact.label }}: ", style="Etiket")
    fact.add_run("{{ fact.value }}")
    _tag(document, "{%p endfor %}")
    document.add_paragraph("{{ title }}", style="Title")

    _tag(document, "{%p if reading_guide %}")
    document.add_paragraph("Læsevejledning", style="Heading 1")
    _tag(document, "{{p reading_guide }}")
    _tag(document, "{%p endif %}")

    document.add_paragraph("Overblik", style="Heading 1")
    document.add_paragraph("{{ overview_intro }}", style="Normal")
    _overview_table(document)
    document.add_paragraph(style="Normal")

    _tag(document, "{%p for block in blocks %}")
    _tag(document, "{%p if block.level == 1 %}")
    document.add_paragraph("{{ block.heading }}", style="Heading 1")
    _tag(document, "{%p elif block.level == 2 %}")
    document.add_paragraph("{{ block.heading }}", style="Heading 2")
    _tag(document, "{%p else %}")
    _tag(document, "{%p set ini = block.initiative %}")
    _initiative_table(document)
    document.add_paragraph(style="Normal")  # keeps Word from joining adjacent tables
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(build())
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
