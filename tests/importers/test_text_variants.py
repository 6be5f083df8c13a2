"""Synthetic variants of the text export: line endings, tags, layouts, glyphs, ordinals."""

from __future__ import annotations

import datetime as dt
import html
import re

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opfolgning.followup.document import KIND_CAPITAL, KIND_OPERATING, ReportDocument
from opfolgning.followup.smileys import Smiley
from opfolgning.followup.text import _join_lines, plain_text
from opfolgning.importers import importers, parse_bytes, register, unregister
from opfolgning.importers import text as text_importer
from opfolgning.importers.text import parse_responsibility, parse_round_label, parse_text
from tests.importers.textexport import (
    HEADER,
    RESPONSIBILITY,
    initiative,
    milestone,
    report,
    theme,
)


def parse(text: str, **kwargs) -> ReportDocument:
    return parse_text(text.encode("utf-8"), source="test.txt", **kwargs)


def cell_warnings(doc: ReportDocument) -> list[str]:
    """Return the `where` of the warnings about cells (not about missing theme headings)."""
    return [w.where for w in doc.warnings if "initiative" in w.where]


BASIC = report(theme(1, "Tema et"), initiative("1.1"), initiative("1.2", kind="Anlæg"))


def test_basic_synthetic_report_parses():
    doc = parse(BASIC)
    assert doc.round == 3
    assert doc.committee == "Økonomiudvalget"
    assert [t.title for t in doc.themes] == ["Tema et"]
    assert [(i.number, i.kind) for i in doc.initiatives()] == [
        ("1.1", KIND_OPERATING),
        ("1.2", KIND_CAPITAL),
    ]
    first = doc.initiatives()[0]
    assert [m.text for m in first.milestones] == ["Trin 1.", "Trin 2.", "Trin 3.", "Trin 4."]
    assert first.milestones[0].smiley is Smiley.HAPPY
    assert doc.warnings == []


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_line_endings_parse_like_lf(newline):
    assert parse(BASIC.replace("\n", newline)) == parse(BASIC)


def test_crlf_keeps_physical_line_numbers_in_warnings():
    text = report(initiative("1.1", glyphs=("☹", "", "", "")))
    lf, crlf = parse(text), parse(text.replace("\n", "\r\n"))
    assert lf.warnings == crlf.warnings
    line = text.split("\n").index(next(r for r in text.split("\n") if "\t☹" in r)) + 1
    assert lf.warnings[0].where == f"line {line}, initiative 1.1, round 1"


def test_utf8_bom_is_ignored():
    assert parse_text(b"\xef\xbb\xbf" + BASIC.encode()) == parse(BASIC)


def test_no_trailing_newline_is_fine():
    assert parse(BASIC.rstrip("\n")) == parse(BASIC)


def test_bold_and_paragraph_tags_read_like_plain_cells():
    plain = report(
        "**1. Tema**",
        initiative(
            "1.1",
            bold=False,
            description="Beskrivelse.",
            responsibility="Ansvarligt center: Ejendomme Ansvarligt udvalg: Økonomiudvalget",
            milestones=[
                milestone("Trin.", 1, "☺"),
                milestone("", 2, ""),
                milestone("", 3, ""),
                milestone("", 4, ""),
            ],
        ),
    )
    tagged = report(
        "## 1. Tema",
        initiative(
            "1.1",
            bold=True,
            description="<p>Beskrivelse.</p>",
            responsibility="<p>Ansvarligt center: Ejendomme</p><p>Ansvarligt udvalg: "
            "Økonomiudvalget</p>",
            milestones=[
                "<p>Milepæl</p>\t<p>Trin.</p>\t<p>1. budgetopfølgning 2019</p>\t<p>☺</p>",
                "Milepæl\t<p></p>\t<p>2. budgetopfølgning 2019</p>\t<p></p>",
                milestone("", 3, ""),
                milestone("", 4, ""),
            ],
        ),
    )
    assert parse(tagged) == parse(plain)
    ini = parse(tagged).initiatives()[0]
    assert (ini.title, ini.center, ini.committee) == ("Titel", "Ejendomme", "Økonomiudvalget")


