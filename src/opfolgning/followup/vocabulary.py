"""The words of the domain, in one place: what users read for each value (Danish, English).

Pages, documents, open data and the API take their words from here; Django's choices are
built from the same words (their translations to English are in the message catalogue).
docs/glossary.md lists them. This module is the bottom of the domain: it imports nothing of
the project but `money` (how an amount is written).

- kinds (anlæg/drift, or both), smileys, budget change kinds and statuses, round and status states;
- dates ("9. oktober 2019");
- amounts ("1,5 mio. kr.");
- the names of rounds: the title's ordinal ("Tredje opfølgning på …"), the round cell
  ("3. budgetopfølgning 2019", "31.12.2019") and the short name ("3. opfølgning",
  "Pr. 31.12."), and reading them back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .money import format_dkk

#: The values of an initiative's kind (and of a budget line's kind of money).
KIND_CAPITAL = "capital"
KIND_OPERATING = "operating"
#: An initiative with both a capital and an operating part ("Anlæg og drift"). Money is
#: always one or the other: a budget line or change of such an initiative is capital or
#: operating.
KIND_BOTH = "capital_and_operating"
#: The kinds of money (a budget line's, a budget change's).
MONEY_KINDS = (KIND_CAPITAL, KIND_OPERATING)
#: The kinds of an initiative: one kind of money, or both.
INITIATIVE_KINDS = (KIND_CAPITAL, KIND_OPERATING, KIND_BOTH)


def _(text: str) -> str:
    """Mark a Danish word for the message catalogue (`makemessages` finds it here).

    The domain translates nothing itself: a Django choice built from the word is translated
    where it is shown, through the catalogue, whose English must be the word's English
    (tests/followup/test_vocabulary.py checks that).
    """
    return text


@dataclass(frozen=True)
class Word:
    """One concept's word in Danish (the documents' language) and in English."""

    da: str
    en: str

    def in_language(self, language: str = "da") -> str:
        """Return the word in ``language`` ("da" or "en"; anything else is Danish)."""
        return self.en if language.startswith("en") else self.da


# Capital project (anlæg), operating item (drift) or both: the kind of an initiative; the
# first two are also the kinds of money.
KIND_WORDS: dict[str, Word] = {
    KIND_CAPITAL: Word(_("Anlæg"), "Capital"),
    KIND_OPERATING: Word(_("Drift"), "Operating"),
    KIND_BOTH: Word(_("Anlæg og drift"), "Capital and operating"),
}


def kind_word(kind: str, language: str = "da") -> str:
    """Return the word for an initiative's kind ("capital" → "Anlæg"); unknown kinds as given."""
    word = KIND_WORDS.get(kind)
    return word.in_language(language) if word else kind


def kind_words(language: str = "da") -> dict[str, str]:
    """Return every initiative kind's word: {"capital": "Anlæg", "operating": "Drift",
    "capital_and_operating": "Anlæg og drift"}."""
    return {kind: word.in_language(language) for kind, word in KIND_WORDS.items()}


def money_kind_words(language: str = "da") -> dict[str, str]:
    """Return the words of the kinds of money: {"capital": "Anlæg", "operating": "Drift"}."""
    return {kind: KIND_WORDS[kind].in_language(language) for kind in MONEY_KINDS}


# What a kind cell may say besides a key or a word: "Anlæg/drift", "Drift & anlæg",
# "Både anlæg og drift", "capital and operating" all name both kinds.
_KIND_PARTS: dict[str, str] = {
    "anlæg": KIND_CAPITAL,
    "capital": KIND_CAPITAL,
    "drift": KIND_OPERATING,
    "operating": KIND_OPERATING,
}
_KIND_JOINER_RE = re.compile(r"\s*(?:[/&+,]|\bog\b|\bsamt\b|\band\b)\s*")
_KIND_BOTH_PREFIX_RE = re.compile(r"^(?:både|both)\s+")


