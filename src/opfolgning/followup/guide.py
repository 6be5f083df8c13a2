"""The reading guide's smiley definitions, read so that a report can draw its own smileys.

A guide defines the smileys in bullet lists such as

    - ☺: Milepælen er nået.
    - ☹: Milepælen er ikke fuldt nået, …
    - ☹: Milepælen er ikke nået, …

Many source documents lost the neutral face, so the same glyph can stand for two levels.
A list of definitions is read by its glyphs when they are distinct and known, otherwise by
its order: three definitions are happy, neutral and sad (the effort scale); two are happy and
sad (the economy scale). A report then shows the app's smiley (face and word) for each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .smileys import (
    CANONICAL_GLYPH,
    ECONOMY_SCALE,
    EFFORT_SCALE,
    Smiley,
    UnknownGlyph,
    read_effort_glyph,
)
from .vocabulary import smiley_word

__all__ = ["GuideBlock", "guide_with_faces", "guide_with_words", "reading_guide"]

# "- ☹: text", or as our DOCX writes it, with the smiley's word: "- 😐 Mellemfornøjet: text".
_WORDS = "|".join(
    sorted({smiley_word(s, lang) for s in Smiley for lang in ("da", "en")}, key=len, reverse=True)
)
_DEFINITION_RE = re.compile(
    rf"^[-*•–]\s*(?P<glyph>\S+?)(?:\s+(?:{_WORDS}))?\s*[:–-]\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class GuideBlock:
    """A paragraph of the guide, or a list of smiley definitions (smiley, text)."""

    text: str = ""
    definitions: tuple[tuple[Smiley, str], ...] = ()


def _known(glyph: str) -> bool:
    try:
        return read_effort_glyph(glyph).smiley is not None
    except UnknownGlyph:
        return False


def _by_glyph(glyphs: list[str]) -> list[Smiley] | None:
    """Return the smileys the glyphs name, if each is certain and none repeats."""
    read = [read_effort_glyph(glyph) for glyph in glyphs]
    if any(r.smiley is None or r.needs_review for r in read):
        return None
    smileys = [r.smiley for r in read if r.smiley is not None]
    return smileys if len(set(smileys)) == len(smileys) else None


def _definitions(lines: list[str]) -> tuple[tuple[Smiley, str], ...] | None:
    matches = [_DEFINITION_RE.match(line.strip()) for line in lines]
    if not lines or any(m is None for m in matches):
        return None
    found = [m for m in matches if m is not None]
    glyphs = [m["glyph"] for m in found]
    if not all(_known(glyph) for glyph in glyphs):
        return None
    smileys = _by_glyph(glyphs)
    if smileys is None:
        scale = {3: EFFORT_SCALE, 2: ECONOMY_SCALE}.get(len(found))
        if scale is None:
            return None
        smileys = list(scale)
    return tuple((s, m["text"].strip()) for s, m in zip(smileys, found, strict=True))


def reading_guide(text: str) -> list[GuideBlock]:
    """Return the guide's blocks: paragraphs as they are, definition lists read as smileys."""
    blocks = []
    for raw in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in raw.splitlines() if line.strip()]
        if not lines:
            continue
        definitions = _definitions(lines)
        if definitions is not None:
            blocks.append(GuideBlock(definitions=definitions))
        else:
            blocks.append(GuideBlock(text="\n".join(lines)))
    return blocks


def _rewritten(text: str, name) -> str:
    """Return `text` with each list of definitions rewritten by `name(smiley)`, and every
    other block exactly as it was."""
    parts = []
    for raw in text.split("\n\n"):
        lines = [line for line in raw.split("\n") if line.strip()]
        definitions = _definitions(lines)
        if definitions:
            parts.append("\n".join(f"- {name(smiley)}: {line}" for smiley, line in definitions))
        else:
            parts.append(raw)
    return "\n\n".join(parts)


def guide_with_words(text: str, language: str = "da") -> str:
    """Return the guide as text with each definition's glyph replaced by the smiley's word
    ("- Mellemfornøjet: Milepælen er ikke fuldt nået …"), for formats that draw no faces."""
    return _rewritten(text, lambda smiley: smiley_word(smiley, language).capitalize())


def guide_with_faces(text: str, language: str = "da") -> str:
    """Return the guide as text with each definition written as the app's own smiley, glyph
    and word ("- 😐 Mellemfornøjet: …"), whatever glyphs the source had. Reading the result
    again gives the same definitions, so a document written with it reads back the same."""

    def name(smiley: Smiley) -> str:
        return f"{CANONICAL_GLYPH[smiley]} {smiley_word(smiley, language).capitalize()}"

    return _rewritten(text, name)
