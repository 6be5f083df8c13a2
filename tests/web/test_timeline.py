"""The initiative timeline page: who may see it, what it shows, 404s and paging."""

from __future__ import annotations

import pytest
from django.shortcuts import resolve_url
from django.urls import reverse

from opfolgning.agreements import history
from opfolgning.agreements.models import Initiative, Milestone
from opfolgning.agreements.services import report_import
from tests import factories
from tests.personas import login

pytestmark = pytest.mark.django_db

URL = "/aftaler/2019/indsatser/1.1/historik/"


@pytest.fixture
def initiative() -> Initiative:
    report_import(actor=None, document=factories.report(initiatives=1), source_name="r3.txt")
    return Initiative.objects.get(number="1.1")


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_superuser(
        "okonomi", first_name="Karen", last_name="Økonomi"
    )


def _edit_status(initiative: Initiative, user, note: str) -> None:
    milestone = Milestone.objects.get(initiative=initiative, round__number=3)
    milestone.status_note = note
    milestone._history_user = user
    milestone.save()


def test_anonymous_visitors_are_sent_to_sign_in(client, initiative, settings):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?")
    assert "next=/aftaler/2019/indsatser/1.1/historik/" in response["Location"]


def test_a_signed_in_user_without_a_role_is_refused(client, initiative, django_user_model):
    client.force_login(django_user_model.objects.create_user("udenrolle"))
    assert client.get(URL).status_code == 403


def test_the_timeline_shows_who_when_what_and_a_word_diff(client, initiative, officer):
    _edit_status(initiative, officer, "Projektet er forsinket.")
    _edit_status(initiative, officer, "Projektet er afsluttet.")
    client.force_login(officer)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Historik: 1.1. Indsats 1.1" in html
    assert "Karen Økonomi" in html
    assert "Indlæst fra r3.txt" in html
    assert "Milepæl, 3. opfølgning" in html
    assert (
        'Projektet er <del><span class="visually-hidden">slettet: </span>forsinket.</del>'
        '<ins><span class="visually-hidden">tilføjet: </span>afsluttet.</ins>'
    ) in html
    assert html.index("afsluttet.") < html.index("Indlæst fra r3.txt")
    assert "<time datetime=" in html


def test_short_values_show_before_and_after_with_hidden_words(client, initiative, officer):
    milestone = Milestone.objects.get(initiative=initiative, round__number=3)
    milestone.smiley = "sad"
    milestone.save()
    client.force_login(officer)
    html = client.get(URL).content.decode()
    assert (
        '<span class="visually-hidden">før: </span>glad <span aria-hidden="true">→</span> '
        '<span class="visually-hidden">efter: </span><strong>sur</strong>'
    ) in html


def test_markup_in_a_status_note_is_shown_as_text(client, initiative, officer):
    _edit_status(initiative, officer, '<img src=x onerror="alert(1)"> OK')
    client.force_login(officer)
    html = client.get(URL).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


@pytest.mark.parametrize(
    "url",
    ["/aftaler/2030/indsatser/1.1/historik/", "/aftaler/2019/indsatser/9.9/historik/"],
)
def test_an_unknown_year_or_number_is_a_friendly_404(client, initiative, officer, url):
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Indsatsen findes ikke" in html
    assert "Se alle aftaler" in html


def test_long_histories_are_paged_with_a_link_to_older_entries(
    client, initiative, officer, monkeypatch
):
    monkeypatch.setattr(history, "PER_PAGE", 3)
    for n in range(4):
        _edit_status(initiative, officer, f"Status nummer {n}")
    client.force_login(officer)
    html = client.get(URL).content.decode()
    assert html.count('<li class="entry') == 3
    assert '<a href="?side=2">Vis ældre</a>' in html
    assert "Vis nyere" not in html
    older = client.get(URL + "?side=2").content.decode()
    assert '<a href="?side=1">Vis nyere</a>' in older
    assert client.get(URL + "?side=nonsense").status_code == 200
    beyond = client.get(URL + "?side=99").content.decode()
    assert "Der er ikke flere ændringer." in beyond


