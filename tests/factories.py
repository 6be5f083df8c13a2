"""Test data: report documents built in code, and named personas (more come with roles)."""

from __future__ import annotations

import datetime as dt

from opfolgning.followup.document import (
    AgreementRef,
    Contact,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from opfolgning.followup.smileys import Smiley

LABELS = {
    1: "1. budgetopfølgning 2019",
    2: "2. budgetopfølgning 2019",
    3: "3. budgetopfølgning 2019",
    4: "31.12.2019",
}
CYCLE = [Smiley.HAPPY, Smiley.NEUTRAL, Smiley.HAPPY, Smiley.SAD]


def milestones(*smileys: Smiley | None, text: str = "Milepæl nået") -> list[MilestoneDoc]:
    """Return four milestones with the given smileys (missing ones are empty)."""
    out = []
    for number in (1, 2, 3, 4):
        smiley = smileys[number - 1] if number <= len(smileys) else None
        out.append(
            MilestoneDoc(
                round=number,
                label=LABELS[number],
                text=f"{text} {number}" if smiley else "",
                smiley=smiley,
                glyph={Smiley.HAPPY: "☺", Smiley.NEUTRAL: "😐", Smiley.SAD: "🙁"}.get(smiley)
                if smiley
                else None,
                corrective_action="Ny plan" if smiley is Smiley.SAD else "",
            )
        )
    return out


def initiative(
    number: str,
    *,
    committee: str = "Økonomiudvalget",
    center: str = "Ejendomme",
    smileys: tuple[Smiley | None, ...] = (Smiley.HAPPY, Smiley.HAPPY, Smiley.HAPPY),
    economy: Smiley | None = Smiley.HAPPY,
    kind: str = "capital",
) -> InitiativeDoc:
    """Return an initiative with four milestones and an economy row."""
    return InitiativeDoc(
        number=number,
        title=f"Indsats {number}",
        kind=kind,
        description=f"Beskrivelse af indsats {number}.",
        center=center,
        committee=committee,
        contributors="Social og Sundhed",
        milestones=milestones(*smileys),
        economy=EconomyDoc(
            text="Der er afsat 1 mio. kr.", smiley=economy, glyph="☺" if economy else None
        ),
    )


def report(
    *,
    round_number: int = 3,
    initiatives: int = 3,
    themes: int = 2,
    committee: str = "Økonomiudvalget",
    year: int = 2019,
) -> ReportDocument:
    """Return a report document with `initiatives` initiatives spread over `themes` themes."""
    theme_docs = [ThemeDoc(str(t), f"Tema {t}") for t in range(1, themes + 1)]
    for i in range(initiatives):
        theme = theme_docs[i % themes]
        theme.initiatives.append(initiative(f"{theme.number}.{i + 1}", committee=committee))
    ordinal = {1: "Første", 2: "Anden", 3: "Tredje", 4: "Endelig"}[round_number]
    return ReportDocument(
        title=f"{ordinal} opfølgning på Aftale om budget {year} for {committee}",
        agreement=AgreementRef(f"Aftale om budget {year}", year),
        committee=committee,
        round=round_number,
        date=dt.date(year, 10, 9),
        case_number="00.30.10-S00-3-19",
        contact=Contact("Kathrine Dahl Marcussen", "okonomi@balk.dk", "2498 1032"),
        reading_guide="Læsevejledning.",
        themes=theme_docs,
    )