def kind_key(text: str) -> str | None:
    """Return the initiative kind a cell names, or None if it names none.

    Reads a key ("capital"), a word in either language ("Anlæg", "Operating", "Anlæg og
    drift") and the ways people write both kinds: "Anlæg/drift", "Drift og anlæg",
    "Anlæg & drift", "Både anlæg og drift". Case, spaces and a closing period or colon do
    not matter. The importers read every kind cell with this.
    """
    wanted = " ".join(text.split()).casefold().rstrip(".:").strip()
    if not wanted:
        return None
    for key, word in KIND_WORDS.items():
        if wanted in (key, word.da.casefold(), word.en.casefold()):
            return key
    pieces = _KIND_JOINER_RE.split(_KIND_BOTH_PREFIX_RE.sub("", wanted))
    if len(pieces) == 1:
        return _KIND_PARTS.get(wanted)  # "både anlæg" names no kind
    kinds = [_KIND_PARTS.get(piece) for piece in pieces if piece]
    return KIND_BOTH if sorted(map(str, kinds)) == sorted(MONEY_KINDS) else None


#: What an importer's message says a kind cell may hold.
KIND_CELL_EXPECTED = "Anlæg or Drift (or Anlæg og drift for both)"


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


# --- smileys -----------------------------------------------------------------------------

#: The smiley levels' words (keys are followup.smileys.Smiley values). The reading guide, the
#: forms, the documents and open data all use these three words.
SMILEY_WORDS: dict[str, Word] = {
    "happy": Word(_("glad"), "happy"),
    "neutral": Word(_("mellemfornøjet"), "neutral"),
    "sad": Word(_("sur"), "sad"),
}
#: What each effort smiley means, in the reading guide's words (the status form's choices).
EFFORT_MEANINGS: dict[str, Word] = {
    "happy": Word(_("milepælen er nået"), "the milestone is reached"),
    "neutral": Word(
        _("milepælen er ikke helt nået, men målet er stadig realistisk inden for budgetperioden"),
        "the milestone is not quite reached, but the goal is still realistic within the budget "
        "period",
    ),
    "sad": Word(
        _(
            "milepælen er ikke nået, og den er ikke realistisk på de givne vilkår – skriv en "
            "korrigerende handling"
        ),
        "the milestone is not reached and is not realistic on the given terms – write a "
        "corrective action",
    ),
}
#: What each economy smiley means, in the reading guide's words.
ECONOMY_MEANINGS: dict[str, Word] = {
    "happy": Word(
        _("budgettet holder, eller sparemålet nås"), "the budget holds, or the saving target is met"
    ),
    "sad": Word(
        _("budgettet holder ikke, eller sparemålet nås ikke"),
        "the budget does not hold, or the saving target is not met",
    ),
}
#: A round with no smiley (charts, filters).
NO_SMILEY = Word("ingen", "none")


def smiley_word(smiley: str | None, language: str = "da") -> str:
    """Return a smiley's word ("happy" → "glad"); no smiley as ""."""
    if not smiley:
        return ""
    word = SMILEY_WORDS.get(str(smiley))
    return word.in_language(language) if word else str(smiley)


# --- budget changes ----------------------------------------------------------------------

#: What a budget change does (keys are followup.budget.ChangeKind values).
CHANGE_KIND_WORDS: dict[str, Word] = {
    "postponement": Word(_("udskydelse"), "postponement"),
    "increase": Word(_("forhøjelse"), "increase"),
    "cut": Word(_("reduktion"), "cut"),
    "saving_target": Word(_("sparemål"), "saving target"),
}
#: Words used for the same kinds before they were unified (issue 13): still read on input.
FORMER_CHANGE_KIND_WORDS: dict[str, str] = {
    "udskydelse mellem år": "postponement",
    "tilførsel": "increase",
    "besparelse": "cut",
    "besparelseskrav": "saving_target",
    "besparelsesmål": "saving_target",
}
#: Where a budget change stands with the city council (followup.budget.ChangeStatus values).
CHANGE_STATUS_WORDS: dict[str, Word] = {
    "proposed": Word(_("foreslået"), "proposed"),
    "approved": Word(_("godkendt"), "approved"),
    "rejected": Word(_("afvist"), "rejected"),
}


def change_kind_word(kind: str, language: str = "da") -> str:
    """Return a change kind's word ("saving_target" → "sparemål"); unknown kinds as given."""
    word = CHANGE_KIND_WORDS.get(kind)
    return word.in_language(language) if word else kind