def test_page_query_count_does_not_grow_with_entries(
    client, initiative, officer, django_assert_max_num_queries
):
    client.force_login(officer)
    with django_assert_max_num_queries(14) as few:
        assert client.get(URL).status_code == 200
    for n in range(30):
        _edit_status(initiative, officer, f"Status {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_the_report_page_links_each_initiative_to_its_timeline(client, initiative, officer):
    client.force_login(officer)
    html = client.get("/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/").content.decode()
    assert (
        '<a class="timeline-link no-print" href="/aftaler/2019/indsatser/1.1/historik/">'
        'Se historik<span class="visually-hidden"> for indsats 1.1</span></a>'
    ) in html


def test_downloaded_html_has_no_timeline_links(client, initiative, officer):
    client.force_login(officer)
    url = "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/?format=html"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="initiative"' in html
    assert "/historik/" not in html
    assert "timeline-link" not in html


@pytest.mark.parametrize("persona", ["finance_officer", "center_editor", "politician"])
def test_every_role_may_read_any_initiatives_timeline(client, world, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for initiative in (world.initiative, world.other_initiative):
        url = f"/aftaler/{initiative.agreement.year}/indsatser/{initiative.number}/historik/"
        response = client.get(url)
        assert response.status_code == 200
        assert f"Historik: {initiative.number}. {initiative.title}" in response.content.decode()


def _status_form(version: int = 0, **values: str) -> dict[str, str]:
    data = {"version": str(version), "text": "", "status_note": "", "smiley": ""}
    data["corrective_action"] = ""
    data.update(values)
    return data


def _timeline(client, world) -> str:
    initiative = world.initiative
    url = reverse("web:initiative_timeline", args=[initiative.agreement.year, initiative.number])
    return client.get(url).content.decode()


def test_one_save_and_submit_is_one_entry_listing_every_row_it_touched(
    client, world, center_editor, finance_officer
):
    status = reverse("web:status", args=[world.agreement.year, world.round.number, "1.1"])
    login(client, finance_officer)
    before = _timeline(client, world).count('<li class="entry')
    login(client, center_editor)
    # One click: the milestone is written, the submission made a draft, then submitted.
    client.post(status, _status_form(status_note="Efter planen", smiley="happy", submit="1"))
    login(client, finance_officer)
    html = _timeline(client, world)
    assert html.count('<li class="entry') == before + 1
    assert "Milepæl og indberetning, 3. opfølgning" in html
    assert html.count("<h3>") == 2
    assert "Jens Hansen" in html
    assert "Efter planen" in html
    assert "<strong>indsendt</strong>" in html
    # A second save is a second entry.
    login(client, center_editor)
    client.post(status, _status_form(1, status_note="Stadig efter planen", smiley="happy"))
    login(client, finance_officer)
    assert _timeline(client, world).count('<li class="entry') == before + 2


def test_the_page_query_count_holds_with_entries_of_several_rows(
    client, world, center_editor, finance_officer, django_assert_max_num_queries
):
    status = reverse("web:status", args=[world.agreement.year, world.round.number, "1.1"])
    login(client, finance_officer)
    url = reverse("web:initiative_timeline", args=[world.agreement.year, "1.1"])
    with django_assert_max_num_queries(14) as few:
        before = client.get(url).content.decode().count('<li class="entry')
    budget = len(few.captured_queries)  # read now: each request clears the query log
    login(client, center_editor)
    for n in range(10):
        client.post(status, _status_form(n, status_note=f"Status {n}", smiley="happy"))
    login(client, finance_officer)
    with django_assert_max_num_queries(budget):
        html = client.get(url).content.decode()
    assert html.count('<li class="entry') == before + 10
