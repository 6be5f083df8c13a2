"""An import in the browser as the finance office (issue 15), at 1280 and 390 px: upload the
example report, see the preview, set every ambiguous ☹ to sad, store it, and find it in the
history. axe: 0 violations on every page; nothing wider than the screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from opfolgning.agreements.models import Milestone
from tests.browser.helpers import assert_accessible
from tests.conftest import SEED_TEXT
from tests.personas import World


@pytest.mark.parametrize("width", [1280, 390])
def test_the_finance_office_imports_a_report(
    world: World, finance_officer: Any, page_as: Any, width: int
) -> None:
    page = page_as(finance_officer, viewport={"width": width, "height": 900})
    page.goto("/")
    if width < 600:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Import", exact=True).click()
    assert_accessible(page, f"the import page at {width} px")

    # No file: the summary at the top and the field say what to do.
    page.get_by_role("button", name="Upload og vis forhåndsvisning").click()
    expect(page.locator("#error-summary")).to_contain_text("Vælg den fil")
    assert_accessible(page, f"the import page with an error at {width} px")

    page.get_by_label("Fil").set_input_files(str(SEED_TEXT))
    page.get_by_role("button", name="Upload og vis forhåndsvisning").click()
    expect(page).to_have_url(re.compile(r"/import/\d+/$"))
    expect(page.locator("main")).to_contain_text("Intet er gemt endnu")
    expect(page.locator("main")).to_contain_text("17 celler skal afklares")
    assert_accessible(page, f"the preview at {width} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("button", name="Sæt alle til sur").click()
    expect(page.locator("input[type=radio][value=sad]:checked")).to_have_count(17)
    expect(page.locator(".messages")).to_contain_text("17 celler er sat til sur")
    # Enter on a radio button updates the preview with the choices; it never sets them all.
    first = page.locator("input[name='cell:1.11:1'][value=neutral]")
    first.check(force=True)
    first.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("input[name='cell:1.11:1'][value=neutral]")).to_be_checked()
    expect(page.locator("input[type=radio][value=sad]:checked")).to_have_count(16)
    page.locator("input[name='cell:1.11:1'][value=sad]").check(force=True)
    page.get_by_role("button", name="Gem importen").click()
    expect(page.locator(".messages")).to_contain_text("er gemt")
    assert_accessible(page, f"the stored import at {width} px")
    assert Milestone.objects.get(initiative__number="1.11", round__number=1).smiley == "sad"

    page.get_by_role("link", name="Import", exact=True).first.click()
    expect(page.locator("#history ~ .table-scroll")).to_contain_text("000_c9d5bf20bb20a594.txt")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_a_large_file_waits_with_a_progress_bar_and_a_bad_one_says_why(
    world: World, finance_officer: Any, page_as: Any, width: int, settings: Any, tmp_path: Any
) -> None:
    settings.IMPORT_SYNC_MAX_BYTES = 1024  # the example report is then read by the worker
    page = page_as(finance_officer, viewport={"width": width, "height": 900})
    page.goto("/import/")
    page.get_by_label("Fil").set_input_files(str(SEED_TEXT))
    page.get_by_role("button", name="Upload og vis forhåndsvisning").click()
    expect(page.locator("main")).to_contain_text("læses i baggrunden")
    expect(page.locator("progress#progress")).to_be_visible()
    assert_accessible(page, f"the import being read at {width} px")

    junk = tmp_path / "rapport.docx"
    junk.write_bytes(b"\x1d\x00 not a Word file " * 40)
    page.goto("/import/")
    page.get_by_label("Fil").set_input_files(str(junk))
    page.get_by_role("button", name="Upload og vis forhåndsvisning").click()
    expect(page.locator("#error-summary")).to_contain_text("not a DOCX file")
    expect(page.locator("#error-summary")).to_be_focused()
    assert_accessible(page, f"a refused upload at {width} px")
    page.get_by_role("link", name="rapport.docx", exact=True).click()
    expect(page.locator("main")).to_contain_text("Filen kunne ikke læses, og intet er gemt.")
    assert_accessible(page, f"a refused import's record at {width} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