def change_kind_key(text: str) -> str | None:
    """Return the change kind a value names: its key, its word in either language, or a word
    used before (tilførsel, besparelseskrav, besparelsesmål …); None if it names none."""
    wanted = " ".join(text.split()).casefold()
    for key, word in CHANGE_KIND_WORDS.items():
        if wanted in (key, word.da, word.en):
            return key
    return FORMER_CHANGE_KIND_WORDS.get(wanted)


# --- the round and each initiative's status in it ------------------------------------------

#: Where a follow-up round is.
ROUND_STATE_WORDS: dict[str, Word] = {
    "planned": Word(_("planlagt"), "planned"),
    "open": Word(_("åben"), "open"),
    "closed": Word(_("lukket"), "closed"),
    "published": Word(_("offentliggjort"), "published"),
}
#: Where one initiative's status is in a round.
SUBMISSION_STATE_WORDS: dict[str, Word] = {
    "not_started": Word(_("ikke påbegyndt"), "not started"),
    "draft": Word(_("kladde"), "draft"),
    "submitted": Word(_("indsendt"), "submitted"),
    "returned": Word(_("sendt retur"), "returned"),
    "approved": Word(_("godkendt"), "approved"),
}


def approval_word(approval: str, language: str = "da") -> str:
    """Return where a status stands in the review, as a report marks it: "Godkendt",
    "Sendt retur – ikke godkendt" …; "" for a round without review."""
    word = SUBMISSION_STATE_WORDS.get(approval)
    if word is None:
        return ""
    text = word.in_language(language)
    text = text[:1].upper() + text[1:]
    if approval in ("approved", "not_started"):
        return text  # "Ikke påbegyndt" says it already
    return text + (" – not approved" if language.startswith("en") else " – ikke godkendt")


#: What a user does in Opfølgning (accounts.models.Role); the Danish words also name the roles'
#: Django groups, which are stored data and stay Danish.
ROLE_WORDS: dict[str, Word] = {
    "finance_officer": Word(_("Økonomikonsulent"), "Finance officer"),
    "department_editor": Word(_("Redaktør for center"), "Center editor"),
    "committee_reader": Word(_("Udvalgslæser"), "Committee reader"),
}
#: Where a generated report file is (delivery.reports).
REPORT_FILE_WORDS: dict[str, Word] = {
    "pending": Word(_("venter"), "pending"),
    "running": Word(_("dannes"), "being made"),
    "done": Word(_("færdig"), "done"),
    "failed": Word(_("fejlet"), "failed"),
}

#: Where an uploaded import is in its life (agreements.models.ImportRecord.status).
IMPORT_STATUS_WORDS: dict[str, Word] = {
    "reading": Word(_("læses"), "being read"),
    "ready": Word(_("klar til gennemsyn"), "ready to review"),
    "stored": Word(_("gemt"), "stored"),
    "failed": Word(_("afvist"), "refused"),
    "discarded": Word(_("kasseret"), "discarded"),
}

#: What an uploaded file is: a report (adds to or updates what is stored) or the adopted
#: agreement (its initiatives and planned milestones; every round planned).
IMPORT_KIND_WORDS: dict[str, Word] = {
    "report": Word(_("opfølgningsrapport"), "follow-up report"),
    "agreement": Word(_("vedtaget aftale"), "adopted agreement"),
}


# --- amounts -------------------------------------------------------------------------------


def theme_name(number: str, title: str, language: str = "da") -> str:
    """Return a theme's heading: "2. En stærk uddannelsesby", or "Tema 2" without a title."""
    if title.strip():
        return f"{number}. {title.strip()}"
    return f"{'Theme' if language.startswith('en') else 'Tema'} {number}"


#: An amount that is not known (not zero): "ikke angivet".
NOT_GIVEN = Word(_("ikke angivet"), "not given")


def amount(kroner: int, language: str = "da") -> str:
    """Return whole kroner as text: "1,5 mio. kr." (da), "DKK 1.5 million" (en)."""
    return format_dkk(kroner, "en" if language.startswith("en") else "da")


def signed_amount(kroner: int, language: str = "da") -> str:
    """Return a change's amount with its sign shown: "+1 mio. kr.", "-1 mio. kr."."""
    text = amount(kroner, language)
    return f"+{text}" if kroner > 0 else text


