"""Hand-written Word reports (issue 17): the variations municipalities really have, built
with python-docx and raw XML where python-docx has no API (w:numPr, w:sym, private-use
Wingdings characters), each with its truth written out by hand.

The documents are invented for this project (Eksempel Kommune's content, no sentences of a
real report). `DOCUMENTS` maps a name to (build, truth): `build()` returns the DOCX bytes;
the truth lists what the importer must read, cell by cell, and the warnings it must give.

Variations (issue 17): 1 continuation table after a page break; 2 theme headings numbered by
Word's list numbering; 3 merged cells (gridSpan, vMerge); 4 smiley encodings (Unicode with and
without U+FE0F, Wingdings runs, private-use F04A–F04C, w:sym); 5 bullets in cells; 6
three-level numbers; 7 the final round's title without an ordinal word.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from opfolgning.followup.smileys import Smiley

Fill = Callable[[Any], None]
Cell = str | Fill

HAPPY, NEUTRAL, SAD = Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD


# --- the truth ---------------------------------------------------------------------------


@dataclass
class MilestoneTruth:
    text: str
    status: str
    smiley: Smiley | None
    corrective: str = ""


@dataclass
class InitiativeTruth:
    number: str
    title: str
    kind: str
    description: str
    center: str
    committee: str
    milestones: list[MilestoneTruth]
    economy_text: str
    economy_smiley: Smiley | None
    heading: str = ""


@dataclass
class Truth:
    title: str
    round: int
    committee: str
    year: int
    themes: list[tuple[str, str]]
    initiatives: list[InitiativeTruth]
    # (where, a piece of the message): every warning the importer must give, no more
    warnings: list[tuple[str, str]] = field(default_factory=list)
    reading_guide: str = "Smileys gives på indsats og økonomi hver for sig."
    variations: frozenset[int] = frozenset()  # which of issue 17's variations it has


# --- cell fillers: the smiley encodings ---------------------------------------------------


def wd_run(letter: str) -> Fill:
    """A Wingdings smiley typed as a letter (J/K/L) in a run whose font is Wingdings."""

    def fill(cell: Any) -> None:
        cell.paragraphs[0].add_run(letter).font.name = "Wingdings"

    return fill


def wd_private(code: int, font: str | None = "Wingdings") -> Fill:
    """A Wingdings smiley stored in the private-use area (U+F04A…), in a Wingdings run or
    (font=None) in a run without a font of its own."""

    def fill(cell: Any) -> None:
        run = cell.paragraphs[0].add_run(chr(code))
        if font:
            run.font.name = font

    return fill


def sym(code: str, font: str = "Wingdings") -> Fill:
    """Word's Insert Symbol: <w:sym w:font="Wingdings" w:char="F04A"/>."""

    def fill(cell: Any) -> None:
        run = parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="{font}" w:char="{code}"/></w:r>')
        cell.paragraphs[0]._p.append(run)

    return fill


def wd_style(letter: str) -> Fill:
    """A Wingdings smiley in a run whose character style ("Smiley") is Wingdings."""

    def fill(cell: Any) -> None:
        cell.paragraphs[0].add_run(letter, style="Smiley")

    return fill


def bullets(intro: str, items: list[str], how: str = "style") -> Fill:
    """A cell with an intro paragraph and a bulleted list: Word's List Bullet style
    ("style"), a bullet list by w:numPr in the paragraph ("numpr"), bullets typed by hand in
    paragraphs of their own ("typed") or in one paragraph with line breaks ("breaks")."""

    def fill(cell: Any) -> None:
        cell.paragraphs[0].text = intro
        if how == "breaks":
            paragraph = cell.add_paragraph()
            for i, item in enumerate(items):
                run = paragraph.add_run(f"• {item}")
                if i < len(items) - 1:
                    run.add_break()
            return
        for item in items:
            if how == "style":
                cell.add_paragraph(item, style="List Bullet")
            elif how == "numpr":
                paragraph = cell.add_paragraph(item)
                paragraph._p.get_or_add_pPr().append(_num_pr(BULLET_NUM, 0))
            else:
                cell.add_paragraph(f"•\t{item}")

    return fill


def numbered(intro: str, items: list[str], num_id: int) -> Fill:
    """A cell with an intro paragraph and a decimal list (w:numPr)."""

    def fill(cell: Any) -> None:
        cell.paragraphs[0].text = intro
        for item in items:
            paragraph = cell.add_paragraph(item)
            paragraph._p.get_or_add_pPr().append(_num_pr(num_id, 0))

    return fill


