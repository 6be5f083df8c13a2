"""Read a department sheet (exporters.department_xlsx) back into plain domain rows.

The package is checked by archive.open_package before anything is unpacked (the size limit
the caller passes, a password-protected or old binary file, a renamed file, a corrupt
package, a zip bomb); then openpyxl reads it in read-only mode with `data_only=True`
(formulas are never evaluated). Every refusal is a SheetError: a Danish message naming the
file, the row when there is one, and what to do. Whether a row may be stored (its center,
its version) is the caller's decision; this module only reads.

A department's own spreadsheet (no hidden sheet «Om arket») is read when the caller says
which round and center it is for (`identity`): a title merged across the top and facts such
as Dato or Sagsnr. above the table are passed over, the headers are matched against the
Danish synonyms of followup.department_sheet (or a column mapping), extra columns are
ignored with one warning, cells merged down an initiative's rows are filled down, and an
initiative with four rows (one per round) gives the row of the identity's round. Headers
that cannot all be matched raise HeaderError, which carries the table so that the caller can
ask which column is which and read it again with `rows_from_table`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from ..followup.department_sheet import (
    COLUMN_BY_KEY,
    FORMAT_NAME,
    HEADER_ROW,
    META_SHEET,
    OWN_FIELDS,
    OWN_REQUIRED,
    REQUIRED_KEYS,
    SHEET_NAME,
    SheetIdentity,
    SheetValues,
    UploadedRow,
    UploadedSheet,
    header_field,
    header_fingerprint,
    mapping_problems,
    smiley_from_cell,
    smiley_problem,
)
from ..followup.errors import ReportFormatError
from ..followup.smileys import UnknownGlyph
from . import archive
from .merged import fill_down, merged_ranges

__all__ = [
    "MAX_ROWS",
    "HeaderError",
    "OwnTable",
    "SheetError",
    "check_size",
    "parse_department_xlsx",
    "rows_from_table",
]

MAX_ROWS = 5000  # a center has tens of initiatives
MAX_COLUMNS = 30
HEADER_SEARCH_ROWS = 20
AGAIN = "Hent regnearket igen under opfølgningen i Opfølgning, og upload det udfyldte ark."


class SheetError(ReportFormatError):
    """A department sheet that cannot be read: the file, the row, and what to do, in Danish."""

    def __str__(self) -> str:
        where = f"Filen «{self.source or 'regnearket'}»"
        if self.line is not None:
            where += f", række {self.line}"
        return f"{where}: {self.detail}"


def _mb(size: int) -> str:
    return f"{size / 1048576:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _package_problem(data: bytes, max_unpacked: int) -> str:
    """Return, in Danish, why archive.open_package refused a ZIP file."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, NotImplementedError):
        return (
            "den er beskadiget og kan ikke læses. Åbn den i Excel, gem den igen som "
            f"Excel-projektmappe (.xlsx), og upload den igen. {AGAIN}"
        )
    names = {m.filename for m in members}
    unpacked = sum(m.file_size for m in members)
    packed_tightly = any(
        m.file_size > 1048576 and m.file_size > archive.MAX_RATIO * max(m.compress_size, 1)
        for m in members
    )
    if len(members) > archive.MAX_MEMBERS or unpacked > max_unpacked or packed_tightly:
        return (
            f"den er afvist, før den blev pakket ud: den ville fylde {_mb(unpacked)} MB "
            "udpakket (en såkaldt zip-bombe, eller ikke et regneark fra Opfølgning). "
            f"{AGAIN}"
        )
    if archive.REQUIRED_MEMBER["DOCX"] in names:
        return (
            f"den er et Word-dokument (.docx), der er omdøbt til .xlsx, ikke et regneark. {AGAIN}"
        )
    return f"den er ikke et Excel-regneark (.xlsx). {AGAIN}"


def check_size(size: int, *, source: str, max_bytes: int) -> None:
    """Refuse a file over the size limit (callers check an upload's size before reading it)."""
    if size > max_bytes:
        raise SheetError(
            f"den fylder {_mb(size)} MB; grænsen er {_mb(max_bytes)} MB. Et regneark "
            "til centrene fylder under 1 MB: er det den rigtige fil? Fjern billeder og andre "
            "ark, eller hent regnearket igen.",
            source=source,
        )


