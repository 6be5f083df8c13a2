"""What municipalities' text exports really look like (issue 17): each variation alone, and
all of them in one file. Every assumption the importer makes is a warning."""

from __future__ import annotations

import pytest

from opfolgning.followup.document import KIND_BOTH, ReportDocument
from opfolgning.followup.errors import ReportFormatError
from opfolgning.followup.smileys import VARIATION_SELECTORS, Smiley
from opfolgning.followup.vocabulary import parse_round_label
from opfolgning.importers.text import parse_text, split_centers
from tests.importers.textexport import RESPONSIBILITY, initiative, milestone, report, theme


def parse(text: str, **kwargs) -> ReportDocument:
    return parse_text(text.encode("utf-8"), source="kommune.txt", **kwargs)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def warnings_of(doc: ReportDocument) -> list[tuple[str, str]]:
    return [(w.where, w.message) for w in doc.warnings]


# --- 1. a line break inside a cell ---------------------------------------------------------


def test_a_milestone_cell_broken_by_a_line_break_is_joined_back():
    rows = [
        "Milepæl\tDer er udarbejdet et katalog i samarbejde\nmed boligselskaberne."
        "\t1. budgetopfølgning 2019\t☺",
        *(milestone(f"Trin {r}.", r) for r in (2, 3, 4)),
    ]
    text = report(theme(1, "Tema"), initiative("1.1", milestones=rows))
    doc = parse(text)
    first = doc.initiatives()[0].milestones[0]
    assert first.text == "Der er udarbejdet et katalog i samarbejde med boligselskaberne."
    assert (first.round, first.label, first.smiley) == (1, "1. budgetopfølgning 2019", Smiley.HAPPY)
    line = line_of(text, "Milepæl\tDer er")
    assert warnings_of(doc) == [
        (
            f"line {line}, initiative 1.1",
            f"linjeskift inde i en celle: linje {line}–{line + 1} er læst som én række",
        )
    ]
    # Every later line keeps its own number.
    assert parse(text.replace("\t☺", "\t☹", 1)).warnings[1].where == (
        f"line {line}, initiative 1.1, round 1"
    )


def test_a_cell_broken_twice_and_a_status_note_on_its_own_line():
    rows = [
        "Milepæl\tTrin et\nfortsat\nStatus: Noten\ner her.\t1. budgetopfølgning 2019\t☺",
        *(milestone("", r) for r in (2, 3, 4)),
    ]
    text = report(initiative("1.1", milestones=rows))
    doc = parse(text)
    first = doc.initiatives()[0].milestones[0]
    assert (first.text, first.status_note) == ("Trin et fortsat", "Noten er her.")
    line = line_of(text, "Milepæl\tTrin et")
    assert f"linje {line}–{line + 3} er læst som én række" in doc.warnings[0].message


def test_a_responsibility_cell_broken_by_a_line_break_keeps_its_labels():
    rows = initiative("1.1").split("\n")
    rows[1] = (
        "Beskrivelse.\tAnsvarligt center: Ejendomme\nAnsvarligt udvalg: Økonomiudvalget "
        "Væsentlig bidragsyder: Social og Sundhed\t\t"
    )
    ini = parse(report("\n".join(rows))).initiatives()[0]
    assert (ini.description, ini.center, ini.committee, ini.contributors) == (
        "Beskrivelse.",
        "Ejendomme",
        "Økonomiudvalget",
        "Social og Sundhed",
    )


ECONOMY_BROKEN = "Økonomi\tDer er ikke afsat\n"


def test_a_header_row_and_an_economy_row_broken_by_line_breaks():
    rows = initiative("1.1", title="Lang titel", bold=False).split("\n")
    rows[0] = "1.1. Lang\ntitel\tDrift\tTid\tSmiley"
    rows[-1] = ECONOMY_BROKEN + "økonomi.\t\t"
    text = report(theme(1, "Tema"), "\n".join(rows), initiative("1.2"))
    doc = parse(text)
    first = doc.initiatives()[0]
    assert (first.number, first.title, first.kind) == ("1.1", "Lang titel", "operating")
    assert first.economy.text == "Der er ikke afsat økonomi."
    assert first.budget is not None and first.budget.no_money
    assert [w.where for w in doc.warnings] == [
        f"line {line_of(text, '1.1. Lang')}",
        f"line {line_of(text, ECONOMY_BROKEN)}, initiative 1.1",
    ]


