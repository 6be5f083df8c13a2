"""`opfolgning remind`: e-mail department editors who have not submitted (daily, from cron)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from opfolgning.delivery.reminders import (
    Reminder,
    reminders_due,
    reminders_plan,
    reminders_send,
)
from opfolgning.management.base import CleanCommand


class Command(CleanCommand):
    help = (
        "Queue reminder e-mails to department editors with initiatives not yet submitted in "
        "open rounds whose deadline is at most REMINDER_DAYS_BEFORE days away (or has passed). "
        "Each person gets at most one a day per round; the worker (opfolgning db_worker) sends "
        "them. Meant to run daily from cron."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--date", metavar="YYYY-MM-DD", help="the day to remind for (default: today)"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print who would be reminded of what; send and record nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = self._date(options["date"])
        if options["dry_run"]:
            run = reminders_plan(reminders_due(today=today))
            verb = "would remind"
        else:
            run = reminders_send(today=today, actor=None)
            verb = "reminded"
        for reminder in run.queued:
            self.stdout.write(f"{verb} {self._who(reminder)}: {self._what(reminder)}")
        for reminder in run.already_sent:
            self.stdout.write(f"already reminded today {self._who(reminder)}: {reminder.round}")
        for reminder in run.no_email:
            self.stdout.write(
                f"skipped {reminder.user.get_username()} (no e-mail address): "
                f"{self._what(reminder)}"
            )
        summary = (
            f"{today.isoformat()}: {len(run.queued)} to send, {len(run.already_sent)} already "
            f"reminded today, {len(run.no_email)} without an e-mail address"
        )
        if options["dry_run"]:
            summary += " (dry run: nothing sent or recorded)"
        elif run.queued and "django_tasks_db" in str(settings.TASKS["default"]["BACKEND"]):
            summary += "; the worker (opfolgning db_worker) sends them"
        self.stdout.write(summary)

    def _date(self, text: str | None) -> dt.date:
        if not text:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            self.fail(f"--date {text!r} is not a date; use YYYY-MM-DD, e.g. 2019-09-17")

    @staticmethod
    def _who(reminder: Reminder) -> str:
        return f"{reminder.user.get_username()} <{reminder.email}>"

    @staticmethod
    def _what(reminder: Reminder) -> str:
        round_obj = reminder.round
        assert round_obj.deadline is not None
        days = reminder.days_left
        if days > 0:
            when = f"in {days} day{'s' if days != 1 else ''}"
        elif days == 0:
            when = "today"
        else:
            when = f"overdue by {-days} day{'s' if days != -1 else ''}"
        initiatives = "; ".join(f"{i.number} {i.title} [{i.state}]" for i in reminder.initiatives)
        return (
            f"{round_obj} ({round_obj.agreement}), deadline {round_obj.deadline.isoformat()} "
            f"({when}): {initiatives}"
        )
