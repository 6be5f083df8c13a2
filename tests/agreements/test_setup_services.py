"""A new year without a shell (issue 15): an agreement with themes and four rounds, its
initiatives one by one; what breaks the agreement is refused whole, saying what to do."""

from __future__ import annotations

import pytest

from opfolgning.agreements import setup_services as setup
from opfolgning.agreements.models import Agreement, Initiative, Milestone, Round, Theme


@pytest.fixture
def agreement(db):
    return setup.agreement_create(
        actor=None,
        name="Aftale om budget 2026",
        year=2026,
        themes=[setup.ThemeFields("1", "Økonomi"), setup.ThemeFields("2", "Børn og unge")],
    )


def test_an_agreement_gets_its_themes_and_four_planned_rounds(agreement):
    assert agreement.period == (2026, 2029)
    assert list(Theme.objects.filter(agreement=agreement).values_list("number", "title")) == [
        ("1", "Økonomi"),
        ("2", "Børn og unge"),
    ]
    rounds = Round.objects.filter(agreement=agreement).order_by("number")
    assert [(r.number, r.label, r.state) for r in rounds] == [
        (1, "1. budgetopfølgning 2026", "planned"),
        (2, "2. budgetopfølgning 2026", "planned"),
        (3, "3. budgetopfølgning 2026", "planned"),
        (4, "31.12.2026", "planned"),
    ]
    assert agreement.history.first().history_change_reason == "Aftalen er oprettet"


def test_a_year_that_exists_is_refused_and_nothing_is_stored(agreement):
    with pytest.raises(setup.SetupError, match="Der findes allerede en aftale for budget 2026"):
        setup.agreement_create(actor=None, name="Igen", year=2026)
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize(
    ("themes", "message"),
    [
        ([setup.ThemeFields("1", "A"), setup.ThemeFields("1.", "B")], "Tema 1 står to gange"),
        ([setup.ThemeFields("en", "A")], "er ikke et tal"),
    ],
)
def test_bad_themes_are_refused_and_nothing_is_stored(db, themes, message):
    with pytest.raises(setup.SetupError, match=message):
        setup.agreement_create(actor=None, name="", year=2027, themes=themes)
    assert not Agreement.objects.exists()


def test_a_period_that_does_not_hold_the_year_is_refused(db):
    with pytest.raises(setup.SetupError, match="skal rumme budgetåret"):
        setup.agreement_create(actor=None, name="", year=2027, first_year=2028)


def test_an_initiative_one_by_one_with_its_planned_milestones(agreement):
    from opfolgning.agreements.models import Center, Committee

    Center.objects.create(name="Center for Teknik og Miljø")
    Committee.objects.create(name="Teknik- og Miljøudvalget", slug="teknik-og-miljoeudvalget")
    ini = setup.initiative_create(
        actor=None,
        agreement=agreement,
        fields=setup.InitiativeFields(
            number="2.3",
            title="Ny legeplads",
            kind="capital",
            center="center for teknik og miljø",
            committee="Teknik- og Miljøudvalget",
            milestones=("Projektering", "", "Udbud", "Indvielse"),
        ),
    )
    assert (ini.theme.number, ini.center.name, ini.committee.slug) == (
        "2",
        "Center for Teknik og Miljø",
        "teknik-og-miljoeudvalget",
    )
    milestones = Milestone.objects.filter(initiative=ini).order_by("round__number")
    assert [(m.round.number, m.text) for m in milestones] == [
        (1, "Projektering"),
        (3, "Udbud"),
        (4, "Indvielse"),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (dict(number="1.1"), "har allerede en indsats 1.1"),
        (dict(number="3.1"), "har intet tema 3"),
        (dict(number="abc"), "skal være tema og løbenummer"),
        (dict(number="1.2", title=" "), "mangler en titel"),
        (dict(number="1.2", kind="both"), "vælg anlæg eller drift"),
        (dict(number="1.2", center="Ukendt center"), "Der er intet center ved navn"),
    ],
)
def test_bad_initiatives_are_refused_and_nothing_is_stored(agreement, fields, message):
    setup.initiative_create(
        actor=None,
        agreement=agreement,
        fields=setup.InitiativeFields(number="1.1", title="Første", kind="operating"),
    )
    values = {"title": "Anden", "kind": "operating", **fields}
    with pytest.raises(setup.SetupError, match=message):
        setup.initiative_create(
            actor=None, agreement=agreement, fields=setup.InitiativeFields(**values)
        )
    assert Initiative.objects.count() == 1


