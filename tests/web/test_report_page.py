"""The report page and agreement page: content, accessibility, query budget."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opfolgning.agreements.services import report_import
from opfolgning.followup.smileys import Smiley
from tests import factories

pytestmark = pytest.mark.django_db


REPORT_URL = "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/"


def test_home_lists_agreements(officer_client):
    report_import(actor=None, document=factories.report())
    response = officer_client.get("/")
    assert response.status_code == 200
    assert "Aftale om budget 2019" in response.content.decode()


def test_agreement_page_shows_rounds_and_committee_reports(officer_client):
    report_import(actor=None, document=factories.report())
    html = officer_client.get("/aftaler/2019/").content.decode()
    assert "31.12.2019" in html
    assert "Økonomiudvalget" in html
    assert REPORT_URL in html


def test_report_page_shows_header_facts_themes_and_initiative_rows(officer_client):
    report_import(actor=None, document=factories.report(initiatives=2))
    response = officer_client.get(REPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "9. oktober 2019" in html
    assert "00.30.10-S00-3-19" in html
    assert "Kathrine Dahl Marcussen" in html
    assert "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget" in html
    assert html.index("1. Tema 1") < html.index("2. Tema 2")
    assert html.count('class="initiative"') == 2
    assert html.count("Milepæl") >= 8


def test_smileys_are_icons_with_a_text_label_never_colour_alone(officer_client):
    doc = factories.report(initiatives=1)
    doc.themes[0].initiatives[0].milestones[1].smiley = Smiley.NEUTRAL
    report_import(actor=None, document=doc)
    html = officer_client.get(REPORT_URL).content.decode()
    icons = re.findall(r'<svg class="smiley-icon"[^>]*>', html)
    assert icons and all('aria-hidden="true"' in svg for svg in icons)
    assert '<span class="smiley-label">glad</span>' in html
    assert '<span class="smiley-label">mellemfornøjet</span>' in html


def test_report_page_lists_rule_findings(officer_client):
    doc = factories.report(initiatives=1)
    m = doc.themes[0].initiatives[0].milestones[2]
    m.smiley, m.corrective_action = Smiley.SAD, ""
    report_import(actor=None, document=doc)
    html = officer_client.get(REPORT_URL).content.decode()
    assert "Regeltjek" in html
    assert "korrigerende handling" in html


def test_unknown_committee_or_round_is_404(officer_client):
    report_import(actor=None, document=factories.report())
    assert officer_client.get("/aftaler/2019/udvalg/ukendt/opfolgning/3/").status_code == 404
    assert officer_client.get("/aftaler/2030/").status_code == 404
    assert (
        officer_client.get("/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/5/").status_code == 404
    )


def _report_queries(officer_client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert officer_client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_report_page_query_count_does_not_grow_with_initiatives(officer_client):
    report_import(actor=None, document=factories.report(initiatives=5))
    small = _report_queries(officer_client, REPORT_URL)
    report_import(actor=None, document=factories.report(initiatives=60, themes=6))
    large = _report_queries(officer_client, REPORT_URL)
    assert small == large
    assert large <= 15


def test_whole_agreement_report_includes_every_committee(officer_client):
    report_import(actor=None, document=factories.report(initiatives=2))
    other = factories.report(initiatives=2, committee="Teknik- og Miljøudvalget")
    for theme in other.themes:
        for ini in theme.initiatives:
            ini.number = "9" + ini.number
    report_import(actor=None, document=other)
    html = officer_client.get("/aftaler/2019/opfolgning/3/").content.decode()
    assert html.count('class="initiative"') == 4


def test_html_download_is_self_contained(officer_client):
    report_import(actor=None, document=factories.report())
    response = officer_client.get(REPORT_URL + "?format=html")
    html = response.content.decode()
    assert response["Content-Disposition"].startswith("attachment")
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<style>" in html


def test_json_download_is_the_interchange_document(officer_client):
    report_import(actor=None, document=factories.report(initiatives=2))
    data = officer_client.get(REPORT_URL + "?format=json").json()
    assert data["committee"] == "Økonomiudvalget"
    assert data["round"] == 3
    assert [len(i["milestones"]) for t in data["themes"] for i in t["initiatives"]] == [4, 4]


def test_script_in_a_status_note_never_reaches_the_page(officer_client):
    doc = factories.report(initiatives=1)
    doc.themes[0].initiatives[0].milestones[2].status_note = '<script>alert("x")</script>OK'
    report_import(actor=None, document=doc)
    html = officer_client.get(REPORT_URL).content.decode()
    # The one script of every page is our own menu.js (a file, never inline).
    html = html.replace('<script src="/static/web/menu.js" defer></script>', "")
    assert "<script" not in html
    assert 'alert("x")' not in html


def test_admin_is_in_danish(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Budgetaftaler" in html
    assert "Log ud" in html
    for path in [
        "agreement",
        "initiative",
        "milestone",
        "economystatus",
        "round",
        "theme",
        "center",
        "committee",
        "committeereport",
    ]:
        assert admin_client.get(f"/admin/agreements/{path}/").status_code == 200
        assert admin_client.get(f"/admin/agreements/{path}/add/").status_code == 200


def test_pages_are_danish_even_when_the_browser_asks_for_english(officer_client):
    report_import(actor=None, document=factories.report())
    html = officer_client.get(REPORT_URL, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="da"' in html
    assert "9. oktober 2019" in html


def test_the_language_switcher_chooses_english(officer_client):
    report_import(actor=None, document=factories.report())
    officer_client.post("/i18n/setlang/", {"language": "en", "next": REPORT_URL})
    html = officer_client.get(REPORT_URL).content.decode()
    assert 'lang="en"' in html
    assert "9 October 2019" in html
    assert "Rule check" in html
    assert '<span class="smiley-label">happy</span>' in html
    assert "set at this round" in html


def test_reading_guide_lists_render_as_lists(officer_client):
    doc = factories.report()
    doc.reading_guide = "Definition af smileys:\n\n- ☺: Milepælen er nået.\n- ☹: Ikke nået."
    report_import(actor=None, document=doc)
    html = officer_client.get(REPORT_URL).content.decode()
    # Smiley definitions show the app's own smileys, face and word (issue 14): two
    # definitions are happy and sad, whatever glyph the source used.
    legend = html[html.index('<ul class="guide-legend">') :]
    legend = legend[: legend.index("</ul>")]
    assert "smiley-happy" in legend and "smiley-sad" in legend
    assert "Milepælen er nået.</li>" in legend and "Ikke nået.</li>" in legend
