"""A new year in the browser (issue 15): the finance office creates an agreement with its
themes, sees the year's calendar of rounds and adds initiatives one by one; a refusal shows
at the top and on the very field, and nothing is stored."""

from __future__ import annotations

from django.urls import reverse

from opfolgning.agreements.models import Agreement, Initiative, Milestone, Round
from tests.personas import login


def _new(client, **data):
    values = {"name": "", "year": "2026", "first_year": "", "last_year": "", "themes": ""}
    return client.post(reverse("web:agreement-new"), {**values, **data})


def test_the_finance_office_creates_an_agreement_and_lands_on_its_set_up_page(
    client, world, finance_officer
):
    login(client, finance_officer)
    home = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:agreement-new")}"' in home
    response = _new(client, themes="1. Et økonomisk bæredygtigt fundament\n\nTema 2: Børn og unge")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:agreement-setup", args=[2026])
    agreement = Agreement.objects.get(year=2026)
    assert agreement.name == "Aftale om budget 2026"
    assert list(agreement.themes.values_list("number", "title")) == [
        ("1", "Et økonomisk bæredygtigt fundament"),
        ("2", "Børn og unge"),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Årets opfølgninger" in page and "Endelig opfølgning pr. 31.12.2026" in page
    assert page.count("Frist, datoer og åbning") == 4
    assert "Tilføj en indsats" in page


def test_a_year_that_exists_shows_at_the_top_and_on_the_year_field(client, world, finance_officer):
    login(client, finance_officer)
    response = _new(client, year="2019")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="error-summary"' in body and 'href="#id_year"' in body
    assert 'id="id_year-error"' in body and 'aria-invalid="true"' in body
    assert "Der findes allerede en aftale for budget 2019" in body
    assert Agreement.objects.count() == 1


def test_a_bad_theme_line_says_which_line(client, world, finance_officer):
    login(client, finance_officer)
    body = _new(client, themes="1. Godt\nuden nummer").content.decode()
    assert "Linje 2" in body
    assert not Agreement.objects.filter(year=2026).exists()


def test_an_initiative_is_added_with_its_milestones_and_a_taken_number_is_refused(
    client, world, finance_officer
):
    login(client, finance_officer)
    url = reverse("web:initiative-new", args=[2019])
    data = {
        "number": "1.3",
        "title": "Ny cykelsti",
        "kind": "capital",
        "center": "Ejendomme",
        "committee": "Økonomiudvalget",
        "milestone_1": "Projektering",
        "milestone_4": "Indviet",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    ini = Initiative.objects.get(agreement=world.agreement, number="1.3")
    assert ini.center == world.center and ini.committee == world.committee
    rounds = Milestone.objects.filter(initiative=ini).values_list("round__number", "text")
    assert sorted(rounds) == [(1, "Projektering"), (4, "Indviet")]
    again = client.post(url, {**data, "title": "Igen"})
    assert again.status_code == 400
    body = again.content.decode()
    assert "har allerede en indsats 1.3" in body and 'id="id_number-error"' in body
    assert Initiative.objects.filter(agreement=world.agreement, number="1.3").count() == 1


def test_others_may_not_set_up_a_year(client, world, center_editor, politician):
    for user in (center_editor, politician):
        login(client, user)
        assert client.get(reverse("web:agreement-new")).status_code == 403
        assert client.get(reverse("web:agreement-setup", args=[2019])).status_code == 403
    client.logout()
    assert client.get(reverse("web:agreement-new")).status_code == 302
    assert Round.objects.filter(agreement__year=2026).count() == 0


def test_forty_initiatives_are_carried_over_in_a_few_clicks(client, world, finance_officer):
    """Choose the earlier agreement (it is chosen already), 'Vælg alle', renumber one,
    'Videreføre': 2 clicks after choosing them."""
    from opfolgning.agreements import setup_services as setup

    for n in range(3, 43):
        setup.initiative_create(
            actor=None,
            agreement=world.agreement,
            fields=setup.InitiativeFields(number=f"1.{n}", title=f"Indsats {n}", kind="capital"),
        )
    setup.agreement_create(actor=None, name="", year=2020)
    login(client, finance_officer)
    url = reverse("web:carry-over", args=[2020])
    page = client.get(url, {"alle": "1"}).content.decode()
    assert "Vælg alle 42 indsatser" in page
    assert page.count(" checked") == 42
    data = {
        "fra": "2019",
        "indsats": [str(i.pk) for i in Initiative.objects.filter(agreement=world.agreement)],
    }
    first = Initiative.objects.get(agreement=world.agreement, number="1.1")
    data[f"nummer-{first.pk}"] = "2.1"
    response = client.post(url, data)
    assert response.status_code == 302
    carried = Initiative.objects.filter(agreement__year=2020)
    assert carried.count() == 42
    assert carried.get(number="2.1").carried_from == first
    # Carried over already: not offered again.
    assert (
        "Alle indsatser fra Aftale om budget 2019 er videreført" in client.get(url).content.decode()
    )


def test_a_carry_over_onto_a_taken_number_stores_nothing_and_says_why(
    client, world, finance_officer
):
    from opfolgning.agreements import setup_services as setup

    new = setup.agreement_create(actor=None, name="", year=2020, themes=[setup.ThemeFields("1")])
    setup.initiative_create(
        actor=None, agreement=new, fields=setup.InitiativeFields("1.1", "Ny", "capital")
    )
    login(client, finance_officer)
    ids = [str(i.pk) for i in Initiative.objects.filter(agreement=world.agreement)]
    response = client.post(reverse("web:carry-over", args=[2020]), {"fra": "2019", "indsats": ids})
    assert response.status_code == 400
    assert "har allerede indsats 1.1" in response.content.decode()
    assert Initiative.objects.filter(agreement=new).count() == 1


def test_each_round_has_a_deadline_a_report_date_and_a_meeting_date_on_the_calendar(
    client, world, finance_officer
):
    login(client, finance_officer)
    url = reverse("web:round-settings", args=[2019, 3])
    client.post(
        url,
        {"label": "3. budgetopfølgning 2019", "deadline": "2019-09-20", "date": "2019-10-09",
         "meeting_date": "2019-10-15"},
    )  # fmt: skip
    world.round.refresh_from_db()
    assert world.round.meeting_date.isoformat() == "2019-10-15"
    page = client.get(reverse("web:agreement-setup", args=[2019])).content.decode()
    assert "Udvalgsmøde" in page and "15. oktober 2019" in page and "20. september 2019" in page


def test_the_timeline_of_a_carried_over_initiative_shows_both_agreements(
    client, world, finance_officer
):
    from opfolgning.agreements import setup_services as setup

    new = setup.agreement_create(actor=None, name="", year=2020)
    (carried,) = setup.initiatives_carry_over(
        actor=None, agreement=new, items=[setup.CarryOver(world.initiative, "2.1")]
    )
    login(client, finance_officer)
    page = client.get(reverse("web:initiative_timeline", args=[2020, "2.1"])).content.decode()
    assert "Videreført fra" in page
    assert reverse("web:initiative_timeline", args=[2019, "1.1"]) in page
    assert "Aftale om budget 2019, 1.1</span>" in page  # entries from before, marked
    assert "Videreført fra Aftale om budget 2019, 1.1 (nyt nummer 2.1)" in page
    earlier = client.get(reverse("web:initiative_timeline", args=[2019, "1.1"])).content.decode()
    assert (
        "Videreført til" in earlier
        and reverse("web:initiative_timeline", args=[2020, "2.1"]) in earlier
    )
    assert carried.carried_from == world.initiative