def _open_safely(data: bytes, source: str, max_bytes: int) -> None:
    """Refuse a file that is too large, encrypted, renamed, corrupt or a zip bomb."""
    check_size(len(data), source=source, max_bytes=max_bytes)
    if archive.is_ole(data):
        raise SheetError(
            "den er beskyttet med en adgangskode (eller gemt i det gamle .xls-format). Fjern "
            "adgangskoden i Excel (Filer › Oplysninger › Beskyt projektmappe), gem som "
            "Excel-projektmappe (.xlsx), og upload igen.",
            source=source,
        )
    if not archive.is_zip(data):
        raise SheetError(
            "den er ikke et Excel-regneark (.xlsx); er det en anden slags fil, der er "
            f"omdøbt? {AGAIN}",
            source=source,
        )
    try:
        package = archive.open_package(data, source=source, kind="XLSX")
    except ReportFormatError:
        raise SheetError(
            _package_problem(data, archive.MAX_UNPACKED_BYTES), source=source
        ) from None
    package.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _read(
    data: bytes, source: str
) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, list[tuple[int, int, int, int]]]]:
    """Return each sheet's rows; without the hidden sheet, also each sheet's merged ranges."""
    from openpyxl import load_workbook

    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        own = META_SHEET not in workbook.sheetnames
        sheets: dict[str, list[tuple[Any, ...]]] = {}
        merges: dict[str, list[tuple[int, int, int, int]]] = {}
        for name in workbook.sheetnames:
            ws = workbook[name]
            if not hasattr(ws, "iter_rows"):
                continue  # a chart sheet
            rows: list[tuple[Any, ...]] = []
            for number, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
                if number > MAX_ROWS + HEADER_ROW:
                    raise SheetError(
                        f"arket «{name}» har mere end {MAX_ROWS:,} rækker; et center har "
                        f"nogle få titals indsatser. Er det den rigtige fil? {AGAIN}".replace(
                            ",", "."
                        ),
                        source=source,
                    )
                rows.append(tuple(values))
            sheets[name] = rows
            if own:
                merges[name] = merged_ranges(ws)
        return sheets, merges
    except SheetError:
        raise
    except Exception:  # openpyxl/lxml raise many kinds on a damaged package
        raise SheetError(
            "den er beskadiget og kan ikke læses. Åbn den i Excel, gem den igen som "
            f"Excel-projektmappe (.xlsx), og upload den igen. {AGAIN}",
            source=source,
        ) from None
    finally:
        if workbook is not None:
            workbook.close()


def _identity(rows: list[tuple[Any, ...]] | None, source: str) -> SheetIdentity:
    not_ours = (
        "den er ikke et regneark fra Opfølgning til centrene (det skjulte ark "
        f"«{META_SHEET}» mangler eller er ændret). {AGAIN}"
    )
    if rows is None:
        raise SheetError(not_ours, source=source)
    facts = {_text(r[0]): _text(r[1]) for r in rows if len(r) >= 2 and r[0] is not None}
    if facts.get("format") != FORMAT_NAME:
        raise SheetError(not_ours, source=source)
    try:
        return SheetIdentity(
            year=int(facts["year"]),
            round_number=int(facts["round"]),
            center_id=int(facts["center_id"]),
            center=facts.get("center", ""),
            agreement=facts.get("agreement", ""),
        )
    except (KeyError, ValueError):
        raise SheetError(not_ours, source=source) from None


_HEADERS = {_norm(c.header): c.key for c in COLUMN_BY_KEY.values()}


def _header_keys(values: tuple[Any, ...]) -> dict[str, int]:
    keys: dict[str, int] = {}
    for index, value in enumerate(values):
        if not isinstance(value, str):
            continue
        text = _norm(value)
        # "Forrige status (2. opfølgning)": the round's name follows the header in brackets.
        key = _HEADERS.get(text) or _HEADERS.get(text.split(" (")[0])
        if key is not None and key not in keys:
            keys[key] = index
    return keys


