"""Writes with a token: an initiative's status in the open round, and who the token is.

The same permission rules as the pages (`can(user, ...)`), the same services (optimistic
locking by version, the rules' findings); the API never saves a model itself.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router

from opfolgning.accounts.permissions import can
from opfolgning.accounts.selectors import access_of
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import Center, Committee, Submission
from opfolgning.followup.rules import Finding, Severity

from .auth import token_user
from .errors import ApiError
from .public import MAX_LIMIT, Number, RoundNumber, Year
from .responses import documented
from .schemas import ConflictOut, Error, MeOut, RefusedOut, StatusIn, StatusOut, StatusPage

router = Router(tags=["statuses"])

_IF_MATCH = re.compile(r'^\s*(?:W/)?"v(\d{1,10})-[a-z_]+"\s*$')


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": str(f.code.value if hasattr(f.code, "value") else f.code),
        "severity": str(f.severity.value if hasattr(f.severity, "value") else f.severity),
        "part": str(f.part.value if hasattr(f.part, "value") else f.part),
        "message_da": f.message_da,
        "message_en": f.message_en,
    }


def etag_of(row: ws.OwedRow) -> str:
    """Return the status's ETag: its milestone version and the submission's state."""
    return f'"v{row.current.version}-{row.state}"'


def _status(user: Any, row: ws.OwedRow) -> dict[str, Any]:
    submission = row.submission
    initiative = row.initiative
    round_obj = submission.round
    previous = row.previous
    return {
        "year": round_obj.agreement.year,
        "round": round_obj.number,
        "number": initiative.number,
        "title": initiative.title,
        "center": initiative.center.name if initiative.center else "",
        "committee": initiative.committee.name if initiative.committee else "",
        "state": row.state,
        "version": row.current.version,
        "text": row.current.text,
        "status_note": row.current.status_note,
        "smiley": row.current.smiley or None,
        "corrective_action": row.current.corrective_action,
        "carried_forward": row.current.carried_forward,
        "needs_review": row.current.needs_review,
        "comment": submission.comment,
        "previous": {
            "label": row.previous_label,
            "text": previous.text,
            "status_note": previous.status_note,
            "smiley": previous.smiley or None,
            "corrective_action": previous.corrective_action,
        }
        if previous is not None
        else None,
        "findings": [_finding(f) for f in row.findings],
        "can_edit": can(user, "agreements.edit_status", submission),
        "can_submit": can(user, "agreements.submit_status", submission),
        "url": (
            f"/api/agreements/{round_obj.agreement.year}/rounds/{round_obj.number}"
            f"/statuses/{initiative.number}"
        ),
    }


def _center_filter(user: Any) -> frozenset[int] | None:
    """Return the centers whose statuses the user writes (None = all, for finance)."""
    if can(user, "agreements.manage_rounds"):
        return None
    return access_of(user).center_ids


def _submission(user: Any, year: int, round_number: int, number: str) -> Submission:
    submission = ws.submission_find(year=year, round_number=round_number, number=number)
    if not can(user, "agreements.view_status", submission):
        raise ApiError(
            403,
            f"Initiative {number} is not one your role edits or reviews; "
            "a department editor writes the statuses of their own centers only.",
        )
    return submission


def _round_open_or_refuse(user: Any, year: int, round_number: int) -> Any:
    if not can(user, "agreements.view_owed"):
        raise ApiError(403, "Only department editors and the finance office have statuses.")
    return ws.round_get(year=year, number=round_number)


@router.get("/me", response=documented(MeOut))
def me(request: HttpRequest) -> dict[str, Any]:
    """Return who the token acts as: username, role, centers and committees."""
    user = token_user(request)
    access = access_of(user)
    centers = list(Center.objects.filter(pk__in=access.center_ids).values_list("name", flat=True))
    committees = Committee.objects.filter(pk__in=access.committee_ids).order_by("name")
    return {
        "username": user.get_username(),
        "name": user.get_full_name(),
        "role": str(access.role.value) if access.role else None,
        "centers": sorted(centers),
        "committees": [{"slug": c.slug, "name": c.name} for c in committees],
    }


@router.get(
    "/agreements/{year}/rounds/{round_number}/statuses",
    response=documented(StatusPage, s403=Error),
)
def status_list(
    request: HttpRequest,
    year: Year,
    round_number: RoundNumber,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size, 1-500")] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """List the statuses of a round the token's user writes (their centers; all for finance)."""
    user = token_user(request)
    round_obj = _round_open_or_refuse(user, year, round_number)
    rows = ws.owed_rows(round_obj=round_obj, center_ids=_center_filter(user))
    return {
        "count": len(rows),
        "limit": limit,
        "offset": offset,
        "items": [_status(user, row) for row in rows[offset : offset + limit]],
    }


