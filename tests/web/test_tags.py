"""web.templatetags.opfolgning_tags: the state mark and word, and one reverse for a list."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from opfolgning.web.templatetags.opfolgning_tags import state, status_of


@pytest.mark.parametrize("number", ["4.1", "A 3", "æ1?", "x'", "a%b", "12.10"])
def test_a_status_url_from_the_one_reversed_url_is_the_one_reverse_gives(number):
    once = reverse("web:status", args=[2026, 4, "-"])
    assert status_of(once, number) == reverse("web:status", args=[2026, 4, number])


def test_a_url_not_reversed_for_the_status_page_is_refused():
    with pytest.raises(ValueError, match="not a status URL"):
        status_of("/aftaler/2026/", "4.1")


def test_a_state_has_its_mark_hidden_from_screen_readers_and_its_word_in_the_language():
    html = state("returned")
    assert html == (
        '<span class="state state-returned"><span class="state-mark" aria-hidden="true">↩'
        "</span> sendt retur</span>"
    )
    with translation.override("en"):
        assert "</span> returned</span>" in state("returned")
    assert "</span> &lt;x&gt;</span>" in state("<x>")  # an unknown state, escaped
