"""What changed for each initiative since the previous round: smileys, milestone, status.

Pure functions over the report document. The effort smiley compared is the effective one
(rules.effective_smileys), so a happy smiley carried forward counts as unchanged. The report
document holds only its own round's economy, so the economy is compared only when the
caller supplies the previous round's economy rows.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from .document import ROUND_NUMBERS, EconomyDoc, InitiativeDoc, MilestoneDoc, ReportDocument
from .rules import effective_smileys
from .smileys import LABELS_DA, LABELS_EN, Smiley

# Lower is better; economy uses the same order on its two levels.
_RANK = {Smiley.HAPPY: 0, Smiley.NEUTRAL: 1, Smiley.SAD: 2}


class Direction(enum.StrEnum):
    """How a smiley moved from the previous round to this one."""

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    NEW = "new"  # no smiley before, one now
    GONE = "gone"  # a smiley before, none now


class What(enum.StrEnum):
    """Which part of an initiative changed; stable identifiers for filters and tests."""

    EFFORT_SMILEY = "effort_smiley"
    MILESTONE = "milestone"
    STATUS_NOTE = "status_note"
    ECONOMY_SMILEY = "economy_smiley"


@dataclass(frozen=True)
class SmileyMove:
    """A smiley at the previous round and at this one, and which way it went."""

    before: Smiley | None
    after: Smiley | None
    direction: Direction


@dataclass(frozen=True)
class Change:
    """One thing that changed, in Danish and English short text."""

    what: What
    text_da: str
    text_en: str


@dataclass(frozen=True)
class InitiativeChanges:
    """What changed for one initiative from `previous_round` to `round`."""

    initiative: str
    round: int
    previous_round: int
    effort: SmileyMove
    economy: SmileyMove | None  # None: the previous round's economy is not known
    changes: tuple[Change, ...]

    @property
    def changed(self) -> bool:
        """Return whether anything changed."""
        return bool(self.changes)

    @property
    def smiley_changed(self) -> bool:
        """Return whether the effective effort smiley differs from the previous round's."""
        return self.effort.direction is not Direction.SAME

    @property
    def text_da(self) -> str:
        """Return the changes as one Danish line ("Uændret" when nothing changed)."""
        return "; ".join(c.text_da for c in self.changes) if self.changes else "Uændret"

    @property
    def text_en(self) -> str:
        """Return the changes as one English line ("Unchanged" when nothing changed)."""
        return "; ".join(c.text_en for c in self.changes) if self.changes else "Unchanged"


@dataclass(frozen=True)
class ChangesSummary:
    """Counts over a report's initiatives of what changed since the previous round."""

    round: int
    previous_round: int
    initiatives: int
    changed: int
    smiley_changed: int
    better: int
    worse: int
    # Apart, so that not yet reported never reads as changed (issue 14):
    unchanged: int = 0  # the same smiley as at the previous round
    new: int = 0  # a smiley now, none before
    not_reported: int = 0  # no smiley at this round (yet)


def smiley_move(before: Smiley | None, after: Smiley | None) -> SmileyMove:
    """Return which way a smiley moved between two rounds."""
    if before == after:
        direction = Direction.SAME
    elif before is None:
        direction = Direction.NEW
    elif after is None:
        direction = Direction.GONE
    elif _RANK[after] < _RANK[before]:
        direction = Direction.BETTER
    else:
        direction = Direction.WORSE
    return SmileyMove(before, after, direction)


_DIRECTION_WORDS = {
    Direction.BETTER: ("forbedret", "better"),
    Direction.WORSE: ("forværret", "worse"),
    Direction.SAME: ("uændret", "unchanged"),
    Direction.NEW: ("ny", "new"),
    Direction.GONE: ("mangler nu", "now missing"),
}


def _move_texts(subject: tuple[str, str], move: SmileyMove) -> tuple[str, str]:
    before_da = LABELS_DA[move.before] if move.before else "ingen"
    after_da = LABELS_DA[move.after] if move.after else "ingen"
    before_en = LABELS_EN[move.before] if move.before else "none"
    after_en = LABELS_EN[move.after] if move.after else "none"
    word_da, word_en = _DIRECTION_WORDS[move.direction]
    return (
        f"{subject[0]}: {before_da} → {after_da} ({word_da})",
        f"{subject[1]}: {before_en} → {after_en} ({word_en})",
    )


