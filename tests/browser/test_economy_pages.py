"""The economy pages in the browser: budget, a change with financing, approval, round figures."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from opfolgning.agreements.models import BudgetChange, BudgetLine, EconomyStatus
from tests.browser.helpers import BOX_DRAWN, assert_accessible
from tests.personas import World

ECONOMY = "/aftaler/2019/indsatser/1.1/oekonomi/"
ROUND_ECONOMY = "/aftaler/2019/opfolgning/3/indberetning/1.1/oekonomi/"


def test_budget_change_and_approval_walk_through_the_economy_pages(
    world: World, finance_officer: Any, center_editor: Any, page_as: Any
) -> None:
    officer = page_as(finance_officer)
    officer.goto(ECONOMY)
    assert_accessible(officer, "the economy page, no budget yet")
    # The "no money" checkbox is drawn (the design system's box on its label).
    box = officer.get_by_label("Der er ikke afsat økonomi til indsatsen")
    assert officer.evaluate(BOX_DRAWN, box.get_attribute("id"))
    officer.get_by_label("Anlæg 2019").fill("2 mio. kr.")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Gem budgettet").click()
    expect(officer.locator(".messages")).to_contain_text("Budgettet er gemt.")
    assert BudgetLine.objects.get(initiative=world.initiative).amount == 2_000_000

    editor = page_as(center_editor)
    editor.goto(ECONOMY)
    editor.get_by_label("Type ændring").select_option("postponement")
    editor.get_by_label("2019", exact=True).fill("-1 mio. kr.")
    editor.get_by_label("2020", exact=True).fill("1 mio. kr.")
    editor.get_by_label("Alternativ finansiering").fill("Flyttes inden for anlægsrammen.")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Registrér forslaget").click()
    expect(editor.locator(".messages")).to_contain_text("registreret som foreslået")
    assert_accessible(editor, "the economy page with a proposed change")

    officer.goto(ECONOMY)
    officer.get_by_label("Besluttet den").fill("2019-03-26")
    officer.get_by_label("Sags- eller dagsordensreference").fill("KB 26.03.2019, pkt. 7")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Registrér godkendelse").click()
    expect(officer.locator(".messages")).to_contain_text("indgår i det korrigerede budget")
    assert BudgetChange.objects.get().status == "approved"
    expect(officer.locator(".budget-row-amended")).to_contain_text("1 mio. kr.")
    assert_accessible(officer, "the economy page with an approved change")

    editor.goto(ROUND_ECONOMY)
    editor.get_by_label("Forventet forbrug i året").fill("1,5 mio. kr.")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Gem økonomien").click()
    expect(editor.locator(".economy-reason")).to_contain_text("1,5 mio. kr.")
    status = EconomyStatus.objects.get(initiative=world.initiative, round=world.round)
    assert status.smiley == "sad"  # 1,5 mio. kr. expected against 1 mio. kr. left in 2019
    assert_accessible(editor, "the round's economy page with a sad smiley and its reason")
