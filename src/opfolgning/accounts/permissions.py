"""Who may do what: the permission rules the views call (`rules` predicates).

Check them with `rules.has_perm(name, user, obj)` or `{% has_perm %}` (template library
`rules`), not `user.has_perm`: Django lets an active superuser pass every `user.has_perm`,
but here a superuser is a finance officer and is still bound by the round's state (nobody
edits a closed round).

| permission | object | who |
|---|---|---|
| agreements.manage_rounds | None | finance officer |
| agreements.setup_agreement | None | finance officer (new agreements, themes, initiatives) |
| accounts.manage_users | None | finance officer (invite, deactivate, list users) |
| agreements.manage_organisation | None | finance officer (rename and merge centers, committees) |
| agreements.view_round | Round | published: everyone; otherwise any role |
| agreements.view_report | .round, .committee | published: everyone; otherwise see view_report |
| agreements.view_owed | None | department editor, finance officer |
| agreements.view_status | Submission | finance officer, or the editor of its center |
| agreements.view_status_economy | Submission | any role (as view_budget: the figures of a round) |
| agreements.edit_status | Submission | open round, not approved; finance officer or its editor |
| agreements.submit_status | Submission | edit_status and not yet submitted (or returned) |
| agreements.review_status | Submission | finance officer, open round |
| agreements.view_progress | Round | finance officer |
| agreements.view_timeline | Initiative | any role |
| agreements.view_budget | Initiative | any role |
| agreements.manage_budget | Initiative | finance officer (adopted budget, council decisions) |
| agreements.propose_budget_change | Initiative | finance officer, or the editor of its center |
| agreements.download_department_sheet | CenterScope | finance officer, or the center's editor |
| agreements.upload_department_sheet | CenterScope | open round; as download_department_sheet |

Drafts of reports (rounds not yet published): a finance officer reads every report; a
committee reader reads their committees' reports in any state; a department editor reads,
while the round is open or closed, the reports of committees that have at least one
initiative of the editor's centers in that agreement. The whole-agreement report (committee
None) before publishing is for finance officers only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import rules

from opfolgning.agreements.models import (
    Center,
    Committee,
    Initiative,
    Round,
    RoundState,
    Submission,
    SubmissionState,
)
from opfolgning.followup.audience import Audience, for_audience
from opfolgning.followup.document import ReportDocument

from .models import Role
from .selectors import access_of


@dataclass(frozen=True)
class ReportScope:
    """A report to check `agreements.view_report` on: a round, and a committee or None."""

    round: Round
    committee: Committee | None = None


@dataclass(frozen=True)
class CenterScope:
    """One center's part of a round (the department spreadsheet): a round and a center."""

    round: Round
    center: Center


# Roles


@rules.predicate
def is_finance_officer(user: Any) -> bool:
    return access_of(user).role == Role.FINANCE_OFFICER


@rules.predicate
def is_department_editor(user: Any) -> bool:
    return access_of(user).role == Role.DEPARTMENT_EDITOR


@rules.predicate
def is_committee_reader(user: Any) -> bool:
    return access_of(user).role == Role.COMMITTEE_READER


@rules.predicate
def has_role(user: Any) -> bool:
    return access_of(user).is_staff_role


# Rounds (obj: Round)


@rules.predicate
def round_is_published(user: Any, round: Round) -> bool:
    return round is not None and round.is_published


# Reports (obj: anything with .round and .committee)


@rules.predicate
def report_is_published(user: Any, report: Any) -> bool:
    return report is not None and bool(report.round.is_published)


@rules.predicate
def reads_report_committee(user: Any, report: Any) -> bool:
    committee = getattr(report, "committee", None)
    return committee is not None and committee.pk in access_of(user).committee_ids


@rules.predicate
def report_has_own_initiatives(user: Any, report: Any) -> bool:
    committee = getattr(report, "committee", None)
    center_ids = access_of(user).center_ids
    if committee is None or not center_ids:
        return False
    if report.round.state not in (RoundState.OPEN, RoundState.CLOSED):
        return False
    return Initiative.objects.filter(
        agreement_id=report.round.agreement_id,
        committee_id=committee.pk,
        center_id__in=center_ids,
    ).exists()


# Submissions (obj: Submission)


@rules.predicate
def submission_round_is_open(user: Any, submission: Submission) -> bool:
    return submission is not None and submission.round.is_open


@rules.predicate
def edits_submission_center(user: Any, submission: Submission) -> bool:
    if submission is None:
        return False
    center_id = submission.initiative.center_id
    return center_id is not None and center_id in access_of(user).center_ids


