"""Report document → HTML: the report page and the self-contained HTML export.

The page frame is a Django template; the initiative tables, which are the hot path of a large
report (N × 6 rows), are built here with plain string joins and html.escape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opfolgning.followup.audience import draft_note
from opfolgning.followup.changes import InitiativeChanges, report_changes, summarize
from opfolgning.followup.decisions import decisions
from opfolgning.followup.document import EconomyDoc, InitiativeDoc, ReportDocument
from opfolgning.followup.overview import overview
from opfolgning.followup.rules import (
    Effective,
    Finding,
    Source,
    effective_now,
    effective_smileys,
    report_findings,
    round_name_da,
    round_name_en,
)
from opfolgning.followup.vocabulary import DRAFT_WORD, approval_word, kind_words

from .economy import (
    InitiativeEconomy,
    ReportEconomy,
    economy_text_of,
    initiative_economy,
    report_economy,
)

_MOUTHS = {
    "happy": "M7 14.2 Q12 19 17 14.2",
    "neutral": "M7.5 15.8 H16.5",
    "sad": "M7 17.8 Q12 13 17 17.8",
}
_FILLS = {"happy": "#8fd18f", "neutral": "#f7d54a", "sad": "#f08a80"}


def smiley_word(value: str | None) -> str:
    """Return the visible word for a smiley in the active language."""
    words = {"happy": _("glad"), "neutral": _("mellemfornøjet"), "sad": _("sur")}
    return words.get(value or "", "")


def smiley_html(value: str | None, glyph: str | None = None, size: int = 22) -> str:
    """Return a smiley as a face icon (shape, not only colour) with its word beside it."""
    if not value:
        return f'<span class="smiley smiley-none">{escape(_("ingen smiley"))}</span>'
    word = escape(smiley_word(value))
    title = f"{word} ({escape(_('kilde'))}: {escape(glyph)})" if glyph else word
    return (
        f'<span class="smiley smiley-{value}" title="{title}">'
        f'<svg class="smiley-icon" viewBox="0 0 24 24" width="{size}" height="{size}"'
        ' aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10.5"'
        f' fill="{_FILLS[value]}" stroke="#1a1a1a" stroke-width="1.5"/>'
        '<circle cx="8.6" cy="9.4" r="1.45" fill="#1a1a1a"/>'
        '<circle cx="15.4" cy="9.4" r="1.45" fill="#1a1a1a"/>'
        f'<path d="{_MOUTHS[value]}" fill="none" stroke="#1a1a1a" stroke-width="1.7"'
        ' stroke-linecap="round"/></svg>'
        f'<span class="smiley-label">{word}</span></span>'
    )


def paragraphs_html(text: str) -> str:
    """Return plain text with blank-line paragraphs as <p>; lines starting '- ' as a list."""
    out: list[str] = []
    for part in (text or "").split("\n\n"):
        items: list[str] = []
        for line in part.split("\n"):
            line = line.strip()
            if line.startswith("- "):
                items.append(f"<li>{escape(line[2:])}</li>")
                continue
            if items:
                out.append(f"<ul>{''.join(items)}</ul>")
                items = []
            if line:
                out.append(f"<p>{escape(line)}</p>")
        if items:
            out.append(f"<ul>{''.join(items)}</ul>")
    return "".join(out)


def anchor(number: str) -> str:
    """Return the fragment id of an initiative (1.11 → i-1-11; 11.1 stays distinct)."""
    parts = ("".join(ch for ch in part if ch.isalnum()) for part in number.split("."))
    return "i-" + "-".join(parts)


@dataclass(frozen=True)
class ThemeBlock:
    """A theme as the report shows it, its initiative tables already rendered."""

    number: str
    title: str
    html: SafeString
    # The same tables with a link to each initiative's timeline, for the live page only.
    linked_html: SafeString | None = None


#: Where an initiative's number goes in `timeline_url` (the page gives the URL; the exporter
#: knows no routes).
NUMBER_SLOT = "__number__"


class _Renderer:
    """Renders initiative tables; holds the translated words so each is looked up once."""

    def __init__(
        self,
        current_round: int,
        *,
        changes: Mapping[str, InitiativeChanges] | None = None,
        timeline_url: str | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        self.current_round = current_round
        self.as_of = as_of
        self.language = get_language() or "da"
        self.english = self.language.startswith("en")
        self.changes = changes or {}
        self.timeline_url = timeline_url
        previous = current_round - 1
        previous_name = round_name_en(previous) if self.english else round_name_da(previous)
        self.changed_since = escape(_("Ændret siden %(round)s:") % {"round": previous_name})
        self.unchanged_since = escape(_("Uændret siden %(round)s") % {"round": previous_name})
        self.for_initiative = _("for indsats %(number)s")
        self.words = {
            key: escape(value)
            for key, value in {
                **kind_words(get_language() or "da"),
                "time": _("Tid"),
                "smiley": _("Smiley"),
                "rule": _("Regelvurdering"),
                "center": _("Ansvarligt center"),
                "committee": _("Ansvarligt udvalg"),
                "contributors": _("Væsentlig bidragsyder"),
                "carried_from": _("Videreført fra"),
                "involved": _("Involveres"),
                "milestone": _("Milepæl"),
                "this_round": _("denne opfølgning"),
                "status": _("Status:"),
                "corrective": _("Korrigerende handling:"),
                "economy": _("Økonomi"),
                "review": _("skal kontrolleres"),
                "source": _("kilde"),
                "changes": _("Ændringer"),
                "timeline": _("Se historik"),
                "note": _("Bemærkning:"),
                "reason": _("Begrundelse:"),
                "budget_item": _("Budgetpost"),
                "total": _("I alt"),
                "no_money": _("Der er ikke afsat økonomi."),
                "to_review": _("Til gennemsyn:"),
            }.items()
        }
        self._smileys: dict[tuple[str | None, str | None], str] = {}

    def smiley(self, value: str | None, glyph: str | None = None) -> str:
        key = (value, glyph)
        if key not in self._smileys:
            self._smileys[key] = smiley_html(value, glyph)
        return self._smileys[key]

    def rule_cell(self, effective: Effective) -> str:
        reason = escape(effective.reason_en if self.english else effective.reason_da)
        css = "rule rule-missing" if effective.source is Source.MISSING else "rule"
        icon = ""
        if effective.source is Source.CARRIED:
            icon = self.smiley(effective.smiley.value if effective.smiley else None) + "<br>"
        return f'{icon}<span class="{css}">{reason}</span>'

    def changes_row(self, ini: InitiativeDoc) -> tuple[str, str, str]:
        """Return the changes row split around the place of the timeline link."""
        link = ""
        if self.timeline_url is not None:
            href = escape(self.timeline_url.replace(NUMBER_SLOT, quote(ini.number, safe="")))
            hidden = escape(self.for_initiative % {"number": ini.number})
            link = (
                f' <a class="timeline-link no-print" href="{href}">{self.words["timeline"]}'
                f'<span class="visually-hidden"> {hidden}</span></a>'
            )
        change = self.changes.get(ini.number)
        if change is None:
            if not link:
                return "", "", ""
            text = ""
        elif change.changed:
            line = change.text_en if self.english else change.text_da
            text = f"{self.changed_since} {escape(line)}."
        else:
            text = f"{self.unchanged_since}."
        head = (
            f'<tr class="changes"><th scope="row" class="rowhead">{self.words["changes"]}</th>'
            f'<td colspan="4"><span class="changes-text">{text}</span>'
        )
        if not text:
            # Only the link: the standalone file shows no row at all.
            return "", head + link + "</td></tr>", ""
        return head, link, "</td></tr>"

    def initiative(self, ini: InitiativeDoc) -> tuple[str, str]:
        """Return the initiative's table without and with the timeline link."""
        w = self.words
        kind = w.get(ini.kind) or escape(ini.kind)
        title = escape(f"{ini.number}. {ini.title}")
        parts = [
            f'<table class="initiative" id="{anchor(ini.number)}">'
            f'<caption class="visually-hidden">{title}</caption>'
            '<colgroup><col class="c1"><col class="c2"><col class="c3"><col class="c4">'
            '<col class="c5"></colgroup>'
            f'<thead><tr><th scope="col">{title}</th><th scope="col">{kind}</th>'
            f'<th scope="col">{w["time"]}</th><th scope="col">{w["smiley"]}</th>'
            f'<th scope="col">{w["rule"]}</th></tr></thead><tbody>',
            f"<tr><td>{paragraphs_html(ini.description)}</td>"
            f'<td colspan="4"><dl class="resp">'
            f"<dt>{w['center']}</dt><dd>{escape(ini.center) or '–'}</dd>"
            f"<dt>{w['committee']}</dt><dd>{escape(ini.committee) or '–'}</dd>"
            f"<dt>{w['contributors']}</dt><dd>{escape(ini.contributors) or '–'}</dd>",
            (
                f"<dt>{w['carried_from']}</dt><dd>{escape(ini.carried_from)}</dd>"
                if ini.carried_from
                else ""
            ),
        ]
        if ini.involved_committees:
            parts.append(f"<dt>{w['involved']}</dt><dd>{escape(ini.involved_committees)}</dd>")
        parts.append(f"</dl>{paragraphs_html(ini.notes)}</td></tr>")
        effective = effective_smileys(ini.milestones, current_round=self.current_round)
        for m, e in zip(ini.milestones, effective, strict=True):
            current = m.round == self.current_round
            head = w["milestone"]
            if current:
                head += f' <span class="muted">({w["this_round"]})</span>'
                if m.approval:
                    state = escape(approval_word(m.approval, self.language))
                    head += f'<span class="approval approval-{escape(m.approval)}">{state}</span>'
            text = paragraphs_html(m.text)
            if m.status_note:
                text += f'<div class="status-label">{w["status"]}</div>'
                text += paragraphs_html(m.status_note)
            if m.corrective_action:
                text += f'<div class="status-label">{w["corrective"]}</div>'
                text += paragraphs_html(m.corrective_action)
            smiley = self.smiley(m.smiley.value, m.glyph) if m.smiley else ""
            if m.needs_review:
                smiley += (
                    f'<span class="review">⚠ {w["review"]} '
                    f"({w['source']}: {escape(m.glyph or '')})</span>"
                )
            row_class = ' class="current"' if current else ""
            parts.append(
                f"<tr{row_class}>"
                f'<th scope="row" class="rowhead">{head}</th><td>{text}</td>'
                f'<td data-label="{w["time"]}">{escape(m.label)}</td>'
                f'<td data-label="{w["smiley"]}">{smiley}</td>'
                f'<td data-label="{w["rule"]}">{self.rule_cell(e)}</td></tr>'
            )
        economy = ini.economy
        eco_smiley = self.smiley(economy.smiley.value if economy.smiley else None, economy.glyph)
        if economy.needs_review:
            eco_smiley += f'<span class="review">⚠ {w["review"]}</span>'
        if economy.reason:
            eco_smiley += (
                f'<span class="economy-reason"><span class="status-label">{w["reason"]}</span> '
                f"{escape(economy.reason)}</span>"
            )
        shown_text = economy_text_of(ini, as_of=self.as_of)
        eco_text = paragraphs_html(shown_text)
        if economy.note:
            eco_text += f'<div class="status-label">{w["note"]}</div>'
            eco_text += paragraphs_html(economy.note)
        parts.append(
            f'<tr><th scope="row" class="rowhead">{w["economy"]}</th>'
            f'<td colspan="2">{eco_text}</td>'
            f'<td colspan="2" data-label="{w["smiley"]}">{eco_smiley}</td></tr>'
        )
        head, link, tail = self.changes_row(ini)
        table = "".join(parts) + head
        end = tail + "</tbody></table>"
        money = initiative_economy(ini, as_of=self.as_of)
        if money is not None:
            end += self.budget(ini, money, shown_text)
        return table + end, table + link + end

    def budget(self, ini: InitiativeDoc, money: InitiativeEconomy, shown_text: str) -> str:
        """Return the initiative's economy table with proposals and review notes beside it."""
        w = self.words
        parts = [f'<div class="budget" id="{anchor(ini.number)}-budget">']
        if money.no_money:
            # The economy text usually says it already; it is not said twice.
            sentence = _("Der er ikke afsat økonomi.")
            if sentence.rstrip(".").casefold() not in shown_text.casefold():
                parts.append(f'<p class="budget-none">{w["no_money"]}</p>')
        if money.has_table:
            caption = escape(_("Økonomi for indsats %(number)s") % {"number": ini.number})
            parts.append(
                # A box that may scroll on a phone is reachable by keyboard (WCAG 2.1.1).
                f'<div class="table-scroll" tabindex="0" role="region" aria-label="{caption}">'
                '<table class="grid counts budget-table">'
                f"<caption>{caption}</caption>"
                f'<thead><tr><th scope="col">{w["budget_item"]}</th>'
                + "".join(f'<th scope="col" class="num">{year}</th>' for year in money.years)
                + f'<th scope="col" class="num">{w["total"]}</th></tr></thead><tbody>'
            )
            for row in money.rows:
                cells = "".join(
                    f'<td class="num">{escape(text)}</td>' for text in row.cells(money.years)
                )
                parts.append(
                    f'<tr class="budget-{row.role}"><th scope="row">{escape(row.label)}</th>'
                    f'{cells}<td class="num">{escape(row.total_text())}</td></tr>'
                )
            parts.append("</tbody></table></div>")
        if money.pending:
            items = "".join(
                f'<li class="budget-{p.status}"><strong>{escape(p.status_word)}:</strong> '
                f"{escape(p.text)}</li>"
                for p in money.pending
            )
            parts.append(f'<ul class="budget-pending">{items}</ul>')
        if money.review:
            items = "".join(
                f'<li><span class="review">⚠ {w["to_review"]} {escape(line)}</span></li>'
                for line in money.review
            )
            parts.append(f'<ul class="budget-review">{items}</ul>')
        parts.append("</div>")
        return "".join(parts) if len(parts) > 2 else ""


