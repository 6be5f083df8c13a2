"""Danish money amounts: parse and format whole kroner, and read the economy text of a report.

Money is never a float: amounts are ``int`` kroner, and ``Decimal`` is used while parsing.

``read_economy`` is deliberately strict. It turns a sentence into data only when the sentence
has one of the shapes below in full; every other sentence that mentions money goes to
``unread`` for a person to review. It never guesses an amount or a year.

- no money: "Der er ikke afsat økonomi." (optionally "... i 2019": then only for that year);
- amounts per year: "Der afsættes 5 mio. kr. i 2021 og 6 mio. kr. i 2022"; several years for
  one amount only with a per-year word ("årligt", "om året", "hvert år", "i hvert af årene");
- one amount and one year anywhere in a set-aside sentence: "Der er afsat 2 mio. kr. i Aftale
  om budget 2018 til projektet i 2019" (a year right after "budget" names an agreement);
- undated: "Der er afsat 2 mio. kr." (a set-aside verb, one amount, no year);
- moves: "udskudt 1 mio. kr. fra 2019 til 2020" (a move verb; every amount has "fra Å til Å").

A sentence goes to ``unread`` when it has an approximate amount ("ca. 2 mio."), a percentage,
a total or part of a total ("i alt", "samlet", "hvoraf"), an amount over several years without
a per-year word (a total: never split), an open period ("fra 2021 og frem"), a saving or an
over-/underspend, an amount with no set-aside or move verb, or an amount or year it cannot
place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

MILLION = 1_000_000
BILLION = 1_000_000_000
#: The largest amount accepted from text: anything above is a typing error, not a budget.
ABSURD_LIMIT = 100 * BILLION


class AmountError(ValueError):
    """A text is not one whole, non-negative, plausible amount; Danish message, English twin."""

    def __init__(self, message: str, english: str, text: str = "") -> None:
        self.message = message
        self.english = english
        self.text = text
        super().__init__(message)


# --- formatting ---------------------------------------------------------------------------


def _group(amount: int, separator: str) -> str:
    """Return a non-negative integer with thousands separated by ``separator``."""
    return f"{amount:,}".replace(",", separator)


def format_dkk(amount: int, language: str = "da") -> str:
    """Return whole kroner as Danish ("1,5 mio. kr.") or English ("DKK 1.5 million") text."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be int kroner, not {type(amount).__name__}")
    if language not in ("da", "en"):
        raise ValueError(f"language must be 'da' or 'en', not {language!r}")
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    # Millions only when two decimals show the amount exactly: a budget is never rounded away.
    if size >= MILLION and size % 10_000 == 0:
        whole, rest = divmod(size, MILLION)
        decimals = f"{rest // 10_000:02d}".rstrip("0")
        if language == "da":
            number = _group(whole, ".") + ("," + decimals if decimals else "")
            return f"{sign}{number} mio. kr."
        number = _group(whole, ",") + ("." + decimals if decimals else "")
        return f"DKK {sign}{number} million"
    if language == "da":
        return f"{sign}{_group(size, '.')} kr."
    return f"DKK {sign}{_group(size, ',')}"


# --- parsing one amount -------------------------------------------------------------------

