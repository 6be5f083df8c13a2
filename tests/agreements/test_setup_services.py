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
