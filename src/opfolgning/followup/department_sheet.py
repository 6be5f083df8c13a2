"""The layout of the department spreadsheet: one center's initiatives in an open round.

The finance office (or a center's editor) downloads it, the department fills in status,
smiley and corrective action offline, and uploads it back into the round. It is a contract
between exporters.department_xlsx and importers.department_xlsx, so it lives in the domain.

The sheet's protection is against mistakes (a typed-over number or version), not security:
its password is fixed and written here, and everything the upload changes goes through the
same rules and the same optimistic locking as the browser form.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .sheet import COLUMNS as REPORT_COLUMNS
from .smileys import EFFORT_SCALE, LABELS_DA, Smiley, UnknownGlyph, read_effort_glyph

SHEET_NAME = "Indberetning"
META_SHEET = "Om arket"
FORMAT_NAME = "opfolgning-center-xlsx"
FORMAT_VERSION = 1
TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 4
#: Not a secret: the protection only stops a cell being typed over by mistake.
PROTECTION_PASSWORD = "opfolgning"
PROTECTION_NOTE = (
    "Arket er låst mod fejl, ikke af sikkerhedshensyn: kun kolonnerne Status, Smiley og "
    "Korrigerende handling kan udfyldes. Upload arket igen under opfølgningen i Opfølgning."
)
#: The smiley words of the drop-down, in the scale's order (followup.vocabulary).
SMILEY_CHOICES: tuple[str, ...] = tuple(LABELS_DA[s] for s in EFFORT_SCALE)

_REPORT_HEADERS = {c.key: c.header for c in REPORT_COLUMNS}


@dataclass(frozen=True)
class Column:
    """One column of the department sheet: key, header, width, editable, hidden."""

    key: str
    header: str
    width: int
    editable: bool = False
    hidden: bool = False


#: The columns, left to right. Headers are the report sheet's where the concept is the same.
COLUMNS: tuple[Column, ...] = (
    Column("number", _REPORT_HEADERS["number"], 10),
    Column("title", _REPORT_HEADERS["title"], 30),
    Column("milestone", _REPORT_HEADERS["text"], 40),
    Column("previous_status", "Forrige status", 40),
    Column("previous_smiley", "Forrige smiley", 15),
    Column("status_note", _REPORT_HEADERS["status_note"], 50, editable=True),
    Column("smiley", _REPORT_HEADERS["smiley"], 16, editable=True),
    Column("corrective_action", _REPORT_HEADERS["corrective_action"], 40, editable=True),
    Column("version", "Version", 8, hidden=True),
    Column("check", "Kontrol", 12, hidden=True),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
EDITABLE_KEYS = tuple(c.key for c in COLUMNS if c.editable)
#: The columns a header row must name for the sheet to be read back.
REQUIRED_KEYS = ("number", "status_note", "smiley", "corrective_action", "version", "check")

#: Keys of the identifying facts on the hidden sheet, in order.
META_KEYS = ("format", "version", "year", "round", "center_id", "center", "agreement")


@dataclass(frozen=True)
class SheetIdentity:
    """Which agreement year, round and center a sheet belongs to."""

    year: int
    round_number: int
    center_id: int
    center: str
    agreement: str = ""
    round_label: str = ""


@dataclass(frozen=True)
class SheetValues:
    """What a department fills in for one initiative."""

    status_note: str = ""
    smiley: str = ""  # a Smiley value or ""
    corrective_action: str = ""

    def normalised(self) -> SheetValues:
        """Return the values with their ends stripped and line breaks made \\n."""
        return SheetValues(
            _clean(self.status_note), self.smiley.strip(), _clean(self.corrective_action)
        )


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def check_code(values: SheetValues) -> str:
    """Return a short code of the values as written into the sheet (was a row edited?)."""
    clean = values.normalised()
    raw = "\x1f".join((clean.status_note, clean.smiley, clean.corrective_action))
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class SheetRow:
    """One initiative as the sheet is written: locked facts and the pre-filled values."""

    number: str
    title: str
    milestone: str
    previous_status: str
    previous_smiley: str  # a Smiley value or ""
    values: SheetValues
    version: int


@dataclass(frozen=True)
class DepartmentSheet:
    """The sheet to write: its identity, the previous round's name, and its rows."""

    identity: SheetIdentity
    rows: list[SheetRow]
    previous_label: str = ""


@dataclass(frozen=True)
class UploadedRow:
    """One row read back: the sheet row, the initiative's number, version and values.

    `smiley_text` is the cell as written; `problem` says why the row cannot be used (an
    unknown smiley word, a version that is not a number), or is "".
    """

    sheet_row: int
    number: str
    version: int
    values: SheetValues
    smiley_text: str = ""
    check: str = ""
    problem: str = ""

    @property
    def edited(self) -> bool:
        """Return whether the department changed the row since it was downloaded."""
        return check_code(self.values) != self.check


@dataclass(frozen=True)
class UploadedSheet:
    """A department sheet read back: the file's name, its identity and its rows."""

    source: str
    identity: SheetIdentity
    rows: list[UploadedRow] = field(default_factory=list)


def smiley_word(smiley: str) -> str:
    """Return the sheet's word of a smiley value ("happy" → "glad"; none → "")."""
    return LABELS_DA[Smiley(smiley)] if smiley else ""


def smiley_from_cell(text: str) -> str:
    """Return the smiley value a cell names ("" for an empty cell); raise UnknownGlyph.

    The drop-down's three words are what the sheet offers; the words and unambiguous glyphs
    the other importers know are read too. An ambiguous ☹ is refused: the department says
    which it means.
    """
    reading = read_effort_glyph(text)
    if reading.needs_review:
        raise UnknownGlyph(text)
    return reading.smiley.value if reading.smiley else ""


def smiley_problem(text: str) -> str:
    """Return why a smiley cell cannot be read, in Danish."""
    return (
        f"smileyen {text.strip()!r} kendes ikke; vælg {', '.join(SMILEY_CHOICES[:-1])} "
        f"eller {SMILEY_CHOICES[-1]} i listen"
    )
