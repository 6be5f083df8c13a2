"""An upload in two steps (issue 15): a preview of exactly what storing would change (new,
changed with the fields, kept, the cells to settle), then the store, all or nothing, and only
while the preview is still true."""

from __future__ import annotations

import pytest

from opfolgning import exporters
from opfolgning.agreements import import_selectors as isel
from opfolgning.agreements import import_services as imports
from opfolgning.agreements import selectors
from opfolgning.agreements.audit import audited_save
from opfolgning.agreements.models import (
    Agreement,
    ImportRecord,
    ImportStatus,
    Initiative,
    Milestone,
    Round,
    RoundState,
)
from opfolgning.delivery.uploads import upload_receive
from tests.conftest import SEED_TEXT


def _upload(data: bytes, name: str = "rapport.txt", kind: str = "report", actor=None):
    return upload_receive(actor=actor, file_name=name, chunks=[data], size=len(data), kind=kind)


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED_TEXT.read_bytes()


def test_the_preview_shows_what_is_new_and_stores_nothing(db, seed_bytes):
    record = _upload(seed_bytes)
    assert record.status == ImportStatus.READY, record.error
    preview = record.preview
    assert preview["counts"] == {"new": 27, "changed": 0, "kept": 0}
    assert {e["model"] for e in preview["general"]} >= {"agreement", "round", "theme", "center"}
    assert len(preview["review"]) == 17
    first = preview["review"][0]
    assert first["key"] == "1.11:1" and first["choices"] == ["neutral", "sad"]
    assert first["where"] == "line 45, initiative 1.11, round 1"
    assert "kan betyde både mellemfornøjet og sur" in first["reason"]
    assert len(preview["warnings"]) == 31
    assert record.sha256 and len(record.sha256) == 64 and record.size == len(seed_bytes)
    # Nothing of the file is in the agreement's tables.
    assert not Agreement.objects.exists() and not Initiative.objects.exists()
    assert not Milestone.history.exists()


def test_storing_takes_the_reviewers_choices_and_leaves_the_rest_flagged(db, seed_bytes):
    record = _upload(seed_bytes)
    imports.import_choose(record, {"1.11:1": "sad", "1.11:2": "happy"})  # happy: not allowed
    result = imports.import_store(actor=None, record=record)
    assert result.created["initiative"] == 27
    chosen = Milestone.objects.get(initiative__number="1.11", round__number=1)
    assert (chosen.smiley, chosen.needs_review) == ("sad", False)
    refused = Milestone.objects.get(initiative__number="1.11", round__number=2)
    assert (refused.smiley, refused.needs_review) == ("neutral", True)
    record.refresh_from_db()
    assert record.status == ImportStatus.STORED and record.stored_at is not None
    assert record.document is None  # the data is in the tables now
    assert record.agreement == Agreement.objects.get(year=2019)
    assert record.result["created"]["milestone"] == 108
    rows = isel.result_rows(record)
    assert ("Indsatser", 27, 0) in rows


def test_the_same_file_again_changes_nothing_and_says_so(db, seed_bytes):
    imports.import_store(actor=None, record=_upload(seed_bytes))
    again = _upload(seed_bytes)
    assert again.preview["counts"] == {"new": 0, "changed": 0, "kept": 27}
    shown = isel.preview_shown(again)
    assert shown is not None and not shown.has_changes and len(shown.kept) == 27


def test_a_changed_file_shows_each_changed_field_with_a_word_diff(db, seed_bytes):
    imports.import_store(actor=None, record=_upload(seed_bytes))
    changed = seed_bytes.decode().replace("Plejecenter Toftehaven", "Plejecentret Toftehaven")
    record = _upload(changed.encode())
    counts = record.preview["counts"]
    assert counts["changed"] >= 1 and counts["new"] == 0
    shown = isel.preview_shown(record)
    assert shown is not None
    toftehaven = next(i for i in shown.changed if i.number == "1.11")
    title = next(f for c in toftehaven.changes for f in c.fields if f.name == "title")
    assert (title.old, title.new) == ("Plejecenter Toftehaven", "Plejecentret Toftehaven")
    description = next(f for c in toftehaven.changes for f in c.fields if f.name == "description")
    assert (
        description.long and "<ins>" in description.diff_html and "<del>" in description.diff_html
    )
    assert Initiative.objects.get(number="1.11").title == "Plejecenter Toftehaven"  # not yet


def test_a_write_after_the_preview_makes_it_stale_and_nothing_is_stored(db, seed_bytes):
    imports.import_store(actor=None, record=_upload(seed_bytes))
    changed = seed_bytes.decode().replace("Plejecenter Toftehaven", "Plejecentret Toftehaven")
    record = _upload(changed.encode())
    initiative = Initiative.objects.get(number="1.13")
    initiative.notes = "Ændret i browseren imens"
    audited_save(initiative, None, "test")
    with pytest.raises(imports.ImportStale):
        imports.import_store(actor=None, record=record)
    assert Initiative.objects.get(number="1.11").title == "Plejecenter Toftehaven"
    record.refresh_from_db()
    assert record.status == ImportStatus.READY  # a new preview to look at
    imports.import_store(actor=None, record=record)
    assert Initiative.objects.get(number="1.11").title == "Plejecentret Toftehaven"


