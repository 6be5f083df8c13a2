"""The words of the domain, in one place: what users read for each value (Danish, English).

Pages, documents, open data and the API take their words from here; Django's choices are
built from the same words (their translations to English are in the message catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .document import KIND_CAPITAL, KIND_OPERATING


@dataclass(frozen=True)
class Word:
    """One concept's word in Danish (the documents' language) and in English."""

    da: str
    en: str

    def in_language(self, language: str = "da") -> str:
        """Return the word in ``language`` ("da" or "en"; anything else is Danish)."""
        return self.en if language.startswith("en") else self.da


# Capital project (anlæg) or operating item (drift): the kind of an initiative and of money.
KIND_WORDS: dict[str, Word] = {
    KIND_CAPITAL: Word("Anlæg", "Capital"),
    KIND_OPERATING: Word("Drift", "Operating"),
}


def kind_word(kind: str, language: str = "da") -> str:
    """Return the word for an initiative's kind ("capital" → "Anlæg"); unknown kinds as given."""
    word = KIND_WORDS.get(kind)
    return word.in_language(language) if word else kind


def kind_words(language: str = "da") -> dict[str, str]:
    """Return every kind's word: {"capital": "Anlæg", "operating": "Drift"}."""
    return {kind: word.in_language(language) for kind, word in KIND_WORDS.items()}


# Dates: "9. oktober 2019" in Danish, "9 October 2019" in English (not strftime: its month
# names follow the process locale).
MONTHS_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Danish month name → its number, for reading dates ("9. oktober 2019").
MONTH_NUMBERS_DA = {name: number for number, name in enumerate(MONTHS_DA, start=1)}


def long_date(day: date, language: str = "da") -> str:
    """Return a date as words: "12. marts 2019" (da) or "12 March 2019" (en)."""
    if language.startswith("en"):
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"
