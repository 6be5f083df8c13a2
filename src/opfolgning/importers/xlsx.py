"""Importer for the Excel layout exporters.xlsx writes (see docs/formats.md, "XLSX and CSV").

The file is checked by archive.open_package before anything is unpacked (renamed, corrupt,
password-protected files and zip bombs are refused), then read with openpyxl in read-only
mode with `data_only=True`: formulas are never evaluated. A formula cell is read as the
value Excel saved with it (or as empty if there is none) and gets a warning.

The table is found by its header row (column names, any order, extra columns ignored);
report facts are label/value cells above it; blank rows are skipped. An initiative has one
row per round 1–4, in any order; its initiative columns (title, kind, economy, …) may be
filled on one row only but must not disagree between its rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from ..followup.document import (
    AgreementRef,
    Contact,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
    Warning,
)
from ..followup.errors import ReportFormatError
from ..followup.sheet import (
    COLUMNS,
    FACT_LABELS,
    MAIN_SHEET,
    METADATA_SHEET,
    OVERVIEW_SHEET,
)
from ..followup.smileys import (
    AMBIGUOUS_FROWN,
    LABELS_DA,
    GlyphReading,
    Legend,
    Smiley,
    UnknownGlyph,
    legend_from_guide,
    read_economy_glyph,
    read_effort_glyph,
)
from ..followup.vocabulary import KIND_CELL_EXPECTED, kind_key
from . import archive
from .economy import agreement_period, budget_from_economy_text
from .merged import fill_down, merged_ranges
from .text import _parse_date, parse_round_label, parse_title

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "parse_xlsx"]

MAX_ROWS = 20_000  # a report has a few hundred rows
MAX_COLUMNS = 100
HEADER_SEARCH_ROWS = 100  # the table's header row stands within the first rows of a sheet

_COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED = ("number", "title", "kind", "round", "text")
ONE_OF_SMILEY = ("smiley", "glyph")
_PER_INITIATIVE = [c.key for c in COLUMNS if c.per_initiative and c.key != "theme_title"]

_YES = {"ja", "j", "x", "yes", "y", "true", "sand", "1"}
_NO = {"", "nej", "n", "no", "false", "falsk", "0"}
_YEAR_RE = re.compile(r"\b(\d{4})\b")
_EFFORT_WORDS = "glad, mellemfornøjet, sur (or a smiley glyph such as ☺ 😐 ☹)"
_ECONOMY_WORDS = "glad, sur (or a smiley glyph such as ☺ ☹)"


def _norm(text: str) -> str:
    """Normalise a header or label: case, dots, colons, hyphens/underscores and spaces."""
    text = text.casefold().replace("_", " ").replace("-", " ")
    text = re.sub(r"[.:]", "", text)
    return " ".join(text.split())


# Header names accepted for each column: the Danish header, the interchange field name and
# a few variants.
_EXTRA_ALIASES = {
    "theme_number": ["tema nummer", "temanr", "theme"],
    "theme_title": ["tema titel", "temaoverskrift", "theme title"],
    "number": ["indsatsnr", "indsats nummer", "nr", "initiative"],
    "title": ["titel", "indsats titel", "initiative title"],
    "kind": ["anlæg/drift", "art"],
    "carried_from": ["videreført", "videreført fra aftale", "carried over from"],
    "round": ["opfølgning", "runde nr", "budgetopfølgning"],
    "label": ["runde tekst", "round label"],
    "text": ["milestone", "milepæl tekst"],
    "status_note": ["status note", "statusnote", "status på indsats"],
    "smiley": ["smiley tekst", "smiley (tekst)", "smiley indsats", "indsats smiley"],
    "glyph": ["smiley tegn", "tegn"],
    "corrective_action": ["korrigerende handlinger"],
    "needs_review": ["kontrol", "kontrolleres"],
    "economy_text": ["economy", "økonomi tekst"],
    "economy_smiley": ["økonomi smiley (tekst)", "economy smiley", "smiley økonomi"],
    "economy_glyph": ["economy glyph"],
    "economy_review": ["økonomi kontrol", "economy needs review"],
}
_HEADER_ALIASES: dict[str, str] = {}
for _column in COLUMNS:
    for _name in [_column.header, _column.key, *_EXTRA_ALIASES.get(_column.key, [])]:
        _HEADER_ALIASES.setdefault(_norm(_name), _column.key)

_FACT_ALIASES: dict[str, str] = {}
for _key, _label in FACT_LABELS.items():
    for _name in (_label, _key):
        _FACT_ALIASES.setdefault(_norm(_name), _key)
for _name, _key in {
    "sagsnr": "case_number",
    "sagsnummer": "case_number",
    "kontaktperson": "contact_name",
    "email": "contact_email",
    "tlf": "contact_phone",
    "runde": "round",
    "opfølgning": "round",
}.items():
    _FACT_ALIASES.setdefault(_norm(_name), _key)


# --- reading the cells ----------------------------------------------------------------


@dataclass
class _Row:
    """One sheet row: its 1-based number, its values and the formulas of formula cells."""

    number: int
    values: tuple[Any, ...]
    formulas: dict[int, str] = field(default_factory=dict)


@dataclass
class _Sheet:
    name: str
    rows: list[_Row]


def _damaged(source: str, exc: BaseException) -> ReportFormatError:
    detail = str(exc).strip() or type(exc).__name__
    if len(detail) > 200:
        detail = detail[:199] + "…"
    return ReportFormatError(
        f"the XLSX file is damaged and cannot be read ({detail}); open it in Excel and "
        "save it again",
        source=source,
    )


def _read_rows(values_ws: Any, formulas_ws: Any, name: str, source: str) -> list[_Row]:
    """Read a sheet's rows (values as saved; formula cells noted, never evaluated).

    A cell merged down (an initiative's number over its four rows) holds its value in the top
    cell only: it is read on every row of the range.
    """
    grid: list[list[Any]] = []
    formulas_of: list[dict[int, str]] = []
    values_iter = values_ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    formulas_iter = formulas_ws.iter_rows(max_col=MAX_COLUMNS)
    for number, (values, cells) in enumerate(zip(values_iter, formulas_iter, strict=False), 1):
        if number > MAX_ROWS:
            raise ReportFormatError(
                f"sheet {name!r} has more than {MAX_ROWS:,} rows; a follow-up report has a "
                "few hundred (is this the right file?)",
                source=source,
            )
        formulas_of.append(
            {
                i: str(cell.value)
                for i, cell in enumerate(cells)
                if getattr(cell, "data_type", None) == "f"
            }
        )
        grid.append(list(values))
    fill_down(grid, merged_ranges(values_ws), max_col=MAX_COLUMNS)
    return [
        _Row(number, tuple(values), formulas)
        for number, (values, formulas) in enumerate(zip(grid, formulas_of, strict=True), 1)
    ]


def _load(data: bytes, source: str) -> list[_Sheet]:
    """Open the package safely and read every worksheet's rows."""
    package = archive.open_package(data, source=source, kind="XLSX")
    package.close()
    from openpyxl import load_workbook

    values_wb = formulas_wb = None
    try:
        values_wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas_wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheets = []
        for name in values_wb.sheetnames:
            values_ws = values_wb[name]
            if not hasattr(values_ws, "iter_rows"):
                continue  # a chart sheet
            rows = _read_rows(values_ws, formulas_wb[name], name, source)
            sheets.append(_Sheet(name, rows))
        return sheets
    except ReportFormatError:
        raise
    except Exception as exc:  # openpyxl/lxml raise many kinds on a damaged package
        raise _damaged(source, exc) from None
    finally:
        for workbook in (values_wb, formulas_wb):
            if workbook is not None:
                workbook.close()


def _text(value: Any) -> str:
    """Return a cell value as plain text (line breaks normalised, ends stripped)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, bool):
        return "ja" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- the parser -----------------------------------------------------------------------


@dataclass
class _Initiative:
    number: str
    first_row: int
    rows: dict[int, _Row] = field(default_factory=dict)  # round → row
    all_rows: list[_Row] = field(default_factory=list)


class _XlsxParser:
    def __init__(self, sheets: list[_Sheet], source: str, frown_means: Smiley) -> None:
        self.sheets = sheets
        self.source = source
        self.frown_means = frown_means
        self.warnings: list[Warning] = []
        self.sheet = ""
        self.columns: dict[str, int] = {}
        self.period: tuple[int, int] | None = None  # the agreement's years, from the facts
        self.legend = Legend()  # the workbook's own glyphs, from its reading guide

    # errors and warnings

    def error(self, message: str, row: int | None = None) -> ReportFormatError:
        where = f"sheet {self.sheet!r}" + (f", row {row}" if row is not None else "")
        return ReportFormatError(f"{where}: {message}", source=self.source)

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(Warning(f"sheet {self.sheet!r}, {where}", message))

    # layout

    def header_keys(self, row: _Row, *, strict: bool = False) -> dict[str, int]:
        """Return the columns a row names; `strict`: a column named twice is an error."""
        keys: dict[str, int] = {}
        for index, value in enumerate(row.values):
            if not isinstance(value, str):
                continue
            key = _HEADER_ALIASES.get(_norm(value))
            if key is None:
                continue
            if key in keys:
                if not strict:
                    continue
                header = _COLUMN_BY_KEY[key].header
                raise self.error(
                    f"the header row names column {header!r} twice (columns "
                    f"{_letter(keys[key])} and {_letter(index)}); expected each column once",
                    row.number,
                )
            keys[key] = index
        return keys

    @staticmethod
    def complete(keys: dict[str, int]) -> bool:
        return all(k in keys for k in REQUIRED) and any(k in keys for k in ONE_OF_SMILEY)

    def find_table(self) -> tuple[_Sheet, int]:
        """Return the sheet holding the table and the index of its header row."""
        ordered = sorted(
            (s for s in self.sheets if s.name not in (OVERVIEW_SHEET, METADATA_SHEET)),
            key=lambda s: s.name != MAIN_SHEET,
        )
        best: tuple[int, _Sheet, _Row, dict[str, int]] | None = None
        for sheet in ordered:
            self.sheet = sheet.name
            for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
                keys = self.header_keys(row)
                if self.complete(keys):
                    self.header_keys(row, strict=True)
                    return sheet, index
                if len(keys) >= 2 and (best is None or len(keys) > best[0]):
                    best = (len(keys), sheet, row, keys)
        expected = ", ".join(repr(_COLUMN_BY_KEY[k].header) for k in REQUIRED)
        expected += " and 'Smiley' or 'Smiley-tegn'"
        if best is not None:
            _, sheet, row, keys = best
            self.sheet = sheet.name
            missing = [repr(_COLUMN_BY_KEY[k].header) for k in REQUIRED if k not in keys]
            if not any(k in keys for k in ONE_OF_SMILEY):
                missing.append("'Smiley' or 'Smiley-tegn'")
            raise self.error(
                f"the table's header row lacks the column(s) {', '.join(missing)}; expected a "
                f"header row with the columns {expected} (see docs/formats.md)",
                row.number,
            )
        names = ", ".join(repr(s.name) for s in self.sheets) or "none"
        raise ReportFormatError(
            f"no sheet holds a follow-up table (sheets: {names}); expected a sheet "
            f"{MAIN_SHEET!r} with a header row with the columns {expected}",
            source=self.source,
        )

    def cell(self, row: _Row, key: str) -> Any:
        index = self.columns.get(key)
        if index is None or index >= len(row.values):
            return None
        return row.values[index]

    def text(self, row: _Row, key: str) -> str:
        return _text(self.cell(row, key))

    def note_formulas(self, row: _Row, names: dict[int, str]) -> None:
        for index, formula in sorted(row.formulas.items()):
            if index not in names:
                continue
            value = row.values[index] if index < len(row.values) else None
            saved = (
                f"dens gemte værdi «{_short(_text(value))}» er brugt"
                if value is not None
                else "den har ingen gemt værdi og er læst som tom"
            )
            self.warn(
                f"row {row.number}, column {names[index]!r}",
                f"cellen indeholder en formel ({_short(formula)}); formler beregnes aldrig: "
                f"{saved}",
            )

    # the parts

    def parse(self) -> ReportDocument:
        sheet, header_index = self.find_table()
        self.sheet = sheet.name
        header = sheet.rows[header_index]
        self.columns = self.header_keys(header, strict=True)
        column_names = {i: _COLUMN_BY_KEY[k].header for k, i in self.columns.items()}
        facts = self.facts(sheet.rows[:header_index])
        self.period = agreement_period(int(facts["year"]))
        reading_guide = self.reading_guide()
        self.legend = legend_from_guide(reading_guide)  # the document's own glyphs decide
        groups: dict[str, _Initiative] = {}
        for row in sheet.rows[header_index + 1 :]:
            if not any(_text(self.cell(row, key)) for key in self.columns):
                continue
            self.note_formulas(row, column_names)
            self.table_row(row, groups)
        if not groups:
            raise self.error(
                "the table has no rows; expected one row per initiative and round below the "
                "header row",
                header.number,
            )
        themes = self.themes(groups)
        return ReportDocument(
            title=facts["title"],
            agreement=AgreementRef(facts["agreement"], int(facts["year"])),
            committee=facts["committee"],
            round=int(facts["round"]),
            date=facts["date"],
            case_number=facts["case_number"],
            contact=Contact(
                name=facts["contact_name"],
                email=facts["contact_email"],
                phone=facts["contact_phone"],
            ),
            reading_guide=reading_guide,
            themes=themes,
            warnings=self.warnings,
        )

    def facts(self, rows: list[_Row]) -> dict[str, Any]:
        """Read the label/value cells above the table."""
        raw: dict[str, tuple[Any, int]] = {}
        for row in rows:
            names: dict[int, str] = {}
            index = 0
            while index < len(row.values) - 1:
                value = row.values[index]
                key = _FACT_ALIASES.get(_norm(value)) if isinstance(value, str) else None
                if key is None or key in raw:
                    index += 1
                    continue
                raw[key] = (row.values[index + 1], row.number)
                names[index + 1] = FACT_LABELS[key]
                index += 2
            self.note_formulas(row, names)
        facts: dict[str, Any] = {key: _text(raw.get(key, (None, 0))[0]) for key in FACT_LABELS}
        title_facts = parse_title(facts["title"]) if facts["title"] else None

        def where(key: str) -> int | None:
            return raw[key][1] if key in raw else None

        if not facts["agreement"] and title_facts is not None:
            facts["agreement"] = title_facts.agreement
        if not facts["committee"] and title_facts is not None:
            facts["committee"] = title_facts.committee
        for key in ("agreement", "committee"):
            if not facts[key]:
                raise self.error(
                    f"the report's {key} is missing; expected a cell {FACT_LABELS[key]!r} "
                    f"followed by its value above the table, or a title like "
                    f"'Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget'",
                    where(key),
                )
        year_text = facts["year"] or (m[1] if (m := _YEAR_RE.search(facts["agreement"])) else "")
        if re.fullmatch(r"[0-9]{1,4}", year_text) is None:
            raise self.error(
                f"the agreement's year {year_text!r} is not a year; expected a cell "
                f"{FACT_LABELS['year']!r} followed by a year like 2019",
                where("year"),
            )
        facts["year"] = int(year_text)
        round_text = facts["round"] or (str(title_facts.round) if title_facts else "")
        if round_text not in ("1", "2", "3", "4"):
            raise self.error(
                f"the report's round {round_text!r} is not a follow-up round; expected a cell "
                f"{FACT_LABELS['round']!r} followed by 1, 2, 3 or 4",
                where("round"),
            )
        facts["round"] = int(round_text)
        date_value = raw.get("date", (None, 0))[0]
        if isinstance(date_value, dt.datetime):
            facts["date"] = date_value.date()
        elif isinstance(date_value, dt.date):
            facts["date"] = date_value
        elif facts["date"]:
            parsed = _parse_date(facts["date"])
            if parsed is None:
                raise self.error(
                    f"the date {facts['date']!r} is not a date; expected a date like "
                    "2019-10-09 or 9. oktober 2019",
                    where("date"),
                )
            facts["date"] = parsed
        else:
            facts["date"] = None
        return facts

    def table_row(self, row: _Row, groups: dict[str, _Initiative]) -> None:
        number_value = self.cell(row, "number")
        number = _text(number_value)
        if isinstance(number_value, float):
            raise self.error(
                f"initiative number {number!r} is stored as a number, so 1.10 and 1.1 cannot "
                "be told apart; expected the number as text (format the column as Text)",
                row.number,
            )
        if not number:
            raise self.error(
                f"the row has no initiative number in column {_COLUMN_BY_KEY['number'].header!r}"
                "; expected one row per initiative and round (or an empty row)",
                row.number,
            )
        round_number = self.round_of(row, number)
        group = groups.get(number)
        if group is None:
            group = groups[number] = _Initiative(number, row.number)
        if round_number in group.rows:
            raise self.error(
                f"initiative {number} has two rows for round {round_number} (rows "
                f"{group.rows[round_number].number} and {row.number}); expected one row per "
                "round 1–4",
                row.number,
            )
        group.rows[round_number] = row
        group.all_rows.append(row)

    def round_of(self, row: _Row, number: str) -> int:
        value = self.cell(row, "round")
        text = _text(value)
        header = _COLUMN_BY_KEY["round"].header
        if not text:
            label = self.text(row, "label")
            parsed = parse_round_label(label) if label else None
            if parsed is not None:
                return parsed
            raise self.error(
                f"initiative {number}: the round cell (column {header!r}) is empty; expected "
                "1, 2, 3 or 4",
                row.number,
            )
        if text in ("1", "2", "3", "4"):
            return int(text)
        parsed = parse_round_label(text)
        if parsed is not None:
            return parsed
        raise self.error(
            f"initiative {number}: round {_short(text)!r} in column {header!r} is not a "
            "follow-up round; expected 1, 2, 3 or 4",
            row.number,
        )

    def agreed(self, rows: list[_Row], key: str, what: str) -> str:
        """Return the value of a per-initiative (or per-theme) column across rows."""
        found: str = ""
        found_row = 0
        for row in rows:
            value = self.text(row, key)
            if not value:
                continue
            if not found:
                found, found_row = value, row.number
            elif value != found:
                header = _COLUMN_BY_KEY[key].header
                raise self.error(
                    f"{what}: column {header!r} says {_short(found)!r} on row {found_row} but "
                    f"{_short(value)!r} here; expected the same value on all its rows "
                    "(or empty cells)",
                    row.number,
                )
        return found

    def themes(self, groups: dict[str, _Initiative]) -> list[ThemeDoc]:
        themes: dict[str, ThemeDoc] = {}
        theme_rows: dict[str, list[_Row]] = {}
        for group in groups.values():
            missing = [r for r in (1, 2, 3, 4) if r not in group.rows]
            if missing:
                rows = ", ".join(str(r.number) for r in group.all_rows)
                raise self.error(
                    f"initiative {group.number} has no row for round(s) "
                    f"{', '.join(map(str, missing))} (its rows: {rows}); expected one row per "
                    "round 1–4",
                    group.first_row,
                )
            ini = self.initiative(group)
            theme_number = self.agreed(group.all_rows, "theme_number", f"initiative {ini.number}")
            theme_number = theme_number or ini.number.split(".", 1)[0]
            if theme_number not in themes:
                themes[theme_number] = ThemeDoc(number=theme_number, title="")
                theme_rows[theme_number] = []
            themes[theme_number].initiatives.append(ini)
            theme_rows[theme_number].extend(group.all_rows)
        for number, theme in themes.items():
            theme.title = self.agreed(theme_rows[number], "theme_title", f"theme {number}")
        return list(themes.values())

    def initiative(self, group: _Initiative) -> InitiativeDoc:
        number = group.number
        rows = group.all_rows
        what = f"initiative {number}"
        values = {key: self.agreed(rows, key, what) for key in _PER_INITIATIVE}
        if not values["title"]:
            raise self.error(
                f"initiative {number} has no title; expected its title in column "
                f"{_COLUMN_BY_KEY['title'].header!r}",
                group.first_row,
            )
        kind_text = values["kind"]
        kind = kind_key(kind_text)
        if kind is None:
            kind_row = next((r.number for r in rows if self.text(r, "kind")), group.first_row)
            raise self.error(
                f"initiative {number}: kind {_short(kind_text)!r} in column "
                f"{_COLUMN_BY_KEY['kind'].header!r} is not a kind; expected {KIND_CELL_EXPECTED}",
                kind_row,
            )
        milestones = [self.milestone(group.rows[r], number, r) for r in (1, 2, 3, 4)]
        economy = self.economy(values, number, group.first_row)
        budget, notes = budget_from_economy_text(
            economy.text,
            kind=kind,
            where=f"sheet {self.sheet!r}, row {group.first_row}, initiative {number}, economy",
            period=self.period,
        )
        self.warnings.extend(notes)
        return InitiativeDoc(
            number=number,
            title=values["title"],
            kind=kind,
            description=values["description"],
            center=values["center"],
            committee=values["committee"],
            contributors=values["contributors"],
            involved_committees=values["involved_committees"],
            notes=values["notes"],
            heading=values["heading"],
            milestones=milestones,
            economy=economy,
            budget=budget,
            carried_from=values.get("carried_from", ""),
        )

    def review_flag(self, value: str, key: str, where: str, row: int) -> bool:
        low = value.casefold()
        if low in _YES:
            return True
        if low in _NO:
            return False
        raise self.error(
            f"{where}: {_short(value)!r} in column {_COLUMN_BY_KEY[key].header!r} is not a "
            "yes/no value; expected 'ja' or an empty cell",
            row,
        )

    def smiley(
        self,
        *,
        text: str,
        glyph: str,
        review: bool,
        economy: bool,
        where: str,
        row: int,
        subject: str,
    ) -> tuple[Smiley | None, str | None, bool]:
        """Read a smiley from its text and glyph cells: the text wins over the glyph."""
        keys = ("economy_smiley", "economy_glyph") if economy else ("smiley", "glyph")
        expected = _ECONOMY_WORDS if economy else _EFFORT_WORDS

        def read(cell: str, key: str) -> GlyphReading:
            try:
                if economy:
                    return read_economy_glyph(cell)
                return read_effort_glyph(cell, frown_means=self.frown_means, legend=self.legend)
            except UnknownGlyph:
                raise self.error(
                    f"{subject}: {_short(cell)!r} in column {_COLUMN_BY_KEY[key].header!r} is "
                    f"not a known smiley; expected {expected} or an empty cell",
                    row,
                ) from None

        glyph_value = glyph or None
        if text:
            reading = read(text, keys[0])
            if reading.needs_review:
                self.warn(where, reading.reason)
                return reading.smiley, glyph_value or reading.glyph, True
            if glyph and not self.glyph_fits(glyph, reading.smiley, economy):
                self.warn(
                    where,
                    f"smileyteksten «{text}» og tegnet «{glyph}» er uenige; teksten er brugt",
                )
            if review:
                self.warn(where, self.review_message(keys, smiley=reading.smiley, glyph=glyph))
            return reading.smiley, glyph_value, review
        if glyph:
            reading = read(glyph, keys[1])
            if reading.needs_review:
                self.warn(where, reading.reason)
            elif review:
                self.warn(where, self.review_message(keys, smiley=reading.smiley, glyph=glyph))
            return reading.smiley, reading.glyph, reading.needs_review or review
        if review:
            self.warn(where, self.review_message(keys, smiley=None, glyph=""))
        return None, None, review

    @staticmethod
    def review_message(keys: tuple[str, str], *, smiley: Smiley | None, glyph: str) -> str:
        column = "economy_review" if keys[0] == "economy_smiley" else "needs_review"
        read = LABELS_DA[smiley] if smiley else "ingen smiley"
        shown = f", tegn {glyph}" if glyph else ""
        return (
            f"markeret til kontrol i kolonnen {_COLUMN_BY_KEY[column].header!r} "
            f"(læst som {read}{shown}); kontrollér og fjern markeringen"
        )

    def glyph_fits(self, glyph: str, smiley: Smiley | None, economy: bool) -> bool:
        base = glyph.replace("\ufe0f", "").replace("\ufe0e", "")
        if not economy and (levels := self.legend.meanings.get(base)):
            return smiley in levels  # the levels the workbook's own guide gives the glyph
        if base == AMBIGUOUS_FROWN:
            return smiley in ((Smiley.SAD,) if economy else (Smiley.NEUTRAL, Smiley.SAD))
        try:
            reading = read_economy_glyph(glyph) if economy else read_effort_glyph(glyph)
        except UnknownGlyph:
            return False
        return reading.smiley is smiley or (economy and reading.smiley is None)

    def milestone(self, row: _Row, number: str, round_number: int) -> MilestoneDoc:
        where = f"row {row.number}, initiative {number}, round {round_number}"
        subject = f"initiative {number}, round {round_number}"
        review = self.review_flag(
            self.text(row, "needs_review"), "needs_review", subject, row.number
        )
        smiley, glyph, needs_review = self.smiley(
            text=self.text(row, "smiley"),
            glyph=self.text(row, "glyph"),
            review=review,
            economy=False,
            where=where,
            row=row.number,
            subject=subject,
        )
        return MilestoneDoc(
            round=round_number,
            label=self.text(row, "label"),
            text=self.text(row, "text"),
            status_note=self.text(row, "status_note"),
            smiley=smiley,
            glyph=glyph,
            needs_review=needs_review,
            corrective_action=self.text(row, "corrective_action"),
        )

    def economy(self, values: dict[str, str], number: str, row: int) -> EconomyDoc:
        subject = f"initiative {number}, economy"
        review = self.review_flag(values["economy_review"], "economy_review", subject, row)
        smiley, glyph, needs_review = self.smiley(
            text=values["economy_smiley"],
            glyph=values["economy_glyph"],
            review=review,
            economy=True,
            where=f"row {row}, initiative {number}, economy",
            row=row,
            subject=subject,
        )
        return EconomyDoc(
            text=values["economy_text"],
            smiley=smiley,
            glyph=glyph,
            needs_review=needs_review,
            note=values.get("economy_note", ""),
            reason=values.get("economy_reason", ""),
        )

    def reading_guide(self) -> str:
        sheet = next((s for s in self.sheets if s.name == METADATA_SHEET), None)
        if sheet is None:
            return ""
        for row in sheet.rows:
            if len(row.values) >= 2 and _norm(_text(row.values[0])) in (
                "reading guide",
                "læsevejledning",
            ):
                return _text(row.values[1])
        return ""


def parse_xlsx(
    data: bytes, *, source: str = "<input>", frown_means: Smiley = Smiley.NEUTRAL
) -> ReportDocument:
    """Parse an Excel workbook in the layout exporters.xlsx writes into a ReportDocument.

    `frown_means` is how an effort ☹ glyph without a smiley text is read; each such cell is
    flagged `needs_review` and listed in `warnings` (naming sheet, row, initiative, round).
    Raises ReportFormatError naming the file, sheet and row for anything unreadable.
    """
    sheets = _load(data, source)
    return _XlsxParser(sheets, source, frown_means).parse()
