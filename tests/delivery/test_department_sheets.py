"""Department spreadsheets: the download, the preview of an upload, and the all-or-nothing save."""

from __future__ import annotations

from typing import Any

import pytest

from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import (
    Agreement,
    Initiative,
    Kind,
    Milestone,
    Submission,
    SubmissionState,
    Theme,
)
from opfolgning.delivery import department_sheets as sheets
from opfolgning.delivery.department_sheets import RowOutcome
from opfolgning.followup.department_sheet import HEADER_ROW
from tests.department_sheets import fill
from tests.personas import World

pytestmark = pytest.mark.django_db

LIMIT = 5 * 1024 * 1024


@pytest.fixture
def second(world: World) -> Submission:
    """A second initiative of the own center (Ejendomme), with its submission."""
    initiative = Initiative.objects.create(
        agreement=world.agreement,
        theme=world.initiative.theme,
        number="1.3",
        title="Energirenovering af rådhuset",
        kind=Kind.OPERATING,
        center=world.center,
        committee=world.committee,
    )
    return Submission.objects.create(initiative=initiative, round=world.round)


def _download(world: World) -> bytes:
    return sheets.sheet_download(round_obj=world.round, center=world.center).content


def _preview(world: World, data: bytes) -> sheets.SheetPreview:
    uploaded = sheets.sheet_parse(data=data, source="ejendomme.xlsx", max_bytes=LIMIT)
    return sheets.sheet_preview(round_obj=world.round, center=world.center, uploaded=uploaded)


def _commit(world: World, data: bytes, actor: Any) -> sheets.CommitResult:
    uploaded = sheets.sheet_parse(data=data, source="ejendomme.xlsx", max_bytes=LIMIT)
    return sheets.sheet_commit(
        actor=actor, round_obj=world.round, center=world.center, uploaded=uploaded
    )


def _save(world: World, submission: Submission, actor: Any, note: str, version: int = 0) -> None:
    wf.status_save(
        actor=actor,
        submission=submission,
        base_version=version,
        text="",
        status_note=note,
        smiley="neutral",
        corrective_action="",
    )


def _by_number(preview: sheets.SheetPreview) -> dict[str, sheets.PreviewRow]:
    return {row.number: row for row in preview.rows}


def test_the_download_holds_the_centers_initiatives_prefilled(world, second, finance_officer):
    _save(world, world.submission, finance_officer, "Byggeriet er i gang.")
    download = sheets.sheet_download(round_obj=world.round, center=world.center)
    assert download.filename == "indberetning-2019-3-ejendomme.xlsx"
    uploaded = sheets.sheet_parse(data=download.content, source="x.xlsx", max_bytes=LIMIT)
    assert [(r.number, r.version) for r in uploaded.rows] == [("1.1", 1), ("1.3", 0)]
    assert uploaded.rows[0].values.status_note == "Byggeriet er i gang."
    assert uploaded.rows[0].values.smiley == "neutral"
    assert uploaded.identity.center_id == world.center.pk


def test_the_preview_shows_changed_rows_with_a_word_diff_and_unchanged_rows(world, second):
    data = fill(_download(world), {"1.1": {"status_note": "Byggeriet er forsinket."}})
    preview = _preview(world, data)
    rows = _by_number(preview)
    assert rows["1.1"].outcome is RowOutcome.CHANGED
    assert rows["1.3"].outcome is RowOutcome.UNCHANGED
    (status,) = rows["1.1"].changed_fields
    assert status.label == "Status"
    assert "<ins>" in status.diff and "forsinket" in status.diff
    assert preview.counts == {"changed": 1, "unchanged": 1, "conflict": 0, "refused": 0}
    assert preview.can_commit
    assert not Milestone.objects.exists()  # a preview stores nothing


def test_the_preview_applies_the_same_rules_as_the_form(world, second):
    data = fill(_download(world), {"1.1": {"status_note": "Går galt.", "smiley": "sur"}})
    (error,) = _by_number(_preview(world, data))["1.1"].errors
    assert "korrigerende handling" in error.message_da


def test_a_row_saved_in_the_browser_since_the_download_is_a_conflict(
    world, second, finance_officer
):
    data = fill(_download(world), {"1.1": {"status_note": "Centrets tekst"}})
    _save(world, world.submission, finance_officer, "Økonomis tekst")
    preview = _preview(world, data)
    row = _by_number(preview)["1.1"]
    assert row.outcome is RowOutcome.CONFLICT
    assert row.changed_by == "Kathrine Dahl"
    status = next(f for f in row.fields if f.key == "status_note")
    assert (status.old, status.new) == ("Økonomis tekst", "Centrets tekst")
    assert not preview.can_commit
    result = _commit(world, data, finance_officer)
    assert result.saved == 0 and result.preview is not None
    assert Milestone.objects.get(initiative=world.initiative).status_note == "Økonomis tekst"


def test_an_untouched_row_keeps_what_the_browser_saved_since(world, second, finance_officer):
    data = fill(_download(world), {"1.3": {"status_note": "Ny status"}})
    _save(world, world.submission, finance_officer, "Økonomis tekst")
    rows = _by_number(_preview(world, data))
    assert rows["1.1"].outcome is RowOutcome.UNCHANGED
    assert "browserens udgave bevares" in rows["1.1"].message
    assert rows["1.3"].outcome is RowOutcome.CHANGED


