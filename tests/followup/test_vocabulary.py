"""One word per concept: the vocabulary, and the places that take their words from it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from opfolgning.followup import vocabulary
from opfolgning.followup.vocabulary import (
    CHANGE_KIND_WORDS,
    INITIATIVE_KINDS,
    KIND_BOTH,
    KIND_CELL_EXPECTED,
    KIND_WORDS,
    MONEY_KINDS,
    amount,
    change_kind_key,
    kind_key,
    kind_word,
    kind_words,
    long_date,
    money_kind_words,
    parse_round_label,
    parse_title,
    round_label,
    round_name,
    round_title,
    signed_amount,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "opfolgning"


def test_kind_words_in_danish_and_english():
    assert kind_words() == {
        "capital": "Anlæg",
        "operating": "Drift",
        "capital_and_operating": "Anlæg og drift",
    }
    assert kind_words("en") == {
        "capital": "Capital",
        "operating": "Operating",
        "capital_and_operating": "Capital and operating",
    }
    assert kind_word("capital", "en-gb") == "Capital"
    assert kind_word(KIND_BOTH) == "Anlæg og drift"
    assert kind_word("unknown") == "unknown"


def test_money_is_capital_or_operating_never_both():
    assert money_kind_words() == {"capital": "Anlæg", "operating": "Drift"}
    assert money_kind_words("en") == {"capital": "Capital", "operating": "Operating"}
    assert MONEY_KINDS == ("capital", "operating")
    assert INITIATIVE_KINDS == ("capital", "operating", "capital_and_operating")


@pytest.mark.parametrize(
    "cell, key",
    [
        ("Anlæg", "capital"),
        ("drift", "operating"),
        ("DRIFT.", "operating"),
        ("capital", "capital"),
        ("Operating", "operating"),
        ("Anlæg og drift", KIND_BOTH),
        ("anlæg  og\tdrift", KIND_BOTH),
        ("Drift og anlæg", KIND_BOTH),
        ("Anlæg/drift", KIND_BOTH),
        ("Anlæg / Drift", KIND_BOTH),
        ("Anlæg & drift", KIND_BOTH),
        ("Anlæg, drift", KIND_BOTH),
        ("Anlæg samt drift", KIND_BOTH),
        ("Både anlæg og drift", KIND_BOTH),
        ("Capital and operating", KIND_BOTH),
        ("capital_and_operating", KIND_BOTH),
        ("", None),
        ("Tid", None),
        ("Dr", None),
        ("Anlæg og", None),  # cut off: not silently capital
        ("både anlæg", None),
        ("Anlæg og anlæg", None),
        ("Anlæg og drift og tid", None),
    ],
)
def test_kind_key_reads_every_way_a_kind_cell_is_written(cell, key):
    assert kind_key(cell) == key


def test_the_kind_cell_message_names_both():
    assert "Anlæg or Drift" in KIND_CELL_EXPECTED
    assert "Anlæg og drift" in KIND_CELL_EXPECTED


def test_django_choices_and_the_english_catalogue_use_the_same_words():
    from opfolgning.agreements.models import Kind, MoneyKind

    assert {k.value: str(k.label) for k in Kind} == kind_words()
    assert {k.value: str(k.label) for k in MoneyKind} == money_kind_words()
    po = (SRC / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for word in KIND_WORDS.values():
        assert f'msgid "{word.da}"\nmsgstr "{word.en}"' in po


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


def test_every_django_choice_is_a_domain_value_with_the_vocabularys_word():
    from opfolgning.agreements import models
    from opfolgning.followup import budget, vocabulary
    from opfolgning.followup.smileys import ECONOMY_SCALE, EFFORT_SCALE

    def pairs(choices):
        return {c.value: str(c.label) for c in choices}

    assert pairs(models.EffortSmiley) == {s.value: vocabulary.smiley_word(s) for s in EFFORT_SCALE}
    assert pairs(models.EconomySmiley) == {
        s.value: vocabulary.smiley_word(s) for s in ECONOMY_SCALE
    }
    assert pairs(models.ChangeKind) == {
        k.value: vocabulary.change_kind_word(k.value) for k in budget.ChangeKind
    }
    assert pairs(models.ChangeStatus) == {
        k.value: vocabulary.CHANGE_STATUS_WORDS[k.value].da for k in budget.ChangeStatus
    }
    assert pairs(models.RoundState) == {k: w.da for k, w in vocabulary.ROUND_STATE_WORDS.items()}
    assert pairs(models.SubmissionState) == {
        k: w.da for k, w in vocabulary.SUBMISSION_STATE_WORDS.items()
    }


def test_a_budget_change_has_one_word_on_the_form_the_report_and_in_open_data():
    from opfolgning.agreements.models import ChangeKind
    from opfolgning.exporters import open_data
    from opfolgning.web.forms import CHANGE_KIND_CHOICES

    # The words this issue unified: "Tilførsel" and "Besparelseskrav" are gone from the form.
    assert {k: str(label) for k, label in CHANGE_KIND_CHOICES} == {
        "postponement": "Udskydelse",
        "increase": "Forhøjelse",
        "cut": "Reduktion",
        "saving_target": "Sparemål",
    }
    assert {c.value: str(c.label).capitalize() for c in ChangeKind} == {
        k: str(label) for k, label in CHANGE_KIND_CHOICES
    }
    schema = open_data.json_schema("https://example.org/schema.json")

    def find(node):
        if isinstance(node, dict):
            if node.get("enum") == list(CHANGE_KIND_WORDS):
                return node
            return next((f for v in node.values() if (f := find(v))), None)
        if isinstance(node, list):
            return next((f for v in node if (f := find(v))), None)
        return None

    kind = find(schema)
    assert kind is not None
    for word in ("forhøjelse", "reduktion", "sparemål"):
        assert word in kind["description"]
    for former in ("tilførsel", "besparelsesmål"):
        assert former not in json.dumps(schema, ensure_ascii=False)


@pytest.mark.parametrize(
    "given, key",
    [
        ("increase", "increase"),
        ("forhøjelse", "increase"),
        ("Tilførsel", "increase"),
        ("saving target", "saving_target"),
        (" Besparelseskrav ", "saving_target"),
        ("besparelsesmål", "saving_target"),
        ("besparelse", "cut"),
        ("Udskydelse mellem år", "postponement"),
        ("gave", None),
    ],
)
def test_change_kinds_are_read_by_key_by_word_and_by_a_former_word(given, key):
    assert change_kind_key(given) == key


def test_the_interchange_still_reads_a_change_written_with_a_former_word():
    from opfolgning.followup.document import budget_from_dict

    budget = budget_from_dict(
        {
            "lines": [{"year": 2026, "kind": "capital", "amount": 1_000_000}],
            "changes": [
                {"kind": "tilførsel", "amounts": [{"year": 2026, "amount": 500_000}]},
                {"kind": "Besparelsesmål", "amounts": [{"year": 2026, "amount": -100_000}]},
            ],
        }
    )
    assert [c.kind for c in budget.changes] == ["increase", "saving_target"]


@pytest.mark.parametrize(
    "number, title, label, name_da, name_en",
    [
        (1, "Første", "1. budgetopfølgning 2019", "1. opfølgning", "Round 1"),
        (3, "Tredje", "3. budgetopfølgning 2019", "3. opfølgning", "Round 3"),
        (4, "Endelig", "31.12.2019", "Pr. 31.12.", "Per 31 Dec"),
    ],
)
def test_the_names_of_a_round_and_reading_them_back(number, title, label, name_da, name_en):
    full = round_title(number, "Aftale om budget 2019", "Økonomiudvalget")
    assert full == f"{title} opfølgning på Aftale om budget 2019 for Økonomiudvalget"
    facts = parse_title(full)
    assert facts is not None
    assert (facts.round, facts.agreement, facts.year, facts.committee) == (
        number,
        "Aftale om budget 2019",
        2019,
        "Økonomiudvalget",
    )
    assert round_label(number, 2019) == label
    assert parse_round_label(label) == number
    assert round_name(number) == name_da
    assert round_name(number, "en") == name_en


def test_round_names_are_written_only_in_the_vocabulary():
    ordinals = re.compile(r'"Første"|"Tredje"|"Endelig"|budgetopfølgning \{')
    places = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and path.name != "vocabulary.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ordinals.search(line)
    ]
    assert places == []


def test_amounts_are_written_by_the_vocabulary():
    assert amount(1_500_000) == "1,5 mio. kr."
    assert amount(1_500_000, "en-gb") == "DKK 1.5 million"
    assert signed_amount(250_000) == "+250.000 kr."
    assert signed_amount(-1_000_000) == "-1 mio. kr."


WORD_TABLES = [
    "KIND_WORDS",
    "SMILEY_WORDS",
    "CHANGE_KIND_WORDS",
    "CHANGE_STATUS_WORDS",
    "ROUND_STATE_WORDS",
    "SUBMISSION_STATE_WORDS",
    "ROLE_WORDS",
    "REPORT_FILE_WORDS",
]


@pytest.mark.parametrize("table", WORD_TABLES)
def test_the_english_catalogue_says_what_the_vocabulary_says(table):
    # Django's choices are translated through the catalogue: its English must be the
    # vocabulary's English, or a page and an API answer would disagree.
    from opfolgning.followup import vocabulary

    po = (SRC / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for word in getattr(vocabulary, table).values():
        assert f'msgid "{word.da}"\nmsgstr "{word.en}"' in po, word


def test_roles_and_report_file_states_are_the_vocabularys_words():
    from opfolgning.accounts.models import ROLE_GROUPS, Role
    from opfolgning.agreements.models import ReportFileStatus
    from opfolgning.followup import vocabulary

    assert {r.value: str(r.label) for r in Role} == {
        k: w.da for k, w in vocabulary.ROLE_WORDS.items()
    }
    assert {r.value: g for r, g in ROLE_GROUPS.items()} == {
        k: w.da for k, w in vocabulary.ROLE_WORDS.items()
    }
    assert {s.value: str(s.label) for s in ReportFileStatus} == {
        k: w.da for k, w in vocabulary.REPORT_FILE_WORDS.items()
    }


def test_the_review_state_marks_say_each_thing_once():
    from opfolgning.followup.vocabulary import approval_word

    assert approval_word("approved") == "Godkendt"
    assert approval_word("returned") == "Sendt retur – ikke godkendt"
    assert approval_word("not_started") == "Ikke påbegyndt"
    assert approval_word("submitted", "en") == "Submitted – not approved"
    assert approval_word("") == ""


def test_a_final_round_labelled_by_its_date_is_named_as_its_report_calls_it():
    from opfolgning.followup.vocabulary import round_heading

    assert round_heading(4, "31.12.2026") == "Endelig opfølgning pr. 31.12.2026"
    assert round_heading(3, "3. budgetopfølgning 2019") == "3. budgetopfølgning 2019"
    assert round_heading(4, "Endelig opfølgning 2024") == "Endelig opfølgning 2024"
    assert round_heading(2, "") == "2. opfølgning"


@pytest.mark.parametrize(
    "title, round_number, agreement, committee",
    [
        (
            "Endelig opfølgning pr. 31. december 2024 på Aftale om budget 2024",
            4,
            "Aftale om budget 2024",
            "",
        ),
        (
            "Opfølgning pr. 31.12.2024 på Aftale om budget 2024 for Kulturudvalget",
            4,
            "Aftale om budget 2024",
            "Kulturudvalget",
        ),
        (
            "Budgetopfølgning pr. 31. dec. 2024 på Aftale om budget 2024",
            4,
            "Aftale om budget 2024",
            "",
        ),
        (
            "2. budgetopfølgning på Aftale om budget 2024 for Social- og Sundhedsudvalget",
            2,
            "Aftale om budget 2024",
            "Social- og Sundhedsudvalget",
        ),
        (
            "Endelig opfølgning pr. 31.12.2024 på Aftale om budget 2024 for Økonomiudvalget",
            4,
            "Aftale om budget 2024",
            "Økonomiudvalget",
        ),
        (
            "Fjerde opfølgning på Aftale om budget 2024 for Økonomiudvalget",
            4,
            "Aftale om budget 2024",
            "Økonomiudvalget",
        ),
        ("Tredje opfølgning på Aftale om budget 2024.", 3, "Aftale om budget 2024", ""),
    ],
)
def test_title_forms(title, round_number, agreement, committee):
    facts = parse_title(title)
    assert facts is not None
    assert (facts.round, facts.agreement, facts.year, facts.committee) == (
        round_number,
        agreement,
        2024,
        committee,
    )


@pytest.mark.parametrize(
    "line",
    [
        "Opfølgning på Aftale om budget 2024 for Økonomiudvalget",  # which round?
        "Opfølgning pr. 30. juni 2024 på Aftale om budget 2024",
        "Tredje opfølgning på aftalen",  # no year
        "Tredje opfølgning på Aftale om budget 2024 for ",
    ],
)
def test_lines_that_are_not_titles(line):
    assert parse_title(line) is None


@pytest.mark.parametrize(
    ("where", "danish"),
    [
        ("line 45, initiative 1.11, round 1", "linje 45, indsats 1.11, 1. opfølgning"),
        (
            "table 3, row 4, initiative 1.3, round 4",
            "tabel 3, række 4, indsats 1.3, opfølgningen pr. 31.12.",
        ),
        (
            "sheet 'Opfølgning', row 12, column 'Status'",
            "ark 'Opfølgning', række 12, kolonne 'Status'",
        ),
        ("line 9, initiative 2.1, economy", "linje 9, indsats 2.1, økonomi"),
        ("line 14, theme 1", "linje 14, tema 1"),
        ("after table 4", "efter tabel 4"),
        ("before the first table", "før første tabel"),
        ("header", "sidehoved"),
        ("Arket «Ark1», række 3", "Arket «Ark1», række 3"),  # already Danish: as it is
    ],
)
def test_an_importers_place_reads_in_danish_and_stays_in_english(where, danish):
    assert vocabulary.place(where) == danish
    assert vocabulary.place(where, "en") == where
