"""Smiley scales and the mapping from raw glyphs found in documents to smileys."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .vocabulary import SMILEY_WORDS


class Smiley(enum.StrEnum):
    """A smiley on the effort (three levels) or economy (two levels) scale."""

    HAPPY = "happy"
    NEUTRAL = "neutral"
    SAD = "sad"


EFFORT_SCALE: tuple[Smiley, ...] = (Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD)
ECONOMY_SCALE: tuple[Smiley, ...] = (Smiley.HAPPY, Smiley.SAD)

# Danish and English labels (followup.vocabulary); the Danish ones are the municipality's words.
LABELS_DA = {smiley: SMILEY_WORDS[smiley.value].da for smiley in Smiley}
LABELS_EN = {smiley: SMILEY_WORDS[smiley.value].en for smiley in Smiley}
# The glyph we write when we export a smiley.
CANONICAL_GLYPH = {Smiley.HAPPY: "☺", Smiley.NEUTRAL: "😐", Smiley.SAD: "☹"}

VARIATION_SELECTORS = ("\ufe0f", "\ufe0e")

# Glyphs whose meaning is certain.
_CERTAIN: dict[str, Smiley] = {
    "\u263a": Smiley.HAPPY,  # ☺ WHITE SMILING FACE
    "\U0001f60a": Smiley.HAPPY,  # 😊
    "\U0001f642": Smiley.HAPPY,  # 🙂
    "\U0001f600": Smiley.HAPPY,  # 😀
    "\U0001f603": Smiley.HAPPY,  # 😃
    "\U0001f610": Smiley.NEUTRAL,  # 😐
    "\U0001f611": Smiley.NEUTRAL,  # 😑
    "\U0001f641": Smiley.SAD,  # 🙁
    "\U0001f61e": Smiley.SAD,  # 😞
    "\U0001f61f": Smiley.SAD,  # 😟
}
# ☹ WHITE FROWNING FACE: the reading guide of the exported document shows it for both
# neutral and sad (the neutral face was lost in the export), so on the effort scale it is
# ambiguous. On the two-level economy scale it can only mean sad.
AMBIGUOUS_FROWN = "\u2639"

# Words accepted in a smiley cell (spreadsheets, hand-written files), Danish and English.
_WORDS: dict[str, Smiley] = {
    "glad": Smiley.HAPPY,
    "happy": Smiley.HAPPY,
    "grøn": Smiley.HAPPY,
    "mellemfornøjet": Smiley.NEUTRAL,
    "neutral": Smiley.NEUTRAL,
    "gul": Smiley.NEUTRAL,
    "sur": Smiley.SAD,
    "sad": Smiley.SAD,
    "rød": Smiley.SAD,
}

#: Written for "no smiley" in a cell: a dash (hyphen, en or em dash).
NO_SMILEY = frozenset({"-", "–", "—"})

KNOWN_GLYPHS = "☺ 😊 🙂 😐 ☹ ☹️ 🙁 😞"


class UnknownGlyph(ValueError):
    """A smiley cell held something that is not a known smiley."""


@dataclass(frozen=True)
class GlyphReading:
    """What a smiley cell was read as."""

    smiley: Smiley | None
    glyph: str | None
    needs_review: bool
    reason: str = ""


def _strip_selectors(text: str) -> str:
    for selector in VARIATION_SELECTORS:
        text = text.replace(selector, "")
    return text


def _word(text: str) -> Smiley | None:
    """Return the smiley a word names, in any case and with stray spaces ("Mellem fornøjet")."""
    return _WORDS.get("".join(text.casefold().split()))


def read_effort_glyph(cell: str, *, frown_means: Smiley = Smiley.NEUTRAL) -> GlyphReading:
    """Read an effort smiley cell; an ambiguous ☹ maps to `frown_means` and needs review."""
    glyph = cell.strip()
    if not glyph or glyph in NO_SMILEY:
        return GlyphReading(None, None, False)
    base = _strip_selectors(glyph)
    if base == AMBIGUOUS_FROWN:
        reason = (
            f"☹ kan betyde både mellemfornøjet og sur i det eksporterede dokument; "
            f"læst som {LABELS_DA[frown_means]} — kontrollér"
        )
        return GlyphReading(frown_means, glyph, True, reason)
    smiley = _CERTAIN.get(base) or _word(base)
    if smiley is None:
        raise UnknownGlyph(glyph)
    return GlyphReading(smiley, glyph, False)


def read_economy_glyph(cell: str) -> GlyphReading:
    """Read an economy smiley cell on the two-level scale (☹ is sad)."""
    glyph = cell.strip()
    if not glyph or glyph in NO_SMILEY:
        return GlyphReading(None, None, False)
    base = _strip_selectors(glyph)
    if base == AMBIGUOUS_FROWN:
        return GlyphReading(Smiley.SAD, glyph, False)
    smiley = _CERTAIN.get(base) or _word(base)
    if smiley is None:
        raise UnknownGlyph(glyph)
    if smiley is Smiley.NEUTRAL:
        reason = "økonomi har kun to niveauer (glad/sur); en mellemfornøjet smiley skal afklares"
        return GlyphReading(None, glyph, True, reason)
    return GlyphReading(smiley, glyph, False)
