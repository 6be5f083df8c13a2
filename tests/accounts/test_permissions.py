"""The permission rules as a full matrix: every perm × persona × own/other × round state."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

import pytest
import rules
from django.contrib.auth import get_user_model

from opfolgning.accounts.models import Role
from opfolgning.accounts.permissions import RULES, CenterScope, ReportScope, can
from opfolgning.accounts.services import user_set_role
from opfolgning.agreements.models import RoundState, SubmissionState
from tests.personas import PERSONAS, World, make_user

pytestmark = pytest.mark.django_db

PLANNED, OPEN, CLOSED = RoundState.PLANNED, RoundState.OPEN, RoundState.CLOSED
PUB = RoundState.PUBLISHED
ROUND_STATES = (PLANNED, OPEN, CLOSED, PUB)
SUB_STATES = tuple(SubmissionState)
NOT_APPROVED = tuple(s for s in SUB_STATES if s != SubmissionState.APPROVED)
UNSENT = (SubmissionState.NOT_STARTED, SubmissionState.DRAFT, SubmissionState.RETURNED)

# What each kind of permission is checked on, and the cells of its matrix.
# global: no object; round: the round in each state; report: own/other committee or the
# whole agreement ("all") × round state; submission: own/other center × round state ×
# submission state; initiative: own/other center; center: a center's part of a round
# (CenterScope, the department spreadsheet) × round state.
CELLS: dict[str, list[tuple[Any, ...]]] = {
    "global": [()],
    "round": [(s,) for s in ROUND_STATES],
    "report": list(itertools.product(("own", "other", "all"), ROUND_STATES)),
    "submission": list(itertools.product(("own", "other"), ROUND_STATES, SUB_STATES)),
    "initiative": [("own",), ("other",)],
    "center": list(itertools.product(("own", "other"), ROUND_STATES)),
}


def cells(kind: str, *parts: Iterable[Any]) -> set[tuple[Any, ...]]:
    """Return the cells of `kind` whose every part is in the given choices."""
    return {
        cell for cell in CELLS[kind] if all(v in part for v, part in zip(cell, parts, strict=True))
    }


def everything(kind: str) -> set[tuple[Any, ...]]:
    return set(CELLS[kind])


NOTHING: set[tuple[Any, ...]] = set()
PUBLISHED_REPORTS = cells("report", ("own", "other", "all"), (PUB,))

# perm → (kind, {persona: allowed cells}). A perm registered without a row here fails.
EXPECTED: dict[str, tuple[str, dict[str, set[tuple[Any, ...]]]]] = {
    "agreements.manage_rounds": (
        "global",
        {
            "finance_officer": everything("global"),
            "center_editor": NOTHING,
            "other_center_editor": NOTHING,
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "accounts.manage_users": (
        "global",
        {
            "finance_officer": everything("global"),
            "center_editor": NOTHING,
            "other_center_editor": NOTHING,
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.manage_organisation": (
        "global",
        {
            "finance_officer": everything("global"),
            "center_editor": NOTHING,
            "other_center_editor": NOTHING,
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.setup_agreement": (
        "global",
        {
            "finance_officer": everything("global"),
            "center_editor": NOTHING,
            "other_center_editor": NOTHING,
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.import_report": (
        "global",
        {
            "finance_officer": everything("global"),
            "center_editor": NOTHING,
            "other_center_editor": NOTHING,
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.view_round": (
        "round",
        {
            "finance_officer": everything("round"),
            "center_editor": everything("round"),
            "other_center_editor": everything("round"),
            "politician": everything("round"),
            "citizen": cells("round", (PUB,)),
        },
    ),
    "agreements.view_report": (
        "report",
        {
            "finance_officer": everything("report"),
            # Drafts of open or closed rounds of the committees their center serves.
            "center_editor": PUBLISHED_REPORTS | cells("report", ("own",), (OPEN, CLOSED)),
            "other_center_editor": PUBLISHED_REPORTS | cells("report", ("other",), (OPEN, CLOSED)),
            # Their committee's drafts in every state; never the whole-agreement draft.
            "politician": PUBLISHED_REPORTS | cells("report", ("own",), ROUND_STATES),
            "citizen": PUBLISHED_REPORTS,
        },
    ),
    "agreements.view_owed": (
        "global",
        {
            "finance_officer": everything("global"),
            "center_editor": everything("global"),
            "other_center_editor": everything("global"),
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    # Who sees a status (the status page, the API): in every round state, as it was.
    "agreements.view_status": (
        "submission",
        {
            "finance_officer": everything("submission"),
            "center_editor": cells("submission", ("own",), ROUND_STATES, SUB_STATES),
            "other_center_editor": cells("submission", ("other",), ROUND_STATES, SUB_STATES),
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.view_status_economy": (
        "submission",
        {
            "finance_officer": everything("submission"),
            "center_editor": everything("submission"),
            "other_center_editor": everything("submission"),
            "politician": everything("submission"),
            "citizen": NOTHING,
        },
    ),
    "agreements.edit_status": (
        "submission",
        {
            "finance_officer": cells("submission", ("own", "other"), (OPEN,), NOT_APPROVED),
            "center_editor": cells("submission", ("own",), (OPEN,), NOT_APPROVED),
            "other_center_editor": cells("submission", ("other",), (OPEN,), NOT_APPROVED),
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.submit_status": (
        "submission",
        {
            "finance_officer": cells("submission", ("own", "other"), (OPEN,), UNSENT),
            "center_editor": cells("submission", ("own",), (OPEN,), UNSENT),
            "other_center_editor": cells("submission", ("other",), (OPEN,), UNSENT),
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.review_status": (
        "submission",
        {
            "finance_officer": cells("submission", ("own", "other"), (OPEN,), SUB_STATES),
            "center_editor": NOTHING,
            "other_center_editor": NOTHING,
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.view_progress": (
        "round",
        {
            "finance_officer": everything("round"),
            "center_editor": NOTHING,
            "other_center_editor": NOTHING,
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.view_timeline": (
        "initiative",
        {
            "finance_officer": everything("initiative"),
            "center_editor": everything("initiative"),
            "other_center_editor": everything("initiative"),
            "politician": everything("initiative"),
            "citizen": NOTHING,
        },
    ),
    "agreements.view_budget": (
        "initiative",
        {
            "finance_officer": everything("initiative"),
            "center_editor": everything("initiative"),
            "other_center_editor": everything("initiative"),
            "politician": everything("initiative"),
            "citizen": NOTHING,
        },
    ),
    "agreements.manage_budget": (
        "initiative",
        {
            "finance_officer": everything("initiative"),
            "center_editor": NOTHING,
            "other_center_editor": NOTHING,
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    # Finance, or the editor of the initiative's center (a change comes with its financing).
    "agreements.propose_budget_change": (
        "initiative",
        {
            "finance_officer": everything("initiative"),
            "center_editor": cells("initiative", ("own",)),
            "other_center_editor": cells("initiative", ("other",)),
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    # The department spreadsheet: finance, or the center's editor, in any state; uploads only
    # while the round is open.
    "agreements.download_department_sheet": (
        "center",
        {
            "finance_officer": everything("center"),
            "center_editor": cells("center", ("own",), ROUND_STATES),
            "other_center_editor": cells("center", ("other",), ROUND_STATES),
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
    "agreements.upload_department_sheet": (
        "center",
        {
            "finance_officer": cells("center", ("own", "other"), (OPEN,)),
            "center_editor": cells("center", ("own",), (OPEN,)),
            "other_center_editor": cells("center", ("other",), (OPEN,)),
            "politician": NOTHING,
            "citizen": NOTHING,
        },
    ),
}


def target(world: World, kind: str, cell: tuple[Any, ...]) -> Any:
    """Return the object a cell checks, with the round (in memory) in the cell's state."""
    if kind == "global":
        return None
    if kind == "initiative":
        return world.initiative if cell[0] == "own" else world.other_initiative
    if kind == "round":
        world.round.state = cell[0]
        return world.round
    if kind == "center":
        where, state = cell
        world.round.state = state
        return CenterScope(world.round, world.center if where == "own" else world.other_center)
    if kind == "report":
        where, state = cell
        world.round.state = state
        committee = {"own": world.committee, "other": world.other_committee, "all": None}[where]
        return ReportScope(world.round, committee)
    where, state, sub_state = cell
    submission = world.submission if where == "own" else world.other_submission
    submission.round = world.round
    world.round.state = state
    submission.state = sub_state
    return submission


