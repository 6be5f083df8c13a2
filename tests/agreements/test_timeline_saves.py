"""One save is one entry in the initiative's timeline, whatever the number of rows it wrote
(issue 16): the change set of agreements/audit.py, and the grouping in agreements/history.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from opfolgning.agreements import audit, history
from opfolgning.agreements import budget_services as bs
from opfolgning.agreements import setup_services as ss
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import (
    Agreement,
    EconomyStatus,
    Initiative,
    Milestone,
    Round,
    Submission,
)
from opfolgning.agreements.services import report_import
from tests import factories

pytestmark = pytest.mark.django_db

MIO = 1_000_000


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("center", first_name="Jens", last_name="Hansen")


@pytest.fixture
def round3() -> Round:
    """Budget 2019 imported at round 2; round 3 open (its submissions made)."""
    report_import(actor=None, document=factories.report(round_number=2, initiatives=2, themes=1))
    round_obj = Round.objects.get(number=3)
    wf.round_open(actor=None, round_obj=round_obj)
    return round_obj


@pytest.fixture
def initiative(round3) -> Initiative:
    return Initiative.objects.select_related("agreement").get(number="1.2")


def _submission(round_obj: Round, number: str = "1.2") -> Submission:
    return ws.submission_get(round_obj=round_obj, number=number)


def _save(sub: Submission, actor, **values) -> wf.SaveResult:
    fields = {"text": "", "status_note": "", "smiley": "", "corrective_action": ""}
    fields.update(values)
    m = Milestone.objects.filter(initiative=sub.initiative, round=sub.round).first()
    return wf.status_save(actor=actor, submission=sub, base_version=m.version if m else 0, **fields)


def _changes(entry: history.TimelineEntry) -> set[tuple[str, str, str]]:
    return {(c.label, c.old, c.new) for c in entry.changes}


def test_a_status_save_of_milestone_and_submission_is_one_entry_with_both_diffs(
    round3, initiative, editor
):
    before = len(history.initiative_timeline(initiative))
    _save(_submission(round3), editor, status_note="Byggeriet er i gang", smiley="happy")
    entries = history.initiative_timeline(initiative)
    assert len(entries) == before + 1
    newest = entries[0]
    assert (newest.who, newest.note) == ("Jens Hansen", "Status er gemt")
    assert newest.kind is history.EntryKind.CHANGED
    assert newest.what == "Milepæl og indberetning, 3. opfølgning"
    assert newest.round == 3
    assert [p.what for p in newest.parts] == [
        "Milepæl, 3. opfølgning",
        "Indberetning, 3. opfølgning",
    ]
    milestone, submission = newest.parts
    assert ("Status", "", "Byggeriet er i gang") in {
        (c.label, c.old, c.new) for c in milestone.changes
    }
    assert [(c.label, c.old, c.new) for c in submission.changes] == [
        ("Tilstand", "ikke påbegyndt", "kladde")
    ]
    assert _changes(newest) == {(c.label, c.old, c.new) for p in newest.parts for c in p.changes}


def test_two_separate_saves_are_two_entries(round3, initiative, editor):
    before = len(history.initiative_timeline(initiative))
    _save(_submission(round3), editor, status_note="Først", smiley="happy")
    _save(_submission(round3), editor, status_note="Siden", smiley="happy")
    entries = history.initiative_timeline(initiative)
    assert len(entries) == before + 2
    assert ("Status", "Først", "Siden") in _changes(entries[0])
    assert ("Status", "", "Først") in _changes(entries[1])


def test_a_save_then_a_submit_are_two_saves_and_one_change_set_is_one(round3, editor):
    one = Initiative.objects.get(number="1.1")
    two = Initiative.objects.get(number="1.2")
    before_one = len(history.initiative_timeline(one))
    before_two = len(history.initiative_timeline(two))
    # Two service calls: two entries.
    _save(_submission(round3, "1.1"), editor, status_note="Efter planen", smiley="happy")
    wf.status_submit(actor=editor, submission=_submission(round3, "1.1"))
    assert len(history.initiative_timeline(one)) == before_one + 2
    # The same two calls in one change set (one click, one request): one entry, the
    # submission shown from before the save to after the submit.
    with audit.change_set():
        _save(_submission(round3, "1.2"), editor, status_note="Efter planen", smiley="happy")
        wf.status_submit(actor=editor, submission=_submission(round3, "1.2"))
    entries = history.initiative_timeline(two)
    assert len(entries) == before_two + 1
    assert entries[0].note == "Status er gemt; Indsendt"
    submission = entries[0].parts[-1]
    assert ("Tilstand", "ikke påbegyndt", "indsendt") in {
        (c.label, c.old, c.new) for c in submission.changes
    }


def test_an_economy_save_with_the_status_is_one_entry_of_every_row(round3, initiative, editor):
    bs.budget_set(
        actor=editor, initiative=initiative, lines=[(2019, "capital", 2 * MIO)], no_money=False
    )
    before = len(history.initiative_timeline(initiative))
    with audit.change_set():
        bs.economy_figures_save(
            actor=editor,
            initiative=initiative,
            round_obj=round3,
            spent=None,
            expected=2_500_000,
            saving_achieved=None,
        )
        _save(_submission(round3), editor, status_note="Dyrere end ventet", smiley="neutral")
    entries = history.initiative_timeline(initiative)
    assert len(entries) == before + 1
    newest = entries[0]
    assert [p.model for p in newest.parts] == ["milestone", "economystatus", "submission"]
    assert newest.what == "Milepæl, økonomistatus og indberetning, 3. opfølgning"
    economy = newest.parts[1]
    assert ("Smiley", "", "sur") in {(c.label, c.old, c.new) for c in economy.changes}
    assert economy.kind is history.EntryKind.CREATED


def test_rows_written_by_an_economy_service_are_one_entry(round3, initiative, editor):
    figures = {"spent": None, "saving_achieved": None}
    bs.budget_set(
        actor=editor, initiative=initiative, lines=[(2019, "capital", 2 * MIO)], no_money=False
    )
    bs.economy_figures_save(
        actor=editor, initiative=initiative, round_obj=round3, expected=2_500_000, **figures
    )
    assert EconomyStatus.objects.get(initiative=initiative, round=round3).smiley == "sad"
    before = len(history.initiative_timeline(initiative))
    with audit.change_set() as outer:
        # A nested change set is the outer one.
        with audit.change_set() as inner:
            assert inner == outer == audit.current_change_set()
        bs.economy_figures_save(
            actor=editor, initiative=initiative, round_obj=round3, expected=1_500_000, **figures
        )
        bs.economy_figures_save(
            actor=editor, initiative=initiative, round_obj=round3, expected=1_000_000, **figures
        )
    assert audit.current_change_set() is None
    entries = history.initiative_timeline(initiative)
    assert len(entries) == before + 1
    (economy,) = entries[0].parts
    # From before the save to its end; the figures between are not shown.
    changes = {(c.label, c.old, c.new) for c in economy.changes}
    assert ("Smiley", "sur", "glad") in changes
    assert ("Forventet forbrug (kr.)", "2500000", "1000000") in changes


def test_a_new_initiative_with_its_milestones_is_one_entry(round3):
    agreement = Agreement.objects.get(year=2019)
    made = ss.initiative_create(
        actor=None,
        agreement=agreement,
        fields=ss.InitiativeFields(
            number="1.9",
            title="Ny indsats",
            kind="capital",
            center="Ejendomme",
            committee="Økonomiudvalget",
            milestones=("Plan 1", "", "", "Plan 4"),
        ),
    )
    (entry,) = history.initiative_timeline(made)
    assert entry.kind is history.EntryKind.CREATED
    assert entry.what == "Indsats og milepæle"
    assert [p.what for p in entry.parts] == [
        "Indsats",
        "Milepæl, 1. opfølgning",
        "Milepæl, opfølgningen pr. 31.12.",
    ]
    assert (entry.who, entry.note) == ("Indsatsen er oprettet; Milepælen er planlagt", "")


def test_opening_a_round_is_one_entry_per_initiative():
    report_import(actor=None, document=factories.report(round_number=2, initiatives=1))
    initiative = Initiative.objects.get(number="1.1")
    before = len(history.initiative_timeline(initiative))
    wf.round_open(actor=None, round_obj=Round.objects.get(number=3))
    entries = history.initiative_timeline(initiative)
    assert len(entries) == before + 1
    assert "submission" in {p.model for p in entries[0].parts}


def _old_save(obj, user, reason: str, **values) -> None:
    """Save as before change sets were kept: no change set on the history row."""
    for name, value in values.items():
        setattr(obj, name, value)
    audit.mark(obj, user, reason)
    obj.save()


def test_rows_from_before_change_sets_are_one_save_by_person_reason_and_time(
    round3, initiative, editor
):
    milestone = Milestone.objects.get(initiative=initiative, round=round3)
    submission = _submission(round3)
    before = len(history.initiative_timeline(initiative))
    _old_save(milestone, editor, "Status er gemt", status_note="Gammel gemning")
    _old_save(submission, editor, "Status er gemt", state="draft")
    entries = history.initiative_timeline(initiative)
    assert len(entries) == before + 1
    assert len(entries[0].parts) == 2
    # The same object again is another save; so is another reason, or a later time.
    _old_save(milestone, editor, "Status er gemt", status_note="Igen")
    _old_save(submission, editor, "Indsendt", state="submitted")
    assert len(history.initiative_timeline(initiative)) == before + 3
    _old_save(milestone, editor, "Status er gemt", status_note="Senere")
    latest = Milestone.history.filter(id=milestone.pk).latest("history_date", "history_id")
    Milestone.history.filter(history_id=latest.history_id).update(
        history_date=latest.history_date + dt.timedelta(minutes=5)
    )
    _old_save(submission, editor, "Status er gemt", state="draft")
    assert len(history.initiative_timeline(initiative)) == before + 5


def test_every_row_a_service_writes_carries_its_change_set(round3, initiative, editor):
    _save(_submission(round3), editor, status_note="Mærket", smiley="happy")
    milestone = Milestone.history.filter(initiative_id=initiative.pk).latest("history_id")
    submission = Submission.history.filter(initiative_id=initiative.pk).latest("history_id")
    assert milestone.history_change_set is not None
    assert milestone.history_change_set == submission.history_change_set
    # Written in bulk (the import, outside a change set): no change set.
    assert (
        Initiative.history.filter(id=initiative.pk).earliest("history_id").history_change_set
        is None
    )
