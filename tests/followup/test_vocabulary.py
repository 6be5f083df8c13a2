"""One word per concept: the vocabulary, and the places that take their words from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opfolgning.followup.vocabulary import KIND_WORDS, kind_word, kind_words

SRC = Path(__file__).resolve().parents[2] / "src" / "opfolgning"


def test_kind_words_in_danish_and_english():
    assert kind_words() == {"capital": "Anlæg", "operating": "Drift"}
    assert kind_words("en") == {"capital": "Capital", "operating": "Operating"}
    assert kind_word("capital", "en-gb") == "Capital"
    assert kind_word("unknown") == "unknown"


def test_django_choices_and_the_english_catalogue_use_the_same_words():
    from opfolgning.agreements.models import Kind

    assert {k.value: str(k.label) for k in Kind} == kind_words()
    po = (SRC / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for word in KIND_WORDS.values():
        assert f'msgid "{word.da}"\nmsgstr "{word.en}"' in po
        assert f'msgid "{word.da.lower()}"\nmsgstr "{word.en.lower()}"' in po


@pytest.mark.parametrize("word", ["Anlæg", "Drift"])
def test_the_kind_words_are_written_only_in_the_vocabulary_outside_migrations(word):
    places = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and path.name != "vocabulary.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(rf'["\']{word}["\']', line)
    ]
    assert places == []
