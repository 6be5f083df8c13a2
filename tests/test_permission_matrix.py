"""Every URL × every persona × own/other center × round state, generated from the URL conf.

A new URL without an entry in RULES fails `test_every_url_has_a_rule`, so no view ships
without a decision on who may use it. Each case requests the URL as the persona and checks
the outcome: ALLOW (the view did its work), LOGIN (sent to sign in), DENY (403), HIDDEN
(404, as for what does not exist).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.shortcuts import resolve_url
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from opfolgning.accounts.models import Role
from opfolgning.agreements.models import ImportRecord, RoundState
from tests.personas import PERSONAS, World, login, make_user, make_world

ALLOW, LOGIN, DENY, HIDDEN = "allow", "login", "deny", "hidden"  # HIDDEN: a 404
ALL_STATES = (RoundState.OPEN, RoundState.CLOSED, RoundState.PUBLISHED)
SIDES = ("own", "other")

# persona, side ("own" = the center editor's center / the politician's committee), state
Decide = Callable[[str, str, RoundState], str]


@dataclass(frozen=True)
class Rule:
    """How to call a URL and who may: method, path arguments, and the expected outcome."""

    method: str
    args: Callable[[World, str], list[Any]]
    decide: Decide
    data: Callable[[World, str], dict[str, str]] | None = None
    # Published differs from closed only where citizens come in: the reading pages.
    states: tuple[RoundState, ...] = (RoundState.OPEN, RoundState.CLOSED)


def _anyone(persona: str, side: str, state: RoundState) -> str:
    return ALLOW


def _signed_in(allowed: Callable[[str, str, RoundState], bool]) -> Decide:
    def decide(persona: str, side: str, state: RoundState) -> str:
        if allowed(persona, side, state):
            return ALLOW
        return LOGIN if persona == "citizen" else DENY

    return decide


def _finance(persona: str, side: str, state: RoundState) -> bool:
    return persona == "finance_officer"


def _reports_owed(persona: str, side: str, state: RoundState) -> bool:
    return persona in ("finance_officer", "center_editor", "other_center_editor")


def _sees_status(persona: str, side: str, state: RoundState) -> bool:
    if persona == "finance_officer":
        return True
    editor_of = {"center_editor": "own", "other_center_editor": "other"}.get(persona)
    return editor_of == side


def _edits_status(persona: str, side: str, state: RoundState) -> bool:
    return state == RoundState.OPEN and _sees_status(persona, side, state)


def _reviews(persona: str, side: str, state: RoundState) -> bool:
    return state == RoundState.OPEN and persona == "finance_officer"


def _committee_report(persona: str, side: str, state: RoundState) -> bool:
    if state == RoundState.PUBLISHED or persona == "finance_officer":
        return True
    if persona == "politician":
        return side == "own"
    # An editor reads drafts of committees with initiatives of the editor's centers.
    editor_of = {"center_editor": "own", "other_center_editor": "other"}.get(persona)
    return editor_of == side and state in (RoundState.OPEN, RoundState.CLOSED)


def _whole_report(persona: str, side: str, state: RoundState) -> bool:
    return state == RoundState.PUBLISHED or persona == "finance_officer"


def _has_role(persona: str, side: str, state: RoundState) -> bool:
    return persona != "citizen"


def _proposes_change(persona: str, side: str, state: RoundState) -> bool:
    # Finance, or the editor of the initiative's center; not tied to the round's state.
    return _sees_status(persona, side, state)


# A proposed budget change on each side's initiative, made by the matrix fixture.
CHANGES: dict[str, int] = {}


def _api_token(world: World, side: str) -> list[Any]:
    """Make an API token of the own (or the other) center's editor; return its id."""
    from django.contrib.auth import get_user_model

    from opfolgning.accounts.tokens import token_create

    owner = get_user_model().objects.get(username="ejendomme" if side == "own" else "skole")
    return [token_create(actor=owner, name="Matrix")[0].pk]


def _owns_api_token(persona: str, side: str, state: RoundState) -> str:
    """The owner may; anyone else signed in is told what a missing token tells (issue 18)."""
    if persona == "citizen":
        return LOGIN
    owner = {"center_editor": "own", "other_center_editor": "other"}.get(persona) == side
    return ALLOW if owner else HIDDEN


def _initiative(world: World, side: str) -> list[Any]:
    return [world.agreement.year, _initiative_number(world, side)]


def _change(world: World, side: str) -> list[Any]:
    return [*_initiative(world, side), CHANGES[side]]


def _round(world: World, side: str) -> list[Any]:
    return [world.agreement.year, world.round.number]


def _initiative_number(world: World, side: str) -> str:
    return world.initiative.number if side == "own" else world.other_initiative.number


