"""Loading Eksempel Kommune into an empty database: all or nothing, and only once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from opfolgning.agreements.models import Agreement, Milestone, Round, RoundState, Submission
from opfolgning.example.loader import is_loaded, load_example

TODAY = dt.date(2026, 12, 2)


def test_loading_is_all_or_nothing(db, monkeypatch):
    from opfolgning.agreements.workflow_services import WorkflowError
    from opfolgning.example import loader

    def broken(*args, **kwargs):
        raise WorkflowError("stop")

    monkeypatch.setattr(loader, "round_publish", broken)
    with pytest.raises(WorkflowError):
        load_example(today=TODAY)
    assert not Agreement.objects.exists()
    assert not get_user_model()._default_manager.exists()


@override_settings(DEBUG=True)
def test_the_demo_command_loads_once_and_then_changes_nothing(db, capsys):
    call_command("demo")
    first = capsys.readouterr().out
    assert "Eksempel Kommune is loaded:" in first
    assert "teknik / opfolgning-demo" in first
    assert is_loaded()
    counts = (
        Milestone.history.count(),
        Submission.history.count(),
        get_user_model()._default_manager.count(),
    )
    call_command("demo")
    again = capsys.readouterr().out
    assert "loaded already; nothing changed" in again
    assert "politiker / opfolgning-demo" in again
    assert counts == (
        Milestone.history.count(),
        Submission.history.count(),
        get_user_model()._default_manager.count(),
    )


def test_an_open_round_keeps_its_deadline_ahead_when_the_example_is_loaded_later(db):
    later = dt.date(2028, 5, 1)
    load_example(today=later)
    deadlines = dict(
        Round.objects.filter(state=RoundState.OPEN).values_list("agreement__year", "deadline")
    )
    assert deadlines == {2026: later + dt.timedelta(days=14), 2027: later + dt.timedelta(days=28)}
