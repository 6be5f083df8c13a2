"""workflow_selectors.submission_placed: an initiative's place in a walk, in one query."""

from __future__ import annotations

from typing import Any

import pytest

from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements.models import SubmissionState
from opfolgning.agreements.selectors import NotFound
from tests.personas import World, own_second_initiative


def _placed(**kwargs: Any) -> tuple[Any, ws.Place | None]:
    return ws.submission_placed(year=2019, round_number=3, **kwargs)


@pytest.fixture
def three(world: World) -> World:
    """1.1 and 1.3 of the editor's center, 1.2 of the other center between them."""
    own_second_initiative(world)
    return world


def test_the_place_counts_the_whole_round_in_agreement_order(
    three: World, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        submission, place = _placed(number="1.2")
        assert submission.initiative.center.name == "Skole og Dagtilbud"  # read with it
    assert place == ws.Place(
        position=2, total=3, done=0, previous="1.1", next="1.3", filtered=False
    )


def test_the_place_among_a_centers_initiatives_skips_the_others(three: World) -> None:
    first = _placed(number="1.1", center_ids=[three.center.pk])[1]
    assert first == ws.Place(1, 2, 0, "", "1.3", False)
    assert _placed(number="1.3", center_ids=[three.center.pk])[1] == ws.Place(
        2, 2, 0, "1.1", "", False
    )
    # Another center's initiative is no part of the walk (the page may still be read).
    submission, place = _placed(number="1.2", center_ids=[three.center.pk])
    assert submission.initiative.number == "1.2" and place is None
    # A user of no center walks through nothing.
    assert _placed(number="1.1", center_ids=[])[1] is None


def test_a_walk_filtered_by_state_counts_that_state_and_falls_back_to_all(
    three: World, django_assert_num_queries: Any
) -> None:
    three.submission.state = SubmissionState.SUBMITTED
    three.submission.save()
    three.other_submission.state = SubmissionState.SUBMITTED
    three.other_submission.save()
    with django_assert_num_queries(1):
        place = _placed(number="1.2", states=[SubmissionState.SUBMITTED])[1]
    assert place == ws.Place(2, 2, 2, "1.1", "", True)
    # 1.3 is not submitted: its place is among all three, and the walk says it is not filtered.
    with django_assert_num_queries(1):
        place = _placed(number="1.3", states=[SubmissionState.SUBMITTED])[1]
    assert place == ws.Place(3, 3, 2, "1.2", "", False)


def test_a_number_that_is_not_in_the_round_says_what_is_missing(three: World) -> None:
    with pytest.raises(NotFound, match=r"9\.9"):
        _placed(number="9.9")
    with pytest.raises(NotFound):
        ws.submission_placed(year=2019, round_number=7, number="1.1")


def test_numbers_with_any_characters_are_placed(three: World) -> None:
    three.other_initiative.number = "1.2 'a'|b"
    three.other_initiative.save()
    odd = "1.2 'a'|b"
    places = {n: _placed(number=n)[1] for n in ("1.1", odd, "1.3")}
    assert all(place is not None for place in places.values())
    neighbours = {p.previous for p in places.values()} | {p.next for p in places.values()}
    assert neighbours == {"", "1.1", odd, "1.3"}