@router.get(
    "/agreements/{year}/rounds/{round_number}/statuses/{number}",
    response=documented(StatusOut, s403=Error),
)
def status_detail(
    request: HttpRequest,
    response: HttpResponse,
    year: Year,
    round_number: RoundNumber,
    number: Number,
) -> dict[str, Any]:
    """Return an initiative's status in a round, with its version and the rules' findings."""
    user = token_user(request)
    submission = _submission(user, year, round_number, number)
    row = ws.owed_row(submission=submission, loaded=True)
    response["ETag"] = etag_of(row)
    return _status(user, row)


def _base_version(payload: StatusIn, if_match: str) -> int:
    if payload.version is not None:
        return payload.version
    if if_match:
        found = _IF_MATCH.match(if_match)
        if found is None:
            raise ApiError(
                422, 'If-Match must be the ETag of the status you read, e.g. "v3-draft".'
            )
        return int(found.group(1))
    raise ApiError(
        422, "version: send the version you read (or its ETag in If-Match), so no edit is lost."
    )


@router.put(
    "/agreements/{year}/rounds/{round_number}/statuses/{number}",
    response=documented(StatusOut, read=False, s400=Error, s403=Error, s409=ConflictOut),
)
def status_put(
    request: HttpRequest,
    response: HttpResponse,
    year: Year,
    round_number: RoundNumber,
    number: Number,
    payload: StatusIn,
    if_match: Annotated[str, Header(alias="If-Match", max_length=100)] = "",
) -> dict[str, Any]:
    """Save an initiative's status (a draft); 409 if someone saved since your version."""
    user = token_user(request)
    submission = _submission(user, year, round_number, number)
    if not can(user, "agreements.view_status", submission):  # theirs to write
        raise ApiError(403, f"Your role may read but not write the status of {number}.")
    base_version = _base_version(payload, if_match)
    if not can(user, "agreements.edit_status", submission):
        raise ApiError(
            409,
            f"The status of {number} cannot be changed now: the round must be open and the "
            "status not yet approved.",
        )
    try:
        result = wf.status_save(
            actor=user,
            submission=submission,
            base_version=base_version,
            text=payload.text,
            status_note=payload.status_note,
            smiley=payload.smiley or "",
            corrective_action=payload.corrective_action,
        )
    except wf.EditConflict as conflict:
        raise ApiError(
            409,
            str(conflict),
            current_version=conflict.their_version,
            current={k: str(v) for k, v in conflict.theirs.items()},
        ) from conflict
    except wf.WorkflowError as exc:
        raise ApiError(409, str(exc)) from exc
    row = ws.owed_row(submission=result.submission, loaded=True)
    response["ETag"] = etag_of(row)
    return _status(user, row)


@router.post(
    "/agreements/{year}/rounds/{round_number}/statuses/{number}/submit",
    response=documented(StatusOut, read=False, s403=Error, s409=Error, s422=RefusedOut),
)
def status_submit(
    request: HttpRequest,
    response: HttpResponse,
    year: Year,
    round_number: RoundNumber,
    number: Number,
) -> dict[str, Any]:
    """Submit an initiative's status to the finance office; refused while a rule is broken."""
    user = token_user(request)
    submission = _submission(user, year, round_number, number)
    if not can(user, "agreements.view_status", submission):  # theirs to write
        raise ApiError(403, f"Your role may not submit the status of {number}.")
    if not can(user, "agreements.submit_status", submission):
        raise ApiError(
            409,
            f"{number} is {submission.get_state_display()} and cannot be submitted now "
            "(the round must be open and the status not already submitted).",
        )
    row = ws.owed_row(submission=submission, loaded=True)
    errors = [f for f in row.findings if f.severity is Severity.ERROR]
    if errors:
        raise ApiError(
            422,
            "The status breaks rules; fix them and submit again: "
            + " ".join(f.message_en for f in errors),
            findings=[_finding(f) for f in errors],
        )
    if not (row.current.smiley or row.current.status_note.strip()):
        raise ApiError(
            422, f"{number}: write a status note or choose a smiley before submitting.", findings=[]
        )
    try:
        result = wf.status_submit(actor=user, submission=submission)
    except wf.WorkflowError as exc:
        raise ApiError(409, str(exc)) from exc
    row = ws.owed_row(submission=result.submission, loaded=True)
    response["ETag"] = etag_of(row)
    return _status(user, row)