def allowed_cells(user: Any, perm: str, world: World, check: Callable[..., bool]) -> set[Any]:
    kind = EXPECTED[perm][0]
    return {cell for cell in CELLS[kind] if check(user, perm, target(world, kind, cell))}


def test_every_registered_agreements_permission_has_a_row_in_the_matrix():
    registered = {
        name
        for name in rules.permissions.permissions
        if name.startswith(("agreements.", "accounts."))
    }
    assert registered == set(EXPECTED) == set(RULES)


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_every_matrix_row_names_every_persona(perm):
    assert set(EXPECTED[perm][1]) == set(PERSONAS)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_permission_matrix(perm, persona, world, request):
    user = request.getfixturevalue(persona)
    expected = EXPECTED[perm][1][persona]
    assert allowed_cells(user, perm, world, can) == expected


@pytest.mark.parametrize("persona", ["center_editor", "politician", "citizen"])
@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_user_has_perm_agrees_with_the_rules_for_non_superusers(perm, persona, world, request):
    user = request.getfixturevalue(persona)

    def via_user(u: Any, p: str, obj: Any) -> bool:
        return u.has_perm(p, obj)

    assert allowed_cells(user, perm, world, via_user) == EXPECTED[perm][1][persona]


@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_superuser_without_a_role_is_a_finance_officer_bound_by_the_round(perm, world):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    assert allowed_cells(admin, perm, world, can) == EXPECTED[perm][1]["finance_officer"]