@pytest.fixture
def earlier(db):
    old = setup.agreement_create(
        actor=None,
        name="Aftale om budget 2025",
        year=2025,
        themes=[setup.ThemeFields("1", "Gammelt")],
    )
    for number in ("1.1", "1.2", "1.11"):
        setup.initiative_create(
            actor=None,
            agreement=old,
            fields=setup.InitiativeFields(number=number, title=f"Indsats {number}", kind="capital"),
        )
    return old


def test_carried_over_initiatives_keep_their_identity_and_a_new_number_is_recorded(
    earlier, agreement
):
    sources = {i.number: i for i in Initiative.objects.filter(agreement=earlier)}
    made = setup.initiatives_carry_over(
        actor=None,
        agreement=agreement,
        items=[
            setup.CarryOver(sources["1.1"]),
            setup.CarryOver(sources["1.11"], number="2.4"),
        ],
    )
    assert [(i.number, i.title, i.carried_from.number) for i in made] == [
        ("1.1", "Indsats 1.1", "1.1"),
        ("2.4", "Indsats 1.11", "1.11"),
    ]
    assert made[1].theme.number == "2"
    assert made[1].history.first().history_change_reason == (
        "Videreført fra Aftale om budget 2025, 1.11 (nyt nummer 2.4)"
    )
    assert list(sources["1.11"].carried_to.all()) == [made[1]]


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ({"1.1": "3.1", "1.2": "3.1"}, "kan ikke begge få nummer 3.1"),
        ({"1.1": "", "1.2": "x"}, "skal være tema og løbenummer"),
    ],
)
def test_bad_carry_overs_are_refused_and_nothing_is_stored(earlier, agreement, numbers, message):
    sources = {i.number: i for i in Initiative.objects.filter(agreement=earlier)}
    with pytest.raises(setup.SetupError, match=message):
        setup.initiatives_carry_over(
            actor=None,
            agreement=agreement,
            items=[setup.CarryOver(sources[n], number=new) for n, new in numbers.items()],
        )
    assert not Initiative.objects.filter(agreement=agreement).exists()


def test_a_carry_over_onto_a_number_already_taken_is_refused_whole(earlier, agreement):
    setup.initiative_create(
        actor=None,
        agreement=agreement,
        fields=setup.InitiativeFields(number="1.2", title="Ny", kind="operating"),
    )
    sources = {i.number: i for i in Initiative.objects.filter(agreement=earlier)}
    with pytest.raises(setup.SetupError, match=r"har allerede indsats 1\.2"):
        setup.initiatives_carry_over(
            actor=None,
            agreement=agreement,
            items=[setup.CarryOver(sources["1.1"]), setup.CarryOver(sources["1.2"])],
        )
    assert list(
        Initiative.objects.filter(agreement=agreement).values_list("number", flat=True)
    ) == ["1.2"]


def test_a_carried_over_initiative_says_where_it_came_from_in_every_format(earlier, agreement):
    from django.utils import translation

    from opfolgning.agreements import selectors
    from opfolgning.agreements.models import Committee
    from opfolgning.exporters.docx import render_report_docx
    from opfolgning.exporters.html import render_report_html
    from opfolgning.exporters.text import write_text
    from opfolgning.importers.docx import parse_docx
    from opfolgning.importers.text import parse_text

    source = Initiative.objects.get(agreement=earlier, number="1.11")
    source.committee = Committee.objects.create(name="Økonomiudvalget", slug="oekonomiudvalget")
    source.save()
    setup.initiatives_carry_over(
        actor=None, agreement=agreement, items=[setup.CarryOver(source, number="2.4")]
    )
    doc = selectors.report_document(year=2026, round_number=1, committee="oekonomiudvalget")
    (ini,) = doc.initiatives()
    assert ini.carried_from == "Aftale om budget 2025, 1.11"
    assert doc.to_dict()["themes"][0]["initiatives"][0]["carried_from"] == ini.carried_from
    with translation.override("da"):
        assert "Videreført fra" in render_report_html(doc)
    assert parse_docx(render_report_docx(doc)).initiatives()[0].carried_from == ini.carried_from
    text = write_text(doc)
    assert "Videreført fra: Aftale om budget 2025, 1.11" in text
    assert parse_text(text.encode()).initiatives()[0].carried_from == ini.carried_from


def test_a_long_change_reason_is_shortened_to_fit_its_column(db):
    from opfolgning.agreements.audit import REASON_MAX, audited_save
    from opfolgning.agreements.models import Center

    center = Center(name="Center for " + "meget " * 30)
    audited_save(center, None, f"Oprettet som {center.name}")
    reason = center.history.get().history_change_reason
    assert len(reason) == REASON_MAX and reason.endswith("…")
