"""plain_text: what is stored from a cell with stray HTML."""

import pytest

from opfolgning.followup.text import one_line, plain_text, whole_number, without_controls


@pytest.mark.parametrize(
    "value, expected",
    [
        ("<p>Status:</p> <p>Forsinket</p>", "Status:\n\nForsinket"),
        ("Første linje            Anden linje", "Første linje\n\nAnden linje"),
        ("ombrudt\nlinje", "ombrudt linje"),
        ("Definition:\n- ☺: nået\n- ☹: ikke nået", "Definition:\n- ☺: nået\n- ☹: ikke nået"),
        ("- et punkt\n  der fortsætter", "- et punkt der fortsætter"),
        ("før<script>alert(1)</script> efter", "før efter"),
        ("a &amp; b &lt; c", "a & b < c"),
        ("", ""),
    ],
    ids=["p-tags", "word-breaks", "wrapped", "list", "wrapped-item", "script", "entities", "empty"],
)
def test_plain_text(value, expected):
    assert plain_text(value) == expected


def test_one_line_folds_paragraphs_and_list_items():
    assert one_line("a\n\n- b\n- c") == "a - b - c"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3", 3),
        (" 12 ", 12),
        ("007", 7),
        ("999999999", 999_999_999),
        ("²", None),  # isdigit() is true, int() refuses it
        ("٣", None),  # int() reads it; no query value or cell means it
        ("-1", None),
        ("1e5", None),
        ("9" * 10, None),  # too big for a database's integer
        ("", None),
        (None, None),
    ],
)
def test_whole_number_takes_plain_ascii_digits_only(text, number):
    assert whole_number(text) == number


def test_without_controls_keeps_tabs_and_line_breaks_and_every_script():
    assert without_controls("a\x1bb\x00c\ufffe\uffff\x85\x7fd") == "abcd"
    kept = "linje\nny\r\nlinje\tfane 进 ＝ مرحبا αβγ e\u0301 ☹"
    assert without_controls(kept) == kept
