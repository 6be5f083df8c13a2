"""Danish amounts to int kroner and back, and the reading of free economy text.

The rule for doubt (see ``opfolgning.followup.money``): a sentence becomes data only when its
whole shape is understood. Approximate amounts ("ca. 2 mio."), percentages, totals over several
years, parts of totals, open periods, negated or proposed money, and amounts without a clear
year mapping go to ``unread`` for a person; the reader never splits, multiplies or dates an
amount the text does not split, multiply or date itself.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opfolgning.followup.money import (
    ABSURD_LIMIT,
    Amount,
    AmountError,
    EconomyReading,
    Move,
    YearAmount,
    format_dkk,
    parse_amount,
    read_economy,
    split_sentences,
)

NBSP = "\u00a0"

# --- parse_amount --------------------------------------------------------------------------

PARSE_CASES = [
    ("2 mio. kr.", 2_000_000),
    ("1,5 mio. kr.", 1_500_000),
    ("0,25 mio.", 250_000),
    ("0,15 mio. kr.", 150_000),
    ("1,5 mia. kr.", 1_500_000_000),
    ("500.000 kr.", 500_000),
    ("500 t.kr.", 500_000),
    ("500 tkr.", 500_000),
    ("500 t. kr.", 500_000),
    ("1.250 kr", 1250),
    ("1.250 kr.", 1250),
    ("2 mio kr", 2_000_000),
    ("2 mio.kr.", 2_000_000),
    ("2 mio.", 2_000_000),
    ("2 Mio. Kr.", 2_000_000),
    (f"2{NBSP}mio.{NBSP}kr.", 2_000_000),
    ("2\u202fmio. kr.", 2_000_000),
    ("  2 mio. kr.  ", 2_000_000),
    ("1.500 mio. kr.", 1_500_000_000),
    ("100 mia. kr.", ABSURD_LIMIT),
    ("0 kr.", 0),
    ("1.234.567 kr.", 1_234_567),
    ("500.000,00 kr.", 500_000),
    ("3 kroner", 3),
    ("2 millioner kr.", 2_000_000),
]


@pytest.mark.parametrize(("text", "kroner"), PARSE_CASES)
def test_parse_amount_reads_danish_amount_as_int_kroner(text: str, kroner: int) -> None:
    result = parse_amount(text)
    assert result == kroner
    assert type(result) is int


BAD_AMOUNTS = [
    ("", "tomt"),
    ("   ", "tomt"),
    ("mio. kr.", "intet tal"),
    ("-2 mio.", "negativt"),
    ("\u22122 mio. kr.", "negativt"),
    ("2 mio. kr. og 3 mio. kr.", "mere end ét beløb"),
    ("101 mia. kr.", "over 100 mia. kr."),
    ("100.000.000.001 kr.", "over 100 mia. kr."),
    ("0,0000001 mio.", "helt antal kroner"),
    ("1.250,50 kr.", "helt antal kroner"),
    ("ca. 2 mio.", "skøn"),
    ("cirka 2 mio. kr.", "skøn"),
    ("10 %", "procentsats"),
    ("500", "mangler en enhed"),
    ("1.5 mio.", "kan ikke læses"),
    ("1,5.000 kr.", "kan ikke læses"),
    ("to mio. kr.", "intet tal"),
    ("2 mio. kr. i 2019", "kan ikke læses"),
    ("kr. 500", "kan ikke læses"),
]


@pytest.mark.parametrize(("text", "danish_words"), BAD_AMOUNTS)
def test_parse_amount_refuses_what_is_not_one_whole_amount_saying_why(
    text: str, danish_words: str
) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text)
    assert danish_words in str(caught.value)
    assert caught.value.english
    assert caught.value.english != str(caught.value)
    assert isinstance(caught.value, ValueError)


# --- format_dkk ----------------------------------------------------------------------------

FORMAT_CASES = [
    (0, "0 kr.", "DKK 0"),
    (1, "1 kr.", "DKK 1"),
    (1250, "1.250 kr.", "DKK 1,250"),
    (500_000, "500.000 kr.", "DKK 500,000"),
    (999_999, "999.999 kr.", "DKK 999,999"),
    (1_000_000, "1 mio. kr.", "DKK 1 million"),
    (1_500_000, "1,5 mio. kr.", "DKK 1.5 million"),
    (1_250_000, "1,25 mio. kr.", "DKK 1.25 million"),
    (12_000_000, "12 mio. kr.", "DKK 12 million"),
    (1_234_567, "1.234.567 kr.", "DKK 1,234,567"),
    (1_235_000, "1.235.000 kr.", "DKK 1,235,000"),
    (1_500_000_000, "1.500 mio. kr.", "DKK 1,500 million"),
    (-1_500_000, "-1,5 mio. kr.", "DKK -1.5 million"),
    (-500_000, "-500.000 kr.", "DKK -500,000"),
]


@pytest.mark.parametrize(("kroner", "danish", "english"), FORMAT_CASES)
def test_format_dkk_writes_danish_and_english_without_rounding(
    kroner: int, danish: str, english: str
) -> None:
    assert format_dkk(kroner) == danish
    assert format_dkk(kroner, "da") == danish
    assert format_dkk(kroner, language="en") == english


@pytest.mark.parametrize("not_kroner", [1.5, True, "2"])
def test_format_dkk_refuses_anything_but_int_kroner(not_kroner: object) -> None:
    with pytest.raises(TypeError):
        format_dkk(not_kroner)  # type: ignore[arg-type]


def test_format_dkk_refuses_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="language"):
        format_dkk(1, "de")


@settings(max_examples=200)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=ABSURD_LIMIT),
        st.integers(min_value=0, max_value=ABSURD_LIMIT // 10_000).map(lambda n: n * 10_000),
        st.integers(min_value=0, max_value=2_000_000),
    )
)
def test_parse_amount_reads_back_every_formatted_amount(kroner: int) -> None:
    assert parse_amount(format_dkk(kroner)) == kroner


# --- split_sentences -----------------------------------------------------------------------

SPLIT_CASES = [
    ("Der er afsat 2 mio. kr.", ["Der er afsat 2 mio. kr."]),
    (
        "Der er afsat 0,6 mio. kr. Status ved anden opfølgning: I 2019 blev der udskudt 0,3 mio. "
        "kr. fra 2019 til 2020.",
        [
            "Der er afsat 0,6 mio. kr.",
            "Status ved anden opfølgning: I 2019 blev der udskudt 0,3 mio. kr. fra 2019 til 2020.",
        ],
    ),
    (
        "Udvalget besluttede den 21. maj 2019 at afsætte ca. 2 mio. kr. Det blev godkendt.",
        ["Udvalget besluttede den 21. maj 2019 at afsætte ca. 2 mio. kr.", "Det blev godkendt."],
    ),
    ("Der er afsat 2 Mio. Kr. Status: ok.", ["Der er afsat 2 Mio. Kr.", "Status: ok."]),
    (
        "Jf. beslutning pr. 31.12.2019 er der afsat 2 mio. kr.",
        ["Jf. beslutning pr. 31.12.2019 er der afsat 2 mio. kr."],
    ),
    (
        "<p>Der er afsat 2 mio. kr.</p><p>Ny linje uden punktum</p>",
        ["Der er afsat 2 mio. kr.", "Ny linje uden punktum"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_split_sentences_keeps_dots_of_units_dates_and_abbreviations(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text) == expected


# --- read_economy: what it reads -----------------------------------------------------------

M = 1_000_000

READ_CASES = [
    (
        "Der er afsat 2 mio. kr.",
        EconomyReading(undated=(Amount(2 * M, "Der er afsat 2 mio. kr."),)),
    ),
    (
        "Der afsættes 5 mio. kr. i 2021 og 6 mio. kr. i 2022.",
        EconomyReading(
            amounts=(
                YearAmount(2021, 5 * M, "5 mio. kr. i 2021"),
                YearAmount(2022, 6 * M, "6 mio. kr. i 2022"),
            )
        ),
    ),
    (
        "Der afsættes 0,5 mio. kr. i hvert af årene 2019 og 2020.",
        EconomyReading(
            amounts=(
                YearAmount(2019, M // 2, "0,5 mio. kr. i hvert af årene 2019 og 2020"),
                YearAmount(2020, M // 2, "0,5 mio. kr. i hvert af årene 2019 og 2020"),
            )
        ),
    ),
    (
        "Der afsættes 1 mio. kr. årligt i 2019-2021.",
        EconomyReading(
            amounts=tuple(
                YearAmount(y, M, "1 mio. kr. årligt i 2019-2021") for y in (2019, 2020, 2021)
            )
        ),
    ),
    (
        "Der afsættes årligt 1 mio. kr. i årene 2019-2020.",
        EconomyReading(
            amounts=tuple(
                YearAmount(y, M, "årligt 1 mio. kr. i årene 2019-2020") for y in (2019, 2020)
            )
        ),
    ),
    (
        "Der afsættes 250 t.kr. hvert år i 2020 og 2021.",
        EconomyReading(
            amounts=tuple(
                YearAmount(y, 250_000, "250 t.kr. hvert år i 2020 og 2021") for y in (2020, 2021)
            )
        ),
    ),
    (
        "Der er tidligere afsat midler: 2 mio. kr. i 2019 og 5 mio. kr. årligt i 2020 og 2021.",
        EconomyReading(
            amounts=(
                YearAmount(2019, 2 * M, "2 mio. kr. i 2019"),
                YearAmount(2020, 5 * M, "5 mio. kr. årligt i 2020 og 2021"),
                YearAmount(2021, 5 * M, "5 mio. kr. årligt i 2020 og 2021"),
            )
        ),
    ),
    (
        "Der er afsat 2 mio. kr. i Aftale om budget 2018 til projektet i 2019.",
        EconomyReading(
            amounts=(
                YearAmount(
                    2019,
                    2 * M,
                    "Der er afsat 2 mio. kr. i Aftale om budget 2018 til projektet i 2019.",
                ),
            )
        ),
    ),
    (
        "I forbindelse med tilpasning af rammen for 2019 blev der udskudt 1 mio. kr. "
        "fra 2019 til 2020.",
        EconomyReading(moves=(Move(M, 2019, 2020, "1 mio. kr. fra 2019 til 2020"),)),
    ),
    (
        "Der overføres 0,3 mio. kr. fra 2019 til 2020 og 0,2 mio. kr. fra 2020 til 2021.",
        EconomyReading(
            moves=(
                Move(300_000, 2019, 2020, "0,3 mio. kr. fra 2019 til 2020"),
                Move(200_000, 2020, 2021, "0,2 mio. kr. fra 2020 til 2021"),
            )
        ),
    ),
    (
        "0,4 mio. kr. er flyttet fra 2020 til 2019.",
        EconomyReading(
            moves=(Move(400_000, 2020, 2019, "0,4 mio. kr. er flyttet fra 2020 til 2019"),)
        ),
    ),
    ("Der er ikke afsat økonomi.", EconomyReading(no_money=True)),
    ("Der er ikke afsat midler.", EconomyReading(no_money=True)),
    ("Der er ikke afsat særskilte midler til indsatsen.", EconomyReading(no_money=True)),
    ("Der er ingen økonomi knyttet til indsatsen.", EconomyReading(no_money=True)),
    ("Ingen økonomi.", EconomyReading(no_money=True)),
    ("Der er ikke afsat økonomi i 2019.", EconomyReading(no_money_years=(2019,))),
    ("Der er ikke afsat økonomi i 2019 og 2020.", EconomyReading(no_money_years=(2019, 2020))),
    (
        "Projektet er godt i gang, og der er afsat 2 mio. kr.",
        EconomyReading(
            undated=(Amount(2 * M, "Projektet er godt i gang, og der er afsat 2 mio. kr."),)
        ),
    ),
    ("Projektet forløber som planlagt.", EconomyReading()),
    ("", EconomyReading()),
]


@pytest.mark.parametrize(("text", "expected"), READ_CASES)
def test_read_economy_turns_clear_money_sentences_into_data(
    text: str, expected: EconomyReading
) -> None:
    reading = read_economy(text)
    assert reading == expected
    assert not reading.needs_review


# --- read_economy: what it leaves for a person --------------------------------------------

UNREAD_CASES = [
    "Der afsættes 3 mio. kr. i 2019-2021.",  # a total over a range: never split
    "Der afsættes 1 mio. kr. i årene 2019-2021.",  # total or per year? not said
    "Der afsættes 2 mio. kr. i 2019 og 2020.",  # total or per year? not said
    "Der afsættes i alt 6 mio. kr. i 2019, 2020 og 2021.",
    "Der er afsat ca. 2 mio. kr.",  # approximate
    "Der er afsat cirka 2 mio. kr. i 2020.",
    "Budgettet reduceres med 10 % i 2020.",  # percentage
    "Der afsættes 2 mio. kr., svarende til 5 % af rammen.",
    "Der er tidligere afsat 12 mio. kr. til projektet, hvoraf de 2 mio. kr. er afsat i 2019.",
    "Der afsættes 2 mio. kr. og 3 mio. kr. i 2019.",  # which amount belongs to 2019?
    "Der afsættes 0,8 mio. kr. årligt fra 2021 og frem.",  # open period
    "Der afsættes 2 mio. kr. fra 2019 til og med 2021.",
    "Der er ikke afsat 2 mio. kr. i 2020.",  # negated amount
    "Det foreslås at afsætte 2 mio. kr. i 2020.",  # proposed, not decided
    "Der forventes et mindreforbrug på 0,5 mio. kr. i 2019.",  # not money set aside
    "Der er en besparelse på 1 mio. kr. i 2020.",
    "Projektet koster 2 mio. kr.",  # no set-aside verb: cost, not budget
    "1 mio. kr. er udskudt til 2020.",  # from which year?
    "Der er afsat 0,3 mio. kr. fra 2019 til 2020.",  # a period, not a move
    "Der er afsat -2 mio. kr. i 2020.",
    "Der er afsat 2 mio. kr. i 2020 til projektet, der startede i 2019.",  # a stray year
    "Beløbet opgøres i mio. kr.",  # money words with no amount
    "Der er afsat 2 mio. kr. i 2019 og 3 mio. kr. i 2019.",  # the same year twice
    "Der er afsat 1,5 mio. kr. (1 mio. kr. i 2019 og 0,5 mio. kr. i 2020).",
    "Der afsættes 1.5 mio. kr. i 2020.",  # not a Danish number
    "Der afsættes 1 mio. kr. årligt i 2019-21.",  # a short range: never cut to 2019
    "Der er afsat 2 mio. kr. i 2019/20.",
    "Der afsættes 1 mio. kr. årligt.",  # yearly, but for which years?
    "Der afsættes varigt 1 mio. kr.",
    "Der er afsat godt 2 mio. kr.",  # "a little over": approximate
]


@pytest.mark.parametrize("sentence", UNREAD_CASES)
def test_read_economy_leaves_unclear_money_sentences_for_review_without_guessing(
    sentence: str,
) -> None:
    reading = read_economy(sentence)
    assert reading.unread == (sentence,)
    assert reading.needs_review
    assert reading.amounts == reading.undated == reading.moves == ()
    assert reading.no_money is False


@settings(max_examples=100)
@given(
    kroner=st.integers(min_value=0, max_value=ABSURD_LIMIT),
    year=st.integers(min_value=1990, max_value=2099),
)
def test_read_economy_reads_any_formatted_amount_for_one_year(kroner: int, year: int) -> None:
    words = f"{format_dkk(kroner)} i {year}"
    reading = read_economy(f"Der afsættes {words}.")
    assert reading.amounts == (YearAmount(year, kroner, words),)
    assert not reading.needs_review


def test_read_economy_reads_clear_sentences_beside_an_unclear_one() -> None:
    reading = read_economy(
        "Der er afsat 0,6 mio. kr. Heraf er ca. 0,2 mio. kr. brugt. Projektet er i gang."
    )
    assert reading.undated == (Amount(600_000, "Der er afsat 0,6 mio. kr."),)
    assert reading.unread == ("Heraf er ca. 0,2 mio. kr. brugt.",)


def test_read_economy_reads_budget_and_postponement_of_the_same_text() -> None:
    reading = read_economy(
        "Der er afsat 0,6 mio. kr. Status ved anden og tredje opfølgning: I forbindelse med "
        "tilpasning af bruttoanlægsrammen for 2019 blev der udskudt 0,3 mio. kr. fra 2019 til "
        "2020."
    )
    assert reading.undated == (Amount(600_000, "Der er afsat 0,6 mio. kr."),)
    assert reading.moves == (Move(300_000, 2019, 2020, "0,3 mio. kr. fra 2019 til 2020"),)
    assert not reading.needs_review


def test_no_money_beside_an_amount_is_a_contradiction_for_review() -> None:
    reading = read_economy("Der er ikke afsat økonomi. Der er afsat 2 mio. kr.")
    assert reading.no_money is False
    assert reading.unread == ("Der er ikke afsat økonomi.",)
    assert reading.undated == (Amount(2 * M, "Der er afsat 2 mio. kr."),)


def test_no_money_in_a_year_with_money_in_that_year_is_for_review() -> None:
    reading = read_economy("Der er ikke afsat økonomi i 2020. Der afsættes 4 mio. kr. i 2020.")
    assert reading.no_money_years == ()
    assert reading.unread == ("Der er ikke afsat økonomi i 2020.",)


def test_no_money_in_one_year_does_not_mean_no_money_at_all() -> None:
    reading = read_economy("Der er ikke afsat økonomi i 2019. Der afsættes 4 mio. kr. i 2020.")
    assert reading.no_money is False
    assert reading.has_no_money_in(2019)
    assert not reading.has_no_money_in(2020)
    assert reading.amounts == (YearAmount(2020, 4 * M, "4 mio. kr. i 2020"),)


def test_unqualified_no_money_holds_for_every_year() -> None:
    reading = read_economy("Der er ikke afsat økonomi.")
    assert reading.has_no_money_in(2019) and reading.has_no_money_in(2030)


def test_read_economy_accepts_html_paragraphs_and_non_breaking_spaces() -> None:
    reading = read_economy(f"<p>Der er afsat 2{NBSP}mio.{NBSP}kr.</p> <p>Status: ingen.</p>")
    assert reading.undated == (Amount(2 * M, "Der er afsat 2 mio. kr."),)
    assert not reading.needs_review


def test_economy_reading_is_frozen() -> None:
    reading = read_economy("Der er afsat 2 mio. kr.")
    with pytest.raises(AttributeError):
        reading.no_money = True  # type: ignore[misc]
