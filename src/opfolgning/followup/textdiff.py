"""Word-level diff of two texts, as segments and as accessible HTML (<ins>/<del>).

Pure Python: no Django. Callers pass the translated screen-reader labels.
"""

from __future__ import annotations

import difflib
import enum
import re
from dataclasses import dataclass
from html import escape

# Beyond this many tokens per side difflib gets slow (it is quadratic in the worst case);
# such texts are shown as one deletion followed by one insertion.
MAX_TOKENS = 5000

_TOKENS = re.compile(r"\s+|\S+")


class Op(enum.StrEnum):
    """What happened to a run of text."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True)
class Segment:
    """A run of text that is kept, deleted or inserted."""

    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Split text into words and the whitespace runs between them, losing nothing."""
    return _TOKENS.findall(text)


def _append(out: list[Segment], op: Op, text: str) -> None:
    if not text:
        return
    if out and out[-1].op is op:
        out[-1] = Segment(op, out[-1].text + text)
    else:
        out.append(Segment(op, text))


def word_diff(old: str, new: str) -> list[Segment]:
    """Return the word-level differences from `old` to `new`, deletions before insertions."""
    a, b = tokens(old or ""), tokens(new or "")
    if len(a) > MAX_TOKENS or len(b) > MAX_TOKENS:
        out: list[Segment] = []
        if old == new:
            _append(out, Op.EQUAL, old)
            return out
        _append(out, Op.DELETE, old)
        _append(out, Op.INSERT, new)
        return out
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    # A kept run of only whitespace between two changes is folded into the change, so
    # "a b" → "c d" reads as one deletion and one insertion, not four pieces.
    merged: list[tuple[bool, int, int, int, int]] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        only_space = tag == "equal" and all(not t.strip() for t in a[i1:i2])
        between = 0 < index < len(opcodes) - 1
        merged.append((tag == "equal" and not (only_space and between), i1, i2, j1, j2))
    segments: list[Segment] = []
    pending_del: list[str] = []
    pending_ins: list[str] = []

    def flush() -> None:
        _append(segments, Op.DELETE, "".join(pending_del))
        _append(segments, Op.INSERT, "".join(pending_ins))
        pending_del.clear()
        pending_ins.clear()

    for kept, i1, i2, j1, j2 in merged:
        if kept:
            flush()
            _append(segments, Op.EQUAL, "".join(a[i1:i2]))
            continue
        pending_del.extend(a[i1:i2])
        pending_ins.extend(b[j1:j2])
    flush()
    return segments


def diff_html(
    old: str,
    new: str,
    *,
    added_label: str = "tilføjet:",
    deleted_label: str = "slettet:",
) -> str:
    """Return `new` marked up against `old` with escaped <ins>/<del> and hidden labels."""
    parts: list[str] = []
    added = escape(added_label)
    deleted = escape(deleted_label)
    for segment in word_diff(old, new):
        text = escape(segment.text)
        if segment.op is Op.EQUAL:
            parts.append(text)
        elif segment.op is Op.DELETE:
            parts.append(f'<del><span class="visually-hidden">{deleted} </span>{text}</del>')
        else:
            parts.append(f'<ins><span class="visually-hidden">{added} </span>{text}</ins>')
    return "".join(parts)