def test_an_opened_round_keeps_its_statuses_and_the_preview_says_so(db, seed_bytes):
    imports.import_store(actor=None, record=_upload(seed_bytes))
    Round.objects.filter(number=4).update(state=RoundState.OPEN)
    text = seed_bytes.decode().replace(
        "Forundersøgelsen er forelagt", "Forundersøgelsen blev forelagt"
    )
    record = _upload(text.encode())
    assert record.preview["kept_milestones"] >= 1


def test_the_adopted_agreement_adds_initiatives_with_every_round_planned(world):
    doc = selectors.report_document(year=2019, round_number=1, committee=world.committee.slug)
    # Next year's agreement, as adopted: the same initiatives under another budget year.
    doc.agreement.year, doc.agreement.name = 2031, "Aftale om budget 2031"
    doc.title = doc.title.replace("2019", "2031")
    for ini in doc.initiatives():
        for m in ini.milestones:
            m.label = m.label.replace("2019", "2031")
    data = exporters.get("docx").render(doc)
    record = _upload(data, name="vedtaget-aftale.docx", kind="agreement")
    assert record.status == ImportStatus.READY, record.error
    imports.import_store(actor=None, record=record)
    agreement = Agreement.objects.get(year=2031)
    assert agreement.initiatives.count() == len(doc.initiatives())
    assert set(agreement.rounds.values_list("state", flat=True)) == {RoundState.PLANNED}


def test_a_document_that_breaks_a_rule_is_refused_with_the_reason(db, seed_bytes):
    text = seed_bytes.decode().replace("1.13", "1.11")  # two initiatives 1.11
    record = _upload(text.encode())
    assert record.status == ImportStatus.FAILED
    assert "1.11" in record.error and "rapport.txt" in record.error
    assert not Initiative.objects.exists()


def test_discarding_keeps_the_record_and_stores_nothing(db, seed_bytes):
    record = _upload(seed_bytes)
    imports.import_discard(record=record)
    record.refresh_from_db()
    assert record.status == ImportStatus.DISCARDED and record.preview is None
    assert ImportRecord.objects.count() == 1 and not Initiative.objects.exists()
    with pytest.raises(imports.ImportStale):
        imports.import_store(actor=None, record=record)


def test_a_cell_settled_in_the_system_keeps_its_reading_in_the_next_upload(db, seed_bytes):
    first = _upload(seed_bytes)
    imports.import_choose(first, {"1.11:1": "sad"})
    imports.import_store(actor=None, record=first)
    again = _upload(seed_bytes)
    assert again.choices == {"1.11:1": "sad"}
    cell = next(c for c in isel.preview_shown(again).review if c.key == "1.11:1")
    assert cell.selected == "sad" and cell.settled
    assert again.preview["counts"]["changed"] == 0  # not flipped back to neutral


def test_our_own_docx_reads_back_without_review_marks_or_a_false_header(world):
    """Found by the preview: a description that starts like a number ("2.800 gamle …") was
    taken for a new initiative, and the review mark under a status ("Godkendt") for status."""
    from opfolgning.agreements.workflow_services import (
        status_approve,
        status_save,
        status_submit,
    )
    from opfolgning.importers import parse_bytes

    world.initiative.description = "2.800 gamle vejlamper udskiftes til LED."
    world.initiative.save()
    saved = status_save(
        actor=None, submission=world.submission, base_version=0, text="Planen",
        status_note="Det går efter planen.", smiley="happy", corrective_action="",
    )  # fmt: skip
    status_submit(actor=None, submission=saved.submission)
    status_approve(actor=None, submission=saved.submission)
    doc = selectors.report_document(year=2019, round_number=3, committee=world.committee.slug)
    assert any(m.approval == "approved" for i in doc.initiatives() for m in i.milestones)
    back = parse_bytes(exporters.get("docx").render(doc), source="r.docx")
    ini = next(i for i in back.initiatives() if i.number == world.initiative.number)
    assert ini.description.startswith("2.800 gamle vejlamper")
    status = next(m for m in ini.milestones if m.round == 3)
    assert status.status_note == "Det går efter planen."


def test_a_text_export_keeps_the_stored_economy_figures(db, seed_bytes):
    imports.import_store(actor=None, record=_upload(seed_bytes))
    from opfolgning.agreements.models import EconomyStatus

    stored = EconomyStatus.objects.filter(round__number=3).first()
    stored.spent, stored.expected, stored.reason = 100, 200, "Inden for budgettet"
    stored.save()
    again = _upload(seed_bytes)  # a text export: no figures, no reason
    fields = {
        f["field"]
        for i in again.preview["initiatives"]
        for c in i["changes"]
        if c["model"] == "economystatus"
        for f in c["fields"]
    }
    assert not fields & {"spent", "expected", "reason"}
    imports.import_store(actor=None, record=again)
    stored.refresh_from_db()
    assert (stored.spent, stored.expected, stored.reason) == (100, 200, "Inden for budgettet")
