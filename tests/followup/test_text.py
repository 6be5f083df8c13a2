"""plain_text: what is stored from a cell with stray HTML."""

import pytest

from opfolgning.followup.text import one_line, plain_text


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