def test_initiative_number_keeps_no_trailing_dot_and_accepts_none():
    no_dot = initiative("4.2", bold=False).replace("4.2. Titel", "4.2 Uden punktum", 1)
    doc = parse(report(initiative("3.17", bold=False), no_dot))
    assert [(i.number, i.title) for i in doc.initiatives()] == [
        ("3.17", "Titel"),
        ("4.2", "Uden punktum"),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Ansvarligt center: Ejendomme Ansvarligt udvalg: Økonomiudvalget Væsentlig "
            "bidragsyder: By, Erhverv og Miljø Teknik- og Miljøudvalget involveres.",
            ("Ejendomme", "Økonomiudvalget", "By, Erhverv og Miljø",
             "Teknik- og Miljøudvalget involveres.", ""),
        ),
        (
            "Ansvarligt center: Ejendomme Ansvarligt udvalg: Økonomiudvalget Væsentlig "
            "bidragsyder: Skoler, Institutioner og Kultur Børne- og Skoleudvalget involveres. "
            "Der skal både arbejdes med renovering.",
            ("Ejendomme", "Økonomiudvalget", "Skoler, Institutioner og Kultur",
             "Børne- og Skoleudvalget involveres.", "Der skal både arbejdes med renovering."),
        ),
        (
            "Ansvarligt center: Politik og Borgerservice Ansvarligt udvalg: Økonomiudvalget "
            "Væsentlig bidragsyder: Der gives en status til Økonomiudvalget.",
            ("Politik og Borgerservice", "Økonomiudvalget", "", "",
             "Der gives en status til Økonomiudvalget."),
        ),
        (
            "<p>Ansvarligt center: Økonomi            Ansvarligt udvalg: Økonomiudvalget"
            "            Væsentlig bidragsyder:            Alle centre og sekretariater "
            "involveres.</p>",
            ("Økonomi", "Økonomiudvalget", "", "Alle centre og sekretariater involveres.", ""),
        ),
        (
            "Ansvarligt center: Ejendomme Ansvarligt udvalg: Økonomiudvalget Væsentlig "
            "bidragsyder: Økonomiudvalget Social-, Ældre- og Sundhedsudvalget samt "
            "Teknik- og Miljøudvalget involveres.",
            ("Ejendomme", "Økonomiudvalget", "Økonomiudvalget",
             "Social-, Ældre- og Sundhedsudvalget samt Teknik- og Miljøudvalget involveres.", ""),
        ),
        (
            "Ansvarligt center: Ejendomme Ansvarligt udvalg: Økonomiudvalget Væsentlig "
            "bidragsyder: Social og Sundhed Alle fagudvalg involveres.",
            ("Ejendomme", "Økonomiudvalget", "Social og Sundhed",
             "Alle fagudvalg involveres.", ""),
        ),
        (
            "Ansvarligt center: Arbejdsmarked Væsentlig bidragsyder: Arbejdsmarked m.fl.",
            ("Arbejdsmarked", "", "Arbejdsmarked m.fl.", "", ""),
        ),
        (
            "Væsentlig bidragsyder: By, Erhverv og Miljø.",
            ("", "", "By, Erhverv og Miljø", "", ""),
        ),
        (
            "<p>Ansvarligt center: Ejendomme</p> <p>Borgerne involveres i processen.</p>",
            ("Ejendomme", "", "", "", "Borgerne involveres i processen."),
        ),
        (
            "<p>Indledende note.</p> <p>Ansvarligt center: Ejendomme</p> "
            "<p>Projektet er i gang. Teknik- og Miljøudvalget involveres.</p>",
            ("Ejendomme", "", "", "Teknik- og Miljøudvalget involveres.",
             "Indledende note.\n\nProjektet er i gang."),
        ),
    ],
    ids=["run-together-involved", "involved-then-note", "sentence-is-note", "space-runs",
         "committee-contributor", "quantifier", "abbreviation", "trailing-period",
         "involveres-mid-sentence", "note-around-labels"],
)  # fmt: skip
def test_responsibility_cell_layouts(cell, expected):
    r = parse_responsibility(plain_text(cell))
    assert (r.center, r.committee, r.contributors, r.involved_committees, r.notes) == expected


