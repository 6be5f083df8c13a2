"""Reads of published data: agreements, initiatives, milestones, economy, dashboard, reports.

Everything but the report comes from `public_selectors`, so a caller with a token reads the
same published data as a citizen; only a report may show a draft, to a token whose user may
read it (the same `agreements.view_report` rule as the pages).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from opfolgning.accounts.permissions import ReportScope, can, report_for, report_reader
from opfolgning.agreements import public_selectors as ps
from opfolgning.agreements import selectors
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.followup.document import budget_to_dict

from .auth import caller, is_anonymous
from .errors import ApiError
from .responses import documented
from .schemas import (
    AgreementOut,
    AgreementRow,
    DashboardOut,
    EconomyOut,
    Error,
    InitiativeOut,
    InitiativePage,
    MilestoneOut,
    ReportOut,
)

router = Router(tags=["published"])

# Path parameters: bad values are refused by validation (422) before any query.
Year = Annotated[int, Path(ge=1900, le=2999, description="budget year, e.g. 2019", example=2019)]
RoundNumber = Annotated[int, Path(ge=1, le=4, description="round 1-4 (4 = per 31.12)", example=4)]
Number = Annotated[
    str,
    Path(
        pattern=r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$",
        description="initiative number, e.g. 1.11",
        example="1.11",
    ),
]
MAX_LIMIT = 500


def _agreement(year: int) -> ps.PublicAgreement:
    return ps.public_agreement(year=year)


def _base(year: int) -> str:
    return f"/api/agreements/{year}"


def _row(year: int, ini: ps.PublicInitiative) -> dict[str, Any]:
    latest = ini.latest
    return {
        "number": ini.number,
        "title": ini.title,
        "kind": ini.kind,
        "center": ini.center,
        "committee": ini.committee,
        "committee_slug": ini.committee_slug,
        "theme": ini.theme_number,
        "theme_title": ini.theme_title,
        "round": latest.round if latest else None,
        "smiley": ini.smiley.value if ini.smiley else None,
        "economy_smiley": ini.economy_smiley.value if ini.economy_smiley else None,
        "url": f"{_base(year)}/initiatives/{ini.number}",
    }


@router.get("/agreements", response=documented(list[AgreementRow]))
def agreement_list(request: HttpRequest) -> list[dict[str, Any]]:
    """List the agreements with at least one published round, newest first."""
    return [
        {
            "year": row.year,
            "name": row.name,
            "latest_round": row.latest_round,
            "published_rounds": row.published_rounds,
            "url": _base(row.year),
        }
        for row in ps.public_agreements()
    ]


@router.get("/agreements/{year}", response=documented(AgreementOut))
def agreement_detail(request: HttpRequest, year: Year) -> dict[str, Any]:
    """Return an agreement: its rounds, themes with smiley counts, committees and centers."""
    agreement = _agreement(year)
    # The newest published round's smileys per theme: the dashboard's counts, one round.
    themes = [
        {
            "number": c.theme_number,
            "title": c.theme_title,
            "count": c.total,
            "smileys": {"happy": c.happy, "neutral": c.neutral, "sad": c.sad, "none": c.none},
        }
        for c in agreement.theme_counts()
        if c.round == agreement.source_round
    ]
    base = _base(year)
    links = {
        "self": base,
        "initiatives": f"{base}/initiatives",
        "dashboard": f"{base}/dashboard",
        **{
            f"report_round_{r.number}": f"{base}/rounds/{r.number}/report"
            for r in agreement.rounds
            if r.published
        },
    }
    return {
        "year": agreement.year,
        "name": agreement.name,
        "source_round": agreement.source_round,
        "source_version": agreement.source_version,
        "rounds": agreement.rounds,
        "themes": themes,
        "committees": [{"slug": s, "name": n} for s, n in agreement.committees()],
        "centers": agreement.centers(),
        "links": links,
    }


@router.get("/agreements/{year}/initiatives", response=documented(InitiativePage))
def initiative_list(
    request: HttpRequest,
    response: HttpResponse,
    year: Year,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size, 1-500")] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    committee: Annotated[str, Query(max_length=200, description="slug or name")] = "",
    center: Annotated[str, Query(max_length=200)] = "",
    theme: Annotated[str, Query(max_length=20, description="theme number")] = "",
    smiley: Literal["happy", "neutral", "sad", "none"] | None = None,
    economy: Literal["happy", "sad", "none"] | None = None,
    kind: Literal["capital", "operating", "capital_and_operating"] | None = None,
    q: Annotated[str, Query(max_length=200, description="words that must all occur")] = "",
) -> dict[str, Any]:
    """List the initiatives (newest published round), filtered and paginated."""
    agreement = _agreement(year)
    criteria = ps.InitiativeFilter(
        committee=committee,
        center=center,
        theme=theme,
        smiley=smiley or "",
        economy=economy or "",
        kind=kind or "",
        q=q,
    )
    found = ps.initiatives_filtered(agreement, criteria)
    page = found[offset : offset + limit]
    if offset + limit < len(found):
        query = request.GET.copy()
        query["offset"] = str(offset + limit)
        query["limit"] = str(limit)
        response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'
    return {
        "count": len(found),
        "limit": limit,
        "offset": offset,
        "items": [_row(year, ini) for ini in page],
    }


def _initiative(year: int, number: str) -> ps.PublicInitiative:
    return _agreement(year).initiative(number)


@router.get("/agreements/{year}/initiatives/{number}", response=documented(InitiativeOut))
def initiative_detail(request: HttpRequest, year: Year, number: Number) -> dict[str, Any]:
    """Return an initiative with its status at every published round and its budget."""
    agreement = _agreement(year)
    ini = agreement.initiative(number)
    return {
        **_row(year, ini),
        "description": ini.description,
        "contributors": ini.contributors,
        "involved_committees": ini.involved_committees,
        "notes": ini.notes,
        # The schemas read the published shapes' attributes (RoundStatusOut, PlannedMilestone).
        "statuses": ini.statuses,
        "planned": ini.planned,
        "budget": _budget(agreement, ini),
    }


def _budget(agreement: ps.PublicAgreement, ini: ps.PublicInitiative) -> dict[str, Any] | None:
    if ini.budget is None:
        return None
    return budget_to_dict(ini.budget, as_of=agreement.latest_round.date)


@router.get(
    "/agreements/{year}/initiatives/{number}/milestones", response=documented(list[MilestoneOut])
)
def initiative_milestones(request: HttpRequest, year: Year, number: Number) -> list[Any]:
    """List an initiative's milestones: published ones with their status, then planned ones."""
    return _initiative(year, number).milestones()


