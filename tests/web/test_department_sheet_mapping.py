"""A department's own spreadsheet in the browser upload: read by its headers' synonyms, or
through the column-mapping step, which is remembered for the next upload with those headers."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from opfolgning.agreements import sheet_selectors, sheet_services
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import HeaderMapping, Milestone
from tests.personas import login

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OWN_HEADERS = ["Nr.", "Indsats", "Smiley indsats", "Status", "Korrigerende handling", "Ansvarlig"]
ODD_HEADERS = ["Nr.", "Hvordan går det", "Farve", "Plan B", "Ansvarlig"]


def own_sheet(headers: list[str], rows: list[list[Any]]) -> bytes:
    """Return a department's own sheet: a merged title, a fact, the headers and the rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Ejendomme"
    ws["A1"] = "Status på budgetaftalen – Ejendomme"
    ws.merge_cells("A1:F1")
    ws["A2"], ws["B2"] = "Dato", "1. oktober 2019"
    ws.append([])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _url(name: str, world) -> str:
    return reverse(f"web:{name}", args=[world.agreement.year, world.round.number, world.center.pk])


def _upload(client, world, data: bytes):
    return client.post(
        _url("department-sheet-upload", world),
        {"sheet": SimpleUploadedFile("vores ark.xlsx", data, content_type=XLSX)},
    )


def _hidden(page, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', page.content.decode())
    assert match, f"the page has no hidden {name}"
    return match.group(1)


def _odd_sheet() -> bytes:
    return own_sheet(ODD_HEADERS, [["1.1", "Taget er skiftet.", " Gul ", "Mere tid", "PK"]])


MAPPING = {
    "column_0": "number",
    "column_1": "status_note",
    "column_2": "smiley",
    "column_3": "corrective_action",
    "column_4": "ignore",
}


def test_synonyms_cover_the_headers_so_the_preview_comes_at_once(client, world, center_editor):
    login(client, center_editor)
    data = own_sheet(OWN_HEADERS, [["1.1", "Tag", "MELLEMFORNØJET", "Taget er skiftet.", "", "PK"]])
    page = _upload(client, world, data)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ændringer fra regnearket for Ejendomme" in text
    assert "Hvilken kolonne er hvad?" not in text
    assert "kolonnen «Ansvarlig» bruges ikke ved upload og er sprunget over" in text
    assert "Gem 1 ændring" in text
    saved = client.post(_url("department-sheet-commit", world), {"token": _hidden(page, "token")})
    assert saved.status_code == 302
    milestone = Milestone.objects.get(initiative=world.initiative, round=world.round)
    assert (milestone.status_note, milestone.smiley) == ("Taget er skiftet.", "neutral")
    assert not HeaderMapping.objects.exists()


def test_a_browser_save_after_the_preview_makes_the_own_sheet_a_conflict(
    client, world, center_editor, finance_officer
):
    login(client, center_editor)
    data = own_sheet(OWN_HEADERS, [["1.1", "Tag", "glad", "Fra regnearket", "", ""]])
    page = _upload(client, world, data)
    wf.status_save(
        actor=finance_officer,
        submission=world.submission,
        base_version=0,
        text="",
        status_note="Fra browseren",
        smiley="sad",
        corrective_action="Ny plan",
    )
    again = client.post(_url("department-sheet-commit", world), {"token": _hidden(page, "token")})
    assert again.status_code == 409
    assert Milestone.objects.get(initiative=world.initiative).status_note == "Fra browseren"


def test_unknown_headers_ask_which_column_is_which_and_the_mapping_is_remembered(
    client, world, center_editor
):
    login(client, center_editor)
    page = _upload(client, world, _odd_sheet())
    text = page.content.decode()
    assert page.status_code == 200
    assert "Hvilken kolonne er hvad?" in text
    assert not Milestone.objects.exists()
    # One labelled select per header, with a sample value; the synonyms' guess is chosen.
    for index, header in enumerate(ODD_HEADERS):
        assert f'for="id_column_{index}"' in text
        assert f"«{header}»" in text
    assert len(re.findall(r'<select name="column_\d+" class="form-select"', text)) == len(
        ODD_HEADERS
    )
    assert "Eksempel: Taget er skiftet." in text
    assert "valgfri" not in text  # every column takes a choice ("Ignorér" is one)
    assert re.search(r'name="column_0"[^>]*>.*?<option value="number" selected>', text, re.S)
    assert re.search(r'name="column_1"[^>]*>\s*<option value="ignore" selected>', text, re.S)

    chosen = client.post(
        _url("department-sheet-mapping", world), {"token": _hidden(page, "token"), **MAPPING}
    )
    text = chosen.content.decode()
    assert chosen.status_code == 200
    assert "Ændringer fra regnearket for Ejendomme" in text and "Gem 1 ændring" in text
    assert "kolonnen «Ansvarlig» bruges ikke ved upload" in text
    mapping = HeaderMapping.objects.get()
    assert mapping.headers == ODD_HEADERS
    assert mapping.updated_by == center_editor
    saved = client.post(_url("department-sheet-commit", world), {"token": _hidden(chosen, "token")})
    assert saved.status_code == 302
    milestone = Milestone.objects.get(initiative=world.initiative)
    assert (milestone.status_note, milestone.smiley, milestone.corrective_action) == (
        "Taget er skiftet.",
        "neutral",
        "Mere tid",
    )

    # The next upload with the same headers skips the mapping step.
    again = _upload(
        client,
        world,
        own_sheet(ODD_HEADERS, [["1.1", "Taget er skiftet.", "glad", "Mere tid", "PK"]]),
    )
    text = again.content.decode()
    assert "Hvilken kolonne er hvad?" not in text
    assert "Ændringer fra regnearket for Ejendomme" in text
    assert "den kolonnekobling, der blev valgt sidst" in text

    # A remembered mapping that is wrong can be chosen again, prefilled with what was chosen.
    match = re.search(r'name="token" value="([^"]+)">\s*<button[^>]*name="change"', text)
    assert match, "the preview offers no way to choose the columns again"
    again = client.post(_url("department-sheet-mapping", world), {"token": match[1], "change": "1"})
    text = again.content.decode()
    assert again.status_code == 200
    assert "Hvilken kolonne er hvad?" in text and "fejl i formularen" not in text
    assert re.search(r'name="column_1"[^>]*>.*?<option value="status_note" selected>', text, re.S)
    assert re.search(
        r'name="column_3"[^>]*>.*?<option value="corrective_action" selected>', text, re.S
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"column_3": "status_note"},
            "«Status» er valgt for flere kolonner; vælg den for én kolonne.",
        ),
        (
            {"column_3": "ignore"},
            "Vælg en kolonne for «Korrigerende handling»: de skal være i regnearket.",
        ),
    ],
    ids=["two-columns-to-one-field", "a-field-missing"],
)
def test_a_bad_mapping_is_refused_with_a_form_error(change, expected, client, world, center_editor):
    login(client, center_editor)
    page = _upload(client, world, _odd_sheet())
    refused = client.post(
        _url("department-sheet-mapping", world),
        {"token": _hidden(page, "token"), **MAPPING, **change},
    )
    assert refused.status_code == 422
    text = refused.content.decode()
    assert "Der er" in text and "fejl i formularen" in text
    assert expected in text
    assert "Hvilken kolonne er hvad?" in text
    assert not HeaderMapping.objects.exists()
    assert not Milestone.objects.exists()


