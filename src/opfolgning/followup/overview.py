"""Counts of smileys per theme and per round: the overview at the top of every report."""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import ROUND_NUMBERS, ReportDocument
from .rules import effective_smileys
from .smileys import Smiley


@dataclass
class Counts:
    """How many happy, neutral and sad smileys, and how many initiatives had none."""

    happy: int = 0
    neutral: int = 0
    sad: int = 0
    none: int = 0

    def add(self, smiley: Smiley | None) -> None:
        if smiley is None:
            self.none += 1
        else:
            setattr(self, smiley.value, getattr(self, smiley.value) + 1)

    @property
    def total(self) -> int:
        return self.happy + self.neutral + self.sad + self.none


@dataclass
class ThemeCounts:
    """Effort smileys of a theme at the report's round, and its economy smileys."""

    number: str
    title: str
    effort: Counts = field(default_factory=Counts)
    economy: Counts = field(default_factory=Counts)


@dataclass
class Overview:
    """The report's overview: per theme at its round, and per round for rounds 1 to its round."""

    round: int
    themes: list[ThemeCounts]
    rounds: dict[int, Counts]
    total: Counts
    economy_total: Counts


def overview(doc: ReportDocument) -> Overview:
    """Count the effective effort smileys (carry-forward applied) and the economy smileys."""
    rounds = {r: Counts() for r in ROUND_NUMBERS if r <= doc.round}
    themes = []
    total, economy_total = Counts(), Counts()
    for theme in doc.themes:
        counts = ThemeCounts(theme.number, theme.title)
        for ini in theme.initiatives:
            effective = effective_smileys(ini.milestones, current_round=doc.round)
            for result in effective:
                if result.round in rounds:
                    rounds[result.round].add(result.smiley)
            counts.effort.add(effective[doc.round - 1].smiley)
            total.add(effective[doc.round - 1].smiley)
            counts.economy.add(ini.economy.smiley)
            economy_total.add(ini.economy.smiley)
        themes.append(counts)
    return Overview(doc.round, themes, rounds, total, economy_total)
