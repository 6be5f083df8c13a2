"""Reminder e-mails to department editors who have not submitted their statuses in a round.

`opfolgning remind` (daily from cron) calls `reminders_send`, which queues one `send_reminder`
job per recipient; the worker (`opfolgning db_worker`) renders and sends the e-mails. An
editor is reminded from REMINDER_DAYS_BEFORE days before the round's deadline, on the
deadline day, and once a day after it ("overskredet") while the round is still open and
something of theirs is not submitted. `ReminderSent` makes a second run the same day a no-op.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from opfolgning.accounts.models import Profile, Role
from opfolgning.accounts.selectors import language_of
from opfolgning.agreements.audit import Actor
from opfolgning.agreements.models import (
    ReminderSent,
    Round,
    RoundState,
    Submission,
    SubmissionState,
)
from opfolgning.agreements.workflow_selectors import PENDING_STATES
from opfolgning.followup.vocabulary import long_date


@dataclass(frozen=True)
class OwedInitiative:
    """An initiative a department editor has not submitted yet in a round."""

    number: str
    title: str
    state: str

    @property
    def state_label(self) -> str:
        """Return the submission state's name in the active language."""
        return str(SubmissionState(self.state).label)


@dataclass
class Reminder:
    """One e-mail to send: a department editor, a round and what they still owe in it."""

    round: Round
    user: Any
    today: dt.date
    initiatives: list[OwedInitiative] = field(default_factory=list)
    sent_today: bool = False

    @property
    def days_left(self) -> int:
        """Return the days until the deadline: 0 on the day, negative once it has passed."""
        assert self.round.deadline is not None
        return (self.round.deadline - self.today).days

    @property
    def overdue(self) -> bool:
        """Return whether the deadline has passed."""
        return self.days_left < 0

    @property
    def email(self) -> str:
        """Return the recipient's address ("" when the user has none)."""
        return (self.user.email or "").strip()


def _reminders(
    rounds: list[Round], *, today: dt.date, user_id: int | None = None
) -> list[Reminder]:
    """Return the reminders of the given rounds (4 queries, whatever their size)."""
    if not rounds:
        return []
    by_id = {r.pk: r for r in rounds}
    owed: dict[int, list[tuple[int, OwedInitiative]]] = defaultdict(list)
    center_ids: set[int] = set()
    pending = (
        Submission.objects.filter(
            round_id__in=list(by_id),
            state__in=PENDING_STATES,
            initiative__center_id__isnull=False,
        )
        .order_by("round_id", "initiative__sort_key")
        .values_list(
            "round_id", "initiative__center_id", "initiative__number", "initiative__title", "state"
        )
    )
    for round_id, center_id, number, title, state in pending:
        owed[round_id].append((center_id, OwedInitiative(number, title, state)))
        center_ids.add(center_id)
    if not center_ids:
        return []
    # Superusers are finance officers whatever their profile says (accounts.selectors), so
    # only real department editors are reminded.
    memberships = Profile.centers.through.objects.filter(
        center_id__in=center_ids,
        profile__role=Role.DEPARTMENT_EDITOR,
        profile__user__is_active=True,
        profile__user__is_superuser=False,
    ).select_related("profile__user")
    if user_id is not None:
        memberships = memberships.filter(profile__user_id=user_id)
    users: dict[int, Any] = {}
    centers_of: dict[int, set[int]] = defaultdict(set)
    for membership in memberships:
        user = membership.profile.user
        users[user.pk] = user
        centers_of[user.pk].add(membership.center_id)
    sent = set(
        ReminderSent.objects.filter(
            round_id__in=list(by_id), user_id__in=list(users), sent_on=today
        ).values_list("round_id", "user_id")
    )
    result = []
    for round_obj in rounds:
        for user in sorted(users.values(), key=lambda u: u.get_username()):
            mine = [
                ini for center_id, ini in owed[round_obj.pk] if center_id in centers_of[user.pk]
            ]
            if mine:
                result.append(
                    Reminder(
                        round=round_obj,
                        user=user,
                        today=today,
                        initiatives=mine,
                        sent_today=(round_obj.pk, user.pk) in sent,
                    )
                )
    return result


def reminders_due(*, today: dt.date) -> list[Reminder]:
    """Return today's reminders: every open round near or past its deadline, per editor."""
    last_deadline = today + dt.timedelta(days=settings.REMINDER_DAYS_BEFORE)
    rounds = list(
        Round.objects.filter(
            state=RoundState.OPEN, deadline__isnull=False, deadline__lte=last_deadline
        )
        .select_related("agreement")
        .order_by("deadline", "agreement__year", "number")
    )
    return _reminders(rounds, today=today)


