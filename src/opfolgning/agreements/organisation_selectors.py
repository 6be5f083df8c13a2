"""Reads for the organisation in the app (issue 15): the centers and committees with what
hangs on each, what a merge would move, and each one's history (renamed, merged)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from .history import reason_text
from .models import Center, Committee, CommitteeReport, ReportSnapshot, Round, Subscription
from .selectors import NotFound

__all__ = [
    "HistoryEntry",
    "MergePlan",
    "MergedAway",
    "Organisation",
    "OrganisationHistory",
    "center_get",
    "center_history",
    "center_merge_plan",
    "committee_get",
    "committee_history",
    "committee_merge_plan",
    "organisation",
]

#: A center or a committee: the two kinds of unit the finance office keeps in the app.
Unit = Center | Committee


@dataclass(frozen=True)
class MergedAway:
    """A center or committee that no longer exists (merged into another, or deleted by
    technical support); its history stays."""

    pk: int
    name: str
    when: dt.datetime


@dataclass(frozen=True)
class Organisation:
    """The organisation page: centers (with initiative and editor counts), committees (with
    initiative and reader counts), and those that no longer exist."""

    centers: list[Any]  # Center rows annotated with initiative_count, editor_count
    committees: list[Any]  # Committee rows annotated with initiative_count, reader_count
    merged_centers: list[MergedAway]
    merged_committees: list[MergedAway]


def _merged_away(model: type[Unit]) -> list[MergedAway]:
    rows = model.history.filter(history_type="-").order_by("-history_date")
    existing = set(model.objects.values_list("pk", flat=True))
    seen: set[int] = set()
    result = []
    for row in rows:
        if row.id in existing or row.id in seen:
            continue
        seen.add(row.id)
        result.append(MergedAway(row.id, row.name, row.history_date))
    return result


def organisation() -> Organisation:
    """Return the organisation page in four queries (plus two for the existing ids)."""
    centers = list(
        Center.objects.annotate(
            initiative_count=Count("initiatives", distinct=True),
            editor_count=Count("editors", distinct=True),
        ).order_by("name")
    )
    committees = list(
        Committee.objects.annotate(
            initiative_count=Count("initiatives", distinct=True),
            reader_count=Count("readers", distinct=True),
        ).order_by("name")
    )
    return Organisation(centers, committees, _merged_away(Center), _merged_away(Committee))


def center_get(*, pk: int) -> Center:
    """Return the center, or raise NotFound (a 404)."""
    center = Center.objects.filter(pk=pk).first()
    if center is None:
        raise NotFound(f"no center {pk}")
    return center


def committee_get(*, pk: int) -> Committee:
    """Return the committee, or raise NotFound (a 404)."""
    committee = Committee.objects.filter(pk=pk).first()
    if committee is None:
        raise NotFound(f"no committee {pk}")
    return committee


@dataclass(frozen=True)
class MergePlan:
    """What merging `source` into `target` moves, and what stands in the way.

    For committees: committee reports move unless the target has one for the same round
    (`report_conflicts`: those rounds); subscriptions move, but one the same address has on
    the target already is removed; frozen reports stay as they were frozen."""

    source: Unit
    target: Unit
    initiatives: int
    memberships: int
    reports: int = 0
    report_conflicts: tuple[Round, ...] = ()
    subscriptions: int = 0
    duplicate_subscriptions: int = 0
    snapshots: int = 0

    @property
    def is_committee(self) -> bool:
        """Return whether the plan merges committees (else centers)."""
        return isinstance(self.source, Committee)


def center_merge_plan(source: Center, target: Center) -> MergePlan:
    """Return what merging center `source` into `target` would move."""
    return MergePlan(
        source=source,
        target=target,
        initiatives=source.initiatives.count(),
        memberships=source.editors.count(),
    )


def _subscription_key(sub: Subscription) -> tuple[str, int, int | None]:
    return (sub.email.casefold(), sub.agreement_id, sub.initiative_id)


def duplicate_subscriptions(source: Committee, target: Committee) -> list[Subscription]:
    """Return the source's subscriptions whose address already follows the target alike."""
    on_target = {_subscription_key(s) for s in Subscription.objects.filter(committee=target)}
    return [
        s
        for s in Subscription.objects.filter(committee=source).order_by("pk")
        if _subscription_key(s) in on_target
    ]


def report_conflicts(source: Committee, target: Committee) -> list[Round]:
    """Return the rounds at which both committees have a committee report, in order."""
    target_rounds = CommitteeReport.objects.filter(committee=target).values("round_id")
    return list(
        Round.objects.filter(reports__committee=source, pk__in=target_rounds)
        .select_related("agreement")
        .order_by("agreement__year", "number")
    )


def committee_merge_plan(source: Committee, target: Committee) -> MergePlan:
    """Return what merging committee `source` into `target` would move."""
    conflicts = report_conflicts(source, target)
    duplicates = duplicate_subscriptions(source, target)
    subscriptions = Subscription.objects.filter(committee=source).count()
    return MergePlan(
        source=source,
        target=target,
        initiatives=source.initiatives.count(),
        memberships=source.readers.count(),
        reports=CommitteeReport.objects.filter(committee=source).count() - len(conflicts),
        report_conflicts=tuple(conflicts),
        subscriptions=subscriptions - len(duplicates),
        duplicate_subscriptions=len(duplicates),
        snapshots=ReportSnapshot.objects.filter(scope=source.slug).count(),
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a center or committee: when, who, what, and its name then."""

    when: dt.datetime
    who: str
    what: str
    name: str


@dataclass(frozen=True)
class OrganisationHistory:
    """The history of a center or committee, newest first; `current` is None once merged."""

    pk: int
    name: str
    current: Unit | None
    entries: list[HistoryEntry]
    kind: str = "center"  # or "committee"

    @property
    def is_committee(self) -> bool:
        """Return whether this is a committee's history (else a center's)."""
        return self.kind == "committee"


def _who(user: Any) -> str:
    if user is None:
        return _("System")
    return (user.get_full_name() or "").strip() or user.get_username()


def _what(row: Any, before: Any) -> str:
    reason = reason_text(row.history_change_reason)
    if reason:
        return reason
    if row.history_type == "+":
        return _("Oprettet som %(name)s") % {"name": row.name}
    if row.history_type == "-":
        return _("Slettet")
    if before is not None and before.name != row.name:
        return _("Omdøbt fra %(old)s til %(new)s") % {"old": before.name, "new": row.name}
    if before is not None and getattr(before, "slug", None) != getattr(row, "slug", None):
        return _("Kort navn ændret fra %(old)s til %(new)s") % {"old": before.slug, "new": row.slug}
    return _("Gemt uden ændringer")


def _history(model: type[Unit], pk: int, kind: str) -> OrganisationHistory:
    rows = list(
        model.history.filter(id=pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    if not rows:
        raise NotFound(f"no {kind} {pk}")
    entries = []
    before = None
    for row in rows:
        entries.append(
            HistoryEntry(row.history_date, _who(row.history_user), _what(row, before), row.name)
        )
        before = row
    current = model.objects.filter(pk=pk).first()
    name = current.name if current is not None else rows[-1].name
    return OrganisationHistory(pk, name, current, entries[::-1], kind)


def center_history(*, pk: int) -> OrganisationHistory:
    """Return the history of a center, also after it was merged into another."""
    return _history(Center, pk, "center")


def committee_history(*, pk: int) -> OrganisationHistory:
    """Return the history of a committee, also after it was merged into another."""
    return _history(Committee, pk, "committee")
