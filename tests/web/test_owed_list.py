"""A department's list for a round (issue 16): deadline, counts, returned first with the comment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from opfolgning.agreements.models import Milestone, Submission, SubmissionState
from tests.personas import World, login, own_second_initiative


def _owed(client: Any, world: World, query: str = "") -> str:
    url = reverse("web:owed", args=[world.agreement.year, world.round.number]) + query
    return client.get(url).content.decode()


def test_the_list_says_the_deadline_the_days_left_and_how_many_are_submitted(
    client: Any, world: World, center_editor: Any
) -> None:
    own_second_initiative(world)
    world.round.deadline = timezone.localdate() + dt.timedelta(days=8)
    world.round.save()
    world.submission.state = SubmissionState.SUBMITTED
    world.submission.save()
    login(client, center_editor)
    body = _owed(client, world)
    assert "(om 8 dage)" in body
    assert "<strong>1 af 2</strong> indsendt" in body


def test_a_passed_deadline_is_said_to_be_overdue(
    client: Any, world: World, center_editor: Any
) -> None:
    world.round.deadline = timezone.localdate() - dt.timedelta(days=1)
    world.round.save()
    login(client, center_editor)
    assert "overskredet med 1 dag" in _owed(client, world)


def test_returned_statuses_come_first_with_the_comment_and_who_returned_it(
    client: Any, world: World, center_editor: Any, finance_officer: Any
) -> None:
    second = own_second_initiative(world)
    Submission.objects.filter(initiative=second, round=world.round).update(
        state=SubmissionState.RETURNED,
        comment="Skriv, hvornår byggeriet går i gang.",
        updated_by=finance_officer,
    )
    login(client, center_editor)
    body = _owed(client, world)
    assert body.index("1.3 Cykelsti") < body.index("1.1 Plejecenter")
    assert "Skriv, hvornår byggeriet går i gang." in body
    assert (
        f"{finance_officer.get_full_name() or finance_officer.username} sendte den retur:" in body
    )
    assert "1 sendt retur: se kommentaren" in body


def test_an_initiative_not_started_is_not_filled_in_yet_rather_than_a_broken_rule(
    client: Any, world: World, center_editor: Any
) -> None:
    login(client, center_editor)
    body = _owed(client, world)
    assert "ikke udfyldt endnu" in body
    assert "regelbrud" not in body.split("<tbody>")[1]


def test_a_started_status_with_a_broken_rule_says_so(
    client: Any, world: World, center_editor: Any
) -> None:
    Milestone.objects.create(
        initiative=world.initiative, round=world.round, smiley="sad", status_note="Forsinket."
    )
    world.submission.state = SubmissionState.DRAFT
    world.submission.save()
    login(client, center_editor)
    body = _owed(client, world)
    assert "regelbrud" in body.split("<tbody>")[1]
    assert "ikke udfyldt endnu" not in body


def test_states_are_words_with_a_mark_not_boxes(
    client: Any, world: World, center_editor: Any
) -> None:
    login(client, center_editor)
    body = _owed(client, world)
    assert '<span class="state-mark" aria-hidden="true">○</span> ikke påbegyndt' in body
    assert "state-tag" not in body


def test_the_counts_are_of_every_initiative_whatever_the_filter(
    client: Any, world: World, center_editor: Any
) -> None:
    own_second_initiative(world)
    world.submission.state = SubmissionState.SUBMITTED
    world.submission.save()
    login(client, center_editor)
    body = _owed(client, world, "?tilstand=not_started")
    assert "<strong>1 af 2</strong> indsendt" in body
    assert "1.1 Plejecenter" not in body and "1.3 Cykelsti" in body


def test_my_work_says_how_many_were_sent_back(
    client: Any, world: World, center_editor: Any
) -> None:
    Submission.objects.filter(pk=world.submission.pk).update(state=SubmissionState.RETURNED)
    login(client, center_editor)
    body = client.get(reverse("web:my-work")).content.decode()
    assert "(1 sendt retur)" in body