def theme_blocks(
    doc: ReportDocument,
    *,
    changes: Mapping[str, InitiativeChanges] | None = None,
    timeline_url: str | None = None,
) -> list[ThemeBlock]:
    """Return each theme with its initiative tables and sub-headings rendered."""
    renderer = _Renderer(doc.round, changes=changes, timeline_url=timeline_url, as_of=doc.date)
    blocks = []
    for theme in doc.themes:
        parts: list[str] = []
        linked: list[str] = []
        shown_heading = theme.title
        for ini in theme.initiatives:
            if ini.heading and ini.heading != shown_heading:
                shown_heading = ini.heading
                heading = f"<h3>{escape(theme.number)}. {escape(ini.heading)}</h3>"
                parts.append(heading)
                linked.append(heading)
            plain, with_link = renderer.initiative(ini)
            parts.append(plain)
            linked.append(with_link)
        html = mark_safe("".join(parts))
        with_links = mark_safe("".join(linked)) if timeline_url else html
        blocks.append(ThemeBlock(theme.number, theme.title, html, with_links))
    return blocks


@dataclass(frozen=True)
class TocEntry:
    """An initiative in the report's table of contents, with its smiley at the round."""

    number: str
    title: str
    anchor: str
    smiley: str | None


@dataclass(frozen=True)
class TocTheme:
    """A theme in the table of contents."""

    number: str
    title: str
    initiatives: tuple[TocEntry, ...]


