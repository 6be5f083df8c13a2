"""Inputs that are not (complete, readable) reports: each error names file and line and says
what was expected."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from opfolgning.followup.errors import ReportFormatError
from opfolgning.followup.smileys import KNOWN_GLYPHS
from opfolgning.importers import parse_bytes, parse_path
from opfolgning.importers.text import parse_text
from tests.importers.textexport import initiative, milestone, report, theme

SOURCE = "udvalg.txt"


def fails(data: bytes | str, source: str = SOURCE) -> ReportFormatError:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(ReportFormatError) as info:
        parse_text(raw, source=source)
    error = info.value
    assert str(error).startswith(f"{source}, line {error.line}: "), str(error)
    return error


@pytest.fixture
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_not_a_report_names_the_title_it_expected(tmp_path):
    error = fails("Referat fra mødet\n\nDer blev talt om mange ting.\n")
    assert "not a follow-up report: no title line like" in str(error)
    assert "'Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget'" in str(error)
    assert error.line == 3  # the last line of the file


def test_report_without_title_stops_at_the_first_initiative(seed_text):
    text = seed_text.replace(
        "## Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget", "## Noget andet"
    )
    error = fails(text)
    assert "no title line like" in str(error)
    assert "before the first theme heading or initiative" in str(error)
    assert error.line == line_of(text, "**1. Vi skaber")


def test_title_without_initiatives_is_reported_as_truncated():
    error = fails(report(title="## Første opfølgning på Aftale om budget 2019 for X"))
    assert "no initiatives found (is the file truncated" in str(error)


def test_truncated_mid_initiative_names_the_initiative(seed_text):
    cut = seed_text[: seed_text.index("Milepæl\t\t1. budgetopfølgning 2019\t\nMilepæl\tAdgangen")]
    error = fails(cut)
    assert "initiative 6.10 ends without its Økonomi row (is the file truncated?)" in str(error)
    assert "4 more Milepæl row(s) and an Økonomi row after the initiative's header on line 275" in (
        str(error)
    )
    assert error.line == line_of(seed_text, "<b>6.10.") + 1  # the cut file's last line


def test_truncated_before_the_last_economy_row(seed_text):
    cut = seed_text[: seed_text.rindex("Økonomi\t")]
    error = fails(cut)
    assert "initiative 6.10 ends without its Økonomi row (is the file truncated?)" in str(error)
    assert "expected an Økonomi row after its four Milepæl rows (header on line 275)" in str(error)
    assert error.line == 280


def test_truncated_mid_milestone_line(seed_text):
    cut = seed_text[: seed_text.index("Adgangen er etableret") + 8]
    error = fails(cut)
    assert error.line == 278
    assert (
        "milestone row of initiative 6.10 has 2 cells; expected Milepæl, text, round, smiley"
        in (str(error))
    )
    assert "(is the file truncated?)" in str(error)


def test_truncated_mid_header_line(seed_text):
    cut = seed_text[: seed_text.index("<b>6.10. Interne") + 20]
    error = fails(cut)
    assert error.line == 275
    assert "has no TAB-separated cells" in str(error)
    assert "1.11. Title<TAB>Anlæg|Drift<TAB>Tid<TAB>Smiley" in str(error)


def test_truncated_mid_kind_cell(seed_text):
    cut = seed_text[: seed_text.index("<b>Drift</b>", seed_text.index("<b>6.10.")) + 5]
    error = fails(cut)
    assert error.line == 275
    assert "initiative header row of 6.10 has kind 'Dr'; expected Anlæg or Drift" in str(error)


@pytest.mark.parametrize("fraction", [1 / 3, 1 / 2, 2 / 3, 0.9])
def test_truncated_anywhere_in_the_body_is_an_error(seed_text, fraction):
    cut = seed_text[: int(len(seed_text) * fraction)]
    error = fails(cut)
    assert error.line is not None and error.line <= cut.count("\n") + 1


def test_binary_junk_is_refused():
    error = fails(bytes(range(256)) * 8)
    assert "binary file, not a text export" in str(error)
    assert error.line == 1


def test_nul_bytes_are_refused_with_their_line():
    error = fails(b"Dato: 9. oktober 2019\n\nKontakt: A\x00B\n")
    assert "binary file, not a text export" in str(error)
    assert error.line == 3


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP container such as .docx or .xlsx"),
        (b"%PDF-1.7\n", "PDF"),
        ("Tredje".encode("utf-16"), "UTF-16"),
    ],
    ids=["zip", "pdf", "utf16"],
)
def test_other_file_types_are_named(data, hint):
    error = fails(data)
    assert "binary file, not a text export" in str(error)
    assert hint in str(error)


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_empty_file_is_refused(data):
    error = fails(data)
    assert "the file is empty; expected the text export of a follow-up report" in str(error)
    assert error.line == 1


def test_cp1252_seed_says_save_as_utf8(seed_text):
    data = seed_text.encode("cp1252", errors="replace")
    error = fails(data)
    assert "not valid UTF-8" in str(error)
    assert "the file looks like cp1252/Latin-1; save it as UTF-8" in str(error)
    # The first non-ASCII byte is the "ø" of "opfølgning" in the title on line 15.
    assert error.line == 15
    assert "'ø'" in str(error)


def test_cp1252_with_crlf_counts_lines_like_an_editor(seed_text):
    data = seed_text.replace("\n", "\r\n").encode("cp1252", errors="replace")
    assert fails(data).line == 15


def test_milestone_row_with_too_few_cells():
    rows = [milestone("Trin.", 1, "☺"), "Milepæl\tKun tekst", *(milestone("", r) for r in (3, 4))]
    text = report(theme(1, "T"), initiative("1.1", milestones=rows))
    error = fails(text)
    assert error.line == line_of(text, "Milepæl\tKun tekst")
    assert str(error).endswith(
        "milestone row of initiative 1.1 has 2 cells; expected Milepæl, text, round, smiley"
    )


def test_unknown_smiley_lists_the_known_glyphs():
    text = report(theme(1, "T"), initiative("1.1", glyphs=("", ":-)", "", "")))
    error = fails(text)
    assert error.line == line_of(text, "\t:-)")
    assert "initiative 1.1, round 2: smiley cell ':-)' is not a known smiley" in str(error)
    assert KNOWN_GLYPHS in str(error)


def test_unknown_economy_smiley_lists_the_known_glyphs():
    text = report(initiative("1.1", economy="Økonomi\tTekst\t\tX"))
    error = fails(text)
    assert "initiative 1.1, economy: smiley cell 'X' is not a known smiley" in str(error)
    assert KNOWN_GLYPHS in str(error)


def test_duplicate_round_names_both_lines():
    rows = [milestone("", r) for r in (1, 2, 2, 4)]
    text = report(initiative("1.1", milestones=rows))
    error = fails(text)
    second = text.split("\n").index(rows[1]) + 1
    assert error.line == second + 1
    assert (
        f"initiative 1.1 has two milestone rows for round 2 (lines {second} and {second + 1})"
        in str(error)
    )


def test_unknown_round_label_where_its_position_cannot_tell_the_round_either():
    # The first row names round 2, so the second row's position (round 2) is taken too.
    rows = [
        milestone("", 2),
        milestone("", 2, label="Til sommer"),
        *(milestone("", r) for r in (3, 4)),
    ]
    text = report(initiative("1.1", milestones=rows))
    error = fails(text)
    assert error.line == line_of(text, "Til sommer")
    assert (
        "initiative 1.1: round cell 'Til sommer' of a milestone row is not a follow-up round, "
        f"and its position names round 2, which line {error.line - 1} already has" in str(error)
    )
    assert "'31.12.YYYY'" in str(error)
    assert "'Tredje opfølgning'" in str(error)


def test_three_milestone_rows_is_an_error():
    rows = [milestone("", r) for r in (1, 2, 3)]
    error = fails(report(initiative("1.1", milestones=rows)))
    assert "initiative 1.1 has 3 milestone rows before its Økonomi row; expected four" in str(error)


def test_five_milestone_rows_is_an_error():
    rows = [milestone("", r) for r in (1, 2, 3, 4)] + [milestone("", 4, label="")]
    error = fails(report(initiative("1.1", milestones=rows)))
    assert "initiative 1.1 has a fifth milestone row; expected four" in str(error)


def test_unexpected_row_inside_an_initiative():
    rows = [milestone("", 1), "Bemærkning\tnoget\t\t", *(milestone("", r) for r in (2, 3, 4))]
    text = report(initiative("1.1", milestones=rows))
    error = fails(text)
    assert error.line == line_of(text, "Bemærkning")
    assert (
        "unexpected row in initiative 1.1 (starts with 'Bemærkning'); expected a Milepæl or "
        in (str(error))
    )


def test_unexpected_text_between_initiatives():
    text = report(initiative("1.1"), "Side 2 af 9", initiative("1.2"))
    error = fails(text)
    assert error.line == line_of(text, "Side 2 af 9")
    assert "unexpected text between initiatives ('Side 2 af 9'); expected a theme heading" in str(
        error
    )


def test_milestone_row_outside_an_initiative():
    text = report(initiative("1.1"), milestone("", 1))
    error = fails(text)
    assert "Milepæl row outside an initiative" in str(error)


def test_duplicate_initiative_number():
    text = report(initiative("1.1"), initiative("1.1"))
    error = fails(text)
    assert "initiative 1.1 appears twice" in str(error)


def test_new_initiative_before_the_economy_row():
    first = initiative("1.1").rsplit("\n", 1)[0]  # without its Økonomi row
    error = fails(report(first, initiative("1.2")))
    assert "initiative 1.1 ends without its Økonomi row" in str(error)
    assert error.line == 20  # the next initiative's header


# parse_path: file problems are ReportFormatErrors naming the file.


def test_parse_path_missing_file(tmp_path):
    missing = tmp_path / "mangler.txt"
    with pytest.raises(ReportFormatError) as info:
        parse_path(missing)
    assert str(info.value) == f"{missing}: file not found"


def test_parse_path_directory(tmp_path):
    with pytest.raises(ReportFormatError) as info:
        parse_path(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory, not a report file"


def test_parse_path_unreadable_file(tmp_path, seed_path, monkeypatch):
    locked = tmp_path / "låst.txt"
    locked.write_bytes(seed_path.read_bytes())
    # chmod 0 does not stop root (CI runs as root), so make opening fail the way it would.
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(ReportFormatError) as info:
        parse_path(locked)
    assert "cannot read the file" in str(info.value)
    assert "låst.txt" in str(info.value)


def test_parse_path_refuses_files_over_the_size_limit(tmp_path, seed_path):
    big = tmp_path / "stor.txt"
    big.write_bytes(seed_path.read_bytes())
    with pytest.raises(ReportFormatError) as info:
        parse_path(big, max_bytes=1000)
    assert str(info.value).startswith(f"{big}: the file is too large")
    assert "limit" in str(info.value)
    assert parse_path(big)  # the default limit (20 MB) lets it through


def test_parse_path_errors_name_the_file_and_line(tmp_path, seed_path):
    bad = tmp_path / "dårlig.txt"
    bad.write_bytes(seed_path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    with pytest.raises(ReportFormatError) as info:
        parse_path(bad)
    assert str(info.value).startswith(f"{bad}, line 15: not valid UTF-8")


def test_parse_bytes_size_limit():
    with pytest.raises(ReportFormatError, match="too large"):
        parse_bytes(b"x" * 100, source="x.txt", max_bytes=10)


# Hostile or broken files must not make the parser slow (no quadratic regex work).

_T = "## Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget\n"
_I = "1.1. T\tDrift\tTid\tSmiley\n"
_REST = "Milepæl\t\t\t\n" * 4 + "Økonomi\tx\t\t\n"
_N = 100_000
PATHOLOGICAL = {
    "spaces-in-heading": _T + "## 1. " + " " * _N + "x\n",
    "spaces-in-title": "Tredje opfølgning " + " " * _N + "x\n",
    "years-in-title": "Tredje opfølgning på " + "2019 " * (_N // 5) + "\n",
    "unclosed-tags": _T + _I + "<p" * _N + "\tx\n" + _REST,
    "quantifiers": _T + _I + "d\t" + "alle " * (_N // 5) + "involveres.\t\t\n" + _REST,
    "hyphens": _T + _I + "d\t" + "Teknik- og " * (_N // 11) + "Miljøudvalget involveres.\n" + _REST,
    "blank-lines": _T + "\n" * _N,
    "status-words": _T + _I + "d\tr\nMilepæl\t" + "Status: " * (_N // 8) + "\t\t\n" + _REST,
    "less-thans": _T + _I + "d\t" + "<" * _N + "\t\t\n" + _REST,
    "ampersands": _T + _I + "d\t" + "&" * _N + "<\t\t\n" + _REST,
    "deep-number": _T + "1" + ".1" * (_N // 2) + " x\tDrift\n",
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_is_handled_quickly(name):
    started = time.perf_counter()
    try:
        parse_text(PATHOLOGICAL[name].encode("utf-8"), source="hostile.txt")
    except ReportFormatError as error:
        assert str(error).startswith("hostile.txt, line ")
    assert time.perf_counter() - started < 2.0
