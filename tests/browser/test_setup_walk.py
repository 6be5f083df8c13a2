"""Setting up a new year in the browser as the finance office (issue 15), at 1280 and 390 px:
a new agreement with its themes, an initiative typed in, a refusal on the very field, and
initiatives carried over from the earlier agreement. axe: 0 violations on every page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from opfolgning.agreements.models import Initiative
from tests.browser.helpers import assert_accessible
from tests.personas import World


@pytest.mark.parametrize("width", [1280, 390])
def test_the_finance_office_sets_up_next_year(
    world: World, finance_officer: Any, page_as: Any, width: int
) -> None:
    page = page_as(finance_officer, viewport={"width": width, "height": 900})
    page.goto("/")
    page.get_by_role("link", name="Ny aftale").click()
    assert_accessible(page, f"the new-agreement form at {width} px")

    # A year that exists: the summary at the top links to the field, which says why.
    page.get_by_label("Budgetår").fill("2019")
    page.get_by_role("button", name="Opret aftalen").click()
    expect(page.locator("#error-summary")).to_contain_text("Der findes allerede en aftale")
    expect(page.locator("#id_year-error")).to_be_visible()
    assert_accessible(page, f"the new-agreement form with an error at {width} px")

    page.get_by_label("Budgetår").fill("2020")
    page.get_by_label("Temaer").fill("1. Et økonomisk bæredygtigt fundament\n2. Børn og unge")
    page.get_by_role("button", name="Opret aftalen").click()
    expect(page).to_have_url(re.compile(r"/aftaler/2020/opsaetning/$"))
    expect(page.locator("main")).to_contain_text("Endelig opfølgning pr. 31.12.2020")
    assert_accessible(page, f"the set-up page at {width} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # One initiative typed in.
    page.get_by_label("Nummer").fill("2.1")
    page.get_by_label("Titel").fill("Flere pædagoger")
    page.get_by_label("Drift", exact=True).check()
    expect(page.get_by_label("Drift", exact=True)).to_be_checked()
    page.get_by_label("Ansvarligt center").select_option("Skole og Dagtilbud")
    page.get_by_label("Milepæl ved 1. opfølgning").fill("Stillingerne er slået op.")
    page.get_by_role("button", name="Tilføj indsatsen").click()
    expect(page.locator(".messages")).to_contain_text("Indsats 2.1. Flere pædagoger er tilføjet")
    expect(page.locator("#indsatser ~ .table-scroll")).to_contain_text("2.1. Flere pædagoger")

    # Carry over both of 2019's initiatives, the second under a new number.
    page.get_by_role("link", name="Videreføre indsatser fra en tidligere aftale").click()
    assert_accessible(page, f"the carry-over page at {width} px")
    page.get_by_role("link", name=re.compile("Vælg alle 2 indsatser")).click()
    page.get_by_label("Nyt nummer for 1.2").fill("2.2")
    page.get_by_role("button", name="Videreføre de valgte indsatser").click()
    expect(page.locator(".messages")).to_contain_text("2 indsatser er videreført")
    assert_accessible(page, f"the set-up page after a carry-over at {width} px")
    carried = Initiative.objects.filter(agreement__year=2020, carried_from__isnull=False)
    assert sorted(carried.values_list("number", "carried_from__number")) == [
        ("1.1", "1.1"),
        ("2.2", "1.2"),
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_finance_office_invites_a_user(
    world: World, finance_officer: Any, page_as: Any, width: int
) -> None:
    page = page_as(finance_officer, viewport={"width": width, "height": 900})
    page.goto("/")
    if width < 576:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Brugere").click()
    assert_accessible(page, f"the user list at {width} px")
    page.get_by_role("link", name="Invitér en bruger").click()
    page.get_by_label("Fornavn").fill("Karin")
    page.get_by_label("Efternavn").fill("Holm")
    page.get_by_label("E-mail").fill("karin@example.dk")
    page.get_by_label("Redaktør for center").check()
    page.get_by_role("button", name="Send invitationen").click()
    expect(page.locator("#id_centers-error")).to_contain_text("mindst ét center")
    assert_accessible(page, f"the invitation form with an error at {width} px")
    page.get_by_label("Centre, brugeren redigerer for").select_option("Ejendomme")
    page.get_by_role("button", name="Send invitationen").click()
    expect(page.locator(".messages")).to_contain_text("Karin Holm er inviteret")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Move her to another center.
    page.get_by_role("link", name="Karin Holm").click()
    assert_accessible(page, f"the role and access page at {width} px")
    page.get_by_label("Centre, brugeren redigerer for").select_option("Skole og Dagtilbud")
    page.get_by_role("button", name="Gem rolle og adgang").click()
    expect(page.locator(".messages")).to_contain_text("Karin Holm har nu rollen")
    expect(page.locator("main table")).to_contain_text("Skole og Dagtilbud")


def test_forty_initiatives_are_carried_over_in_two_clicks(
    world: World, finance_officer: Any, page_as: Any
) -> None:
    """Issue 15's figure: at most 5 clicks after choosing them (here: 2, choosing included)."""
    from opfolgning.agreements.models import Theme
    from opfolgning.agreements.setup_services import agreement_create

    theme = Theme.objects.filter(agreement=world.agreement).first()
    Initiative.objects.bulk_create(
        Initiative(
            agreement=world.agreement,
            theme=theme,
            number=f"9.{n}",
            sort_key=f"0009.{n:04d}",
            title=f"Indsats {n}",
            kind="operating",
        )
        for n in range(1, 39)  # 38 more: 40 with the world's two
    )
    agreement_create(actor=None, name="", year=2020)
    page = page_as(finance_officer, viewport={"width": 1280, "height": 900})
    page.goto("/aftaler/2020/opsaetning/videreforsel/")
    clicks = 0
    page.get_by_role("link", name=re.compile("Vælg alle 40 indsatser")).click()
    clicks += 1
    page.get_by_role("button", name="Videreføre de valgte indsatser").click()
    clicks += 1
    expect(page.locator(".messages")).to_contain_text("40 indsatser er videreført")
    assert Initiative.objects.filter(agreement__year=2020, carried_from__isnull=False).count() == 40
    assert clicks <= 5
