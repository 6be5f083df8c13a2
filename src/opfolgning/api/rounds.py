"""Rounds of an agreement: the published timeline for everyone, every round for staff tokens.

A citizen learns nothing of rounds that are not public (the list is the public timeline, the
same as the agreement's `rounds`); a token whose user has a role also sees planned, open and
closed rounds with their state and deadline, so an integration can find the open round to
write statuses in.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import HttpRequest
from ninja import Router

from opfolgning.accounts.selectors import access_of
from opfolgning.agreements import public_selectors as ps
from opfolgning.agreements.models import Round, RoundState
from opfolgning.agreements.selectors import NotFound

from .auth import caller
from .errors import ApiError
from .public import RoundNumber, Year, _base
from .responses import documented
from .schemas import RoundDetailOut, RoundItemOut

router = Router(tags=["rounds"])


def _public(year: int) -> ps.PublicAgreement | None:
    try:
        return ps.public_agreement(year=year)
    except NotFound:
        return None


def _links(year: int, number: int, *, report: bool, statuses: bool) -> dict[str, str]:
    base = f"{_base(year)}/rounds/{number}"
    links = {"self": base}
    if report:
        links["report"] = f"{base}/report"
    if statuses:
        links["statuses"] = f"{base}/statuses"
    return links


def _items(request: HttpRequest, year: int) -> list[dict[str, Any]]:
    public = _public(year)
    shown = {r.number: r for r in public.rounds} if public else {}
    if not access_of(caller(request)).is_staff_role:
        if public is None:
            raise ApiError(404, f"nothing of an agreement for the budget year {year} is published")
        return [
            {
                **dataclasses.asdict(r),
                "state": None,
                "deadline": None,
                "links": _links(year, r.number, report=r.published, statuses=False),
            }
            for r in public.rounds
        ]
    rounds = list(Round.objects.filter(agreement__year=year).order_by("number"))
    if not rounds:
        raise ApiError(404, f"no agreement for the budget year {year}")
    items = []
    for r in rounds:
        seen = shown.get(r.number)
        items.append(
            {
                "number": r.number,
                "label": r.label or (seen.label if seen else ""),
                "date": r.date,
                "published": r.state == RoundState.PUBLISHED,
                "published_at": r.published_at,
                "version": seen.version if seen else None,
                "state": r.state,
                "deadline": r.deadline,
                "links": _links(year, r.number, report=True, statuses=r.is_open),
            }
        )
    return items


@router.get("/agreements/{year}/rounds", response=documented(list[RoundItemOut]))
def round_list(request: HttpRequest, year: Year) -> list[dict[str, Any]]:
    """List the rounds: the published timeline, or every round with its state for staff."""
    return _items(request, year)


@router.get("/agreements/{year}/rounds/{round_number}", response=documented(RoundDetailOut))
def round_detail(request: HttpRequest, year: Year, round_number: RoundNumber) -> dict[str, Any]:
    """Return one round, with the effort smiley counts per theme where it is public."""
    item = next((i for i in _items(request, year) if i["number"] == round_number), None)
    if item is None:
        raise ApiError(404, f"round {round_number} of the budget year {year} is not published")
    public = _public(year)
    counts = (
        [
            {
                "theme": c.theme_number,
                "theme_title": c.theme_title,
                "happy": c.happy,
                "neutral": c.neutral,
                "sad": c.sad,
                "none": c.none,
                "total": c.total,
            }
            for c in public.theme_counts()
            if c.round == round_number
        ]
        if public is not None
        else []
    )
    return {**item, "themes": counts}
