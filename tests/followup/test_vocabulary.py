"""One word per concept: the vocabulary, and the places that take their words from it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from opfolgning.followup.vocabulary import KIND_WORDS, kind_word, kind_words, long_date

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


@pytest.mark.parametrize(
    "day, language, expected",
    [
        (dt.date(2019, 10, 9), "da", "9. oktober 2019"),
        (dt.date(2019, 10, 9), "en", "9 October 2019"),
        (dt.date(2026, 5, 1), "en-gb", "1 May 2026"),
        (dt.date(2026, 12, 31), "da-dk", "31. december 2026"),
    ],
)
def test_long_dates_in_danish_and_english(day, language, expected):
    assert long_date(day, language) == expected


def test_every_long_date_on_pages_documents_and_mails_is_the_vocabularys():
    # Babel's long format gave the same words; one function now writes them everywhere.
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "format_date(" not in text.replace("def format_date", ""), path
        assert not re.search(r'"januar",?\s*"februar"|januar februar', text) or (
            path.name == "vocabulary.py"
        ), path


def test_the_importer_reads_the_month_names_the_vocabulary_writes():
    from opfolgning.importers.text import DANISH_MONTHS

    assert {long_date(dt.date(2026, m, 1)).split()[1]: m for m in range(1, 13)} == DANISH_MONTHS
