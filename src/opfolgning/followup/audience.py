"""Who reads a report, and what each reader gets: the same document, less what is not theirs.

- **Staff** (the finance office, and a department's editors for their own initiatives) get
  everything: the import's review flags ("skal kontrolleres"), the budget's review notes ("til
  gennemsyn"), rejected budget changes and the finance office's working notes on changes, and
  where each status stands in the review.
- **Committee** readers get what bears on their decisions: rule breaches (the rules find them
  in the document itself), proposed budget changes ("til godkendelse") and where each status
  stands; no review flags, review notes, rejected changes, working notes or import warnings.
- **Public** readers (citizens) get none of it: no proposed or rejected changes either, and no
  review states.

`published_statuses` is what a closed round freezes: a status counts only once the finance
office has approved it (DOMAIN.md's review). Any other status of the round is frozen as its
planned milestone without status, smiley or corrective action, marked with its state; a smiley
that the rule carried forward when the round opened stays, as the rule set it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TypeVar

from .document import InitiativeDoc, ReportDocument

_T = TypeVar("_T")

__all__ = ["Audience", "draft_note", "for_audience", "is_approved", "published_statuses"]


class Audience(enum.StrEnum):
    """Who reads the report."""

    STAFF = "staff"
    COMMITTEE = "committee"
    PUBLIC = "public"


def is_approved(approval: str) -> bool:
    """Return whether a status counts: approved, or from a round without review ("")."""
    return approval in ("", "approved")


def draft_note(doc: ReportDocument, language: str = "da") -> str:
    """Return what a draft says of itself under its heading DRAFT_WORD ("" when it is no
    draft): that it may change, and which statuses the final report will hold."""
    if not doc.draft:
        return ""
    total = len(doc.initiatives())
    approved = sum(
        1
        for ini in doc.initiatives()
        for m in ini.milestones
        if m.round == doc.round and is_approved(m.approval)
    )
    if language.startswith("en"):
        return (
            "The report may still change. Only approved statuses go into the final report: "
            f"{approved} of {total} are approved."
        )
    return (
        "Rapporten kan stadig ændre sig. Kun godkendte statusser kommer med i den endelige "
        f"rapport: {approved} af {total} er godkendt."
    )


def published_statuses(doc: ReportDocument) -> ReportDocument:
    """Return the report as a round is frozen: unapproved statuses of its round left out."""
    if all(is_approved(m.approval) for ini in doc.initiatives() for m in ini.milestones):
        return doc
    result = _writable_copy(doc)
    for ini in result.initiatives():
        for m in ini.milestones:
            if is_approved(m.approval):
                continue
            m.status_note = ""
            m.corrective_action = ""
            m.needs_review = False
            if not m.carried_forward:
                m.smiley = None
                m.glyph = None
    return result


def _writable_copy(doc: ReportDocument) -> ReportDocument:
    """Return a copy of `doc` whose parts that this module changes are its own.

    The themes, initiatives, milestones, economy rows, budgets and budget changes are copied;
    what is only read (budget lines, change amounts, contact, agreement) is shared with `doc`.
    A deep copy of a 200-initiative report cost ~8 ms per page view; this costs ~1 ms.
    """
    result = _clone(doc)
    result.warnings = list(doc.warnings)
    result.themes = []
    for theme in doc.themes:
        theme_copy = _clone(theme)
        theme_copy.initiatives = [_writable_initiative(ini) for ini in theme.initiatives]
        result.themes.append(theme_copy)
    return result


def _writable_initiative(ini: InitiativeDoc) -> InitiativeDoc:
    result = _clone(ini)
    result.milestones = [_clone(m) for m in ini.milestones]
    result.economy = _clone(ini.economy)
    if ini.budget is not None:
        result.budget = _clone(ini.budget)
        result.budget.review = list(ini.budget.review)
        result.budget.changes = [_clone(c) for c in ini.budget.changes]
    return result


def _clone(obj: _T) -> _T:
    """Return a shallow copy of a document dataclass (5x faster than copy.copy)."""
    result = object.__new__(type(obj))
    result.__dict__.update(obj.__dict__)
    return result


def _strip(ini: InitiativeDoc, audience: Audience) -> None:
    for m in ini.milestones:
        if m.needs_review:
            # The source's glyph is what made it doubtful (☹ for mellemfornøjet): a reader
            # gets the smiley as the app draws it, not "☹ mellemfornøjet".
            m.glyph = None
        m.needs_review = False
        if audience is Audience.PUBLIC:
            m.approval = ""
    if ini.economy.needs_review:
        ini.economy.glyph = None
    ini.economy.needs_review = False
    if ini.budget is not None:
        ini.budget.review = []
        keep = ("approved",) if audience is Audience.PUBLIC else ("approved", "proposed")
        ini.budget.changes = [c for c in ini.budget.changes if c.status in keep]
        for change in ini.budget.changes:
            change.note = ""


def for_audience(
    doc: ReportDocument,
    audience: Audience,
    *,
    own: Callable[[InitiativeDoc], bool] | None = None,
) -> ReportDocument:
    """Return the report as `audience` reads it.

    `own` picks the initiatives that the reader edits (a department's editor): those keep
    what staff see, the others are as for a committee reader.
    """
    if audience is Audience.STAFF:
        return doc
    result = _writable_copy(doc)
    for ini in result.initiatives():
        if own is not None and own(ini):
            continue
        _strip(ini, audience)
    # The import's warnings are the finance office's to-do list.
    result.warnings = []
    return result
