"""The organisation in the app (issue 15): centers and committees are renamed and merged by
the finance office; every reference moves in one go, refusals store nothing, and the
history names who did it and why."""

from __future__ import annotations

import pytest

from opfolgning.agreements import organisation_selectors as osel
from opfolgning.agreements import organisation_services as org
from opfolgning.agreements.models import (
    Center,
    Committee,
    CommitteeReport,
    Initiative,
    ReportSnapshot,
    Subscription,
)
from opfolgning.agreements.setup_services import SetupError


def _report(world, committee, round_obj=None, title="Rapport"):
    return CommitteeReport.objects.create(
        round=round_obj or world.round, committee=committee, title=title
    )


def _subscribe(world, email, committee):
    return Subscription.objects.create(
        email=email, agreement=world.agreement, committee=committee, token=f"{email}-{committee.pk}"
    )


# Rename


def test_a_center_is_renamed_with_the_actor_and_the_old_name_in_the_history(world, finance_officer):
    org.center_rename(actor=finance_officer, center=world.center, name="  Ejendomme og  Drift ")
    world.center.refresh_from_db()
    assert world.center.name == "Ejendomme og Drift"
    row = world.center.history.first()
    assert row.history_change_reason == "Omdøbt fra Ejendomme til Ejendomme og Drift"
    assert row.history_user == finance_officer


def test_a_renamed_committee_keeps_its_slug(world, finance_officer):
    org.committee_rename(
        actor=finance_officer, committee=world.committee, name="Økonomi og Erhverv"
    )
    world.committee.refresh_from_db()
    assert (world.committee.name, world.committee.slug) == (
        "Økonomi og Erhverv",
        "oekonomiudvalget",
    )
    assert world.committee.history.first().history_change_reason == (
        "Omdøbt fra Økonomiudvalget til Økonomi og Erhverv"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Skriv centrets nye navn"),
        ("x" * 201, "må højst være 200"),
        ("skole og dagtilbud", "Der er allerede et center ved navn Skole og Dagtilbud"),
        ("Ejendomme", "hedder allerede sådan"),
    ],
)
def test_a_bad_center_name_is_refused_on_the_field_and_nothing_changes(
    world, finance_officer, name, message
):
    rows = world.center.history.count()
    with pytest.raises(SetupError, match=message) as refused:
        org.center_rename(actor=finance_officer, center=world.center, name=name)
    assert refused.value.field == "name"
    world.center.refresh_from_db()
    assert world.center.name == "Ejendomme"
    assert world.center.history.count() == rows


def test_a_committee_name_another_committee_has_is_refused(world, finance_officer):
    with pytest.raises(SetupError, match="allerede et udvalg ved navn Børne- og Skoleudvalget"):
        org.committee_rename(
            actor=finance_officer, committee=world.committee, name="Børne- og Skoleudvalget"
        )


# Merge centers


def test_merging_a_center_moves_its_initiatives_and_editors_then_deletes_it(
    world, finance_officer, center_editor, other_center_editor
):
    source, target = world.other_center, world.center
    plan = osel.center_merge_plan(source, target)
    assert (plan.initiatives, plan.memberships) == (1, 1)

    org.center_merge(actor=finance_officer, center=source, into=target)

    assert not Center.objects.filter(pk=source.pk).exists()
    assert set(Initiative.objects.values_list("center__name", flat=True)) == {"Ejendomme"}
    assert [c.name for c in other_center_editor.profile.centers.all()] == ["Ejendomme"]
    assert [c.name for c in center_editor.profile.centers.all()] == ["Ejendomme"]
    # History: the merged one's rows stay (its last says why), the target's says what came in,
    # the initiative's and the editor's name the merge.
    gone = Center.history.filter(id=source.pk).order_by("-history_date").first()
    assert gone.history_type == "-"
    assert gone.history_change_reason == (
        "Slået sammen med Ejendomme (Skole og Dagtilbud er nedlagt)"
    )
    assert gone.history_user == finance_officer
    assert target.history.first().history_change_reason == (
        "Skole og Dagtilbud er slået sammen med Ejendomme"
    )
    moved = world.other_initiative.history.first()
    assert (moved.center_id, moved.history_change_reason) == (
        target.pk,
        "Skole og Dagtilbud er slået sammen med Ejendomme",
    )
    assert moved.history_user == finance_officer
    profile_row = other_center_editor.profile.history.first()
    assert profile_row.history_change_reason == "Skole og Dagtilbud er slået sammen med Ejendomme"
    history = osel.center_history(pk=source.pk)
    assert history.current is None and history.name == "Skole og Dagtilbud"
    assert history.entries[0].what.startswith("Slået sammen med Ejendomme")
    assert [m.name for m in osel.organisation().merged_centers] == ["Skole og Dagtilbud"]


def test_an_editor_of_both_centers_keeps_one_membership(world, finance_officer, center_editor):
    center_editor.profile.centers.add(world.other_center)
    org.center_merge(actor=finance_officer, center=world.other_center, into=world.center)
    assert [c.name for c in center_editor.profile.centers.all()] == ["Ejendomme"]


