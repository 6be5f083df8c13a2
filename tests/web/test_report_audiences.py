"""What each reader gets of a report (issue 14): every format × every persona.

Staff (the finance office; a department's editors for their own initiatives) see the internal
notes: the import's review flags, the budget's review notes, rejected changes and the finance
office's working notes. Committee readers see proposed changes ("til godkendelse") and where
each status stands, none of the rest. Citizens see none of it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from opfolgning.agreements import budget_services as bs
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import (
    Initiative,
    Milestone,
    RoundState,
    Submission,
    SubmissionState,
)
from tests.personas import PERSONAS, login

REVIEW_NOTE = "Gennemsynsnote om anlægsrammen"
WORKING_NOTE = "Arbejdsnote fra økonomi"
PROPOSED = "Finansieres af puljen til byfornyelse"
REJECTED = "Finansieres af den afviste omprioritering"
REVIEW_FLAG = "skal kontrolleres"

# What each persona may read of 1.1 (the center editor's own initiative, the politician's
# committee): the finance office and 1.1's editor everything; the politician proposals; the
# other center's editor as a committee reader; citizens (published only) none of it.
SEES = {
    "finance_officer": {REVIEW_NOTE, WORKING_NOTE, PROPOSED, REJECTED, REVIEW_FLAG},
    "center_editor": {REVIEW_NOTE, WORKING_NOTE, PROPOSED, REJECTED, REVIEW_FLAG},
    "other_center_editor": {PROPOSED},
    "politician": {PROPOSED},
    "citizen": set(),
}
FORMATS = ["", "json", "html", "csv", "xlsx", "docx", "pdf"]


def _text(fmt: str, content: bytes) -> str:
    """Return the readable text of a report in any format, whitespace collapsed."""
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        text = " ".join(cells)
    elif fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        text = re.sub(r"<[^>]+>", " ", xml)
    elif fmt == "pdf":
        from pypdf import PdfReader

        text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    elif fmt == "json":
        text = json.dumps(json.loads(content), ensure_ascii=False)
    else:
        text = content.decode("utf-8")
    return " ".join(text.split())


@pytest.fixture
def noted(world, finance_officer):
    """1.1 with an imported smiley to check, a budget review note and three changes."""
    ini = world.initiative
    Milestone.objects.create(
        initiative=ini,
        round=world.round,
        text="Byggeriet følger tidsplanen.",
        status_note="Tilbud indhentet.",
        smiley="neutral",
        glyph="☹",
        needs_review=True,
    )
    bs.budget_set(
        actor=finance_officer,
        initiative=ini,
        lines=[(2019, "capital", 2_000_000), (2020, "capital", 1_000_000)],
        no_money=False,
    )
    Initiative.objects.filter(pk=ini.pk).update(budget_review=REVIEW_NOTE)
    bs.change_propose(
        actor=finance_officer,
        initiative=ini,
        kind="increase",
        kind_of_money="capital",
        amounts={2020: 500_000},
        financing=PROPOSED,
        note=WORKING_NOTE,
    )
    rejected = bs.change_propose(
        actor=finance_officer,
        initiative=ini,
        kind="increase",
        kind_of_money="capital",
        amounts={2020: 300_000},
        financing=REJECTED,
    )
    bs.change_reject(
        actor=finance_officer, change=rejected, decided_on=dt.date(2019, 6, 1), reference="KB 7"
    )
    # Approved, so the status is what the frozen report keeps.
    Submission.objects.filter(pk=world.submission.pk).update(state=SubmissionState.APPROVED)
    return world


def _rows(fmt: str, content: bytes) -> list[list[str]]:
    if fmt == "csv":
        import csv

        from opfolgning.exporters.csv import DELIMITER

        return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=DELIMITER))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True)["Opfølgning"]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _flagged(fmt: str, content: bytes, text: str) -> bool:
    """Return whether the report shows an import review flag, as its format writes one."""
    if fmt == "json":
        return '"needs_review": true' in text
    if fmt in ("csv", "xlsx"):
        rows = _rows(fmt, content)
        header = next(i for i, row in enumerate(rows) if "Indsats nr." in row)
        columns = [i for i, h in enumerate(rows[header]) if "kontrolleres" in h]
        return any(row[i] == "ja" for row in rows[header + 1 :] for i in columns if i < len(row))
    return REVIEW_FLAG in text


def _markers(fmt: str, content: bytes) -> set[str]:
    """Return which internal notes (and proposals) the report shows."""
    text = _text(fmt, content)
    found = {m for m in (REVIEW_NOTE, WORKING_NOTE, PROPOSED, REJECTED) if m in text}
    if _flagged(fmt, content, json.dumps(json.loads(content)) if fmt == "json" else text):
        found.add(REVIEW_FLAG)
    return found


def _get(client: Client, url: str, fmt: str) -> bytes:
    response = client.get(url, {"format": fmt} if fmt else {})
    assert response.status_code == 200, (url, fmt, response.status_code)
    return response.content


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "citizen"])
def test_the_draft_report_in_every_format_gives_each_reader_their_part(
    noted, persona, fmt, request
):
    client = Client()
    login(client, request.getfixturevalue(persona))
    url = reverse("web:report", args=[2019, "oekonomiudvalget", 3])
    if persona == "other_center_editor":
        # With their 1.2 under Økonomiudvalget too, they read its report, 1.1 included.
        Initiative.objects.filter(pk=noted.other_initiative.pk).update(committee=noted.committee)
    found = _markers(fmt, _get(client, url, fmt))
    assert found <= SEES[persona], (persona, fmt, found - SEES[persona])
    if fmt in ("", "json"):
        # The page and the JSON carry everything (the page shows no working notes): what a
        # reader may see is there.
        assert found >= SEES[persona] - ({WORKING_NOTE} if fmt == "" else set()), (persona, fmt)
    if persona == "finance_officer":
        # The check can see a flag in every format: the staff's copy shows it in each.
        assert REVIEW_FLAG in found, fmt


def _publish(world, officer):
    wf.round_close(actor=officer, round_obj=world.round, override_reason="1.2 mangler")
    wf.round_publish(actor=officer, round_obj=world.round)


@pytest.mark.parametrize("fmt", FORMATS)
def test_citizens_get_none_of_the_internal_notes_in_any_format(noted, finance_officer, fmt):
    _publish(noted, finance_officer)
    url = reverse("web:report", args=[2019, "oekonomiudvalget", 3])
    content = _get(Client(), url, fmt)
    assert _markers(fmt, content) == set(), fmt
    assert "Tilbud indhentet." in _text(fmt, content)  # the approved status itself is there
    if fmt in ("csv", "xlsx"):
        # No empty staff columns, and no labels without a value, in a citizen's spreadsheet.
        cells = {cell for row in _rows(fmt, content) for cell in row}
        assert not {c for c in cells if "kontrolleres" in c}, fmt
        assert "Indsats nr." in cells


def test_the_finance_office_still_reads_everything_in_the_published_report(
    client, noted, finance_officer
):
    _publish(noted, finance_officer)
    login(client, finance_officer)
    text = _text("", _get(client, reverse("web:report", args=[2019, "oekonomiudvalget", 3]), ""))
    for marker in (REVIEW_NOTE, PROPOSED, REJECTED, REVIEW_FLAG):
        assert marker in text


def test_public_pages_api_and_open_data_hold_no_proposed_or_rejected_change(
    client, noted, finance_officer
):
    _publish(noted, finance_officer)
    pages = [
        reverse("web:public-initiative", args=[2019, "1.1"]),
        "/api/agreements/2019/initiatives/1.1",
        "/api/agreements/2019/initiatives/1.1/economy",
        "/api/agreements/2019/rounds/3/report?committee=oekonomiudvalget",
        reverse("web:open-data-download", args=[2019, "opfolgning-2019.json"]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8")
        for marker in (REVIEW_NOTE, WORKING_NOTE, PROPOSED, REJECTED):
            assert marker not in text, (url, marker)


def test_a_returned_status_is_marked_in_the_draft_and_left_out_when_published(
    client, world, finance_officer, politician
):
    Milestone.objects.create(
        initiative=world.initiative,
        round=world.round,
        text="Udbuddet sendes ud.",
        status_note="Ændret efter indsendelse.",
        smiley="sad",
        corrective_action="Ny tidsplan.",
    )
    Submission.objects.filter(pk=world.submission.pk).update(state=SubmissionState.RETURNED)
    url = reverse("web:report", args=[2019, "oekonomiudvalget", 3])
    login(client, politician)
    draft = client.get(url).content.decode()
    assert "Sendt retur – ikke godkendt" in draft
    assert "Ændret efter indsendelse." in draft
    _publish(world, finance_officer)
    world.round.refresh_from_db()
    assert world.round.state == RoundState.PUBLISHED
    for reader in (client, Client()):
        frozen = reader.get(url).content.decode()
        assert "Ændret efter indsendelse." not in frozen
        assert "Ny tidsplan." not in frozen
        assert "Udbuddet sendes ud." in frozen  # the planned milestone stays
    assert "Sendt retur – ikke godkendt" in client.get(url).content.decode()


def test_an_approved_status_is_marked_approved_in_the_draft(client, world, politician):
    Milestone.objects.create(
        initiative=world.initiative, round=world.round, status_note="Klar.", smiley="happy"
    )
    Submission.objects.filter(pk=world.submission.pk).update(state=SubmissionState.APPROVED)
    login(client, politician)
    page = client.get(reverse("web:report", args=[2019, "oekonomiudvalget", 3])).content.decode()
    assert 'class="approval approval-approved">Godkendt<' in page
