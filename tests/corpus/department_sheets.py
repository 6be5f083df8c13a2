"""Departments' own spreadsheets, made with openpyxl, each with its truth written by hand.

Invented content (no real report's sentences). Every sheet is for round 3 of the agreement
of 2026 (the identity the upload gives), and each covers some of the variations departments
make: a title merged across the top, facts (Dato, Sagsnr., Kontakt) above the table, their
own Danish headers in their own order with extra columns, cells merged down an initiative's
four rows, and smileys written as words (any case, stray spaces, traffic-light words, "-").
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook

from opfolgning.followup.department_sheet import SheetIdentity

IDENTITY = SheetIdentity(year=2026, round_number=3, center_id=7, center="Teknik og Miljø")


@dataclass(frozen=True)
class Row:
    """One row the upload reads: its sheet row, number and values (a Smiley value or "")."""

    sheet_row: int
    number: str
    status_note: str
    smiley: str
    corrective_action: str
    problem: str = ""


@dataclass(frozen=True)
class Sheet:
    """A generated sheet and what reading it must give."""

    name: str
    build: Any  # () -> bytes
    rows: list[Row]
    warnings: list[str] = field(default_factory=list)
    columns: dict[int, str] | None = None  # the column mapping the upload is given
    headers: list[str] = field(default_factory=list)  # for a sheet that needs the mapping


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _put(ws: Any, row: int, values: list[Any]) -> None:
    for column, value in enumerate(values, 1):
        if value is not None:
            ws.cell(row, column, value)


def vej_og_park() -> bytes:
    """Title merged across, facts above, own headers with two extra columns, four rows per
    initiative with Nr., Indsats and Smiley økonomi merged down, smiley words in any case."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budgetopfølgning"
    ws["A1"] = "Budgetopfølgning 3 – Vej og Park 2026"
    ws.merge_cells("A1:H1")
    _put(ws, 2, ["Dato", "1. oktober 2026"])
    _put(ws, 3, ["Sagsnr.", "26.04.00-G01-3-26"])
    _put(ws, 4, ["Kontakt", "Mette Lund, Vej og Park"])
    headers = [
        "Nr.",
        "Indsats",
        "Smiley indsats",
        "Smiley økonomi",
        "Status",
        "Korrigerende handling",
        "Ansvarlig",
        "Bemærkning",
    ]
    _put(ws, 6, headers)
    initiatives = [
        (
            "2.1",
            "Nye cykelstier langs Ringvejen",
            "glad",
            [
                ("Glad", "Projektering i gang.", "", "MLU", ""),
                ("glad", "Udbud afsluttet.", "", "MLU", ""),
                ("  SUR ", "Entreprenøren er forsinket af regn.", "Ny tidsplan aftalt", "MLU", "x"),
                (None, None, None, None, None),
            ],
        ),
        (
            "2.2",
            "Flere træer i byrummet",
            "sur",
            [
                ("mellemfornøjet", "Plantestederne er udpeget.", "", "JBN", ""),
                ("MELLEMFORNØJET", "Leverandør fundet.", "", "JBN", ""),
                (
                    "mellemfornøjet ",
                    "40 af 60 træer er plantet.",
                    "Resten plantes i marts",
                    None,
                    "",
                ),
                (None, None, None, None, None),
            ],
        ),
        (
            "2.3",
            "Belysning på stier",
            "-",
            [
                ("-", "", "", "", ""),
                ("–", "", "", "", ""),
                ("-", "Ikke startet: afventer budget.", "", "", ""),
                (None, None, None, None, None),
            ],
        ),
    ]
    row = 7
    for number, title, economy, rounds in initiatives:
        for offset, (smiley, status, action, who, note) in enumerate(rounds):
            if offset == 0:
                _put(ws, row, [number, title, None, economy])
            _put(ws, row, [None, None, smiley, None, status, action, who, note])
            row += 1
        for column in "ABD":
            ws.merge_cells(f"{column}{row - 4}:{column}{row - 1}")
    return _save(wb)


VEJ_OG_PARK = Sheet(
    "vej-og-park",
    vej_og_park,
    rows=[
        Row(9, "2.1", "Entreprenøren er forsinket af regn.", "sad", "Ny tidsplan aftalt"),
        Row(13, "2.2", "40 af 60 træer er plantet.", "neutral", "Resten plantes i marts"),
        Row(17, "2.3", "Ikke startet: afventer budget.", "", ""),
    ],
    warnings=[
        "Arket «Budgetopfølgning», række 6: kolonnerne «Ansvarlig», «Bemærkning» bruges ikke "
        "ved upload og er sprunget over.",
        "Arket «Budgetopfølgning»: indsatserne har fire rækker hver uden en kolonne "
        "«Opfølgning»; række 3 af hver indsats er læst som 3. opfølgning.",
    ],
)


