"""Importer for follow-up reports as Word documents (DOCX).

Reads documents laid out like the example report — our own DOCX export
(exporters/docx.py) as well as a Word document laid out like the original:

- header paragraphs before the title (`Dato: …`, `Tlf. dir.: …`, `E-mail: …`, `Kontakt: …`,
  `Sagsid: …`; also as cells of a layout table before the title);
- a title paragraph like "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget";
- a reading guide (the paragraphs up to the overview, the first theme heading or table);
- theme headings ("1. Title": a heading style, an outline level or all-bold text);
- per initiative a four-column table (a table may also hold several initiatives in a row):

      1.11. Title | Anlæg/Drift | Tid | Smiley
      description | responsibility            (more such rows may continue the description)
      Milepæl | text [Status: note] | round | smiley      four rows, rounds 1–4
      Økonomi | text [Bemærkning: note] | (empty) | smiley [Begrundelse: reason]

Reports written by hand in Word vary (issue 17), and each variation is read, also mixed:

- an initiative continued in a second table after a page break (no header row, starting
  with Milepæl rows) is joined to the unfinished one before it (a warning when text stands
  between);
- theme headings numbered by Word's list numbering (w:numPr in the paragraph or its style)
  get the number Word shows (_Numbering);
- merged cells are read once (w:gridSpan: one cell; w:vMerge: "Milepæl" merged down names
  each row; a milestone text over the round column has no round cell);
- bulleted lists in cells (Word's lists or bullets typed by hand) are "- " lines;
- initiative numbers of three levels ("2.3.1");
- the final round's title by its date ("Endelig opfølgning pr. 31. december 2024 på …").
Other tables (an overview of counts, layout tables) are skipped, and so are the economy
sections our export writes: "Økonomi i alt" (up to the first theme heading) and each
initiative's budget table with its caption "Økonomi for indsats 1.11", proposals and review
notes. The budget itself is read from the economy text, as from the text export.

Smileys are Unicode glyphs (☺ 😊 😐 ☹ …, read with followup.smileys), optionally followed by
the Danish word as our export writes it ("☹ sur"), or Wingdings symbols, mapped by
WINGDINGS below: a letter in a Wingdings run (its font, or its character or paragraph
style), the private-use F04A–F04C forms, or a w:sym element. Errors name the file, the table
and the row ("table 3, row 2") and say what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..followup.document import (
    APPROVAL_STATES,
    Contact,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
    Warning,
)
from ..followup.errors import ReportFormatError
from ..followup.smileys import (
    AMBIGUOUS_FROWN,
    KNOWN_GLYPHS,
    LABELS_DA,
    LABELS_EN,
    VARIATION_SELECTORS,
    GlyphReading,
    Legend,
    Smiley,
    UnknownGlyph,
    legend_from_guide,
    read_economy_glyph,
    read_effort_glyph,
)
from ..followup.vocabulary import (
    DRAFT_WORD,
    KIND_CELL_EXPECTED,
    approval_word,
    kind_key,
    round_phrase,
)
from . import archive
from .economy import agreement_period, budget_from_economy_text
from .text import (
    _HEADER_RE,
    _INITIATIVE_RE,
    _RESP_LABEL_RE,
    ParsedTheme,
    _parse_date,
    finish_document,
    parse_responsibility,
    parse_round_label,
    parse_title,
    split_status,
)

__all__ = ["WINGDINGS", "parse_docx"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_R, _RPR, _B, _VAL = _w("r"), _w("rPr"), _w("b"), _w("val")
_PPR, _PSTYLE, _NUMPR, _OUTLINE = _w("pPr"), _w("pStyle"), _w("numPr"), _w("outlineLvl")


# Wingdings smileys: the letter typed in a Wingdings run, or the code of a <w:sym> (Word
# writes F04A…F04C, the symbol-font range; 004A…004C also occur). Wingdings has its own
# neutral face (K), so unlike the Unicode ☹ of the text export an L is unambiguously sad.
# The document keeps the Unicode equivalent as its glyph.
WINGDINGS: dict[str, tuple[str, Smiley]] = {
    "J": ("☺", Smiley.HAPPY),
    "K": ("😐", Smiley.NEUTRAL),
    "L": ("☹", Smiley.SAD),
}
# Placeholders for Wingdings smileys while a cell's text is read (private-use characters,
# which cannot occur as text in a smiley cell otherwise).
_WINGDINGS_MARK = {"J": "\U000f004a", "K": "\U000f004b", "L": "\U000f004c"}
_MARK_TO_LETTER = {mark: letter for letter, mark in _WINGDINGS_MARK.items()}

TITLE_EXAMPLE = "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget"
HEADER_ROW_EXAMPLE = "1.11. Title | Anlæg/Drift | Tid | Smiley"
MILESTONE_ROW_EXPECTED = "Milepæl | text | round | smiley"
ECONOMY_ROW_EXPECTED = "Økonomi | text | (empty) | smiley"
ROUND_LABELS_EXPECTED = "'1. budgetopfølgning YYYY', '2. …', '3. …' or '31.12.YYYY'"
REVIEW_TEXT = "skal kontrolleres"
STATUS_LABEL = "Status:"
CORRECTIVE_LABEL = "korrigerende handling:"
OVERVIEW_HEADINGS = {"overblik", "overblik over smileys"}
# The economy sections of our export (exporters/docx.py): skipped, the budget is read from the
# economy text. A budget table starts "Budgetpost" (per initiative) or "Tema | Budget" (totals).
BUDGET_HEADINGS = {"økonomi i alt"}
# "Til beslutning" (our export, after the reading guide) lists what the tables say: skipped.
DECISION_HEADINGS = {"til beslutning"}
_BUDGET_CAPTION_RE = re.compile(r"^økonomi for indsats \S+$")
NOTE_LABEL = "bemærkning:"
REASON_LABEL = "begrundelse:"

_THEME_HEADING_RE = re.compile(r"^(?P<num>\d+)\.?\s+(?P<title>\S.*)$")
_GUIDE_HEADING_RE = re.compile(r"^læsevejledning\s*:?$", re.IGNORECASE)
_SMILEY_WORDS: dict[str, Smiley] = {
    **{word: smiley for smiley, word in LABELS_DA.items()},
    **{word: smiley for smiley, word in LABELS_EN.items()},
}
#: The review marks the DOCX exporter writes under a status, in both languages.
_APPROVAL_MARKS = frozenset(
    approval_word(state, language) for state in APPROVAL_STATES for language in ("da", "en")
) - {""}
_CELL_PARAGRAPHS = etree.XPath("./w:p | ./w:sdt/w:sdtContent/w:p", namespaces=_NS)
_HEADING_STYLE_RE = re.compile(r"^(heading|overskrift|title|titel)\b", re.IGNORECASE)


# --- reading paragraphs ---------------------------------------------------------------


def _is_wingdings_font(fonts: Any) -> bool:
    return fonts is not None and any(
        (value or "").strip().casefold() == "wingdings" for value in fonts.attrib.values()
    )


def _is_wingdings(
    run: Any, styles: frozenset[str] = frozenset(), paragraph_font: bool = False
) -> bool:
    """Whether a run is in Wingdings: its own font, else its character style's (w:rStyle),
    else its paragraph style's (paragraph_font)."""
    fonts = run.find("w:rPr/w:rFonts", _NS)
    if fonts is not None:
        return _is_wingdings_font(fonts)
    style = run.find("w:rPr/w:rStyle", _NS)
    if style is not None and (style.get(_VAL) or "") in styles:
        return True
    return paragraph_font