def signed_amounts(by_year: Mapping[int, int], language: str = "da") -> str:
    """Return a change's amounts by year: "-1 mio. kr. i 2019, +1 mio. kr. i 2020"."""
    joiner = " in " if language.startswith("en") else " i "
    return ", ".join(
        f"{signed_amount(kroner, language)}{joiner}{year}"
        for year, kroner in sorted(by_year.items())
    )


# --- the names of rounds -------------------------------------------------------------------

ROUND_NUMBERS = (1, 2, 3, 4)
#: The ordinal that opens a report's title: "Tredje opfølgning på …". Round 4 is the final
#: follow-up, per 31 December.
ROUND_ORDINALS: dict[int, Word] = {
    1: Word("Første", "First"),
    2: Word("Anden", "Second"),
    3: Word("Tredje", "Third"),
    4: Word("Endelig", "Final"),
}
#: Ordinals as read in titles (fjerde is an older name for the final one).
ORDINAL_ROUNDS = {"første": 1, "anden": 2, "tredje": 3, "fjerde": 4, "endelig": 4}
FINAL_ROUND = 4


#: What a report that is not final calls itself, on every page and in every file.
DRAFT_WORD = Word(_("Kladde – ikke offentliggjort"), "Draft – not published")


def round_ordinal(round_number: int, language: str = "da") -> str:
    """Return the title's ordinal of a round: 3 → "Tredje"; anything past 4 is the final one."""
    return ROUND_ORDINALS.get(round_number, ROUND_ORDINALS[FINAL_ROUND]).in_language(language)


def round_title(round_number: int, agreement: str, for_whom: str) -> str:
    """Return a report's title: "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget"."""
    return f"{round_ordinal(round_number)} opfølgning på {agreement} for {for_whom}"


def round_label(round_number: int, year: int) -> str:
    """Return a round's cell in a report: "3. budgetopfølgning 2019"; the final one "31.12.2019"."""
    if round_number == FINAL_ROUND:
        return f"31.12.{year}"
    return f"{round_number}. budgetopfølgning {year}"


def round_heading(round_number: int, label: str) -> str:
    """Return a round as a page names it: its label ("3. budgetopfølgning 2019"); a final
    round labelled by its date alone reads "Endelig opfølgning pr. 31.12.2019", as its
    report's title calls it."""
    label = label.strip()
    if not label:
        return f"{round_number}. opfølgning"
    if round_number == FINAL_ROUND and re.fullmatch(r"[0-9.\s]+", label):
        return f"{round_ordinal(FINAL_ROUND)} opfølgning pr. {label}"
    return label


def round_name(round_number: int, language: str = "da") -> str:
    """Return a round's short name: "3. opfølgning" / "Round 3"; the final one "Pr. 31.12."."""
    if round_number == FINAL_ROUND:
        return Word("Pr. 31.12.", "Per 31 Dec").in_language(language)
    return Word(f"{round_number}. opfølgning", f"Round {round_number}").in_language(language)


def round_phrase(round_number: int, language: str = "da") -> str:
    """Return a round as named mid-sentence: "3. opfølgning" / "round 3"; the final one
    "opfølgningen pr. 31.12." / "the final follow-up (31 Dec)"."""
    if round_number == FINAL_ROUND:
        return Word("opfølgningen pr. 31.12.", "the final follow-up (31 Dec)").in_language(language)
    return Word(f"{round_number}. opfølgning", f"round {round_number}").in_language(language)


@dataclass(frozen=True)
class TitleFacts:
    """What a title line says: round, agreement and committee."""

    title: str
    round: int
    agreement: str
    year: int
    committee: str