# Danish numbers: dots between thousands (only in groups of three), a decimal comma.
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNIT_BILLION = r"(?:mia\.?|milliard(?:er)?)(?:\s*(?:kr\.?|kroner))?"
_UNIT_MILLION = r"(?:mio\.?|mill\.?|million(?:er)?)(?:\s*(?:kr\.?|kroner))?"
_UNIT_THOUSAND = r"(?:t\.?\s*kr\.?|tusind(?:e)?\s*(?:kr\.?|kroner))"
_UNIT_ONE = r"(?:kr\.?|kroner|dkk)"
_UNIT = rf"(?:{_UNIT_BILLION}|{_UNIT_MILLION}|{_UNIT_THOUSAND}|{_UNIT_ONE})"
# An amount inside running text: the number must not continue a longer number or word.
_AMOUNT_IN_TEXT = rf"(?<![\w.,])(?:{_NUMBER})\s*{_UNIT}(?![\w])"
_AMOUNT_RE = re.compile(_AMOUNT_IN_TEXT, re.IGNORECASE)
_ONE_AMOUNT_RE = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})", re.IGNORECASE)
_SPACES_RE = re.compile(r"[\s\u00a0\u202f\u2007]+")
_APPROXIMATE_RE = re.compile(
    r"\b(?:ca|cirka)\b"
    r"|\b(?:omkring|godt|knap|knapt|op\s+til|mindst|højst|maks\.?|maksimalt|minimum)\s+\d",
    re.IGNORECASE,
)
_MINUS = "-\u2212\u2013"


def _normalise_spaces(text: str) -> str:
    """Return the text with every kind of space as one plain space, stripped."""
    return _SPACES_RE.sub(" ", text).strip()


def _multiplier(unit: str) -> int:
    """Return how many kroner one of ``unit`` is."""
    if re.fullmatch(_UNIT_BILLION, unit, re.IGNORECASE):
        return BILLION
    if re.fullmatch(_UNIT_MILLION, unit, re.IGNORECASE):
        return MILLION
    if re.fullmatch(_UNIT_THOUSAND, unit, re.IGNORECASE):
        return 1000
    return 1


def parse_amount(text: str) -> int:
    """Return one Danish amount ("1,5 mio. kr.", "500 t.kr.") as whole kroner."""
    shown = _normalise_spaces(text)
    if not shown:
        raise AmountError("Beløbet er tomt.", "The amount is empty.", text)
    if "%" in shown or re.search(r"\bprocent\b", shown, re.IGNORECASE):
        raise AmountError(
            f"»{shown}« er en procentsats, ikke et beløb i kroner.",
            f"'{shown}' is a percentage, not an amount in kroner.",
            text,
        )
    if _APPROXIMATE_RE.search(shown):
        raise AmountError(
            f"»{shown}« er et skøn, ikke et bestemt beløb.",
            f"'{shown}' is an estimate, not an exact amount.",
            text,
        )
    if len(_AMOUNT_RE.findall(shown)) > 1:
        raise AmountError(
            f"»{shown}« indeholder mere end ét beløb.",
            f"'{shown}' holds more than one amount.",
            text,
        )
    if shown[0] in _MINUS:
        raise AmountError(
            f"»{shown}« er negativt; et beløb skal være 0 kr. eller mere.",
            f"'{shown}' is negative; an amount must be DKK 0 or more.",
            text,
        )
    if not re.search(r"\d", shown):
        raise AmountError(
            f"»{shown}« indeholder intet tal.",
            f"'{shown}' holds no number.",
            text,
        )
    match = _ONE_AMOUNT_RE.fullmatch(shown)
    if match is None:
        if re.fullmatch(_NUMBER, shown):
            raise AmountError(
                f"»{shown}« mangler en enhed (kr., t.kr., mio. kr. eller mia. kr.).",
                f"'{shown}' lacks a unit (kr., t.kr., mio. kr. or mia. kr.).",
                text,
            )
        raise AmountError(
            f"»{shown}« kan ikke læses som ét beløb; skriv fx »1,5 mio. kr.« eller »500.000 kr.«.",
            f"'{shown}' cannot be read as one amount; write e.g. '1,5 mio. kr.' or '500.000 kr.'.",
            text,
        )
    digits = match["number"].replace(".", "").replace(",", ".")
    try:
        value = Decimal(digits) * _multiplier(match["unit"])
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only digits
        raise AmountError(
            f"»{shown}« er ikke et tal.", f"'{shown}' is not a number.", text
        ) from error
    if value != value.to_integral_value():
        raise AmountError(
            f"»{shown}« er ikke et helt antal kroner.",
            f"'{shown}' is not a whole number of kroner.",
            text,
        )
    if value > ABSURD_LIMIT:
        raise AmountError(
            f"»{shown}« er over 100 mia. kr.; det er sikkert en tastefejl.",
            f"'{shown}' is over DKK 100 billion; it is surely a typing error.",
            text,
        )
    return int(value)