def test_superuser_cannot_edit_a_closed_round_through_can(world):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    world.set_round_state(RoundState.CLOSED)
    assert not can(admin, "agreements.edit_status", world.submission)


def test_deactivated_user_loses_every_permission(world, finance_officer):
    finance_officer.is_active = False
    assert not can(finance_officer, "agreements.manage_rounds")
    assert not can(finance_officer, "agreements.view_timeline", world.initiative)


def test_user_without_a_role_is_treated_like_a_citizen(world):
    nobody = make_user("udenrolle", None)
    world.set_round_state(RoundState.OPEN)
    assert not can(nobody, "agreements.view_round", world.round)
    assert not can(nobody, "agreements.view_timeline", world.initiative)
    world.set_round_state(RoundState.PUBLISHED)
    assert can(nobody, "agreements.view_round", world.round)


def test_changing_the_role_takes_effect_on_the_same_user_object(world, center_editor):
    assert not can(center_editor, "agreements.manage_rounds")
    user_set_role(actor=None, user=center_editor, role=Role.FINANCE_OFFICER)
    assert can(center_editor, "agreements.manage_rounds")


def test_editor_of_an_initiative_without_a_center_may_not_edit_it(world, center_editor):
    world.initiative.center = None
    world.initiative.save()
    world.submission.refresh_from_db()
    assert not can(center_editor, "agreements.edit_status", world.submission)


def test_editor_report_check_costs_one_query_after_the_first(
    world, center_editor, django_assert_num_queries
):
    scope = ReportScope(world.round, world.committee)
    assert can(center_editor, "agreements.view_report", scope)
    with django_assert_num_queries(1):
        assert can(center_editor, "agreements.view_report", scope)
