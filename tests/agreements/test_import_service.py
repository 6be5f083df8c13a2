"""The import service: identity, idempotence, rounds, atomicity and sanitising."""

from __future__ import annotations

import dataclasses

import pytest

from opfolgning.agreements import services
from opfolgning.agreements.models import (
    Agreement,
    Committee,
    CommitteeReport,
    EconomyStatus,
    Initiative,
    Milestone,
    Round,
)
from opfolgning.agreements.services import ImportRejected, committee_slug, report_import
from opfolgning.followup.smileys import Smiley
from tests import factories

pytestmark = pytest.mark.django_db


def test_import_stores_agreement_rounds_initiatives_milestones_and_economy():
    doc = factories.report(initiatives=4)
    result = report_import(actor=None, document=doc, source_name="r3.txt")
    assert result.changed
    agreement = Agreement.objects.get(year=2019)
    assert agreement.name == "Aftale om budget 2019"
    assert list(Round.objects.filter(agreement=agreement).values_list("number", "label")) == [
        (1, "1. budgetopfølgning 2019"),
        (2, "2. budgetopfølgning 2019"),
        (3, "3. budgetopfølgning 2019"),
        (4, "31.12.2019"),
    ]
    assert Initiative.objects.count() == 4
    assert Milestone.objects.count() == 16
    assert EconomyStatus.objects.filter(round__number=3).count() == 4
    report = CommitteeReport.objects.get()
    assert report.case_number == "00.30.10-S00-3-19"
    assert report.contact_email == "okonomi@balk.dk"
    assert Round.objects.get(number=3).date == doc.date


def test_committee_slug_transliterates_danish_letters():
    assert committee_slug("Økonomiudvalget") == "oekonomiudvalget"
    assert committee_slug("Børne- og Skoleudvalget") == "boerne-og-skoleudvalget"
    report_import(actor=None, document=factories.report(), source_name="x")
    assert Committee.objects.get().slug == "oekonomiudvalget"


def test_importing_the_same_document_twice_changes_nothing():
    doc = factories.report(initiatives=5)
    report_import(actor=None, document=doc)
    history_before = Milestone.history.count() + Initiative.history.count()
    result = report_import(actor=None, document=doc)
    assert not result.changed
    assert Milestone.history.count() + Initiative.history.count() == history_before
    assert Initiative.objects.count() == 5


def test_later_round_updates_the_same_initiatives_and_keeps_earlier_rounds():
    round2 = factories.report(round_number=2, initiatives=2)
    report_import(actor=None, document=round2)
    first = Initiative.objects.get(number="1.1")
    economy_round2 = EconomyStatus.objects.get(initiative=first, round__number=2)

    round3 = factories.report(round_number=3, initiatives=2)
    ini = round3.themes[0].initiatives[0]
    ini.title = "Nyt navn"
    ini.milestones[1].status_note = "Omskrevet i 3. opfølgning"  # earlier round: kept
    ini.milestones[2].status_note = "Status ved 3. opfølgning"
    ini.economy.smiley = Smiley.SAD
    result = report_import(actor=None, document=round3)

    assert Initiative.objects.get(number="1.1").pk == first.pk
    assert Initiative.objects.get(number="1.1").title == "Nyt navn"
    assert result.kept == 1
    m2 = Milestone.objects.get(initiative=first, round__number=2)
    assert m2.status_note == ""
    m3 = Milestone.objects.get(initiative=first, round__number=3)
    assert m3.status_note == "Status ved 3. opfølgning"
    economy_round2.refresh_from_db()
    assert economy_round2.smiley == "happy"
    assert EconomyStatus.objects.get(initiative=first, round__number=3).smiley == "sad"
    assert CommitteeReport.objects.count() == 2


def test_an_older_report_imported_after_a_newer_one_does_not_overwrite_later_rounds():
    round3 = factories.report(round_number=3, initiatives=1)
    round3.themes[0].initiatives[0].milestones[3].text = "Plan fra 3. opfølgning"
    report_import(actor=None, document=round3)
    round2 = factories.report(round_number=2, initiatives=1)
    round2.themes[0].initiatives[0].milestones[3].text = "Gammel plan"
    report_import(actor=None, document=round2)
    assert Milestone.objects.get(round__number=4).text == "Plan fra 3. opfølgning"


def test_import_is_all_or_nothing(monkeypatch):
    original = services._save_rows

    def failing(model, *args, **kwargs):
        if model is EconomyStatus:
            raise RuntimeError("disk full")
        return original(model, *args, **kwargs)

    monkeypatch.setattr(services, "_save_rows", failing)
    with pytest.raises(RuntimeError):
        report_import(actor=None, document=factories.report())
    assert Agreement.objects.count() == 0
    assert Initiative.objects.count() == 0
    assert Milestone.objects.count() == 0


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: setattr(d, "round", 5), "round 5"),
        (lambda d: setattr(d.themes[0].initiatives[0], "kind", "other"), "initiative 1.1"),
        (
            lambda d: setattr(d.themes[0].initiatives[0].economy, "smiley", Smiley.NEUTRAL),
            "economy smiley has two levels",
        ),
        (
            lambda d: d.themes[1].initiatives.append(
                dataclasses.replace(d.themes[0].initiatives[0])
            ),
            "appears twice",
        ),
    ],
    ids=["round", "kind", "neutral-economy", "duplicate-number"],
)
def test_invalid_documents_are_refused_and_nothing_is_stored(mutate, message):
    doc = factories.report()
    mutate(doc)
    with pytest.raises(ImportRejected, match=message):
        report_import(actor=None, document=doc)
    assert Agreement.objects.count() == 0


def test_markup_in_imported_text_is_removed_before_storage():
    doc = factories.report(initiatives=1)
    m = doc.themes[0].initiatives[0].milestones[2]
    m.status_note = "Forsinket<script>alert('x')</script> <b>men</b> i gang"
    report_import(actor=None, document=doc)
    stored = Milestone.objects.get(round__number=3)
    assert "<" not in stored.status_note
    assert "alert" not in stored.status_note
    assert stored.status_note == "Forsinket men i gang"


def test_every_change_is_recorded_with_a_reason():
    report_import(actor=None, document=factories.report(initiatives=1), source_name="a.txt")
    record = Initiative.history.get()
    assert record.history_type == "+"
    assert record.history_change_reason == "import: a.txt"


def test_a_large_import_refreshes_the_planner_statistics_on_postgresql(
    monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import connection

    monkeypatch.setattr(services, "ANALYZE_AFTER_ROWS", 10)
    calls: list[str] = []
    monkeypatch.setattr(services, "_analyze", lambda: calls.append("analyze"))
    with django_capture_on_commit_callbacks(execute=True):
        report_import(actor=None, document=factories.report(initiatives=4), source_name="big.txt")
    assert calls == ["analyze"]
    # A small import leaves it to autovacuum.
    monkeypatch.setattr(services, "ANALYZE_AFTER_ROWS", 10_000)
    with django_capture_on_commit_callbacks(execute=True):
        report_import(actor=None, document=factories.report(initiatives=4), source_name="again.txt")
    assert calls == ["analyze"]
    if connection.vendor == "postgresql":
        monkeypatch.undo()
        services._analyze()  # runs for real: ANALYZE is allowed inside the test's transaction
