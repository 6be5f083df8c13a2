"""Write a ReportDocument as an Excel workbook (the layout importers.xlsx reads back).

The layout (documented in docs/formats.md, "XLSX and CSV"):

- sheet "Opfølgning": report facts in label/value pairs in the first rows (TABLE_HEADER_ROW
  - 2 rows), a blank row, then the table: a header row with COLUMNS and one row per
  initiative and round (four rows per initiative); the optional columns (review flags, source
  glyphs, sub-headings, the economy's note and reason) only when some row has something in
  them, and optional facts only when the report has them.
  Initiative columns (title, description, economy, …) repeat on each of an initiative's four
  rows. Header row frozen, auto filter on.
- sheet "Overblik": smileys per theme at the report's round and per round (followup.overview);
  when an initiative has a budget, two rows below: "Økonomi i alt" (adopted and amended sums
  per theme and year), the approved changes and each initiative's budget, in whole kroner.
- hidden sheet "Metadata": the format name and version, and the reading guide.

Every text cell is written as a string (never a formula); a text beginning with = + - @ also
gets Excel's quote prefix so that editing the cell in Excel keeps it text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opfolgning.followup.sheet import COLUMNS as COLUMNS
from opfolgning.followup.sheet import FACT_LABELS as FACT_LABELS
from opfolgning.followup.sheet import FACT_ROWS, Column
from opfolgning.followup.sheet import FORMAT_NAME as FORMAT_NAME
from opfolgning.followup.sheet import FORMAT_VERSION as FORMAT_VERSION
from opfolgning.followup.sheet import MAIN_SHEET as MAIN_SHEET
from opfolgning.followup.sheet import METADATA_SHEET as METADATA_SHEET
from opfolgning.followup.sheet import OVERVIEW_SHEET as OVERVIEW_SHEET
from opfolgning.followup.sheet import REVIEW_YES as REVIEW_YES
from opfolgning.followup.sheet import TABLE_HEADER_ROW as TABLE_HEADER_ROW
from opfolgning.followup.vocabulary import kind_words

from ..followup.document import (
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from ..followup.overview import Counts, overview
from ..followup.smileys import LABELS_DA, Smiley

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from .economy import ReportEconomy

__all__ = [
    "COLUMNS",
    "FACT_LABELS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "KIND_WORDS",
    "MAIN_SHEET",
    "METADATA_SHEET",
    "OVERVIEW_SHEET",
    "REVIEW_YES",
    "TABLE_HEADER_ROW",
    "Column",
    "economy_rows",
    "render_report_xlsx",
    "table_rows",
]

KIND_WORDS = kind_words()

Cell = str | int


def _smiley_text(smiley: Smiley | None) -> str:
    return LABELS_DA[smiley] if smiley else ""


def _review(flag: bool) -> str:
    return REVIEW_YES if flag else ""


@dataclass(frozen=True)
class _Row:
    theme: ThemeDoc
    ini: InitiativeDoc
    milestone: MilestoneDoc


_Getter = Callable[[_Row], Cell]


def _economy(row: _Row) -> EconomyDoc:
    return row.ini.economy


def _economy_review(row: _Row) -> str:
    return _review(row.ini.economy.needs_review)


def _corrective(row: _Row) -> str:
    return row.milestone.corrective_action


# How each column's cell is written, by column key (the layout is followup.sheet.COLUMNS).
_CELLS: dict[str, _Getter] = {
    "theme_number": lambda r: r.theme.number,
    "theme_title": lambda r: r.theme.title,
    "heading": lambda r: r.ini.heading,
    "number": lambda r: r.ini.number,
    "title": lambda r: r.ini.title,
    "kind": lambda r: KIND_WORDS.get(r.ini.kind, r.ini.kind),
    "description": lambda r: r.ini.description,
    "center": lambda r: r.ini.center,
    "committee": lambda r: r.ini.committee,
    "contributors": lambda r: r.ini.contributors,
    "involved_committees": lambda r: r.ini.involved_committees,
    "carried_from": lambda r: r.ini.carried_from,
    "notes": lambda r: r.ini.notes,
    "round": lambda r: r.milestone.round,
    "label": lambda r: r.milestone.label,
    "text": lambda r: r.milestone.text,
    "status_note": lambda r: r.milestone.status_note,
    "smiley": lambda r: _smiley_text(r.milestone.smiley),
    "glyph": lambda r: r.milestone.glyph or "",
    "needs_review": lambda r: _review(r.milestone.needs_review),
    "corrective_action": _corrective,
    "economy_text": lambda r: _economy(r).text,
    "economy_smiley": lambda r: _smiley_text(_economy(r).smiley),
    "economy_glyph": lambda r: _economy(r).glyph or "",
    "economy_review": _economy_review,
    "economy_note": lambda r: _economy(r).note,
    "economy_reason": lambda r: _economy(r).reason,
}  # fmt: skip
#: Columns left out when no row of the report has anything in them (a reader's copy, a checked
#: report or one without such notes): the review flags, the source's glyphs, sub-headings and
#: the economy's note and reason. (Notes and corrective actions stay: people fill them in.)
OPTIONAL_COLUMNS = (
    "heading",
    "glyph",
    "needs_review",
    "economy_glyph",
    "economy_review",
    "economy_note",
    "economy_reason",
)
#: Facts a report may lack; when it does, neither label nor value is written.
OPTIONAL_FACTS = ("date", "case_number", "contact_name", "contact_email", "contact_phone")


def _rows_of(ini: InitiativeDoc) -> list[MilestoneDoc]:
    """Return the initiative's milestones for rounds 1–4 (an absent round as an empty one)."""
    by_round = {m.round: m for m in ini.milestones}
    extra = [m for m in ini.milestones if m.round not in (1, 2, 3, 4)]
    return [by_round.get(r) or MilestoneDoc(round=r) for r in (1, 2, 3, 4)] + extra


