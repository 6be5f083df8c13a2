"""Centers and committees in the app (issue 15): the finance office sees them with their
initiatives and users, renames them, merges one into another after a confirmation that says
what moves, and reads each one's history. Nobody else may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opfolgning.agreements.models import Center, Committee, CommitteeReport
from tests.personas import login


def test_the_organisation_page_lists_centers_and_committees_with_counts(
    client, world, finance_officer, center_editor, politician
):
    login(client, finance_officer)
    page = client.get(reverse("web:organisation")).content.decode()
    assert "Centre og udvalg" in page
    assert "Ejendomme" in page and "Børne- og Skoleudvalget" in page
    assert reverse("web:center-rename", args=[world.center.pk]) in page
    assert reverse("web:committee-merge", args=[world.committee.pk]) in page
    assert reverse("web:committee-history", args=[world.committee.pk]) in page
    # The menu and the user list lead here.
    assert f'href="{reverse("web:organisation")}"' in page
    users = client.get(reverse("web:users")).content.decode()
    assert f'href="{reverse("web:organisation")}"' in users


@pytest.mark.parametrize("persona", ["center_editor", "politician"])
def test_others_are_refused(client, world, persona, request):
    login(client, request.getfixturevalue(persona))
    assert client.get(reverse("web:organisation")).status_code == 403
    url = reverse("web:center-rename", args=[world.center.pk])
    assert client.post(url, {"name": "Nyt navn"}).status_code == 403
    url = reverse("web:committee-merge", args=[world.committee.pk])
    assert client.post(url, {"into": world.other_committee.pk}).status_code == 403
    assert Committee.objects.count() == 2
    assert f'href="{reverse("web:organisation")}"' not in client.get("/").content.decode()


def test_a_visitor_is_sent_to_sign_in(client, world):
    response = client.get(reverse("web:organisation"))
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_a_rename_says_what_is_wrong_on_the_field(client, world, finance_officer):
    login(client, finance_officer)
    url = reverse("web:center-rename", args=[world.center.pk])
    form = client.get(url).content.decode()
    assert 'value="Ejendomme"' in form
    response = client.post(url, {"name": "Skole og Dagtilbud"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="error-summary"' in page and 'href="#id_name"' in page
    assert 'id="id_name-error"' in page and "allerede et center ved navn" in page
    assert 'aria-invalid="true"' in page
    world.center.refresh_from_db()
    assert world.center.name == "Ejendomme"


def test_a_committee_is_renamed_and_keeps_its_address(client, world, finance_officer):
    login(client, finance_officer)
    url = reverse("web:committee-rename", args=[world.committee.pk])
    assert "oekonomiudvalget" in client.get(url).content.decode()  # the hint names the slug
    response = client.post(url, {"name": "Økonomi- og Erhvervsudvalget"}, follow=True)
    assert "Økonomiudvalget hedder nu Økonomi- og Erhvervsudvalget" in response.content.decode()
    world.committee.refresh_from_db()
    assert world.committee.slug == "oekonomiudvalget"
    history = client.get(reverse("web:committee-history", args=[world.committee.pk]))
    text = history.content.decode()
    assert "Omdøbt fra Økonomiudvalget til Økonomi- og Erhvervsudvalget" in text
    assert "Kathrine Dahl" in text


def test_a_merge_shows_what_moves_before_it_happens(client, world, finance_officer, politician):
    login(client, finance_officer)
    url = reverse("web:committee-merge", args=[world.committee.pk])
    choose = client.get(url).content.decode()
    assert "Børne- og Skoleudvalget" in choose and 'name="into"' in choose
    assert f'<option value="{world.committee.pk}"' not in choose  # not into itself
    confirm = client.get(url, {"into": world.other_committee.pk}).content.decode()
    assert "Slå Økonomiudvalget sammen med Børne- og Skoleudvalget" in confirm
    assert "1 indsats får Børne- og Skoleudvalget som ansvarligt udvalg" in confirm
    assert "1 udvalgslæser læser herefter" in confirm
    assert Committee.objects.count() == 2  # looking changes nothing

    response = client.post(url, {"into": world.other_committee.pk}, follow=True)
    assert "Økonomiudvalget er slået sammen med Børne- og Skoleudvalget" in (
        response.content.decode()
    )
    assert not Committee.objects.filter(pk=world.committee.pk).exists()
    assert [c.name for c in politician.profile.committees.all()] == ["Børne- og Skoleudvalget"]
    # The merged one's history is still reachable, from the organisation page.
    listing = client.get(reverse("web:organisation")).content.decode()
    gone = reverse("web:committee-history", args=[world.committee.pk])
    assert gone in listing
    history = client.get(gone).content.decode()
    assert (
        "findes ikke længere" in history and "Slået sammen med Børne- og Skoleudvalget" in history
    )


def test_a_merge_into_itself_or_nothing_is_refused_on_the_field(client, world, finance_officer):
    login(client, finance_officer)
    url = reverse("web:center-merge", args=[world.center.pk])
    for into in ("", str(world.center.pk)):
        response = client.post(url, {"into": into})
        assert response.status_code == 400
        page = response.content.decode()
        assert 'href="#id_into"' in page and 'id="id_into-error"' in page
    assert Center.objects.count() == 2


def test_two_reports_for_one_round_ask_which_to_keep(client, world, finance_officer):
    CommitteeReport.objects.create(round=world.round, committee=world.committee, title="A")
    kept = CommitteeReport.objects.create(
        round=world.round, committee=world.other_committee, title="B"
    )
    login(client, finance_officer)
    url = reverse("web:committee-merge", args=[world.committee.pk])
    confirm = client.get(url, {"into": world.other_committee.pk}).content.decode()
    assert "Begge udvalg har en udvalgsrapport ved" in confirm
    refused = client.post(url, {"into": world.other_committee.pk})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'href="#id_keep_target_reports"' in page and "én rapport pr. opfølgning" in page
    assert Committee.objects.count() == 2 and CommitteeReport.objects.count() == 2

    client.post(url, {"into": world.other_committee.pk, "keep_target_reports": "on"})
    assert list(CommitteeReport.objects.all()) == [kept]
    assert Committee.objects.count() == 1


def test_an_unknown_center_is_not_found(client, world, finance_officer):
    login(client, finance_officer)
    assert client.get(reverse("web:center-history", args=[9999])).status_code == 404
    assert client.get(reverse("web:center-rename", args=[9999])).status_code == 404


def test_the_finance_office_adds_a_center_and_a_committee(client, world, finance_officer):
    from opfolgning.agreements.models import Center, Committee

    login(client, finance_officer)
    url = reverse("web:organisation")
    response = client.post(url, {"new": "center", "center-name": "  Center for  Klima "})
    assert response.status_code == 302
    center = Center.objects.get(name="Center for Klima")
    assert center.history.get().history_change_reason == "Oprettet som Center for Klima"
    response = client.post(url, {"new": "committee", "committee-name": "Klimaudvalget"})
    assert Committee.objects.get(name="Klimaudvalget").slug == "klimaudvalget"
    taken = client.post(url, {"new": "center", "center-name": "center for klima"})
    assert taken.status_code == 400
    body = taken.content.decode()
    assert 'id="error-summary"' in body and 'id="id_center-name-error"' in body
    assert 'aria-describedby="id_center-name-error"' in body
    assert "Der er allerede et center ved navn Center for Klima" in body
    empty = client.post(url, {"new": "committee", "committee-name": " "})
    assert empty.status_code == 400 and "Skriv navnet på udvalget" in empty.content.decode()
    assert Center.objects.filter(name__iexact="center for klima").count() == 1