def table_of_contents(doc: ReportDocument) -> list[TocTheme]:
    """Return the themes and initiatives of the report with each one's effective smiley."""
    result = []
    for theme in doc.themes:
        entries = []
        for ini in theme.initiatives:
            current = effective_now(ini.milestones, current_round=doc.round)
            smiley = current.smiley.value if current.smiley else None
            entries.append(TocEntry(ini.number, ini.title, anchor(ini.number), smiley))
        result.append(TocTheme(theme.number, theme.title, tuple(entries)))
    return result


def budget_section_html(money: ReportEconomy | None) -> str:
    """Return the report-level section "Økonomi i alt" (empty when no initiative has a budget)."""
    if money is None:
        return ""
    heading = escape(_("Økonomi i alt"))
    parts = [
        '<section class="budget-totals" aria-labelledby="budget-heading">'
        f'<h2 id="budget-heading">{heading}</h2>'
    ]
    if not money.years:
        parts.append(f'<p class="budget-none">{escape(_("Der er ikke afsat økonomi."))}</p>')
    else:
        caption = escape(_("Vedtaget og korrigeret budget pr. tema og år"))
        adopted, amended = escape(_("Vedtaget")), escape(_("Korrigeret"))
        years = "".join(f'<th scope="col" class="num">{year}</th>' for year in money.years)
        parts.append(
            f'<div class="table-scroll" tabindex="0" role="region" aria-label="{caption}">'
            f'<table class="grid counts budget-table" id="budget-totals"><caption>{caption}'
            f'</caption><thead><tr><th scope="col">{escape(_("Tema"))}</th>'
            f'<th scope="col">{escape(_("Budget"))}</th>{years}'
            f'<th scope="col" class="num">{escape(_("I alt"))}</th></tr></thead>'
        )

        def row(head: str, sub: str, texts: list[str]) -> str:
            cells = "".join(f'<td class="num">{escape(text)}</td>' for text in texts)
            return f'<tr>{head}<th scope="row">{sub}</th>{cells}</tr>'

        groups = [("tbody", t) for t in money.themes] + [("tfoot", money.overall)]
        for section, group in groups:
            # Each theme is a row group: its name heads both its adopted and amended rows.
            head = f'<th scope="rowgroup" rowspan="2">{escape(group.shown_label)}</th>'
            parts.append(
                f"<{section}>"
                + row(head, adopted, group.cells("adopted", money.years))
                + row("", amended, group.cells("amended", money.years))
                + f"</{section}>"
            )
        parts.append("</table></div>")
    parts.append(f'<h3 id="budget-changes-heading">{escape(money.changes_heading)}</h3>')
    if money.changes:
        items = "".join(
            f'<li><a href="#{anchor(c.number)}">{escape(c.initiative)}</a>: {escape(c.text)}</li>'
            for c in money.changes
        )
        parts.append(f'<ul class="budget-changes">{items}</ul>')
    else:
        parts.append(f"<p>{escape(_('Ingen godkendte ændringer.'))}</p>")
    parts.append("</section>")
    return "".join(parts)


