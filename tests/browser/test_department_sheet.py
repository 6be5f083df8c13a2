"""The department spreadsheet in the browser, at 1280 and 390 px: download from the round page,
upload it filled in, read the preview (a change, a conflict, a refused row), save.
axe: 0 violations on the round page and on each preview."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import Milestone
from opfolgning.delivery import department_sheets as sheets
from tests.browser.helpers import assert_accessible
from tests.department_sheets import fill
from tests.personas import World

OWED = "/aftaler/2019/opfolgning/3/indberetning/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(page: Page, data: bytes) -> None:
    page.goto(OWED)
    page.get_by_label("Udfyldt regneark for Ejendomme").set_input_files(
        {"name": "ejendomme.xlsx", "mimeType": XLSX, "buffer": data}
    )
    page.get_by_role("button", name="Upload udfyldt regneark").click()
    expect(page.locator("h1")).to_contain_text("Ændringer fra regnearket for Ejendomme")


@pytest.mark.parametrize("width", [1280, 390])
def test_an_editor_uploads_a_filled_in_sheet(
    world: World, center_editor: Any, finance_officer: Any, page_as: Any, width: int
) -> None:
    page = page_as(center_editor, viewport={"width": width, "height": 900})
    page.goto(OWED)
    assert_accessible(page, f"the round page with the spreadsheets at {width} px")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent regneark for Ejendomme").click()
    download = download_info.value
    assert download.suggested_filename == "indberetning-2019-3-ejendomme.xlsx"
    with open(download.path(), "rb") as handle:
        original = handle.read()

    # A refused row (another center's initiative) and a conflict: nothing can be saved.
    wf.status_save(
        actor=finance_officer,
        submission=world.submission,
        base_version=0,
        text="",
        status_note="Økonomis tekst",
        smiley="neutral",
        corrective_action="",
    )
    blocked = fill(
        original,
        {"1.1": {"status_note": "Centrets tekst"}},
        add=[{"number": "1.2", "status_note": "Skolens", "version": 0}],
    )
    _upload(page, blocked)
    main = page.locator("main")
    expect(main).to_contain_text("Ændret i browseren af Kathrine Dahl")
    expect(main).to_contain_text("Række 6: indsats 1.2 hører til Skole og Dagtilbud")
    expect(main).to_contain_text("Intet kan gemmes fra denne fil.")
    expect(page.get_by_role("button", name="Gem")).to_have_count(0)
    assert_accessible(page, f"the preview with a conflict and a refused row at {width} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # A fresh download, filled in: one change, saved.
    fresh = sheets.sheet_download(round_obj=world.round, center=world.center).content
    _upload(page, fill(fresh, {"1.1": {"status_note": "Økonomis tekst, og centrets"}}))
    expect(page.locator(".sheet-diff ins")).to_contain_text("og centrets")
    assert_accessible(page, f"the preview of one change at {width} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Gem 1 ændring").click()
    expect(page.locator(".messages")).to_contain_text("1 ændring fra regnearket")
    assert page.url.endswith(OWED)
    milestone = Milestone.objects.get(initiative=world.initiative, round=world.round)
    assert milestone.status_note == "Økonomis tekst, og centrets"
