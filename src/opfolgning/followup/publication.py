"""What a published agreement says: the shape that citizens, the anonymous API and open data read.

Plain dataclasses, built by `agreements.public_selectors` from the frozen snapshots of
published rounds and read by the public pages, the API and the open-data exporter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .document import BudgetDoc, MilestoneDoc
from .errors import NotFound
from .smileys import Smiley


@dataclass(frozen=True)
class PublicRound:
    """A round of the public timeline: published on its own, or covered by a later report."""

    number: int
    label: str
    date: dt.date | None
    published: bool
    published_at: dt.datetime | None = None
    # The snapshot version shown (corrections after publishing make version 2, 3 …).
    version: int | None = None


@dataclass(frozen=True)
class RoundStatus:
    """One initiative at one round, as published."""

    round: int
    label: str
    milestone: str = ""
    status_note: str = ""
    smiley: Smiley | None = None
    corrective_action: str = ""
    # Economy is known only for rounds published on their own.
    has_economy: bool = False
    economy_text: str = ""
    economy_smiley: Smiley | None = None


@dataclass(frozen=True)
class PublicMilestone:
    """A milestone: published with its status, or planned for a later round (no status)."""

    round: int
    label: str
    text: str
    status_note: str = ""
    smiley: Smiley | None = None
    corrective_action: str = ""
    published: bool = False


@dataclass(frozen=True)
class PublicEconomy:
    """The economy text and smiley of an initiative at a round published on its own."""

    round: int
    label: str
    text: str
    smiley: Smiley | None


@dataclass(frozen=True, eq=False)
class PublicInitiative:
    """An initiative as the newest published report shows it, with its published timeline."""

    number: str
    title: str
    kind: str
    description: str
    center: str
    committee: str
    committee_slug: str
    contributors: str
    involved_committees: str
    notes: str
    theme_number: str
    theme_title: str
    statuses: tuple[RoundStatus, ...]
    # Milestones of rounds after the newest published one: planned, without status.
    planned: tuple[MilestoneDoc, ...] = ()
    budget: BudgetDoc | None = None
    search_text: str = field(default="", repr=False, compare=False)

    @property
    def latest(self) -> RoundStatus | None:
        """Return the status at the newest published round."""
        return self.statuses[-1] if self.statuses else None

    @property
    def smiley(self) -> Smiley | None:
        """Return the effort smiley at the newest published round."""
        return self.latest.smiley if self.latest else None

    @property
    def economy_smiley(self) -> Smiley | None:
        """Return the economy smiley at the newest published round."""
        return self.latest.economy_smiley if self.latest else None

    def milestones(self) -> list[PublicMilestone]:
        """Return the published milestones with their status, then the planned ones."""
        published = [
            PublicMilestone(
                s.round, s.label, s.milestone, s.status_note, s.smiley, s.corrective_action, True
            )
            for s in self.statuses
        ]
        return published + [PublicMilestone(m.round, m.label, m.text) for m in self.planned]

    def economy(self) -> list[PublicEconomy]:
        """Return the economy at each round published on its own."""
        return [
            PublicEconomy(s.round, s.label, s.economy_text, s.economy_smiley)
            for s in self.statuses
            if s.has_economy
        ]

    def status_at(self, round_number: int) -> RoundStatus | None:
        """Return the status at a round, or None where the round is not public."""
        return next((s for s in self.statuses if s.round == round_number), None)


@dataclass(frozen=True, eq=False)
class PublicTheme:
    """A theme of the agreement with its initiatives in report order."""

    number: str
    title: str
    initiatives: tuple[PublicInitiative, ...]


@dataclass(frozen=True)
class ThemeCounts:
    """How many initiatives of a theme had each effort smiley at one round."""

    theme_number: str
    theme_title: str
    round: int
    happy: int
    neutral: int
    sad: int
    none: int

    @property
    def total(self) -> int:
        """Return the number of initiatives counted."""
        return self.happy + self.neutral + self.sad + self.none


@dataclass(frozen=True, eq=False)
class PublicAgreement:
    """The published state of an agreement."""

    year: int
    name: str
    rounds: tuple[PublicRound, ...]
    themes: tuple[PublicTheme, ...]
    # The report the texts come from: the newest published round and its version.
    source_round: int
    source_version: int
    fingerprint: str
    by_number: dict[str, PublicInitiative] = field(default_factory=dict, repr=False)

    @property
    def latest_round(self) -> PublicRound:
        """Return the newest published round."""
        return next(r for r in self.rounds if r.number == self.source_round)

    def initiatives(self) -> list[PublicInitiative]:
        """Return every initiative in report order."""
        return [ini for theme in self.themes for ini in theme.initiatives]

    def initiative(self, number: str) -> PublicInitiative:
        """Return an initiative by its number, or raise NotFound."""
        found = self.by_number.get(number.strip())
        if found is None:
            raise NotFound(f"the published agreement {self.year} has no initiative {number!r}")
        return found

    def committees(self) -> list[tuple[str, str]]:
        """Return (slug, name) of the committees with initiatives, by name."""
        seen = {(i.committee_slug, i.committee) for i in self.initiatives() if i.committee}
        return sorted(seen, key=lambda pair: pair[1])

    def centers(self) -> list[str]:
        """Return the responsible centers, by name."""
        return sorted({i.center for i in self.initiatives() if i.center})

    def theme_counts(self) -> list[ThemeCounts]:
        """Return the effort smiley counts per theme and round, themes in report order."""
        result = []
        for theme in self.themes:
            for r in self.rounds:
                counts = {"happy": 0, "neutral": 0, "sad": 0, "none": 0}
                for ini in theme.initiatives:
                    status = ini.status_at(r.number)
                    smiley = status.smiley if status else None
                    counts[smiley.value if smiley else "none"] += 1
                result.append(ThemeCounts(theme.number, theme.title, r.number, **counts))
        return result