@rules.predicate
def submission_not_approved(user: Any, submission: Submission) -> bool:
    return submission is not None and submission.state != SubmissionState.APPROVED


@rules.predicate
def submission_awaits_sending(user: Any, submission: Submission) -> bool:
    return submission is not None and submission.state in (
        SubmissionState.NOT_STARTED,
        SubmissionState.DRAFT,
        SubmissionState.RETURNED,
    )


# Initiatives (obj: Initiative)


@rules.predicate
def edits_initiative_center(user: Any, initiative: Initiative) -> bool:
    if initiative is None:
        return False
    center_id = initiative.center_id
    return center_id is not None and center_id in access_of(user).center_ids


# Centers' parts of a round (obj: CenterScope)


@rules.predicate
def edits_scope_center(user: Any, scope: CenterScope) -> bool:
    return scope is not None and scope.center.pk in access_of(user).center_ids


@rules.predicate
def scope_round_is_open(user: Any, scope: CenterScope) -> bool:
    return scope is not None and scope.round.is_open


can_edit_status = (
    submission_round_is_open
    & (is_finance_officer | (is_department_editor & edits_submission_center))
    & submission_not_approved
)

RULES: dict[str, rules.Predicate] = {
    "agreements.manage_rounds": is_finance_officer,
    "agreements.setup_agreement": is_finance_officer,
    "agreements.import_report": is_finance_officer,
    "accounts.manage_users": is_finance_officer,
    "agreements.manage_organisation": is_finance_officer,
    "agreements.view_round": round_is_published | has_role,
    "agreements.view_report": (
        report_is_published
        | is_finance_officer
        | (is_committee_reader & reads_report_committee)
        | (is_department_editor & report_has_own_initiatives)
    ),
    "agreements.view_owed": is_department_editor | is_finance_officer,
    "agreements.view_status": is_finance_officer | (is_department_editor & edits_submission_center),
    "agreements.view_status_economy": has_role,
    "agreements.edit_status": can_edit_status,
    "agreements.submit_status": can_edit_status & submission_awaits_sending,
    "agreements.review_status": is_finance_officer & submission_round_is_open,
    "agreements.view_progress": is_finance_officer,
    "agreements.view_timeline": has_role,
    "agreements.view_budget": has_role,
    "agreements.manage_budget": is_finance_officer,
    "agreements.propose_budget_change": is_finance_officer
    | (is_department_editor & edits_initiative_center),
    "agreements.download_department_sheet": is_finance_officer
    | (is_department_editor & edits_scope_center),
    "agreements.upload_department_sheet": scope_round_is_open
    & (is_finance_officer | (is_department_editor & edits_scope_center)),
}

for _name, _predicate in RULES.items():
    rules.set_perm(_name, _predicate)


def can(user: Any, perm: str, obj: Any = None) -> bool:
    """Return whether the user has the permission on obj (superusers get no free pass)."""
    return bool(rules.has_perm(perm, user, obj))


# What a reader gets of a report (followup.audience): staff everything, committee readers what
# bears on their decisions, citizens none of the internal notes.


@dataclass(frozen=True)
class ReportReader:
    """Who reads a report: the audience, and the centers whose initiatives they edit."""

    audience: Audience
    own_centers: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        """Return a short key for caches: the same key, the same document."""
        if not self.own_centers:
            return str(self.audience)
        digest = hashlib.sha256("\n".join(sorted(self.own_centers)).encode()).hexdigest()
        return f"{self.audience}-{digest[:16]}"


def report_reader(user: Any) -> ReportReader:
    """Return who `user` is as a reader of reports."""
    role = access_of(user).role
    if role == Role.FINANCE_OFFICER:
        return ReportReader(Audience.STAFF)
    if role == Role.DEPARTMENT_EDITOR:
        ids = access_of(user).center_ids
        names = frozenset(Center.objects.filter(pk__in=ids).values_list("name", flat=True))
        return ReportReader(Audience.COMMITTEE, names)
    if role == Role.COMMITTEE_READER:
        return ReportReader(Audience.COMMITTEE)
    return ReportReader(Audience.PUBLIC)


def report_for(reader: ReportReader, doc: ReportDocument) -> ReportDocument:
    """Return the report as `reader` may read it (an editor keeps the notes of their own)."""
    if reader.own_centers:
        centers = reader.own_centers
        return for_audience(doc, reader.audience, own=lambda ini: ini.center in centers)
    return for_audience(doc, reader.audience)