def _find_header(rows: list[tuple[Any, ...]], source: str) -> tuple[int, dict[str, int]]:
    """Return the index of the header row and its columns; refuse a sheet without one."""
    best: tuple[int, dict[str, int]] | None = None
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = _header_keys(values)
        if all(k in keys for k in REQUIRED_KEYS):
            return index, keys
        if keys and (best is None or len(keys) > len(best[1])):
            best = (index, keys)
    expected = ", ".join(f"«{COLUMN_BY_KEY[k].header}»" for k in REQUIRED_KEYS)
    if best is not None:
        index, keys = best
        missing = ", ".join(f"«{COLUMN_BY_KEY[k].header}»" for k in REQUIRED_KEYS if k not in keys)
        raise SheetError(
            f"overskriftsrækken i arket «{SHEET_NAME}» mangler kolonnen/kolonnerne {missing} "
            f"(de skjulte kolonner Version og Kontrol skal også være der). {AGAIN}",
            source=source,
            line=index + 1,
        )
    raise SheetError(
        f"arket «{SHEET_NAME}» har ingen overskriftsrække (den skulle stå i række {HEADER_ROW} "
        f"med kolonnerne {expected}); den er måske slettet. Intet er gemt. {AGAIN} "
        "Kopiér jeres tekster over i det nye ark.",
        source=source,
        line=HEADER_ROW,
    )


def _row(values: tuple[Any, ...], keys: dict[str, int], number: int) -> UploadedRow | None:
    def cell(key: str) -> str:
        index = keys.get(key)
        return _text(values[index]) if index is not None and index < len(values) else ""

    initiative = cell("number")
    filled = [cell(k) for k in ("number", "status_note", "smiley", "corrective_action")]
    if not any(filled):
        return None  # a blank row
    problem = ""
    smiley_text = cell("smiley")
    try:
        smiley = smiley_from_cell(smiley_text)
    except UnknownGlyph:
        smiley, problem = "", smiley_problem(smiley_text)
    version_text = cell("version")
    try:
        version = int(version_text) if version_text else -1
    except ValueError:
        version = -1
    if version < 0 and not problem:
        problem = (
            "den skjulte kolonne Version er tom eller ændret, så det kan ikke ses, om "
            "indsatsen er ændret i browseren imens; hent regnearket igen"
        )
    if not initiative and not problem:
        problem = "rækken har intet indsatsnummer; skriv kun i de gule felter i arkets rækker"
    return UploadedRow(
        sheet_row=number,
        number=initiative,
        version=max(version, 0),
        values=SheetValues(cell("status_note"), smiley, cell("corrective_action")),
        smiley_text=smiley_text,
        check=cell("check"),
        problem=problem,
    )


def parse_department_xlsx(
    data: bytes,
    *,
    source: str,
    max_bytes: int,
    identity: SheetIdentity | None = None,
    columns: dict[int, str] | None = None,
) -> UploadedSheet:
    """Return a department sheet's identity and rows; raise SheetError when it is unreadable.

    A sheet without the hidden sheet «Om arket» is read as the department's own sheet when
    `identity` says which round and center it is for; `columns` (column index → field, ""
    ignored) then says which column is which instead of the headers' synonyms.
    """
    _open_safely(data, source, max_bytes)
    sheets, merges = _read(data, source)
    if META_SHEET not in sheets and identity is not None:
        table = read_own_table(sheets, merges, source)
        return rows_from_table(table, columns, source=source, identity=identity)
    identity = _identity(sheets.get(META_SHEET), source)
    rows = sheets.get(SHEET_NAME)
    if rows is None:
        names = ", ".join(f"«{name}»" for name in sheets if name != META_SHEET) or "ingen"
        raise SheetError(
            f"den har intet ark «{SHEET_NAME}» (arkene hedder {names}); omdøb arket "
            f"tilbage til «{SHEET_NAME}», eller hent regnearket igen.",
            source=source,
        )
    header, keys = _find_header(rows, source)
    result = []
    for index in range(header + 1, len(rows)):
        row = _row(rows[index], keys, index + 1)
        if row is not None:
            result.append(row)
    return UploadedSheet(source=source, identity=identity, rows=result)


# --- a department's own spreadsheet ------------------------------------------------------

_ROUND_RE = re.compile(r"^\s*([1-4])\b")


