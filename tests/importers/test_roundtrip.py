"""write_text is the inverse of parse_text; documents survive JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from opfolgning.exporters.text import default_round_label, write_text
from opfolgning.followup.document import (
    KINDS,
    AgreementRef,
    Contact,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
    Warning,
)
from opfolgning.followup.smileys import Smiley, read_economy_glyph, read_effort_glyph
from opfolgning.importers.text import parse_text
from tests.importers.budgets import with_read_budgets

LOWER = "abcdefghijklmnopqrstuvwxyzæøåé"
UPPER = "ABCDEFGHIJKLMNOPRSTUVWXYZÆØÅ"
GLYPHS = ["☺", "😊", "🙂", "😐", "☹", "☹️", "🙁", "😞", "glad", "sur"]

LOWER_WORDS = (
    "der er afsat midler til udvikling af området med fokus på borgere foreninger skoler "
    "ældre trivsel kvalitet bæredygtighed og samarbejde på tværs projektet forsinket grundet "
    "tilpasning økonomien både måske søges fælles øvrige område idéen"
).split()
CAP_WORDS = (
    "Parterne Økonomiudvalget Ballerup Ejendomme Arbejdsmarked Ældresagen Åbent Én Status "
    "Kultur Skoler Institutioner By Erhverv Miljø Sundhed Grantoftegaard Pederstrup"
).split()
ODD_TOKENS = [
    # "<" only before a digit or space: "<!" or "<b" would read as markup, which plain_text drops.
    "&", "< 5", "<5", ">", "5%", "2019-2021", "0,5", "mio.", "kr.", "(IN)", '"x"', "a/b", "–",
    "&amp;", "&lt;", "☺",
]  # fmt: skip
lower_word = st.one_of(st.sampled_from(LOWER_WORDS), st.text(LOWER, min_size=1, max_size=6))
cap_word = st.one_of(
    st.sampled_from(CAP_WORDS),
    st.builds(str.__add__, st.sampled_from(UPPER), st.text(LOWER, max_size=6)),
)
token = st.one_of(st.sampled_from(LOWER_WORDS), lower_word, cap_word, st.sampled_from(ODD_TOKENS))


@st.composite
def sentence(draw, end: bool = True) -> str:
    words = [draw(cap_word), *draw(st.lists(token, max_size=5))]
    return " ".join(words) + (draw(st.sampled_from([".", "!", "?", ""])) if end else "")


paragraph = st.lists(sentence(), min_size=1, max_size=2).map(" ".join)
text = st.lists(paragraph, max_size=2).map("\n\n".join)
maybe_text = st.one_of(st.just(""), st.just(""), text)
one_line = sentence(end=False)


def joined(items: list[str], joiners: list[str]) -> str:
    out = items[0]
    for item, joiner in zip(items[1:], joiners, strict=False):
        out += joiner + item
    return out


@st.composite
def names(draw) -> str:
    """A list of center names: "By, Erhverv og Miljø", "Social og Sundhed samt Økonomi"."""
    items = draw(st.lists(cap_word, min_size=1, max_size=3))
    joiners = draw(st.lists(st.sampled_from([", ", " og ", " samt "]), min_size=3, max_size=3))
    return joined(items, joiners)


committee_name = st.builds(lambda w: w + "udvalget", cap_word)
committee_item = st.one_of(
    committee_name,
    st.builds(lambda a, b: f"{a}- og {b}udvalget", cap_word, cap_word),
    st.just("Alle fagudvalg"),
)


@st.composite
def involved(draw) -> str:
    if draw(st.booleans()):
        return ""
    items = draw(st.lists(committee_item, min_size=1, max_size=3))
    joiners = draw(st.lists(st.sampled_from([" og ", " samt ", ", "]), min_size=2, max_size=2))
    return joined(items, joiners) + " involveres."


@st.composite
def reading_guide(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(0, 3))):
        lines = [draw(paragraph)] if draw(st.booleans()) else []
        lines += [f"- {draw(st.sampled_from(GLYPHS[:8]))}: {draw(paragraph)}" for _ in range(
            draw(st.integers(0 if lines else 1, 3)))]  # fmt: skip
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@st.composite
def milestone(draw, round_: int) -> MilestoneDoc:
    glyph = draw(st.sampled_from([None, None, *GLYPHS]))
    reading = read_effort_glyph(glyph or "")
    label = draw(
        st.sampled_from(["", default_round_label(round_, 2019), default_round_label(round_, 2020)])
    )
    return MilestoneDoc(
        round=round_,
        label=label,
        text=draw(maybe_text),
        status_note=draw(maybe_text),
        smiley=reading.smiley,
        glyph=reading.glyph,
        needs_review=reading.needs_review,
    )


@st.composite
def economy(draw) -> EconomyDoc:
    glyph = draw(st.sampled_from([None, *GLYPHS]))
    reading = read_economy_glyph(glyph or "")
    return EconomyDoc(
        text=draw(text),
        smiley=reading.smiley,
        glyph=reading.glyph,
        needs_review=reading.needs_review,
    )


@st.composite
def initiative(draw, number: str, headings: list[str]) -> InitiativeDoc:
    return InitiativeDoc(
        number=number,
        title=draw(one_line),
        kind=draw(st.sampled_from(KINDS)),
        description=draw(text),
        center=draw(st.one_of(st.just(""), names())),
        committee=draw(st.one_of(st.just(""), committee_name)),
        contributors=draw(st.one_of(st.just(""), names())),
        involved_committees=draw(involved()),
        notes=draw(maybe_text),
        heading=draw(st.sampled_from(headings)),
        milestones=[draw(milestone(r)) for r in (1, 2, 3, 4)],
        economy=draw(economy()),
    )


@st.composite
def theme(draw, number: int) -> ThemeDoc:
    title = draw(st.one_of(st.just(""), one_line))
    # A theme's first heading is its title; a theme without one has no headings.
    headings = [title, *draw(st.lists(one_line, max_size=2))] if title else [""]
    subs = draw(st.lists(st.integers(1, 40), min_size=1, max_size=3, unique=True))
    return ThemeDoc(
        number=str(number),
        title=title,
        initiatives=[draw(initiative(f"{number}.{sub}", headings)) for sub in subs],
    )


ORDINALS = {
    1: ["Første opfølgning"],
    2: ["Anden opfølgning"],
    3: ["Tredje opfølgning"],
    4: ["Endelig opfølgning", "Fjerde opfølgning", "Endelig opfølgning pr. 31.12.{year}"],
}


def optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), strategy)


case_numbers = st.from_regex(
    r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}-[A-Z][0-9]{2}-[0-9]-[0-9]{2}", fullmatch=True
)
emails = st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.dk", fullmatch=True)
phones = st.from_regex(r"[0-9]{4} [0-9]{4}", fullmatch=True)
dates = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))


@st.composite
def documents(draw) -> ReportDocument:
    year = draw(st.integers(2000, 2099))
    round_ = draw(st.integers(1, 4))
    committee = draw(committee_item)
    agreement = f"Aftale om budget {year}"
    ordinal = draw(st.sampled_from(ORDINALS[round_])).format(year=year)
    numbers = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
    return ReportDocument(
        title=f"{ordinal} på {agreement} for {committee}",
        agreement=AgreementRef(agreement, year),
        committee=committee,
        round=round_,
        date=draw(st.one_of(st.none(), dates)),
        case_number=draw(optional(case_numbers)),
        contact=Contact(
            name=draw(optional(names())),
            email=draw(optional(emails)),
            phone=draw(optional(phones)),
        ),
        reading_guide=draw(reading_guide()),
        themes=[draw(theme(n)) for n in numbers],
    )


def without_warnings(doc: ReportDocument) -> ReportDocument:
    return dataclasses.replace(doc, warnings=[])


@settings(max_examples=100, deadline=None)
@given(documents())
def test_parse_text_inverts_write_text(doc):
    written = write_text(doc)
    parsed = parse_text(written.encode("utf-8"), source="roundtrip.txt")
    assert without_warnings(parsed) == without_warnings(with_read_budgets(doc))


@settings(max_examples=50, deadline=None)
@given(documents(), st.lists(st.builds(Warning, one_line, one_line), max_size=3))
def test_documents_survive_json(doc, warnings):
    doc.warnings = warnings
    assert ReportDocument.from_json(doc.to_json()) == doc
    assert ReportDocument.from_json(doc.to_json(indent=None)) == doc


@settings(max_examples=25, deadline=None)
@given(documents())
def test_write_text_is_stable_after_one_round_trip(doc):
    once = write_text(doc)
    assert write_text(parse_text(once.encode())) == once


def test_seed_written_and_read_back_equals_the_seed(seed_path):
    seed = parse_text(seed_path.read_bytes())
    written = write_text(seed)
    again = parse_text(written.encode("utf-8"))
    assert without_warnings(again) == without_warnings(seed)
    # The warnings about ambiguous ☹ cells come back too (on the new file's lines).
    assert len(again.warnings) == len(seed.warnings)
    assert write_text(again) == written


def test_written_seed_looks_like_the_export(seed_path):
    written = write_text(parse_text(seed_path.read_bytes()))
    lines = written.split("\n")
    assert "Dato: 9. oktober 2019" in lines
    assert "E-mail: [okonomi@balk.dk](mailto:okonomi@balk.dk)" in lines
    assert "## Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget" in lines
    assert "### Læsevejledning" in lines
    assert "**1. Vi skaber fremtiden sammen - Fællesskaber**" in lines
    assert not any(line.startswith("**2.") for line in lines)
    assert "<b>1.11. Plejecenter Toftehaven</b>\t<b>Anlæg</b>\t<b>Tid</b>\t<b>Smiley</b>" in lines
    assert sum(line.startswith("Milepæl\t") for line in lines) == 108
    assert sum(line.startswith("Økonomi\t") for line in lines) == 27
    assert "Milepæl\tArbejdet er afsluttet.\t1. budgetopfølgning 2019\t☺" in lines
    assert written.endswith("\n") and "\r" not in written


def _small_doc(**initiative_fields) -> ReportDocument:
    ini = InitiativeDoc(number="1.1", title="Titel", kind="operating", **initiative_fields)
    return ReportDocument(
        title="",
        agreement=AgreementRef("Aftale om budget 2021", 2021),
        committee="Økonomiudvalget",
        round=2,
        themes=[ThemeDoc("1", "Tema", [ini])],
    )


def test_write_text_fills_in_what_a_sparse_document_lacks():
    doc = _small_doc(
        milestones=[MilestoneDoc(round=2, text="Trin.", smiley=Smiley.NEUTRAL)],
        economy=EconomyDoc(text="Afsat.", smiley=Smiley.SAD),
    )
    written = write_text(doc)
    assert "## Anden opfølgning på Aftale om budget 2021 for Økonomiudvalget" in written
    assert "Milepæl\t\t1. budgetopfølgning 2021\t" in written
    assert "Milepæl\tTrin.\t\t😐" in written  # canonical glyph, no label given
    assert "Milepæl\t\t31.12.2021\t" in written
    assert "Økonomi\tAfsat.\t\t☹" in written
    parsed = parse_text(written.encode())
    ini = parsed.initiatives()[0]
    assert ini.heading == "Tema"  # an empty heading reads back as the theme's title
    assert [m.round for m in ini.milestones] == [1, 2, 3, 4]
    assert (ini.milestones[1].smiley, ini.milestones[1].glyph) == (Smiley.NEUTRAL, "😐")
    assert ini.economy.smiley is Smiley.SAD


def test_write_text_escapes_markup_and_reading_drops_it():
    doc = _small_doc(description="Brug <b> & <script>alert(1)</script> ikke.")
    written = write_text(doc)
    assert "<script>" not in written
    assert "Brug &lt;b&gt; &amp; &lt;script&gt;" in written
    # Text that looks like markup does not survive: plain_text strips decoded tags too.
    assert parse_text(written.encode()).initiatives()[0].description == "Brug & ikke."


def test_an_initiative_of_both_kinds_round_trips():
    doc = _small_doc(
        milestones=[
            MilestoneDoc(round=r, label=default_round_label(r, 2021), text=f"Trin {r}.")
            for r in (1, 2, 3, 4)
        ],
        economy=EconomyDoc(text="Der er afsat 1 mio. kr. i 2021 til anlæg."),
        heading="Tema",
    )
    doc.title = "Anden opfølgning på Aftale om budget 2021 for Økonomiudvalget"
    doc.themes[0].initiatives[0].kind = "capital_and_operating"
    written = write_text(doc)
    assert "<b>Anlæg og drift</b>" in written
    parsed = parse_text(written.encode())
    assert without_warnings(parsed) == without_warnings(with_read_budgets(doc))
    ini = parsed.initiatives()[0]
    assert ini.kind == "capital_and_operating"
    assert ini.budget is not None
    assert [(li.year, li.kind, li.amount) for li in ini.budget.lines] == [
        (2021, "capital", 1_000_000)
    ]