@dataclass
class ReminderRun:
    """What a reminder run did (or, as a dry run, would do)."""

    queued: list[Reminder] = field(default_factory=list)
    no_email: list[Reminder] = field(default_factory=list)
    already_sent: list[Reminder] = field(default_factory=list)


def reminders_plan(due: list[Reminder]) -> ReminderRun:
    """Sort due reminders into those to send, those without an address and those sent today."""
    run = ReminderRun()
    for reminder in due:
        if reminder.sent_today:
            run.already_sent.append(reminder)
        elif not reminder.email:
            run.no_email.append(reminder)
        else:
            run.queued.append(reminder)
    return run


def reminders_send(*, today: dt.date, actor: Actor = None) -> ReminderRun:
    """Queue today's reminder e-mails, one job per recipient, at most once a day each.

    `actor` is who started the run (None for cron); the record and the job are written in
    one transaction, so with the database queue a reminder is either recorded and queued or
    neither.
    """
    with transaction.atomic():
        return _queue(reminders_plan(reminders_due(today=today)), today)


def _queue(run: ReminderRun, today: dt.date) -> ReminderRun:
    """Record and queue the run's reminders; one recorded since goes to `already_sent`."""
    queued = []
    for reminder in run.queued:
        try:
            # A run started at the same time may have taken this one already.
            with transaction.atomic():
                ReminderSent.objects.create(round=reminder.round, user=reminder.user, sent_on=today)
        except IntegrityError:
            run.already_sent.append(reminder)
            continue
        send_reminder.enqueue(reminder.round.pk, reminder.user.pk, today.isoformat())
        queued.append(reminder)
    run.queued = queued
    return run


class ReminderRefused(Exception):
    """A reminder the finance office asked for that cannot be sent (the message says why)."""


def reminders_send_center(
    *, round_obj: Round, center_id: int, today: dt.date, actor: Actor = None
) -> ReminderRun:
    """Queue a reminder now to each editor of one center who still owes something in the round.

    The finance office's "Send påmindelse" on the board: sent whatever the days to the
    deadline, but at most once a day per editor and round, as the daily run (the same record).
    """
    if round_obj.state != RoundState.OPEN:
        raise ReminderRefused(f"{round_obj} er ikke åben; der sendes ikke påmindelser.")
    if round_obj.deadline is None:
        raise ReminderRefused(
            f"{round_obj} har ingen frist; sæt en frist under Indstillinger, før du sender "
            "påmindelser."
        )
    editors = set(
        Profile.centers.through.objects.filter(center_id=center_id).values_list(
            "profile__user_id", flat=True
        )
    )
    with transaction.atomic():
        due = [r for r in _reminders([round_obj], today=today) if r.user.pk in editors]
        return _queue(reminders_plan(due), today)


def owed_url(round_obj: Round) -> str:
    """Return the absolute address of the round's "what I owe" page."""
    path = reverse("web:owed", args=[round_obj.agreement.year, round_obj.number])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _long_date(value: dt.date) -> str:
    return long_date(value, translation.get_language() or "da")


def reminder_message(reminder: Reminder) -> EmailMultiAlternatives:
    """Return the reminder e-mail (text with an HTML alternative) in the editor's language."""
    assert reminder.round.deadline is not None
    with translation.override(language_of(reminder.user) or settings.LANGUAGE_CODE):
        context = {
            "name": reminder.user.get_full_name() or reminder.user.get_username(),
            "round": str(reminder.round),
            "agreement": str(reminder.round.agreement),
            "deadline": _long_date(reminder.round.deadline),
            "days_left": reminder.days_left,
            "days_over": -reminder.days_left,
            "overdue": reminder.overdue,
            "initiatives": [
                {"number": i.number, "title": i.title, "state": i.state_label}
                for i in reminder.initiatives
            ],
            "url": owed_url(reminder.round),
        }
        subject = " ".join(render_to_string("delivery/email/reminder_subject.txt", context).split())
        text = render_to_string("delivery/email/reminder.txt", context)
        html = render_to_string("delivery/email/reminder.html", {**context, "subject": subject})
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.email],
        # RFC 3834: an automatic mail, so out-of-office replies are not sent back.
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


@task()
def send_reminder(round_id: int, user_id: int, on: str) -> int:
    """Background job: e-mail one department editor what they still owe in a round."""
    today = dt.date.fromisoformat(on)
    rounds = list(
        Round.objects.select_related("agreement").filter(
            pk=round_id, state=RoundState.OPEN, deadline__isnull=False
        )
    )
    # What is owed is read again now: whatever was submitted since the run is left out, and
    # nothing is sent when nothing is owed any more (or the round was closed).
    reminders = [r for r in _reminders(rounds, today=today, user_id=user_id) if r.email]
    for reminder in reminders:
        reminder_message(reminder).send()
    return len(reminders)
