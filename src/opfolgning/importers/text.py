"""Importer for the Word → text export of a follow-up report.

The format (see shared/design/DOMAIN.md): a few header lines (`Dato: …`, `Sagsid: …`), a
title line (`## Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget`), a reading
guide, then theme headings and initiatives. Word tables became TAB-separated rows, some
cells kept `<p>`/`<b>` tags. Each initiative is:

    1.11. Title <TAB> Anlæg|Drift|Anlæg og drift <TAB> Tid <TAB> Smiley      header row
    description <TAB> responsibility                          (may continue on more rows)
    Milepæl <TAB> text [Status: note] <TAB> round <TAB> smiley    four rows, rounds 1–4
    Økonomi <TAB> text <TAB> <TAB> smiley                     one row

Blank lines and empty rows may appear anywhere. Line numbers in errors and warnings are the
1-based physical lines of the input (CRLF, CR and LF all end a line).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from opfolgning.followup import vocabulary
from opfolgning.followup.vocabulary import (
    KIND_CELL_EXPECTED,
    MONTH_NUMBERS_DA,
    ORDINAL_ROUNDS,
    TitleFacts,
    kind_key,
    parse_round_label,
    round_phrase,
)

from ..followup.document import (
    AgreementRef,
    BudgetDoc,
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
    KNOWN_GLYPHS,
    GlyphReading,
    Legend,
    Smiley,
    UnknownGlyph,
    legend_from_guide,
    read_economy_glyph,
    read_effort_glyph,
)
from ..followup.text import one_line, plain_text
from .economy import agreement_period, budget_from_economy_text

__all__ = [
    "DANISH_MONTHS",
    "ORDINAL_ROUNDS",
    "TITLE_EXAMPLE",
    "decode_text",
    "looks_like_text_export",
    "parse_responsibility",
    "parse_round_label",
    "parse_text",
    "parse_title",
    "split_centers",
    "split_status",
]

TITLE_EXAMPLE = "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget"
HEADER_ROW_EXAMPLE = "1.11. Title<TAB>Anlæg|Drift<TAB>Tid<TAB>Smiley"
MILESTONE_ROW_EXPECTED = "Milepæl, text, round, smiley"
ECONOMY_ROW_EXPECTED = "Økonomi, text, (empty), smiley"
ROUND_LABELS_EXPECTED = (
    "'1. budgetopfølgning YYYY', '2. …', '3. …' or '31.12.YYYY' (also '3. opfølgning YYYY', "
    "'Tredje opfølgning', 'Endelig opfølgning pr. 31.12.YYYY')"
)
#: A table row of the export has four cells; a row with fewer may continue on the next line.
ROW_CELLS = 4

DANISH_MONTHS = MONTH_NUMBERS_DA

# --- decoding -------------------------------------------------------------------------

_BOM = b"\xef\xbb\xbf"
# Control bytes that never occur in a text export (TAB, LF, VT, FF, CR are allowed).
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_MAGIC = (
    (b"PK\x03\x04", "it looks like a ZIP container such as .docx or .xlsx"),
    (b"%PDF", "it looks like a PDF file"),
    (b"\xd0\xcf\x11\xe0", "it looks like an old Word/Excel (.doc/.xls) file"),
    (b"{\\rtf", "it looks like an RTF file"),
)


def _line_of(data: bytes, offset: int) -> int:
    """Return the 1-based physical line of byte `offset` (CRLF, CR and LF end a line)."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def looks_like_text_export(data: bytes) -> bool:
    """Return whether `data` could be a text export (UTF-8 text without binary junk)."""
    sample = data[:65536]
    if sample.startswith(_BOM):
        sample = sample[3:]
    if not sample.strip() or any(sample.startswith(magic) for magic, _ in _MAGIC):
        return False
    return sample.translate(None, _CONTROL_BYTES) == sample


