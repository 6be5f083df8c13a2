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
    #: What was read with an assumption (ignored columns, ...), in Danish.
    warnings: list[str] = field(default_factory=list)
    #: A department's own sheet (no hidden sheet, no Version column): the upload pins each
    #: row to the version stored when the preview was shown.
    own: bool = False


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


# --- a department's own spreadsheet ------------------------------------------------------
#
# A sheet the department made itself (no hidden sheet «Om arket», no Version and Kontrol
# columns): its headers are matched against these Danish synonyms (case, dots, colons and
# spaces do not matter), or a column mapping given in the browser says which column is which.

#: The fields a column of a department's own sheet can be, with their Danish names.
OWN_FIELDS: dict[str, str] = {
    "number": "Indsatsnummer",
    "title": "Indsatsens titel",
    "round": "Opfølgning (1–4)",
    "status_note": "Status",
    "smiley": "Smiley (indsats)",
    "corrective_action": "Korrigerende handling",
    "economy_smiley": "Smiley (økonomi)",
}
#: The fields a department's own sheet must have (by synonym or by the column mapping).
OWN_REQUIRED: tuple[str, ...] = ("number", "status_note", "smiley", "corrective_action")
#: The fields read but not stored by the upload (the browser form has no place for them).
OWN_NOT_STORED: tuple[str, ...] = ("title", "economy_smiley")

HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("nr", "nummer", "indsatsnr", "indsatsnummer", "indsats nr", "id", "løbenr"),
    "title": ("indsats", "titel", "indsatsens titel", "overskrift", "navn", "initiativ"),
    "round": ("opfølgning", "runde", "opfølgningsrunde", "budgetopfølgning"),
    "status_note": (
        "status",
        "statusnote",
        "status note",
        "status på indsats",
        "status for indsatsen",
        "bemærkninger til status",
    ),
    "smiley": (
        "smiley",
        "smiley indsats",
        "indsats smiley",
        "smiley for indsats",
        "smiley (indsats)",
        "vurdering",
        "trafiklys",
    ),
    "corrective_action": (
        "korrigerende handling",
        "korrigerende handlinger",
        "handling",
        "handlingsplan",
        "opfølgende handling",
    ),
    "economy_smiley": (
        "smiley økonomi",
        "økonomi smiley",
        "smiley for økonomi",
        "smiley (økonomi)",
        "økonomi",
    ),
}


def normalise_header(text: str) -> str:
    """Return a header as it is matched: case, dots, colons, hyphens and spaces dropped."""
    text = text.casefold().replace("_", " ").replace("-", " ").replace("–", " ")
    text = text.replace(".", " ").replace(":", " ")
    return " ".join(text.split())


_SYNONYMS: dict[str, str] = {
    normalise_header(name): key for key, names in HEADER_SYNONYMS.items() for name in names
}


def header_field(text: str) -> str:
    """Return the field a header names by its synonyms, or "" when none matches."""
    return _SYNONYMS.get(normalise_header(text), "")


def header_fingerprint(headers: list[str]) -> str:
    """Return a short code of a header row (normalised; the same headers give the same code)."""
    raw = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def mapping_problems(columns: dict[int, str], headers: list[str]) -> list[str]:
    """Return, in Danish, why a column mapping (column index → field, "" ignored) is refused."""
    problems = []
    by_field: dict[str, list[int]] = {}
    for index, key in sorted(columns.items()):
        if not key:
            continue
        if key not in OWN_FIELDS:
            problems.append(f"feltet {key!r} kendes ikke")
            continue
        by_field.setdefault(key, []).append(index)

    def name(index: int) -> str:
        return f"«{headers[index]}»" if index < len(headers) and headers[index] else "(tom)"

    for key, indexes in by_field.items():
        if len(indexes) > 1:
            names = " og ".join(name(i) for i in indexes)
            problems.append(
                f"kolonnerne {names} er begge sat til «{OWN_FIELDS[key]}»; vælg feltet for én "
                "kolonne, og sæt den anden til «ignorér»"
            )
    missing = [f"«{OWN_FIELDS[k]}»" for k in OWN_REQUIRED if k not in by_field]
    if missing:
        problems.append(f"vælg en kolonne for {', '.join(missing)}")
    return problems
