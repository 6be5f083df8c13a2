"""Each role lands where its work is after signing in (issue 16): the finance office on the
open round's board, an editor on what they owe, a committee reader on their committee's
newest report; the header names the editor's center or the reader's committee, and only
those who write through the API see "API-nøgler"."""

from __future__ import annotations

from django.urls import reverse

from opfolgning.agreements.models import Round, RoundState
from tests.personas import PASSWORD


def _sign_in(client, user):
    response = client.post(
        reverse("login"), {"username": user.get_username(), "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:landing")
    return client.get(response["Location"])


def test_the_finance_office_lands_on_the_open_rounds_board(client, world, finance_officer):
    landing = _sign_in(client, finance_officer)
    assert landing["Location"] == reverse("web:round-manage", args=[2019, world.round.number])


def test_an_editor_lands_on_what_they_owe_and_the_header_names_their_center(
    client, world, center_editor
):
    landing = _sign_in(client, center_editor)
    assert landing["Location"] == reverse("web:owed", args=[2019, world.round.number])
    page = client.get(landing["Location"]).content.decode()
    assert f"Redaktør for center, {world.center.name}" in page
    assert "API-nøgler" in page


def test_a_committee_reader_lands_on_the_newest_report_without_api_keys(client, world, politician):
    landing = _sign_in(client, politician)
    assert landing["Location"] == reverse(
        "web:report", args=[2019, world.committee.slug, world.round.number]
    )
    page = client.get(landing["Location"]).content.decode()
    assert world.committee.name in page.split("</header>")[0]
    assert "API-nøgler" not in page


def test_a_next_address_still_wins(client, world, center_editor):
    response = client.post(
        reverse("login") + "?next=/aftaler/2019/",
        {"username": center_editor.get_username(), "password": PASSWORD},
    )
    assert response["Location"] == "/aftaler/2019/"


def test_with_no_open_round_the_finance_office_lands_on_the_agreements(
    client, world, finance_officer
):
    Round.objects.update(state=RoundState.CLOSED)
    landing = _sign_in(client, finance_officer)
    assert landing["Location"] == reverse("web:home")


def test_the_board_is_in_the_finance_offices_menu(client, world, finance_officer, center_editor):
    _sign_in(client, finance_officer)
    page = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:board")}"' in page
    board = client.get(reverse("web:board"))
    assert board["Location"] == reverse("web:round-manage", args=[2019, world.round.number])
    client.logout()
    _sign_in(client, center_editor)
    assert f'href="{reverse("web:board")}"' not in client.get(reverse("web:home")).content.decode()
    assert client.get(reverse("web:board")).status_code == 403


def test_a_committee_reader_lands_on_the_newest_frozen_report_rather_than_one_being_written(
    client, world, politician
):
    Round.objects.filter(agreement=world.agreement, number=2).update(state=RoundState.CLOSED)
    landing = _sign_in(client, politician)
    assert landing["Location"] == reverse("web:report", args=[2019, world.committee.slug, 2])


def test_sign_in_from_the_front_page_lands_where_the_work_is(client, world):
    page = client.get("/").content.decode()
    assert f'href="{reverse("login")}"' in page
    assert "?next=%2F" not in page and "?next=/" not in page
    page = client.get("/aftaler/2019/").content.decode()
    assert f'href="{reverse("login")}?next=/aftaler/2019/"' in page
