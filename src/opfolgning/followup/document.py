"""The report document: the one shape every importer produces and every exporter consumes.

Field names follow shared/design/INTERCHANGE.md; extra fields are allowed, renames are not.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from .smileys import Smiley

ROUND_NUMBERS = (1, 2, 3, 4)
KIND_CAPITAL = "capital"
KIND_OPERATING = "operating"
KINDS = (KIND_CAPITAL, KIND_OPERATING)


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


@dataclass
class EconomyDoc:
    """The economy row of an initiative at the report's round."""

    text: str = ""
    smiley: Smiley | None = None
    glyph: str | None = None
    needs_review: bool = False


@dataclass
class InitiativeDoc:
    """One initiative (indsats) with its four milestone rows and economy row."""

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
                    "initiatives": [_initiative_to_dict(ini) for ini in theme.initiatives],
                }
                for theme in self.themes
            ],
            "warnings": [{"where": w.where, "message": w.message} for w in self.warnings],
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
        )

    @classmethod
    def from_json(cls, text: str) -> ReportDocument:
        """Parse a document from JSON text."""
        return cls.from_dict(json.loads(text))


def _smiley_or_none(value: Any) -> Smiley | None:
    return Smiley(value) if value else None


def _initiative_to_dict(ini: InitiativeDoc) -> dict[str, Any]:
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
            }
            for m in ini.milestones
        ],
        "economy": {
            "text": ini.economy.text,
            "smiley": ini.economy.smiley.value if ini.economy.smiley else None,
            "glyph": ini.economy.glyph,
            "needs_review": ini.economy.needs_review,
        },
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
            )
            for m in data.get("milestones", [])
        ],
        economy=EconomyDoc(
            text=economy.get("text") or "",
            smiley=_smiley_or_none(economy.get("smiley")),
            glyph=economy.get("glyph"),
            needs_review=bool(economy.get("needs_review")),
        ),
    )
