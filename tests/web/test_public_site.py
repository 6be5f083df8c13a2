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