def test_a_header_row_broken_right_after_the_title_is_not_read_as_the_reading_guide():
    rows = initiative("1.1", title="Lang titel", bold=False).split("\n")
    rows[0] = "1.1. Lang\ntitel\tDrift\tTid\tSmiley"
    doc = parse(report("\n".join(rows), guide="Vejledningen."))
    assert doc.reading_guide == "Vejledningen."
    assert doc.initiatives()[0].title == "Lang titel"


def test_a_row_is_not_joined_with_a_row_of_its_own():
    # "Milepæl\tKun tekst" is cut: the next line is a Milepæl row, not a continuation.
    rows = [milestone("Trin.", 1, "☺"), "Milepæl\tKun tekst", *(milestone("", r) for r in (3, 4))]
    with pytest.raises(ReportFormatError, match="has 2 cells; expected Milepæl, text, round"):
        parse(report(initiative("1.1", milestones=rows)))


def test_a_continuation_that_would_make_five_cells_is_not_joined():
    rows = initiative("1.1").split("\n")
    rows.insert(2, "fortsat beskrivelse\t\t\t")
    rows[1] = "Beskrivelse\tAnsvarligt center: Ejendomme"  # two cells + four would be five
    ini = parse(report("\n".join(rows))).initiatives()[0]
    assert ini.description == "Beskrivelse fortsat beskrivelse"
    assert ini.center == "Ejendomme"


# --- 2. a theme heading without bold markers -------------------------------------------------


def test_a_theme_heading_without_marks_between_initiatives():
    text = report(
        theme(1, "Første tema"), initiative("1.1"), "", "2. Andet tema", "", initiative("2.1")
    )
    doc = parse(text)
    assert [(t.number, t.title) for t in doc.themes] == [("1", "Første tema"), ("2", "Andet tema")]
    assert doc.initiatives()[1].heading == "Andet tema"
    assert warnings_of(doc) == [
        (
            f"line {line_of(text, '2. Andet')}, theme 2",
            "«2. Andet tema» er hverken fed eller mærket som overskrift; læst som overskriften "
            "på tema 2",
        )
    ]


def test_a_theme_heading_without_marks_right_after_the_reading_guide():
    guide = "Sådan læses rapporten.\n\n1. Punkt et i vejledningen"
    text = report("1. Første tema", "", initiative("1.1"), guide=guide)
    doc = parse(text)
    assert doc.reading_guide == "Sådan læses rapporten.\n\n1. Punkt et i vejledningen"
    assert [(t.number, t.title) for t in doc.themes] == [("1", "Første tema")]
    assert [w.where for w in doc.warnings] == [f"line {line_of(text, '1. Første')}, theme 1"]


def test_a_numbered_line_that_is_no_heading_is_still_refused():
    with pytest.raises(ReportFormatError, match="unexpected text between initiatives"):
        parse(report(initiative("1.1"), "Side 2 af 9", initiative("1.2")))
    with pytest.raises(ReportFormatError, match="unexpected text between initiatives"):
        parse(report(initiative("1.1"), "2 mio. kr. i alt", initiative("1.2")))


# --- 3. the kind "Anlæg og drift" --------------------------------------------------------------


def test_the_kind_anlaeg_og_drift_in_a_report():
    doc = parse(report(initiative("1.1", kind="Anlæg og drift"), initiative("1.2", kind="Anlæg")))
    assert [i.kind for i in doc.initiatives()] == [KIND_BOTH, "capital"]
    assert (
        doc.warnings == [doc.warnings[0]]
        and "tema 1 har ingen overskrift" in doc.warnings[0].message
    )


