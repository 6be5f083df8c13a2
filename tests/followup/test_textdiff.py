"""The word-level diff of status notes: segments, escaping and accessible markup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opfolgning.followup.textdiff import MAX_TOKENS, Op, Segment, diff_html, tokens, word_diff

E, D, INS = Op.EQUAL, Op.DELETE, Op.INSERT


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "", []),
        ("samme tekst", "samme tekst", [(E, "samme tekst")]),
        ("", "Ny status", [(INS, "Ny status")]),
        ("Gammel status", "", [(D, "Gammel status")]),
        (
            "Projektet er forsinket",
            "Projektet er afsluttet",
            [(E, "Projektet er "), (D, "forsinket"), (INS, "afsluttet")],
        ),
        (
            "Planen er godkendt",
            "Planen er nu godkendt",
            [(E, "Planen er "), (INS, "nu "), (E, "godkendt")],
        ),
        (
            "Planen er ikke godkendt",
            "Planen er godkendt",
            [(E, "Planen er "), (D, "ikke "), (E, "godkendt")],
        ),
        # Two changed words with only a space between them read as one change each way.
        (
            "Status: rød gul farve",
            "Status: blå grøn farve",
            [(E, "Status: "), (D, "rød gul"), (INS, "blå grøn"), (E, " farve")],
        ),
        # Line breaks are kept as they are.
        ("a\n\nb", "a\n\nc", [(E, "a\n\n"), (D, "b"), (INS, "c")]),
    ],
)
def test_word_diff_marks_whole_words(old, new, expected):
    assert word_diff(old, new) == [Segment(op, text) for op, text in expected]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "", ""),
        ("uændret", "uændret", "uændret"),
        (
            "før",
            "efter",
            '<del><span class="visually-hidden">slettet: </span>før</del>'
            '<ins><span class="visually-hidden">tilføjet: </span>efter</ins>',
        ),
        (
            "a <b>",
            "a <script>x</script>",
            'a <del><span class="visually-hidden">slettet: </span>&lt;b&gt;</del>'
            '<ins><span class="visually-hidden">tilføjet: </span>'
            "&lt;script&gt;x&lt;/script&gt;</ins>",
        ),
        (
            'Tom & "Jerry"',
            'Tom & "Jerry" igen',
            'Tom &amp; &quot;Jerry&quot;<ins><span class="visually-hidden">tilføjet: </span>'
            " igen</ins>",
        ),
    ],
)
def test_diff_html_escapes_everything_and_labels_changes_for_screen_readers(old, new, expected):
    assert diff_html(old, new) == expected


def test_diff_html_uses_the_labels_it_is_given_escaped():
    html = diff_html("a", "b", added_label="added <:", deleted_label="deleted:")
    assert '<span class="visually-hidden">added &lt;: </span>' in html
    assert '<span class="visually-hidden">deleted: </span>' in html


def test_very_long_texts_become_one_deletion_and_one_insertion():
    old = "ord " * (MAX_TOKENS)
    new = old + "mere"
    assert word_diff(old, new) == [Segment(D, old), Segment(INS, new)]
    assert word_diff(old, old) == [Segment(E, old)]


def test_tokens_lose_nothing():
    text = "  Status:\n\nProjektet  er\tforsinket. "
    assert "".join(tokens(text)) == text


words = st.lists(st.sampled_from(["a", "b", "c", "æ", "ø", " ", "\n", "<", "&"]), max_size=30)


@given(words, words)
def test_the_old_side_and_the_new_side_can_be_read_back(old_parts, new_parts):
    old, new = "".join(old_parts), "".join(new_parts)
    segments = word_diff(old, new)
    assert "".join(s.text for s in segments if s.op is not Op.INSERT) == old
    assert "".join(s.text for s in segments if s.op is not Op.DELETE) == new