def _wingdings_char(char: str) -> str:
    code = ord(char)
    if 0xF000 <= code <= 0xF0FF:  # symbol fonts are often stored in the private-use area
        code -= 0xF000
    letter = chr(code)
    return _WINGDINGS_MARK.get(letter, f"[Wingdings {ord(char):04X}]")


def _sym(element: Any) -> str:
    font = element.get(_w("font")) or ""
    try:
        code = int(element.get(_w("char")) or "", 16)
    except ValueError:
        return "[?]"
    if font.strip().casefold() != "wingdings":
        return chr(code) if code < 0xF000 else f"[{font} {code:04X}]"
    if code >= 0xF000:
        code -= 0xF000
    return _WINGDINGS_MARK.get(chr(code), f"[Wingdings {code:04X}]")


# Wingdings smileys stored in the private-use area (U+F04A…U+F04C) in a run whose font is not
# known (a theme or default font): no other font shows anything at those code points.
_PRIVATE_SMILEYS = {chr(0xF000 + ord(letter)): mark for letter, mark in _WINGDINGS_MARK.items()}


def _runs_text(
    paragraph: Any, wingdings_styles: frozenset[str] = frozenset(), wingdings: bool = False
) -> str:
    """Return a paragraph's text: Wingdings smileys as marks, tabs as spaces, breaks as \\n."""
    out: list[str] = []
    for element in paragraph.iter(_w("t"), _w("sym"), _w("tab"), _w("br"), _w("cr"),
                                  _w("noBreakHyphen")):  # fmt: skip
        tag = etree.QName(element).localname
        if tag == "t":
            text = element.text or ""
            run = element.getparent()
            if text and run is not None and _is_wingdings(run, wingdings_styles, wingdings):
                text = "".join(_wingdings_char(c) for c in text)
            elif any(c in _PRIVATE_SMILEYS for c in text):
                text = "".join(_PRIVATE_SMILEYS.get(c, c) for c in text)
            out.append(text)
        elif tag == "sym":
            out.append(_sym(element))
        elif tag == "tab":
            parent = element.getparent()
            if parent is not None and parent.tag != _w("tabs"):  # not a tab stop definition
                out.append(" ")
        elif tag in ("br", "cr"):
            out.append("\n")
        else:
            out.append("-")
    return "".join(out)


def _unmark(text: str) -> str:
    """Replace Wingdings smiley marks by their Unicode glyphs (for text outside smiley cells)."""
    if not any(mark in text for mark in _MARK_TO_LETTER):
        return text
    for mark, letter in _MARK_TO_LETTER.items():
        text = text.replace(mark, WINGDINGS[letter][0])
    return text


@dataclass
class _Para:
    """One paragraph of the body or of a cell, as plain lines.

    `raw_lines` keep Wingdings smileys as marks (a smiley cell tells them from Unicode
    glyphs); `lines` and `text` show them as their Unicode glyphs.
    """

    raw_lines: list[str]
    bullet: bool
    heading: bool
    bold: bool
    # A paragraph numbered by Word's list numbering: its number ("2.") opens raw_lines[0].
    numbered: bool = False

    @property
    def lines(self) -> list[str]:
        return [_unmark(line) for line in self.raw_lines]

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def raw_text(self) -> str:
        return " ".join(self.raw_lines)


def _is_bold(paragraph: Any, style_bold: bool = False) -> bool:
    """Whether all text of a paragraph is bold: each run's own w:b, else its paragraph
    style's (style_bold)."""
    runs = [r for r in paragraph.iter(_R) if "".join(r.itertext()).strip()]
    if not runs:
        return False
    for run in runs:
        rpr = run.find(_RPR)
        bold = rpr.find(_B) if rpr is not None else None
        if bold is None:
            if not style_bold:
                return False
        elif bold.get(_VAL, "true").casefold() in ("0", "false", "off"):
            return False
    return True


def _roman(value: int) -> str:
    out = ""
    for amount, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                            (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                            (4, "iv"), (1, "i")):  # fmt: skip
        while value >= amount:
            out, value = out + letters, value - amount
    return out


def _letters(value: int) -> str:
    # Word: a … z, then aa … zz, aaa …
    if value < 1:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(value)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(value)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)  # decimal and anything else


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: 0 never restarts; n restarts after level n


