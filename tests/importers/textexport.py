"""Helpers that build small synthetic text exports for the importer tests."""

from __future__ import annotations

HEADER = (
    "Dato: 9. oktober 2019\n\nTlf. dir.: 2498 1032\n\n"
    "E-mail: [okonomi@example.dk](mailto:okonomi@example.dk)\n\n"
    "Kontakt: Kim Jensen\n\nSagsid: 00.30.10-S00-3-19\n"
)
TITLE = "## Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget"
RESPONSIBILITY = (
    "<p>Ansvarligt center: Ejendomme</p> <p>Ansvarligt udvalg: Økonomiudvalget</p> "
    "<p>Væsentlig bidragsyder:</p>"
)
LABELS = ("1. budgetopfølgning 2019", "2. budgetopfølgning 2019", "3. budgetopfølgning 2019")
LABELS = (*LABELS, "31.12.2019")


def milestone(text: str = "", round_: int = 1, glyph: str = "", *, label: str | None = None) -> str:
    """Return one Milepæl row."""
    return f"Milepæl\t{text}\t{LABELS[round_ - 1] if label is None else label}\t{glyph}"


def initiative(
    number: str = "1.1",
    title: str = "Titel",
    kind: str = "Drift",
    *,
    description: str = "Beskrivelse.",
    responsibility: str = RESPONSIBILITY,
    milestones: list[str] | None = None,
    glyphs: tuple[str, str, str, str] = ("☺", "", "", ""),
    economy: str = "Økonomi\tDer er ikke afsat økonomi.\t\t",
    bold: bool = True,
) -> str:
    """Return the rows of one initiative (header, description, 4 milestones, economy)."""
    cells = [f"{number}. {title}", kind, "Tid", "Smiley"]
    if bold:
        cells = [f"<b>{c}</b>" for c in cells]
    if milestones is None:
        milestones = [milestone(f"Trin {r}.", r, glyphs[r - 1]) for r in (1, 2, 3, 4)]
    rows = ["\t".join(cells), f"{description}\t{responsibility}\t\t", *milestones, economy]
    return "\n".join(rows)


def report(*body: str, title: str = TITLE, header: str = HEADER, guide: str = "") -> str:
    """Return a whole report: header lines, title, optional reading guide, then `body`."""
    parts = ["", header, title, ""]
    if guide:
        parts += ["### Læsevejledning", "", guide, ""]
    parts += body
    return "\n".join(parts) + "\n"


def theme(number: int | str, title: str) -> str:
    return f"\n**{number}. {title}**\n"