def table(doc: ReportDocument) -> tuple[tuple[Column, ...], list[list[Cell]]]:
    """Return the main table's columns and rows (one per initiative and round): COLUMNS,
    without the optional columns that are empty in every row."""
    getters = [_CELLS[column.key] for column in COLUMNS]
    full: list[list[Cell]] = []
    for theme in doc.themes:
        for ini in theme.initiatives:
            for milestone in _rows_of(ini):
                row = _Row(theme, ini, milestone)
                full.append([get(row) for get in getters])
    keep = [
        i
        for i, column in enumerate(COLUMNS)
        if column.key not in OPTIONAL_COLUMNS or any(row[i] not in ("", None) for row in full)
    ]
    return tuple(COLUMNS[i] for i in keep), [[row[i] for i in keep] for row in full]


def table_rows(doc: ReportDocument) -> list[list[Cell]]:
    """Return the main table's rows (without the header row)."""
    return table(doc)[1]


def header_row(doc: ReportDocument) -> list[str]:
    """Return the main table's header row."""
    return [c.header for c in table(doc)[0]]


# --- writing --------------------------------------------------------------------------

# Characters XML 1.0 cannot hold (openpyxl refuses them); they are dropped.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORMULA_STARTS = ("=", "+", "-", "@")


def _put(ws: Worksheet, row: int, column: int, value: Cell | None) -> None:
    """Write a value; a string is always a string cell, never a formula."""
    cell = ws.cell(row=row, column=column)
    if value is None or value == "":
        return
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("", value)
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    else:
        cell.value = value


def _fact_values(doc: ReportDocument) -> dict[str, Cell]:
    return {
        "title": doc.title,
        "agreement": doc.agreement.name,
        "year": doc.agreement.year,
        "committee": doc.committee,
        "round": doc.round,
        "date": doc.date.isoformat() if doc.date else "",
        "case_number": doc.case_number,
        "contact_name": doc.contact.name,
        "contact_email": doc.contact.email,
        "contact_phone": doc.contact.phone,
    }


