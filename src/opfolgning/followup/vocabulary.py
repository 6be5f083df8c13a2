"""The words of the domain, in one place: what users read for each value (Danish, English).

Pages, documents, open data and the API take their words from here; Django's choices are
built from the same words (their translations to English are in the message catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass

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