# --- the document ---------------------------------------------------------------------------

DECIMAL_ABSTRACT = 90
BULLET_ABSTRACT = 91
THEME_NUM = 90  # the theme headings' list (decimal "%1.")
BULLET_NUM = 91  # a bullet list
CELL_NUM = 92  # a decimal list inside cells (its own numbering, "%1)")
RESTART_NUM = 93  # THEME_NUM's list again, starting over at 1 (a startOverride)


def _num_pr(num_id: int, ilvl: int) -> Any:
    return parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )


def _abstract(abstract_id: int, fmt: str, text: str) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text.replace("%1", f"%{i + 1}")}"/></w:lvl>'
        for i in range(3)
    )
    return f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'


class HandWritten:
    """A Word document written by hand: header lines, a title, a reading guide, theme
    headings and one table (or more) per initiative."""

    def __init__(self, title: str) -> None:
        self.document = docx.Document()
        numbering = self.document.part.numbering_part.element
        # abstractNum elements come before the num elements
        first_num = numbering.find(qn("w:num"))
        for xml in (
            _abstract(DECIMAL_ABSTRACT, "decimal", "%1."),
            _abstract(BULLET_ABSTRACT, "bullet", "\u2022"),
            _abstract(DECIMAL_ABSTRACT + 2, "decimal", "%1)"),
        ):
            first_num.addprevious(parse_xml(xml))
        for num_id, abstract_id, restart in (
            (THEME_NUM, DECIMAL_ABSTRACT, False),
            (BULLET_NUM, BULLET_ABSTRACT, False),
            (CELL_NUM, DECIMAL_ABSTRACT + 2, False),
            (RESTART_NUM, DECIMAL_ABSTRACT, True),
        ):
            override = (
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                if restart
                else ""
            )
            numbering.append(
                parse_xml(
                    f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                    f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
                )
            )
        smiley = self.document.styles.add_style("Smiley", WD_STYLE_TYPE.CHARACTER)
        smiley.font.name = "Wingdings"
        # "Temaoverskrift": a paragraph style numbered by the theme list (numPr in the style)
        themed = self.document.styles.add_style("Temaoverskrift", WD_STYLE_TYPE.PARAGRAPH)
        themed.font.bold = True
        themed.element.get_or_add_pPr().append(_num_pr(THEME_NUM, 0))
        for line in ("Dato: 14. januar 2025", "Sagsid: 00.01.00-A00-1-25"):
            self.document.add_paragraph(line)
        self.document.add_paragraph(title)
        self.document.add_paragraph().add_run("Læsevejledning").bold = True
        self.document.add_paragraph("Smileys gives på indsats og økonomi hver for sig.")

    def heading(self, text: str, how: str = "typed", num_id: int = THEME_NUM) -> None:
        """A theme heading: number typed ("1. Tema", bold), Word's numbering in the
        paragraph ("numpr", bold runs) or in its style ("style")."""
        if how == "style":
            self.document.add_paragraph(text, style="Temaoverskrift")
            return
        paragraph = self.document.add_paragraph()
        paragraph.add_run(text).bold = True
        if how == "numpr":
            paragraph._p.get_or_add_pPr().append(_num_pr(num_id, 0))

    def paragraph(self, text: str) -> None:
        self.document.add_paragraph(text)

    def page_break(self, text: str = "") -> None:
        paragraph = self.document.add_paragraph(text)
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def table(self, rows: list[list[Cell]], merges: list[tuple[int, int, int, int]] = ()) -> None:
        """A four-column table; `merges` are (row, col, to_row, to_col) merged before the
        cells are filled (so a merged cell has its content once, in its first cell)."""
        table = self.document.add_table(rows=len(rows), cols=4)
        for r, c, r2, c2 in merges:
            table.cell(r, c).merge(table.cell(r2, c2))
        merged = {(rr, cc) for r, c, r2, c2 in merges for rr in range(r, r2 + 1)
                  for cc in range(c, c2 + 1) if (rr, cc) != (r, c)}  # fmt: skip
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                if (r, c) in merged or value == "":
                    continue
                cell = table.cell(r, c)
                if callable(value):
                    value(cell)
                else:
                    cell.text = value
        self.document.add_paragraph()

    def build(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


LABELS = ("1. budgetopfølgning 2024", "2. budgetopfølgning 2024", "3. budgetopfølgning 2024",
          "31.12.2024")  # fmt: skip


def initiative(
    number: str,
    title: str,
    kind: str,
    description: Cell,
    responsibility: str,
    milestones: list[tuple[Cell, Cell]],
    economy: tuple[str, Cell],
    labels: tuple[str, ...] = LABELS,
) -> list[list[Cell]]:
    """The rows of an initiative: header, description | responsibility, four Milepæl rows
    (text, smiley), the Økonomi row (text, smiley)."""
    return [
        [f"{number}. {title}", kind, "Tid", "Smiley"],
        [description, responsibility, "", ""],
        *[
            ["Milepæl", text, label, smiley]
            for (text, smiley), label in zip(milestones, labels, strict=True)
        ],
        ["Økonomi", economy[0], "", economy[1]],
    ]


RESP = "Ansvarligt center: Center for Teknik og Miljø\nAnsvarligt udvalg: Teknik- og Miljøudvalget"
TEKNIK = ("Center for Teknik og Miljø", "Teknik- og Miljøudvalget")
RESP_KULTUR = "Ansvarligt center: Center for Kultur og Fritid\nAnsvarligt udvalg: Kulturudvalget"
KULTUR = ("Center for Kultur og Fritid", "Kulturudvalget")
ECONOMY = "Der er afsat 2,0 mio. kr. i 2024."
FINAL_TITLE = "Endelig opfølgning pr. 31. december 2024 på Aftale om budget 2024"
TITLE_3 = "Tredje opfølgning på Aftale om budget 2024 for Teknik- og Miljøudvalget"


def _m(text: str, status: str, smiley: Smiley | None, corrective: str = "") -> MilestoneTruth:
    return MilestoneTruth(text, status, smiley, corrective)


def _plain(number: str, title: str, smileys: tuple[Cell, Cell, Cell, Cell], economy: Cell,
           responsibility: str = RESP) -> list[list[Cell]]:  # fmt: skip
    """An initiative whose texts follow its number (truth: _plain_truth)."""
    return initiative(
        number,
        title,
        "Drift",
        f"Indsatsen {number} styrker den lokale service.",
        responsibility,
        [
            (f"Delmål {r} for {number}. Status: Forløber efter planen.", smileys[r - 1])
            for r in (1, 2, 3, 4)
        ],
        (ECONOMY, economy),
    )


def _plain_truth(number: str, title: str, smileys: list[Smiley | None], economy: Smiley | None,
                 heading: str, who: tuple[str, str] = TEKNIK) -> InitiativeTruth:  # fmt: skip
    return InitiativeTruth(
        number,
        title,
        "operating",
        f"Indsatsen {number} styrker den lokale service.",
        *who,
        [
            _m(f"Delmål {r} for {number}.", "Forløber efter planen.", smileys[r - 1])
            for r in (1, 2, 3, 4)
        ],
        ECONOMY,
        economy,
        heading,
    )


# 1. A table continued after a page break (and once with a note between), the final round's
#    title without an ordinal word nor a committee, Unicode smileys with and without U+FE0F.
def build_continued() -> bytes:
    doc = HandWritten(FINAL_TITLE)
    doc.heading("1. Veje og trafik")
    rows = _plain("1.1", "Cykelsti langs Skovvej", ("☺", "☹\ufe0f", "😊", "🙁"), "☺")
    doc.table(rows[:4])  # header, description, rounds 1–2
    doc.page_break()
    doc.table(rows[4:])  # rounds 3–4 and the economy: no header row
    doc.table(_plain("1.2", "Trafiksikre skoleveje", ("😐", "", "☺\ufe0f", "😊"), "☹"))
    rows = _plain("1.3", "Nye busskure", ("☺", "☺", "🙁", "😐"), "")
    doc.table(rows[:3])  # header, description, round 1
    doc.page_break("(fortsættes på næste side)")
    doc.table(rows[3:])
    return doc.build()


CONTINUED = Truth(
    title=FINAL_TITLE,
    round=4,
    committee="",
    year=2024,
    themes=[("1", "Veje og trafik")],
    initiatives=[
        _plain_truth(
            "1.1", "Cykelsti langs Skovvej", [HAPPY, NEUTRAL, HAPPY, SAD], HAPPY, "Veje og trafik"
        ),
        _plain_truth(
            "1.2", "Trafiksikre skoleveje", [NEUTRAL, None, HAPPY, HAPPY], SAD, "Veje og trafik"
        ),
        _plain_truth("1.3", "Nye busskure", [HAPPY, HAPPY, SAD, NEUTRAL], None, "Veje og trafik"),
    ],
    warnings=[
        ("title", "nævner intet udvalg"),
        ("table 1, row 4, initiative 1.1, round 2", "☹ kan betyde både"),
        ("after table 4", "afsnittet «(fortsættes på næste side)» hører ikke til rapporten"),
        ("table 5, row 1, initiative 1.3", "læst som fortsættelsen af indsats 1.3 (tabel 4)"),
    ],
    variations=frozenset({1, 4, 7}),
)


# 2. Theme headings numbered by Word (w:numPr in the paragraph, and in its style), three-level
#    initiative numbers, a numbered list inside cells (continuing across cells, as in Word).
def build_numbered() -> bytes:
    doc = HandWritten(TITLE_3)
    doc.heading("Veje og trafik", how="numpr")
    doc.table(_plain("1.1.1", "Asfalt på Bakkevej", ("☺", "😊", "", ""), "☺"))
    doc.table(_plain("1.1.10", "Asfalt på Engvej", ("😐", "😐", "", ""), "☺"))
    doc.table(_plain("1.2.1", "Vejbelysning", ("☺", "", "", ""), ""))
    doc.heading("Grønne områder", how="style")
    rows = _plain("2.1", "Lommeparker", ("😊", "", "", ""), "☺")
    rows[1][0] = numbered("Parkerne anlægges i tre trin:", ["Nord", "Syd"], CELL_NUM)
    rows[2][1] = numbered("Nord er anlagt. Status: I gang med", ["Syd"], CELL_NUM)
    doc.table(rows)
    doc.heading("Kultur og fritid", how="numpr")
    doc.table(_plain("3.2.1", "Bibliotekets åbningstider", ("☺", "☺", "", ""), "☺", RESP_KULTUR))
    return doc.build()


NUMBERED = Truth(
    title=TITLE_3,
    round=3,
    committee="Teknik- og Miljøudvalget",
    year=2024,
    themes=[("1", "Veje og trafik"), ("2", "Grønne områder"), ("3", "Kultur og fritid")],
    initiatives=[
        _plain_truth(
            "1.1.1", "Asfalt på Bakkevej", [HAPPY, HAPPY, None, None], HAPPY, "Veje og trafik"
        ),
        _plain_truth(
            "1.1.10", "Asfalt på Engvej", [NEUTRAL, NEUTRAL, None, None], HAPPY, "Veje og trafik"
        ),
        _plain_truth("1.2.1", "Vejbelysning", [HAPPY, None, None, None], None, "Veje og trafik"),
        dataclass_replace(
            _plain_truth("2.1", "Lommeparker", [HAPPY, None, None, None], HAPPY, "Grønne områder"),
            description="Parkerne anlægges i tre trin:\n\n- 1) Nord\n- 2) Syd",
            milestones=[
                _m("Nord er anlagt.", "I gang med\n\n- 3) Syd", HAPPY),
                *[_m(f"Delmål {r} for 2.1.", "Forløber efter planen.", None) for r in (2, 3, 4)],
            ],
        ),
        _plain_truth(
            "3.2.1",
            "Bibliotekets åbningstider",
            [HAPPY, HAPPY, None, None],
            HAPPY,
            "Kultur og fritid",
            KULTUR,
        ),
    ],
    variations=frozenset({2, 5, 6}),
)


def paragraphs(*texts: str) -> Fill:
    """A cell of several paragraphs."""

    def fill(cell: Any) -> None:
        cell.paragraphs[0].text = texts[0]
        for text in texts[1:]:
            cell.add_paragraph(text)

    return fill


TITLE_2 = "Anden opfølgning på Aftale om budget 2024 for Teknik- og Miljøudvalget"


# 3. Merged cells: a description over three columns, a description cell over the whole row
#    (its responsibility in labelled lines), "Milepæl" merged down over the four rows, a
#    milestone text over the round column (round by position) and an economy text over two.
def build_merged() -> bytes:
    doc = HandWritten(TITLE_2)
    doc.heading("1. Klima og miljø")
    rows = _plain("1.1", "Regnvandsbassiner", ("☺", "😊", "", ""), "☺")
    rows[1] = [rows[1][0], "", "", RESP]
    doc.table(rows, merges=[(1, 0, 1, 2)])
    rows = _plain("1.2", "Grønne tage", ("😐", "", "", ""), "☹")
    rows[1] = [
        paragraphs(
            "Indsatsen 1.2 styrker den lokale service.",
            "Ansvarligt center: Center for Teknik og Miljø",
            "Ansvarligt udvalg: Teknik- og Miljøudvalget",
        ),
        "",
        "",
        "",
    ]
    doc.table(rows, merges=[(1, 0, 1, 3)])
    rows = _plain("1.3", "Affaldssortering", ("☺", "🙁", "😊", ""), "☺")
    rows[3][2] = ""  # round 2's text runs over its round cell
    doc.table(rows, merges=[(2, 0, 5, 0), (3, 1, 3, 2), (6, 1, 6, 2)])
    return doc.build()


MERGED = Truth(
    title=TITLE_2,
    round=2,
    committee="Teknik- og Miljøudvalget",
    year=2024,
    themes=[("1", "Klima og miljø")],
    initiatives=[
        _plain_truth(
            "1.1", "Regnvandsbassiner", [HAPPY, HAPPY, None, None], HAPPY, "Klima og miljø"
        ),
        _plain_truth("1.2", "Grønne tage", [NEUTRAL, None, None, None], SAD, "Klima og miljø"),
        _plain_truth("1.3", "Affaldssortering", [HAPPY, SAD, HAPPY, None], HAPPY, "Klima og miljø"),
    ],
    warnings=[
        ("table 3, row 4, initiative 1.3, round 2", "læst som 2. opfølgning ud fra sin plads")
    ],
    variations=frozenset({3}),
)


# 4. Smileys encoded every way Word users do, mixed in one document.
def build_smileys() -> bytes:
    doc = HandWritten(TITLE_3)
    doc.heading("1. Veje og trafik")
    doc.table(_plain("1.1", "Fortove", (wd_run("J"), wd_run("K"), wd_run("L"), sym("F04A")),
                     sym("F04C")))  # fmt: skip
    doc.table(_plain("1.2", "Parkering", (wd_private(0xF04A), wd_private(0xF04B, None),
                     sym("F04C"), sym("004A")), wd_private(0xF04A, None)))  # fmt: skip
    doc.table(_plain("1.3", "Broer", (wd_style("J"), "☹", "😐", "🙂"), "☹"))
    doc.table(_plain("1.4", "Rundkørsler", ("☺\ufe0f", "😊", "☹\ufe0f", "🙁"), wd_style("J")))
    return doc.build()


SMILEYS = Truth(
    title=TITLE_3,
    round=3,
    committee="Teknik- og Miljøudvalget",
    year=2024,
    themes=[("1", "Veje og trafik")],
    initiatives=[
        _plain_truth("1.1", "Fortove", [HAPPY, NEUTRAL, SAD, HAPPY], SAD, "Veje og trafik"),
        _plain_truth("1.2", "Parkering", [HAPPY, NEUTRAL, SAD, HAPPY], HAPPY, "Veje og trafik"),
        # ☹ on the effort scale is ambiguous: read as frown_means (neutral) and flagged
        _plain_truth("1.3", "Broer", [HAPPY, NEUTRAL, NEUTRAL, HAPPY], SAD, "Veje og trafik"),
        _plain_truth("1.4", "Rundkørsler", [HAPPY, HAPPY, NEUTRAL, SAD], HAPPY, "Veje og trafik"),
    ],
    warnings=[
        ("table 3, row 4, initiative 1.3, round 2", "☹ kan betyde både"),
        ("table 4, row 5, initiative 1.4, round 3", "☹ kan betyde både"),
    ],
    variations=frozenset({4}),
)


# 5. Bulleted lists in cells: Word's List Bullet style, a bullet list by w:numPr, bullets
#    typed by hand (one per paragraph, and several in one paragraph), in a milestone with its
#    status and in a corrective action.
def build_bullets() -> bytes:
    doc = HandWritten(TITLE_3)
    doc.heading("1. Kultur og fritid")
    items = ["Kortlægning af behov", "Borgermøde i Nordby"]
    for number, how in (("1.1", "style"), ("1.2", "numpr"), ("1.3", "typed"), ("1.4", "breaks")):
        rows = _plain(number, f"Foreningsliv {number}", ("☺", "", "", ""), "☺", RESP_KULTUR)
        rows[1][0] = bullets("Indsatsen omfatter:", items, how)
        doc.table(rows)
    rows = _plain("1.5", "Musikskolen", ("☺", "🙁", "", ""), "☺", RESP_KULTUR)
    rows[2][1] = bullets("Arbejdet omfatter:", ["Nye lokaler", "Flere hold"])
    rows[3][1] = paragraphs(
        "Delmål 2 for 1.5.",
        "Status: Forsinket.",
        "Korrigerende handling:",
        "• Ny tidsplan",
        "• Ekstra undervisere",
    )
    doc.table(rows)
    return doc.build()


def _bulleted(number: str) -> InitiativeTruth:
    return dataclass_replace(
        _plain_truth(
            number,
            f"Foreningsliv {number}",
            [HAPPY, None, None, None],
            HAPPY,
            "Kultur og fritid",
            KULTUR,
        ),
        description="Indsatsen omfatter:\n\n- Kortlægning af behov\n- Borgermøde i Nordby",
    )


BULLETS = Truth(
    title=TITLE_3,
    round=3,
    committee="Teknik- og Miljøudvalget",
    year=2024,
    themes=[("1", "Kultur og fritid")],
    initiatives=[
        *[_bulleted(number) for number in ("1.1", "1.2", "1.3", "1.4")],
        dataclass_replace(
            _plain_truth(
                "1.5", "Musikskolen", [HAPPY, SAD, None, None], HAPPY, "Kultur og fritid", KULTUR
            ),
            milestones=[
                # the status is the milestone cell's last paragraph: the list is its text
                _m("Arbejdet omfatter:\n\n- Nye lokaler\n- Flere hold", "", HAPPY),
                _m("Delmål 2 for 1.5.", "Forsinket.", SAD, "- Ny tidsplan\n- Ekstra undervisere"),
                *[_m(f"Delmål {r} for 1.5.", "Forløber efter planen.", None) for r in (3, 4)],
            ],
        ),
    ],
    variations=frozenset({5}),
)


MIXED_TITLE = "Opfølgning pr. 31. december 2024 på Aftale om budget 2024 for Kulturudvalget"


# 6. Everything at once: numbered headings (paragraph and style), a three-level initiative
#    continued after a page break with a merged description holding bullets, Wingdings symbols
#    and Unicode smileys side by side, and a title naming the final round by its date only.
def build_mixed() -> bytes:
    doc = HandWritten(MIXED_TITLE)
    doc.heading("Kultur og fritid", how="numpr")
    rows = _plain("1.2.1", "Ny kulturpas-ordning",
                  (sym("F04A"), wd_run("K"), "☺\ufe0f", wd_private(0xF04C, None)), "😊",
                  RESP_KULTUR)  # fmt: skip
    rows[1] = [bullets("Kulturpasset giver:", ["Fri entré", "Rabat på kurser"]), "", "",
               RESP_KULTUR]  # fmt: skip
    doc.table(rows[:4], merges=[(1, 0, 1, 2)])
    doc.page_break()
    doc.table(rows[4:], merges=[(0, 0, 1, 0)])  # Milepæl merged down over rounds 3–4
    doc.heading("Idræt", how="style")
    rows = _plain("2.1", "Nye kunstgræsbaner", ("😊", wd_style("L"), "", ""), sym("F04C"),
                  RESP_KULTUR)  # fmt: skip
    rows[1][0] = bullets("Banerne kommer til:", ["Vestby", "Østby"], "typed")
    doc.table(rows)
    return doc.build()


MIXED = Truth(
    title=MIXED_TITLE,
    round=4,
    committee="Kulturudvalget",
    year=2024,
    themes=[("1", "Kultur og fritid"), ("2", "Idræt")],
    initiatives=[
        dataclass_replace(
            _plain_truth(
                "1.2.1",
                "Ny kulturpas-ordning",
                [HAPPY, NEUTRAL, HAPPY, SAD],
                HAPPY,
                "Kultur og fritid",
                KULTUR,
            ),
            description="Kulturpasset giver:\n\n- Fri entré\n- Rabat på kurser",
        ),
        dataclass_replace(
            _plain_truth(
                "2.1", "Nye kunstgræsbaner", [HAPPY, SAD, None, None], SAD, "Idræt", KULTUR
            ),
            description="Banerne kommer til:\n\n- Vestby\n- Østby",
        ),
    ],
    variations=frozenset({1, 2, 3, 4, 5, 6, 7}),
)


DOCUMENTS: dict[str, tuple[Callable[[], bytes], Truth]] = {
    "continued": (build_continued, CONTINUED),
    "numbered": (build_numbered, NUMBERED),
    "merged": (build_merged, MERGED),
    "smileys": (build_smileys, SMILEYS),
    "bullets": (build_bullets, BULLETS),
    "mixed": (build_mixed, MIXED),
}