def _status(world: World, side: str) -> list[Any]:
    return [*_round(world, side), _initiative_number(world, side)]


def _committee(world: World, side: str) -> list[Any]:
    slug = world.committee.slug if side == "own" else world.other_committee.slug
    return [world.agreement.year, slug, world.round.number]


def _center(world: World, side: str) -> list[Any]:
    return [world.center.pk if side == "own" else world.other_center.pk]


def _committee_pk(world: World, side: str) -> list[Any]:
    return [world.committee.pk if side == "own" else world.other_committee.pk]


def _other_committee(world: World, side: str) -> str:
    return str(world.other_committee.pk if side == "own" else world.committee.pk)


def _center_sheet(world: World, side: str) -> list[Any]:
    center = world.center if side == "own" else world.other_center
    return [*_round(world, side), center.pk]


def _status_form(world: World, side: str) -> dict[str, str]:
    return {"version": "0", "text": "", "status_note": "Status", "smiley": "happy"}


def _any_user() -> int:
    return get_user_model()._default_manager.order_by("pk").values_list("pk", flat=True)[0]


def _import_record() -> int:
    record, _ = ImportRecord.objects.get_or_create(
        file_name="matrix.txt", defaults={"sha256": "0" * 64, "status": "failed"}
    )
    return record.pk


