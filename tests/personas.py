"""Named personas and the small world they act in (a pytest plugin, see tests/conftest.py).

    def test_something(world, center_editor, client):
        client.force_login(center_editor)
        ...

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_every_role(persona, request, client):
        user = request.getfixturevalue(persona)
        login(client, user)

The world: one agreement with round 3 open; the center editor's own center (Ejendomme)
has an initiative under Økonomiudvalget (the politician's committee); the other center
(Skole og Dagtilbud) has one under Børne- og Skoleudvalget. Each initiative has a
submission in the round. Every persona with a password has PASSWORD.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from opfolgning.accounts.models import Role
from opfolgning.accounts.services import user_create
from opfolgning.agreements.models import (
    Agreement,
    Center,
    Committee,
    Initiative,
    Kind,
    Round,
    RoundState,
    Submission,
    Theme,
)

PASSWORD = "Opfølgning-persona-2019"
PERSONAS = ("finance_officer", "center_editor", "other_center_editor", "politician", "citizen")
# Personas who are signed in (everyone but the citizen).
STAFF_PERSONAS = PERSONAS[:-1]


@dataclass
class World:
    """The data the personas act on; `own` is the center editor's, `other` is not."""

    agreement: Agreement
    round: Round
    center: Center
    other_center: Center
    committee: Committee
    other_committee: Committee
    initiative: Initiative
    other_initiative: Initiative
    submission: Submission
    other_submission: Submission

    def set_round_state(self, state: RoundState) -> None:
        """Move the round to `state` and store it."""
        self.round.state = state
        self.round.save()


def make_world(*, round_state: RoundState = RoundState.OPEN) -> World:
    """Create the agreement, centers, committees, initiatives and submissions."""
    agreement = Agreement.objects.create(name="Aftale om budget 2019", year=2019)
    rounds = [
        Round.objects.create(agreement=agreement, number=n, label=f"{n}. budgetopfølgning 2019")
        for n in (1, 2, 3, 4)
    ]
    current = rounds[2]
    current.state = round_state
    current.save()
    theme = Theme.objects.create(agreement=agreement, number="1", title="Tema 1")
    center = Center.objects.create(name="Ejendomme")
    other_center = Center.objects.create(name="Skole og Dagtilbud")
    committee = Committee.objects.create(name="Økonomiudvalget", slug="oekonomiudvalget")
    other_committee = Committee.objects.create(
        name="Børne- og Skoleudvalget", slug="boerne-og-skoleudvalget"
    )
    initiative = Initiative.objects.create(
        agreement=agreement,
        theme=theme,
        number="1.1",
        title="Plejecenter Toftehaven",
        kind=Kind.CAPITAL,
        center=center,
        committee=committee,
    )
    other_initiative = Initiative.objects.create(
        agreement=agreement,
        theme=theme,
        number="1.2",
        title="Ny skole i Vestbyen",
        kind=Kind.CAPITAL,
        center=other_center,
        committee=other_committee,
    )
    return World(
        agreement=agreement,
        round=current,
        center=center,
        other_center=other_center,
        committee=committee,
        other_committee=other_committee,
        initiative=initiative,
        other_initiative=other_initiative,
        submission=Submission.objects.create(initiative=initiative, round=current),
        other_submission=Submission.objects.create(initiative=other_initiative, round=current),
    )


def make_user(
    username: str,
    role: Role | None,
    *,
    centers: tuple[Center, ...] = (),
    committees: tuple[Committee, ...] = (),
    first_name: str = "",
    last_name: str = "",
) -> Any:
    """Create a user with a role and PASSWORD, through the service the app uses."""
    return user_create(
        actor=None,
        username=username,
        email=f"{username}@kommune.example",
        role=role,
        centers=centers,
        committees=committees,
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )


def login(client: Any, user: Any) -> None:
    """Sign the test client in as the user; the citizen stays anonymous."""
    if user.is_authenticated:
        client.force_login(user)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The real hasher takes a noticeable time per user; tests need no strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None) -> World:
    """The agreement, round (open), centers, committees, initiatives and submissions."""
    return make_world()


@pytest.fixture
def finance_officer(world: World) -> Any:
    """Økonomikonsulent: manages rounds and users, reviews every initiative."""
    return make_user("okonomi", Role.FINANCE_OFFICER, first_name="Kathrine", last_name="Dahl")


@pytest.fixture
def center_editor(world: World) -> Any:
    """Redaktør for center: edits the initiatives of the world's own center (Ejendomme)."""
    return make_user(
        "ejendomme",
        Role.DEPARTMENT_EDITOR,
        centers=(world.center,),
        first_name="Jens",
        last_name="Hansen",
    )


@pytest.fixture
def other_center_editor(world: World) -> Any:
    """Redaktør for center: edits the other center's initiatives only."""
    return make_user(
        "skole",
        Role.DEPARTMENT_EDITOR,
        centers=(world.other_center,),
        first_name="Sara",
        last_name="Nielsen",
    )


@pytest.fixture
def politician(world: World) -> Any:
    """Udvalgslæser: reads Økonomiudvalget's reports, drafts included."""
    return make_user(
        "politiker",
        Role.COMMITTEE_READER,
        committees=(world.committee,),
        first_name="Mette",
        last_name="Jensen",
    )


@pytest.fixture
def citizen() -> AnonymousUser:
    """A citizen: not signed in; reads published rounds only."""
    return AnonymousUser()


@pytest.fixture
def personas(
    finance_officer: Any,
    center_editor: Any,
    other_center_editor: Any,
    politician: Any,
    citizen: AnonymousUser,
) -> dict[str, Any]:
    """Every persona by name (the names in PERSONAS)."""
    return {
        "finance_officer": finance_officer,
        "center_editor": center_editor,
        "other_center_editor": other_center_editor,
        "politician": politician,
        "citizen": citizen,
    }


def own_second_initiative(world: World) -> Initiative:
    """A second initiative of the center editor's center (1.3, after 1.2), with its status."""
    second = Initiative.objects.create(
        agreement=world.agreement,
        theme=world.initiative.theme,
        number="1.3",
        title="Cykelsti langs åen",
        kind=world.initiative.kind,
        center=world.center,
        committee=world.committee,
        sort_key=world.other_initiative.sort_key + "z",
    )
    Submission.objects.create(initiative=second, round=world.round)
    return second
