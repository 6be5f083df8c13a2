"""A department's own spreadsheet in the browser, at 1280 and 390 px: its headers are not all
known, so the column-mapping step asks which column is which; a field chosen twice is refused
with a form error; the corrected mapping gives the preview. axe: 0 violations on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from opfolgning.agreements.models import HeaderMapping
from tests.browser.helpers import assert_accessible
from tests.personas import World
from tests.web.test_department_sheet_mapping import ODD_HEADERS, own_sheet

UPLOAD = "/aftaler/2019/opfolgning/3/regneark/{center}/upload/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_an_editor_says_which_column_is_which(
    world: World, center_editor: Any, page_as: Any, width: int
) -> None:
    page = page_as(center_editor, viewport={"width": width, "height": 900})
    page.goto(UPLOAD.format(center=world.center.pk))
    data = own_sheet(ODD_HEADERS, [["1.1", "Taget er skiftet.", "gul", "Mere tid", "PK"]])
    page.get_by_label("Udfyldt regneark (.xlsx)").set_input_files(
        {"name": "vores ark.xlsx", "mimeType": XLSX, "buffer": data}
    )
    page.get_by_role("button", name="Upload udfyldt regneark").click()
    expect(page.locator("h1")).to_have_text("Hvilken kolonne er hvad?")
    number = page.get_by_label("Kolonne A: «Nr.»")
    expect(number).to_have_value("number")  # the synonyms' guess
    expect(page.get_by_text("Eksempel: Taget er skiftet.")).to_be_visible()
    assert_accessible(page, f"the column mapping at {width} px")
    _fits(page, width)

    # Two columns to one field: refused with a form error, nothing remembered.
    page.get_by_label("Kolonne B: «Hvordan går det»").select_option("status_note")
    page.get_by_label("Kolonne C: «Farve»").select_option("smiley")
    page.get_by_label("Kolonne D: «Plan B»").select_option("status_note")
    page.get_by_role("button", name="Læs regnearket med disse kolonner").click()
    expect(page.locator(".error-summary")).to_contain_text("«Status» er valgt for flere kolonner")
    assert_accessible(page, f"the column mapping with an error at {width} px")
    _fits(page, width)
    assert not HeaderMapping.objects.exists()

    page.get_by_label("Kolonne D: «Plan B»").select_option("corrective_action")
    page.get_by_role("button", name="Læs regnearket med disse kolonner").click()
    expect(page.locator("h1")).to_contain_text("Ændringer fra regnearket for Ejendomme")
    expect(page.locator("main")).to_contain_text("kolonnen «Ansvarlig» bruges ikke ved upload")
    expect(page.get_by_role("button", name="Gem 1 ændring")).to_be_visible()
    assert_accessible(page, f"the preview after the column mapping at {width} px")
    _fits(page, width)
    assert HeaderMapping.objects.get().headers == ODD_HEADERS
