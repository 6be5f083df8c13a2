"""The department spreadsheet pages: download, upload, preview, save; who may use them."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opfolgning.agreements.models import Milestone
from opfolgning.importers.archive import OLE_MAGIC
from tests.department_sheets import delete_header_row, fill
from tests.importers.test_department_xlsx_bad_input import docx_bytes, zip_bomb
from tests.personas import login

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _url(name: str, world, center=None) -> str:
    center = center or world.center
    return reverse(f"web:{name}", args=[world.agreement.year, world.round.number, center.pk])


def _download(client, world) -> bytes:
    response = client.get(_url("department-sheet", world))
    assert response.status_code == 200
    return response.content


def _upload(client, world, data: bytes, name: str = "ejendomme.xlsx"):
    return client.post(
        _url("department-sheet-upload", world),
        {"sheet": SimpleUploadedFile(name, data, content_type=XLSX)},
    )


def _token(page) -> str:
    match = re.search(r'name="token" value="([^"]+)"', page.content.decode())
    assert match, "the preview has no save form"
    return match.group(1)


def test_the_editor_downloads_the_own_centers_sheet(client, world, center_editor):
    login(client, center_editor)
    response = client.get(_url("department-sheet", world))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="indberetning-2019-3-ejendomme.xlsx"' in response["Content-Disposition"]


def test_an_editor_of_another_center_is_refused(client, world, other_center_editor):
    login(client, other_center_editor)
    assert client.get(_url("department-sheet", world)).status_code == 403
    assert client.get(_url("department-sheet-upload", world)).status_code == 403
    data = b"PK\x03\x04"
    assert _upload(client, world, data).status_code == 403
    assert client.post(_url("department-sheet-commit", world), {"token": "x"}).status_code == 403


def test_the_round_pages_offer_the_sheets_each_may_use(
    client, world, center_editor, finance_officer
):
    login(client, center_editor)
    owed = client.get(reverse("web:owed", args=[2019, 3])).content.decode()
    assert "Hent regneark for Ejendomme" in owed
    assert "Hent regneark for Skole og Dagtilbud" not in owed
    assert 'type="file" name="sheet"' in owed and 'accept=".xlsx"' in owed
    assert "Upload udfyldt regneark" in owed
    login(client, finance_officer)
    board = client.get(reverse("web:round-manage", args=[2019, 3])).content.decode()
    assert "Hent regneark for Ejendomme" in board
    assert "Hent regneark for Skole og Dagtilbud" in board


def test_upload_preview_and_save_stores_the_changes(client, world, center_editor):
    login(client, center_editor)
    data = fill(_download(client, world), {"1.1": {"status_note": "Godt på vej", "smiley": "glad"}})
    page = _upload(client, world, data)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ændringer fra regnearket for Ejendomme" in text
    assert "<ins>" in text and "Godt på vej" in text
    assert "Gem 1 ændring" in text
    assert not Milestone.objects.exists()
    saved = client.post(_url("department-sheet-commit", world), {"token": _token(page)})
    assert saved.status_code == 302
    assert saved["Location"] == reverse("web:owed", args=[2019, 3])
    milestone = Milestone.objects.get(initiative=world.initiative)
    assert (milestone.status_note, milestone.smiley) == ("Godt på vej", "happy")
    page = client.get(saved["Location"])
    assert "1 ændring fra regnearket for Ejendomme er gemt" in page.content.decode()


def test_a_refused_row_offers_no_save_and_a_forced_save_stores_nothing(
    client, world, finance_officer
):
    login(client, finance_officer)
    data = fill(
        _download(client, world),
        {"1.1": {"status_note": "Godt på vej"}},
        add=[{"number": "1.2", "status_note": "Skolens", "version": 0}],
    )
    page = _upload(client, world, data)
    text = page.content.decode()
    assert "Afvist" in text and "Række 6: indsats 1.2 hører til Skole og Dagtilbud" in text
    assert "Intet kan gemmes fra denne fil." in text
    assert 'name="token"' not in text
    # A token made by hand for the same rows (as a stale preview page would post) stores nothing.
    from opfolgning.delivery import department_sheets as sheets

    uploaded = sheets.sheet_parse(data=data, source="e.xlsx", max_bytes=10**7)
    token = sheets.sheet_token(
        uploaded=uploaded, user_id=finance_officer.pk, round_obj=world.round, center=world.center
    )
    again = client.post(_url("department-sheet-commit", world), {"token": token})
    assert again.status_code == 409
    assert not Milestone.objects.exists()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda good: good[:200], "beskadiget"),
        (lambda good: OLE_MAGIC + bytes(504), "adgangskode"),
        (lambda good: b"not a spreadsheet", "ikke et Excel-regneark"),
        (lambda good: zip_bomb(), "afvist, før den blev pakket ud"),
        (lambda good: docx_bytes(), "Word-dokument (.docx)"),
        (delete_header_row, "række 4: arket «Indberetning» har ingen overskriftsrække"),
    ],
    ids=["corrupt", "password", "renamed", "zip-bomb", "docx", "no-header"],
)
def test_a_bad_file_gets_a_danish_message_naming_it_and_stores_nothing(
    make, expected, client, world, center_editor
):
    login(client, center_editor)
    page = _upload(client, world, make(_download(client, world)), name="vores ark.xlsx")
    assert page.status_code == 422
    text = page.content.decode()
    assert "Filen «vores ark.xlsx»" in text
    assert expected in text
    assert not Milestone.objects.exists()


def test_a_file_over_the_limit_is_refused(client, world, center_editor, settings):
    login(client, center_editor)
    data = _download(client, world)
    settings.IMPORT_MAX_BYTES = len(data) - 1
    page = _upload(client, world, data)
    assert page.status_code == 422
    assert "grænsen er" in page.content.decode()


def test_an_altered_token_stores_nothing(client, world, center_editor):
    login(client, center_editor)
    response = client.post(_url("department-sheet-commit", world), {"token": "forfalsket"})
    assert response.status_code == 302
    assert response["Location"] == _url("department-sheet-upload", world)
    assert not Milestone.objects.exists()