def test_responsibility_run_together_in_a_whole_report():
    cell = (
        "Ansvarligt center: Ejendomme Ansvarligt udvalg: Økonomiudvalget Væsentlig "
        "bidragsyder: By, Erhverv og Miljø Teknik- og Miljøudvalget involveres."
    )
    ini = parse(report(initiative("1.1", responsibility=cell))).initiatives()[0]
    assert ini.contributors == "By, Erhverv og Miljø"
    assert ini.involved_committees == "Teknik- og Miljøudvalget involveres."


def test_description_and_responsibility_continue_on_later_rows():
    rows = initiative(
        "3.17",
        description="Parterne ønsker at",
        responsibility="Ansvarligt center: Ejendomme Ansvarligt udvalg:",
    ).split("\n")
    rows[2:2] = ["", "indgå en aftale.\tØkonomiudvalget\t\t", "\t\t\t", "<p>Nyt afsnit.</p>\t\t\t"]
    ini = parse(report("\n".join(rows))).initiatives()[0]
    assert ini.description == "Parterne ønsker at indgå en aftale.\n\nNyt afsnit."
    assert (ini.center, ini.committee) == ("Ejendomme", "Økonomiudvalget")


def test_missing_theme_heading_groups_by_number_and_warns():
    doc = parse(
        report(
            theme(1, "Første tema - del et"),
            initiative("1.1"),
            theme(1, "Første tema - del to"),
            initiative("1.2"),
            initiative("2.1"),
            initiative("2.5"),
            theme(3, "Tredje tema"),
            initiative("3.1"),
        )
    )
    assert [(t.number, t.title) for t in doc.themes] == [
        ("1", "Første tema - del et"),
        ("2", ""),
        ("3", "Tredje tema"),
    ]
    assert [[i.number for i in t.initiatives] for t in doc.themes] == [
        ["1.1", "1.2"],
        ["2.1", "2.5"],
        ["3.1"],
    ]
    assert [i.heading for i in doc.initiatives()] == [
        "Første tema - del et",
        "Første tema - del to",
        "",
        "",
        "Tredje tema",
    ]
    assert [w.message for w in doc.warnings] == [
        "tema 2 har ingen overskrift; indsats 2.1, 2.5 er placeret ud fra deres numre"
    ]


def test_initiatives_before_any_heading_and_out_of_order_themes():
    doc = parse(report(initiative("2.1"), theme(1, "Et"), initiative("1.1"), initiative("2.2")))
    assert [t.number for t in doc.themes] == ["2", "1"]
    assert [i.number for i in doc.themes[0].initiatives] == ["2.1", "2.2"]
    assert doc.themes[0].title == ""


@pytest.mark.parametrize(
    ("glyph", "smiley", "review"),
    [
        ("☺", Smiley.HAPPY, False),
        ("😊", Smiley.HAPPY, False),
        ("🙂", Smiley.HAPPY, False),
        ("😐", Smiley.NEUTRAL, False),
        ("☹", Smiley.NEUTRAL, True),
        ("☹️", Smiley.NEUTRAL, True),
        ("🙁", Smiley.SAD, False),
        ("😞", Smiley.SAD, False),
    ],
)
def test_every_effort_glyph(glyph, smiley, review):
    doc = parse(report(initiative("1.1", glyphs=("", glyph, "", ""))))
    second = doc.initiatives()[0].milestones[1]
    assert (second.smiley, second.glyph, second.needs_review) == (smiley, glyph, review)
    assert len(cell_warnings(doc)) == int(review)


@pytest.mark.parametrize(
    ("glyph", "smiley", "review"),
    [
        ("☺", Smiley.HAPPY, False),
        ("😊", Smiley.HAPPY, False),
        ("🙂", Smiley.HAPPY, False),
        ("😐", None, True),
        ("☹", Smiley.SAD, False),
        ("☹️", Smiley.SAD, False),
        ("🙁", Smiley.SAD, False),
        ("😞", Smiley.SAD, False),
    ],
)
def test_every_economy_glyph(glyph, smiley, review):
    text = report(initiative("1.1", glyphs=("", "", "", ""), economy=f"Økonomi\tX\t\t{glyph}"))
    doc = parse(text)
    economy = doc.initiatives()[0].economy
    assert (economy.smiley, economy.glyph, economy.needs_review) == (smiley, glyph, review)
    line = text.split("\n").index(f"Økonomi\tX\t\t{glyph}") + 1
    assert cell_warnings(doc) == ([f"line {line}, initiative 1.1, economy"] if review else [])


