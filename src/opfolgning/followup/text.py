"""Turn cell contents with stray HTML into plain text with paragraphs."""

from __future__ import annotations

import html
import re

import nh3

_PARAGRAPH_TAGS = re.compile(r"(?i)</?\s*(p|br|div|li|tr|h[1-6])\b[^>]*>")
# Word line breaks survive the text export as long runs of spaces.
_WORD_BREAK = re.compile(r"[ \u00a0]{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")
_PARAGRAPH_MARK = "\u2029"
_BLANK_LINE = re.compile(r"\n\s*\n")
# Inline tags without attributes that nh3 would only remove.
_INLINE_TAGS = re.compile(r"(?i)</?(?:b|i|u|em|strong|span|font|small|sup|sub)\s*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# Anything plain_text would change beyond stripping the ends.
_NEEDS_WORK = re.compile(r"[<&\r\n\t\u00a0\u2029]|  ")


def plain_text(value: str) -> str:
    """Return `value` without markup: paragraphs separated by one blank line, no tags.

    Script and style elements are dropped with their content (nh3), every other tag is
    removed and entities are decoded, so the result is safe to store and is escaped on display.
    """
    if not value:
        return ""
    if _NEEDS_WORK.search(value) is None:
        # Fast path (most cells): no markup, entities, line breaks or space runs.
        return value.strip()
    text = value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
    if "<" in text:
        text = _PARAGRAPH_TAGS.sub(_PARAGRAPH_MARK, text)
    if "\n" in text:
        text = _BLANK_LINE.sub(_PARAGRAPH_MARK, text)
    if "   " in text or "\u00a0" in text:
        text = _WORD_BREAK.sub(_PARAGRAPH_MARK, text)
    if "<" in text:
        # Plain inline tags (<b>, <i>, …) are simply dropped; anything else goes to nh3.
        simple = _INLINE_TAGS.sub("", text)
        if "<" not in simple and "&" not in simple and not _CONTROL.search(simple):
            text = simple
    if "<" in text or "&" in text:
        text = html.unescape(nh3.clean(text, tags=set(), attributes={}))
        # A decoded "&lt;script&gt;" is text, but strip any tag that decoding revealed too.
        if "<" in text:
            text = html.unescape(nh3.clean(text, tags=set(), attributes={}))
    paragraphs = []
    for chunk in text.split(_PARAGRAPH_MARK):
        if "\n" in chunk or "  " in chunk or "\t" in chunk or "\u00a0" in chunk:
            chunk = _SPACES.sub(" ", chunk.replace("\n", " "))
        chunk = chunk.strip()
        if chunk:
            paragraphs.append(chunk)
    return "\n\n".join(paragraphs)


def one_line(value: str) -> str:
    """Return `value` as plain text on a single line."""
    return " ".join(plain_text(value).split())
