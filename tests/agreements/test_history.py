"""The initiative timeline selector: every change, who and when, newest first."""

from __future__ import annotations

import itertools

import pytest

from opfolgning.agreements import history
from opfolgning.agreements.models import (
    Center,
    EconomyStatus,
    Initiative,
    Milestone,
    Round,
    Submission,
    SubmissionState,
)
from opfolgning.agreements.selectors import NotFound
from opfolgning.agreements.services import report_import
from opfolgning.followup.smileys import Smiley
from tests import factories

pytestmark = pytest.mark.django_db


def _imported(**kwargs) -> Initiative:
    report_import(
        actor=None, document=factories.report(initiatives=1, **kwargs), source_name="a.txt"
    )
    return Initiative.objects.get(number="1.1")


def _save_as(obj, user, **values) -> None:
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()


def test_import_creates_entries_attributed_to_the_file():
    initiative = _imported()
    entries = history.initiative_timeline(initiative)
    # The initiative, its four milestones and the economy row of round 3.
    assert len(entries) == 6
    assert {e.kind for e in entries} == {history.EntryKind.CREATED}
    assert {e.who for e in entries} == {"Indlæst fra a.txt"}
    whats = [e.what for e in entries]
    assert "Indsats" in whats
    assert "Milepæl, 3. opfølgning" in whats
    assert "Milepæl, opfølgningen pr. 31.12." in whats
    assert "Økonomistatus, 3. opfølgning" in whats
    created = next(e for e in entries if e.what == "Indsats")
    labels = {c.label: c.new for c in created.changes}
    assert labels["Titel"] == "Indsats 1.1"
    assert labels["Type"] == "Anlæg"
    assert labels["Ansvarligt center"] == "Ejendomme"
    assert "Sort key" not in labels and "sort_key" not in {c.name for c in created.changes}


def test_a_reimport_with_a_new_status_shows_old_and_new_text():
    initiative = _imported()
    doc = factories.report(initiatives=1)
    doc.themes[0].initiatives[0].milestones[2].status_note = "Projektet er forsinket."
    report_import(actor=None, document=doc, source_name="b.txt")
    newest = history.initiative_timeline(initiative)[0]
    assert newest.kind is history.EntryKind.CHANGED
    assert newest.what == "Milepæl, 3. opfølgning"
    assert newest.who == "Indlæst fra b.txt"
    assert newest.round == 3
    (change,) = newest.changes
    assert (change.name, change.label, change.old, change.new) == (
        "status_note",
        "Status",
        "",
        "Projektet er forsinket.",
    )
    assert change.long


def test_a_person_is_named_by_full_name_or_username(django_user_model):
    initiative = _imported()
    anna = django_user_model.objects.create_user("anna", first_name="Anna", last_name="Holm")
    bo = django_user_model.objects.create_user("bo")
    milestone = Milestone.objects.get(initiative=initiative, round__number=3)
    _save_as(milestone, anna, smiley="sad", corrective_action="Ny tidsplan")
    _save_as(milestone, bo, status_note="Forsinket <script>alert(1)</script>")
    first, second = history.initiative_timeline(initiative)[:2]
    assert first.who == "bo"
    assert second.who == "Anna Holm"
    assert {(c.label, c.old, c.new) for c in second.changes} == {
        ("Smiley", "glad", "sur"),
        ("Korrigerende handling", "", "Ny tidsplan"),
    }
    assert "&lt;script&gt;" in first.changes[0].diff_html
    assert "<script>" not in first.changes[0].diff_html


def test_the_change_reason_is_kept_beside_the_person(django_user_model):
    initiative = _imported()
    anna = django_user_model.objects.create_user("anna")
    milestone = Milestone.objects.get(initiative=initiative, round__number=3)
    milestone._change_reason = "Rettet efter aftale med centret"
    _save_as(milestone, anna, text="Ny milepæl")
    newest = history.initiative_timeline(initiative)[0]
    assert (newest.who, newest.note) == ("anna", "Rettet efter aftale med centret")


def test_bookkeeping_fields_alone_make_no_entry(django_user_model):
    initiative = _imported()
    milestone = Milestone.objects.get(initiative=initiative, round__number=3)
    before = len(history.initiative_timeline(initiative))
    _save_as(milestone, None, version=milestone.version + 1)
    initiative.save()  # recomputes sort_key only
    assert len(history.initiative_timeline(initiative)) == before