@dataclass
class OwnTable:
    """The table of a department's own sheet, as text: its header row and the rows below it.

    Cells merged down are filled down; `lines` holds (sheet row, cell texts) of every
    non-blank row below the header. Plain data, so that it can travel in a signed token.
    """

    sheet: str
    header_line: int
    headers: list[str]
    lines: list[tuple[int, list[str]]] = field(default_factory=list)
    #: The cells that held a decimal number, as "row:column" (1.10 and 1.1 are one number).
    decimals: list[str] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """Return the code of the header row (followup.department_sheet.header_fingerprint)."""
        return header_fingerprint(self.headers)

    def sample(self, index: int) -> str:
        """Return the first value below a header, shortened, or ""."""
        for _line, cells in self.lines:
            if index < len(cells) and cells[index]:
                text = " ".join(cells[index].split())
                return text if len(text) <= 40 else text[:39] + "…"
        return ""

    def guesses(self) -> dict[int, str]:
        """Return the field each header names by its synonyms (the first column of a field)."""
        keys: dict[int, str] = {}
        for index, header in enumerate(self.headers):
            key = header_field(header) if header else ""
            if key and key not in keys.values():
                keys[index] = key
        return keys


class HeaderError(SheetError):
    """A department's own sheet whose headers do not name every field: ask for the mapping."""

    def __init__(self, message: str, *, source: str, table: OwnTable, missing: list[str]):
        super().__init__(message, source=source, line=table.header_line)
        self.table = table
        self.missing = missing


def _grid(rows: list[tuple[Any, ...]], merged: list[tuple[int, int, int, int]]) -> list[list[Any]]:
    """Return a sheet's cell values, with each cell merged down filled from the top cell."""
    grid = [list(values) for values in rows]
    fill_down(grid, merged, max_col=MAX_COLUMNS)
    return grid


def _header_score(values: list[Any]) -> tuple[int, int]:
    texts = [_text(v) for v in values if isinstance(v, str) and v.strip()]
    return len({header_field(t) for t in texts} - {""}), len(set(texts))


def read_own_table(
    sheets: dict[str, list[tuple[Any, ...]]],
    merges: dict[str, list[tuple[int, int, int, int]]],
    source: str,
) -> OwnTable:
    """Return the table of a department's own sheet: the sheet and row with the best headers."""
    best: tuple[tuple[int, int], str, int, list[list[Any]]] | None = None
    for name in sorted(sheets, key=lambda n: n != SHEET_NAME):
        grid = _grid(sheets[name], merges.get(name, []))
        for index, values in enumerate(grid[:HEADER_SEARCH_ROWS]):
            score = _header_score(values)
            if score[1] >= 2 and (best is None or score > best[0]):
                best = (score, name, index, grid)
    if best is None:
        raise SheetError(
            "den har ingen tabel med overskrifter (fx «Nr.», «Status», «Smiley», «Korrigerende "
            f"handling») i de første {HEADER_SEARCH_ROWS} rækker. Skriv overskrifterne over "
            "kolonnerne, eller hent Opfølgnings regneark til centret og brug det.",
            source=source,
        )
    _score, name, index, grid = best
    width = max(len(r) for r in grid[index:]) if grid[index:] else 0
    headers = [_text(v) for v in grid[index]] + [""] * (width - len(grid[index]))
    while headers and not headers[-1]:
        headers.pop()
    table = OwnTable(sheet=name, header_line=index + 1, headers=headers)
    for number in range(index + 1, len(grid)):
        values = grid[number][: len(headers)]
        cells = [_text(v) for v in values]
        if any(cells):
            table.lines.append((number + 1, cells))
            table.decimals.extend(
                f"{number + 1}:{i}"
                for i, v in enumerate(values)
                if isinstance(v, float) and not v.is_integer()
            )
    return table


def _missing_error(table: OwnTable, source: str, keys: dict[int, str]) -> HeaderError:
    missing = [k for k in OWN_REQUIRED if k not in keys.values()]
    found = ", ".join(f"«{h}»" for h in table.headers if h) or "ingen"
    names = ", ".join(f"«{OWN_FIELDS[k]}»" for k in missing)
    return HeaderError(
        f"arket «{table.sheet}» har overskrifterne {found}, men ingen af dem kan læses som "
        f"{names}. Intet er gemt. Omdøb kolonnerne (fx «Nr.», «Status», «Smiley indsats», "
        "«Korrigerende handling»), eller angiv, hvilken kolonne der er hvilket felt "
        "(kolonnekoblingen ved upload i browseren).",
        source=source,
        table=table,
        missing=missing,
    )