def _row(milestones: list[MilestoneDoc], round_: int) -> MilestoneDoc:
    for milestone in milestones:
        if milestone.round == round_:
            return milestone
    return MilestoneDoc(round=round_)


def _same_text(a: str, b: str) -> bool:
    # Reflowed lines or doubled spaces are not a change a reader should be told about.
    return " ".join(a.split()) == " ".join(b.split())


def initiative_changes(
    initiative: InitiativeDoc,
    *,
    current_round: int,
    previous_economy: EconomyDoc | None = None,
) -> InitiativeChanges:
    """Return what changed for one initiative from the previous round to `current_round`."""
    if current_round not in ROUND_NUMBERS or current_round == ROUND_NUMBERS[0]:
        raise ValueError(f"current_round must be one of 2, 3, 4, not {current_round!r}")
    previous_round = current_round - 1
    effective = {
        e.round: e.smiley
        for e in effective_smileys(initiative.milestones, current_round=current_round)
    }
    changes: list[Change] = []
    effort = smiley_move(effective[previous_round], effective[current_round])
    if effort.direction is not Direction.SAME:
        da, en = _move_texts(("Smiley", "Smiley"), effort)
        changes.append(Change(What.EFFORT_SMILEY, da, en))

    now, before = (
        _row(initiative.milestones, current_round),
        _row(initiative.milestones, previous_round),
    )
    if now.text.strip() and not _same_text(now.text, before.text):
        changes.append(Change(What.MILESTONE, "ny milepæl", "new milestone"))
    if now.status_note.strip() and not _same_text(now.status_note, before.status_note):
        if before.status_note.strip():
            changes.append(Change(What.STATUS_NOTE, "ny status", "new status note"))
        else:
            changes.append(Change(What.STATUS_NOTE, "status tilføjet", "status note added"))

    economy = None
    if previous_economy is not None:
        economy = smiley_move(previous_economy.smiley, initiative.economy.smiley)
        if economy.direction is not Direction.SAME:
            da, en = _move_texts(("Økonomi", "Economy"), economy)
            changes.append(Change(What.ECONOMY_SMILEY, da, en))

    return InitiativeChanges(
        initiative=initiative.number,
        round=current_round,
        previous_round=previous_round,
        effort=effort,
        economy=economy,
        changes=tuple(changes),
    )


def report_changes(
    doc: ReportDocument, *, previous_economy: Mapping[str, EconomyDoc] | None = None
) -> dict[str, InitiativeChanges]:
    """Return each initiative's changes since the previous round, by number; {} at round 1.

    `previous_economy` maps initiative numbers to their economy row at the previous round;
    an initiative it does not name gets no economy comparison.
    """
    if doc.round == ROUND_NUMBERS[0]:
        return {}
    earlier = previous_economy or {}
    return {
        ini.number: initiative_changes(
            ini, current_round=doc.round, previous_economy=earlier.get(ini.number)
        )
        for ini in doc.initiatives()
    }


def summarize(doc: ReportDocument, changes: Mapping[str, InitiativeChanges]) -> ChangesSummary:
    """Return counts of what changed since the previous round over the report's initiatives."""
    rows = list(changes.values())
    return ChangesSummary(
        round=doc.round,
        previous_round=max(doc.round - 1, 0),
        initiatives=len(rows),
        changed=sum(1 for c in rows if c.changed),
        smiley_changed=sum(1 for c in rows if c.smiley_changed),
        better=sum(1 for c in rows if c.effort.direction is Direction.BETTER),
        worse=sum(1 for c in rows if c.effort.direction is Direction.WORSE),
        unchanged=sum(
            1 for c in rows if c.effort.direction is Direction.SAME and c.effort.after is not None
        ),
        new=sum(1 for c in rows if c.effort.direction is Direction.NEW),
        not_reported=sum(1 for c in rows if c.effort.after is None),
    )
