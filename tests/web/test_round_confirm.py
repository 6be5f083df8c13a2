"""Close, publish and a new version each show what will happen first (issue 14)."""

from __future__ import annotations

from django.urls import reverse

from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import Milestone, RoundState, Submission, SubmissionState
from tests.personas import login


def _url(name, world):
    return reverse(f"web:{name}", args=[world.agreement.year, world.round.number])


def test_the_board_links_to_the_close_page_which_lists_what_is_not_approved(
    client, world, finance_officer
):
    Submission.objects.filter(pk=world.submission.pk).update(state=SubmissionState.APPROVED)
    Submission.objects.filter(pk=world.other_submission.pk).update(state=SubmissionState.RETURNED)
    login(client, finance_officer)
    board = client.get(_url("round-manage", world)).content.decode()
    assert f'href="{_url("round-close", world)}"' in board
    assert board.index("Fremdrift") < board.index("Handlinger")  # progress first
    page = client.get(_url("round-close", world))
    assert page.status_code == 200
    body = page.content.decode()
    assert "1 af 2 indsatser har en godkendt status" in body
    assert "1 indsats uden godkendt status" in body
    assert "1.2 Ny skole i Vestbyen" in body and "sendt retur" in body
    assert "3 rapporter fryses" in body
    assert 'name="override_reason"' in body
    world.round.refresh_from_db()
    assert world.round.state == RoundState.OPEN  # looking changes nothing

    # The browser asks for the reason; without it the server refuses on the very field.
    assert 'name="override_reason" rows="3" required' in body
    refused = client.post(_url("round-close", world), {"override_reason": " "})
    assert refused.status_code == 200
    text = refused.content.decode()
    assert 'id="override-error"' in text and 'aria-invalid="true"' in text
    world.round.refresh_from_db()
    assert world.round.state == RoundState.OPEN


def test_a_close_page_without_anything_outstanding_needs_no_reason(client, world, finance_officer):
    Submission.objects.filter(round=world.round).update(state=SubmissionState.APPROVED)
    login(client, finance_officer)
    body = client.get(_url("round-close", world)).content.decode()
    assert 'name="override_reason"' not in body
    response = client.post(_url("round-close", world))
    assert response.status_code == 302
    world.round.refresh_from_db()
    assert world.round.state == RoundState.CLOSED


def test_the_publish_page_lists_the_frozen_reports_and_publishes_on_post(
    client, world, finance_officer
):
    wf.round_close(actor=finance_officer, round_obj=world.round, override_reason="Test")
    login(client, finance_officer)
    body = client.get(_url("round-publish", world)).content.decode()
    assert "3 frosne rapporter bliver offentlige for alle" in body
    assert "Hele aftalen" in body and "Økonomiudvalget" in body
    client.post(_url("round-publish", world))
    world.round.refresh_from_db()
    assert world.round.state == RoundState.PUBLISHED


def test_the_new_version_page_says_which_reports_changed(client, world, finance_officer):
    wf.round_close(actor=finance_officer, round_obj=world.round, override_reason="Test")
    login(client, finance_officer)
    assert "Ingen rapporter er ændret" in client.get(_url("round-correct", world)).content.decode()
    Milestone.objects.create(initiative=world.initiative, round=world.round, text="Rettet milepæl")
    body = client.get(_url("round-correct", world)).content.decode()
    assert "2 rapporter er ændret" in body  # the whole agreement's and Økonomiudvalget's
    assert "Børne- og Skoleudvalget" not in body.split("Rapporter, der fryses")[1]


def test_a_page_for_an_action_the_state_does_not_allow_goes_back_to_the_board(
    client, world, finance_officer
):
    login(client, finance_officer)
    response = client.get(_url("round-publish", world))  # the round is open
    assert response.status_code == 302
    assert response["Location"] == _url("round-manage", world)


def test_only_the_finance_office_sees_the_confirmation_pages(
    client, world, center_editor, politician
):
    for user in (center_editor, politician):
        login(client, user)
        for name in ("round-close", "round-publish", "round-correct"):
            assert client.get(_url(name, world)).status_code == 403
    client.logout()
    assert client.get(_url("round-close", world)).status_code == 302  # sign in first