def _write_main(ws: Worksheet, doc: ReportDocument) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    facts = _fact_values(doc)
    for row_index, keys in enumerate(FACT_ROWS, start=1):
        for pair, key in enumerate(keys):
            label_column = 1 + 2 * pair if row_index > 1 else 1
            if key in OPTIONAL_FACTS and facts[key] in ("", None):
                continue
            _put(ws, row_index, label_column, FACT_LABELS[key])
            ws.cell(row=row_index, column=label_column).font = bold
            _put(ws, row_index, label_column + 1, facts[key])
    ws.cell(row=1, column=2).font = Font(bold=True, size=14)

    header = TABLE_HEADER_ROW
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    columns, rows = table(doc)
    for col, column in enumerate(columns, start=1):
        _put(ws, header, col, column.header)
        cell = ws.cell(row=header, column=col)
        cell.font = bold
        cell.fill = fill
        cell.alignment = wrap
        ws.column_dimensions[get_column_letter(col)].width = column.width
    for offset, values in enumerate(rows, start=1):
        for col, value in enumerate(values, start=1):
            _put(ws, header + offset, col, value)
            ws.cell(row=header + offset, column=col).alignment = wrap
    last_row = header + max(len(rows), 1)
    last_col = get_column_letter(len(columns))
    ws.freeze_panes = f"A{header + 1}"
    ws.auto_filter.ref = f"A{header}:{last_col}{last_row}"
    ws.print_title_rows = f"{header}:{header}"

    # Drop-down lists for the cells departments fill in (other values are still allowed).
    choices = {
        "kind": ",".join(KIND_WORDS.values()),
        "smiley": ",".join(LABELS_DA[s] for s in (Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD)),
        "economy_smiley": ",".join(LABELS_DA[s] for s in (Smiley.HAPPY, Smiley.SAD)),
        "needs_review": REVIEW_YES,
        "economy_review": REVIEW_YES,
    }
    for col, column in enumerate(columns, start=1):
        if column.key in choices:
            validation = DataValidation(
                type="list", formula1=f'"{choices[column.key]}"', allow_blank=True
            )
            validation.showErrorMessage = False
            letter = get_column_letter(col)
            validation.add(f"{letter}{header + 1}:{letter}{max(last_row, header + 200)}")
            ws.add_data_validation(validation)


def _count_cells(counts: Counts, *, economy: bool = False) -> list[Cell]:
    if economy:
        return [counts.happy, counts.sad, counts.none]
    return [counts.happy, counts.neutral, counts.sad, counts.none]


def _write_overview(ws: Worksheet, doc: ReportDocument) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    result = overview(doc)
    rows: list[Sequence[Cell | None]] = [
        [f"Overblik, opfølgning nr. {doc.round}"],
        [],
        [
            "Tema nr.",
            "Tema",
            "Indsats: glad",
            "Indsats: mellemfornøjet",
            "Indsats: sur",
            "Indsats: ingen",
            "Økonomi: glad",
            "Økonomi: sur",
            "Økonomi: ingen",
        ],
    ]
    header_rows = [1, 3]
    for theme in result.themes:
        rows.append(
            [
                theme.number,
                theme.title,
                *_count_cells(theme.effort),
                *_count_cells(theme.economy, economy=True),
            ]
        )
    rows.append(
        [
            "I alt",
            "",
            *_count_cells(result.total),
            *_count_cells(result.economy_total, economy=True),
        ]
    )
    rows.append([])
    header_rows.append(len(rows) + 1)
    rows.append(["Runde", "", "Glad", "Mellemfornøjet", "Sur", "Ingen"])
    for round_number, counts in result.rounds.items():
        rows.append([round_number, "", *_count_cells(counts)])
    for row_index, values in enumerate(rows, start=1):
        for col, value in enumerate(values, start=1):
            _put(ws, row_index, col, value)
    for row_index in header_rows:
        for cell in ws[row_index]:
            cell.font = bold
    ws.column_dimensions["B"].width = 45
    for letter in "CDEFGHI":
        ws.column_dimensions[letter].width = 14


ECONOMY_GAP = 2  # blank rows between the smiley overview and the economy on sheet Overblik
AMOUNT_FORMAT = "#,##0"