RULES: dict[str, Rule] = {
    "web:home": Rule("get", lambda w, s: [], _anyone, states=ALL_STATES),
    "web:accessibility": Rule("get", lambda w, s: [], _anyone),
    "web:agreement": Rule("get", lambda w, s: [w.agreement.year], _anyone, states=ALL_STATES),
    "web:agreement-report": Rule("get", _round, _signed_in(_whole_report), states=ALL_STATES),
    "web:report": Rule("get", _committee, _signed_in(_committee_report), states=ALL_STATES),
    "web:my-work": Rule("get", lambda w, s: [], _signed_in(_reports_owed)),
    "web:landing": Rule("get", lambda w, s: [], _anyone),
    "web:board": Rule("get", lambda w, s: [], _signed_in(_finance)),
    "web:owed": Rule("get", _round, _signed_in(_reports_owed)),
    "web:status": Rule("get", _status, _signed_in(_sees_status)),
    "web:status-check": Rule("post", _status, _signed_in(_edits_status), _status_form),
    "web:status-submit": Rule("post", _status, _signed_in(_edits_status)),
    "web:status-review": Rule(
        "post", _status, _signed_in(_reviews), lambda w, s: {"action": "return", "comment": "x"}
    ),
    "web:round-manage": Rule("get", _round, _signed_in(_finance)),
    # A center's spreadsheet: finance or the center's editor; uploads while the round is open.
    "web:department-sheet": Rule("get", _center_sheet, _signed_in(_sees_status)),
    "web:department-sheet-upload": Rule("get", _center_sheet, _signed_in(_edits_status)),
    "web:department-sheet-commit": Rule("post", _center_sheet, _signed_in(_edits_status)),
    "web:department-sheet-mapping": Rule("post", _center_sheet, _signed_in(_edits_status)),
    "web:round-settings": Rule("post", _round, _signed_in(_finance), lambda w, s: {"label": "x"}),
    "web:round-open": Rule("post", _round, _signed_in(_finance)),
    "web:round-approve": Rule("post", _round, _signed_in(_finance), lambda w, s: {"alle": "1"}),
    "web:round-remind": Rule("post", _center_sheet, _signed_in(_finance)),
    "web:round-close": Rule("post", _round, _signed_in(_finance)),
    "web:round-publish": Rule("post", _round, _signed_in(_finance)),
    "web:round-correct": Rule("post", _round, _signed_in(_finance), lambda w, s: {"reason": "x"}),
    "web:agreement-new": Rule("get", lambda w, s: [], _signed_in(_finance)),
    "web:agreement-setup": Rule("get", lambda w, s: [w.agreement.year], _signed_in(_finance)),
    "web:initiative-new": Rule(
        "post",
        lambda w, s: [w.agreement.year],
        _signed_in(_finance),
        lambda w, s: {"number": "1.9", "title": "Ny", "kind": "capital"},
    ),
    "web:users": Rule("get", lambda w, s: [], _signed_in(_finance)),
    "web:imports": Rule("get", lambda w, s: [], _signed_in(_finance)),
    "web:import": Rule("get", lambda w, s: [_import_record()], _signed_in(_finance)),
    "web:user-invite": Rule("get", lambda w, s: [], _signed_in(_finance)),
    "web:user-access": Rule("get", lambda w, s: [_any_user()], _signed_in(_finance)),
    "web:user-active": Rule(
        "post", lambda w, s: [w.agreement.pk], _signed_in(_finance), lambda w, s: {"active": "1"}
    ),
    "web:carry-over": Rule("get", lambda w, s: [w.agreement.year], _signed_in(_finance)),
    "web:organisation": Rule("get", lambda w, s: [], _signed_in(_finance)),
    "web:center-rename": Rule(
        "post", _center, _signed_in(_finance), lambda w, s: {"name": "Nyt navn"}
    ),
    "web:center-merge": Rule("get", _center, _signed_in(_finance)),
    "web:center-history": Rule("get", _center, _signed_in(_finance)),
    "web:committee-rename": Rule(
        "post", _committee_pk, _signed_in(_finance), lambda w, s: {"name": "Nyt navn"}
    ),
    "web:committee-merge": Rule(
        "post", _committee_pk, _signed_in(_finance), lambda w, s: {"into": _other_committee(w, s)}
    ),
    "web:committee-history": Rule("get", _committee_pk, _signed_in(_finance)),
    "web:round-create": Rule(
        "post", lambda w, s: [w.agreement.year], _signed_in(_finance), lambda w, s: {"number": "4"}
    ),
    "web:initiative_timeline": Rule(
        "get",
        lambda w, s: [w.agreement.year, _initiative_number(w, s)],
        _signed_in(_has_role),
        states=ALL_STATES,
    ),
    "web:initiative-economy": Rule("get", _initiative, _signed_in(_has_role), states=ALL_STATES),
    "web:budget-save": Rule(
        "post",
        _initiative,
        _signed_in(_finance),
        lambda w, s: {"capital_2019": "2 mio. kr."},
        states=ALL_STATES,
    ),
    "web:budget-change-create": Rule(
        "post",
        _initiative,
        _signed_in(_proposes_change),
        lambda w, s: {
            "kind": "increase",
            "kind_of_money": "capital",
            "amount_2020": "1 mio. kr.",
            "financing": "Puljen til uforudsete udgifter",
        },
        states=ALL_STATES,
    ),
    "web:budget-change-decide": Rule(
        "post",
        _change,
        _signed_in(_finance),
        lambda w, s: {"action": "approve", "decided_on": "2019-05-01", "reference": "KB 1"},
        states=ALL_STATES,
    ),
    "web:status-economy": Rule("get", _status, _signed_in(_has_role)),
    # Public pages and open data read published snapshots only: never a sign-in, never a 403
    # (what is not published is a 404 for everyone; tests/web/test_public_pages.py).
    "web:public-initiatives": Rule(
        "get", lambda w, s: [w.agreement.year], _anyone, states=ALL_STATES
    ),
    "web:public-initiative": Rule(
        "get", lambda w, s: [w.agreement.year, _initiative_number(w, s)], _anyone, states=ALL_STATES
    ),
    "web:public-dashboard": Rule(
        "get", lambda w, s: [w.agreement.year], _anyone, states=ALL_STATES
    ),
    # Follow by e-mail: no login, for published agreements; unknown links are a 404.
    "web:subscribe": Rule("get", lambda w, s: [w.agreement.year], _anyone, states=ALL_STATES),
    "web:subscription-confirm": Rule("get", lambda w, s: ["ukendt"], _anyone),
    "web:subscription-cancel": Rule("get", lambda w, s: ["ukendt"], _anyone),
    "web:feed": Rule("get", lambda w, s: [w.agreement.year], _anyone, states=ALL_STATES),
    "web:committee-feed": Rule(
        "get", lambda w, s: [w.agreement.year, w.committee.slug], _anyone, states=ALL_STATES
    ),
    "web:open-data": Rule("get", lambda w, s: [], _anyone, states=ALL_STATES),
    "web:open-data-schema": Rule("get", lambda w, s: [], _anyone, states=ALL_STATES),
    "web:open-data-agreement": Rule(
        "get", lambda w, s: [w.agreement.year], _anyone, states=ALL_STATES
    ),
    "web:open-data-download": Rule(
        "get",
        lambda w, s: [w.agreement.year, f"opfolgning-{w.agreement.year}.json"],
        _anyone,
        states=ALL_STATES,
    ),
    "login": Rule("get", lambda w, s: [], _anyone),
    "logout": Rule("post", lambda w, s: [], _anyone),
    "password_change": Rule("get", lambda w, s: [], _signed_in(_has_role)),
    "password_change_done": Rule("get", lambda w, s: [], _signed_in(_has_role)),
    # An invitation's link: anyone holding it (a wrong token says the link does not work).
    "password_set": Rule("get", lambda w, s: ["MQ", "ugyldig-token"], _anyone),
    "password_set_done": Rule("get", lambda w, s: [], _anyone),
    "api_tokens": Rule("get", lambda w, s: [], _signed_in(_has_role)),
    "api_token_revoke": Rule("get", _api_token, _owns_api_token),
}

