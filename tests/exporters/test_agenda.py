"""The agenda item (issue 14): case presentation, the report as Bilag 1, metadata, in a ZIP."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from django.test import Client
from django.urls import reverse

from opfolgning import exporters
from opfolgning.agreements import workflow_services as wf
from opfolgning.exporters.agenda import render_agenda_zip
from opfolgning.followup.document import Contact
from opfolgning.importers import parse_path


@pytest.fixture
def seed_doc(seed_path):
    return parse_path(seed_path)


def _open(content: bytes) -> tuple[list[str], dict, list[tuple[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        metadata = json.loads(archive.read("metadata.json"))
        presentation = docx.Document(io.BytesIO(archive.read("Sagsfremstilling.docx")))
    return names, metadata, [(p.style.name, p.text) for p in presentation.paragraphs]


def test_the_agenda_item_holds_the_case_presentation_the_report_and_metadata(seed_doc):
    names, metadata, paragraphs = _open(render_agenda_zip(seed_doc))
    report = "Bilag 1 - Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget.pdf"
    assert names == ["Sagsfremstilling.docx", report, "metadata.json"]
    assert metadata["case_number"] == "00.30.10-S00-3-19"
    assert metadata["committee"] == "Økonomiudvalget"
    assert metadata["attachments"] == [
        {
            "file": report,
            "title": "Bilag 1: Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget",
            "may_publish": False,  # it names the contact person and holds review flags
        }
    ]
    texts = [text for _style, text in paragraphs]
    assert ("Heading 1", "Sagsfremstilling") in paragraphs
    assert ("Heading 1", "Indstilling") in paragraphs
    assert any("2 forbedret, 2 forværret" in t for t in texts)
    assert ("List Bullet", "3.20. Kirstinevang: glad → mellemfornøjet") in paragraphs
    assert ("List Bullet", "at udvalget tager opfølgningen til efterretning") in paragraphs
    assert any(
        t.startswith("at udvalget tager stilling til budgetændringen for 1.11.") for t in texts
    )


def test_the_public_version_may_be_published(seed_doc):
    from opfolgning.followup.audience import Audience, for_audience

    public = for_audience(seed_doc, Audience.PUBLIC)
    public.contact = Contact()
    _names, metadata, _paragraphs = _open(render_agenda_zip(public))
    assert metadata["attachments"][0]["may_publish"] is True


def test_the_agenda_item_is_a_report_format():
    agenda = exporters.get("agenda")
    assert (agenda.suffix, agenda.content_type) == (".zip", "application/zip")


def test_the_report_page_offers_the_agenda_item_for_download(client, world, finance_officer):
    from tests.personas import login

    wf.round_close(actor=finance_officer, round_obj=world.round, override_reason="Test")
    login(client, finance_officer)
    url = reverse("web:report", args=[2019, "oekonomiudvalget", 3])
    assert "Dagsordenpunkt" in client.get(url).content.decode()
    response = client.get(url, {"format": "agenda"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    names, metadata, _paragraphs = _open(response.content)
    assert "metadata.json" in names and metadata["round"] == 3
    wf.round_publish(actor=finance_officer, round_obj=world.round)
    citizen = Client().get(url, {"format": "agenda"})
    assert _open(citizen.content)[1]["attachments"][0]["may_publish"] is True
