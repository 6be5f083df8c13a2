"""Merged ranges read from a sheet's XML bytes, and filled down."""

from __future__ import annotations

import io

import pytest

from opfolgning.importers import merged


class _Sheet:
    def __init__(self, xml: bytes) -> None:
        self.xml = xml

    def _get_source(self) -> io.BytesIO:
        return io.BytesIO(self.xml)


XML = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>" + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>' * 300 + b"</sheetData>"
    b'<mergeCells count="3"><mergeCell ref="A1:H1"/><mergeCell ref="A5:A8"/>'
    b'<x:mergeCell ref="D5:D8"/></mergeCells></worksheet>'
)


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
def test_the_ranges_are_read_whatever_the_chunks(chunk: int, monkeypatch) -> None:
    monkeypatch.setattr(merged, "_CHUNK", chunk)
    assert merged.merged_ranges(_Sheet(XML)) == [(1, 1, 8, 1), (1, 5, 1, 8), (4, 5, 4, 8)]


def test_a_sheet_without_merged_cells_has_no_ranges() -> None:
    assert merged.merged_ranges(_Sheet(b"<worksheet><sheetData/></worksheet>")) == []


def test_fill_down_copies_the_top_value_into_the_empty_cells_below() -> None:
    rows = [["Titel", None, None], ["1.1", "a", None], [None, "b", None], [None, None, "x"]]
    changed = merged.fill_down(rows, [(1, 1, 3, 1), (1, 2, 1, 4), (3, 1, 3, 9)], max_col=30)
    # Across (the title) nothing is copied; down, only into empty cells; none from an empty top.
    assert rows == [
        ["Titel", None, None],
        ["1.1", "a", None],
        ["1.1", "b", None],
        ["1.1", None, "x"],
    ]
    assert changed == [3, 4]