# --- 4. other round labels ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "round_"),
    [
        ("Endelig opfølgning 2024", 4),
        ("Endelig opfølgning pr. 31.12.2024", 4),
        ("3. opfølgning 2024", 3),
        ("Tredje opfølgning", 3),
        ("Første opfølgning 2024", 1),
        ("Anden budgetopfølgning", 2),
        ("2. Budget-opfølgning 2024", 2),
        ("1 opfølgning", 1),
        ("5. opfølgning", None),
        ("Femte opfølgning", None),
        ("opfølgning", None),
    ],
)
def test_more_round_labels(label, round_):
    assert parse_round_label(label) == round_


def test_a_report_with_other_round_labels_reads_every_round():
    labels = ["Første opfølgning 2024", "2. opfølgning 2024", "Tredje opfølgning",
              "Endelig opfølgning pr. 31.12.2024"]  # fmt: skip
    rows = [milestone(f"Trin {r}.", r, label=labels[r - 1]) for r in (4, 3, 2, 1)]
    doc = parse(report(initiative("1.1", milestones=rows)))
    ini = doc.initiatives()[0]
    assert [(m.round, m.label, m.text) for m in ini.milestones] == [
        (r, labels[r - 1], f"Trin {r}.") for r in (1, 2, 3, 4)
    ]
    assert [w for w in doc.warnings if "round" in w.where] == []


def test_a_round_cell_that_names_no_round_is_taken_by_its_position_with_a_warning():
    rows = [milestone("", 1), milestone("", 2, label="Til sommer"), milestone("", 3),
            milestone("", 4)]  # fmt: skip
    text = report(initiative("1.1", milestones=rows))
    doc = parse(text)
    second = doc.initiatives()[0].milestones[1]
    assert (second.round, second.label) == (2, "Til sommer")
    line = line_of(text, "Til sommer")
    assert (f"line {line}, initiative 1.1, round 2",
            "rundecellen «Til sommer» nævner ingen opfølgning; læst som 2. opfølgning ud fra sin "
            "plads") in warnings_of(doc)  # fmt: skip


def test_no_round_can_be_told_is_refused_saying_what_was_expected():
    rows = [milestone("", 1), milestone("", 1, label="Til sommer"), milestone("", 3),
            milestone("", 4)]  # fmt: skip
    rows[0] = milestone("", 2)  # the first row names round 2: the second's position is taken
    with pytest.raises(ReportFormatError) as info:
        parse(report(initiative("1.1", milestones=rows)))
    message = str(info.value)
    assert "round cell 'Til sommer' of a milestone row is not a follow-up round" in message
    assert "expected '1. budgetopfølgning YYYY'" in message
    assert "'Endelig opfølgning pr. 31.12.YYYY'" in message


# --- 5. ☹ with a variation selector -------------------------------------------------------------


@pytest.mark.parametrize("selector", VARIATION_SELECTORS)
@pytest.mark.parametrize("frown_means", [Smiley.NEUTRAL, Smiley.SAD])
def test_a_frown_with_a_variation_selector_reads_exactly_like_the_frown(selector, frown_means):
    def read(glyph: str) -> ReportDocument:
        economy = f"Økonomi\tDer er ikke afsat økonomi.\t\t{glyph}"
        text = report(initiative("1.1", glyphs=(glyph, "", glyph, ""), economy=economy))
        return parse(text, frown_means=frown_means)

    bare, selected = read("☹"), read("☹" + selector)
    pairs = zip(bare.initiatives()[0].milestones, selected.initiatives()[0].milestones, strict=True)
    for a, b in pairs:
        assert (a.smiley, a.needs_review) == (b.smiley, b.needs_review)
    first = selected.initiatives()[0].milestones[0]
    assert (first.smiley, first.needs_review, first.glyph) == (frown_means, True, "☹" + selector)
    eco_a, eco_b = bare.initiatives()[0].economy, selected.initiatives()[0].economy
    assert (
        (eco_b.smiley, eco_b.needs_review)
        == (eco_a.smiley, eco_a.needs_review)
        == (
            Smiley.SAD,
            False,
        )
    )
    assert warnings_of(selected) == warnings_of(bare)