def report_context(
    doc: ReportDocument,
    *,
    previous_economy: Mapping[str, EconomyDoc] | None = None,
    previous_date: dt.date | None = None,
    timeline_url: str | None = None,
) -> dict[str, Any]:
    """Return the template context of a report: overview, rendered themes, rule findings.

    `timeline_url` (a URL with NUMBER_SLOT for the initiative's number) links each table to
    the initiative's timeline, for the live page; without it the tables have no such links.

    `previous_economy` (initiative number → economy row at the previous round) adds the
    economy smiley to "changed since the previous round"; without it only effort is compared.
    `previous_date` (the previous round's date) limits "approved changes since the previous
    round" to those approved after it; None lists every change approved by the report's date.
    """
    from . import chart  # pygal is imported only when a report is rendered

    changes = report_changes(doc, previous_economy=previous_economy)
    findings: list[Finding] = report_findings(doc)
    errors = [f for f in findings if f.severity == "error"]
    reviews = [f for f in findings if f.severity != "error"]
    counts = overview(doc)
    return {
        "doc": doc,
        "themes": theme_blocks(doc, changes=changes, timeline_url=timeline_url),
        "errors": errors,
        "reviews": reviews,
        "overview": counts,
        "overview_rounds": [
            (chart.round_label(number), counts.rounds[number]) for number in sorted(counts.rounds)
        ],
        "overview_round_label": chart.round_label(doc.round),
        # sanitise_svg keeps only drawing elements, so the charts are safe to inline
        "overview_svg": mark_safe(chart.overview_svg(counts)),
        "rounds_svg": mark_safe(chart.rounds_svg(counts)),
        # "Changed since the previous round": by initiative number, and counted.
        "changes": changes,
        "changes_summary": summarize(doc, changes) if changes else None,
        # "Til beslutning": what the committee must decide on (followup.decisions).
        "decisions": decisions(doc, changes),
        "toc": table_of_contents(doc),
        # A draft says so, and which statuses the final report will keep.
        "draft_word": DRAFT_WORD.in_language(get_language() or "da") if doc.draft else "",
        "draft_note": draft_note(doc, get_language() or "da"),
        "changes_previous_round_label": chart.round_label(doc.round - 1) if changes else "",
        # "Økonomi i alt": empty when no initiative has a budget.
        "budget_section": mark_safe(
            budget_section_html(report_economy(doc, previous_date=previous_date))
        ),
    }


def render_report_html(
    doc: ReportDocument, *, standalone: bool = True, previous_date: dt.date | None = None
) -> str:
    """Render the report as one self-contained HTML file (inline CSS and icons, no scripts)."""
    context = report_context(doc, previous_date=previous_date)
    context["standalone"] = standalone
    return render_to_string("web/report_standalone.html", context)