def test_ambiguous_frown_follows_frown_means():
    text = report(initiative("1.1", glyphs=("☹", "", "", "")))
    assert parse(text).initiatives()[0].milestones[0].smiley is Smiley.NEUTRAL
    sad = parse(text, frown_means=Smiley.SAD).initiatives()[0].milestones[0]
    assert (sad.smiley, sad.needs_review) == (Smiley.SAD, True)


def test_economy_smiley_may_stand_in_the_third_cell():
    doc = parse(report(initiative("1.1", economy="Økonomi\tDer er afsat 1 mio. kr.\t☺")))
    assert doc.initiatives()[0].economy.smiley is Smiley.HAPPY


def test_empty_cells_and_stray_empty_rows_anywhere():
    junk = ["", "\t\t\t", "   ", "<p></p>\t<p></p>", "\t"]
    rows = [
        "<b>1.1. Titel</b>\t<b>Drift</b>\t<b>Tid</b>\t<b>Smiley</b>",
        *junk,
        f"Beskrivelse.\t{RESPONSIBILITY}\t\t",
        *junk,
        "Milepæl\t\t\t",  # nothing at all: round 1 by its position
        *junk,
        milestone("", 2, ""),
        milestone("Trin 3.", 3, "☺"),
        *junk,
        "Milepæl\t\t31.12.2019",  # trailing empty smiley cell dropped
        *junk,
        "Økonomi\tDer er ikke afsat økonomi.",  # trailing empty cells dropped
    ]
    doc = parse(report(*junk, "\n".join(rows), *junk, initiative("1.2")))
    ini = doc.initiatives()[0]
    first = ini.milestones[0]
    assert (first.round, first.label, first.text, first.smiley) == (1, "", "", None)
    assert [m.round for m in ini.milestones] == [1, 2, 3, 4]
    assert [m.text for m in ini.milestones] == ["", "", "Trin 3.", ""]
    assert ini.description == "Beskrivelse."
    assert ini.economy.text == "Der er ikke afsat økonomi."
    assert ini.economy.smiley is None and ini.economy.glyph is None
    assert [w.message for w in doc.warnings] == [
        "milepælsrækken nævner ingen opfølgning; læst som 1. opfølgning ud fra sin plads",
        "tema 1 har ingen overskrift; indsats 1.1, 1.2 er placeret ud fra deres numre",
    ]
    assert len(doc.initiatives()) == 2


def test_milestone_rows_out_of_order_come_out_in_round_order():
    rows = [milestone(f"R{r}.", r) for r in (4, 2, 1, 3)]
    ini = parse(report(initiative("1.1", milestones=rows))).initiatives()[0]
    assert [(m.round, m.text) for m in ini.milestones] == [(r, f"R{r}.") for r in (1, 2, 3, 4)]


@pytest.mark.parametrize(
    ("title", "round_"),
    [
        ("Første opfølgning på Aftale om budget 2019 for Økonomiudvalget", 1),
        ("Anden opfølgning på Aftale om budget 2019 for Økonomiudvalget", 2),
        ("Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget", 3),
        ("Fjerde opfølgning på Aftale om budget 2019 for Økonomiudvalget", 4),
        ("Endelig opfølgning på Aftale om budget 2019 for Økonomiudvalget", 4),
        ("Endelig opfølgning pr. 31.12.2019 på Aftale om budget 2019 for Økonomiudvalget", 4),
    ],
)
@pytest.mark.parametrize("markup", ["{}", "## {}", "**{}**", "# **{}**"])
def test_title_ordinals(title, round_, markup):
    doc = parse(report(initiative("1.1"), title=markup.format(title)))
    assert doc.round == round_
    assert doc.title == title
    assert (doc.agreement.name, doc.agreement.year) == ("Aftale om budget 2019", 2019)
    assert doc.committee == "Økonomiudvalget"


