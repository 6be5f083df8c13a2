"""Report document → PDF with Typst: A4, "Side X af Y", tagged PDF/UA-1 for screen readers.

The report is passed to the template `typst/report.typ` as JSON data (`sys.inputs`), never
as markup, so no text from a report can be read as Typst code. Every word the PDF prints is
computed here through gettext, so the template holds layout only. The one font, DejaVu Sans,
is shipped in `typst/fonts/` (Bitstream Vera licence, beside it); system fonts and the
compiler's built-in fonts are never used, so the PDF is the same on every machine. The
smileys are vector faces drawn by the template, not characters of an emoji font. The
compiler's file root is the template's own folder, and it loads no packages.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
import struct
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typst
from defusedxml.ElementTree import fromstring
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from opfolgning.followup.audience import draft_note
from opfolgning.followup.changes import report_changes
from opfolgning.followup.decisions import HEADING, NOTHING, decisions
from opfolgning.followup.document import InitiativeDoc, ReportDocument
from opfolgning.followup.guide import guide_with_words
from opfolgning.followup.overview import Counts, Overview, overview
from opfolgning.followup.rules import Effective, Finding, Source, effective_smileys, report_findings
from opfolgning.followup.smileys import (
    VARIATION_SELECTORS,
    Smiley,
    UnknownGlyph,
    read_effort_glyph,
)
from opfolgning.followup.vocabulary import (
    DRAFT_WORD,
    KIND_OPERATING,
    KIND_WORDS,
    approval_word,
    kind_words,
    long_date,
    theme_name,
)

from .economy import (
    InitiativeEconomy,
    ThemeTotals,
    economy_text_of,
    initiative_economy,
    report_economy,
)
from .html import smiley_word

logger = logging.getLogger(__name__)

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"
TEMPLATE = TEMPLATE_DIR / "report.typ"
WORKER = TEMPLATE_DIR / "compile.py"
FONT_DIR = TEMPLATE_DIR / "fonts"
COMPILE_TIMEOUT = 600  # seconds; 1,000 initiatives take about 10 s of CPU

# (family the template asks for, the folder it is read from): the project's own copy, so no
# font has to be installed on the machine (fonts/README.md says where the files come from).
FONTS: tuple[tuple[str, Path], ...] = (("DejaVu Sans", FONT_DIR),)

# Characters that take no glyph: line breaks and tabs, zero-width and direction marks, word
# joiners, variation selectors (☹️ is ☹ with U+FE0F), the byte-order mark.
_NO_GLYPH = "\t\n\r\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufe00-\ufe0f\ufeff"
REPLACEMENT = "\ufffd"  # � for a character that no shipped font can draw
# Emoji (😊 😐 🙁 …): a smiley among them is printed as its word, never as a character.
_EMOJI = "\U0001f000-\U0001faff"

Block = str | list[str]  # a paragraph, or the items of a bulleted list


class PdfFontsMissing(RuntimeError):
    """A font the PDF needs is not in its folder."""


class PdfRenderError(RuntimeError):
    """Typst could not render the report."""


def text_blocks(text: str) -> list[Block]:
    """Split plain text like the HTML report: each line a paragraph, '- ' lines a list."""
    out: list[Block] = []
    for part in (text or "").split("\n\n"):
        items: list[str] = []
        for line in part.split("\n"):
            line = line.strip()
            if line.startswith("- "):
                items.append(line[2:])
                continue
            if items:
                out.append(items)
                items = []
            if line:
                out.append(line)
        if items:
            out.append(items)
    return out


@functools.cache
def font_paths(fonts: tuple[tuple[str, Path], ...] = FONTS) -> tuple[str, ...]:
    """Return the font folders after checking each family is there; raise PdfFontsMissing."""
    folders = tuple(dict.fromkeys(str(folder) for _family, folder in fonts if folder.is_dir()))
    book = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=list(folders)
    )
    found = set(book.families())
    absent = [f"{family} (looked in {folder})" for family, folder in fonts if family not in found]
    if absent:
        raise PdfFontsMissing(
            "the PDF needs fonts that are missing from the project: " + "; ".join(absent)
        )
    return folders


def compile_pdf(
    source: Path | str,
    inputs: dict[str, str],
    *,
    fonts: tuple[tuple[str, Path], ...] = FONTS,
) -> bytes:
    """Compile a Typst template (a path, or source text) to PDF/UA-1 in a child process.

    Only the given font folders are used (no system or built-in fonts), and files resolve
    inside TEMPLATE_DIR.
    """
    job: dict[str, Any] = {
        "root": str(TEMPLATE_DIR),
        "font_paths": list(font_paths(fonts)),
        "inputs": inputs,
        "pdf_standards": ["ua-1"],
    }
    if isinstance(source, Path):
        job["template"] = str(source)
    else:
        job["source"] = source
    try:
        result = subprocess.run(
            [sys.executable, "-I", str(WORKER)],
            input=json.dumps(job, ensure_ascii=False).encode(),
            capture_output=True,
            check=False,
            timeout=COMPILE_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise PdfRenderError(
            f"Typst did not finish the PDF within {COMPILE_TIMEOUT} s; it was stopped"
        ) from None
    report = _stderr_json(result.stderr)
    if result.returncode != 0:
        message = report.get("error") if isinstance(report, dict) else None
        raise PdfRenderError(
            "Typst could not render the PDF: "
            + (message or result.stderr.decode(errors="replace")[-2000:])
        )
    for warning in report if isinstance(report, list) else []:
        if "font" in warning:
            raise PdfFontsMissing(f"the PDF lacks a font: {warning}")
        logger.warning("Typst: %s", warning)
    return result.stdout


def _stderr_json(stderr: bytes) -> Any:
    try:
        return json.loads(stderr.decode() or "null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


# Estimating an initiative table's height, in lines of 8.5 pt text (10.5 pt apart): characters
# per line of each column (22/38/13/14/13 % of 178 mm) and of the cells spanning columns 2–5
# and 2–3. Measured against Typst's layout of the example and 1,000 generated initiatives,
# the estimate is 15–40 % above the real height, never below. An A4 page holds 69 lines, so
# a table estimated at 75 lines or fewer is at most ~65 lines tall: it fits, with a heading.
_CHARS_PER_LINE = {"c1": 21, "c2": 37, "c3": 11, "c4": 12, "c5": 13, "c2_5": 78, "c2_3": 50}
_PAGE_LINES = 75


def _lines(blocks: list[Block], width: int) -> int:
    """Return how many lines the blocks take in a column `width` characters wide (rounded up)."""
    total = 0
    for block in blocks:
        for text in block if isinstance(block, list) else [block]:
            total += -(-len(text) * 6 // (5 * width)) or 1  # +20 % for ragged line ends
    return total


def estimate_lines(ini: dict[str, Any]) -> int:
    """Return an upper estimate of an initiative table's height in lines of text."""
    w = _CHARS_PER_LINE
    resp = sum(-(-(len(k) + len(v) + 1) // w["c2_5"]) for k, v in ini["resp"])
    lines = 1 + max(-(-len(ini["title"]) // w["c1"]), 2)  # header row
    lines += 1 + max(_lines(ini["description"], w["c1"]), resp + _lines(ini["notes"], w["c2_5"]))
    for m in ini["milestones"]:
        labels = bool(m["status"]) + bool(m["corrective"])
        text = _lines(m["text"] + m["status"] + m["corrective"], w["c2"]) + labels
        rule = _lines([m["rule"]["text"]], w["c5"]) + (1 if m["rule"]["carried"] else 0)
        review = _lines([m["review"]], w["c4"]) if m["review"] else 0
        lines += 1 + max(text, _lines([m["time"]], w["c3"]), 2 + review, rule)
    economy = ini["economy"]
    eco_text = economy["text"] + economy.get("note", [])
    eco_side = 2 + (_lines([economy["reason"]], w["c4"] + w["c5"]) if economy.get("reason") else 0)
    lines += 1 + max(_lines(eco_text, w["c2_3"]) + bool(economy.get("note")), eco_side)
    budget = ini.get("budget")
    if budget:
        # Caption and header, then each row: the label column is about 40 % of the width.
        lines += 2 + (1 if budget["none"] else 0)
        lines += sum(_lines([row["cells"][0]], 30) for row in budget["rows"])
        lines += _lines(budget["pending"] + budget["review"], w["c2_5"])
    if ini.get("changes"):
        lines += 1 + _lines([ini["changes"]], w["c2_5"])
    return lines


def fits_one_page(ini: dict[str, Any]) -> bool:
    """Return whether an initiative table surely fits on one page (it is kept whole, then)."""
    return estimate_lines(ini) <= _PAGE_LINES


def _smiley(value: Smiley | None) -> str | None:
    return value.value if value else None


def font_characters(path: Path) -> frozenset[int]:
    """Return the code points a TrueType font maps to a glyph (its Unicode cmap subtable)."""
    data = path.read_bytes()
    tables = {
        data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
        for i in range(struct.unpack_from(">H", data, 4)[0])
    }
    cmap = tables[b"cmap"]
    subtables = {}
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        subtables[platform, encoding] = cmap + offset
    chars: set[int] = set()
    full = subtables.get((3, 10)) or subtables.get((0, 4)) or subtables.get((0, 6))
    if full is not None and struct.unpack_from(">H", data, full)[0] == 12:
        for g in range(struct.unpack_from(">I", data, full + 12)[0]):
            first, last, glyph = struct.unpack_from(">III", data, full + 16 + 12 * g)
            chars.update(range(first + (glyph == 0), last + 1))
        return frozenset(chars)
    bmp = subtables[(3, 1)] if (3, 1) in subtables else subtables[(0, 3)]
    segments = struct.unpack_from(">H", data, bmp + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, bmp + 14)
    starts = struct.unpack_from(f">{segments}H", data, bmp + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, bmp + 16 + 4 * segments)
    range_at = bmp + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, range_at)
    for i, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, ranges, strict=True)):
        for code in range(start, end + 1):
            if code == 0xFFFF:
                continue
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                at = range_at + 2 * i + offset + 2 * (code - start)
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                chars.add(code)
    return frozenset(chars)


@functools.cache
def _drawable(folders: tuple[str, ...]) -> frozenset[int]:
    """Return the code points that some font in the folders can draw."""
    chars: set[int] = set()
    for folder in folders:
        for path in sorted(Path(folder).glob("*.[ot]tf")):
            chars |= font_characters(path)
    return frozenset(chars)


@functools.cache
def _to_replace(folders: tuple[str, ...]) -> re.Pattern[str]:
    """Return a pattern matching each character no font in the folders can draw, and emoji."""
    chars = _drawable(folders)
    runs: list[list[int]] = []  # [first, last] of each run of consecutive code points
    for code in sorted(chars):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    drawable = "".join(f"{re.escape(chr(first))}-{re.escape(chr(last))}" for first, last in runs)
    return re.compile(f"[^{drawable}{_NO_GLYPH}]|[{_EMOJI}]")


def _replacement(ch: str, drawable: frozenset[int]) -> str:
    """Return a smiley emoji's word (😊 → "glad"); else the character if a font has it, or �."""
    try:
        reading = read_effort_glyph(ch)
    except UnknownGlyph:
        reading = None
    if reading is not None and reading.smiley is not None and ord(ch) >= 0x1F000:
        return smiley_word(reading.smiley.value)
    return ch if ord(ch) in drawable else REPLACEMENT


def printable(text: str, fonts: tuple[tuple[str, Path], ...] = FONTS) -> str:
    """Return text with every character the PDF's fonts cannot draw replaced.

    The PDF has no emoji font, and its smileys are drawn faces with their words: a smiley
    emoji (😊, from a source glyph the rule check quotes, or typed into a note) becomes its
    word ("glad"), even where DejaVu Sans has an outline for it, and any character no shipped
    font has becomes �; Typst would otherwise stop the whole PDF/UA render at the first one.
    ☺ ☹ ⚠ æ ø å – … are DejaVu Sans characters and stay as they are; variation selectors
    (☹️ = ☹ + U+FE0F, "as emoji") are dropped.
    """
    for selector in VARIATION_SELECTORS:  # text or emoji presentation: no glyph of their own
        if selector in text:
            text = text.replace(selector, "")
    folders = font_paths(fonts)
    pattern = _to_replace(folders)
    if pattern.search(text) is None:
        return text
    drawable = _drawable(folders)
    return pattern.sub(lambda m: _replacement(m.group(), drawable), text)


def _printable_data(value: Any) -> Any:
    """Return the template's data with printable() applied to every string in it."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_printable_data(item) for item in value]
    if isinstance(value, dict):
        return {key: _printable_data(item) for key, item in value.items()}
    return value


def _counts(c: Counts, keys: Sequence[str]) -> list[int]:
    return [getattr(c, key) for key in keys]


def smileys(keys: Sequence[str]) -> list[dict[str, str]]:
    """Return table columns headed by the smileys of `keys` (face and word in the template)."""
    return [{"smiley": key} for key in keys]


class _Builder:
    """Turns a report document into the template's data; every printed word is set here."""

    def __init__(self, doc: ReportDocument, previous_date: dt.date | None = None) -> None:
        self.doc = doc
        self.previous_date = previous_date
        self.english = (get_language() or "da").startswith("en")
        # Only a unique theme number gets a link target: a link to a repeated label is an
        # error in Typst. Initiatives get none: 1,000 labelled tables and the links to them
        # from the rule check cost the compiler some 50 MB (the text names the number).
        themes = Counter(theme.number for theme in doc.themes)
        self.theme_anchors = {n for n, count in themes.items() if count == 1}
        self.changes = report_changes(doc)  # {} at round 1: nothing to compare with

    def words(self) -> dict[str, str]:
        return {
            **kind_words(get_language() or "da"),
            "time": _("Tid"),
            "smiley": _("Smiley"),
            "rule": _("Regelvurdering"),
            "milestone": _("Milepæl"),
            "this_round": _("denne opfølgning"),
            "status": _("Status:"),
            "corrective": _("Korrigerende handling:"),
            "economy": _("Økonomi"),
            "changes": _("Ændringer"),
            "no_smiley": _("ingen smiley"),
            "note": _("Bemærkning:"),
            "reason": _("Begrundelse:"),
            "page": _("Side"),
            "of": _("af"),
        }

    def theme_label(self, number: str) -> str | None:
        return f"theme-{number}" if number in self.theme_anchors else None

    def data(self, counts: Overview) -> dict[str, Any]:
        from . import chart  # pygal is imported only when a report is rendered

        doc = self.doc
        findings: list[Finding] = report_findings(doc)
        errors = [f for f in findings if f.severity == "error"]
        reviews = [f for f in findings if f.severity != "error"]
        lang = "en" if self.english else "da"
        return {
            "lang": lang,
            "title": doc.title,
            "date": self.date(),
            "case_number": doc.case_number,
            "facts": self.facts(),
            "words": self.words(),
            "smileys": {s.value: {"word": smiley_word(s.value)} for s in Smiley},
            "guide": {
                "heading": _("Læsevejledning"),
                # The definitions name the smileys by their words, whatever the source's glyphs.
                "blocks": text_blocks(
                    guide_with_words(doc.reading_guide, "en" if self.english else "da")
                ),
            }
            if doc.reading_guide
            else None,
            "decisions": self.decisions(),
            # A draft says so under its title and in the header of every page.
            "draft": {
                "word": DRAFT_WORD.in_language(lang),
                "note": draft_note(doc, lang),
            }
            if doc.draft
            else None,
            "overview": self.overview(counts, chart.round_label),
            "findings": self.findings(errors, reviews),
            "themes": self.themes(),
            "empty": _("Rapporten har ingen indsatser."),
            "budget_totals": self.budget_totals(),
        }

    def date(self) -> str:
        return long_date(self.doc.date, get_language() or "da") if self.doc.date else ""

    def facts(self) -> list[list[str]]:
        doc = self.doc
        facts = [
            (_("Dato"), self.date()),
            (_("Tlf. dir."), doc.contact.phone),
            (_("E-mail"), doc.contact.email),
            (_("Kontakt"), doc.contact.name),
            (_("Sagsid"), doc.case_number),
        ]
        return [[label, value] for label, value in facts if value]

    def overview(self, counts: Overview, round_label: Any) -> dict[str, Any]:
        effort = ("happy", "neutral", "sad", "none")
        economy = ("happy", "sad", "none")
        none = _("ingen")
        return {
            "heading": _("Overblik"),
            "themes": {
                "caption": _("Smileys pr. tema ved %(round)s")
                % {"round": round_label(counts.round)},
                "theme": _("Tema"),
                "effort": _("Indsats"),
                "economy": _("Økonomi"),
                "effort_columns": [*smileys(effort[:3]), {"text": none}],
                "economy_columns": [*smileys(economy[:2]), {"text": none}],
                "rows": [
                    {
                        "label": theme_name(t.number, t.title, get_language() or "da"),
                        "target": self.theme_label(t.number),
                        "counts": _counts(t.effort, effort) + _counts(t.economy, economy),
                    }
                    for t in counts.themes
                ],
                "total": [
                    _("I alt"),
                    *_counts(counts.total, effort),
                    *_counts(counts.economy_total, economy),
                ],
            },
            "rounds": {
                "caption": _("Smileys for indsats pr. opfølgning"),
                "round": _("Opfølgning"),
                "columns": [*smileys(effort[:3]), {"text": none}, {"text": _("I alt")}],
                "rows": [
                    [round_label(number), *_counts(c, effort), c.total]
                    for number, c in sorted(counts.rounds.items())
                ],
            },
        }

    def decisions(self) -> dict[str, Any]:
        """Return "Til beslutning": what the committee must decide on (followup.decisions)."""
        found = decisions(self.doc, self.changes)
        index = 1 if self.english else 0
        return {
            "heading": HEADING[index],
            "empty": NOTHING[index] if found.empty else None,
            "groups": [
                {"heading": heading, "items": lines}
                for heading, lines in found.groups("en" if self.english else "da")
            ],
        }

    def findings(self, errors: list[Finding], reviews: list[Finding]) -> dict[str, Any]:
        def items(found: list[Finding]) -> list[str]:
            return [f.message_en if self.english else f.message_da for f in found]

        n_errors, n_reviews = len(errors), len(reviews)
        return {
            "heading": _("Regeltjek"),
            "ok": not errors,
            "intro": ngettext(
                "%(n)s regel er ikke overholdt:", "%(n)s regler er ikke overholdt:", n_errors
            )
            % {"n": n_errors}
            if errors
            else _("Alle smiley-regler er overholdt."),
            "errors": items(errors),
            "reviews_intro": ngettext(
                "%(n)s smiley skal kontrolleres efter import",
                "%(n)s smileys skal kontrolleres efter import",
                n_reviews,
            )
            % {"n": n_reviews}
            if reviews
            else None,
            "reviews": items(reviews),
        }

    def themes(self) -> list[dict[str, Any]]:
        out = []
        for theme in self.doc.themes:
            items: list[dict[str, Any]] = []
            shown_heading = theme.title
            for ini in theme.initiatives:
                if ini.heading and ini.heading != shown_heading:
                    shown_heading = ini.heading
                    items.append({"subheading": f"{theme.number}. {ini.heading}"})
                items.append(self.initiative(ini))
            out.append(
                {
                    "heading": theme_name(theme.number, theme.title, get_language() or "da"),
                    "label": self.theme_label(theme.number),
                    "items": items,
                }
            )
        return out

    def rule(self, effective: Effective) -> dict[str, Any]:
        return {
            "text": effective.reason_en if self.english else effective.reason_da,
            "missing": effective.source is Source.MISSING,
            "carried": effective.source is Source.CARRIED,
            "smiley": _smiley(effective.smiley),
        }

    def initiative(self, ini: InitiativeDoc) -> dict[str, Any]:
        review = _("skal kontrolleres")
        source = _("kilde")
        resp = [
            [_("Ansvarligt center"), ini.center or "–"],
            [_("Ansvarligt udvalg"), ini.committee or "–"],
            [_("Væsentlig bidragsyder"), ini.contributors or "–"],
        ]
        if ini.involved_committees:
            resp.append([_("Involveres"), ini.involved_committees])
        if ini.carried_from:
            resp.append([_("Videreført fra"), ini.carried_from])
        effective = effective_smileys(ini.milestones, current_round=self.doc.round)
        milestones = []
        for m, e in zip(ini.milestones, effective, strict=True):
            milestones.append(
                {
                    "current": m.round == self.doc.round,
                    "text": text_blocks(m.text),
                    "status": text_blocks(m.status_note),
                    "corrective": text_blocks(m.corrective_action),
                    "time": m.label,
                    "smiley": _smiley(m.smiley),
                    "review": " · ".join(
                        part
                        for part in (
                            f"⚠ {review} ({source}: {m.glyph or ''})" if m.needs_review else "",
                            approval_word(m.approval, get_language() or "da"),
                        )
                        if part
                    )
                    or None,
                    "rule": self.rule(e),
                }
            )
        economy = ini.economy
        economy_text = economy_text_of(ini, as_of=self.doc.date)
        data: dict[str, Any] = {
            "title": f"{ini.number}. {ini.title}",
            # A key of words(): the kind's word on the table's header.
            "kind": ini.kind if ini.kind in KIND_WORDS else KIND_OPERATING,
            "description": text_blocks(ini.description),
            "resp": resp,
            "notes": text_blocks(ini.notes),
            "milestones": milestones,
            "economy": {
                "text": text_blocks(economy_text),
                "smiley": _smiley(economy.smiley),
                "review": f"⚠ {review}" if economy.needs_review else None,
                "note": text_blocks(economy.note),
                "reason": economy.reason or None,
            },
            "budget": self.budget(ini, economy_text),
        }
        data["changes"] = self.changes_line(ini.number)
        data["keep"] = fits_one_page(data)
        return data

    def budget(self, ini: InitiativeDoc, economy_text: str) -> dict[str, Any] | None:
        """Return the initiative's economy table as the template's data (None: no budget)."""
        money: InitiativeEconomy | None = initiative_economy(ini, as_of=self.doc.date)
        if money is None:
            return None
        none = None
        if money.no_money:
            sentence = _("Der er ikke afsat økonomi.")
            # The economy text usually says it already; it is not said twice.
            if sentence.rstrip(".").casefold() not in economy_text.casefold():
                none = sentence
        rows = []
        for row in money.rows:
            cells = [row.label, *row.cells(money.years), row.total_text()]
            rows.append({"role": row.role, "cells": cells})
        review = _("Til gennemsyn:")
        result = {
            "caption": _("Økonomi for indsats %(number)s") % {"number": ini.number},
            "none": none,
            "header": [_("Budgetpost"), *map(str, money.years), _("I alt")],
            "rows": rows if money.has_table else [],
            "pending": [f"{p.status_word}: {p.text}" for p in money.pending],
            "review": [f"⚠ {review} {line}" for line in money.review],
        }
        if not (none or result["rows"] or result["pending"] or result["review"]):
            return None
        return result

    def budget_totals(self) -> dict[str, Any] | None:
        """Return the report-level section "Økonomi i alt" (None when no budget is known)."""
        money = report_economy(self.doc, previous_date=self.previous_date)
        if money is None:
            return None

        def group(totals: ThemeTotals) -> dict[str, Any]:
            return {
                "label": totals.shown_label,
                "rows": [
                    [_("Vedtaget"), *totals.cells("adopted", money.years)],
                    [_("Korrigeret"), *totals.cells("amended", money.years)],
                ],
            }

        return {
            "heading": _("Økonomi i alt"),
            "none": None if money.years else _("Der er ikke afsat økonomi."),
            "caption": _("Vedtaget og korrigeret budget pr. tema og år"),
            "header": [_("Tema"), _("Budget"), *map(str, money.years), _("I alt")],
            "groups": [group(t) for t in money.themes],
            "total": group(money.overall),
            "changes_heading": money.changes_heading,
            "changes": [f"{c.initiative}: {c.text}" for c in money.changes],
            "no_changes": _("Ingen godkendte ændringer."),
        }

    def changes_line(self, number: str) -> str | None:
        """Return "Ændret siden 2. opfølgning: …" (or unchanged) as in the HTML report."""
        from .chart import round_label

        found = self.changes.get(number)
        if found is None:
            return None
        previous = round_label(found.previous_round)
        if not found.changed:
            return _("Uændret siden %(round)s") % {"round": previous}
        text = found.text_en if self.english else found.text_da
        return f"{_('Ændret siden %(round)s:') % {'round': previous}} {text}"


def _chart_alt(svg: str) -> str:
    """Return the accessible name chart.py gave the chart (its aria-label)."""
    return str(fromstring(svg).get("aria-label") or "")


def report_inputs(doc: ReportDocument, *, previous_date: dt.date | None = None) -> dict[str, str]:
    """Return the template's inputs: the report data as JSON and the two charts as SVG text.

    `previous_date` (the previous round's date) limits the approved changes listed under
    "Økonomi i alt"; None lists every change approved by the report's date.
    """
    from . import chart

    counts = overview(doc)
    data = _Builder(doc, previous_date).data(counts)
    charts = {
        key: printable(svg)
        for key, svg in (
            ("chart-themes", chart.overview_svg(counts)),
            ("chart-rounds", chart.rounds_svg(counts)),
        )
    }
    data["charts"] = [{"key": key, "alt": _chart_alt(svg)} for key, svg in charts.items()]
    # Every string through printable(): no character without a glyph reaches Typst.
    data = _printable_data(data)
    return {"document": json.dumps(data, ensure_ascii=False, separators=(",", ":")), **charts}


def render_report_pdf(doc: ReportDocument, *, previous_date: dt.date | None = None) -> bytes:
    """Render the report as an A4 PDF with page numbers, for print and screen readers."""
    return compile_pdf(TEMPLATE, report_inputs(doc, previous_date=previous_date))
