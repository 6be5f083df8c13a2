"""Centers and committees in the browser as the finance office (issue 15), at 1280 and 390 px:
the organisation page from the menu, a rename refused on the very field and then done, a
committee merged after the confirmation of what moves, and the history of the merged one.
axe: 0 violations on every page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from opfolgning.agreements.models import Committee, CommitteeReport
from tests.browser.helpers import assert_accessible
from tests.personas import World


@pytest.mark.parametrize("width", [1280, 390])
def test_the_finance_office_renames_and_merges(
    world: World, finance_officer: Any, politician: Any, page_as: Any, width: int
) -> None:
    CommitteeReport.objects.create(round=world.round, committee=world.committee, title="A")
    CommitteeReport.objects.create(round=world.round, committee=world.other_committee, title="B")
    page = page_as(finance_officer, viewport={"width": width, "height": 900})
    page.goto("/")
    if width < 576:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Centre og udvalg")
    assert_accessible(page, f"the organisation page at {width} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # A name another center has: the summary at the top links to the field, which says why.
    page.get_by_role("link", name="Omdøb Ejendomme").click()
    page.get_by_label("Nyt navn").fill("Skole og Dagtilbud")
    page.get_by_role("button", name="Gem det nye navn").click()
    expect(page.locator("#error-summary")).to_contain_text("allerede et center ved navn")
    expect(page.locator("#id_name-error")).to_be_visible()
    assert_accessible(page, f"the rename form with an error at {width} px")
    page.get_by_label("Nyt navn").fill("Ejendomme og Drift")
    page.get_by_role("button", name="Gem det nye navn").click()
    expect(page.locator(".messages")).to_contain_text("Ejendomme hedder nu Ejendomme og Drift")

    # Merge Økonomiudvalget into Børne- og Skoleudvalget: see what moves, keep one report.
    page.get_by_role("link", name="Slå sammen Økonomiudvalget").click()
    assert_accessible(page, f"the merge choice at {width} px")
    page.get_by_label("Slå sammen med").select_option("Børne- og Skoleudvalget")
    page.get_by_role("button", name="Vis hvad der flyttes").click()
    expect(page.locator("main")).to_contain_text("1 indsats får Børne- og Skoleudvalget")
    expect(page.locator("main")).to_contain_text("Begge udvalg har en udvalgsrapport ved")
    assert_accessible(page, f"the merge confirmation at {width} px")
    merge = page.get_by_role("button", name=re.compile("Slå Økonomiudvalget sammen med"))
    merge.click()
    expect(page.locator("#error-summary")).to_contain_text("én rapport pr. opfølgning")
    assert_accessible(page, f"the merge confirmation with an error at {width} px")
    page.get_by_label("Behold Børne- og Skoleudvalgets udvalgsrapporter").check()
    page.get_by_role("button", name=re.compile("Slå Økonomiudvalget sammen med")).click()
    expect(page.locator(".messages")).to_contain_text(
        "Økonomiudvalget er slået sammen med Børne- og Skoleudvalget"
    )
    assert list(Committee.objects.values_list("name", flat=True)) == ["Børne- og Skoleudvalget"]

    page.get_by_role("link", name="Historik for udvalget Økonomiudvalget").click()
    expect(page.locator("main")).to_contain_text("Slået sammen med Børne- og Skoleudvalget")
    assert_accessible(page, f"the history of a merged committee at {width} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