@router.get("/agreements/{year}/initiatives/{number}/economy", response=documented(EconomyOut))
def initiative_economy(request: HttpRequest, year: Year, number: Number) -> dict[str, Any]:
    """Return an initiative's budget and its economy text and smiley per published round."""
    agreement = _agreement(year)
    ini = agreement.initiative(number)
    return {
        "number": ini.number,
        "budget": _budget(agreement, ini),
        "rounds": ini.economy(),
    }


@router.get("/agreements/{year}/dashboard", response=documented(DashboardOut))
def dashboard(request: HttpRequest, year: Year) -> dict[str, Any]:
    """Return the effort smiley counts per theme and round (the dashboard's data)."""
    agreement = _agreement(year)
    return {
        "year": agreement.year,
        "rounds": agreement.rounds,
        "counts": [
            {
                "theme": c.theme_number,
                "theme_title": c.theme_title,
                "round": c.round,
                "happy": c.happy,
                "neutral": c.neutral,
                "sad": c.sad,
                "none": c.none,
                "total": c.total,
            }
            for c in agreement.theme_counts()
        ],
    }


@router.get(
    "/agreements/{year}/rounds/{round_number}/report", response=documented(ReportOut, s403=Error)
)
def report(
    request: HttpRequest,
    year: Year,
    round_number: RoundNumber,
    committee: Annotated[str, Query(max_length=200, description="committee slug")] = "",
    version: Annotated[int | None, Query(ge=1, le=1000, description="snapshot version")] = None,
) -> dict[str, Any]:
    """Return a report as the interchange document: published, or a draft the token may read."""
    user = caller(request)
    anonymous = is_anonymous(request)
    hidden = f"no published report of round {round_number} of the budget year {year}"
    if committee:
        hidden += f" for the committee {committee!r}"
    try:
        round_obj = ws.round_get(year=year, number=round_number)
        committee_obj = selectors.committee_get(name_or_slug=committee) if committee else None
        allowed = can(user, "agreements.view_report", ReportScope(round_obj, committee_obj))
        if not allowed:
            # Citizens learn nothing of drafts: the same answer as for an unknown report.
            raise (
                ApiError(404, hidden)
                if anonymous
                else ApiError(403, "Your role may not read this report before it is published.")
            )
        view = ws.report_view_of(round_obj=round_obj, committee=committee_obj, version=version)
    except selectors.NotFound as exc:
        raise ApiError(404, hidden if anonymous else str(exc)) from exc
    # The same part of the report as on the pages (followup.audience).
    data = report_for(report_reader(user), view.document).to_dict()
    if anonymous:
        # No personal data of users in public output; the keys stay for a stable shape.
        data["contact"] = {"name": "", "email": "", "phone": ""}
    return data