def test_an_altered_mapping_token_stores_nothing(client, world, center_editor):
    login(client, center_editor)
    response = client.post(_url("department-sheet-mapping", world), {"token": "x", **MAPPING})
    assert response.status_code == 302
    assert response["Location"] == _url("department-sheet-upload", world)


def test_another_users_mapping_token_is_refused(client, world, center_editor, finance_officer):
    login(client, center_editor)
    token = _hidden(_upload(client, world, _odd_sheet()), "token")
    login(client, finance_officer)
    response = client.post(_url("department-sheet-mapping", world), {"token": token, **MAPPING})
    assert response.status_code == 302
    assert not HeaderMapping.objects.exists()


# --- the service and the selector --------------------------------------------------------


def test_the_mapping_is_saved_and_read_by_its_normalised_headers(center_editor):
    columns = {0: "number", 1: "status_note", 2: "smiley", 3: "corrective_action", 4: ""}
    sheet_services.header_mapping_save(actor=center_editor, headers=ODD_HEADERS, columns=columns)
    assert sheet_selectors.header_mapping_get(headers=ODD_HEADERS) == columns
    # Case, dots and spaces do not matter; other headers have no mapping.
    respelled = ["nr", "HVORDAN  går det", "farve", "plan b", "Ansvarlig:"]
    assert sheet_selectors.header_mapping_get(headers=respelled) == columns
    assert sheet_selectors.header_mapping_get(headers=[*ODD_HEADERS, "Ny"]) is None
    # Saving again replaces it.
    swapped = {**columns, 1: "corrective_action", 3: "status_note"}
    sheet_services.header_mapping_save(actor=center_editor, headers=ODD_HEADERS, columns=swapped)
    assert HeaderMapping.objects.count() == 1
    assert sheet_selectors.header_mapping_get(headers=ODD_HEADERS) == swapped


def test_the_service_refuses_a_bad_mapping(center_editor):
    with pytest.raises(sheet_services.MappingRejected, match="begge sat til «Status»"):
        sheet_services.header_mapping_save(
            actor=center_editor,
            headers=ODD_HEADERS,
            columns={0: "number", 1: "status_note", 2: "status_note", 3: "corrective_action"},
        )
    with pytest.raises(sheet_services.MappingRejected, match="vælg en kolonne for «Smiley"):
        sheet_services.header_mapping_save(
            actor=center_editor,
            headers=ODD_HEADERS,
            columns={0: "number", 1: "status_note", 3: "corrective_action"},
        )
    assert not HeaderMapping.objects.exists()


def test_a_stored_mapping_that_no_longer_fits_is_not_used(center_editor):
    from opfolgning.followup.department_sheet import header_fingerprint

    HeaderMapping.objects.create(
        fingerprint=header_fingerprint(ODD_HEADERS),
        headers=ODD_HEADERS,
        columns={"0": "number", "9": "status_note", "2": "smiley", "3": "corrective_action"},
    )
    assert sheet_selectors.header_mapping_get(headers=ODD_HEADERS) is None
