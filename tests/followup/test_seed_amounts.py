"""The economy texts of the example report (shared/seeds/000_…txt), read by hand and by code.

Every expectation in ``EXPECTED`` was written from the seed's ``Økonomi`` rows themselves, not
from the reader's output. Only the economy text counts; amounts in descriptions and milestone
notes (e.g. 1.11's "5 mio. kr. i 2021 og 6 mio. kr. i 2022") are deliberately not read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from opfolgning.followup.document import InitiativeDoc
from opfolgning.followup.money import (
    Amount,
    EconomyReading,
    Move,
    YearAmount,
    parse_amount,
    read_economy,
)
from opfolgning.importers.text import parse_text

M = 1_000_000


@dataclass(frozen=True)
class Expected:
    """The reading of one initiative's economy text, as a person reads it."""

    no_money: bool = False
    no_money_years: tuple[int, ...] = ()
    amounts: tuple[tuple[int, int], ...] = ()  # (year, kroner)
    undated: tuple[int, ...] = ()  # kroner
    moves: tuple[tuple[int, int, int], ...] = ()  # (kroner, from year, to year)
    unread: int = 0  # sentences left for a person


NONE = Expected(no_money=True)  # "Der er ikke afsat økonomi."
NONE_IN_2019 = Expected(no_money_years=(2019,))  # "Der er ikke afsat økonomi i 2019."

EXPECTED: dict[str, Expected] = {
    "1.11": Expected(
        # "Der er afsat 2 mio. kr. i Aftale om budget 2018 til projektet i 2019." (2018 = agreement)
        amounts=((2019, 2 * M),),
        # "... blev der udskudt 1 mio. kr. fra 2019 til 2020."
        moves=((1 * M, 2019, 2020),),
    ),
    "1.13": Expected(undated=(1_500_000,)),  # "Der er afsat 1,5 mio. kr."
    "1.19": NONE,
    "2.1": NONE,
    "2.5": NONE,
    "2.6": NONE,
    "3.10": NONE,
    "3.17": Expected(undated=(200_000,)),  # "Der er afsat 0,2 mio. kr."
    "3.18": Expected(undated=(500_000,)),  # "Der er afsat 0,5 mio. kr."
    # "Der er tidligere afsat 12 mio. kr. til projektet, hvoraf de 2 mio. kr. er afsat i 2019."
    # A total and a part of it in one sentence: a person decides how they add up.
    "3.19": Expected(unread=1),
    "3.20": NONE_IN_2019,
    "3.21": Expected(
        undated=(600_000,),  # "Der er afsat 0,6 mio. kr."
        moves=((300_000, 2019, 2020),),  # "... udskudt 0,3 mio. kr. fra 2019 til 2020."
    ),
    "4.2": NONE_IN_2019,
    "4.8": NONE,
    "4.21": NONE,
    "4.22": NONE,
    "4.24": NONE_IN_2019,
    "5.1": Expected(undated=(2 * M,)),  # "Der er afsat 2 mio. kr."
    "5.2": Expected(undated=(500_000,)),  # "Der er afsat 0,5 mio. kr."
    "5.7": Expected(undated=(150_000,)),  # "Der er afsat 0,15 mio. kr."
    "6.2": NONE,
    "6.3": NONE,
    "6.4": NONE,
    "6.5": NONE,
    "6.7": NONE,
    "6.8": NONE,
    "6.10": NONE,
}


@pytest.fixture
def initiatives(seed_path: Path) -> dict[str, InitiativeDoc]:
    doc = parse_text(seed_path.read_bytes(), source=str(seed_path))
    return {ini.number: ini for ini in doc.initiatives()}


def _as_expected(reading: EconomyReading) -> Expected:
    return Expected(
        no_money=reading.no_money,
        no_money_years=reading.no_money_years,
        amounts=tuple((a.year, a.amount) for a in reading.amounts),
        undated=tuple(a.amount for a in reading.undated),
        moves=tuple((m.amount, m.from_year, m.to_year) for m in reading.moves),
        unread=len(reading.unread),
    )


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_hand_table_covers_every_initiative_of_the_seed(
    initiatives: dict[str, InitiativeDoc],
) -> None:
    assert len(EXPECTED) == 27
    assert set(initiatives) == set(EXPECTED)


@pytest.mark.parametrize("number", list(EXPECTED))
def test_economy_text_reads_as_read_by_hand(
    initiatives: dict[str, InitiativeDoc], number: str
) -> None:
    reading = read_economy(initiatives[number].economy.text)
    assert _as_expected(reading) == EXPECTED[number]
    assert reading.needs_review == (EXPECTED[number].unread > 0)


def test_the_seed_totals_match_the_hand_count(initiatives: dict[str, InitiativeDoc]) -> None:
    readings = [read_economy(ini.economy.text) for ini in initiatives.values()]
    assert sum(r.no_money for r in readings) == 15
    assert sum(bool(r.no_money_years) for r in readings) == 3
    assert sum(a.amount for r in readings for a in r.amounts) == 2 * M
    # Undated: 1,5 + 0,2 + 0,5 + 0,6 + 2 + 0,5 + 0,15 mio.; moved: 1 + 0,3 mio.
    assert sum(a.amount for r in readings for a in r.undated) == 5_450_000
    assert sum(m.amount for r in readings for m in r.moves) == 1_300_000
    assert [n for n, ini in initiatives.items() if read_economy(ini.economy.text).unread] == [
        "3.19"
    ]


# An amount as the seed writes it; deliberately simpler than the reader's own pattern.
SEED_AMOUNT = re.compile(r"\d+(?:,\d+)? mio\. kr\.")


@pytest.mark.parametrize("number", list(EXPECTED))
def test_every_amount_read_is_written_in_its_source_words_in_the_economy_text(
    initiatives: dict[str, InitiativeDoc], number: str
) -> None:
    text = _flat(initiatives[number].economy.text)
    written = {parse_amount(words) for words in SEED_AMOUNT.findall(text)}
    reading = read_economy(text)
    items: list[YearAmount | Amount | Move] = [*reading.amounts, *reading.undated, *reading.moves]
    for item in items:
        assert item.source in text
        assert item.amount in written
        in_source = {parse_amount(words) for words in SEED_AMOUNT.findall(item.source)}
        assert item.amount in in_source
    for dated in reading.amounts:
        assert str(dated.year) in dated.source
    for move in reading.moves:
        assert f"fra {move.from_year} til {move.to_year}" in move.source
    for sentence in reading.unread:
        assert sentence in text
