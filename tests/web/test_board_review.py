"""The finance office's board (issue 16): bulk approval and a reminder per center."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from opfolgning.accounts.models import Role
from opfolgning.agreements.models import (
    Initiative,
    Milestone,
    ReminderSent,
    RoundState,
    Submission,
    SubmissionState,
)
from tests.personas import World, login, make_user

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _submitted(world: World, initiative: Initiative, smiley: str = "happy", note: str = "") -> None:
    Milestone.objects.update_or_create(
        initiative=initiative,
        round=world.round,
        defaults={"smiley": smiley, "status_note": note or "Følger planen.", "text": "Plan."},
    )
    Submission.objects.filter(initiative=initiative, round=world.round).update(
        state=SubmissionState.SUBMITTED
    )


def _state(initiative: Initiative, world: World) -> str:
    return Submission.objects.get(initiative=initiative, round=world.round).state


def _approve(client: Any, world: World, data: dict[str, Any]) -> Any:
    url = reverse("web:round-approve", args=[world.agreement.year, world.round.number])
    return client.post(url, data, follow=True)


def test_board_offers_the_submitted_statuses_whose_rules_pass_for_approval(
    client: Any, world: World, finance_officer: Any
) -> None:
    _submitted(world, world.initiative)
    login(client, finance_officer)
    url = reverse("web:round-manage", args=[world.agreement.year, world.round.number])
    body = client.get(url).content.decode()
    assert 'name="indsats" value="1.1"' in body
    # 1.2 is not submitted: nothing to tick.
    assert 'name="indsats" value="1.2"' not in body
    assert "Godkend valgte" in body and "Godkend den indsendte uden regelbrud" in body


def test_approve_selected_approves_only_the_ticked(
    client: Any, world: World, finance_officer: Any
) -> None:
    _submitted(world, world.initiative)
    _submitted(world, world.other_initiative)
    login(client, finance_officer)
    response = _approve(client, world, {"indsats": ["1.2"]})
    assert _state(world.other_initiative, world) == SubmissionState.APPROVED
    assert _state(world.initiative, world) == SubmissionState.SUBMITTED
    assert "1 indsats er godkendt: 1.2." in response.content.decode()


def test_approve_all_leaves_a_broken_rule_and_a_draft_and_says_why(
    client: Any, world: World, finance_officer: Any
) -> None:
    _submitted(world, world.initiative)
    # A sad smiley without a corrective action breaks a rule: it is not approved.
    _submitted(world, world.other_initiative, smiley="sad", note="Forsinket.")
    login(client, finance_officer)
    response = _approve(client, world, {"alle": "1"})
    page = response.content.decode()
    assert _state(world.initiative, world) == SubmissionState.APPROVED
    assert _state(world.other_initiative, world) == SubmissionState.SUBMITTED
    assert "1.2 er ikke godkendt:" in page


def test_a_ticked_status_withdrawn_since_the_board_was_shown_is_refused(
    client: Any, world: World, finance_officer: Any
) -> None:
    _submitted(world, world.initiative)
    Submission.objects.filter(pk=world.submission.pk).update(state=SubmissionState.DRAFT)
    login(client, finance_officer)
    page = _approve(client, world, {"indsats": ["1.1", "9.9"]}).content.decode()
    assert _state(world.initiative, world) == SubmissionState.DRAFT
    assert "1.1 er ikke godkendt: er kladde, ikke indsendt" in page
    assert "9.9 er ikke godkendt: findes ikke i opfølgningen" in page


def test_approve_without_a_selection_says_to_choose(
    client: Any, world: World, finance_officer: Any
) -> None:
    _submitted(world, world.initiative)
    login(client, finance_officer)
    page = _approve(client, world, {}).content.decode()
    assert "Vælg de indsatser, der skal godkendes." in page
    assert _state(world.initiative, world) == SubmissionState.SUBMITTED


def test_approve_on_a_closed_round_is_refused(
    client: Any, world: World, finance_officer: Any
) -> None:
    _submitted(world, world.initiative)
    world.set_round_state(RoundState.CLOSED)
    login(client, finance_officer)
    page = _approve(client, world, {"alle": "1"}).content.decode()
    assert "er ikke åben" in page
    assert _state(world.initiative, world) == SubmissionState.SUBMITTED


def test_approval_keeps_the_boards_filter(client: Any, world: World, finance_officer: Any) -> None:
    _submitted(world, world.initiative)
    login(client, finance_officer)
    url = reverse("web:round-approve", args=[world.agreement.year, world.round.number])
    response = client.post(url, {"indsats": ["1.1"], "tilstand": "submitted"})
    assert response["Location"].endswith("/styring/?tilstand=submitted")


def test_editors_cannot_bulk_approve(client: Any, world: World, center_editor: Any) -> None:
    _submitted(world, world.initiative)
    login(client, center_editor)
    assert _approve(client, world, {"alle": "1"}).status_code == 403
    assert _state(world.initiative, world) == SubmissionState.SUBMITTED


@pytest.fixture
def reminding(settings: Any, world: World) -> World:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = IMMEDIATE
    world.round.deadline = dt.date(2019, 9, 20)
    world.round.save()
    return world


def _remind(client: Any, world: World, center_id: int) -> Any:
    url = reverse("web:round-remind", args=[world.agreement.year, world.round.number, center_id])
    return client.post(url, follow=True)


def test_send_reminder_mails_that_centers_editors_only(
    client: Any,
    reminding: World,
    finance_officer: Any,
    center_editor: Any,
    other_center_editor: Any,
) -> None:
    world = reminding
    login(client, finance_officer)
    page = _remind(client, world, world.center.pk).content.decode()
    assert [m.to for m in mail.outbox] == [[center_editor.email]]
    assert "1.1" in mail.outbox[0].body
    assert "Påmindelsen er sendt til 1 redaktør" in page
    # A second click the same day sends nothing again.
    page = _remind(client, world, world.center.pk).content.decode()
    assert len(mail.outbox) == 1
    assert "Allerede mindet om det i dag" in page
    assert ReminderSent.objects.filter(user=center_editor).count() == 1


def test_board_has_a_reminder_button_per_center_that_still_owes(
    client: Any, reminding: World, finance_officer: Any
) -> None:
    world = reminding
    _submitted(world, world.other_initiative)
    login(client, finance_officer)
    url = reverse("web:round-manage", args=[world.agreement.year, world.round.number])
    body = client.get(url).content.decode()
    own = reverse("web:round-remind", args=[2019, world.round.number, world.center.pk])
    other = reverse("web:round-remind", args=[2019, world.round.number, world.other_center.pk])
    assert own in body and other not in body
    assert "Send påmindelse til Ejendomme" in body


def test_reminder_without_a_deadline_says_to_set_one(
    client: Any, world: World, finance_officer: Any, center_editor: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    login(client, finance_officer)
    page = _remind(client, world, world.center.pk).content.decode()
    assert "har ingen frist" in page
    assert mail.outbox == []


def test_reminder_to_an_editor_without_an_address_says_so(
    client: Any, reminding: World, finance_officer: Any
) -> None:
    world = reminding
    editor = make_user("uden-post", Role.DEPARTMENT_EDITOR, centers=(world.center,))
    type(editor).objects.filter(pk=editor.pk).update(email="")
    login(client, finance_officer)
    page = _remind(client, world, world.center.pk).content.decode()
    assert "Uden e-mailadresse, ikke mindet: uden-post." in page


def test_editors_cannot_send_reminders(client: Any, reminding: World, center_editor: Any) -> None:
    login(client, center_editor)
    assert _remind(client, reminding, reminding.center.pk).status_code == 403
    assert mail.outbox == []


def test_approve_all_says_nothing_of_what_was_not_submitted(
    client: Any, world: World, finance_officer: Any
) -> None:
    _submitted(world, world.initiative)
    login(client, finance_officer)
    page = _approve(client, world, {"alle": "1"}).content.decode()
    assert _state(world.initiative, world) == SubmissionState.APPROVED
    # 1.2 is not started: "all" means all submitted, so it is not reported as refused.
    assert "1.2 er ikke godkendt" not in page
