"""The public side (issue 14): the municipality, the accessibility statement, public history."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from opfolgning.agreements import workflow_services as wf


def test_the_home_page_names_the_municipality_and_says_what_the_site_is_for(client, settings, db):
    settings.MUNICIPALITY_NAME = "Eksempel Kommune"
    settings.CONTACT_EMAIL = "okonomi@eksempel-kommune.dk"
    page = client.get("/").content.decode()
    assert "Eksempel Kommune: opfølgning på budgetaftalerne" in page
    assert "Her kan du følge, hvordan det går med indsatserne" in page
    assert 'href="mailto:okonomi@eksempel-kommune.dk"' in page
    assert f'href="{reverse("web:accessibility")}"' in page


def test_was_leads_to_the_accessibility_statement(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://www.was.digst.dk/eksempel-kommune-dk"
    response = client.get("/was")
    assert response.status_code == 302
    assert response["Location"] == "https://www.was.digst.dk/eksempel-kommune-dk"


def test_without_a_statement_was_says_so(client, settings, db):
    settings.ACCESSIBILITY_STATEMENT_URL = ""
    response = client.get("/was")
    assert response.status_code == 200
    assert "endnu ikke angivet" in response.content.decode()


def test_se_historik_on_a_published_report_leads_citizens_to_the_public_history(
    world, finance_officer
):
    wf.round_close(actor=finance_officer, round_obj=world.round, override_reason="Test")
    wf.round_publish(actor=finance_officer, round_obj=world.round)
    page = Client().get(reverse("web:report", args=[2019, "oekonomiudvalget", 3])).content.decode()
    public = reverse("web:public-initiative", args=[2019, "1.1"])
    assert f'href="{public}"' in page
    assert reverse("web:initiative_timeline", args=[2019, "1.1"]) not in page
    assert Client().get(public).status_code == 200


def test_atom_feeds_list_the_published_rounds_of_the_agreement_and_of_a_committee(
    client, world, finance_officer
):
    feed = reverse("web:feed", args=[2019])
    assert client.get(feed).status_code == 404  # nothing published yet
    wf.round_close(actor=finance_officer, round_obj=world.round, override_reason="Test")
    assert client.get(feed).status_code == 404  # closed is not published
    wf.round_publish(actor=finance_officer, round_obj=world.round)
    response = client.get(feed)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<title>Aftale om budget 2019</title>" in body
    assert "Tredje opfølgning på Aftale om budget 2019 for hele aftalen" in body
    assert reverse("web:agreement-report", args=[2019, 3]) in body
    committee = client.get(reverse("web:committee-feed", args=[2019, "oekonomiudvalget"]))
    text = committee.content.decode()
    assert "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget" in text
    assert reverse("web:report", args=[2019, "oekonomiudvalget", 3]) in text
    assert "indsatser/?udvalg=oekonomiudvalget</id>" in text  # its own id, not the agreement's
    unknown = client.get(reverse("web:committee-feed", args=[2019, "ukendt-udvalg"]))
    assert unknown.status_code == 404


def test_a_published_report_and_the_agreement_page_offer_to_follow_by_e_mail_and_feed(
    world, finance_officer
):
    report = reverse("web:report", args=[2019, "oekonomiudvalget", 3])
    wf.round_close(actor=finance_officer, round_obj=world.round, override_reason="Test")
    wf.round_publish(actor=finance_officer, round_obj=world.round)
    page = Client().get(report).content.decode()
    assert f"{reverse('web:subscribe', args=[2019])}?udvalg=oekonomiudvalget" in page
    assert reverse("web:committee-feed", args=[2019, "oekonomiudvalget"]) in page
    agreement = Client().get(reverse("web:agreement", args=[2019])).content.decode()
    assert reverse("web:subscribe", args=[2019]) in agreement
    assert reverse("web:feed", args=[2019]) in agreement


def test_only_reports_imported_from_a_file_are_marked_importeret(client, world, finance_officer):
    from opfolgning.agreements.models import CommitteeReport, Round

    made = CommitteeReport.objects.create(
        round=world.round, committee=world.committee, title="I appen"
    )
    from opfolgning.agreements.models import RoundState

    Round.objects.filter(agreement=world.agreement, number__in=[1, 3]).update(
        state=RoundState.PUBLISHED
    )
    imported = CommitteeReport.objects.create(
        round=Round.objects.get(agreement=world.agreement, number=1),
        committee=world.committee,
        title="Fra Word",
        source_name="rapport.docx",
    )
    from tests.personas import login

    login(client, finance_officer)
    page = client.get(reverse("web:agreement", args=[2019])).content.decode()
    assert page.count(">importeret</span>") == 1
    assert made.pk and imported.pk


def test_an_unpublished_report_is_marked_kladde_on_the_agreement_page(client, world, politician):
    from tests.personas import login

    login(client, politician)
    page = client.get(reverse("web:agreement", args=[2019])).content.decode()
    assert ">kladde</span>" in page  # round 3 is open


def test_a_refusal_is_a_danish_page_that_says_what_to_do(client, world, politician):
    from tests.personas import login

    login(client, politician)
    response = client.get(reverse("web:report", args=[2019, "boerne-og-skoleudvalget", 3]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Du har ikke adgang til denne side" in body and "økonomiafdelingen" in body
