"""Turn cell contents with stray HTML into plain text with paragraphs."""

from __future__ import annotations

import html
import re

import nh3

# [^<>]* (not [^>]*) keeps a run of unclosed "<p<p<p…" linear.
_PARAGRAPH_TAGS = re.compile(r"(?i)</?\s*(p|br|div|li|tr|h[1-6])\b[^<>]*>")
# Word line breaks survive the text export as long runs of spaces.
_WORD_BREAK = re.compile(r"[ \u00a0]{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")
_PARAGRAPH_MARK = "\u2029"
_AMP = "\U0010fffd"  # stands for "&" while text passes through nh3
_BLANK_LINE = re.compile(r"\n\s*\n")
# Inline tags without attributes that nh3 would only remove.
_INLINE_TAGS = re.compile(r"(?i)</?(?:b|i|u|em|strong|span|font|small|sup|sub)\s*>")
# Control characters but tab, line feed and carriage return, the C1 controls and the
# non-characters: nothing a person types means them, and some stop a PDF.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# Anything plain_text would change beyond stripping the ends.
_NEEDS_WORK = re.compile(r"[<&\r\n\t\u00a0\u2029]|  ")


def _strip_tags(text: str, *, decode_entities: bool) -> str:
    """Drop tags (and script/style content) with nh3 and return text, not HTML.

    "&" never reaches nh3: its entity handling slows down sharply on text with many "&", so
    each "&" travels through nh3 as a placeholder and entities are decoded here instead.
    """
    if _AMP in text:  # the placeholder itself occurs: take the slow, plain route
        source = text if decode_entities else text.replace("&", "&amp;")
        return html.unescape(nh3.clean(source, tags=set(), attributes={}))
    cleaned = nh3.clean(text.replace("&", _AMP), tags=set(), attributes={})
    if decode_entities:
        return html.unescape(cleaned.replace(_AMP, "&"))
    return html.unescape(cleaned).replace(_AMP, "&")


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
        text = _strip_tags(text, decode_entities=True)
        # A decoded "&lt;script&gt;" is text, but strip any tag that decoding revealed too
        # (without decoding entities a second time).
        if "<" in text:
            text = _strip_tags(text, decode_entities=False)
    paragraphs = []
    for chunk in text.split(_PARAGRAPH_MARK):
        if "\n" in chunk:
            chunk = _join_lines(chunk)
        if "  " in chunk or "\t" in chunk or "\u00a0" in chunk:
            chunk = "\n".join(_SPACES.sub(" ", line).strip() for line in chunk.split("\n"))
        chunk = chunk.strip()
        if chunk:
            paragraphs.append(chunk)
    return "\n\n".join(paragraphs)


def _join_lines(chunk: str) -> str:
    """Join wrapped lines with a space, but keep each "- " list item on a line of its own."""
    lines: list[str] = []
    for line in chunk.split("\n"):
        line = line.strip()
        if not line:
            continue
        if lines and not line.startswith("- "):
            lines[-1] += " " + line  # a wrapped line, or a wrapped list item
        else:
            lines.append(line)
    return "\n".join(lines)


def one_line(value: str) -> str:
    """Return `value` as plain text on a single line."""
    return " ".join(plain_text(value).split())


_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def whole_number(text: str | None) -> int | None:
    """Return `text` as a whole number when it is one to nine ASCII digits, else None.

    `str.isdigit()` is true for "²" and "٣", which `int()` refuses or reads; a query value
    or a cell that is not plainly a number is no number (and never too big for a database).
    """
    if text is None:
        return None
    match = _WHOLE_NUMBER.fullmatch(text.strip())
    return int(match[0]) if match else None


def without_controls(text: str) -> str:
    """Return `text` without control characters and non-characters (keeping \\t, \\n, \\r).

    What a person writes in a form, the API or a spreadsheet never means ESC or U+FFFE;
    they come in with pasted text and would be stored, shown as boxes and stop exports.
    """
    return _CONTROL.sub("", text)
