"""Smiley scales and the mapping from raw glyphs found in documents to smileys."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Legend:
    """What a document's reading guide says its effort glyphs mean.

    `meanings` maps each glyph the guide shows (variation selectors stripped) to the levels
    it is given for, in the guide's order. A glyph given for one level means that level in
    this document; a glyph given for two (the export's ☹ for both mellemfornøjet and sur) is
    ambiguous, and DOMAIN.md's rule for it applies.
    """

    meanings: Mapping[str, tuple[Smiley, ...]] = field(default_factory=dict)

    def meaning(self, glyph: str) -> Smiley | None:
        """Return the one level the guide gives `glyph`, or None (not in it, or ambiguous)."""
        levels = self.meanings.get(_strip_selectors(glyph.strip()), ())
        return levels[0] if len(levels) == 1 else None

    def is_ambiguous(self, glyph: str) -> bool:
        """Return whether the guide gives `glyph` for more than one level."""
        return len(self.meanings.get(_strip_selectors(glyph.strip()), ())) > 1

    @property
    def distinct(self) -> bool:
        """Return whether the guide gives each of the three levels a glyph of its own."""
        given = [levels[0] for levels in self.meanings.values() if len(levels) == 1]
        return sorted(given) == sorted(EFFORT_SCALE)


# "Definition af smileys på indsats:" … up to the economy's definition (or the guide's end).
_EFFORT_PART = re.compile(
    r"smileys?\s+(?:p[åa]|for)\s+indsats(?P<part>.*?)(?=smileys?\s+(?:p[åa]|for)\s+[øo]konomi|\Z)",
    re.IGNORECASE | re.DOTALL,
)
# One definition line: "- ☺: Milepælen er nået." (a bullet, the glyph, a colon or dash, text).
_DEFINITION = re.compile(r"^[\s\-*•·]*(?P<glyph>\S{1,3}?)\s*[:–—-]\s*(?P<text>\S.*)$")
# Words in a definition that name its level outright.
_LEVEL_WORDS = (
    (Smiley.NEUTRAL, ("mellemfornøjet", "gul")),
    (Smiley.HAPPY, ("glad", "grøn")),
    (Smiley.SAD, ("sur ", "sur,", "sur:", "rød")),
)


def _level_named(text: str) -> Smiley | None:
    lowered = f"{text.casefold()} "
    for level, words in _LEVEL_WORDS:
        if any(word in lowered for word in words):
            return level
    return None


def legend_from_guide(guide: str) -> Legend:
    """Return what the reading guide `guide` says the effort glyphs mean.

    The guide's effort definitions are read in order (glad, mellemfornøjet, sur, as every
    guide gives them) unless a definition names its level ("Gul: …"). A guide with no
    effort definitions of three levels gives an empty legend: the known glyphs then mean
    what they mean everywhere (read_effort_glyph).
    """
    part = _EFFORT_PART.search(guide or "")
    if part is None:
        return Legend()
    found: list[tuple[str, str]] = []
    for line in part.group("part").splitlines():
        match = _DEFINITION.match(line.strip())
        if match is None:
            continue
        glyph = _strip_selectors(match.group("glyph"))
        if glyph in _CERTAIN or glyph == AMBIGUOUS_FROWN:
            found.append((glyph, match.group("text")))
    if len(found) != len(EFFORT_SCALE):
        return Legend()
    meanings: dict[str, tuple[Smiley, ...]] = {}
    for (glyph, text), in_order in zip(found, EFFORT_SCALE, strict=True):
        level = _level_named(text) or in_order
        if level not in meanings.get(glyph, ()):
            meanings[glyph] = (*meanings.get(glyph, ()), level)
    return Legend(meanings)


def read_effort_glyph(
    cell: str, *, frown_means: Smiley = Smiley.NEUTRAL, legend: Legend | None = None
) -> GlyphReading:
    """Read an effort smiley cell.

    A glyph that the document's `legend` gives one level means that level. The ambiguous ☹
    (in a document whose guide gives it for two levels, or that has no legend) maps to
    `frown_means` and needs review.
    """
    glyph = cell.strip()
    if not glyph or glyph in NO_SMILEY:
        return GlyphReading(None, None, False)
    base = _strip_selectors(glyph)
    if legend is not None:
        meant = legend.meaning(base)
        if meant is not None:
            return GlyphReading(meant, glyph, False)
        if legend.is_ambiguous(base) and base != AMBIGUOUS_FROWN:
            levels = legend.meanings[base]
            read_as = frown_means if frown_means in levels else levels[0]
            reason = (
                f"{base} står for både "
                + " og ".join(LABELS_DA[level] for level in levels)
                + f" i dokumentets læsevejledning; læst som {LABELS_DA[read_as]} — kontrollér"
            )
            return GlyphReading(read_as, glyph, True, reason)
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
