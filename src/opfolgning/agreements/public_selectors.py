"""Reads for citizens and open data: only what the frozen reports of published rounds say.

Every public surface (the public pages, the anonymous API, the open-data files) reads
through this module, and this module reads nothing but the whole-agreement snapshots
(`ReportSnapshot`, scope "") of rounds in the state *published*. Live data, open rounds,
drafts, closed-but-unpublished rounds and every name of a user (snapshot authors, contact
persons, history) are out of reach by construction, not by filtering at each view.

A round's own values (its milestone, status, smileys and economy) come from its own newest
published snapshot. A round before the newest published one that was never published on its
own (an old report imported at round 3 covers rounds 1 and 2) is shown as that newest report
printed it, without economy: a report carries the economy of its own round only.

Cost: one query for the snapshot list (documents deferred), plus one per snapshot document
the first time a process reads it; the built agreement is cached per process by the
snapshots' fingerprints, so a page costs the same for 10 initiatives as for 10,000.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from django.db.models import Count, Max
from django.utils.text import slugify

from opfolgning.followup.audience import Audience, for_audience
from opfolgning.followup.document import (
    Contact,
    InitiativeDoc,
    ReportDocument,
)
from opfolgning.followup.errors import NotFound

# The published shapes live in the domain (the open-data exporter reads them too); they are
# named here as well, for the pages and the API that read through this module.
from opfolgning.followup.publication import PublicAgreement as PublicAgreement
from opfolgning.followup.publication import PublicInitiative as PublicInitiative
from opfolgning.followup.publication import PublicRound as PublicRound
from opfolgning.followup.publication import PublicTheme as PublicTheme
from opfolgning.followup.publication import RoundStatus as RoundStatus
from opfolgning.followup.publication import ThemeCounts as ThemeCounts
from opfolgning.followup.smileys import Smiley
from opfolgning.followup.vocabulary import INITIATIVE_KINDS

from .models import Committee, ReportSnapshot, Round, RoundState
from .workflow_selectors import _snapshot_document

#: What a smiley filter may ask for: a smiley, or "none" for a round without one.
SMILEY_FILTERS = ("happy", "neutral", "sad", "none")
#: The kinds an initiative filter may name (an initiative of both kinds matches only its own).
KINDS = INITIATIVE_KINDS


@dataclass(frozen=True)
class InitiativeFilter:
    """What a citizen filters the initiatives by; empty fields do not filter."""

    committee: str = ""  # slug or name
    center: str = ""
    theme: str = ""  # theme number
    smiley: str = ""  # effort smiley at the newest round: happy, neutral, sad or none
    economy: str = ""  # economy smiley at the newest round: happy, sad or none
    kind: str = ""  # capital, operating or capital_and_operating
    q: str = ""  # words that must all occur

    def is_empty(self) -> bool:
        """Return whether nothing is filtered."""
        return not any(
            (self.committee, self.center, self.theme, self.smiley, self.economy, self.kind, self.q)
        )


def _matches_smiley(value: Smiley | None, wanted: str) -> bool:
    if not wanted:
        return True
    return (value.value if value else "none") == wanted


def initiatives_filtered(
    agreement: PublicAgreement, criteria: InitiativeFilter
) -> list[PublicInitiative]:
    """Return the initiatives that meet every criterion, in report order."""
    committee = criteria.committee.strip().casefold()
    center = criteria.center.strip().casefold()
    theme = criteria.theme.strip()
    words = criteria.q.casefold().split()
    result = []
    for ini in agreement.initiatives():
        if committee and committee not in (ini.committee_slug.casefold(), ini.committee.casefold()):
            continue
        if center and center != ini.center.casefold():
            continue
        if theme and theme != ini.theme_number:
            continue
        if criteria.kind and criteria.kind != ini.kind:
            continue
        if not _matches_smiley(ini.smiley, criteria.smiley):
            continue
        if not _matches_smiley(ini.economy_smiley, criteria.economy):
            continue
        if words and not all(word in ini.search_text for word in words):
            continue
        result.append(ini)
    return result


@dataclass(frozen=True)
class PublicAgreementRow:
    """An agreement on the public front page."""

    year: int
    name: str
    latest_round: int
    published_rounds: int


def public_agreements() -> list[PublicAgreementRow]:
    """Return the agreements that have at least one published round, newest first."""
    rows = (
        Round.objects.filter(state=RoundState.PUBLISHED)
        .values("agreement__year", "agreement__name")
        .annotate(latest=Max("number"), count=Count("id"))
        .order_by("-agreement__year")
    )
    return [
        PublicAgreementRow(r["agreement__year"], r["agreement__name"], r["latest"], r["count"])
        for r in rows
    ]


def public_agreement(*, year: int) -> PublicAgreement:
    """Return the published state of the agreement of a budget year, or raise NotFound."""
    snapshots = list(
        ReportSnapshot.objects.filter(
            round__agreement__year=year, round__state=RoundState.PUBLISHED, scope=""
        )
        .select_related("round", "round__agreement")
        .defer("document", "reason", "round__close_override_reason")
        .order_by("round__number", "-version")
    )
    if not snapshots:
        # One message whether the agreement is unknown or not yet published: citizens must
        # not learn from an error which drafts exist.
        raise NotFound(f"nothing of an agreement for the budget year {year} is published")
    newest: dict[int, ReportSnapshot] = {}
    for snapshot in snapshots:
        newest.setdefault(snapshot.round.number, snapshot)
    key = tuple(
        PublishedSnapshot(
            number,
            s.pk,
            s.fingerprint,
            s.version,
            s.round.label,
            s.round.date,
            s.round.published_at,
        )
        for number, s in sorted(newest.items())
    )
    agreement = snapshots[0].round.agreement
    return _build(agreement.year, agreement.name, key)


class PublishedSnapshot(NamedTuple):
    """The newest published snapshot of a round: what the public agreement is built from."""

    round_number: int
    pk: int
    fingerprint: str
    version: int
    label: str
    date: dt.date | None
    published_at: dt.datetime | None


#: The cache key of a public agreement: its rounds' newest published snapshots.
Key = tuple[PublishedSnapshot, ...]


@lru_cache(maxsize=16)
def _build(year: int, name: str, key: Key) -> PublicAgreement:
    """Build the public agreement from its published snapshots (cached: they never change)."""
    docs: dict[int, ReportDocument] = {}
    versions: dict[int, int] = {}
    published: dict[int, PublishedSnapshot] = {}
    for snap in key:
        # Citizens read none of the internal notes: review flags, review notes, proposed and
        # rejected budget changes (followup.audience).
        docs[snap.round_number] = for_audience(
            _snapshot_document(snap.pk, snap.fingerprint), Audience.PUBLIC
        )
        versions[snap.round_number] = snap.version
        published[snap.round_number] = snap
    source_round = max(docs)
    source = docs[source_round]
    slugs = dict(Committee.objects.values_list("name", "slug"))

    labels: dict[int, str] = {}
    for ini in source.initiatives():
        for m in ini.milestones:
            if m.label and m.round not in labels:
                labels[m.round] = m.label
    rounds = []
    for number in range(1, source_round + 1):
        if number in published:
            snap = published[number]
            rounds.append(
                PublicRound(
                    number,
                    snap.label or labels.get(number, ""),
                    docs[number].date or snap.date,
                    True,
                    snap.published_at,
                    versions.get(number),
                )
            )
        else:
            rounds.append(PublicRound(number, labels.get(number, ""), None, False))

    own: dict[int, dict[str, InitiativeDoc]] = {
        number: {ini.number: ini for ini in doc.initiatives()} for number, doc in docs.items()
    }
    themes = []
    for theme in source.themes:
        initiatives = []
        for ini in theme.initiatives:
            statuses = []
            for r in rounds:
                from_own = own.get(r.number, {}).get(ini.number) if r.published else None
                carrier = from_own or ini
                milestone = next((m for m in carrier.milestones if m.round == r.number), None)
                if milestone is None and from_own is None:
                    continue
                statuses.append(
                    RoundStatus(
                        round=r.number,
                        label=(milestone.label if milestone else "") or r.label,
                        milestone=milestone.text if milestone else "",
                        status_note=milestone.status_note if milestone else "",
                        smiley=milestone.smiley if milestone else None,
                        corrective_action=milestone.corrective_action if milestone else "",
                        has_economy=from_own is not None,
                        economy_text=from_own.economy.text if from_own else "",
                        economy_smiley=from_own.economy.smiley if from_own else None,
                    )
                )
            planned = tuple(m for m in ini.milestones if m.round > source_round and m.text)
            committee_slug = slugs.get(ini.committee) or slugify(ini.committee)
            search_text = " ".join(
                [
                    ini.number,
                    ini.title,
                    ini.description,
                    ini.center,
                    ini.committee,
                    theme.title,
                    ini.notes,
                    *(s.milestone for s in statuses),
                    *(s.status_note for s in statuses),
                ]
            ).casefold()
            initiatives.append(
                PublicInitiative(
                    number=ini.number,
                    title=ini.title,
                    kind=ini.kind,
                    description=ini.description,
                    center=ini.center,
                    committee=ini.committee,
                    committee_slug=committee_slug,
                    contributors=ini.contributors,
                    involved_committees=ini.involved_committees,
                    notes=ini.notes,
                    theme_number=theme.number,
                    theme_title=theme.title,
                    statuses=tuple(statuses),
                    planned=planned,
                    budget=ini.budget,
                    search_text=search_text,
                )
            )
        themes.append(PublicTheme(theme.number, theme.title, tuple(initiatives)))
    by_number = {ini.number: ini for theme in themes for ini in theme.initiatives}
    return PublicAgreement(
        year=year,
        name=name,
        rounds=tuple(rounds),
        themes=tuple(themes),
        source_round=source_round,
        source_version=versions.get(source_round, 1),
        fingerprint=":".join(snap.fingerprint[:12] for snap in key),
        by_number=by_number,
    )


def snapshot_report(*, round_obj: Round, committee: str = "") -> ReportDocument | None:
    """Return a published round's newest frozen report as citizens read it (scope "" is the
    whole agreement's, else a committee slug's); None when the round is not published."""
    if round_obj.state != RoundState.PUBLISHED:
        return None
    snapshot = (
        ReportSnapshot.objects.filter(round=round_obj, scope=committee)
        .order_by("-version")
        .defer("document")
        .first()
    )
    if snapshot is None:
        return None
    doc = for_audience(_snapshot_document(snapshot.pk, snapshot.fingerprint), Audience.PUBLIC)
    return dataclasses.replace(doc, contact=Contact())