def decode_text(data: bytes, *, source: str = "<input>") -> str:
    """Decode a text export to str; raise ReportFormatError for empty, binary or non-UTF-8 input."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if not data.strip():
        raise ReportFormatError(
            "the file is empty; expected the text export of a follow-up report "
            f"(header lines and a title like '{TITLE_EXAMPLE}')",
            source=source,
            line=1,
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportFormatError(
            "binary file, not a text export: it looks like UTF-16 text; save it as UTF-8",
            source=source,
            line=1,
        )
    for magic, hint in _MAGIC:
        if data.startswith(magic):
            raise ReportFormatError(
                f"binary file, not a text export ({hint}); expected UTF-8 text",
                source=source,
                line=1,
            )
    junk = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if junk:
        first = min(data.find(bytes([b])) for b in _CONTROL_BYTES if bytes([b]) in data)
        raise ReportFormatError(
            f"binary file, not a text export: control byte 0x{data[first]:02X} found "
            f"({junk} such bytes in all); expected UTF-8 text",
            source=source,
            line=_line_of(data, first),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1]
        as_cp1252 = bad.decode("cp1252", errors="replace")
        raise ReportFormatError(
            f"not valid UTF-8: byte 0x{bad[0]:02X} (in cp1252 {as_cp1252!r}) cannot be read; "
            "the file looks like cp1252/Latin-1; save it as UTF-8",
            source=source,
            line=_line_of(data, exc.start),
        ) from None


# --- small cell readers ---------------------------------------------------------------

_HEADER_RE = re.compile(
    r"^(?P<key>dato|tlf\.?(?:\s*dir\.?)?|telefon|e-?mail|mail|kontakt(?:person)?"
    r"|sags-?id|sagsnr\.?|sagsnummer)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_MD_LINK_RE = re.compile(r"^\[(?P<text>[^\]]*)\]\((?:mailto:)?(?P<target>[^)\s]*)\)$")
_AUTOLINK_RE = re.compile(r"^<(?:mailto:)?(?P<target>[^<>\s]+@[^<>\s]+)>$")
_DATE_DA_RE = re.compile(r"(\d{1,2})\.?\s*([a-zæøå]{3,})\.?\s+(\d{4})", re.IGNORECASE)
_DATE_NUM_RE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_DATE_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")

_HEADING_MARKS_RE = re.compile(r"^#{1,6}\s*")
_GUIDE_HEADING_RE = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*|__)?\s*læsevejledning\s*:?\s*(?:\*\*|__)?$", re.IGNORECASE
)
_LIST_ITEM_RE = re.compile(r"^(?:[-*•–]\s)")

_THEME_HEADING_RE = re.compile(
    r"^(?:#{1,6}[ \t]*(?:\*\*|__)?|\*\*|__|<(?:b|strong|h[1-6])>)[ \t]*"
    r"(?P<num>\d+)\.?[ \t]+(?P<title>.*)$",
    re.IGNORECASE,
)
_CLOSING_MARKS = ("**", "__", "</b>", "</strong>", *(f"</h{n}>" for n in range(1, 7)))
_OTHER_HEADING_RE = re.compile(r"^(?:#{1,6}\s|\*\*.*\*\*$|__.*__$)")
# A theme heading that lost its bold marks: "3. En stærk uddannelsesby" on a line of its own.
_PLAIN_THEME_RE = re.compile(r"^(?P<num>\d{1,3})\.[ \t]+(?P<title>[A-ZÆØÅ].*)$")
_INITIATIVE_RE = re.compile(r"^(?P<num>\d+(?:\.\d+)+)\.?\s+(?P<title>\S.*)$")

_STATUS_RE = re.compile(r"(?:^|(?<=\s))Status:")

_LEADING_TAGS_RE = re.compile(r"(?:\s*<[^<>]*>)+\s*")
_HEADER_HINT_RE = re.compile(r"^\s*(?:<[^<>]*>\s*)*\d+\.\d")
_MILESTONE_KEY = "milepæl"
_ECONOMY_KEY = "økonomi"


def _cell(raw: str) -> str:
    """Return a cell as plain text (tags stripped, paragraphs separated by a blank line)."""
    return plain_text(raw)


def _is_blank_row(cells: list[str]) -> bool:
    """Return whether every cell is empty once tags are stripped."""
    for cell in cells:
        text = cell.strip()
        if not text:
            continue
        if text[0] != "<":
            return False
        tags = _LEADING_TAGS_RE.match(text)
        if tags is not None and tags.end() < len(text) and "<s" not in tags.group().lower():
            return False  # text after plain leading tags (not inside <script>/<style>)
        if _cell(text):
            return False
    return True


def _row_key(first_cell: str) -> str:
    """Return the first cell as a row key ("milepæl", "økonomi", …) without reading long cells."""
    if len(first_cell) > 60:
        return ""
    return _cell(first_cell).rstrip(":").strip().casefold()


def _parse_date(value: str) -> dt.date | None:
    try:
        if m := _DATE_ISO_RE.search(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DATE_DA_RE.search(value):
            word = m[2].casefold()
            month = next((n for name, n in DANISH_MONTHS.items() if name.startswith(word)), None)
            if month is None:
                return None
            return dt.date(int(m[3]), month, int(m[1]))
        if m := _DATE_NUM_RE.search(value):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


def _strip_heading_marks(line: str) -> str:
    text = _HEADING_MARKS_RE.sub("", line.strip())
    for mark in ("**", "__"):
        if text.startswith(mark) and text.endswith(mark) and len(text) > 2 * len(mark):
            text = text[len(mark) : -len(mark)]
    return one_line(text)


def parse_title(line: str) -> TitleFacts | None:
    """Read a title line like TITLE_EXAMPLE (markdown `#`/`**` optional); None if it is not one."""
    return vocabulary.parse_title(_strip_heading_marks(line))


def split_status(text: str) -> tuple[str, str]:
    """Split a milestone cell (plain text) at its first `Status:` into (text, status note)."""
    m = _STATUS_RE.search(text)
    if m is None:
        return text, ""
    return text[: m.start()].strip(), text[m.end() :].strip()


# --- the responsibility cell ----------------------------------------------------------

_RESP_LABEL_RE = re.compile(
    r"\b(?P<label>ansvarligt?\s+center|ansvarligt?\s+udvalg|væsentlige?\s+bidragsydere?"
    r"|videreført\s+fra)\s*:",
    re.IGNORECASE,
)
_INVOLVED_RE = re.compile(r"\binvolveres\s*(?:\.|$)", re.IGNORECASE)
_TOKEN_RE = re.compile(r"\S+")
_SENTENCE_END_RE = re.compile(r"[.!?]\s+")
_COMMITTEE_SUFFIXES = ("udvalg", "udvalget", "udvalgene", "udvalgs")
_COUNCILS = {"kommunalbestyrelsen", "kommunalbestyrelse", "byrådet", "byråd"}
_SUBJECT_JOINERS = {"og", "samt", "&", "eller"}
_QUANTIFIERS = {"alle", "de", "relevante", "øvrige", "berørte", "begge", "samtlige", "både"}
# Lower-case words that may occur inside a list of center names.
_NAME_CONNECTORS = {"og", "samt", "for", "i", "på", "af", "med", "&", "-", "–", "/"}
# One letter per token: C committee, K committee followed by a comma, H hyphenated prefix
# ("Teknik-"), J joiner, Q quantifier, X anything else. A subject of "… involveres." is:
_SUBJECT_RE = re.compile(r"(?:Q*(?:H+J)?(?:CJ|K))*Q*(?:H+J)?C$")
_SUBJECT_WINDOW = 400  # characters before "involveres" that may hold the committee list


def _token_class(token: str) -> str:
    word = token.rstrip(",")
    low = word.casefold()
    if low.endswith(_COMMITTEE_SUFFIXES) or low in _COUNCILS:
        return "K" if token.endswith(",") else "C"
    if len(word) > 1 and word.endswith("-"):
        return "H"
    if token in _SUBJECT_JOINERS:
        return "J"
    if low in _QUANTIFIERS:
        return "Q"
    return "X"


def _split_involved(text: str) -> tuple[str, str, str]:
    """Split text around its first "… involveres." sentence: (before, sentence, after).

    The sentence starts where the list of committees before "involveres" starts (so in run
    together text "By, Erhverv og Miljø Teknik- og Miljøudvalget involveres." the sentence is
    "Teknik- og Miljøudvalget involveres."); if no committee list is recognised, it starts
    at the beginning of the sentence.
    """
    m = _INVOLVED_RE.search(text)
    if m is None:
        return text, "", ""
    before = text[: m.start()]
    # A list of committees is short: look at the last words only (keeps this linear).
    tokens = list(_TOKEN_RE.finditer(before, max(0, len(before) - _SUBJECT_WINDOW)))
    classes = "".join(_token_class(t.group()) for t in tokens)
    subject = _SUBJECT_RE.search(classes)
    if subject is not None:
        start = tokens[subject.start()].start()
    else:
        ends = list(_SENTENCE_END_RE.finditer(before))
        start = ends[-1].end() if ends else 0
    return text[:start].strip(), text[start : m.end()].strip(), text[m.end() :].strip()


def _is_lower_word(token: str) -> bool:
    word = token.strip(",.;:()\"'")
    return bool(word) and word[0].islower() and word.casefold() not in _NAME_CONNECTORS


def _split_prose(value: str) -> tuple[str, str]:
    """Split a label value into (names, prose): a full sentence after the label is a note.

    Only a value ending in "." can hold a sentence. The sentence starts at the capitalised
    word before the first lower-case word that cannot be part of a name ("Der gives en
    status …"); it must hold at least two such words (so "Arbejdsmarked m.fl." stays a name).
    A name list ending in "." loses the period.
    """
    if not value.endswith("."):
        return value, ""
    tokens = list(_TOKEN_RE.finditer(value))
    first = next((i for i, t in enumerate(tokens) if _is_lower_word(t.group())), None)
    if first is None:
        return value[:-1].rstrip(), ""
    start = first - 1 if first > 0 and tokens[first - 1].group()[:1].isupper() else first
    if sum(1 for t in tokens[start:] if _is_lower_word(t.group())) < 2:
        return value, ""
    names = value[: tokens[start].start()].strip().rstrip(",").strip()
    return names, value[tokens[start].start() :].strip()


# Two centers in one "Ansvarligt center" cell: split at a slash, or before a second "Center
# for …" (after "og", a comma, "&" or a line break). "By, Erhverv og Miljø" stays one name.
_CENTER_SPLIT_RE = re.compile(
    r"\s*/\s*|(?:\s*,\s*|\s+og\s+|\s*&\s*|\s+)(?=Cent(?:er|ret|re)\s+for\b)"
)


def split_centers(value: str) -> list[str]:
    """Return the centers a responsible-center value names, in order (one for most cells)."""
    return [name.strip(" ,") for name in _CENTER_SPLIT_RE.split(value) if name.strip(" ,")]


def _join_names(names: list[str]) -> str:
    return " samt ".join(name for name in names if name)


@dataclass
class Responsibility:
    """The parts of an initiative's responsibility cell."""

    center: str = ""
    committee: str = ""
    contributors: str = ""
    involved_committees: str = ""
    notes: str = ""
    carried_from: str = ""


def _label_field(label: str) -> str:
    low = label.casefold()
    if low.startswith("videreført"):
        return "carried_from"
    if "center" in low:
        return "center"
    if "udvalg" in low:
        return "committee"
    return "contributors"


def parse_responsibility(text: str) -> Responsibility:
    """Read a responsibility cell (plain text, paragraphs separated by a blank line).

    Labels `Ansvarligt center:`, `Ansvarligt udvalg:`, `Væsentlig bidragsyder:` may stand in
    their own paragraphs or run together on one line. A label's value ends at the next
    label or paragraph end; an "X og Y involveres." sentence anywhere is the involved
    committees (the first one; later ones stay in the notes); a full sentence after a label
    and every other paragraph are notes, in document order.
    """
    result = Responsibility()
    found: dict[str, str] = {}
    notes: list[str] = []

    def free_text(piece: str) -> None:
        if not piece:
            return
        if not result.involved_committees:
            before, clause, after = _split_involved(piece)
            if clause:
                if before:
                    notes.append(before)
                result.involved_committees = clause
                if after:
                    notes.append(after)
                return
        notes.append(piece)

    for paragraph in text.split("\n\n"):
        labels = list(_RESP_LABEL_RE.finditer(paragraph))
        if not labels:
            free_text(paragraph.strip())
            continue
        free_text(paragraph[: labels[0].start()].strip())
        for i, label in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(paragraph)
            value = paragraph[label.end() : end].strip()
            name = _label_field(label["label"])
            if name in found:
                notes.append(paragraph[label.start() : end].strip())
                continue
            head, clause, tail = _split_involved(value)
            head, prose = _split_prose(head)
            found[name] = head
            free_text(prose)
            if clause:
                free_text(clause)
            free_text(tail)
    result.center = found.get("center", "")
    result.committee = found.get("committee", "")
    result.contributors = found.get("contributors", "")
    result.carried_from = found.get("carried_from", "")
    result.notes = "\n\n".join(notes)
    return result


# --- the parser -----------------------------------------------------------------------


@dataclass
class _OpenInitiative:
    number: str
    title: str
    kind: str
    line: int
    heading: str
    description: list[str] = field(default_factory=list)
    responsibility: list[str] = field(default_factory=list)
    milestones: dict[int, tuple[MilestoneDoc, int]] = field(default_factory=dict)
    milestone_rows: int = 0


@dataclass
class ParsedTheme:
    doc: ThemeDoc
    has_heading: bool
    where: str  # where the theme's first initiative stands, for warnings


def finish_document(
    facts: TitleFacts,
    themes: list[ParsedTheme],
    *,
    date: dt.date | None,
    case_number: str,
    contact: Contact,
    reading_guide: str,
    warnings: list[Warning],
) -> ReportDocument:
    """Build the parsed report; warn about each theme that had no heading of its own."""
    for theme in themes:
        if not theme.has_heading:
            number = theme.doc.number
            numbers = ", ".join(ini.number for ini in theme.doc.initiatives)
            warnings.append(
                Warning(
                    f"{theme.where}, theme {number}",
                    f"tema {number} har ingen overskrift; indsats {numbers} er placeret ud fra "
                    "deres numre",
                )
            )
    return ReportDocument(
        title=facts.title,
        agreement=AgreementRef(name=facts.agreement, year=facts.year),
        committee=facts.committee,
        round=facts.round,
        date=date,
        case_number=case_number,
        contact=contact,
        reading_guide=reading_guide,
        themes=[theme.doc for theme in themes],
        warnings=warnings,
    )


class _TextParser:
    def __init__(self, text: str, source: str, frown_means: Smiley) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.source = source
        self.frown_means = frown_means
        self.legend = Legend()
        self.warnings: list[Warning] = []
        self.themes: dict[str, ParsedTheme] = {}
        self.seen_numbers: dict[str, int] = {}
        self.heading: tuple[str, str] | None = None  # (number, title) of the last heading
        self.open: _OpenInitiative | None = None
        self.contact = Contact()
        self.date: dt.date | None = None
        self.case_number = ""
        self.period: tuple[int, int] | None = None  # the agreement's years, from the title
        self.last_content_line = len(self.lines)
        while self.last_content_line > 1 and not self.lines[self.last_content_line - 1].strip():
            self.last_content_line -= 1

    def error(self, message: str, line: int | None) -> ReportFormatError:
        return ReportFormatError(message, source=self.source, line=line)

    def broken_row(self, message: str, line: int) -> ReportFormatError:
        """An error about a malformed row; on the file's last line it is likely a cut file."""
        if line >= self.last_content_line and "truncated" not in message:
            message += " (is the file truncated?)"
        return self.error(message, line)

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(Warning(where, message))

    # front matter

    def parse(self) -> ReportDocument:
        facts, body_start = self.parse_front()
        self.period = agreement_period(facts.year)
        guide, body_start = self.parse_reading_guide(body_start)
        self.legend = legend_from_guide(guide)  # the document's own glyphs decide
        self.parse_body(body_start)
        themes = [theme.doc for theme in self.themes.values()]
        if not any(theme.initiatives for theme in themes):
            raise self.error(
                "no initiatives found (is the file truncated, or were the TABs lost?); "
                f"expected initiative header rows like '{HEADER_ROW_EXAMPLE}'",
                self.last_content_line,
            )
        return finish_document(
            facts,
            list(self.themes.values()),
            date=self.date,
            case_number=self.case_number,
            contact=self.contact,
            reading_guide=guide,
            warnings=self.warnings,
        )

    def parse_front(self) -> tuple[TitleFacts, int]:
        """Read header lines up to and including the title; return the title and next index."""
        for index, raw in enumerate(self.lines):
            line = raw.strip()
            if not line:
                continue
            if "\t" in line:
                # A table before the title: only an initiative header row means we missed it.
                if self.header_row(line.split("\t")) is None:
                    continue
            elif (facts := parse_title(line)) is not None:
                return facts, index + 1
            elif _THEME_HEADING_RE.match(line) is None:
                self.header_line(line, index + 1)
                continue
            raise self.error(
                f"not a follow-up report: no title line like '{TITLE_EXAMPLE}' "
                "found before the first theme heading or initiative",
                index + 1,
            )
        raise self.error(
            f"not a follow-up report: no title line like '{TITLE_EXAMPLE}' found",
            self.last_content_line,
        )

    def header_line(self, line: str, lineno: int) -> None:
        m = _HEADER_RE.match(line.replace("**", "").replace("__", "").strip())
        if m is None:
            return
        key = m["key"].casefold()
        value = m["value"].strip()
        if key.startswith("dato"):
            self.date = _parse_date(one_line(value))
            if self.date is None:
                self.warn(
                    f"line {lineno}",
                    f"datoen «{one_line(value)}» kunne ikke læses; skriv den som fx "
                    "'9. oktober 2019'",
                )
        elif key.startswith(("tlf", "telefon")):
            self.contact.phone = one_line(value)
        elif "mail" in key:
            link = _MD_LINK_RE.match(value) or _AUTOLINK_RE.match(value)
            self.contact.email = one_line(link["target"] if link else value)
        elif key.startswith("kontakt"):
            self.contact.name = one_line(value)
        else:
            self.case_number = one_line(value)

    def parse_reading_guide(self, start: int) -> tuple[str, int]:
        """Collect the text between the title and the first theme heading or initiative."""
        blocks: list[list[str]] = []
        current: list[str] = []

        def end_block() -> None:
            nonlocal current
            if current:
                blocks.append(current)
                current = []

        index = start
        while index < len(self.lines):
            raw = self.lines[index]
            line = raw.strip()
            if "\t" in line:
                cells = line.split("\t")
                if _is_blank_row(cells):
                    end_block()
                    index += 1
                    continue
                break
            if _THEME_HEADING_RE.match(line) or self.body_starts_at(index):
                break
            index += 1
            if not line:
                end_block()
                continue
            if _GUIDE_HEADING_RE.match(line):
                end_block()
                continue
            for i, piece in enumerate(plain_text(line).split("\n\n")):
                if i:
                    end_block()
                if not piece:
                    continue
                if current and not _LIST_ITEM_RE.match(piece):
                    current[-1] = f"{current[-1]} {piece}"
                else:
                    current.append(piece)
        end_block()
        return "\n\n".join("\n".join(block) for block in blocks), index

    def body_starts_at(self, index: int) -> bool:
        """Return whether a line without TABs before the first table starts the body: a
        theme heading without marks ("3. En stærk uddannelsesby") or an initiative header
        broken by a line break, followed by that theme's first initiative row."""
        text = _cell(self.lines[index].strip())
        plain = _PLAIN_THEME_RE.match(text)
        if plain is None and _INITIATIVE_RE.match(text) is None:
            return False
        following = next((raw for raw in self.lines[index + 1 : index + 4] if raw.strip()), "")
        if "\t" not in following:
            return False
        if plain is None:
            return True  # the header row continues on the next line
        first = _cell(following.split("\t", 1)[0])
        return first.startswith(f"{plain['num']}.")

    # body

    def header_row(self, cells: list[str]) -> tuple[str, str, str] | None:
        """Return (number, title, kind) if the row is an initiative header row."""
        if len(cells) < 2 or _HEADER_HINT_RE.match(cells[0]) is None:
            return None
        first = one_line(cells[0])
        m = _INITIATIVE_RE.match(first)
        if m is None:
            return None
        kind = kind_key(one_line(cells[1]))
        if kind is None:
            return None
        return m["num"], m["title"], kind

    def starts_row(self, raw: str) -> bool:
        """Return whether a line starts something of its own (so it cannot continue a row):
        a blank line, a Milepæl or Økonomi row, an initiative header, a heading."""
        line = raw.strip()
        if not line:
            return True
        cells = raw.split("\t")
        if _row_key(cells[0]) in (_MILESTONE_KEY, _ECONOMY_KEY):
            return True
        if len(cells) == 1:
            return bool(
                _THEME_HEADING_RE.match(line)
                or _OTHER_HEADING_RE.match(line)
                or _INITIATIVE_RE.match(_cell(line))
            )
        return _HEADER_HINT_RE.match(cells[0]) is not None and self.header_row(cells) is not None

    def logical_row(self, index: int, cells: list[str]) -> tuple[list[str], int]:
        """Join the lines a row continues on (a line break inside a cell); return the row's
        cells and the index of its last line.

        A row with fewer than four cells continues on the next line when that line starts
        nothing of its own and the two together still have at most four cells: the last
        cell and the next line's first cell are one cell, broken by a line break.
        """
        last = index
        while len(cells) < ROW_CELLS and last + 1 < len(self.lines):
            raw = self.lines[last + 1]
            if self.starts_row(raw):
                break
            more = raw.split("\t")
            if len(cells) + len(more) - 1 > ROW_CELLS:
                break
            cells = [*cells[:-1], f"{cells[-1]}\n{more[0]}", *more[1:]]
            last += 1
        if last > index:
            where = f"line {index + 1}"
            if self.open is not None:
                where += f", initiative {self.open.number}"
            self.warn(
                where,
                f"linjeskift inde i en celle: linje {index + 1}–{last + 1} er læst som én række",
            )
        return cells, last

    def parse_body(self, start: int) -> None:
        lines = self.lines
        index = start - 1
        while index + 1 < len(lines):
            index += 1
            raw = lines[index]
            if not raw or raw.isspace():
                continue
            lineno = index + 1
            cells = raw.split("\t")
            if len(cells) < ROW_CELLS and index + 1 < len(lines) and lines[index + 1].strip():
                cells, index = self.logical_row(index, cells)
            if len(cells) == 1:
                self.single_line(cells[0].strip(), lineno)
                continue
            if _is_blank_row(cells):
                continue
            key = _row_key(cells[0])
            if key == _MILESTONE_KEY:
                self.milestone_row(cells, lineno)
            elif key == _ECONOMY_KEY:
                self.economy_row(cells, lineno)
            elif (header := self.header_row(cells)) is not None:
                self.start_initiative(*header, lineno)
            elif self.open is not None and not self.open.milestone_rows:
                self.open.description.append(cells[0])
                self.open.responsibility.append(cells[1])
                if any(_cell(c) for c in cells[2:]):
                    raise self.error(
                        f"unexpected text in the third or fourth cell of a description row of "
                        f"initiative {self.open.number}; expected description<TAB>responsibility",
                        lineno,
                    )
            elif self.open is not None:
                raise self.broken_row(
                    f"unexpected row in initiative {self.open.number} (starts with "
                    f"{_short(_cell(cells[0]))!r}); expected a Milepæl or Økonomi row",
                    lineno,
                )
            else:
                raise self.unexpected_between(cells, lineno)
        if self.open is not None:
            raise self.error(self.unfinished_message(self.open), self.last_content_line)

    def unexpected_between(self, cells: list[str], lineno: int) -> ReportFormatError:
        first = one_line(cells[0])
        if (m := _INITIATIVE_RE.match(first)) is not None:
            kind = one_line(cells[1]) if len(cells) > 1 else ""
            return self.error(
                f"initiative header row of {m['num']} has kind {kind!r}; expected "
                f"{KIND_CELL_EXPECTED}, as in '{HEADER_ROW_EXAMPLE}' (is the file truncated?)",
                lineno,
            )
        return self.error(
            f"unexpected text between initiatives ({_short(first)!r}); expected a theme "
            f"heading like '**1. Title**' or an initiative header row like '{HEADER_ROW_EXAMPLE}'",
            lineno,
        )

    def single_line(self, line: str, lineno: int) -> None:
        if (m := _THEME_HEADING_RE.match(line)) is not None:
            self.close_unfinished(lineno)
            self.theme_heading(m["num"], _heading_title(m["title"]), lineno)
            return
        text = _cell(line)
        if not text:
            return
        key = _row_key(line)
        if key == _MILESTONE_KEY:
            self.milestone_row([line], lineno)
            return
        if key == _ECONOMY_KEY:
            self.economy_row([line], lineno)
            return
        if self.open is not None and not self.open.milestone_rows:
            # A description broken by a hard line break.
            self.open.description.append(line)
            return
        if self.open is not None:
            raise self.broken_row(
                f"unexpected text in initiative {self.open.number} ({_short(text)!r}); "
                "expected a Milepæl or Økonomi row",
                lineno,
            )
        if _OTHER_HEADING_RE.match(line):
            heading = _strip_heading_marks(line)
            self.warn(
                f"line {lineno}", f"overskriften «{heading}» har intet temanummer; sprunget over"
            )
            return
        if (m := _PLAIN_THEME_RE.match(text)) is not None:
            title = plain_text(m["title"])
            self.warn(
                f"line {lineno}, theme {m['num']}",
                f"«{m['num']}. {title}» er hverken fed eller mærket som overskrift; læst som "
                f"overskriften på tema {m['num']}",
            )
            self.theme_heading(m["num"], title, lineno)
            return
        if _INITIATIVE_RE.match(text):
            raise self.error(
                f"initiative header row {_short(text)!r} has no TAB-separated cells; expected "
                f"'{HEADER_ROW_EXAMPLE}' (is the file truncated?)",
                lineno,
            )
        raise self.unexpected_between([line], lineno)

    def close_unfinished(self, lineno: int) -> None:
        if self.open is not None:
            raise self.error(self.unfinished_message(self.open), lineno)

    @staticmethod
    def unfinished_message(ini: _OpenInitiative) -> str:
        missing = 4 - ini.milestone_rows
        if missing > 0:
            expected = (
                f"{missing} more Milepæl row(s) and an Økonomi row after the initiative's "
                f"header on line {ini.line}"
            )
        else:
            expected = f"an Økonomi row after its four Milepæl rows (header on line {ini.line})"
        return (
            f"initiative {ini.number} ends without its Økonomi row (is the file truncated?); "
            f"expected {expected}"
        )

    def theme(self, number: str, lineno: int) -> ParsedTheme:
        theme = self.themes.get(number)
        if theme is None:
            theme = ParsedTheme(ThemeDoc(number=number, title=""), False, f"line {lineno}")
            self.themes[number] = theme
        return theme

    def theme_heading(self, number: str, title: str, lineno: int) -> None:
        theme = self.theme(number, lineno)
        if not theme.has_heading:
            theme.has_heading = True
            theme.doc.title = title
        self.heading = (number, title)

    def start_initiative(self, number: str, title: str, kind: str, lineno: int) -> None:
        self.close_unfinished(lineno)
        if number in self.seen_numbers:
            raise self.error(
                f"initiative {number} appears twice (lines {self.seen_numbers[number]} "
                f"and {lineno}); expected each initiative once",
                lineno,
            )
        self.seen_numbers[number] = lineno
        theme_number = number.split(".", 1)[0]
        heading = self.heading[1] if self.heading and self.heading[0] == theme_number else ""
        self.open = _OpenInitiative(number, title, kind, lineno, heading)

    def milestone_row(self, cells: list[str], lineno: int) -> None:
        ini = self.open
        if ini is None:
            raise self.error(
                "Milepæl row outside an initiative; expected an initiative header row like "
                f"'{HEADER_ROW_EXAMPLE}' before it",
                lineno,
            )
        if len(cells) < 3 or any(_cell(c) for c in cells[4:]):
            raise self.broken_row(
                f"milestone row of initiative {ini.number} has {len(cells)} cells; "
                f"expected {MILESTONE_ROW_EXPECTED}",
                lineno,
            )
        ini.milestone_rows += 1
        if ini.milestone_rows > 4:
            raise self.error(
                f"initiative {ini.number} has a fifth milestone row; expected four "
                "(rounds 1–4) followed by an Økonomi row",
                lineno,
            )
        label = one_line(cells[2])
        read_round = parse_round_label(label) if label else None
        if label and read_round is None and ini.milestone_rows in ini.milestones:
            raise self.broken_row(
                f"initiative {ini.number}: round cell {label!r} of a milestone row is not "
                f"a follow-up round, and its position names round {ini.milestone_rows}, which "
                f"line {ini.milestones[ini.milestone_rows][1]} already has; expected "
                f"{ROUND_LABELS_EXPECTED}",
                lineno,
            )
        if read_round is not None:
            round_number = read_round
        elif label:
            round_number = ini.milestone_rows
            self.warn(
                f"line {lineno}, initiative {ini.number}, round {round_number}",
                f"rundecellen «{label}» nævner ingen opfølgning; læst som "
                f"{round_phrase(round_number)} ud fra sin plads",
            )
        else:
            round_number = ini.milestone_rows
            if round_number in ini.milestones:
                raise self.broken_row(
                    f"initiative {ini.number}: a milestone row has an empty round cell and its "
                    f"position names round {round_number}, which line "
                    f"{ini.milestones[round_number][1]} already has; expected "
                    f"{ROUND_LABELS_EXPECTED}",
                    lineno,
                )
            self.warn(
                f"line {lineno}, initiative {ini.number}, round {round_number}",
                f"milepælsrækken nævner ingen opfølgning; læst som {round_phrase(round_number)} "
                "ud fra sin plads",
            )
        if round_number in ini.milestones:
            raise self.error(
                f"initiative {ini.number} has two milestone rows for round {round_number} "
                f"(lines {ini.milestones[round_number][1]} and {lineno}); expected one per "
                "round",
                lineno,
            )
        where = f"line {lineno}, initiative {ini.number}, round {round_number}"
        text, status_note = split_status(_cell(cells[1]))
        smiley_cell = _cell(cells[3]) if len(cells) > 3 else ""
        try:
            reading = read_effort_glyph(
                smiley_cell, frown_means=self.frown_means, legend=self.legend
            )
        except UnknownGlyph:
            raise self.error(
                f"initiative {ini.number}, round {round_number}: smiley cell "
                f"{_short(smiley_cell)!r} is not a known smiley; expected one of "
                f"{KNOWN_GLYPHS} or an empty cell",
                lineno,
            ) from None
        self.note_review(reading, where)
        ini.milestones[round_number] = (
            MilestoneDoc(
                round=round_number,
                label=label,
                text=text,
                status_note=status_note,
                smiley=reading.smiley,
                glyph=reading.glyph,
                needs_review=reading.needs_review,
            ),
            lineno,
        )

    def note_review(self, reading: GlyphReading, where: str) -> None:
        if reading.needs_review:
            self.warn(where, reading.reason or "smileyen skal kontrolleres")

    def economy_row(self, cells: list[str], lineno: int) -> None:
        ini = self.open
        if ini is None:
            raise self.error(
                "Økonomi row outside an initiative; expected an initiative header row like "
                f"'{HEADER_ROW_EXAMPLE}' and four Milepæl rows before it",
                lineno,
            )
        if ini.milestone_rows != 4:
            raise self.error(
                f"initiative {ini.number} has {ini.milestone_rows} milestone rows before its "
                "Økonomi row; expected four (rounds 1–4)",
                lineno,
            )
        if len(cells) < 2:
            raise self.broken_row(
                f"economy row of initiative {ini.number} has {len(cells)} cell; expected "
                f"{ECONOMY_ROW_EXPECTED}",
                lineno,
            )
        rest = [c for c in (_cell(c) for c in cells[2:]) if c]
        if len(rest) > 1:
            raise self.error(
                f"economy row of initiative {ini.number} has {len(rest)} filled cells after "
                f"its text; expected {ECONOMY_ROW_EXPECTED}",
                lineno,
            )
        smiley_cell = rest[0] if rest else ""
        try:
            reading = read_economy_glyph(smiley_cell)
        except UnknownGlyph:
            raise self.error(
                f"initiative {ini.number}, economy: smiley cell {_short(smiley_cell)!r} is not "
                f"a known smiley; expected one of {KNOWN_GLYPHS} or an empty cell",
                lineno,
            ) from None
        self.note_review(reading, f"line {lineno}, initiative {ini.number}, economy")
        economy = EconomyDoc(
            text=_cell(cells[1]),
            smiley=reading.smiley,
            glyph=reading.glyph,
            needs_review=reading.needs_review,
        )
        budget, notes = budget_from_economy_text(
            economy.text,
            kind=ini.kind,
            where=f"line {lineno}, initiative {ini.number}, economy",
            period=self.period,
        )
        self.warnings.extend(notes)
        self.finish(ini, economy, budget)

    def finish(self, ini: _OpenInitiative, economy: EconomyDoc, budget: BudgetDoc | None) -> None:
        responsibility = parse_responsibility(_cell(" ".join(ini.responsibility)))
        centers = split_centers(responsibility.center)
        if len(centers) > 1:
            responsibility.center = centers[0]
            responsibility.contributors = _join_names([*centers[1:], responsibility.contributors])
            self.warn(
                f"line {ini.line}, initiative {ini.number}",
                f"cellen med ansvarligt center nævner {len(centers)} centre; «{centers[0]}» er "
                f"læst som ansvarligt center og «{_join_names(centers[1:])}» som bidragydere",
            )
        theme = self.theme(ini.number.split(".", 1)[0], ini.line)
        theme.doc.initiatives.append(
            InitiativeDoc(
                number=ini.number,
                title=ini.title,
                kind=ini.kind,
                description=_cell(" ".join(ini.description)),
                center=responsibility.center,
                committee=responsibility.committee,
                contributors=responsibility.contributors,
                carried_from=responsibility.carried_from,
                involved_committees=responsibility.involved_committees,
                notes=responsibility.notes,
                heading=ini.heading,
                milestones=[ini.milestones[r][0] for r in sorted(ini.milestones)],
                economy=economy,
                budget=budget,
            )
        )
        self.open = None


def _heading_title(raw: str) -> str:
    """Return the title part of a theme heading without its closing markup."""
    title = raw.rstrip()
    for mark in _CLOSING_MARKS:
        if title.lower().endswith(mark):
            title = title[: -len(mark)].rstrip()
            break
    return plain_text(title)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_text(
    data: bytes, *, source: str = "<input>", frown_means: Smiley = Smiley.NEUTRAL
) -> ReportDocument:
    """Parse the text export of a follow-up report into a ReportDocument.

    `frown_means` is how an effort ☹ is read (the export lost the neutral face, so ☹ is
    ambiguous); every such cell is flagged `needs_review` and listed in `warnings`.
    Raises ReportFormatError (naming `source` and the line) for anything that is not a
    complete, readable report.
    """
    text = decode_text(data, source=source)
    return _TextParser(text, source, frown_means).parse()
