"""Cells merged down in a spreadsheet: read the ranges from a read-only sheet and fill down.

openpyxl knows a sheet's merged ranges only when it loads the whole sheet (slow, and every
cell an object); in read-only mode the ranges are read here from the sheet's XML bytes. The
value of a merged range is in its top-left cell only: `fill_down` copies it into the empty
cells below it in the same column.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["fill_down", "merged_ranges"]

# <mergeCell ref="A5:A8"/>, with or without a namespace prefix. The ranges are read from the
# raw bytes (no XML parser: nothing is expanded), a chunk at a time.
_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref=\""
    rb"([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)\""
)
_CHUNK = 1 << 20
_OVERLAP = 200

#: (min_col, min_row, max_col, max_row), 1-based as in Excel.
Range = tuple[int, int, int, int]


def merged_ranges(ws: Any) -> list[Range]:
    """Return a read-only sheet's merged ranges (min_col, min_row, max_col, max_row)."""
    from openpyxl.utils.cell import range_boundaries

    refs: list[bytes] = []
    source = ws._get_source()
    try:
        # Each window is the end of the previous chunk and the next chunk: a match cut by a
        # chunk's end is whole in the next window; one found twice is kept once (below).
        tail = b""
        while chunk := source.read(_CHUNK):
            window = tail + chunk
            refs.extend(m[1] for m in _MERGE_CELL.finditer(window))
            tail = window[-_OVERLAP:]
    finally:
        source.close()
    ranges: list[Range] = []
    for ref in dict.fromkeys(refs):
        left, top, right, bottom = range_boundaries(ref.decode())
        if left and top and right and bottom:
            ranges.append((left, top, right, bottom))
    return ranges


def fill_down(rows: list[list[Any]], ranges: list[Range], *, max_col: int) -> list[int]:
    """Copy each range's top-left value into the empty cells below it (same column).

    Rows are lists of values, row 1 first. Return the 1-based numbers of the rows changed.
    """
    changed = set()
    for left, top, _right, bottom in ranges:
        column, first = left - 1, top - 1
        if column >= max_col or first >= len(rows) or column >= len(rows[first]):
            continue
        value = rows[first][column]
        if value is None:
            continue
        for index in range(first + 1, min(bottom, len(rows))):
            cells = rows[index]
            if column < len(cells) and cells[column] is None:
                cells[column] = value
                changed.add(index + 1)
    return sorted(changed)
