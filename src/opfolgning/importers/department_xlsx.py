"""Read a department sheet (exporters.department_xlsx) back into plain domain rows.

The package is checked by archive.open_package before anything is unpacked (the size limit
the caller passes, a password-protected or old binary file, a renamed file, a corrupt
package, a zip bomb); then openpyxl reads it in read-only mode with `data_only=True`
(formulas are never evaluated). Every refusal is a SheetError: a Danish message naming the
file, the row when there is one, and what to do. Whether a row may be stored (its center,
its version) is the caller's decision; this module only reads.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from ..followup.department_sheet import (
    COLUMN_BY_KEY,
    FORMAT_NAME,
    HEADER_ROW,
    META_SHEET,
    REQUIRED_KEYS,
    SHEET_NAME,
    SheetIdentity,
    SheetValues,
    UploadedRow,
    UploadedSheet,
    smiley_from_cell,
    smiley_problem,
)
from ..followup.errors import ReportFormatError
from ..followup.smileys import UnknownGlyph
from . import archive

__all__ = ["MAX_ROWS", "SheetError", "check_size", "parse_department_xlsx"]

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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
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


def _read(data: bytes, source: str) -> dict[str, list[tuple[Any, ...]]]:
    from openpyxl import load_workbook

    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets: dict[str, list[tuple[Any, ...]]] = {}
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
        return sheets
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


def parse_department_xlsx(data: bytes, *, source: str, max_bytes: int) -> UploadedSheet:
    """Return a department sheet's identity and rows; raise SheetError when it is unreadable."""
    _open_safely(data, source, max_bytes)
    sheets = _read(data, source)
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