def test_a_center_is_not_merged_into_itself(world, finance_officer):
    with pytest.raises(SetupError, match="kan ikke slås sammen med sig selv") as refused:
        org.center_merge(actor=finance_officer, center=world.center, into=world.center)
    assert refused.value.field == "into"
    assert Center.objects.count() == 2


# Merge committees


def test_merging_a_committee_moves_every_reference(world, finance_officer, politician):
    source, target = world.committee, world.other_committee
    report = _report(world, source)
    _subscribe(world, "borger@example.dk", source)
    _subscribe(world, "begge@example.dk", source)
    _subscribe(world, "begge@example.dk", target)
    ReportSnapshot.objects.create(
        round=world.round, scope=source.slug, version=1, document={}, fingerprint="x"
    )
    plan = osel.committee_merge_plan(source, target)
    assert (plan.initiatives, plan.memberships, plan.reports, plan.report_conflicts) == (
        1,
        1,
        1,
        (),
    )
    assert (plan.subscriptions, plan.duplicate_subscriptions, plan.snapshots) == (1, 1, 1)

    org.committee_merge(actor=finance_officer, committee=source, into=target)

    assert not Committee.objects.filter(pk=source.pk).exists()
    assert set(Initiative.objects.values_list("committee_id", flat=True)) == {target.pk}
    report.refresh_from_db()
    assert report.committee == target
    assert report.history.first().history_change_reason == (
        "Økonomiudvalget er slået sammen med Børne- og Skoleudvalget"
    )
    assert sorted(Subscription.objects.values_list("email", "committee_id")) == [
        ("begge@example.dk", target.pk),
        ("borger@example.dk", target.pk),
    ]
    assert [c.name for c in politician.profile.committees.all()] == ["Børne- og Skoleudvalget"]
    # Frozen reports are never edited: they stay under the old short name.
    assert ReportSnapshot.objects.get().scope == "oekonomiudvalget"
    gone = Committee.history.filter(id=source.pk).order_by("-history_date").first()
    assert (gone.history_type, gone.history_user) == ("-", finance_officer)


def test_two_committee_reports_for_one_round_are_refused_and_nothing_moves(
    world, finance_officer, politician
):
    source, target = world.committee, world.other_committee
    _report(world, source, title="Økonomiudvalgets rapport")
    _report(world, target, title="Børne- og Skoleudvalgets rapport")
    _subscribe(world, "borger@example.dk", source)
    rows = Initiative.history.count()
    with pytest.raises(SetupError, match="Både Økonomiudvalget og Børne- og Skoleudvalget") as no:
        org.committee_merge(actor=finance_officer, committee=source, into=target)
    assert no.value.field == "keep_target_reports"
    assert "3. budgetopfølgning 2019" in str(no.value)
    # Nothing half-stored.
    assert Committee.objects.filter(pk=source.pk).exists()
    assert Initiative.history.count() == rows
    world.initiative.refresh_from_db()
    assert world.initiative.committee == source
    assert CommitteeReport.objects.filter(committee=source).count() == 1
    assert Subscription.objects.get().committee == source
    assert [c.name for c in politician.profile.committees.all()] == ["Økonomiudvalget"]


def test_keeping_the_targets_reports_deletes_the_merged_ones_with_history(world, finance_officer):
    source, target = world.committee, world.other_committee
    doubled = _report(world, source, title="Økonomiudvalgets rapport")
    kept = _report(world, target, title="Børne- og Skoleudvalgets rapport")
    plan = osel.committee_merge_plan(source, target)
    assert [r.pk for r in plan.report_conflicts] == [world.round.pk] and plan.reports == 0

    org.committee_merge(
        actor=finance_officer, committee=source, into=target, keep_target_reports=True
    )

    assert list(CommitteeReport.objects.all()) == [kept]
    deleted = CommitteeReport.history.filter(id=doubled.pk).order_by("-history_date").first()
    assert deleted.history_type == "-"
    assert deleted.history_change_reason.endswith(
        "Børne- og Skoleudvalgets udvalgsrapport er beholdt"
    )


def test_a_committee_is_not_merged_into_itself(world, finance_officer):
    with pytest.raises(SetupError, match="Vælg et andet udvalg"):
        org.committee_merge(actor=finance_officer, committee=world.committee, into=world.committee)
    assert Committee.objects.count() == 2


def test_a_renamed_and_merged_committee_history_reads_in_order(world, finance_officer):
    org.committee_rename(actor=finance_officer, committee=world.committee, name="Økonomi")
    org.committee_merge(
        actor=finance_officer, committee=world.committee, into=world.other_committee
    )
    history = osel.committee_history(pk=world.committee.pk)
    assert [e.what for e in history.entries] == [
        "Slået sammen med Børne- og Skoleudvalget (Økonomi er nedlagt)",
        "Omdøbt fra Økonomiudvalget til Økonomi",
        "Oprettet som Økonomiudvalget",
    ]
    assert history.entries[0].who == "Kathrine Dahl"
    assert history.entries[-1].who == "System"
    target = osel.committee_history(pk=world.other_committee.pk)
    assert target.entries[0].what == "Økonomi er slået sammen med Børne- og Skoleudvalget"
