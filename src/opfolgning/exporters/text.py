"""Write a ReportDocument in the Word → text export format (the inverse of importers.text).

`parse_text(write_text(doc).encode())` gives back `doc` (warnings aside) for every document
in the importer's normal form:

- every text field is plain text as `plain_text` returns it (paragraphs separated by one
  blank line); the reading guide may also hold list lines ("- ☺: …") inside a paragraph;
- a milestone's `text` holds no "Status:" (that word starts the status note);
- `involved_committees` is "" or a sentence ending in "involveres."; `center`,
  `committee` and `contributors` are names, not sentences; notes do not say "involveres.";
- a smiley has its glyph (`glyph` set whenever `smiley` is); `label` is "" or names its round;
- theme numbers are unique and every initiative number starts with its theme's number;
- a theme with a title has a non-empty `heading` on each initiative, a theme without one
  has empty headings (an initiative's heading is the title of the theme heading it stands
  under; the first heading of a theme gives the theme its title);
- `corrective_action` is empty (the text export has no place for it).
"""

from __future__ import annotations

import html

from opfolgning.followup.vocabulary import kind_words, long_date

from ..followup.document import (
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
)
from ..followup.smileys import CANONICAL_GLYPH, Smiley
from ..followup.vocabulary import parse_round_label, parse_title, round_label, round_title

__all__ = ["default_round_label", "report_title", "write_text"]

_KIND_WORDS = kind_words()


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _line(text: str) -> str:
    """Return text escaped for a single line (no line breaks, no TABs)."""
    return _escape(" ".join(text.split()))


def _cell(text: str) -> str:
    """Return plain text as a table cell: one paragraph bare, several as <p> paragraphs."""
    paragraphs = [_line(p) for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) <= 1:
        return "".join(paragraphs)
    return " ".join(f"<p>{p}</p>" for p in paragraphs)


def _paragraphs(text: str) -> list[str]:
    return [f"<p>{_line(p)}</p>" for p in text.split("\n\n") if p.strip()]


def default_round_label(round_number: int, year: int) -> str:
    """Return the round cell the export uses: '1. budgetopfølgning 2019' … '31.12.2019'."""
    return round_label(round_number, year)


def report_title(doc: ReportDocument) -> str:
    """Return doc.title if it states the document's round, agreement and committee, else
    a title built from them ("Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget")."""
    facts = parse_title(doc.title) if doc.title else None
    if (
        facts is not None
        and facts.title == doc.title
        and facts.round == doc.round
        and facts.agreement == doc.agreement.name
        and facts.year == doc.agreement.year
        and facts.committee == doc.committee
    ):
        return doc.title
    return round_title(doc.round, doc.agreement.name, doc.committee)


def _glyph(glyph: str | None, smiley: Smiley | None) -> str:
    if glyph:
        return glyph.strip()
    return CANONICAL_GLYPH[smiley] if smiley is not None else ""


def _labelled(label: str, value: str) -> str:
    return f"<p>{label}: {_line(value)}</p>" if value.strip() else f"<p>{label}:</p>"


def _responsibility(ini: InitiativeDoc) -> str:
    parts = [
        _labelled("Ansvarligt center", ini.center),
        _labelled("Ansvarligt udvalg", ini.committee),
        _labelled("Væsentlig bidragsyder", ini.contributors),
        *([_labelled("Videreført fra", ini.carried_from)] if ini.carried_from else []),
        *_paragraphs(ini.involved_committees),
        *_paragraphs(ini.notes),
    ]
    return " ".join(parts)


def _milestone_cell(milestone: MilestoneDoc) -> str:
    if not milestone.status_note:
        return _cell(milestone.text)
    return " ".join(
        [*_paragraphs(milestone.text), "<p>Status:</p>", *_paragraphs(milestone.status_note)]
    )


def _milestone_rows(ini: InitiativeDoc, year: int) -> list[str]:
    by_round = {m.round: m for m in ini.milestones}
    rows = []
    for round_number in (1, 2, 3, 4):
        milestone = by_round.get(round_number)
        if milestone is None:
            rows.append(f"Milepæl\t\t{default_round_label(round_number, year)}\t")
            continue
        label = _line(milestone.label)
        if label and parse_round_label(milestone.label) != round_number:
            label = default_round_label(round_number, year)
        glyph = _glyph(milestone.glyph, milestone.smiley)
        rows.append(f"Milepæl\t{_milestone_cell(milestone)}\t{label}\t{glyph}")
    return rows


def _economy_row(economy: EconomyDoc) -> str:
    return f"Økonomi\t{_cell(economy.text)}\t\t{_glyph(economy.glyph, economy.smiley)}"


def _initiative_rows(ini: InitiativeDoc, year: int) -> list[str]:
    kind = _KIND_WORDS.get(ini.kind)
    if kind is None:
        raise ValueError(f"initiative {ini.number}: unknown kind {ini.kind!r}")
    title = f"<b>{_line(ini.number)}. {_line(ini.title)}</b>"
    rows = [f"{title}\t<b>{kind}</b>\t<b>Tid</b>\t<b>Smiley</b>"]
    description, responsibility = _cell(ini.description), _responsibility(ini)
    rows.append(f"{description}\t{responsibility}\t\t")
    rows += _milestone_rows(ini, year)
    rows.append(_economy_row(ini.economy))
    return rows


def _reading_guide(text: str) -> list[str]:
    lines = ["### Læsevejledning", ""]
    for block in text.split("\n\n"):
        block_lines = [_line(line) for line in block.split("\n") if line.strip()]
        if block_lines:
            lines += [*block_lines, ""]
    return lines


def write_text(doc: ReportDocument) -> str:
    """Return `doc` as a text export (LF line endings, UTF-8 ready)."""
    out: list[str] = ["", ""]
    if doc.date is not None:
        out += [f"Dato: {long_date(doc.date)}", ""]
    if doc.contact.phone:
        out += [f"Tlf. dir.: {_line(doc.contact.phone)}", ""]
    if doc.contact.email:
        email = _line(doc.contact.email)
        out += [f"E-mail: [{email}](mailto:{email})", ""]
    if doc.contact.name:
        out += [f"Kontakt: {_line(doc.contact.name)}", ""]
    if doc.case_number:
        out += [f"Sagsid: {_line(doc.case_number)}", ""]
    out += [f"## {_line(report_title(doc))}", ""]
    if doc.reading_guide.strip():
        out += _reading_guide(doc.reading_guide)
    year = doc.agreement.year
    for theme in doc.themes:
        heading: str | None = None
        if theme.title and (
            not theme.initiatives or (theme.initiatives[0].heading or theme.title) != theme.title
        ):
            out += [f"**{_line(theme.number)}. {_line(theme.title)}**", ""]
            heading = theme.title
        for ini in theme.initiatives:
            wanted = ini.heading or theme.title
            if wanted and wanted != heading:
                out += [f"**{_line(theme.number)}. {_line(wanted)}**", ""]
                heading = wanted
            out += _initiative_rows(ini, year)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