def economy_rows(
    doc: ReportDocument, economy: ReportEconomy
) -> list[tuple[list[Cell | None], bool]]:
    """Return the rows of the Økonomi sheet (also the budget CSV) and whether each is bold."""
    from django.utils.translation import gettext as _

    from .economy import initiative_economy

    years = list(economy.years)
    # Years head columns as text: a number there would take the amount format ("2.020").
    year_heads = [str(year) for year in years]
    rows: list[tuple[list[Cell | None], bool]] = []  # (values, bold)

    def add(values: Sequence[Cell | None] = (), strong: bool = False) -> None:
        rows.append((list(values), strong))

    def amounts(by_year: Mapping[int, int], total: bool = True) -> list[Cell | None]:
        cells: list[Cell | None] = [by_year.get(year) for year in years]
        return cells + ([sum(by_year.values())] if total else [])

    add([_("Økonomi i alt")], True)
    add()
    add([_("Tema"), _("Budget"), *year_heads, _("I alt")], True)
    for group in (*economy.themes, economy.overall):
        full_adopted = {year: group.adopted.get(year, 0) for year in years}
        full_amended = {year: group.amended.get(year, 0) for year in years}
        strong = group is economy.overall
        add([group.label, _("Vedtaget"), *amounts(full_adopted)], strong)
        add([group.label, _("Korrigeret"), *amounts(full_amended)], strong)
    add()
    add([economy.changes_heading], True)
    add([_("Indsats"), _("Ændring"), *year_heads, _("I alt")], True)
    for change in economy.changes:
        add([change.initiative, change.text, *amounts(change.amounts)])
    if not economy.changes:
        add([_("Ingen godkendte ændringer.")])
    add()
    add([_("Økonomi pr. indsats")], True)
    add([_("Indsats"), _("Budgetpost"), *year_heads, _("I alt")], True)
    for theme in doc.themes:
        for ini in theme.initiatives:
            money = initiative_economy(ini, as_of=doc.date)
            if money is None:
                continue
            name = f"{ini.number}. {ini.title}"
            if money.no_money:
                add([name, _("Der er ikke afsat økonomi.")])
            for row in money.rows:
                add([name, row.label, *amounts(row.amounts)], row.role == "amended")
            # Proposed and rejected changes carry no amounts here, so no column sum takes them.
            for pending in money.pending:
                add([name, f"{pending.status_word}: {pending.text}"])
            for line in money.review:
                add([name, f"{_('Til gennemsyn:')} {line}"])
    return rows


def _write_economy(
    ws: Worksheet, doc: ReportDocument, economy: ReportEconomy, *, start: int
) -> None:
    """Write "Økonomi i alt", the approved changes and each initiative's budget from `start`.

    On sheet Overblik, which importers skip: the main table stays the one table they read.
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    years = economy.years
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_index, (values, strong) in enumerate(economy_rows(doc, economy), start=start):
        for col, value in enumerate(values, start=1):
            _put(ws, row_index, col, value)
            cell = ws.cell(row=row_index, column=col)
            if isinstance(value, int):
                cell.number_format = AMOUNT_FORMAT
            elif col <= 2:
                cell.alignment = wrap
            if strong:
                cell.font = bold
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = max(ws.column_dimensions["B"].width or 0, 60)
    for offset in range(len(years) + 1):
        letter = get_column_letter(3 + offset)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, 15)


def _write_metadata(ws: Worksheet, doc: ReportDocument) -> None:
    from openpyxl.styles import Alignment

    rows: list[tuple[str, Cell]] = [
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("reading_guide", doc.reading_guide),
    ]
    for row_index, (key, value) in enumerate(rows, start=1):
        _put(ws, row_index, 1, key)
        _put(ws, row_index, 2, value)
    ws.column_dimensions["B"].width = 100
    ws.cell(row=3, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    ws.sheet_state = "hidden"


def render_report_xlsx(doc: ReportDocument, *, previous_date: dt.date | None = None) -> bytes:
    """Return the report as an .xlsx workbook (sheets Opfølgning, Overblik, hidden Metadata).

    When an initiative has a budget, Overblik continues below the smiley counts with the
    economy (amounts as whole kroner); `previous_date` limits its approved changes to those
    approved after the previous round (None: all approved by the report's date).
    """
    from openpyxl import Workbook

    workbook = Workbook()
    main = workbook.active
    assert main is not None
    main.title = MAIN_SHEET
    _write_main(main, doc)
    overview_sheet = workbook.create_sheet(OVERVIEW_SHEET)
    _write_overview(overview_sheet, doc)
    if any(ini.budget is not None for ini in doc.initiatives()):
        from .economy import report_economy

        economy = report_economy(doc, previous_date=previous_date)
        if economy is not None:
            start = overview_sheet.max_row + 1 + ECONOMY_GAP
            _write_economy(overview_sheet, doc, economy, start=start)
    _write_metadata(workbook.create_sheet(METADATA_SHEET), doc)
    workbook.properties.title = doc.title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