class _Numbering:
    """Word's list numbering (word/numbering.xml): the number or bullet each list paragraph
    shows, computed as Word does — a counter per abstract list and level, a level's counter
    restarting after a higher level, a w:num with a startOverride starting over."""

    BULLET = "\u2022"

    def __init__(self, numbering_xml: bytes | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if not numbering_xml:
            return
        root = _parse_xml(numbering_xml)
        for abstract in root.iterfind("w:abstractNum", _NS):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterfind("w:lvl", _NS):
                level = _Level()
                if (start := lvl.find("w:start", _NS)) is not None:
                    level.start = _int(start.get(_VAL), 1)
                if (fmt := lvl.find("w:numFmt", _NS)) is not None:
                    level.fmt = fmt.get(_VAL) or "decimal"
                if (text := lvl.find("w:lvlText", _NS)) is not None:
                    level.text = text.get(_VAL) or ""
                if (restart := lvl.find("w:lvlRestart", _NS)) is not None:
                    level.restart = _int(restart.get(_VAL), -1)
                    level.restart = None if level.restart < 0 else level.restart
                levels[_int(lvl.get(_w("ilvl")), 0)] = level
            self.abstract[abstract.get(_w("abstractNumId")) or ""] = levels
        for num in root.iterfind("w:num", _NS):
            ref = num.find("w:abstractNumId", _NS)
            overrides: dict[int, int] = {}
            for override in num.iterfind("w:lvlOverride", _NS):
                if (start := override.find("w:startOverride", _NS)) is not None:
                    ilvl = _int(override.get(_w("ilvl")), 0)
                    overrides[ilvl] = _int(start.get(_VAL), 1)
            abstract_id = (ref.get(_VAL) if ref is not None else None) or ""
            self.nums[num.get(_w("numId")) or ""] = (abstract_id, overrides)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Count a list paragraph and return what Word shows before it: "2.", "1.3", the
        bullet "\u2022" (a bullet list), or None (no list, or a level that shows nothing)."""
        if num_id not in self.nums:
            return self.BULLET  # a list Word cannot number either: shown as a bullet
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            return self.BULLET
        counters = self.counters.setdefault(abstract_id, {})
        if overrides and num_id not in self.started:
            # A list with a start override starts over where it is first used.
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart > 0 and ilvl < restart):
                del counters[deeper]

        def shown(match: re.Match[str]) -> str:
            lvl = int(match[1]) - 1
            at = levels.get(lvl, _Level())
            return _format_number(counters.get(lvl, at.start), at.fmt)

        text = re.sub(r"%([1-9])", shown, level.text).strip()
        return text or None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or "")
    except ValueError:
        return default


class _Styles:
    """Paragraph style ids → names, to recognise headings and list paragraphs."""

    def __init__(self, styles_xml: bytes | None, numbering: _Numbering | None = None) -> None:
        self.names: dict[str, str] = {}
        self.outline: set[str] = set()
        self.numbering = numbering or _Numbering(None)
        # The list labels of the document's paragraphs (number_paragraphs).
        self.labels: dict[Any, str | None] = {}
        # A paragraph style's own numbering (w:numPr, through w:basedOn).
        self.style_num: dict[str, tuple[str, int]] = {}
        # Character styles in Wingdings (a smiley typed as J in such a style).
        self.wingdings: frozenset[str] = frozenset()
        # Paragraph styles in Wingdings: their runs without a font of their own are too.
        self.wingdings_paragraph: set[str] = set()
        # Paragraph styles whose text is bold (w:b in the style or a style it is based on).
        self.bold: set[str] = set()
        if not styles_xml:
            return
        root = _parse_xml(styles_xml)
        based: dict[str, str] = {}
        own: dict[str, tuple[str | None, int | None]] = {}
        own_bold: dict[str, bool] = {}
        for style in root.iterfind("w:style", _NS):
            style_id = style.get(_w("styleId")) or ""
            name = style.find("w:name", _NS)
            self.names[style_id] = (name.get(_w("val")) if name is not None else None) or style_id
            if style.find("w:pPr/w:outlineLvl", _NS) is not None:
                self.outline.add(style_id)
            if (base := style.find("w:basedOn", _NS)) is not None:
                based[style_id] = base.get(_VAL) or ""
            if (num_pr := style.find("w:pPr/w:numPr", _NS)) is not None:
                own[style_id] = _num_pr(num_pr)
            if (bold := style.find("w:rPr/w:b", _NS)) is not None:
                own_bold[style_id] = bold.get(_VAL, "true").casefold() not in ("0", "false", "off")
            if _is_wingdings_font(style.find("w:rPr/w:rFonts", _NS)):
                if style.get(_w("type")) == "character":
                    self.wingdings |= {style_id}
                else:
                    self.wingdings_paragraph.add(style_id)
        for style_id in self.names:
            num_id: str | None = None
            ilvl: int | None = None
            seen: set[str] = set()
            current: str | None = style_id
            while current and current not in seen and (num_id is None or ilvl is None):
                seen.add(current)
                got_id, got_lvl = own.get(current, (None, None))
                num_id = num_id if num_id is not None else got_id
                ilvl = ilvl if ilvl is not None else got_lvl
                current = based.get(current)
            if num_id:
                self.style_num[style_id] = (num_id, ilvl or 0)
            current, seen = style_id, set()
            while current and current not in seen and current not in own_bold:
                seen.add(current)
                current = based.get(current, "")
            if current and own_bold.get(current):
                self.bold.add(style_id)

    def number_paragraphs(self, root: Any) -> None:
        """Count the list paragraphs of the document in order, as Word numbers them."""
        numbering = self.numbering
        for paragraph in root.iter(_w("p")):
            ppr = paragraph.find(_PPR)
            style = ppr.find(_PSTYLE) if ppr is not None else None
            style_id = (style.get(_VAL) or "") if style is not None else ""
            num_id, ilvl = self.style_num.get(style_id, ("", 0))
            num_pr = ppr.find(_NUMPR) if ppr is not None else None
            if num_pr is not None:
                got_id, got_lvl = _num_pr(num_pr)
                num_id = got_id if got_id is not None else num_id
                ilvl = got_lvl if got_lvl is not None else ilvl
            if num_id and num_id != "0":
                self.labels[paragraph] = numbering.label(num_id, ilvl)

    def read(self, paragraph: Any) -> _Para:
        style_id = ""
        ppr = paragraph.find(_PPR)
        numbered = False
        outline = False
        if ppr is not None:
            style = ppr.find(_PSTYLE)
            style_id = style.get(_VAL) or "" if style is not None else ""
            numbered = ppr.find(_NUMPR) is not None
            outline = ppr.find(_OUTLINE) is not None
        name = self.names.get(style_id, style_id)
        label: str | None = None
        if paragraph in self.labels:
            label = self.labels[paragraph]
            numbered = label is not None and label != _Numbering.BULLET
            bullet = label is not None and not numbered
        else:
            # not counted (no numbering definitions): a list paragraph shows a bullet
            bullet = numbered or "list" in name.casefold() or "liste" in name.casefold()
            numbered = False
        heading = outline or style_id in self.outline or bool(_HEADING_STYLE_RE.match(name))
        lines = []
        wingdings = style_id in self.wingdings_paragraph
        for raw in _runs_text(paragraph, self.wingdings, wingdings).split("\n"):
            line = " ".join(raw.split())
            if line:
                lines.append(line)
        if lines and numbered and label:
            lines[0] = f"{label} {lines[0]}"
        if not bullet and not numbered:
            # Bullets typed by hand ("• item", "– item"), also several in one paragraph
            # (line breaks): each such line is a "- item" line of a list.
            lines = [_typed_bullet(line) for line in lines]
            if len(lines) == 1 and lines[0].startswith("- "):
                bullet = True
                lines[0] = lines[0][2:].strip()
        return _Para(
            lines,
            bullet and bool(lines),
            heading,
            _is_bold(paragraph, style_id in self.bold),
            numbered and bool(lines),
        )


_TYPED_BULLET_RE = re.compile(r"^[-•◦▪‣·–]\s+(?=\S)")


def _typed_bullet(line: str) -> str:
    """ "• item" (a bullet typed by hand) → "- item"."""
    m = _TYPED_BULLET_RE.match(line)
    return "- " + line[m.end() :] if m else line


def _num_pr(num_pr: Any) -> tuple[str | None, int | None]:
    num_id = num_pr.find("w:numId", _NS)
    ilvl = num_pr.find("w:ilvl", _NS)
    return (
        (num_id.get(_VAL) if num_id is not None else None),
        (_int(ilvl.get(_VAL), 0) if ilvl is not None else None),
    )


def _join(paragraphs: list[_Para]) -> str:
    """Paragraphs → plain text: blocks separated by a blank line; consecutive list
    paragraphs (bulleted or numbered) form one block of "- " lines (a normal paragraph
    always starts a block)."""
    blocks: list[list[str]] = []
    previous_bullet = False
    for para in paragraphs:
        if not para.raw_lines:
            continue
        if para.bullet or para.numbered:
            # A numbered item keeps its number after the list mark ("- 2) item"): a line of
            # its own in plain text (followup.text) and in every export.
            item = "- " + " ".join(para.lines)
            if previous_bullet:
                blocks[-1].append(item)
            else:
                blocks.append([item])
        else:
            for i, line in enumerate(para.lines):
                joins = i > 0 or previous_bullet
                if line.startswith("- ") and joins and blocks and blocks[-1][-1].startswith("- "):
                    blocks[-1].append(line)
                else:
                    blocks.append([line])
            previous_bullet = para.lines[-1].startswith("- ")
            continue
        previous_bullet = para.bullet or para.numbered
    return "\n\n".join("\n".join(block) for block in blocks)


def _parse_xml(data: bytes) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


# --- the parser -----------------------------------------------------------------------


@dataclass
class _Open:
    number: str
    title: str
    kind: str
    table: int
    row: int
    heading: str
    description: list[_Para] = field(default_factory=list)
    responsibility: list[_Para] = field(default_factory=list)
    milestones: dict[int, tuple[MilestoneDoc, int]] = field(default_factory=dict)
    milestone_rows: int = 0


def _cells(row: Any) -> list[Any]:
    return list(row.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc", namespaces=_NS))


def _span(cell: Any) -> int:
    """How many grid columns a cell covers (w:gridSpan)."""
    span = cell.find("w:tcPr/w:gridSpan", _NS)
    return max(1, _int(span.get(_VAL), 1)) if span is not None else 1


def _continues_above(cell: Any) -> bool:
    """Whether a cell continues a vertical merge (w:vMerge without "restart")."""
    merge = cell.find("w:tcPr/w:vMerge", _NS)
    return merge is not None and (merge.get(_VAL) or "continue") != "restart"


def _rows(table: Any) -> list[Any]:
    return list(table.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr", namespaces=_NS))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _DocxParser:
    def __init__(self, root: Any, styles: _Styles, source: str, frown_means: Smiley) -> None:
        self.root = root
        self.styles = styles
        self.source = source
        self.frown_means = frown_means
        self.legend = Legend()
        # A cell is read several times (its text, its line, its smiley): read it once.
        self._cells: dict[Any, list[_Para]] = {}
        self.warnings: list[Warning] = []
        self.themes: dict[str, ParsedTheme] = {}
        self.seen: dict[str, str] = {}
        self.heading: tuple[str, str] | None = None
        self.contact = Contact()
        self.date: dt.date | None = None
        self.case_number = ""
        self.draft = False
        self.tables = 0
        self.initiative_tables = 0
        self.period: tuple[int, int] | None = None  # the agreement's years, from the title
        # An initiative whose table ended before its Økonomi row: a continuation table (after
        # a page break, no header row, starting with Milepæl rows) may finish it.
        self.pending: _Open | None = None
        self.pending_end: tuple[int, int] = (0, 0)  # its table and last row, for the error
        self.between: list[str] = []  # what stood between its table and the next one
        self.last_finished = ""  # the last initiative read to its end, for messages

    # helpers

    def error(self, message: str, table: int | None = None, row: int | None = None) -> Exception:
        where = ""
        if table is not None:
            where = f"table {table}, row {row}: " if row is not None else f"table {table}: "
        return ReportFormatError(where + message, source=self.source)

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(Warning(where, message))

    def cell_paras(self, cell: Any) -> list[_Para]:
        paras = self._cells.get(cell)
        if paras is None:
            paras = [self.styles.read(p) for p in _CELL_PARAGRAPHS(cell)]
            self._cells[cell] = paras
        return paras

    def cell_text(self, cell: Any) -> str:
        return _join(self.cell_paras(cell))

    def cell_line(self, cell: Any) -> str:
        return " ".join(self.cell_text(cell).split())

    # body walk

    def body_elements(self) -> list[Any]:
        body = self.root.find("w:body", _NS)
        if body is None:
            raise self.error("not a Word document: word/document.xml has no body")
        out = []
        for element in body:
            if element.tag == _w("sdt"):
                content = element.find("w:sdtContent", _NS)
                out.extend(list(content) if content is not None else [])
            else:
                out.append(element)
        return [e for e in out if e.tag in (_w("p"), _w("tbl"))]

    def parse(self) -> ReportDocument:
        elements = self.body_elements()
        facts, index = self.parse_front(elements)
        self.period = agreement_period(facts.year)
        guide, index = self.parse_guide(elements, index)
        self.legend = legend_from_guide(guide)  # the document's own glyphs decide
        self.parse_body(elements, index)
        themes = [theme.doc for theme in self.themes.values()]
        if not any(theme.initiatives for theme in themes):
            raise self.error(
                "no initiative tables found; expected a Word table per initiative whose first "
                f"row is like '{HEADER_ROW_EXAMPLE}' (is this a follow-up report laid out like "
                "the example?)"
            )
        doc = finish_document(
            facts,
            list(self.themes.values()),
            date=self.date,
            case_number=self.case_number,
            contact=self.contact,
            reading_guide=guide,
            warnings=self.warnings,
        )
        doc.draft = self.draft
        return doc

    def parse_front(self, elements: list[Any]) -> tuple[Any, int]:
        for index, element in enumerate(elements):
            if element.tag == _w("tbl"):
                self.tables += 1
                if self.initiative_header_in(element):
                    break
                for row in _rows(element):
                    cells = [self.cell_line(c) for c in _cells(row)]
                    cells = [c for c in cells if c]
                    label = _HEADER_RE.match(cells[0])
                    if len(cells) == 2 and (label is None or not label["value"].strip()):
                        joiner = " " if cells[0].endswith(":") else ": "
                        self.header_line(cells[0] + joiner + cells[1])
                    else:
                        for cell in cells:
                            self.header_line(cell)
                continue
            para = self.styles.read(element)
            for line in para.lines:
                if (facts := parse_title(line)) is not None:
                    if not facts.committee:
                        self.warn(
                            "title",
                            f"titlen {_short(line)!r} nævner intet udvalg (' for …'); "
                            "rapporten kan ikke indlæses, før udvalget er angivet",
                        )
                    return facts, index + 1
                self.header_line(line)
        raise self.error(
            f"not a follow-up report: no title paragraph like '{TITLE_EXAMPLE}' found "
            "before the first initiative table"
        )

    def header_line(self, line: str) -> None:
        m = _HEADER_RE.match(line.strip())
        if m is None:
            return
        key = m["key"].casefold()
        value = " ".join(m["value"].split())
        if key.startswith("dato"):
            self.date = _parse_date(value)
            if self.date is None:
                self.warn(
                    "header", f"datoen «{value}» kunne ikke læses; skriv den som '9. oktober 2019'"
                )
        elif key.startswith(("tlf", "telefon")):
            self.contact.phone = value
        elif "mail" in key:
            self.contact.email = value.removeprefix("mailto:")
        elif key.startswith("kontakt"):
            self.contact.name = value
        else:
            self.case_number = value

    def theme_heading_of(self, para: _Para) -> re.Match[str] | None:
        if not (para.heading or para.bold) or len(para.lines) != 1:
            return None
        return _THEME_HEADING_RE.match(para.lines[0])

    def parse_guide(self, elements: list[Any], start: int) -> tuple[str, int]:
        paragraphs: list[_Para] = []
        index = start
        after_draft = False
        while index < len(elements):
            element = elements[index]
            if element.tag == _w("tbl"):
                break
            para = self.styles.read(element)
            if self.theme_heading_of(para) is not None:
                break
            if para.text.casefold() in OVERVIEW_HEADINGS | DECISION_HEADINGS:
                break
            index += 1
            if _GUIDE_HEADING_RE.match(para.text):
                continue
            # Our draft's note under the title (its word, then one paragraph): not the guide.
            if para.text.strip() == DRAFT_WORD.da:
                self.draft, after_draft = True, True
                continue
            if after_draft:
                after_draft = False
                continue
            paragraphs.append(para)
        return _join(paragraphs), index

    def initiative_header_in(self, table: Any) -> bool:
        rows = _rows(table)
        if not rows:
            return False
        for row in rows:
            cells = _cells(row)
            if not cells:
                continue
            first = self.cell_line(cells[0])
            if _INITIATIVE_RE.match(first) or first.casefold().rstrip(":") in (
                "milepæl",
                "økonomi",
            ):
                return True
        return False

    def is_budget_table(self, table: Any) -> bool:
        """Return whether a table is one of our budget tables (its header row tells)."""
        rows = _rows(table)
        if not rows:
            return False
        head = [self.cell_line(c).casefold() for c in _cells(rows[0])]
        return bool(head) and (head[0] == "budgetpost" or head[:2] == ["tema", "budget"])

    def parse_body(self, elements: list[Any], start: int) -> None:
        skipping_overview = False
        # In an economy section: its paragraphs and tables are not data.
        skipping_budget = False
        for element in elements[start:]:
            if element.tag == _w("tbl"):
                self.tables += 1
                if self.initiative_header_in(element):
                    skipping_overview = skipping_budget = False
                    self.parse_table(element, self.tables)
                    continue
                self.finish_pending()
                if skipping_budget or self.is_budget_table(element):
                    continue
                elif skipping_overview or not self.initiative_tables:
                    skipping_overview = False  # the overview or a layout table: not data
                else:
                    self.warn(
                        f"table {self.tables}",
                        "en tabel, der ikke er en indsatstabel, er sprunget over",
                    )
                continue
            para = self.styles.read(element)
            if not para.lines:
                continue
            if para.text.casefold() in OVERVIEW_HEADINGS:
                skipping_overview = True
                continue
            if (
                para.text.casefold() in BUDGET_HEADINGS | DECISION_HEADINGS
                or _BUDGET_CAPTION_RE.match(para.text.casefold())
            ):
                skipping_budget = True
                continue
            if (m := self.theme_heading_of(para)) is not None:
                skipping_overview = skipping_budget = False
                if self.pending is not None:
                    self.between.append(f"overskriften {_short(para.text)!r}")
                self.theme_heading(m["num"], m["title"].strip(), f"after table {self.tables}")
                continue
            if skipping_overview or skipping_budget:
                continue
            if self.pending is not None:
                self.between.append(f"afsnittet {_short(para.text)!r}")
            where = f"after table {self.tables}" if self.tables else "before the first table"
            self.warn(
                where, f"afsnittet «{_short(para.text)}» hører ikke til rapporten; sprunget over"
            )
        self.finish_pending()

    def finish_pending(self) -> None:
        """No continuation table follows an unfinished initiative: refuse it."""
        if self.pending is not None:
            raise self.error(self.unfinished(self.pending), *self.pending_end)

    def continue_pending(self, t: int, r: int, *, describing: bool = False) -> _Open:
        """Join a continuation table (no header row, starts with a Milepæl or Økonomi row) to
        the unfinished initiative of the table before it; warn when text stood between, or
        when the table starts with a description row (`describing`: it may be a table of its
        own that lacks its header row)."""
        ini = self.pending
        assert ini is not None
        self.pending = None
        if describing:
            self.warn(
                f"table {t}, row {r}, initiative {ini.number}",
                f"tabellen uden overskriftsrække begynder med en beskrivelse og er læst som "
                f"fortsættelsen af indsats {ini.number} (tabel {ini.table}), der sluttede før "
                "sine Milepæl-rækker — kontrollér",
            )
        elif self.between:
            self.warn(
                f"table {t}, row {r}, initiative {ini.number}",
                f"tabellen uden overskriftsrække er læst som fortsættelsen af indsats "
                f"{ini.number} (tabel {ini.table}), selv om {', '.join(self.between)} står "
                "imellem — kontrollér",
            )
        self.between = []
        return ini

    def theme(self, number: str, where: str) -> ParsedTheme:
        theme = self.themes.get(number)
        if theme is None:
            theme = ParsedTheme(ThemeDoc(number=number, title=""), False, where)
            self.themes[number] = theme
        return theme

    def theme_heading(self, number: str, title: str, where: str) -> None:
        theme = self.theme(number, where)
        if not theme.has_heading:
            theme.has_heading = True
            theme.doc.title = title
        self.heading = (number, title)

    # tables

    def parse_table(self, table: Any, t: int) -> None:
        self.initiative_tables += 1
        open_: _Open | None = None
        rows = _rows(table)
        first = True
        above = ""  # the key of the row above, for a vertically merged first column
        for r, row in enumerate(rows, start=1):
            cells = _cells(row)
            texts = [self.cell_line(c) for c in cells]
            if not any(texts):
                continue
            key = texts[0].casefold().rstrip(":").strip()
            if not key and cells and _continues_above(cells[0]) and above:
                # "Milepæl" written once in a cell merged down over the four rows
                key = above
                texts[0] = above
            above = key if key in ("milepæl", "økonomi") else ""
            if first:
                first = False
                if self.pending is not None and key in ("milepæl", "økonomi"):
                    open_ = self.continue_pending(t, r)
                elif (
                    self.pending is not None
                    and not self.pending.milestone_rows
                    and _INITIATIVE_RE.match(texts[0]) is None
                ):
                    # The table broke right after the header (or within the description):
                    # a row that is neither a header nor a Milepæl row goes on describing.
                    open_ = self.continue_pending(t, r, describing=True)
                else:
                    self.finish_pending()
            # The row right after a header is its description, even when the description
            # starts like a number and a title ("2.800 gamle vejlamper udskiftes …").
            describing = open_ is not None and not open_.milestone_rows and not open_.description
            if (
                (m := _INITIATIVE_RE.match(texts[0])) is not None
                and key not in ("milepæl", "økonomi")
                and not describing
            ):
                if open_ is not None:
                    raise self.error(self.unfinished(open_), t, r)
                open_ = self.start(m["num"], m["title"], cells, texts, t, r)
                continue
            if open_ is None:
                after = ""
                if key in ("milepæl", "økonomi") and self.last_finished:
                    after = (
                        f" (a table starting with a {texts[0]} row continues the initiative "
                        f"before it, but {self.last_finished} already ended with its Økonomi "
                        "row)"
                    )
                raise self.error(
                    f"expected an initiative header row like '{HEADER_ROW_EXAMPLE}', found "
                    f"{_short(' | '.join(texts))!r}{after}",
                    t,
                    r,
                )
            if key == "milepæl":
                self.milestone_row(open_, cells, t, r)
            elif key == "økonomi":
                self.economy_row(open_, cells, t, r)
                self.last_finished = f"initiative {open_.number}"
                open_ = None
            elif not open_.milestone_rows:
                if len(cells) < 2:
                    # One cell over the whole row: the responsibility is its labelled lines.
                    paras = self.cell_paras(cells[0])
                    labelled = [p for p in paras if _RESP_LABEL_RE.match(p.text)]
                    if not labelled:
                        raise self.error(
                            f"the description row of initiative {open_.number} has 1 cell and "
                            "no 'Ansvarligt center:' in it; expected description | "
                            "responsibility",
                            t,
                            r,
                        )
                    first_label = paras.index(labelled[0])
                    open_.description += paras[:first_label]
                    open_.responsibility += paras[first_label:]
                    continue
                open_.description += self.cell_paras(cells[0])
                for cell in cells[1:]:
                    open_.responsibility += self.cell_paras(cell)
            else:
                raise self.error(
                    f"unexpected row in initiative {open_.number} (starts with "
                    f"{_short(texts[0])!r}); expected a Milepæl row ({MILESTONE_ROW_EXPECTED}) "
                    f"or an Økonomi row ({ECONOMY_ROW_EXPECTED})",
                    t,
                    r,
                )
        if open_ is not None:
            self.pending, self.pending_end, self.between = open_, (t, len(rows)), []

    @staticmethod
    def unfinished(ini: _Open) -> str:
        missing = 4 - ini.milestone_rows
        expected = (
            f"{missing} more Milepæl row(s) and an Økonomi row"
            if missing > 0
            else "an Økonomi row after its four Milepæl rows"
        )
        return (
            f"initiative {ini.number} (header in row {ini.row}) ends without its Økonomi row; "
            f"expected {expected} in the same table or in a continuation table right after it "
            "(its first row a Milepæl or Økonomi row)"
        )

    def start(
        self, number: str, title: str, cells: list[Any], texts: list[str], t: int, r: int
    ) -> _Open:
        if len(cells) != 4:
            raise self.error(
                f"the header row of initiative {number} has {len(cells)} column(s); expected 4, "
                f"as in '{HEADER_ROW_EXAMPLE}'",
                t,
                r,
            )
        kind = kind_key(texts[1])
        if kind is None:
            raise self.error(
                f"the header row of initiative {number} has kind {texts[1]!r} in its second "
                f"cell; expected {KIND_CELL_EXPECTED}, as in '{HEADER_ROW_EXAMPLE}'",
                t,
                r,
            )
        if number in self.seen:
            raise self.error(
                f"initiative {number} appears twice ({self.seen[number]} and here); expected "
                "each initiative once",
                t,
                r,
            )
        self.seen[number] = f"table {t}, row {r}"
        theme_number = number.split(".", 1)[0]
        heading = self.heading[1] if self.heading and self.heading[0] == theme_number else ""
        return _Open(number, title.strip(), kind, t, r, heading)

    def milestone_row(self, ini: _Open, cells: list[Any], t: int, r: int) -> None:
        if len(cells) == 3 and _span(cells[1]) > 1 and _span(cells[2]) == 1:
            # The text cell merged over the round column: no round cell.
            cells = [cells[0], cells[1], None, cells[2]]
        if len(cells) != 4:
            raise self.error(
                f"a milestone row of initiative {ini.number} has {len(cells)} cell(s); "
                f"expected 4: {MILESTONE_ROW_EXPECTED}",
                t,
                r,
            )
        ini.milestone_rows += 1
        if ini.milestone_rows > 4:
            raise self.error(
                f"initiative {ini.number} has a fifth milestone row; expected four (rounds 1–4) "
                "followed by an Økonomi row",
                t,
                r,
            )
        label = self.cell_line(cells[2]) if cells[2] is not None else ""
        if label:
            round_number = parse_round_label(label)
            if round_number is None:
                raise self.error(
                    f"initiative {ini.number}: round cell {_short(label)!r} is not a follow-up "
                    f"round; expected {ROUND_LABELS_EXPECTED}",
                    t,
                    r,
                )
        else:
            round_number = ini.milestone_rows
            if round_number in ini.milestones:
                raise self.error(
                    f"initiative {ini.number}: a milestone row has an empty round cell and its "
                    f"position names round {round_number}, which row "
                    f"{ini.milestones[round_number][1]} already has; expected "
                    f"{ROUND_LABELS_EXPECTED}",
                    t,
                    r,
                )
            self.warn(
                f"table {t}, row {r}, initiative {ini.number}, round {round_number}",
                f"milepælsrækken nævner ingen opfølgning; læst som {round_phrase(round_number)} "
                "ud fra sin plads",
            )
        if round_number in ini.milestones:
            raise self.error(
                f"initiative {ini.number} has two milestone rows for round {round_number} "
                f"(rows {ini.milestones[round_number][1]} and {r}); expected one per round",
                t,
                r,
            )
        paragraphs = self.cell_paras(cells[1])
        if paragraphs and paragraphs[-1].text in _APPROVAL_MARKS:
            # Our own DOCX marks where a status stood in the review ("Godkendt"): not status.
            paragraphs = paragraphs[:-1]
        corrective = ""
        for i, para in enumerate(paragraphs):
            if para.text.casefold() == CORRECTIVE_LABEL:
                corrective = _join(paragraphs[i + 1 :])
                paragraphs = paragraphs[:i]
                break
        text, status_note = split_status(_join(paragraphs))
        where = f"table {t}, row {r}, initiative {ini.number}, round {round_number}"
        reading = self.read_smiley(cells[3], where, ini.number, economy=False, t=t, r=r)
        ini.milestones[round_number] = (
            MilestoneDoc(
                round=round_number,
                label=label,
                text=text,
                status_note=status_note,
                smiley=reading.smiley,
                glyph=reading.glyph,
                needs_review=reading.needs_review,
                corrective_action=corrective,
            ),
            r,
        )

    def economy_row(self, ini: _Open, cells: list[Any], t: int, r: int) -> None:
        if ini.milestone_rows != 4:
            raise self.error(
                f"initiative {ini.number} has {ini.milestone_rows} milestone row(s) before its "
                "Økonomi row; expected four (rounds 1–4)",
                t,
                r,
            )
        if len(cells) < 3 or len(cells) > 4:
            raise self.error(
                f"the economy row of initiative {ini.number} has {len(cells)} cell(s); expected "
                f"{ECONOMY_ROW_EXPECTED} (the text may span two columns)",
                t,
                r,
            )
        if len(cells) == 4 and self.cell_line(cells[2]):
            raise self.error(
                f"the economy row of initiative {ini.number} has text in its third cell; "
                f"expected {ECONOMY_ROW_EXPECTED}",
                t,
                r,
            )
        where = f"table {t}, row {r}, initiative {ini.number}, economy"
        reading = self.read_smiley(cells[-1], where, ini.number, economy=True, t=t, r=r)
        # "Bemærkning:" starts the note below the economy text; "Begrundelse: …" under the
        # smiley says why it came out as it did (both as our export writes them).
        paragraphs = self.cell_paras(cells[1])
        note = ""
        for i, para in enumerate(paragraphs):
            if para.text.casefold() == NOTE_LABEL:
                note = _join(paragraphs[i + 1 :])
                paragraphs = paragraphs[:i]
                break
        reasons = [
            para.text[len(REASON_LABEL) :].strip()
            for para in self.cell_paras(cells[-1])
            if para.text.casefold().startswith(REASON_LABEL)
        ]
        economy = EconomyDoc(
            text=_join(paragraphs),
            smiley=reading.smiley,
            glyph=reading.glyph,
            needs_review=reading.needs_review,
            note=note,
            reason=" ".join(reason for reason in reasons if reason),
        )
        budget, notes = budget_from_economy_text(
            economy.text, kind=ini.kind, where=where, period=self.period
        )
        self.warnings.extend(notes)
        responsibility = parse_responsibility(_join(ini.responsibility))
        theme = self.theme(ini.number.split(".", 1)[0], f"table {ini.table}, row {ini.row}")
        theme.doc.initiatives.append(
            InitiativeDoc(
                number=ini.number,
                title=ini.title,
                kind=ini.kind,
                description=_join(ini.description),
                center=responsibility.center,
                committee=responsibility.committee,
                contributors=responsibility.contributors,
                carried_from=responsibility.carried_from,
                involved_committees=responsibility.involved_committees,
                notes=responsibility.notes,
                heading=ini.heading,
                milestones=[ini.milestones[n][0] for n in sorted(ini.milestones)],
                economy=economy,
                budget=budget,
            )
        )

    # smileys

    def read_smiley(
        self, cell: Any, where: str, number: str, *, economy: bool, t: int, r: int
    ) -> GlyphReading:
        """Read a smiley cell: a glyph (Unicode or Wingdings), optionally followed by the
        Danish word; a paragraph "⚠ skal kontrolleres" marks a smiley still to be checked."""
        marked = False
        lines = []
        for para in self.cell_paras(cell):
            if REVIEW_TEXT in para.text.casefold():
                marked = True
            elif economy and para.text.casefold().startswith(REASON_LABEL):
                continue  # the reason for the economy smiley, read by economy_row
            elif para.raw_text:
                lines.append(para.raw_text)
        raw = " ".join(lines).strip()
        what = where.rsplit(", ", 1)[-1]  # "round 2" or "economy"
        try:
            reading = self.reading(raw, economy=economy, marked=marked)
        except UnknownGlyph:
            shown = "".join(
                f"Wingdings {_MARK_TO_LETTER[c]}" if c in _MARK_TO_LETTER else c for c in raw
            )
            raise self.error(
                f"initiative {number}, {what}: smiley cell {_short(shown)!r} is not a known "
                f"smiley; expected one of {KNOWN_GLYPHS}, Wingdings J/K/L, optionally followed "
                "by glad/mellemfornøjet/sur, or an empty cell",
                t,
                r,
            ) from None
        if reading.needs_review:
            self.warn(where, reading.reason or "smileyen skal kontrolleres")
        return reading

    def reading(self, raw: str, *, economy: bool, marked: bool) -> GlyphReading:
        if not raw:
            return GlyphReading(None, None, False)
        tokens = raw.split()
        word: Smiley | None = None
        if len(tokens) > 1 and tokens[-1].casefold() in _SMILEY_WORDS:
            word = _SMILEY_WORDS[tokens[-1].casefold()]
            tokens = tokens[:-1]
        glyph = " ".join(tokens)
        if glyph in _MARK_TO_LETTER:
            unicode_glyph, smiley = WINGDINGS[_MARK_TO_LETTER[glyph]]
            if economy and smiley is Smiley.NEUTRAL:
                return read_economy_glyph(unicode_glyph)
            return self.with_word(GlyphReading(smiley, unicode_glyph, False), word, economy)
        if any(c in _MARK_TO_LETTER for c in glyph) or " " in glyph:
            raise UnknownGlyph(glyph)
        if economy:
            return self.with_word(read_economy_glyph(glyph), word, economy)
        reading = read_effort_glyph(glyph, frown_means=self.frown_means, legend=self.legend)
        base = glyph
        for selector in VARIATION_SELECTORS:
            base = base.replace(selector, "")
        if base == AMBIGUOUS_FROWN and word in (Smiley.NEUTRAL, Smiley.SAD) and not marked:
            # The word written beside an ambiguous ☹ (and no review mark) settles it.
            return GlyphReading(word, glyph, False)
        if base == AMBIGUOUS_FROWN:
            return reading
        return self.with_word(reading, word, economy)

    @staticmethod
    def with_word(reading: GlyphReading, word: Smiley | None, economy: bool) -> GlyphReading:
        if word is None or reading.smiley is None or word is reading.smiley:
            return reading
        scale = "økonomi" if economy else "indsats"
        return GlyphReading(
            reading.smiley,
            reading.glyph,
            True,
            f"smiley-tegnet {reading.glyph} ({LABELS_DA[reading.smiley]}) og ordet "
            f"{LABELS_DA[word]!r} er uenige ({scale}); tegnet er brugt — kontrollér",
        )


def parse_docx(
    data: bytes, *, source: str = "<input>", frown_means: Smiley = Smiley.NEUTRAL
) -> ReportDocument:
    """Parse a follow-up report in a Word document (DOCX) into a ReportDocument.

    The package is checked first (archive.open_package: renamed, corrupt, encrypted files and
    zip bombs are refused). `frown_means` is how an effort ☹ is read; each such cell is
    flagged `needs_review` and listed in `warnings`. Raises ReportFormatError naming `source`,
    the table and row, and what was expected.
    """
    package = archive.open_package(data, source=source, kind="DOCX")
    with package:
        try:
            document_xml = package.read("word/document.xml")
            names = set(package.namelist())
            styles_xml = package.read("word/styles.xml") if "word/styles.xml" in names else None
            numbering_xml = (
                package.read("word/numbering.xml") if "word/numbering.xml" in names else None
            )
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError) as exc:
            raise ReportFormatError(
                f"the DOCX file is corrupt ({exc}); open it in Word and save it again",
                source=source,
            ) from None
    try:
        root = _parse_xml(document_xml)
        styles = _Styles(styles_xml, _Numbering(numbering_xml))
        styles.number_paragraphs(root)
    except etree.XMLSyntaxError as exc:
        raise ReportFormatError(
            f"the DOCX file is corrupt: its XML cannot be read ({exc}); open it in Word and "
            "save it again",
            source=source,
        ) from None
    return _DocxParser(root, styles, source, frown_means).parse()