def test_foreign_keys_show_names_and_booleans_show_words():
    initiative = _imported()
    other = Center.objects.create(name="Økonomi")
    _save_as(initiative, None, center=other)
    milestone = Milestone.objects.get(initiative=initiative, round__number=2)
    _save_as(milestone, None, needs_review=True)
    entries = history.initiative_timeline(initiative)
    assert [(c.label, c.old, c.new) for c in entries[0].changes] == [
        ("Skal kontrolleres", "nej", "ja")
    ]
    assert [(c.label, c.old, c.new) for c in entries[1].changes] == [
        ("Ansvarligt center", "Ejendomme", "Økonomi")
    ]


def test_submissions_and_deletions_are_part_of_the_timeline(django_user_model):
    initiative = _imported()
    officer = django_user_model.objects.create_user("okonomi")
    round_3 = Round.objects.get(agreement=initiative.agreement, number=3)
    submission = Submission(initiative=initiative, round=round_3, state=SubmissionState.DRAFT)
    _save_as(submission, officer)
    _save_as(submission, officer, state=SubmissionState.RETURNED, comment="Mangler status")
    EconomyStatus.objects.get(initiative=initiative).delete()
    deleted, returned, drafted = history.initiative_timeline(initiative)[:3]
    assert (deleted.kind, deleted.what) == (
        history.EntryKind.DELETED,
        "Økonomistatus, 3. opfølgning",
    )
    assert ("Smiley", "glad", "") in {(c.label, c.old, c.new) for c in deleted.changes}
    assert returned.what == "Indberetning, 3. opfølgning"
    assert {(c.label, c.old, c.new) for c in returned.changes} == {
        ("Tilstand", "kladde", "sendt retur"),
        ("Kommentar fra økonomi", "", "Mangler status"),
    }
    assert drafted.kind is history.EntryKind.CREATED


def test_entries_are_newest_first_across_tables(django_user_model):
    initiative = _imported()
    milestone = Milestone.objects.get(initiative=initiative, round__number=1)
    _save_as(milestone, None, text="Først")
    _save_as(initiative, None, title="Nyt navn")
    _save_as(milestone, None, text="Sidst")
    entries = history.initiative_timeline(initiative)
    assert [c.new for e in entries[:3] for c in e.changes] == ["Sidst", "Nyt navn", "Først"]
    assert all(a.when >= b.when for a, b in itertools.pairwise(entries))


def test_query_count_does_not_grow_with_the_number_of_entries(django_assert_max_num_queries):
    initiative = _imported()
    with django_assert_max_num_queries(8):
        few = history.initiative_timeline(initiative)
    milestone = Milestone.objects.get(initiative=initiative, round__number=3)
    for n in range(40):
        _save_as(milestone, None, status_note=f"Status {n}", smiley=["happy", "sad"][n % 2])
        _save_as(initiative, None, title=f"Titel {n}")
    with django_assert_max_num_queries(8):
        many = history.initiative_timeline(initiative)
    assert len(many) == len(few) + 80


def test_pages_hold_at_most_per_page_entries_newest_first():
    initiative = _imported()
    milestone = Milestone.objects.get(initiative=initiative, round__number=3)
    for n in range(5):
        _save_as(milestone, None, status_note=f"Status {n}")
    everything = history.initiative_timeline(initiative)
    first = history.initiative_timeline_page(initiative, page=1, per_page=4)
    second = history.initiative_timeline_page(initiative, page=2, per_page=4)
    last = history.initiative_timeline_page(initiative, page=3, per_page=4)
    assert first.entries == everything[:4] and first.has_older and first.newer_page is None
    assert second.entries == everything[4:8] and second.has_older and second.newer_page == 1
    assert last.entries == everything[8:] and not last.has_older
    assert first.total == len(everything) == 11


def test_other_initiatives_do_not_leak_into_the_timeline():
    report_import(actor=None, document=factories.report(initiatives=2, themes=1))
    one = Initiative.objects.get(number="1.1")
    two = Initiative.objects.get(number="1.2")
    _save_as(Milestone.objects.get(initiative=two, round__number=3), None, smiley=Smiley.SAD)
    assert all(not any(c.new == "sur" for c in e.changes) for e in history.initiative_timeline(one))


def test_initiative_get_names_what_is_missing():
    _imported()
    assert history.initiative_get(year=2019, number="1.1").agreement.year == 2019
    with pytest.raises(NotFound, match="no agreement for the budget year 2030"):
        history.initiative_get(year=2030, number="1.1")
    with pytest.raises(NotFound, match=r"no initiative 9\.9"):
        history.initiative_get(year=2019, number="9.9")


@pytest.mark.parametrize(
    ("reason", "shown"),
    [
        ("import: r3.txt", "Indlæst fra r3.txt"),
        ("import", "Indlæst fra fil"),
        ("Godkendt af økonomi", "Godkendt af økonomi"),
        (None, ""),
    ],
)
def test_change_reasons_read_as_sentences(reason, shown):
    assert history.reason_text(reason) == shown
