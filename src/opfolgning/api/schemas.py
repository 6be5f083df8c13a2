"""The shapes the API reads and writes (pydantic, through ninja's Schema)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

SmileyValue = Literal["happy", "neutral", "sad"]
EconomySmiley = Literal["happy", "sad"]


class Error(Schema):
    """Every refusal: what went wrong and what to do."""

    detail: str


class FieldError(Schema):
    """One bad field of a request: where it is and what is wrong."""

    loc: list[str]
    msg: str


class ValidationErrorOut(Schema):
    """A request with bad fields (422): one sentence, and each field on its own."""

    detail: str
    errors: list[FieldError] = []


class AgreementRow(Schema):
    """An agreement with at least one published round."""

    year: int
    name: str
    latest_round: int
    published_rounds: int
    url: str


class RoundOut(Schema):
    """A round of the agreement's timeline; unpublished rounds have no date or version."""

    number: int
    label: str
    date: dt.date | None
    published: bool
    published_at: dt.datetime | None
    version: int | None


class RoundItemOut(RoundOut):
    """A round with links; staff tokens also get its state and deadline (null for citizens)."""

    state: Literal["planned", "open", "closed", "published"] | None
    deadline: dt.date | None
    links: dict[str, str]


class ThemeRoundCounts(Schema):
    """How many initiatives of a theme had each effort smiley at one round."""

    theme: str
    theme_title: str
    happy: int
    neutral: int
    sad: int
    none: int
    total: int


class RoundDetailOut(RoundItemOut):
    """A round with the effort smiley counts per theme (empty where it is not public)."""

    themes: list[ThemeRoundCounts]


class SmileyCounts(Schema):
    """How many initiatives have each effort smiley at the newest published round."""

    happy: int
    neutral: int
    sad: int
    none: int


class ThemeOut(Schema):
    """A theme with its number of initiatives and their smileys at the newest round."""

    number: str
    title: str
    count: int
    smileys: SmileyCounts


class CommitteeOut(Schema):
    """A committee responsible for initiatives."""

    slug: str
    name: str


class AgreementOut(Schema):
    """The published state of an agreement."""

    year: int
    name: str
    source_round: int
    source_version: int
    rounds: list[RoundOut]
    themes: list[ThemeOut]
    committees: list[CommitteeOut]
    centers: list[str]
    links: dict[str, str]


class InitiativeRow(Schema):
    """An initiative in a list, with its smileys at the newest published round."""

    number: str
    title: str
    kind: str
    center: str
    committee: str
    committee_slug: str
    theme: str
    theme_title: str
    round: int | None
    smiley: SmileyValue | None
    economy_smiley: EconomySmiley | None
    url: str


class InitiativePage(Schema):
    """One page of initiatives; `count` is the number matching the filters."""

    count: int
    limit: int
    offset: int
    items: list[InitiativeRow]


class RoundStatusOut(Schema):
    """An initiative at one published round: milestone, status, smileys, economy."""

    round: int
    label: str
    milestone: str
    status_note: str
    smiley: SmileyValue | None
    corrective_action: str
    has_economy: bool
    economy_text: str
    economy_smiley: EconomySmiley | None


class PlannedMilestone(Schema):
    """A milestone planned for a later round (no status yet)."""

    round: int
    label: str
    text: str


class MilestoneOut(Schema):
    """A milestone: published with its status, or planned for a later round."""

    round: int
    label: str
    text: str
    status_note: str
    smiley: SmileyValue | None
    corrective_action: str
    published: bool


class InitiativeOut(InitiativeRow):
    """Everything published about an initiative."""

    description: str
    contributors: str
    involved_committees: str
    notes: str
    statuses: list[RoundStatusOut]
    planned: list[PlannedMilestone]
    budget: dict[str, Any] | None


class EconomyRow(Schema):
    """The economy text and smiley of an initiative at a published round."""

    round: int
    label: str
    text: str
    smiley: EconomySmiley | None


class EconomyOut(Schema):
    """An initiative's budget (adopted, changes, amended) and its economy per round."""

    number: str
    budget: dict[str, Any] | None
    rounds: list[EconomyRow]


class ThemeCountOut(Schema):
    """The effort smiley counts of a theme at one round."""

    theme: str
    theme_title: str
    round: int
    happy: int
    neutral: int
    sad: int
    none: int
    total: int


class DashboardOut(Schema):
    """The agreement's progress: smiley counts per theme and round."""

    year: int
    rounds: list[RoundOut]
    counts: list[ThemeCountOut]


class ContactOut(Schema):
    """Whom to contact about a report (blank for callers without a token)."""

    name: str
    email: str
    phone: str


class AgreementRefOut(Schema):
    """The agreement a report follows up on."""

    name: str
    year: int


class ReportOut(Schema):
    """A report as the interchange document (shared/design/INTERCHANGE.md)."""

    model_config = ConfigDict(extra="allow")

    title: str
    agreement: AgreementRefOut
    committee: str
    round: int
    date: str | None
    case_number: str
    contact: ContactOut
    reading_guide: str
    themes: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    previous_date: str | None


class FindingOut(Schema):
    """A rule the status breaks (error) or something to review (warning)."""

    code: str
    severity: str
    part: str
    message_da: str
    message_en: str


class PreviousOut(Schema):
    """The previous round's milestone, shown beside the status."""

    label: str
    text: str
    status_note: str
    smiley: SmileyValue | None
    corrective_action: str


class StatusOut(Schema):
    """An initiative's status in a round, as its editor sees and writes it."""

    year: int
    round: int
    number: str
    title: str
    center: str
    committee: str
    state: str
    version: int
    text: str
    status_note: str
    smiley: SmileyValue | None
    corrective_action: str
    carried_forward: bool
    needs_review: bool
    comment: str
    previous: PreviousOut | None
    findings: list[FindingOut]
    can_edit: bool
    can_submit: bool
    url: str


class StatusPage(Schema):
    """One page of the statuses the caller may edit or review."""

    count: int
    limit: int
    offset: int
    items: list[StatusOut]


class StatusIn(Schema):
    """A status to save; `version` is the one you read (or send it in If-Match)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field("", max_length=10000, description="the milestone")
    status_note: str = Field("", max_length=10000)
    smiley: SmileyValue | None = None
    corrective_action: str = Field("", max_length=10000)
    version: int | None = Field(None, ge=0, le=2_000_000_000)


class ConflictOut(Schema):
    """Someone saved since you read: nothing was stored; here is what is stored now."""

    detail: str
    current_version: int | None = None
    current: dict[str, str] | None = None


class RefusedOut(Schema):
    """The status breaks rules: what to fix."""

    detail: str
    findings: list[FindingOut] = []


class MeOut(Schema):
    """Who the token acts as."""

    username: str
    name: str
    role: str | None
    centers: list[str]
    committees: list[CommitteeOut]