_TITLE_RE = re.compile(
    r"^(?:(?P<ord>første|anden|tredje|fjerde|endelig)\s+|(?P<n>[1-4])\.\s*)?"
    r"(?:budget)?-?opfølgning\b(?P<mid>.*?)\s+på\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# A title without an ordinal names its round by its date: "Opfølgning pr. 31. december 2024
# på …" is the final one.
_FINAL_DATE_RE = re.compile(r"\b31\.\s*(?:12\b|dec(?:ember\b|\.|\b))", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(\d{4})\b")
_ROUND_RE = re.compile(
    r"^(?P<n>[1-4])\.?\s*(?:budget\s*-?\s*)?opfølgning\b"
    r"|^(?P<ord>første|anden|tredje|fjerde|endelig)\s+(?:budget\s*-?\s*)?opfølgning\b",
    re.IGNORECASE,
)
_FINAL_RE = re.compile(
    r"^(?:pr\.?\s*)?31\.\s*12\.?(?:\s*\d{2,4})?$|^(?:endelig|fjerde)\b", re.IGNORECASE
)


def parse_title(text: str) -> TitleFacts | None:
    """Read a title like round_title's ("Tredje opfølgning på … for …"); None if it is not one.

    Also read: "3. budgetopfølgning på …", a final round named by its date alone
    ("Endelig opfølgning pr. 31. december 2024 på …", "Opfølgning pr. 31.12.2024 på …"), and
    a title without " for …" (its committee is "").

    `text` is one line of plain text (an importer strips its format's marks first).
    """
    text = " ".join(text.split())
    m = _TITLE_RE.match(text)
    if m is None:
        return None
    if m["ord"]:
        round_number = ORDINAL_ROUNDS[m["ord"].casefold()]
    elif m["n"]:
        round_number = int(m["n"])
    elif _FINAL_DATE_RE.search(m["mid"]):
        round_number = FINAL_ROUND
    else:
        return None
    # The agreement name runs to the first " for " after its year; the committee follows.
    # A title without " for …" names no committee (committee "").
    rest = m["rest"]
    year = _YEAR_RE.search(rest)
    if year is None:
        return None
    cut = rest.find(" for ", year.end())
    if (cut >= 0 and not rest[cut + 5 :].strip()) or rest.endswith(" for"):
        return None
    return TitleFacts(
        title=text,
        round=round_number,
        agreement=(rest[:cut] if cut >= 0 else rest).strip().rstrip("."),
        year=int(year[1]),
        committee=rest[cut + 5 :].strip() if cut >= 0 else "",
    )


def parse_round_label(label: str) -> int | None:
    """Return the round (1–4) a round cell names, or None.

    Reads "3. budgetopfølgning 2019", "3. opfølgning 2024", "Tredje opfølgning", "Endelig
    opfølgning 2024", "Endelig opfølgning pr. 31.12.2024", "31.12.2019" and "pr. 31.12.2019".
    """
    text = " ".join(label.split())
    if m := _ROUND_RE.match(text):
        return int(m["n"]) if m["n"] else ORDINAL_ROUNDS[m["ord"].casefold()]
    if _FINAL_RE.match(text):
        return FINAL_ROUND
    return None


# Where an importer found something ("table 3, row 2, initiative 1.1, round 2"): the
# importers write places in these words, and pages show them in the reader's language.
PLACE_WORDS: dict[str, Word] = {
    "line": Word("linje", "line"),
    "table": Word("tabel", "table"),
    "row": Word("række", "row"),
    "column": Word("kolonne", "column"),
    "sheet": Word("ark", "sheet"),
    "initiative": Word("indsats", "initiative"),
    "theme": Word("tema", "theme"),
    "economy": Word("økonomi", "economy"),
    "header": Word("sidehoved", "header"),
    "title": Word("titel", "title"),
    "after table": Word("efter tabel", "after table"),
    "before the first table": Word("før første tabel", "before the first table"),
}
_PLACE_PART_RE = re.compile(
    r"^(?P<word>before the first table|after table|[a-z]+)(?P<rest>(?:\s.*)?)$", re.DOTALL
)
_ROUND_PART_RE = re.compile(r"^round (?P<n>[1-4])$")


def place(where: str, language: str = "da") -> str:
    """Return an importer's place ("line 12, initiative 1.1, round 3") in `language`.

    Each comma-separated part that starts with a place word is translated ("linje 12,
    indsats 1.1, 3. opfølgning"); any other part (a sheet's name, free text) stays as it is.
    """
    if language.startswith("en"):
        return where
    parts = []
    for part in where.split(", "):
        if m := _ROUND_PART_RE.match(part):
            parts.append(round_phrase(int(m["n"]), language))
        elif (m := _PLACE_PART_RE.match(part)) and m["word"] in PLACE_WORDS:
            parts.append(PLACE_WORDS[m["word"]].in_language(language) + m["rest"])
        else:
            parts.append(part)
    return ", ".join(parts)
