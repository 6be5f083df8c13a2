"""Accounts: creating users with roles and memberships, the groups behind roles, the CLI."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from opfolgning.accounts.models import ROLE_GROUPS, Profile, Role
from opfolgning.accounts.services import (
    AccountError,
    ensure_role_groups,
    role_from_text,
    user_create,
    user_set_role,
)
from tests.personas import PASSWORD, make_user

pytestmark = pytest.mark.django_db

User = get_user_model()


def run_user(*args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    """Run `opfolgning user …` in-process; return exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        call_command("user", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_migrating_creates_one_group_per_role():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_GROUPS.values())


def test_finance_officer_group_may_change_agreements_and_add_users():
    groups = ensure_role_groups()
    perms = set(groups[Role.FINANCE_OFFICER].permissions.values_list("codename", flat=True))
    assert {"change_round", "change_initiative", "add_user", "change_profile"} <= perms
    assert not groups[Role.DEPARTMENT_EDITOR].permissions.exists()


def test_user_create_stores_role_memberships_group_and_password(world):
    user = make_user("jens", Role.DEPARTMENT_EDITOR, centers=(world.center,))
    assert user.profile.role == Role.DEPARTMENT_EDITOR
    assert list(user.profile.centers.all()) == [world.center]
    assert list(user.groups.values_list("name", flat=True)) == ["Redaktør for center"]
    assert user.check_password(PASSWORD)
    assert not user.is_staff


def test_finance_officer_may_use_the_admin_and_loses_it_with_the_role(world):
    user = make_user("kathrine", Role.FINANCE_OFFICER)
    assert user.is_staff
    user_set_role(actor=None, user=user, role=Role.COMMITTEE_READER, committees=[world.committee])
    user.refresh_from_db()
    assert not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Udvalgslæser"]


def test_user_create_accepts_center_names_and_committee_slugs(world):
    user = user_create(
        actor=None,
        username="mette",
        email="",
        role="committee_reader",
        committees=["oekonomiudvalget", "Børne- og Skoleudvalget"],
    )
    assert {c.name for c in user.profile.committees.all()} == {
        "Økonomiudvalget",
        "Børne- og Skoleudvalget",
    }
    assert not user.has_usable_password()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"role": "editor"}, "unknown role 'editor'"),
        ({"role": Role.DEPARTMENT_EDITOR}, "needs at least one center"),
        ({"role": Role.COMMITTEE_READER}, "needs at least one committee"),
        ({"role": Role.DEPARTMENT_EDITOR, "centers": ["Nowhere"]}, "unknown center 'Nowhere'"),
        ({"role": Role.FINANCE_OFFICER, "centers": ["Ejendomme"]}, "centers go with"),
        ({"role": Role.FINANCE_OFFICER, "committees": ["oekonomiudvalget"]}, "committees go"),
        ({"role": Role.FINANCE_OFFICER, "email": "not-an-address"}, "not an e-mail address"),
        ({"role": Role.FINANCE_OFFICER, "password": "12345"}, "password is too weak"),
        ({"role": Role.FINANCE_OFFICER, "username": "  "}, "username is empty"),
    ],
    ids=[
        "unknown-role",
        "editor-without-center",
        "reader-without-committee",
        "unknown-center",
        "center-for-finance",
        "committee-for-finance",
        "bad-email",
        "weak-password",
        "empty-username",
    ],
)
def test_user_create_refuses_bad_input_and_creates_nothing(world, kwargs, message):
    args = {"actor": None, "username": "ny", "email": "ny@kommune.example", **kwargs}
    with pytest.raises(AccountError, match=message):
        user_create(**args)
    assert not User.objects.filter(username__in=["ny", ""]).exists()


def test_user_create_refuses_a_taken_username_whatever_its_case(world):
    make_user("anna", Role.FINANCE_OFFICER)
    with pytest.raises(AccountError, match="exists already"):
        user_create(actor=None, username="ANNA", email="", role=Role.FINANCE_OFFICER)