# --- reading an economy text --------------------------------------------------------------


@dataclass(frozen=True)
class Amount:
    """An amount set aside without a year, and the words it was read from."""

    amount: int
    source: str


@dataclass(frozen=True)
class YearAmount:
    """An amount set aside for one year, and the words it was read from."""

    year: int
    amount: int
    source: str


@dataclass(frozen=True)
class Move:
    """An amount moved (postponed or brought forward) from one year to another."""

    amount: int
    from_year: int
    to_year: int
    source: str


@dataclass(frozen=True)
class EconomyReading:
    """Everything an economy text states about money, and the sentences left for a person."""

    no_money: bool = False
    no_money_years: tuple[int, ...] = ()
    amounts: tuple[YearAmount, ...] = ()
    undated: tuple[Amount, ...] = ()
    moves: tuple[Move, ...] = ()
    unread: tuple[str, ...] = ()

    @property
    def needs_review(self) -> bool:
        """Return whether a sentence about money could not be read completely."""
        return bool(self.unread)

    def has_no_money_in(self, year: int) -> bool:
        """Return whether the text says no money is set aside in ``year``."""
        return self.no_money or year in self.no_money_years


_YEAR = r"(?:19|20)\d\d"
_YEAR_RE = re.compile(rf"(?<![\d.,]){_YEAR}(?![\d])")
_MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
# Years that name an agreement or sit in a date say nothing about when money is spent.
_NOT_A_MONEY_YEAR_RE = re.compile(
    rf"(?:\bbudget\s+|\b(?:{_MONTHS})\s+|\d{{1,2}}\.\s?\d{{1,2}}\.\s?)$", re.IGNORECASE
)
_YEAR_LIST = rf"{_YEAR}(?:\s*[-\u2013]\s*{_YEAR})?(?:\s*,\s*{_YEAR})*(?:\s+og\s+{_YEAR})?"
_PER_YEAR = r"(?:årligt|om\s+året|hvert\s+år|pr\.\s*år)"
_PER_YEAR_RE = re.compile(rf"\b{_PER_YEAR}|\bhvert\s+af\s+årene\b", re.IGNORECASE)
_SEGMENT_RE = re.compile(
    rf"(?:(?P<per_before>{_PER_YEAR})\s+)?(?P<amount>{_AMOUNT_IN_TEXT})"
    rf"\s+(?:(?P<per_after>{_PER_YEAR})\s+)?i\s+"
    rf"(?:(?P<each>hvert\s+af\s+årene)\s+|(?:årene|året|år)\s+)?(?P<years>{_YEAR_LIST})"
    rf"(?![\d])",
    re.IGNORECASE,
)
_MOVE_VERBS = (
    r"udskudt|udskydes|udskyde|overført|overføres|overføre|flyttet|flyttes|flytte|"
    r"forskudt|forskydes|fremrykket|fremrykkes|fremrykke"
)
_MOVE_VERB_RE = re.compile(rf"\b(?:{_MOVE_VERBS})\b", re.IGNORECASE)
_MOVE_RE = re.compile(
    rf"(?P<amount>{_AMOUNT_IN_TEXT})\s+(?:(?:er|blev|bliver)\s+)?(?:(?:{_MOVE_VERBS})\s+)?"
    rf"fra\s+(?:år(?:et)?\s+)?(?P<from>{_YEAR})\s+til\s+(?:år(?:et)?\s+)?(?P<to>{_YEAR})"
    rf"(?![\d])",
    re.IGNORECASE,
)
_SET_ASIDE_RE = re.compile(
    r"\b(?:afsat|afsættes|afsætter|afsætte|bevilget|bevilges|bevilliget)\b", re.IGNORECASE
)
_NO_MONEY_RE = re.compile(
    r"(?:der\s+er\s+)?(?:ikke|ingen)\s+(?:blevet\s+)?(?:afsat|afsættes|bevilget|bevilges)\s+"
    r"(?:særskilt\s+|særskilte\s+|ekstra\s+)?(?:økonomi|midler|penge|budget|beløb)"
    r"(?:\s+til\s+(?:indsatsen|projektet|initiativet|formålet))?"
    r"|(?:der\s+er\s+)?ingen\s+(?:økonomi|midler)(?:\s+(?:afsat|knyttet\s+til\s+\w+))?"
    r"|(?:der\s+er\s+)?ikke\s+(?:knyttet\s+)?(?:økonomi|midler)\s+til\s+(?:indsatsen|projektet)",
    re.IGNORECASE,
)
_NO_MONEY_YEARS_RE = re.compile(
    rf"\s+(?:i|for)\s+(?:året\s+|årene\s+)?(?P<years>{_YEAR_LIST})", re.IGNORECASE
)
# Words that make a money sentence something other than a plain budget or move.
_BLOCKERS_RE = re.compile(
    # Searched in the lowercased sentence (IGNORECASE made it 4× slower) with one word
    # boundary in front of the alternatives, so they are tried only where a word starts:
    # about 10 µs a sentence instead of 140 µs.
    r"%|\b(?:procent|i\s+alt\b|samlet\b|samlede\b|total|hvoraf\b|heraf\b"
    r"|svarende\s+til\b|og\s+frem\b|fremover\b|frem\s+til\b|perioden\b"
    r"|reduc|besparelse|spar[eset]|mindreforbrug|merforbrug|underskud|overskud"
    r"|effektivisering|indtægt|tilbagebetal|forventet|forventes|skøn|anslå"
    r"|pr\.\s*(?!år\b)\w|måned|kvartal|varig|permanent|løbende|fremadrettet"
    # Negated, proposed or conditional money is not money set aside.
    r"|ikke\b|ingen\b|intet\b|forslag|foreslå|hvis\b|såfremt\b|betinge"
    r"|eventuel|evt\.|muligvis\b|kan\s+afsættes\b|ansøg)"
    # "2019-21" or "2019/20": a short range the year patterns would otherwise cut in half.
    r"|(?:19|20)\d\d\s*[-\u2013/]\s*\d{2}(?!\d)"
)
_MONEY_WORDS_RE = re.compile(
    r"\d\s*%|\bprocent|\b(?:mio|mia|mill|kr|tkr|dkk|kroner|million\w*|milliard\w*)\b|\bt\.\s*kr"
    r"|\b(?:afsat|afsættes|afsætte|bevilget|bevilges|udskudt|udskydes|overført|overføres"
    r"|flyttet|flyttes|midler|økonomi|beløb\w*)\b",
    re.IGNORECASE,
)
_NON_TERMINAL_ABBREVIATIONS = frozenset(
    {"ca", "jf", "bl.a", "f.eks", "fx", "evt", "inkl", "ekskl", "nr", "pkt", "stk", "kl", "hhv"}
    | {"dvs", "mht", "vedr", "iht", "pga", "ift", "cirka"}
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\"«])")
_PARAGRAPH_RE = re.compile(r"</p\s*>|<br\s*/?>|\n|\r", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]{0,200}>")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences, keeping the dots of "mio. kr.", "ca." and dates inside."""
    sentences: list[str] = []
    for paragraph in _PARAGRAPH_RE.split(text):
        paragraph = _normalise_spaces(_TAG_RE.sub(" ", paragraph))
        if not paragraph:
            continue
        start = 0
        for end in _SENTENCE_END_RE.finditer(paragraph):
            before = paragraph[start : end.start()]
            last_word = before.rsplit(" ", 1)[-1].rstrip(".").lower()
            after = paragraph[end.end() :]
            if last_word in _NON_TERMINAL_ABBREVIATIONS or re.match(r"kr\b", after, re.I):
                continue
            sentences.append(before.strip())
            start = end.end()
        sentences.append(paragraph[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _expand_years(years: str) -> list[int] | None:
    """Return the years of "2019, 2020 og 2021" or "2019-2021"; None for a backwards range."""
    result: list[int] = []
    for part in re.split(r"\s*,\s*|\s+og\s+", years.strip()):
        bounds = [int(y) for y in re.split(r"\s*[-\u2013]\s*", part)]
        if len(bounds) == 2:
            if bounds[1] <= bounds[0]:
                return None
            result.extend(range(bounds[0], bounds[1] + 1))
        else:
            result.append(bounds[0])
    return result if len(set(result)) == len(result) else None


def _money_years(sentence: str) -> list[tuple[int, int]]:
    """Return (position, year) of each year that may date money (not "budget 2018", dates)."""
    found = []
    for match in _YEAR_RE.finditer(sentence):
        # The words that disqualify a year stand right before it: look at those only (a
        # search anchored at the end of the whole prefix would try every position in it).
        if not _NOT_A_MONEY_YEAR_RE.search(sentence[max(0, match.start() - 40) : match.start()]):
            found.append((match.start(), int(match.group())))
    return found


@dataclass
class _Sentence:
    """What one sentence was read as; empty lists with ``read`` False mean unread."""

    read: bool = False
    no_money: bool = False
    no_money_years: list[int] = field(default_factory=list)
    amounts: list[YearAmount] = field(default_factory=list)
    undated: list[Amount] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)


def _read_no_money(sentence: str) -> _Sentence | None:
    """Read "Der er ikke afsat økonomi[ i 2019]."; None if the sentence says more."""
    body = sentence.rstrip(".").strip()
    match = _NO_MONEY_RE.match(body)
    if match is None:
        return None
    rest = body[match.end() :]
    if not rest:
        return _Sentence(read=True, no_money=True)
    qualifier = _NO_MONEY_YEARS_RE.fullmatch(rest)
    years = _expand_years(qualifier["years"]) if qualifier else None
    if years is None:
        return None
    return _Sentence(read=True, no_money_years=years)


def _read_amounts(sentence: str) -> _Sentence | None:
    """Read the amounts, years and moves of one sentence; None if any part is unclear."""
    if _BLOCKERS_RE.search(sentence.lower()) or _APPROXIMATE_RE.search(sentence):
        return None
    amounts = list(_AMOUNT_RE.finditer(sentence))
    if not amounts:
        return None
    for match in amounts:
        before = sentence[: match.start()].rstrip()
        if before and before[-1] in _MINUS:
            return None
    # Spans already read, so that every amount and every money year is accounted for.
    covered: list[tuple[int, int]] = []
    result = _Sentence(read=True)
    move_matches = list(_MOVE_RE.finditer(sentence))
    if move_matches and not _MOVE_VERB_RE.search(sentence):
        return None
    for match in move_matches:
        from_year, to_year = int(match["from"]), int(match["to"])
        if from_year == to_year:
            return None
        amount = parse_amount(match["amount"])
        result.moves.append(Move(amount, from_year, to_year, match.group().strip()))
        covered.append(match.span())
    segments = [
        m
        for m in _SEGMENT_RE.finditer(sentence)
        if not any(s <= m.start("amount") < e for s, e in covered)
    ]
    if segments and not _SET_ASIDE_RE.search(sentence):
        return None
    for match in segments:
        years = _expand_years(match["years"])
        if years is None:
            return None
        per_year = bool(match["per_before"] or match["per_after"] or match["each"])
        if len(years) > 1 and not per_year:
            return None  # a total over several years is never split
        amount = parse_amount(match["amount"])
        words = match.group().strip()
        result.amounts.extend(YearAmount(year, amount, words) for year in years)
        covered.append(match.span())

    def is_covered(position: int) -> bool:
        return any(start <= position < end for start, end in covered)

    loose_amounts = [m for m in amounts if not is_covered(m.start())]
    money_years = _money_years(sentence)
    loose_years = [year for position, year in money_years if not is_covered(position)]
    if loose_amounts:
        if covered or len(loose_amounts) > 1 or not _SET_ASIDE_RE.search(sentence):
            return None
        amount = parse_amount(loose_amounts[0].group())
        if not loose_years:
            if _PER_YEAR_RE.search(sentence):
                return None  # a yearly amount without its years is not one sum
            result.undated.append(Amount(amount, sentence))
            return result
        # One amount and one year: only when the year is the time of the money ("i 2019").
        if len(loose_years) != 1 or len(money_years) != 1:
            return None
        position = money_years[0][0]
        if not re.search(r"\bi\s+(?:året\s+)?$", sentence[:position], re.IGNORECASE):
            return None
        result.amounts.append(YearAmount(loose_years[0], amount, sentence))
        return result
    # Context years such as "bruttoanlægsrammen for 2019" are allowed only beside a move
    # that already names them.
    move_years = {y for move in result.moves for y in (move.from_year, move.to_year)}
    if any(year not in move_years for year in loose_years):
        return None
    if len({a.year for a in result.amounts}) != len(result.amounts):
        return None
    return result


def _read_sentence(sentence: str) -> _Sentence:
    """Read one sentence; ``read`` is False when it mentions money but could not be read."""
    no_money = _read_no_money(sentence)
    if no_money is not None:
        return no_money
    if not _MONEY_WORDS_RE.search(sentence):
        return _Sentence(read=True)
    try:
        reading = _read_amounts(sentence)
    except AmountError:
        reading = None
    return reading if reading is not None else _Sentence(read=False)


# Reports repeat their economy texts ("Der er ikke afsat økonomi." in most rows); a reading
# is immutable, so the same text is read once.
@lru_cache(maxsize=4096)
def read_economy(text: str) -> EconomyReading:
    """Return what an economy text states about money; unclear sentences go to ``unread``."""
    readings = [(sentence, _read_sentence(sentence)) for sentence in split_sentences(text)]
    has_money = any(r.amounts or r.undated or r.moves for _, r in readings)
    dated_years = {a.year for _, r in readings for a in r.amounts}
    dated_years |= {y for _, r in readings for m in r.moves for y in (m.from_year, m.to_year)}
    no_money = False
    no_money_years: list[int] = []
    amounts: list[YearAmount] = []
    undated: list[Amount] = []
    moves: list[Move] = []
    unread: list[str] = []
    for sentence, reading in readings:
        # "No money" beside an amount for the same period contradicts it: a person decides.
        contradicts = (reading.no_money and has_money) or bool(
            set(reading.no_money_years) & dated_years
        )
        if not reading.read or contradicts:
            unread.append(sentence)
            continue
        no_money = no_money or reading.no_money
        no_money_years.extend(y for y in reading.no_money_years if y not in no_money_years)
        amounts.extend(reading.amounts)
        undated.extend(reading.undated)
        moves.extend(reading.moves)
    return EconomyReading(
        no_money=no_money,
        no_money_years=tuple(sorted(no_money_years)),
        amounts=tuple(amounts),
        undated=tuple(undated),
        moves=tuple(moves),
        unread=tuple(unread),
    )


__all__ = [
    "ABSURD_LIMIT",
    "Amount",
    "AmountError",
    "EconomyReading",
    "Move",
    "YearAmount",
    "format_dkk",
    "parse_amount",
    "read_economy",
    "split_sentences",
]