# URLs decided elsewhere, with the reason they are not in the matrix.
EXEMPT = {
    "set_language": "Django's language switch: public by design, POST with CSRF",
    "oidc_authentication_init": "OpenID Connect: off unless configured; tested in accounts",
    "oidc_authentication_callback": "OpenID Connect: off unless configured; tested in accounts",
}
EXEMPT_NAMESPACES = {
    "admin": "Django's admin: staff-only by its own checks",
    "api": "the JSON API: tokens and permissions tested in tests/api (incl. schemathesis)",
}


def _names(patterns: list[Any], prefix: str = "") -> list[str]:
    names = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            if namespace in EXEMPT_NAMESPACES:
                continue
            inner = f"{prefix}{namespace}:" if namespace else prefix
            names.extend(_names(entry.url_patterns, inner))
        elif isinstance(entry, URLPattern):
            if entry.name is None:
                raise AssertionError(f"URL {entry.pattern} has no name; name it and add a rule")
            names.append(f"{prefix}{entry.name}")
    return names


URL_NAMES = sorted(set(_names(get_resolver().url_patterns)))


def test_every_url_has_a_rule():
    missing = [name for name in URL_NAMES if name not in RULES and name not in EXEMPT]
    assert not missing, f"add these URLs to RULES in {__file__}: {missing}"
    stale = [name for name in RULES if name not in URL_NAMES]
    assert not stale, f"these RULES name no URL: {stale}"


CASES = [
    pytest.param(name, persona, side, state, id=f"{name}-{persona}-{side}-{state}")
    for name in sorted(RULES)
    for persona in PERSONAS
    for side in SIDES
    for state in RULES[name].states
]


def _outcome(response: Any, expected: str) -> str:
    if expected == HIDDEN and response.status_code == 404:
        return HIDDEN
    if response.status_code == 403:
        return DENY
    if response.status_code in (301, 302) and response["Location"].startswith(
        resolve_url(settings.LOGIN_URL)
    ):
        return LOGIN
    assert response.status_code < 500, response.content[:500]
    return ALLOW


def _proposed_change(initiative: Any) -> int:
    """Give an initiative 2 mio. kr. in 2019 and a proposed postponement; return its id."""
    from opfolgning.agreements.models import BudgetChange, BudgetChangeAmount, BudgetLine

    BudgetLine.objects.create(initiative=initiative, year=2019, kind="capital", amount=2_000_000)
    change = BudgetChange.objects.create(
        initiative=initiative,
        kind="postponement",
        kind_of_money="capital",
        financing="Flyttes inden for anlægsrammen",
        status="proposed",
    )
    BudgetChangeAmount.objects.create(change=change, year=2019, amount=-1_000_000)
    BudgetChangeAmount.objects.create(change=change, year=2020, amount=1_000_000)
    return change.pk


@pytest.fixture(scope="module")
def matrix(django_db_setup: None, django_db_blocker: Any):
    """Build the world and personas once for the ~600 cases, inside a transaction undone at the end.

    Each case runs in its own savepoint (pytest-django's `db`), so a POST that changes the
    round is undone before the next case.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = make_world()
            for side, initiative in (("own", world.initiative), ("other", world.other_initiative)):
                CHANGES[side] = _proposed_change(initiative)
            users = {
                "finance_officer": make_user("okonomi", Role.FINANCE_OFFICER),
                "center_editor": make_user(
                    "ejendomme", Role.DEPARTMENT_EDITOR, centers=(world.center,)
                ),
                "other_center_editor": make_user(
                    "skole", Role.DEPARTMENT_EDITOR, centers=(world.other_center,)
                ),
                "politician": make_user(
                    "politiker", Role.COMMITTEE_READER, committees=(world.committee,)
                ),
                "citizen": AnonymousUser(),
            }
            yield world, users
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.parametrize(("name", "persona", "side", "state"), CASES)
def test_permission_matrix(name, persona, side, state, matrix, db, client):
    world, personas = matrix
    world.round.refresh_from_db()
    rule = RULES[name]
    world.set_round_state(state)
    login(client, personas[persona])
    url = reverse(name, args=rule.args(world, side))
    data = rule.data(world, side) if rule.data else {}
    response = getattr(client, rule.method)(url, data)
    expected = rule.decide(persona, side, state)
    assert _outcome(response, expected) == expected, (
        f"{rule.method.upper()} {url} as {persona} ({side} center, round {state}): "
        f"HTTP {response.status_code}, expected {expected}"
    )