def test_title_committee_is_the_words_after_for():
    doc = parse(
        report(
            initiative("1.1"),
            title="Anden opfølgning på Aftale om budget 2020 for Børne- og Skoleudvalget",
        )
    )
    assert (doc.agreement.year, doc.committee) == (2020, "Børne- og Skoleudvalget")


@pytest.mark.parametrize(
    ("label", "round_"),
    [
        ("1. budgetopfølgning 2019", 1),
        ("2. budgetopfølgning 2020", 2),
        ("3. Budgetopfølgning 2019", 3),
        ("31.12.2019", 4),
        ("31.12.2024", 4),
        ("pr. 31.12.2019", 4),
        ("Endelig opfølgning", 4),
        ("næste år", None),
        ("5. budgetopfølgning 2019", None),
    ],
)
def test_round_labels(label, round_):
    assert parse_round_label(label) == round_


def test_round_four_label_is_kept():
    ini = parse(report(initiative("1.1"))).initiatives()[0]
    assert [m.label for m in ini.milestones] == [
        "1. budgetopfølgning 2019",
        "2. budgetopfølgning 2019",
        "3. budgetopfølgning 2019",
        "31.12.2019",
    ]


def test_script_in_a_status_note_is_removed():
    cell = "<p>Trin.</p> <p>Status:</p> <p>Ok<script>alert('x')</script> &lt;b&gt;fed&lt;/b&gt;</p>"
    rows = [milestone(cell, 1, "☺"), *(milestone("", r) for r in (2, 3, 4))]
    ini = parse(report(initiative("1.1", milestones=rows))).initiatives()[0]
    assert ini.milestones[0].text == "Trin."
    assert ini.milestones[0].status_note == "Ok fed"
    assert "script" not in ini.milestones[0].status_note


def test_status_variants_split_the_same_way():
    variants = [
        "<p>Trin.</p> <p>Status:</p> <p>Noten.</p>",
        "Trin. Status: Noten.",
        "Trin.            Status:            Noten.",
        "<p>Trin.</p> <p>Status:            Noten.</p>",
    ]
    for cell in variants:
        rows = [milestone(cell, 1, "☺"), *(milestone("", r) for r in (2, 3, 4))]
        first = parse(report(initiative("1.1", milestones=rows))).initiatives()[0].milestones[0]
        assert (first.text, first.status_note) == ("Trin.", "Noten."), cell


def test_header_line_variants():
    header = (
        "**Dato:** 1. marts 2020\n\nTelefon: 12 34 56 78\n\nE-mail: kim@example.dk\n\n"
        "Kontaktperson: Kim Jensen\n\nSags-id: 27.00.00-A00-1-20\n"
    )
    doc = parse(report(initiative("1.1"), header=header))
    assert doc.date == dt.date(2020, 3, 1)
    assert (doc.contact.phone, doc.contact.email, doc.contact.name) == (
        "12 34 56 78",
        "kim@example.dk",
        "Kim Jensen",
    )
    assert doc.case_number == "27.00.00-A00-1-20"


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("9. oktober 2019", dt.date(2019, 10, 9)),
        ("31. december 2019", dt.date(2019, 12, 31)),
        ("1. maj 2019", dt.date(2019, 5, 1)),
        ("9. okt. 2019", dt.date(2019, 10, 9)),
        ("2019-10-09", dt.date(2019, 10, 9)),
        ("09.10.2019", dt.date(2019, 10, 9)),
    ],
)
def test_danish_dates(value, date):
    assert parse(report(initiative("1.1"), header=f"Dato: {value}\n")).date == date


def test_unreadable_date_is_a_warning_not_an_error():
    doc = parse(report(initiative("1.1"), header="Dato: snart\n"))
    assert doc.date is None
    assert doc.warnings[0].where == "line 2"
    assert "9. oktober 2019" in doc.warnings[0].message


def test_no_header_lines_at_all():
    doc = parse(report(initiative("1.1"), header=""))
    assert doc.date is None and doc.case_number == "" and doc.contact.email == ""