def rows_from_table(
    table: OwnTable,
    columns: dict[int, str] | None,
    *,
    source: str,
    identity: SheetIdentity,
) -> UploadedSheet:
    """Return the rows of a department's own sheet for the identity's round.

    `columns` (column index → field, "" ignored) says which column is which; without it the
    headers' synonyms do. Raise HeaderError when a field the upload needs has no column.
    """
    if columns is None:
        keys = table.guesses()
        if any(k not in keys.values() for k in OWN_REQUIRED):
            raise _missing_error(table, source, keys)
    else:
        problems = mapping_problems(columns, table.headers)
        if problems:
            raise HeaderError(
                f"kolonnekoblingen kan ikke bruges: {'; '.join(problems)}.",
                source=source,
                table=table,
                missing=[k for k in OWN_REQUIRED if k not in columns.values()],
            )
        keys = {i: k for i, k in columns.items() if k and i < len(table.headers)}
    warnings = []
    ignored = [f"«{h}»" for i, h in enumerate(table.headers) if h and i not in keys]
    if ignored:
        warnings.append(
            f"Arket «{table.sheet}», række {table.header_line}: "
            + (
                f"kolonnen {ignored[0]}"
                if len(ignored) == 1
                else f"kolonnerne {', '.join(ignored)}"
            )
            + " bruges ikke ved upload og er sprunget over."
        )
    index_of = {k: i for i, k in keys.items()}

    def cell(cells: list[str], key: str) -> str:
        index = index_of.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    groups: dict[str, list[tuple[int, list[str]]]] = {}
    result: list[UploadedRow] = []
    decimals = set(table.decimals)
    for line, cells in table.lines:
        if not any(cell(cells, k) for k in keys.values()):
            continue
        number = cell(cells, "number")
        if not number:
            result.append(_own_row(line, cells, cell, "rækken har intet indsatsnummer"))
            continue
        if f"{line}:{index_of['number']}" in decimals:
            result.append(
                _own_row(
                    line,
                    cells,
                    cell,
                    f"indsatsnummeret {number} er gemt som et tal, så fx 1.10 og 1.1 ikke kan "
                    "skelnes; formatér kolonnen som tekst, og skriv numrene igen",
                )
            )
            continue
        groups.setdefault(number, []).append((line, cells))
    round_number = identity.round_number
    four_rows = False
    for number, lines in groups.items():
        if "round" in index_of:
            chosen = []
            for line, cells in lines:
                found = _ROUND_RE.match(cell(cells, "round"))
                if found is None:
                    result.append(
                        _own_row(
                            line,
                            cells,
                            cell,
                            f"opfølgningen «{cell(cells, 'round')}» kendes ikke; skriv 1, 2, 3 "
                            "eller 4",
                        )
                    )
                elif int(found[1]) == round_number:
                    chosen.append((line, cells))
            result.extend(_own_row(line, cells, cell, "") for line, cells in chosen)
        elif len(lines) == 1:
            result.append(_own_row(*lines[0], cell, ""))
        elif len(lines) == 4:
            four_rows = True
            result.append(_own_row(*lines[round_number - 1], cell, ""))
        else:
            rows = ", ".join(str(line) for line, _cells in lines)
            result.append(
                _own_row(
                    *lines[0],
                    cell,
                    f"indsats {number} har {len(lines)} rækker ({rows}); skriv én række pr. "
                    "indsats, fire (én pr. opfølgning), eller tilføj en kolonne «Opfølgning»",
                )
            )
    if four_rows:
        warnings.append(
            f"Arket «{table.sheet}»: indsatserne har fire rækker hver uden en kolonne "
            f"«Opfølgning»; række {round_number} af hver indsats er læst som "
            f"{round_number}. opfølgning."
        )
    result.sort(key=lambda r: r.sheet_row)
    return UploadedSheet(source=source, identity=identity, rows=result, warnings=warnings, own=True)


def _own_row(line: int, cells: list[str], cell: Any, problem: str) -> UploadedRow:
    smiley_text = cell(cells, "smiley")
    smiley = ""
    if not problem:
        try:
            smiley = smiley_from_cell(smiley_text)
        except UnknownGlyph:
            problem = (
                f"smileyen {smiley_text.strip()!r} kendes ikke; skriv glad, mellemfornøjet "
                "eller sur (eller grøn, gul, rød), eller - for ingen smiley"
            )
    return UploadedRow(
        sheet_row=line,
        number=cell(cells, "number"),
        version=0,
        values=SheetValues(cell(cells, "status_note"), smiley, cell(cells, "corrective_action")),
        smiley_text=smiley_text,
        check="",
        problem=problem,
    )