def test_a_row_of_another_center_is_refused_and_nothing_is_stored(world, second, center_editor):
    data = fill(
        _download(world),
        {"1.1": {"status_note": "Godt på vej", "smiley": "glad"}},
        add=[{"number": "1.2", "status_note": "Skolens status", "version": 0, "check": "x"}],
    )
    preview = _preview(world, data)
    refused = _by_number(preview)["1.2"]
    assert refused.outcome is RowOutcome.REFUSED
    assert refused.sheet_row == HEADER_ROW + 3
    assert "hører til Skole og Dagtilbud, ikke til Ejendomme" in refused.message
    assert preview.blocked and not preview.can_commit
    result = _commit(world, data, center_editor)
    assert result.saved == 0
    assert not Milestone.objects.exists()


def test_unknown_numbers_other_agreements_and_unknown_smileys_are_refused(world, second):
    older = Agreement.objects.create(name="Aftale om budget 2018", year=2018)
    theme = Theme.objects.create(agreement=older, number="9", title="Tema 9")
    Initiative.objects.create(
        agreement=older, theme=theme, number="9.9", title="Gammel", kind=Kind.CAPITAL
    )
    data = fill(
        _download(world),
        {"1.3": {"smiley": "super"}},
        add=[
            {"number": "7.7", "status_note": "x", "version": 0},
            {"number": "9.9", "status_note": "x", "version": 0},
        ],
    )
    rows = _by_number(_preview(world, data))
    assert "smileyen 'super' kendes ikke" in rows["1.3"].message
    assert "findes ikke i Aftale om budget 2019" in rows["7.7"].message
    assert "hører til Aftale om budget 2018" in rows["9.9"].message
    assert {r.outcome for r in rows.values() if r.number != "1.1"} == {RowOutcome.REFUSED}


def test_a_sheet_of_another_round_is_refused_as_a_whole(world, second):
    data = _download(world)
    world.round.state = "closed"
    world.round.save()
    fourth = world.agreement.rounds.get(number=4)
    fourth.state = "open"
    fourth.save()
    uploaded = sheets.sheet_parse(data=data, source="gammel.xlsx", max_bytes=LIMIT)
    preview = sheets.sheet_preview(round_obj=fourth, center=world.center, uploaded=uploaded)
    assert "hentet til 3. opfølgning" in preview.problem
    assert not preview.can_commit


def test_the_save_stores_every_changed_row_with_status_save(world, second, center_editor):
    data = fill(
        _download(world),
        {
            "1.1": {"status_note": "Godt på vej", "smiley": "glad"},
            "1.3": {"status_note": "Forsinket", "smiley": "sur", "corrective_action": "Ny plan"},
        },
    )
    result = _commit(world, data, center_editor)
    assert (result.saved, result.preview) == (2, None)
    first = Milestone.objects.get(initiative=world.initiative)
    assert (first.status_note, first.smiley, first.version) == ("Godt på vej", "happy", 1)
    third = Milestone.objects.get(initiative=second.initiative)
    assert (third.smiley, third.corrective_action) == ("sad", "Ny plan")
    assert third.history.first().history_user == center_editor
    assert Submission.objects.get(pk=second.pk).state == SubmissionState.DRAFT


def test_a_conflict_found_while_saving_stores_nothing(
    world, second, center_editor, finance_officer, monkeypatch
):
    data = fill(
        _download(world),
        {"1.1": {"status_note": "Centrets 1.1"}, "1.3": {"status_note": "Centrets 1.3"}},
    )
    real_save = wf.status_save
    calls = []

    def save_then_race(**kwargs: Any) -> Any:
        calls.append(kwargs["submission"].initiative.number)
        if len(calls) == 2:  # the browser saves 1.3 just before the sheet's save reaches it
            _save(world, second, finance_officer, "Økonomi kom først")
        return real_save(**kwargs)

    monkeypatch.setattr(wf, "status_save", save_then_race)
    result = _commit(world, data, center_editor)
    assert result.saved == 0 and result.preview is not None
    assert "gemt af Kathrine Dahl" in result.message
    # 1.1 was saved first, then rolled back with the rest (the browser's save too: same
    # transaction in this test; in real life it would be another request's).
    assert not Milestone.objects.filter(status_note="Centrets 1.1").exists()


def test_an_approved_initiative_is_refused(world, second):
    Submission.objects.filter(pk=second.pk).update(state=SubmissionState.APPROVED)
    data = fill(_download(world), {"1.3": {"status_note": "Ændret"}})
    row = _by_number(_preview(world, data))["1.3"]
    assert row.outcome is RowOutcome.REFUSED
    assert "godkendt" in row.message


def test_the_token_carries_the_rows_and_refuses_another_user_or_a_changed_token(world, second):
    data = fill(_download(world), {"1.1": {"status_note": "x"}})
    uploaded = sheets.sheet_parse(data=data, source="e.xlsx", max_bytes=LIMIT)
    token = sheets.sheet_token(
        uploaded=uploaded, user_id=5, round_obj=world.round, center=world.center
    )
    back = sheets.sheet_from_token(token, user_id=5, round_obj=world.round, center=world.center)
    assert back == uploaded
    with pytest.raises(sheets.SheetTokenError):
        sheets.sheet_from_token(token, user_id=6, round_obj=world.round, center=world.center)
    with pytest.raises(sheets.SheetTokenError):
        sheets.sheet_from_token(
            token[:-2] + "xx", user_id=5, round_obj=world.round, center=world.center
        )
