"""What a committee must decide on, from a report: the section "Til beslutning".

The reading guide says that a sad effort smiley needs a decision on its corrective action;
beside those the committee sees what got worse since the previous round, sad economy, the
budget changes that await the city council's approval, and the follow-ups that are missing.
Every list is in report order; each item names its initiative, whose table it links to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .budget import change_amounts
from .changes import Direction, InitiativeChanges
from .document import ReportDocument, budget_model
from .rules import Source, effective_now
from .smileys import Smiley
from .vocabulary import change_kind_word, round_phrase, signed_amounts, smiley_word

__all__ = ["DecisionItem", "Decisions", "decisions"]


@dataclass(frozen=True)
class DecisionItem:
    """One initiative in a list of "Til beslutning", with what the committee should read."""

    number: str
    title: str
    detail_da: str = ""
    detail_en: str = ""

    def detail(self, language: str = "da") -> str:
        """Return the detail in `language`."""
        return self.detail_en if language.startswith("en") else self.detail_da


@dataclass(frozen=True)
class Decisions:
    """The lists of "Til beslutning" of one report."""

    sad_effort: tuple[DecisionItem, ...] = ()
    worsened: tuple[DecisionItem, ...] = ()
    sad_economy: tuple[DecisionItem, ...] = ()
    budget_changes: tuple[DecisionItem, ...] = ()
    missing: tuple[DecisionItem, ...] = ()

    @property
    def count(self) -> int:
        """Return how many items there are in all."""
        return sum(
            len(items)
            for items in (
                self.sad_effort,
                self.worsened,
                self.sad_economy,
                self.budget_changes,
                self.missing,
            )
        )

    @property
    def empty(self) -> bool:
        """Return whether there is nothing to decide on."""
        return self.count == 0

    def groups(self, language: str = "da") -> list[tuple[str, list[str]]]:
        """Return the non-empty lists as (heading, lines) for documents (PDF, DOCX)."""
        en = language.startswith("en")
        result = []
        for key, items in (
            ("sad_effort", self.sad_effort),
            ("worsened", self.worsened),
            ("sad_economy", self.sad_economy),
            ("budget_changes", self.budget_changes),
            ("missing", self.missing),
        ):
            if items:
                heading = HEADINGS[key][1 if en else 0]
                lines = [
                    f"{d.number}. {d.title}"
                    + (f": {d.detail(language)}" if d.detail(language) else "")
                    for d in items
                ]
                result.append((heading, lines))
        return result


#: The headings of "Til beslutning" (Danish, English); the HTML page has the same words.
HEADING = ("Til beslutning", "For decision")
HEADINGS = {
    "sad_effort": (
        "Sur smiley for indsatsen: tag stilling til den korrigerende handling",
        "Sad effort smiley: decide on the corrective action",
    ),
    "worsened": ("Forværret siden sidste opfølgning", "Worse since the previous round"),
    "sad_economy": ("Sur smiley for økonomien", "Sad economy smiley"),
    "budget_changes": (
        "Budgetændringer til godkendelse i kommunalbestyrelsen",
        "Budget changes awaiting the city council's approval",
    ),
    "missing": ("Mangler opfølgning", "Follow-up missing"),
}
NOTHING = (
    "Der er intet til beslutning ved denne opfølgning: ingen sure smileyer, intet er "
    "forværret, og ingen budgetændringer venter på godkendelse.",
    "Nothing awaits a decision at this round: no sad smileys, nothing got worse, and no "
    "budget changes await approval.",
)


def decisions(
    doc: ReportDocument, changes: Mapping[str, InitiativeChanges] | None = None
) -> Decisions:
    """Return what the committee must decide on in `doc`.

    `changes` (followup.changes.report_changes) gives the moves since the previous round;
    without it nothing is listed as worsened.
    """
    moves = changes or {}
    sad, worse, economy, budget, missing = [], [], [], [], []
    for ini in doc.initiatives():
        current = effective_now(ini.milestones, current_round=doc.round)
        milestone = next((m for m in ini.milestones if m.round == doc.round), None)
        if current.smiley is Smiley.SAD:
            action = milestone.corrective_action.strip() if milestone else ""
            sad.append(
                DecisionItem(
                    ini.number,
                    ini.title,
                    action or "Der er ikke beskrevet en korrigerende handling.",
                    action or "No corrective action is described.",
                )
            )
        if current.source is Source.MISSING:
            missing.append(
                DecisionItem(
                    ini.number,
                    ini.title,
                    f"Ingen vurdering ved {round_phrase(doc.round).rstrip('.')}.",
                    f"Not assessed at {round_phrase(doc.round, 'en').rstrip('.')}.",
                )
            )
        move = moves.get(ini.number)
        if move is not None and move.effort.direction is Direction.WORSE:
            before, after = move.effort.before, move.effort.after
            worse.append(
                DecisionItem(
                    ini.number,
                    ini.title,
                    f"{smiley_word(before)} → {smiley_word(after)}",
                    f"{smiley_word(before, 'en')} → {smiley_word(after, 'en')}",
                )
            )
        if ini.economy.smiley is Smiley.SAD:
            reason = ini.economy.reason.strip()
            economy.append(DecisionItem(ini.number, ini.title, reason, reason))
        if ini.budget is not None:
            _adopted, rule_changes = budget_model(ini.budget)
            for change in rule_changes:
                if change.status.value != "proposed":
                    continue
                by_year = change_amounts(change)
                financing = change.financing.strip()
                da = (
                    f"{change_kind_word(change.kind.value).capitalize()}: "
                    f"{signed_amounts(by_year, 'da')}."
                )
                en = (
                    f"{change_kind_word(change.kind.value, 'en').capitalize()}: "
                    f"{signed_amounts(by_year, 'en')}."
                )
                if financing:
                    da += f" Alternativ finansiering: {financing}"
                    en += f" Alternative financing: {financing}"
                budget.append(DecisionItem(ini.number, ini.title, da, en))
    return Decisions(tuple(sad), tuple(worse), tuple(economy), tuple(budget), tuple(missing))
