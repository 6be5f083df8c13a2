"""`opfolgning remind`: what it prints, a dry run that changes nothing, clear errors."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from opfolgning.agreements.models import ReminderSent
from opfolgning.env import env_email, env_int_in, env_url

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2019, 9, 20)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def due_world(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REMINDER_DAYS_BEFORE = 3
    world.round.deadline = DEADLINE
    world.round.save()
    return world


def remind(*args: str) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_remind_prints_who_is_reminded_of_what_and_sends(
    due_world, center_editor, other_center_editor, settings, mailoutbox
):
    settings.TASKS = IMMEDIATE
    out = remind("--date", "2019-09-17")
    lines = out.splitlines()
    assert lines[:2] == [
        "reminded ejendomme <ejendomme@kommune.example>: 3. budgetopfølgning 2019 "
        "(Aftale om budget 2019), deadline 2019-09-20 (in 3 days): "
        "1.1 Plejecenter Toftehaven [not_started]",
        "reminded skole <skole@kommune.example>: 3. budgetopfølgning 2019 "
        "(Aftale om budget 2019), deadline 2019-09-20 (in 3 days): "
        "1.2 Ny skole i Vestbyen [not_started]",
    ]
    assert lines[-1] == (
        "2019-09-17: 2 to send, 0 already reminded today, 0 without an e-mail address"
    )
    assert sorted(m.to[0] for m in mailoutbox) == [
        "ejendomme@kommune.example",
        "skole@kommune.example",
    ]


def test_with_the_database_queue_the_summary_names_the_worker(due_world, center_editor):
    out = remind("--date", "2019-09-17")
    assert out.splitlines()[-1].endswith("; the worker (opfolgning db_worker) sends them")
    assert DBTaskResult.objects.count() == 1


def test_dry_run_prints_but_sends_queues_and_records_nothing(
    due_world, center_editor, settings, mailoutbox
):
    settings.TASKS = IMMEDIATE
    out = remind("--date", "2019-09-21", "--dry-run")
    assert out.startswith(
        "would remind ejendomme <ejendomme@kommune.example>: 3. budgetopfølgning 2019 "
        "(Aftale om budget 2019), deadline 2019-09-20 (overdue by 1 day): "
    )
    assert out.splitlines()[-1].endswith("(dry run: nothing sent or recorded)")
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_dry_run_after_the_real_run_shows_who_was_reminded_already(
    due_world, center_editor, settings
):
    settings.TASKS = IMMEDIATE
    remind("--date", "2019-09-20")
    out = remind("--date", "2019-09-20", "--dry-run")
    assert "already reminded today ejendomme <ejendomme@kommune.example>" in out
    assert "would remind" not in out


def test_second_run_the_same_day_sends_nothing(due_world, center_editor, settings, mailoutbox):
    settings.TASKS = IMMEDIATE
    remind("--date", "2019-09-18")
    out = remind("--date", "2019-09-18")
    assert len(mailoutbox) == 1
    assert out.splitlines()[-1] == (
        "2019-09-18: 0 to send, 1 already reminded today, 0 without an e-mail address"
    )


def test_editor_without_email_address_is_reported(due_world, center_editor, mailoutbox):
    center_editor.email = ""
    center_editor.save()
    out = remind("--date", "2019-09-17")
    assert "skipped ejendomme (no e-mail address): 3. budgetopfølgning 2019" in out
    assert out.splitlines()[-1].endswith("1 without an e-mail address")
    assert mailoutbox == []


def test_before_the_window_nothing_is_due(due_world, center_editor, mailoutbox):
    out = remind("--date", "2019-09-16")
    assert out == "2019-09-16: 0 to send, 0 already reminded today, 0 without an e-mail address\n"
    assert not DBTaskResult.objects.exists()


def test_bad_date_is_one_clear_line():
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("remind", "--date", "2019-13-45", stderr=err)
    assert exit_info.value.code == 2
    assert err.getvalue() == (
        "opfolgning remind: error: --date '2019-13-45' is not a date; "
        "use YYYY-MM-DD, e.g. 2019-09-17\n"
    )


def test_bad_date_from_the_shell_exits_non_zero_without_traceback(tmp_path):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'remind.sqlite3'}")
    migrate = [sys.executable, "-m", "opfolgning", "migrate", "--noinput"]
    assert subprocess.run(migrate, capture_output=True, env=env, timeout=120).returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "opfolgning", "remind", "--date", "17/9/2019"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "opfolgning remind: error: --date '17/9/2019' is not a date; "
        "use YYYY-MM-DD, e.g. 2019-09-17"
    ]


# The settings the reminders read come through typed helpers that refuse bad values.


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("", "Opfølgning <opfolgning@localhost>"),
        ("noreply@kommune.dk", "noreply@kommune.dk"),
        ("Økonomi <oekonomi@kommune.dk>", "Økonomi <oekonomi@kommune.dk>"),
    ],
)
def test_sender_address_is_read_from_the_environment(monkeypatch, raw, expected):
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", raw)
    assert env_email("DEFAULT_FROM_EMAIL", "Opfølgning <opfolgning@localhost>") == expected


@pytest.mark.parametrize("raw", ["Opfølgning", "noreply@", "<>"])
def test_a_bad_sender_address_is_refused_with_an_example(monkeypatch, raw):
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", raw)
    with pytest.raises(ImproperlyConfigured, match="is not an e-mail address; use e"):
        env_email("DEFAULT_FROM_EMAIL", "x@localhost")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("", "http://127.0.0.1:8000"),
        ("https://opfolgning.kommune.dk/", "https://opfolgning.kommune.dk"),
        ("https://kommune.dk/opfolgning", "https://kommune.dk/opfolgning"),
    ],
)
def test_site_url_is_read_without_a_trailing_slash(monkeypatch, raw, expected):
    monkeypatch.setenv("SITE_URL", raw)
    assert env_url("SITE_URL", "http://127.0.0.1:8000") == expected


@pytest.mark.parametrize("raw", ["opfolgning.kommune.dk", "ftp://kommune.dk", "https://x.dk/?a=1"])
def test_a_site_url_that_is_no_web_address_is_refused(monkeypatch, raw):
    monkeypatch.setenv("SITE_URL", raw)
    with pytest.raises(ImproperlyConfigured, match="is not a web address"):
        env_url("SITE_URL", "http://127.0.0.1:8000")


@pytest.mark.parametrize("raw, ok", [("0", True), ("90", True), ("-1", False), ("91", False)])
def test_reminder_days_must_be_within_range(monkeypatch, raw, ok):
    monkeypatch.setenv("REMINDER_DAYS_BEFORE", raw)
    if ok:
        assert env_int_in("REMINDER_DAYS_BEFORE", 3, low=0, high=90) == int(raw)
    else:
        with pytest.raises(ImproperlyConfigured, match="out of range; use 0 to 90"):
            env_int_in("REMINDER_DAYS_BEFORE", 3, low=0, high=90)


def test_tls_and_ssl_together_stop_the_app_with_a_clear_message(tmp_path):
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp_path / 'never.sqlite3'}",
        EMAIL_USE_TLS="1",
        EMAIL_USE_SSL="1",
    )
    result = subprocess.run(
        [sys.executable, "-m", "opfolgning", "remind", "--dry-run"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode != 0
    assert "EMAIL_USE_TLS and EMAIL_USE_SSL are both on" in result.stderr
