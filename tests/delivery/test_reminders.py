"""Reminder e-mails: who gets one, when, what it says, and never twice the same day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from opfolgning.accounts.models import Profile, Role
from opfolgning.agreements.models import (
    Center,
    Initiative,
    Kind,
    ReminderSent,
    Round,
    RoundState,
    Submission,
    SubmissionState,
)
from opfolgning.delivery.reminders import reminders_due, reminders_send
from tests.personas import make_user

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2019, 9, 20)
THREE_DAYS_BEFORE = DEADLINE - dt.timedelta(days=3)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SITE = "https://opfolgning.kommune.example"
OWED_URL = f"{SITE}/aftaler/2019/opfolgning/3/indberetning/"


@pytest.fixture
def mail_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = SITE
    settings.REMINDER_DAYS_BEFORE = 3
    return settings


@pytest.fixture
def immediate(mail_settings):
    """Run each queued job at once, so its e-mail is in the outbox when the run returns."""
    mail_settings.TASKS = IMMEDIATE
    return mail_settings


@pytest.fixture
def due_world(world):
    """The world with its open round's deadline set, and the other center's status submitted."""
    world.round.deadline = DEADLINE
    world.round.save()
    world.other_submission.state = SubmissionState.SUBMITTED
    world.other_submission.save()
    return world


def _set_state(submission: Submission, state: str) -> None:
    submission.state = state
    submission.save()


def test_editor_with_unsubmitted_initiative_gets_one_mail_with_initiative_and_link(
    immediate, due_world, center_editor, other_center_editor, mailoutbox
):
    run = reminders_send(today=THREE_DAYS_BEFORE)

    assert [r.user for r in run.queued] == [center_editor]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ejendomme@kommune.example"]
    assert mail.subject == (
        "Påmindelse: indberetning til 3. budgetopfølgning 2019 senest 20. september 2019"
    )
    assert mail.extra_headers["Auto-Submitted"] == "auto-generated"
    assert "Kære Jens Hansen" in mail.body
    assert "er 20. september 2019, om 3 dage." in mail.body
    assert "- 1.1 Plejecenter Toftehaven (ikke påbegyndt)" in mail.body
    assert OWED_URL in mail.body
    assert "Ny skole i Vestbyen" not in mail.body  # the other center's, and submitted
    ((html, mimetype),) = mail.alternatives
    assert mimetype == "text/html"
    assert f'<a href="{OWED_URL}"' in html
    assert "<strong>1.1</strong> Plejecenter Toftehaven" in html
    assert ReminderSent.objects.filter(
        round=due_world.round, user=center_editor, sent_on=THREE_DAYS_BEFORE
    ).exists()


def test_titles_are_escaped_in_the_html_mail_and_plain_in_the_text(
    immediate, due_world, center_editor, mailoutbox
):
    due_world.initiative.title = "Veje & stier <script>x</script>"
    due_world.initiative.save()
    reminders_send(today=THREE_DAYS_BEFORE)
    mail = mailoutbox[0]
    assert "- 1.1 Veje & stier <script>x</script> (ikke påbegyndt)" in mail.body
    html = mail.alternatives[0][0]
    assert "Veje &amp; stier &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>" not in html


@pytest.mark.parametrize("state", [SubmissionState.SUBMITTED, SubmissionState.APPROVED])
def test_editor_whose_initiatives_are_all_submitted_gets_none(
    immediate, due_world, center_editor, mailoutbox, state
):
    _set_state(due_world.submission, state)
    run = reminders_send(today=THREE_DAYS_BEFORE)
    assert run.queued == []
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()


@pytest.mark.parametrize(
    "state, label", [(SubmissionState.DRAFT, "kladde"), (SubmissionState.RETURNED, "sendt retur")]
)
def test_draft_and_returned_initiatives_are_reminded_of_with_their_state(
    immediate, due_world, center_editor, mailoutbox, state, label
):
    _set_state(due_world.submission, state)
    reminders_send(today=THREE_DAYS_BEFORE)
    assert len(mailoutbox) == 1
    assert f"- 1.1 Plejecenter Toftehaven ({label})" in mailoutbox[0].body


def test_only_active_department_editors_are_reminded(
    immediate, due_world, center_editor, finance_officer, politician, mailoutbox
):
    # Each of these is tied to the center with the unsubmitted initiative, yet is no
    # department editor (the service refuses such memberships; the data may still hold
    # them, e.g. from the admin), or is no longer active, or is a superuser.
    for username, role in [
        ("okonomi2", Role.FINANCE_OFFICER),
        ("laeser", Role.COMMITTEE_READER),
        ("ingen", ""),
    ]:
        user = make_user(username, Role.DEPARTMENT_EDITOR, centers=(due_world.center,))
        Profile.objects.filter(user=user).update(role=role)
    gone = make_user("gammel", Role.DEPARTMENT_EDITOR, centers=(due_world.center,))
    gone.is_active = False
    gone.save()
    boss = make_user("chef", Role.DEPARTMENT_EDITOR, centers=(due_world.center,))
    boss.is_superuser = True  # superusers act as finance officers
    boss.save()

    reminders_send(today=THREE_DAYS_BEFORE)

    assert [m.to for m in mailoutbox] == [[center_editor.email]]


def test_editor_of_two_centers_gets_one_mail_listing_both(immediate, due_world, mailoutbox):
    _set_state(due_world.other_submission, SubmissionState.DRAFT)
    make_user("begge", Role.DEPARTMENT_EDITOR, centers=(due_world.center, due_world.other_center))
    reminders_send(today=THREE_DAYS_BEFORE)
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "1.1 Plejecenter Toftehaven (ikke påbegyndt)" in body
    assert "1.2 Ny skole i Vestbyen (kladde)" in body


@pytest.mark.parametrize("days_before, expected", [(4, 0), (3, 1), (1, 1)])
def test_reminders_start_the_configured_days_before_the_deadline(
    immediate, due_world, center_editor, mailoutbox, days_before, expected
):
    reminders_send(today=DEADLINE - dt.timedelta(days=days_before))
    assert len(mailoutbox) == expected


def test_the_window_follows_reminder_days_before(immediate, due_world, center_editor, mailoutbox):
    immediate.REMINDER_DAYS_BEFORE = 5
    reminders_send(today=DEADLINE - dt.timedelta(days=5))
    assert len(mailoutbox) == 1
    assert "om 5 dage." in mailoutbox[0].body


def test_on_the_deadline_day_the_mail_says_today(immediate, due_world, center_editor, mailoutbox):
    reminders_send(today=DEADLINE)
    assert len(mailoutbox) == 1
    assert "er i dag, 20. september 2019." in mailoutbox[0].body


def test_after_the_deadline_an_open_round_reminds_daily_as_overdue(
    immediate, due_world, center_editor, mailoutbox
):
    reminders_send(today=DEADLINE + dt.timedelta(days=1))
    reminders_send(today=DEADLINE + dt.timedelta(days=2))
    assert len(mailoutbox) == 2
    assert mailoutbox[0].subject == (
        "Fristen er overskredet: indberetning til 3. budgetopfølgning 2019"
    )
    assert "var 20. september 2019, for 1 dag siden." in mailoutbox[0].body
    assert "var 20. september 2019, for 2 dage siden." in mailoutbox[1].body


def test_a_second_run_the_same_day_sends_nothing_but_the_next_day_does(
    immediate, due_world, center_editor, mailoutbox
):
    first = reminders_send(today=THREE_DAYS_BEFORE)
    second = reminders_send(today=THREE_DAYS_BEFORE)
    assert len(first.queued) == 1
    assert second.queued == []
    assert [r.user for r in second.already_sent] == [center_editor]
    assert len(mailoutbox) == 1
    reminders_send(today=THREE_DAYS_BEFORE + dt.timedelta(days=1))
    assert len(mailoutbox) == 2


@pytest.mark.parametrize(
    "state", [RoundState.PLANNED, RoundState.CLOSED, RoundState.PUBLISHED], ids=str
)
def test_a_round_that_is_not_open_sends_nothing(
    immediate, due_world, center_editor, mailoutbox, state
):
    due_world.set_round_state(state)
    assert reminders_send(today=THREE_DAYS_BEFORE).queued == []
    assert mailoutbox == []


def test_a_round_without_deadline_sends_nothing(immediate, due_world, center_editor, mailoutbox):
    due_world.round.deadline = None
    due_world.round.save()
    assert reminders_send(today=THREE_DAYS_BEFORE).queued == []
    assert mailoutbox == []


def test_an_editor_without_email_address_is_skipped_and_reported(
    immediate, due_world, center_editor, mailoutbox
):
    center_editor.email = ""
    center_editor.save()
    run = reminders_send(today=THREE_DAYS_BEFORE)
    assert run.queued == []
    assert [r.user for r in run.no_email] == [center_editor]
    assert [i.number for i in run.no_email[0].initiatives] == ["1.1"]
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()


def _add_editors_and_initiatives(world, count: int) -> None:
    for n in range(count):
        center = Center.objects.create(name=f"Center {n}")
        make_user(f"redaktor{n}", Role.DEPARTMENT_EDITOR, centers=(center, world.center))
        for k in range(3):
            ini = Initiative.objects.create(
                agreement=world.agreement,
                theme=world.initiative.theme,
                number=f"{n + 3}.{k + 1}",
                title=f"Indsats {n}.{k}",
                kind=Kind.OPERATING,
                center=center,
            )
            Submission.objects.create(initiative=ini, round=world.round)


def test_reminders_due_costs_a_fixed_number_of_queries(due_world, center_editor):
    with CaptureQueriesContext(connection) as small:
        assert len(reminders_due(today=THREE_DAYS_BEFORE)) == 1
    _add_editors_and_initiatives(due_world, 8)
    # A second open round with a deadline doubles the reminders, not the queries.
    second = Round.objects.get(agreement=due_world.agreement, number=4)
    second.state, second.deadline = RoundState.OPEN, DEADLINE
    second.save()
    Submission.objects.create(initiative=due_world.initiative, round=second)
    with CaptureQueriesContext(connection) as large:
        due = reminders_due(today=THREE_DAYS_BEFORE)
    # Nine editors share Ejendomme, whose 1.1 is owed in both rounds.
    assert len(due) == 18
    assert {r.round.number for r in due} == {3, 4}
    assert len(due[1].initiatives) == 4  # redaktor0: three of Center 0 and Ejendomme's 1.1
    assert len(large) == len(small)


# The worker commits and closes its connection, as in production: real transactions here.
@pytest.mark.django_db(transaction=True)
def test_database_queue_holds_a_job_until_the_worker_sends_the_mail(
    mail_settings, due_world, center_editor, mailoutbox
):
    mail_settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run = reminders_send(today=THREE_DAYS_BEFORE)
    assert len(run.queued) == 1
    job = DBTaskResult.objects.get()
    assert job.task_path == "opfolgning.delivery.reminders.send_reminder"
    assert mailoutbox == []

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [center_editor.email]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_what_was_submitted_before_the_worker_ran_is_not_reminded_of(
    mail_settings, due_world, center_editor, mailoutbox
):
    mail_settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reminders_send(today=THREE_DAYS_BEFORE)
    _set_state(due_world.submission, SubmissionState.SUBMITTED)
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert mailoutbox == []


def test_the_reminder_is_written_in_the_editors_language(immediate, due_world, center_editor):
    from unittest import mock

    from django.utils import translation

    from opfolgning.delivery import reminders

    center_editor.profile.language = "en"
    center_editor.profile.save()
    seen = []
    real = reminders.render_to_string

    def spy(*args, **kwargs):
        seen.append(translation.get_language())
        return real(*args, **kwargs)

    with mock.patch.object(reminders, "render_to_string", spy):
        reminders_send(today=THREE_DAYS_BEFORE)
    assert seen and set(seen) == {"en"}