# --- 6. two centers in one cell ----------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "Center for Teknik og Miljø / Center for Kultur og Fritid",
        "Center for Teknik og Miljø/Center for Kultur og Fritid",
        "Center for Teknik og Miljø og Center for Kultur og Fritid",
        "Center for Teknik og Miljø, Center for Kultur og Fritid",
        "Center for Teknik og Miljø\nCenter for Kultur og Fritid",
    ],
    ids=["slash", "slash-tight", "og", "comma", "newline"],
)
def test_two_centers_in_the_center_cell(cell):
    responsibility = f"Ansvarligt center: {cell}\nAnsvarligt udvalg: Teknik- og Miljøudvalget"
    rows = initiative("4.2", bold=False).split("\n")
    rows[1] = f"Beskrivelse.\t{responsibility}\t\t"
    text = report(theme(4, "Tema"), "\n".join(rows))
    doc = parse(text)
    ini = doc.initiatives()[0]
    assert ini.center == "Center for Teknik og Miljø"
    assert ini.contributors == "Center for Kultur og Fritid"
    assert ini.committee == "Teknik- og Miljøudvalget"
    center_warnings = [w for w in doc.warnings if "center" in w.message]
    assert [(w.where, w.message) for w in center_warnings] == [
        (
            f"line {line_of(text, '4.2.')}, initiative 4.2",
            "cellen med ansvarligt center nævner 2 centre; «Center for Teknik og Miljø» "
            "er læst som ansvarligt center og «Center for Kultur og Fritid» som bidragydere",
        )
    ]


def test_further_centers_come_before_the_contributors_already_named():
    cell = (
        "<p>Ansvarligt center: Center for Børn / Center for Skole / Center for Sundhed</p> "
        "<p>Væsentlig bidragsyder: Ejendomme</p>"
    )
    ini = parse(report(initiative("1.1", responsibility=cell))).initiatives()[0]
    assert ini.center == "Center for Børn"
    assert ini.contributors == "Center for Skole samt Center for Sundhed samt Ejendomme"


@pytest.mark.parametrize(
    "name", ["By, Erhverv og Miljø", "HR og Organisationsudvikling", "Center for Teknik og Miljø"]
)
def test_one_center_with_og_or_a_comma_in_its_name_stays_one(name):
    assert split_centers(name) == [name]
    cell = RESPONSIBILITY.replace("Ejendomme", name)
    doc = parse(report(initiative("1.1", responsibility=cell)))
    assert doc.initiatives()[0].center == name
    assert not any("center" in w.message for w in doc.warnings)


# --- all of them in one file -----------------------------------------------------------------


def test_every_variation_in_one_report():
    first = initiative("1.1", kind="Anlæg og drift", bold=False).split("\n")
    first[1] = (
        "Beskrivelse.\tAnsvarligt center: Center for Teknik og Miljø /\n"
        "Center for Kultur og Fritid Ansvarligt udvalg: Økonomiudvalget\t\t"
    )
    first[2] = "Milepæl\tTrin et\nfortsat.\tFørste opfølgning 2024\t☹\ufe0f"
    first[5] = milestone("", 4, label="Endelig opfølgning pr. 31.12.2024")
    text = report("1. Første tema", "", "\n".join(first), "", "2. Andet tema", initiative("2.1"))
    doc = parse(text)
    one, two = doc.initiatives()
    assert [(t.number, t.title) for t in doc.themes] == [("1", "Første tema"), ("2", "Andet tema")]
    assert (one.kind, one.center, one.contributors, one.committee) == (
        KIND_BOTH,
        "Center for Teknik og Miljø",
        "Center for Kultur og Fritid",
        "Økonomiudvalget",
    )
    assert one.milestones[0].text == "Trin et fortsat."
    assert (one.milestones[0].smiley, one.milestones[0].needs_review) == (Smiley.NEUTRAL, True)
    assert [m.round for m in one.milestones] == [1, 2, 3, 4]
    assert two.kind == "operating"
    messages = [w.message for w in doc.warnings]
    assert sum("er hverken fed eller mærket som overskrift" in m for m in messages) == 2
    assert sum("linjeskift inde i en celle" in m for m in messages) == 2
    assert sum("nævner 2 centre" in m for m in messages) == 1
    assert sum("☹" in m for m in messages) == 1
