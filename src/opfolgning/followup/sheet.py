"""The layout of the project's spreadsheet format: what the XLSX exporter writes and the
XLSX importer reads back (sheet names, the facts above the table, the table's columns).

It is a contract between two file formats, like the interchange document, so it lives in
the domain where both can read it.
"""

from __future__ import annotations

from dataclasses import dataclass

MAIN_SHEET = "Opfølgning"
OVERVIEW_SHEET = "Overblik"
METADATA_SHEET = "Metadata"
FORMAT_NAME = "opfolgning-xlsx"
FORMAT_VERSION = 1
TABLE_HEADER_ROW = 5
REVIEW_YES = "ja"

# Fact labels as written in the sheet (the importer also accepts the interchange names).
FACT_LABELS = {
    "title": "Titel",
    "agreement": "Aftale",
    "year": "År",
    "committee": "Udvalg",
    "round": "Opfølgning nr.",
    "date": "Dato",
    "case_number": "Sagsid",
    "contact_name": "Kontakt",
    "contact_email": "E-mail",
    "contact_phone": "Telefon",
}
#: The facts above the table, row by row.
FACT_ROWS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("agreement", "year", "committee", "round"),
    ("date", "case_number", "contact_name", "contact_email", "contact_phone"),
)


@dataclass(frozen=True)
class Column:
    """One column of the main table: its key, its header text and its width in Excel."""

    key: str
    header: str
    width: int
    per_initiative: bool  # repeats on all four rows of an initiative


#: The main table's columns, left to right.
COLUMNS: tuple[Column, ...] = (
    Column("theme_number", "Tema nr.", 8, True),
    Column("theme_title", "Tema", 30, True),
    Column("heading", "Overskrift", 30, True),
    Column("number", "Indsats nr.", 10, True),
    Column("title", "Indsats", 30, True),
    Column("kind", "Type", 9, True),
    Column("description", "Beskrivelse", 60, True),
    Column("center", "Ansvarligt center", 20, True),
    Column("committee", "Ansvarligt udvalg", 20, True),
    Column("contributors", "Væsentlig bidragsyder", 20, True),
    Column("involved_committees", "Udvalg der involveres", 25, True),
    Column("notes", "Noter", 40, True),
    Column("carried_from", "Videreført fra", 25, True),
    Column("round", "Runde", 7, False),
    Column("label", "Runde-tekst", 22, False),
    Column("text", "Milepæl", 50, False),
    Column("status_note", "Status", 50, False),
    Column("smiley", "Smiley", 15, False),
    Column("glyph", "Smiley-tegn", 8, False),
    Column("needs_review", "Skal kontrolleres", 11, False),
    Column("corrective_action", "Korrigerende handling", 40, False),
    Column("economy_text", "Økonomi", 50, True),
    Column("economy_smiley", "Økonomi-smiley", 15, True),
    Column("economy_glyph", "Økonomi-tegn", 8, True),
    Column("economy_review", "Økonomi skal kontrolleres", 11, True),
    Column("economy_note", "Bemærkning til økonomi", 40, True),
    Column("economy_reason", "Begrundelse for økonomi-smiley", 40, True),
)  # fmt: skip