def test_reading_guide_paragraphs_and_list_items():
    guide = "Første afsnit\nfortsætter her.\n\nSmileys:\n- ☺: Nået.\n- ☹: Ikke nået.\n\nSlut."
    doc = parse(report(theme(1, "Tema"), initiative("1.1"), guide=guide))
    assert doc.reading_guide == (
        "Første afsnit fortsætter her.\n\nSmileys:\n- ☺: Nået.\n- ☹: Ikke nået.\n\nSlut."
    )


def test_words_in_smiley_cells_are_read():
    doc = parse(report(initiative("1.1", glyphs=("glad", "mellemfornøjet", "sur", ""))))
    assert [m.smiley for m in doc.initiatives()[0].milestones] == [
        Smiley.HAPPY,
        Smiley.NEUTRAL,
        Smiley.SAD,
        None,
    ]


def test_heading_without_theme_number_between_initiatives_is_ignored_with_warning():
    doc = parse(report(initiative("1.1"), "", "## Bilag", "", initiative("1.2")))
    assert len(doc.initiatives()) == 2
    assert doc.warnings[0].message == "overskriften «Bilag» har intet temanummer; sprunget over"


def test_registry_prefers_a_detected_importer_and_falls_back_to_text():
    calls = []

    def fake_parse(data, *, source="<input>", frown_means=Smiley.NEUTRAL):
        calls.append(source)
        return parse(BASIC)

    register("fake", lambda data: data.startswith(b"FAKE"), fake_parse)
    try:
        assert [imp.name for imp in importers()][-2:] == ["fake", "text"]
        parse_bytes(b"FAKE data", source="f.fake")
        assert calls == ["f.fake"]
        assert parse_bytes(BASIC.encode(), source="x.txt") == parse(BASIC)
        assert calls == ["f.fake"]
    finally:
        unregister("fake")
    names = [imp.name for imp in importers()]
    assert "fake" not in names
    assert names[-1] == "text"


def test_text_detector_accepts_text_and_refuses_binary():
    assert text_importer.looks_like_text_export(BASIC.encode())
    assert not text_importer.looks_like_text_export(b"PK\x03\x04rest")
    assert not text_importer.looks_like_text_export(b"abc\x00def")
    assert not text_importer.looks_like_text_export(b"   ")


# plain_text has fast paths; they must agree with the straightforward implementation.
_PARAGRAPH_TAGS = re.compile(r"(?i)</?\s*(p|br|div|li|tr|h[1-6])\b[^<>]*>")


def _reference_plain_text(value: str) -> str:
    if not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _PARAGRAPH_TAGS.sub("\u2029", text)
    text = re.sub(r"\n\s*\n", "\u2029", text)
    text = re.sub(r"[ \u00a0]{3,}", "\u2029", text)
    if "<" in text or "&" in text:
        text = html.unescape(nh3.clean(text, tags=set(), attributes={}))
        if "<" in text:
            text = html.unescape(nh3.clean(text.replace("&", "&amp;"), tags=set(), attributes={}))
    chunks = []
    for chunk in text.split("\u2029"):
        if "\n" in chunk:
            chunk = _join_lines(chunk)  # wrapped lines joined, "- " list items kept apart
        lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in chunk.split("\n"))
        chunks.append("\n".join(lines).strip())
    return "\n\n".join(c for c in chunks if c)


_PIECES = st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<B >", "<i>", "<span>", "<script>", "</script>", "&amp;",
     "&lt;", "&", "<", ">", " ", "  ", "   ", "\t", "\n", "\r\n", "\xa0", "\u2029", "æ",
     "Status:", "<br/>", "<a href='x'>", "</a>", "\x0b", "\x00", "☹️", "&notit;", "&#0;",
     "&#x41;", "&lt;script&gt;", "&amp;lt;", "&nbsp;", "\U0010fffd"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=4), max_size=16).map("".join))
def test_plain_text_fast_paths_agree_with_the_full_path(value):
    assert plain_text(value) == _reference_plain_text(value)


def test_header_constant_is_what_the_helpers_use():
    # Guard for the helpers themselves: the synthetic header holds every header field.
    for key in ("Dato:", "Tlf. dir.:", "E-mail:", "Kontakt:", "Sagsid:"):
        assert key in HEADER
    assert "Ansvarligt center" in RESPONSIBILITY
