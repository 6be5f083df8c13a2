"""The status form in the browser: without JavaScript, a conflict, the keyboard, English."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from opfolgning.agreements.models import EffortSmiley, Milestone, Submission, SubmissionState
from tests.browser.helpers import assert_accessible, focus_indicator
from tests.personas import World

STATUS = "/aftaler/2019/opfolgning/3/indberetning/1.1/"
OTHER_STATUS = "/aftaler/2019/opfolgning/3/indberetning/1.2/"


def _active(page: Page, selector: str) -> bool:
    return bool(page.evaluate("(s) => document.activeElement.matches(s)", selector))


def _tab_to(page: Page, selector: str, *, limit: int = 25) -> None:
    """Press Tab until the selector has focus; every element passed shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = focus_indicator(page)
        assert focused["shown"], f"the focus on {focused['tag']} is not visible"
        if _active(page, selector):
            return
    pytest.fail(f"{selector} was not reached in {limit} presses of Tab")


def test_saving_without_javascript_posts_the_form(
    world: World, center_editor: Any, page_as: Any
) -> None:
    page = page_as(center_editor, java_script_enabled=False)
    page.goto(STATUS)
    page.get_by_label("Status", exact=True).fill("Byggeriet er forsinket.")
    page.get_by_label("sur – milepælen er ikke nået").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gem kladde").click()
    assert page.url.endswith(STATUS)
    expect(page.locator(".messages")).to_contain_text("1.1 er gemt som kladde, men der mangler")
    expect(page.locator("#findings")).to_contain_text("kræver en korrigerende handling")
    milestone = Milestone.objects.get(initiative=world.initiative, round=world.round)
    assert (milestone.status_note, milestone.smiley) == ("Byggeriet er forsinket.", "sad")
    assert Submission.objects.get(pk=world.submission.pk).state == SubmissionState.DRAFT


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-javascript"])
def test_a_stale_save_is_refused_and_shows_both_versions(
    javascript: bool, world: World, center_editor: Any, finance_officer: Any, page_as: Any
) -> None:
    editor = page_as(center_editor, java_script_enabled=javascript)
    editor.goto(STATUS)
    officer = page_as(finance_officer)
    officer.goto(STATUS + "?ret=1")  # the finance office edits on the center's behalf
    officer.get_by_label("Status", exact=True).fill("Økonomis tekst")
    officer.get_by_role("button", name="Gem kladde").click()
    expect(officer.locator("#status-form-wrap")).to_contain_text("1.1 er gemt som kladde.")

    editor.get_by_label("Status", exact=True).fill("Centrets tekst")
    editor.get_by_role("button", name="Gem kladde").click()
    conflict = editor.locator(".conflict")
    expect(conflict).to_contain_text("Konflikt: en anden har gemt imens")
    expect(conflict).to_contain_text("Økonomis tekst")
    expect(conflict).to_contain_text("Centrets tekst")
    if javascript:
        assert_accessible(editor, "the status form with a conflict")
    milestone = Milestone.objects.get(initiative=world.initiative, round=world.round)
    assert milestone.status_note == "Økonomis tekst"


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-javascript"])
def test_a_too_long_status_is_refused_with_a_message_at_the_field(
    javascript: bool, world: World, center_editor: Any, page_as: Any
) -> None:
    page = page_as(center_editor, java_script_enabled=javascript)
    page.goto(STATUS)
    page.get_by_label("Status", exact=True).fill("x" * 10001)
    page.get_by_role("button", name="Gem kladde").click()
    expect(page.locator("#status-form-wrap .form-error-message")).to_contain_text("10000")
    # The error summary at the top links to the field, and has the focus.
    summary = page.locator("#error-summary")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_status_note")
    if javascript:
        expect(summary).to_be_focused()
        assert_accessible(page, "the status form with a field error")
    assert not Milestone.objects.filter(initiative=world.initiative, round=world.round).exists()


def test_the_status_form_can_be_completed_with_the_keyboard_only(
    world: World, other_center_editor: Any, page_as: Any
) -> None:
    page = page_as(other_center_editor)
    page.goto(OTHER_STATUS)
    assert_accessible(page, "the status form (empty)")

    # The first Tab reaches the skip link, which is visibly focused and jumps to the content.
    page.keyboard.press("Tab")
    assert _active(page, "a.skipnav"), focus_indicator(page)
    assert focus_indicator(page)["shown"], "the skip link's focus is not visible"
    page.keyboard.press("Enter")
    assert _active(page, "main#main")

    # The planned milestone is read, not typed: the status note is the first field.
    _tab_to(page, "#id_status_note")
    page.keyboard.type("Indflytningen er forsinket to måneder.")
    # Tab enters the radio group at the checked choice; the arrow keys move the choice.
    _tab_to(page, "input[name=smiley]")
    assert _active(page, "#id_smiley_0:checked")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert _active(page, "#id_smiley_3:checked")
    expect(page.locator("#findings")).to_contain_text("kræver en korrigerende handling")
    _tab_to(page, "#id_corrective_action")
    page.keyboard.type("Midlertidige lokaler lejes.")
    # Back to the group and forth again: Shift+Tab returns to the chosen smiley.
    page.keyboard.press("Shift+Tab")
    assert _active(page, "#id_smiley_3:checked")
    assert focus_indicator(page)["shown"], "the focus on the chosen smiley is not visible"
    _tab_to(page, "#id_corrective_action")
    expect(page.locator("#findings")).to_contain_text("Reglerne er opfyldt.")
    _tab_to(page, "button[name=save]")
    page.keyboard.press("Space")

    expect(page.locator("#status-form-wrap")).to_contain_text("1.2 er gemt som kladde.")
    milestone = Milestone.objects.get(initiative=world.other_initiative, round=world.round)
    assert (milestone.text, milestone.status_note, milestone.smiley) == (
        "",
        "Indflytningen er forsinket to måneder.",
        EffortSmiley.SAD,
    )
    assert milestone.corrective_action == "Midlertidige lokaler lejes."


def test_the_status_form_in_english_is_accessible(
    world: World, center_editor: Any, page_as: Any
) -> None:
    page = page_as(center_editor)
    page.goto(STATUS)
    page.locator("#language").select_option("en")
    with page.expect_navigation():
        page.locator(".language-form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(STATUS)
    page.locator("#id_smiley_3").check()
    expect(page.locator("#findings")).to_contain_text("A sad smiley requires a corrective action")
    assert_accessible(page, "the status form in English, with findings")


def test_the_password_change_page_is_accessible(center_editor: Any, page_as: Any) -> None:
    page = page_as(center_editor)
    page.goto("/")
    page.get_by_role("link", name="Skift adgangskode").click()
    expect(page.get_by_label("Ny adgangskode", exact=True)).to_be_visible()
    assert_accessible(page, "the password change page")
