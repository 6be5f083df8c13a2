"""The report document: the one shape every importer produces and every exporter consumes.

Field names follow shared/design/INTERCHANGE.md; extra fields are allowed, renames are not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from . import vocabulary
from .smileys import Smiley

# The document's fixed values are defined with their words; they are named here as well.
ROUND_NUMBERS = vocabulary.ROUND_NUMBERS
KIND_CAPITAL = vocabulary.KIND_CAPITAL
KIND_OPERATING = vocabulary.KIND_OPERATING
KIND_BOTH = vocabulary.KIND_BOTH

#: The kinds of an initiative: capital, operating, or both ("Anlæg og drift").
KINDS = vocabulary.INITIATIVE_KINDS
#: The kinds of money (a budget line's, a change's): capital or operating, never both.
MONEY_KINDS = vocabulary.MONEY_KINDS


@dataclass
class Contact:
    """Who to contact about the report."""

    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class AgreementRef:
    """The budget agreement a report follows up on."""

    name: str
    year: int


@dataclass
class MilestoneDoc:
    """One milestone row: the step planned for a round and its assessment."""

    round: int
    label: str = ""
    text: str = ""
    status_note: str = ""
    smiley: Smiley | None = None
    glyph: str | None = None
    needs_review: bool = False
    corrective_action: str = ""
    # Set by the smiley rule when the round opened (a happy smiley carried forward), not by
    # the department.
    carried_forward: bool = False
    # Where the status of the report's round stands in the finance office's review: one of
    # APPROVAL_STATES; "" where the round has no review (imported reports, other rounds).
    approval: str = ""


#: The states of a status under review (the round's Submission), in the order of the round.
APPROVAL_STATES = ("not_started", "draft", "submitted", "returned", "approved")


@dataclass
class EconomyDoc:
    """The economy row of an initiative at the report's round.

    `text` is the economy text as written (imported) or generated from the budget; `note`
    supplements a generated text. The figures for the round (kroner) and the officer's
    override feed the economy smiley rule; `reason` says why the smiley came out as it did.
    """

    text: str = ""
    smiley: Smiley | None = None
    glyph: str | None = None
    needs_review: bool = False
    note: str = ""
    spent: int | None = None
    expected: int | None = None
    saving_achieved: bool | None = None
    set_by_officer: bool = False
    reason: str = ""


@dataclass
class BudgetLineDoc:
    """Money set aside for one year and kind of money (capital/operating), in whole kroner.

    An initiative of both kinds may have lines of either kind of money.
    """

    year: int
    kind: str
    amount: int


@dataclass
class ChangeAmountDoc:
    """What a budget change does to one year: + adds money, - takes it (whole kroner)."""

    year: int
    amount: int


@dataclass
class BudgetChangeDoc:
    """A change to an initiative's budget, with its alternative financing and its decision.

    kind: postponement, increase, cut or saving_target; status: proposed, approved, rejected.
    """

    kind: str
    kind_of_money: str
    amounts: list[ChangeAmountDoc]
    financing: str
    status: str = "proposed"
    decided_on: dt.date | None = None
    reference: str = ""
    note: str = ""
    proposed_in_round: int | None = None


@dataclass
class BudgetDoc:
    """An initiative's adopted budget and the changes recorded against it.

    `no_money`: the initiative has no money attached ("Der er ikke afsat økonomi").
    `review`: what an importer found but could not turn into data (a person must look).
    """

    no_money: bool = False
    lines: list[BudgetLineDoc] = field(default_factory=list)
    changes: list[BudgetChangeDoc] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        """Return whether something about the money is left for a person to check."""
        return bool(self.review)


@dataclass
class InitiativeDoc:
    """One initiative (indsats) with its four milestone rows and economy row.

    `kind` is one of KINDS; `contributors` is the major contributors as written (names
    joined by ", ", " og " or " samt "), to which an importer adds any further center named
    in the responsible center's cell.
    """

    number: str
    title: str
    kind: str
    description: str = ""
    center: str = ""
    committee: str = ""
    contributors: str = ""
    involved_committees: str = ""
    notes: str = ""
    heading: str = ""
    milestones: list[MilestoneDoc] = field(default_factory=list)
    economy: EconomyDoc = field(default_factory=EconomyDoc)
    # None: the budget is not known (a document from before budgets were data).
    budget: BudgetDoc | None = None
    # Where a carried-over initiative came from: "Aftale om budget 2025, 1.11" (an optional
    # key of the interchange document, written only when set).
    carried_from: str = ""


@dataclass
class ThemeDoc:
    """A theme of the agreement and its initiatives, in document order."""

    number: str
    title: str
    initiatives: list[InitiativeDoc] = field(default_factory=list)


@dataclass
class Warning:
    """Something a person should look at; `where` names file line, initiative and round."""

    where: str
    message: str


@dataclass
class ReportDocument:
    """One follow-up report: one agreement, one committee, one round."""

    title: str
    agreement: AgreementRef
    committee: str
    round: int
    date: dt.date | None = None
    case_number: str = ""
    contact: Contact = field(default_factory=Contact)
    reading_guide: str = ""
    themes: list[ThemeDoc] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    # The previous round's date: budget changes approved after it are "since the previous
    # round". None when unknown (then every change approved by `date` is listed).
    previous_date: dt.date | None = None
    # A draft: the live report of a round not yet closed, which may still change and in which
    # only approved statuses will stay (an optional key, written only when true).
    draft: bool = False

    def initiatives(self) -> list[InitiativeDoc]:
        """Return every initiative in document order."""
        return [ini for theme in self.themes for ini in theme.initiatives]

    def to_dict(self) -> dict[str, Any]:
        """Return the document as plain JSON-ready data in INTERCHANGE.md's field order."""
        return {
            "title": self.title,
            "agreement": {"name": self.agreement.name, "year": self.agreement.year},
            "committee": self.committee,
            "round": self.round,
            "date": self.date.isoformat() if self.date else None,
            "case_number": self.case_number,
            "contact": {
                "name": self.contact.name,
                "email": self.contact.email,
                "phone": self.contact.phone,
            },
            "reading_guide": self.reading_guide,
            "themes": [
                {
                    "number": theme.number,
                    "title": theme.title,
                    "initiatives": [
                        _initiative_to_dict(ini, as_of=self.date) for ini in theme.initiatives
                    ],
                }
                for theme in self.themes
            ],
            "warnings": [{"where": w.where, "message": w.message} for w in self.warnings],
            "previous_date": self.previous_date.isoformat() if self.previous_date else None,
            **({"draft": True} if self.draft else {}),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the document as UTF-8-ready JSON text, non-ASCII kept."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportDocument:
        """Build a document from data shaped like `to_dict` (raises KeyError/ValueError)."""
        agreement = data["agreement"]
        contact = data.get("contact") or {}
        date_text = data.get("date")
        return cls(
            title=data["title"],
            agreement=AgreementRef(name=agreement["name"], year=int(agreement["year"])),
            committee=data["committee"],
            round=int(data["round"]),
            date=dt.date.fromisoformat(date_text) if date_text else None,
            case_number=data.get("case_number") or "",
            contact=Contact(
                name=contact.get("name") or "",
                email=contact.get("email") or "",
                phone=contact.get("phone") or "",
            ),
            reading_guide=data.get("reading_guide") or "",
            themes=[
                ThemeDoc(
                    number=str(theme["number"]),
                    title=theme.get("title") or "",
                    initiatives=[_initiative_from_dict(i) for i in theme["initiatives"]],
                )
                for theme in data["themes"]
            ],
            warnings=[Warning(w["where"], w["message"]) for w in data.get("warnings", [])],
            previous_date=_date_or_none(data.get("previous_date")),
            draft=bool(data.get("draft")),
        )

    @classmethod
    def from_json(cls, text: str) -> ReportDocument:
        """Parse a document from JSON text."""
        return cls.from_dict(json.loads(text))


def _smiley_or_none(value: Any) -> Smiley | None:
    return Smiley(value) if value else None


def _date_or_none(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        # Money is whole kroner: 1.5 or "1,5" here is a mistake, not something to round.
        raise ValueError(f"amount {value!r} is not a whole number of kroner")
    return value


def budget_to_dict(budget: BudgetDoc, *, as_of: dt.date | None = None) -> dict[str, Any]:
    """Return a budget as JSON-ready data, with the amended budget as of `as_of` added."""
    from .budget import amended_budget

    adopted, changes = budget_model(budget)
    amended = amended_budget(adopted, changes, as_of=as_of) if not budget.no_money else {}
    return {
        "no_money": budget.no_money,
        "lines": [{"year": li.year, "kind": li.kind, "amount": li.amount} for li in budget.lines],
        "changes": [
            {
                "kind": c.kind,
                "kind_of_money": c.kind_of_money,
                "amounts": [{"year": a.year, "amount": a.amount} for a in c.amounts],
                "financing": c.financing,
                "status": c.status,
                "decided_on": c.decided_on.isoformat() if c.decided_on else None,
                "reference": c.reference,
                "note": c.note,
                "proposed_in_round": c.proposed_in_round,
            }
            for c in budget.changes
        ],
        # Derived (read-only): adopted plus the changes approved by the report's date.
        "amended": [
            {"year": year, "kind": str(kind), "amount": amount}
            for (year, kind), amount in amended.items()
        ],
        "review": list(budget.review),
    }


def budget_from_dict(data: dict[str, Any]) -> BudgetDoc:
    """Build a budget from data shaped like `budget_to_dict` (the derived "amended" ignored)."""
    return BudgetDoc(
        no_money=bool(data.get("no_money")),
        lines=[
            BudgetLineDoc(int(li["year"]), str(li["kind"]), _int_or_none(li["amount"]) or 0)
            for li in data.get("lines", [])
        ],
        changes=[
            BudgetChangeDoc(
                # The key; a change kind's word (or a former word, "tilførsel") is read too.
                kind=vocabulary.change_kind_key(str(c["kind"])) or str(c["kind"]),
                kind_of_money=str(c.get("kind_of_money") or KIND_CAPITAL),
                amounts=[
                    ChangeAmountDoc(int(a["year"]), _int_or_none(a["amount"]) or 0)
                    for a in c.get("amounts", [])
                ],
                financing=c.get("financing") or "",
                status=c.get("status") or "proposed",
                decided_on=_date_or_none(c.get("decided_on")),
                reference=c.get("reference") or "",
                note=c.get("note") or "",
                proposed_in_round=c.get("proposed_in_round"),
            )
            for c in data.get("changes", [])
        ],
        review=[str(r) for r in data.get("review", [])],
    )


def changes_known_at(changes: list[BudgetChangeDoc], *, round_number: int) -> list[BudgetChangeDoc]:
    """Return the budget changes a report at `round_number` can know: a change proposed at a
    later round is left out, so a report written at round 1 never shows a change made at
    round 2, whenever it is read. (A decision after the report's date is shown as still
    proposed by the formats, which know the report's date.)"""
    return [
        c for c in changes if c.proposed_in_round is None or c.proposed_in_round <= round_number
    ]


def budget_model(budget: BudgetDoc) -> tuple[Any, list[Any]]:
    """Return the budget as followup.budget's Budget and BudgetChange list (for its rules)."""
    from . import budget as rules

    adopted = rules.Budget(
        lines=tuple(
            rules.BudgetLine(li.year, rules.BudgetKind(li.kind), li.amount) for li in budget.lines
        ),
        no_money=budget.no_money and not budget.lines,
    )
    changes = [
        rules.BudgetChange(
            kind=rules.ChangeKind(c.kind),
            kind_of_money=rules.BudgetKind(c.kind_of_money),
            amounts=tuple(rules.YearAmount(a.year, a.amount) for a in c.amounts),
            financing=c.financing,
            status=rules.ChangeStatus(c.status),
            decided_on=c.decided_on,
            reference=c.reference,
            note=c.note,
            proposed_in_round=c.proposed_in_round,
        )
        for c in budget.changes
    ]
    return adopted, changes


def _initiative_to_dict(ini: InitiativeDoc, *, as_of: dt.date | None = None) -> dict[str, Any]:
    return {
        "number": ini.number,
        "title": ini.title,
        "kind": ini.kind,
        "description": ini.description,
        "center": ini.center,
        "committee": ini.committee,
        "contributors": ini.contributors,
        "involved_committees": ini.involved_committees,
        "notes": ini.notes,
        "heading": ini.heading,
        **({"carried_from": ini.carried_from} if ini.carried_from else {}),
        "milestones": [
            {
                "round": m.round,
                "label": m.label,
                "text": m.text,
                "status_note": m.status_note,
                "smiley": m.smiley.value if m.smiley else None,
                "glyph": m.glyph,
                "needs_review": m.needs_review,
                "corrective_action": m.corrective_action,
                # Optional keys, written only when set (documents without them read the same).
                **({"carried_forward": True} if m.carried_forward else {}),
                **({"approval": m.approval} if m.approval else {}),
            }
            for m in ini.milestones
        ],
        "economy": {
            "text": ini.economy.text,
            "smiley": ini.economy.smiley.value if ini.economy.smiley else None,
            "glyph": ini.economy.glyph,
            "needs_review": ini.economy.needs_review,
            "note": ini.economy.note,
            "spent": ini.economy.spent,
            "expected": ini.economy.expected,
            "saving_achieved": ini.economy.saving_achieved,
            "set_by_officer": ini.economy.set_by_officer,
            "reason": ini.economy.reason,
        },
        "budget": budget_to_dict(ini.budget, as_of=as_of) if ini.budget is not None else None,
    }


def _initiative_from_dict(data: dict[str, Any]) -> InitiativeDoc:
    economy = data.get("economy") or {}
    return InitiativeDoc(
        number=str(data["number"]),
        title=data["title"],
        kind=data["kind"],
        description=data.get("description") or "",
        center=data.get("center") or "",
        committee=data.get("committee") or "",
        contributors=data.get("contributors") or "",
        involved_committees=data.get("involved_committees") or "",
        notes=data.get("notes") or "",
        heading=data.get("heading") or "",
        carried_from=str(data.get("carried_from") or ""),
        milestones=[
            MilestoneDoc(
                round=int(m["round"]),
                label=m.get("label") or "",
                text=m.get("text") or "",
                status_note=m.get("status_note") or "",
                smiley=_smiley_or_none(m.get("smiley")),
                glyph=m.get("glyph"),
                needs_review=bool(m.get("needs_review")),
                corrective_action=m.get("corrective_action") or "",
                carried_forward=bool(m.get("carried_forward")),
                approval=str(m.get("approval") or ""),
            )
            for m in data.get("milestones", [])
        ],
        economy=EconomyDoc(
            text=economy.get("text") or "",
            smiley=_smiley_or_none(economy.get("smiley")),
            glyph=economy.get("glyph"),
            needs_review=bool(economy.get("needs_review")),
            note=economy.get("note") or "",
            spent=_int_or_none(economy.get("spent")),
            expected=_int_or_none(economy.get("expected")),
            saving_achieved=economy.get("saving_achieved"),
            set_by_officer=bool(economy.get("set_by_officer")),
            reason=economy.get("reason") or "",
        ),
        budget=budget_from_dict(data["budget"]) if data.get("budget") else None,
    )


def fingerprint(doc: ReportDocument) -> str:
    """Return the data version of a report document: the sha256 of its JSON.

    A generated file is cached under it, and a frozen snapshot records it.
    """
    return hashlib.sha256(doc.to_json(indent=None).encode("utf-8")).hexdigest()
