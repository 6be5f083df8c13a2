"""Imports in the browser (issue 15): the finance office uploads a file, sees the preview,
settles the cells to review, stores it, and finds every upload in the history; nobody else
may; a bad file is refused on the file field and nothing is stored."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opfolgning.agreements.models import ImportRecord, ImportStatus, Initiative, Milestone
from tests.conftest import SEED_TEXT
from tests.personas import login


def _upload(client, data: bytes, name: str = "rapport.txt", kind: str = "report"):
    return client.post(
        reverse("web:imports"), {"file": SimpleUploadedFile(name, data), "kind": kind}
    )


def test_upload_preview_settle_and_store(client, db, finance_officer):
    login(client, finance_officer)
    page = client.get(reverse("web:imports")).content.decode()
    assert 'enctype="multipart/form-data"' in page and "Den vedtagne aftale" in page
    assert "højst 20 MB" in page and "%(mb)s" not in page
    assert f'href="{reverse("web:imports")}"' in page  # in the menu
    response = _upload(client, SEED_TEXT.read_bytes())
    record = ImportRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:import", args=[record.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "Intet er gemt endnu" in preview
    assert "27 nye indsatser" in preview and "17 celler skal afklares" in preview
    assert "linje 45, indsats 1.11, 1. opfølgning" in preview
    client.cookies["django_language"] = "en"
    english = client.get(response["Location"]).content.decode()
    assert "line 45, initiative 1.11, round 1" in english
    del client.cookies["django_language"]
    assert 'name="cell:1.11:1"' in preview and "Sæt alle til sur" in preview
    assert not Initiative.objects.filter(number="1.11").exists()
    # "All as sad", then one cell back to neutral, and store.
    client.post(response["Location"], {"action": "all:sad"})
    record.refresh_from_db()
    assert len(record.choices) == 17 and set(record.choices.values()) == {"sad"}
    choices = {f"cell:{k}": v for k, v in record.choices.items()}
    choices["cell:1.11:1"] = "neutral"
    stored = client.post(response["Location"], {**choices, "action": "store"}, follow=True)
    body = stored.content.decode()
    assert "er gemt" in body and "Hvad importen gemte" in body
    assert Initiative.objects.filter(number="1.11").exists()
    assert Milestone.objects.get(initiative__number="1.11", round__number=1).smiley == "neutral"
    assert Milestone.objects.get(initiative__number="1.11", round__number=2).smiley == "sad"
    history = client.get(reverse("web:imports")).content.decode()
    assert "rapport.txt" in history and record.sha256[:12] in history
    assert finance_officer.get_full_name() or finance_officer.get_username() in history
    assert re.search(r"<td[^>]*>gemt</td>", history)


def test_a_bad_file_is_refused_on_the_file_field(client, db, finance_officer, settings):
    login(client, finance_officer)
    settings.IMPORT_MAX_BYTES = 1024
    response = _upload(client, b"x" * 4096, "kæmpe.docx")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="error-summary"' in body and 'id="id_file-error"' in body
    assert "too large" in body and "kæmpe.docx" in body
    record = ImportRecord.objects.get()
    assert record.status == ImportStatus.FAILED  # refused, and recorded
    assert not Initiative.objects.filter(number="1.11").exists()


def test_no_file_says_what_to_do(client, db, finance_officer):
    login(client, finance_officer)
    response = client.post(reverse("web:imports"), {"kind": "report"})
    assert response.status_code == 400
    assert "Vælg den fil, der skal importeres." in response.content.decode()


def test_discard_stores_nothing(client, db, finance_officer):
    login(client, finance_officer)
    _upload(client, SEED_TEXT.read_bytes())
    record = ImportRecord.objects.get()
    response = client.post(reverse("web:import", args=[record.pk]), {"action": "discard"})
    assert response["Location"] == reverse("web:imports")
    record.refresh_from_db()
    assert (
        record.status == ImportStatus.DISCARDED
        and not Initiative.objects.filter(number="1.11").exists()
    )
    again = client.post(reverse("web:import", args=[record.pk]), {"action": "store"}, follow=True)
    assert (
        "kan ikke ændres" in again.content.decode()
        and not Initiative.objects.filter(number="1.11").exists()
    )


def test_a_large_file_shows_a_progress_bar_while_it_is_read(client, db, finance_officer, settings):
    login(client, finance_officer)
    settings.IMPORT_SYNC_MAX_BYTES = 1024
    _upload(client, SEED_TEXT.read_bytes())
    record = ImportRecord.objects.get()
    response = client.get(reverse("web:import", args=[record.pk]))
    assert response.status_code == 202
    body = response.content.decode()
    assert '<progress id="progress"' in body and "læses i baggrunden" in body


def test_only_the_finance_office_may_import(client, world, center_editor, politician):
    for user in (center_editor, politician):
        login(client, user)
        assert client.get(reverse("web:imports")).status_code == 403
        assert (
            f'href="{reverse("web:imports")}"'
            not in client.get(reverse("web:home")).content.decode()
        )
        client.logout()
    response = client.get(reverse("web:imports"))
    assert response.status_code == 302 and "log-ind" in response["Location"]


def test_an_unknown_import_is_not_found(client, db, finance_officer):
    login(client, finance_officer)
    assert client.get(reverse("web:import", args=[999])).status_code == 404