def test_role_from_text_accepts_code_danish_name_and_none():
    assert role_from_text("finance_officer") == Role.FINANCE_OFFICER
    assert role_from_text("redaktør for center") == Role.DEPARTMENT_EDITOR
    assert role_from_text("none") is None


def test_role_change_is_recorded_in_history_with_who_did_it(world, finance_officer):
    user = make_user("jens", Role.DEPARTMENT_EDITOR, centers=(world.center,))
    user_set_role(
        actor=finance_officer, user=user, role=Role.DEPARTMENT_EDITOR, centers=[world.other_center]
    )
    user_set_role(
        actor=finance_officer, user=user, role=Role.COMMITTEE_READER, committees=[world.committee]
    )
    history = list(Profile.history.filter(user=user).order_by("history_date", "history_id"))
    states = [
        (
            h.role,
            [c.center_id for c in h.centers.all()],
            [c.committee_id for c in h.committees.all()],
        )
        for h in history
    ]
    # The memberships are part of the history too (django-simple-history m2m_fields).
    assert (Role.DEPARTMENT_EDITOR, [world.center.pk], []) in states
    assert (Role.DEPARTMENT_EDITOR, [world.other_center.pk], []) in states
    assert states[-1] == (Role.COMMITTEE_READER, [], [world.committee.pk])
    assert history[0].history_user is None
    assert history[-1].history_user == finance_officer


# The command line


def test_cli_add_creates_a_department_editor_with_a_password_from_stdin(world, monkeypatch):
    code, out, err = run_user(
        "add",
        "jens",
        "--email",
        "jens@kommune.example",
        "--role",
        "department_editor",
        "--center",
        "Ejendomme",
        "--password-stdin",
        stdin="Et-langt-kodeord-2026\n",
        monkeypatch=monkeypatch,
    )
    assert (code, err) == (0, "")
    assert "jens: created, department_editor; centers: Ejendomme" in out
    user = User.objects.get(username="jens")
    assert user.check_password("Et-langt-kodeord-2026")


def test_cli_list_shows_role_and_memberships(world, center_editor, politician):
    code, out, _ = run_user("list")
    assert code == 0
    assert "ejendomme\tejendomme@kommune.example\tdepartment_editor; centers: Ejendomme" in out
    assert "politiker" in out and "committees: Økonomiudvalget" in out
    assert out.strip().endswith("2 users")
    code, out, _ = run_user("list", "--role", "committee_reader")
    assert "politiker" in out and "ejendomme\t" not in out


def test_cli_set_role_replaces_role_and_memberships(world, center_editor):
    code, out, _ = run_user(
        "set-role", "ejendomme", "committee_reader", "--committee", "oekonomiudvalget"
    )
    assert code == 0
    assert "committee_reader; committees: Økonomiudvalget" in out
    center_editor.profile.refresh_from_db()
    assert center_editor.profile.role == Role.COMMITTEE_READER
    assert not center_editor.profile.centers.exists()


def test_cli_deactivate_stops_sign_in(world, center_editor):
    code, _, _ = run_user("deactivate", "ejendomme")
    assert code == 0
    center_editor.refresh_from_db()
    assert not center_editor.is_active


@pytest.mark.parametrize(
    "args, message",
    [
        (["add", "x", "--role", "chef", "--no-password"], "unknown role 'chef'"),
        (
            ["add", "x", "--role", "department_editor", "--center", "Nowhere", "--no-password"],
            "unknown center 'Nowhere'; known: Ejendomme; Skole og Dagtilbud",
        ),
        (["set-role", "nobody", "finance_officer"], "no user named 'nobody'"),
        (["set-role", "ejendomme", "department_editor"], "needs at least one center"),
        (["add", "x", "--role", "finance_officer"], "--password-stdin, or --no-password"),
    ],
    ids=["unknown-role", "unknown-center", "unknown-user", "editor-without-center", "no-password"],
)
def test_cli_bad_input_is_one_clear_line_and_exit_2(
    world, center_editor, args, message, monkeypatch
):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: no password prompt
    code, _, err = run_user(*args)
    assert code == 2
    assert err.startswith("opfolgning user: error: ")
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not User.objects.filter(username="x").exists()