def kultur() -> bytes:
    """A round column, headers in capitals and other words, the traffic-light words, "–"."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Kultur"
    ws["A1"] = "Kultur og Fritid – status på budgetaftalen"
    ws.merge_cells("A1:F2")
    _put(ws, 3, ["Sagsid:", "K-2026-118", None, "Kontakt:", "Jonas Holm"])
    _put(ws, 5, ["INDSATSNR.", "Opfølgning", "STATUS", "Smiley", "Handling", "Kommentar"])
    data = [
        ("4.1", "1. opfølgning", "Lokaler fundet.", "grøn", "", ""),
        (None, "2. opfølgning", "Indretning i gang.", "Gul", "", ""),
        (None, "3. opfølgning", "Åbnet for publikum.", " GRØN ", "", "godt"),
        (None, "4. opfølgning", "", "", "", ""),
        ("4.2", "1. opfølgning", "Foreningerne er spurgt.", "gul", "", ""),
        (None, "2. opfølgning", "Færre tilmeldte end ventet.", "rød", "Mere annoncering", ""),
        (None, "3. opfølgning", "Ordningen er sat på pause.", "Rød", "Ny model i 2027", ""),
        (None, "4. opfølgning", "", "–", "", ""),
        ("4.3", "3", "Ingen aktivitet endnu.", "–", "", ""),
    ]
    for offset, values in enumerate(data):
        _put(ws, 6 + offset, list(values))
    ws.merge_cells("A6:A9")
    ws.merge_cells("A10:A13")
    return _save(wb)


KULTUR = Sheet(
    "kultur",
    kultur,
    rows=[
        Row(8, "4.1", "Åbnet for publikum.", "happy", ""),
        Row(12, "4.2", "Ordningen er sat på pause.", "sad", "Ny model i 2027"),
        Row(14, "4.3", "Ingen aktivitet endnu.", "", ""),
    ],
    warnings=[
        "Arket «Kultur», række 5: kolonnen «Kommentar» bruges ikke ved upload og er sprunget over."
    ],
)


def social() -> bytes:
    """One row per initiative, headers in another order, "Mellem fornøjet", an unknown word."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Ark1"
    _put(ws, 1, ["Dato", "2026-10-02"])
    _put(ws, 2, ["Kontakt", "Sara Nielsen"])
    _put(ws, 4, ["Korrigerende handlinger", "Status på indsats", "Nr", "Vurdering", "Titel"])
    _put(ws, 5, ["", "Ansat to medarbejdere.", "5.1", "Mellem fornøjet", "Flere hænder"])
    _put(ws, 6, ["Ekstra møde i november", "Ventetiden er steget.", "5.2", "  glad", "Ventetid"])
    _put(ws, 8, ["", "Sendt i høring.", "5.3", "super", "Ny politik"])
    return _save(wb)


SOCIAL = Sheet(
    "social",
    social,
    rows=[
        Row(5, "5.1", "Ansat to medarbejdere.", "neutral", ""),
        Row(6, "5.2", "Ventetiden er steget.", "happy", "Ekstra møde i november"),
        Row(
            8,
            "5.3",
            "Sendt i høring.",
            "",
            "",
            problem="smileyen 'super' kendes ikke; skriv glad, mellemfornøjet eller sur (eller "
            "grøn, gul, rød), eller - for ingen smiley",
        ),
    ],
)


def egne_navne() -> bytes:
    """Headers no synonym knows: the upload needs the column mapping."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Indsatser"
    _put(ws, 1, ["Løbenummer og kode", "Hvordan går det", "Farve", "Plan B", "Ansvarlig"])
    _put(ws, 2, ["6.1", "Pladsen er ryddet.", "gul", "Mere personale", "PK"])
    _put(ws, 3, ["6.2", "Godt i gang.", "Glad", "", "PK"])
    return _save(wb)


EGNE_NAVNE = Sheet(
    "egne-navne",
    egne_navne,
    rows=[
        Row(2, "6.1", "Pladsen er ryddet.", "neutral", "Mere personale"),
        Row(3, "6.2", "Godt i gang.", "happy", ""),
    ],
    warnings=[
        "Arket «Indsatser», række 1: kolonnen «Ansvarlig» bruges ikke ved upload og er "
        "sprunget over."
    ],
    columns={0: "number", 1: "status_note", 2: "smiley", 3: "corrective_action", 4: ""},
    headers=["Løbenummer og kode", "Hvordan går det", "Farve", "Plan B", "Ansvarlig"],
)

SHEETS = [VEJ_OG_PARK, KULTUR, SOCIAL, EGNE_NAVNE]
