"""The smiley rules: carry-forward of effort smileys and the findings a report must clear.

Pure functions over the report document (DOMAIN.md, "The smiley rules"). Every result says
why it came out as it did, in Danish first and English second.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from .document import ROUND_NUMBERS, InitiativeDoc, MilestoneDoc, ReportDocument
from .smileys import LABELS_DA, LABELS_EN, Smiley
from .vocabulary import round_phrase

FINAL_ROUND = ROUND_NUMBERS[-1]


class Source(enum.StrEnum):
    """Where an effective effort smiley comes from."""

    SET = "set"  # a smiley was given at this round
    CARRIED = "carried"  # no milestone; a happy smiley carried on from the previous round
    MISSING = "missing"  # a smiley is required but not given
    NOT_STARTED = "not_started"  # no milestone and no earlier smiley
    NOT_DUE = "not_due"  # the round lies after the report's round


class Severity(enum.StrEnum):
    """How serious a finding is."""

    ERROR = "error"  # a rule is broken
    REVIEW = "review"  # a person must check a guess made on import


class Part(enum.StrEnum):
    """Which smiley of an initiative a finding is about."""

    EFFORT = "effort"
    ECONOMY = "economy"


class Code(enum.StrEnum):
    """What a finding is about; stable identifiers for filters, exports and tests."""

    MISSING_SMILEY = "missing_smiley"
    MISSING_FOLLOW_UP = "missing_follow_up"
    SAD_WITHOUT_CORRECTIVE_ACTION = "sad_without_corrective_action"
    CHANGE_WITHOUT_STATUS = "change_without_status"
    NEEDS_REVIEW = "needs_review"
    ECONOMY_NEUTRAL = "economy_neutral"
    ECONOMY_WITHOUT_MONEY = "economy_without_money"


#: The part of a status that mends each finding: a milestone's field, or its economy. A form
#: shows the finding on that very field.
FINDING_FIELDS: dict[Code, str] = {
    Code.MISSING_SMILEY: "smiley",
    Code.MISSING_FOLLOW_UP: "status_note",
    Code.SAD_WITHOUT_CORRECTIVE_ACTION: "corrective_action",
    Code.CHANGE_WITHOUT_STATUS: "status_note",
    Code.NEEDS_REVIEW: "smiley",
    Code.ECONOMY_NEUTRAL: "economy",
    Code.ECONOMY_WITHOUT_MONEY: "economy",
}


@dataclass(frozen=True)
class Effective:
    """The effective effort smiley of one initiative at one round, and why."""

    round: int
    smiley: Smiley | None
    source: Source
    reason_da: str
    reason_en: str


@dataclass(frozen=True)
class Finding:
    """A broken rule or an import guess to check, located by initiative and round."""

    code: Code
    severity: Severity
    initiative: str
    round: int
    message_da: str
    message_en: str
    part: Part = Part.EFFORT


def round_name_da(round_: int) -> str:
    """Return the Danish name of a follow-up round mid-sentence (the vocabulary's)."""
    return round_phrase(round_, "da")


def round_name_en(round_: int) -> str:
    """Return the English name of a follow-up round mid-sentence (the vocabulary's)."""
    return round_phrase(round_, "en")


def _check_round(current_round: int) -> None:
    if current_round not in ROUND_NUMBERS:
        raise ValueError(f"current_round must be one of {ROUND_NUMBERS}, not {current_round!r}")


def _by_round(milestones: Sequence[MilestoneDoc]) -> dict[int, MilestoneDoc]:
    # An absent row is read as an empty one; two rows for one round cannot be judged.
    rows: dict[int, MilestoneDoc] = {}
    for milestone in milestones:
        if milestone.round not in ROUND_NUMBERS:
            raise ValueError(f"milestone round must be one of {ROUND_NUMBERS}: {milestone.round!r}")
        if milestone.round in rows:
            raise ValueError(f"two milestones for round {milestone.round}")
        rows[milestone.round] = milestone
    return rows


def _has_milestone(milestone: MilestoneDoc | None) -> bool:
    # The milestone is the planned step (`text`); a status note alone plans nothing.
    return milestone is not None and bool(milestone.text.strip())


# Reasons for an effective smiley, (Danish, English).
_REASON_SET = ("sat ved denne opfølgning", "set at this round")
_REASON_CARRIED = (
    "ført videre fra en glad smiley ved forrige opfølgning",
    "carried forward from a happy smiley at the previous round",
)
_REASON_NO_SMILEY = ("milepælen mangler en smiley", "the milestone has no smiley")
_REASON_NOT_STARTED = (
    "ingen milepæl og ingen tidligere smiley: indsatsen er ikke startet",
    "no milestone and no earlier smiley: the initiative has not started",
)
_REASON_NOT_DUE = (
    "opfølgningen er ikke nået endnu; en plan for en senere opfølgning vurderes ikke",
    "this round is not due yet; a plan for a later round is not assessed",
)
_REASON_AFTER_MISSING = (
    "ingen milepæl, og forrige opfølgning mangler også en smiley: der skal følges op",
    "no milestone, and the previous round has no smiley either: it must be followed up",
)


def _reason_after_unhappy(previous: Smiley) -> tuple[str, str]:
    return (
        f"ingen milepæl efter en {LABELS_DA[previous]} smiley ved forrige opfølgning: "
        "der skal følges op med status og ny smiley",
        f"no milestone after a {LABELS_EN[previous]} smiley at the previous round: "
        "a status and a new smiley are required",
    )


def _effective(
    round_: int,
    smiley: Smiley | None,
    source: Source,
    reason: tuple[str, str],
) -> Effective:
    return Effective(round_, smiley, source, reason[0], reason[1])


def _effective_at(
    round_: int,
    milestone: MilestoneDoc | None,
    previous: Effective | None,
    current_round: int,
) -> Effective:
    smiley = milestone.smiley if milestone is not None else None
    if round_ > current_round:
        return _effective(round_, smiley, Source.NOT_DUE, _REASON_NOT_DUE)
    if smiley is not None:
        return _effective(round_, smiley, Source.SET, _REASON_SET)
    if _has_milestone(milestone):
        return _effective(round_, None, Source.MISSING, _REASON_NO_SMILEY)
    if previous is None or previous.source is Source.NOT_STARTED:
        return _effective(round_, None, Source.NOT_STARTED, _REASON_NOT_STARTED)
    if previous.smiley is None:
        # The previous round was due but never assessed: the chain is broken, not restarted.
        return _effective(round_, None, Source.MISSING, _REASON_AFTER_MISSING)
    if previous.smiley is Smiley.HAPPY:
        return _effective(round_, Smiley.HAPPY, Source.CARRIED, _REASON_CARRIED)
    return _effective(round_, None, Source.MISSING, _reason_after_unhappy(previous.smiley))


def effective_now(milestones: Sequence[MilestoneDoc], *, current_round: int) -> Effective:
    """Return the effective effort smiley at the report's own round."""
    return effective_smileys(milestones, current_round=current_round)[current_round - 1]


def effective_smileys(milestones: Sequence[MilestoneDoc], *, current_round: int) -> list[Effective]:
    """Return the effective effort smiley for rounds 1-4, in order, as of `current_round`."""
    _check_round(current_round)
    rows = _by_round(milestones)
    results: list[Effective] = []
    previous: Effective | None = None
    for round_ in ROUND_NUMBERS:
        previous = _effective_at(round_, rows.get(round_), previous, current_round)
        results.append(previous)
    return results


def _finding(
    code: Code,
    severity: Severity,
    initiative: str,
    round_: int,
    body_da: str,
    body_en: str,
    part: Part = Part.EFFORT,
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        initiative=initiative,
        round=round_,
        message_da=f"{initiative}, {round_name_da(round_)}: {body_da}",
        message_en=f"{initiative}, {round_name_en(round_)}: {body_en}",
        part=part,
    )


def _review_bodies(
    what_da: str, what_en: str, glyph: str | None, smiley: Smiley | None
) -> tuple[str, str]:
    shown = glyph if glyph else "(intet tegn)"
    shown_en = glyph if glyph else "(no glyph)"
    if smiley is None:
        read_da, read_en = "er ikke læst som nogen smiley", "was not read as any smiley"
    else:
        read_da = f"er læst som {LABELS_DA[smiley]}"
        read_en = f"was read as {LABELS_EN[smiley]}"
    return (
        f"{what_da} {shown} {read_da} ved indlæsningen; kontrollér, at læsningen er rigtig.",
        f"{what_en} {shown_en} {read_en} on import; check that the reading is right.",
    )


def _missing_findings(
    number: str,
    effective: Effective,
    milestone: MilestoneDoc | None,
    previous: Effective | None,
) -> list[Finding]:
    round_ = effective.round
    if _has_milestone(milestone):
        return [
            _finding(
                Code.MISSING_SMILEY,
                Severity.ERROR,
                number,
                round_,
                "Milepælen mangler en smiley.",
                "The milestone has no smiley.",
            )
        ]
    if previous is None or previous.smiley is None:
        body_da = (
            "Ingen milepæl, og forrige opfølgning mangler også en smiley; "
            "der skal følges op (status og ny smiley)."
        )
        body_en = (
            "No milestone, and the previous round has no smiley either; "
            "it must be followed up (a status and a new smiley)."
        )
    else:
        label_da, label_en = LABELS_DA[previous.smiley], LABELS_EN[previous.smiley]
        has_status = milestone is not None and bool(milestone.status_note.strip())
        needed_da = "en ny smiley" if has_status else "status og ny smiley"
        needed_en = "a new smiley" if has_status else "a status and a new smiley"
        body_da = (
            f"Ingen milepæl efter en {label_da} smiley ved forrige opfølgning; "
            f"der skal følges op i forhold til den forrige smiley ({needed_da})."
        )
        body_en = (
            f"No milestone after a {label_en} smiley at the previous round; "
            f"it must be followed up relative to the previous smiley ({needed_en})."
        )
    return [_finding(Code.MISSING_FOLLOW_UP, Severity.ERROR, number, round_, body_da, body_en)]


def _change_without_status(
    number: str, round_: int, before: Smiley, after: Smiley, *, guessed: bool
) -> Finding:
    body_da = (
        f"Smileyen er ændret fra {LABELS_DA[before]} til {LABELS_DA[after]} siden forrige "
        "opfølgning, men der er ingen status, der forklarer ændringen."
    )
    body_en = (
        f"The smiley changed from {LABELS_EN[before]} to {LABELS_EN[after]} since the previous "
        "round, but no status note explains the change."
    )
    if guessed:
        # A smiley read by guess on import may not have changed at all: a person decides.
        body_da += " En af smileyerne er et gæt fra indlæsningen; kontrollér den."
        body_en += " One of the smileys was guessed on import; check it."
    severity = Severity.REVIEW if guessed else Severity.ERROR
    return _finding(Code.CHANGE_WITHOUT_STATUS, severity, number, round_, body_da, body_en)


def effort_findings(initiative: InitiativeDoc, *, current_round: int) -> list[Finding]:
    """Return the effort findings of one initiative for rounds up to `current_round`."""
    rows = _by_round(initiative.milestones)
    effective = effective_smileys(initiative.milestones, current_round=current_round)
    number = initiative.number
    findings: list[Finding] = []
    previous: Effective | None = None
    for result in effective:
        if result.round > current_round:
            break
        milestone = rows.get(result.round)
        if result.source is Source.MISSING:
            findings.extend(_missing_findings(number, result, milestone, previous))
        if (
            result.source is Source.SET
            and result.smiley is Smiley.SAD
            and milestone is not None
            and not milestone.corrective_action.strip()
        ):
            findings.append(
                _finding(
                    Code.SAD_WITHOUT_CORRECTIVE_ACTION,
                    Severity.ERROR,
                    number,
                    result.round,
                    "En sur smiley kræver en korrigerende handling, "
                    "men der er ikke beskrevet nogen.",
                    "A sad smiley requires a corrective action, but none is recorded.",
                )
            )
        if (
            result.source is Source.SET
            and result.smiley is not None
            and previous is not None
            and previous.smiley is not None
            and previous.smiley is not result.smiley
            and milestone is not None
            and not milestone.status_note.strip()
        ):
            before = rows.get(previous.round)
            guessed = milestone.needs_review or (before is not None and before.needs_review)
            findings.append(
                _change_without_status(
                    number, result.round, previous.smiley, result.smiley, guessed=guessed
                )
            )
        if milestone is not None and milestone.needs_review:
            body_da, body_en = _review_bodies(
                "Smileyen", "The smiley", milestone.glyph, milestone.smiley
            )
            findings.append(
                _finding(Code.NEEDS_REVIEW, Severity.REVIEW, number, result.round, body_da, body_en)
            )
        previous = result
    return findings


def economy_findings(initiative: InitiativeDoc, *, current_round: int) -> list[Finding]:
    """Return the economy findings of one initiative at `current_round`."""
    _check_round(current_round)
    economy = initiative.economy
    number = initiative.number
    findings: list[Finding] = []
    if economy.smiley is Smiley.NEUTRAL:
        findings.append(
            _finding(
                Code.ECONOMY_NEUTRAL,
                Severity.ERROR,
                number,
                current_round,
                "Økonomien har kun to niveauer (glad eller sur); "
                "en mellemfornøjet smiley er ikke tilladt.",
                "The economy has only two levels (happy or sad); a neutral smiley is not allowed.",
                Part.ECONOMY,
            )
        )
    budget = initiative.budget
    if budget is not None and budget.no_money and not budget.lines and economy.smiley:
        # Imported documents can carry one; the software never sets one (DOMAIN.md).
        findings.append(
            _finding(
                Code.ECONOMY_WITHOUT_MONEY,
                Severity.REVIEW,
                number,
                current_round,
                "Der er ikke afsat økonomi til indsatsen, så den skal ikke have en "
                "økonomismiley; fjern smileyen, eller registrér budgettet.",
                "No money is set aside for the initiative, so it has no economy smiley; "
                "remove the smiley or record the budget.",
                Part.ECONOMY,
            )
        )
    if economy.needs_review:
        body_da, body_en = _review_bodies(
            "Økonomismileyen", "The economy smiley", economy.glyph, economy.smiley
        )
        findings.append(
            _finding(
                Code.NEEDS_REVIEW,
                Severity.REVIEW,
                number,
                current_round,
                body_da,
                body_en,
                Part.ECONOMY,
            )
        )
    return findings


def initiative_findings(initiative: InitiativeDoc, *, current_round: int) -> list[Finding]:
    """Return every finding of one initiative: effort by round, then economy."""
    return effort_findings(initiative, current_round=current_round) + economy_findings(
        initiative, current_round=current_round
    )


def report_findings(doc: ReportDocument) -> list[Finding]:
    """Return every finding of a report at its round, in document order."""
    return [
        finding
        for initiative in doc.initiatives()
        for finding in initiative_findings(initiative, current_round=doc.round)
    ]
