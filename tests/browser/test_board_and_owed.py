"""The board's bulk approval and reminders, and the department's list, in the browser (issue 16).

axe-core on each page; the list on a 390 px phone without sideways scrolling; the bulk
approval with the keyboard alone.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from opfolgning.agreements.models import Milestone, Submission, SubmissionState
from tests.browser.helpers import BOX_DRAWN, assert_accessible, focus_indicator
from tests.personas import World

MANAGE = "/aftaler/2019/opfolgning/3/styring/"
OWED = "/aftaler/2019/opfolgning/3/indberetning/"
PHONE = {"width": 390, "height": 844}


def _submit(world: World) -> None:
    for initiative in (world.initiative, world.other_initiative):
        Milestone.objects.create(
            initiative=initiative,
            round=world.round,
            text="Plan",
            status_note="Følger planen.",
            smiley="happy",
        )
    Submission.objects.filter(round=world.round).update(state=SubmissionState.SUBMITTED)


def test_bulk_approval_with_the_keyboard_alone(
    world: World, finance_officer: Any, page_as: Any
) -> None:
    _submit(world)
    page = page_as(finance_officer)
    page.goto(MANAGE)
    assert_accessible(page, "the board with statuses to approve")
    box = page.get_by_label("Vælg 1.2")
    box.focus()
    # The design system draws the box on the label: it is there and shows the focus.
    assert page.evaluate(BOX_DRAWN, box.get_attribute("id"))
    assert focus_indicator(page)["shown"], focus_indicator(page)
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    button = page.get_by_role("button", name="Godkend valgte")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 indsats er godkendt: 1.2.")).to_be_visible()
    assert_accessible(page, "the board after approval")
    assert Submission.objects.get(pk=world.other_submission.pk).state == SubmissionState.APPROVED
    assert Submission.objects.get(pk=world.submission.pk).state == SubmissionState.SUBMITTED
    page.get_by_role("button", name="Godkend den indsendte uden regelbrud").click()
    expect(page.get_by_text("1 indsats er godkendt: 1.1.")).to_be_visible()


def test_the_returned_status_is_first_in_the_list_on_a_phone(
    world: World, center_editor: Any, finance_officer: Any, page_as: Any
) -> None:
    Submission.objects.filter(pk=world.submission.pk).update(
        state=SubmissionState.RETURNED,
        comment="Tilføj datoen for licitationen.",
        updated_by=finance_officer,
    )
    page = page_as(center_editor, viewport=PHONE)
    page.goto(OWED)
    expect(page.get_by_text("Tilføj datoen for licitationen.")).to_be_visible()
    expect(page.get_by_text("1 sendt retur: se kommentaren")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, "the department's list on a phone")
    page.get_by_role("link", name="1.1 Plejecenter Toftehaven").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1.1")
