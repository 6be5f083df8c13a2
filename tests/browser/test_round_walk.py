"""The whole follow-up round in the browser, as the four personas, through the UI only.

Every page the walk visits is checked with axe-core (WCAG 2.1 A/AA, zero violations).
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from opfolgning.agreements.models import (
    EffortSmiley,
    Milestone,
    Round,
    RoundState,
    Submission,
    SubmissionState,
)
from tests.browser.helpers import assert_accessible, sign_in_with_form
from tests.personas import World

REPORT = "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/"
OTHER_REPORT = "/aftaler/2019/udvalg/boerne-og-skoleudvalget/opfolgning/3/"
WHOLE_REPORT = "/aftaler/2019/opfolgning/3/"
MANAGE = "/aftaler/2019/opfolgning/3/styring/"
STATUS = "/aftaler/2019/opfolgning/3/indberetning/1.1/"
SIGN_IN = re.compile(r"/konto/log-ind/")


def _previous_round_happy(world: World) -> None:
    """Give 1.1 a happy status in round 2, so round 3 opens with it carried forward."""
    Milestone.objects.create(
        initiative=world.initiative,
        round=Round.objects.get(agreement=world.agreement, number=2),
        text="Byggetilladelse",
        status_note="Byggetilladelsen er givet.",
        smiley=EffortSmiley.HAPPY,
    )


def _milestone(world: World) -> Milestone:
    return Milestone.objects.get(initiative=world.initiative, round=world.round)


def _submission(world: World) -> Submission:
    return Submission.objects.get(pk=world.submission.pk)


def _wrap(page: Page) -> Any:
    return page.locator("#status-form-wrap")


def test_the_whole_round_as_the_four_personas(
    world: World,
    finance_officer: Any,
    center_editor: Any,
    politician: Any,
    page_as: Any,
) -> None:
    world.set_round_state(RoundState.PLANNED)
    _previous_round_happy(world)
    citizen = page_as(None)
    officer = page_as(None)
    editor = page_as(center_editor)
    reader = page_as(politician)

    # The citizen finds the agreement but cannot read the round's report before publishing.
    citizen.goto("/")
    assert_accessible(citizen, "the home page")
    citizen.get_by_role("link", name="Aftale om budget 2019").first.click()
    expect(citizen.get_by_role("heading", level=1)).to_contain_text("Aftale om budget 2019")
    assert_accessible(citizen, "the agreement page")
    # An unpublished report is not offered to citizens; its address asks them to sign in.
    expect(
        citizen.get_by_role("link", name="Rapport 3. opfølgning, Økonomiudvalget")
    ).to_have_count(0)
    citizen.goto(REPORT)
    expect(citizen).to_have_url(SIGN_IN)
    expect(citizen.get_by_role("heading", name="Log ind")).to_be_visible()

    # The finance officer signs in through the sign-in page (a wrong password first).
    officer.goto(f"/konto/log-ind/?next={MANAGE}")
    assert_accessible(officer, "the sign-in page")
    officer.get_by_label("Brugernavn").fill("okonomi")
    officer.get_by_label("Adgangskode", exact=True).fill("forkert")
    officer.get_by_role("button", name="Log ind", exact=True).click()
    expect(officer.get_by_role("alert")).to_contain_text("Brugernavn eller adgangskode er forkert")
    assert_accessible(officer, "the sign-in page with an error")
    sign_in_with_form(officer, "okonomi", MANAGE)
    expect(officer.locator(".round-state")).to_contain_text("planlagt")
    assert_accessible(officer, "the progress board of a planned round")
    officer.get_by_role("button", name="Åbn opfølgningen").click()
    expect(officer.locator(".messages")).to_contain_text("Opfølgningen er åbnet")
    world.round.refresh_from_db()
    assert world.round.state == RoundState.OPEN

    # The center editor sees what they owe, with the previous round beside.
    editor.goto("/mine/")
    assert_accessible(editor, "my work")
    editor.get_by_role("link", name=re.compile("3. budgetopfølgning 2019")).click()
    owed = editor.locator("table.owed-table")
    expect(owed).to_contain_text("1.1 Plejecenter Toftehaven")
    expect(owed).not_to_contain_text("Ny skole i Vestbyen")
    expect(owed).to_contain_text("ført videre")
    previous_cell = owed.locator("tbody tr").first.locator("td").nth(1)
    expect(previous_cell).to_contain_text("glad")
    assert_accessible(editor, "what I owe")
    editor.get_by_role("link", name="1.1 Plejecenter Toftehaven").click()
    expect(editor.locator(".status-previous")).to_contain_text("Byggetilladelsen er givet.")
    expect(editor.get_by_label("glad – milepælen er nået")).to_be_checked()
    assert_accessible(editor, "the status form (carried forward)")

    # Fills status and a sad smiley: the rule speaks up as they type (nothing saved yet).
    editor.evaluate("() => { window.stayedOnPage = true; }")
    editor.get_by_label("Status", exact=True).press_sequentially("Licitationen er forsinket.")
    editor.get_by_label("sur – milepælen er ikke nået").check()
    findings = editor.locator("#findings")
    expect(findings).to_contain_text("En sur smiley kræver en korrigerende handling")
    assert _milestone(world).smiley == EffortSmiley.HAPPY
    assert_accessible(editor, "the status form with rule findings")
    editor.get_by_label("Korrigerende handling", exact=True).press_sequentially(
        "Ny licitation i oktober."
    )
    expect(findings).to_contain_text("Reglerne er opfyldt.")
    editor.get_by_role("button", name="Gem kladde").click()
    expect(_wrap(editor)).to_contain_text("1.1 er gemt som kladde.")
    assert editor.evaluate("() => window.stayedOnPage") is True, "the save reloaded the page"
    milestone = _milestone(world)
    assert (milestone.smiley, milestone.corrective_action) == ("sad", "Ny licitation i oktober.")
    assert _submission(world).state == SubmissionState.DRAFT
    # 1.1 is the center's only initiative: submitting goes on to the list, which says so.
    editor.get_by_role("button", name="Indsend og gå til listen").click()
    expect(editor.locator(".messages")).to_contain_text(
        "1.1 er indsendt til økonomi (1 af 1 indsendt)."
    )
    expect(editor.locator("table.owed-table")).to_contain_text("indsendt")
    assert _submission(world).state == SubmissionState.SUBMITTED

    # The politician reads the draft of their committee's report; not another committee's.
    reader.goto("/aftaler/2019/")
    reader.get_by_role("link", name="Rapport 3. opfølgning, Økonomiudvalget").click()
    expect(reader.locator("main")).to_contain_text("Licitationen er forsinket.")
    assert_accessible(reader, "the committee report (draft)")
    response = reader.goto(OTHER_REPORT)
    assert response is not None and response.status == 403

    # The finance officer sees the progress board and returns the status with a comment.
    officer.goto(MANAGE)
    expect(officer.locator("table.progress-table").first).to_contain_text("Ejendomme")
    expect(officer.locator("main")).to_contain_text("indsendt")
    assert_accessible(officer, "the progress board of an open round")
    officer.get_by_role("link", name="1.1 Plejecenter Toftehaven").click()
    assert_accessible(officer, "the status page with the review form")
    officer.get_by_label("Kommentar til centret").fill("Skriv, hvornår licitationen afsluttes.")
    officer.get_by_role("button", name="Send retur", exact=True).click()
    expect(officer.locator(".messages")).to_contain_text("1.1 er sendt retur.")
    assert _submission(world).state == SubmissionState.RETURNED

    # The editor sees the comment, fixes the status and submits again.
    editor.goto(STATUS)
    expect(_wrap(editor)).to_contain_text("Sendt retur af økonomi")
    expect(_wrap(editor)).to_contain_text("Skriv, hvornår licitationen afsluttes.")
    assert_accessible(editor, "the status form (returned)")
    editor.get_by_label("Status", exact=True).fill(
        "Licitationen er forsinket. Den nye licitation afsluttes 1. november."
    )
    editor.get_by_role("button", name="Indsend og gå til listen").click()
    expect(editor.locator(".messages")).to_contain_text("1.1 er indsendt til økonomi")
    editor.goto(STATUS)
    expect(editor.locator(".status-state")).to_contain_text("indsendt")
    editor.get_by_role("link", name="Se historik").click()
    expect(editor.locator("main")).to_contain_text("Den nye licitation afsluttes 1. november.")
    assert_accessible(editor, "the initiative's timeline")

    # The finance officer approves, closes (with a reason: 1.2 is missing) and publishes.
    officer.goto(STATUS)
    officer.get_by_role("button", name="Godkend").click()
    expect(officer.locator(".messages")).to_contain_text("1.1 er godkendt.")
    officer.goto(MANAGE)
    # Closing shows what will happen first: the unapproved status (1.2) is listed.
    officer.get_by_role("link", name="Luk opfølgningen …").click()
    expect(officer.locator("main")).to_contain_text("1 indsats uden godkendt status")
    assert_accessible(officer, "the close confirmation page")
    close = officer.get_by_role("button", name="Luk opfølgningen og frys rapporterne")
    reason = officer.get_by_label("Begrundelse for at lukke trods udestående")
    close.click()  # the browser asks for the reason first
    assert reason.evaluate("el => el.validity.valueMissing")
    reason.fill("   ")  # blank: the server refuses, on the field itself
    close.click()
    expect(officer.locator(".messages")).to_contain_text("kan ikke lukkes")
    expect(officer.locator("#override-error")).to_contain_text("kan ikke lukkes")
    assert_accessible(officer, "the close confirmation page with a refused close")
    world.round.refresh_from_db()
    assert world.round.state == RoundState.OPEN
    reason.fill("Skole og Dagtilbud indberetter på udvalgsmødet.")
    close.click()
    expect(officer.locator(".messages")).to_contain_text("Opfølgningen er lukket")
    officer.get_by_role("link", name="Offentliggør …").click()
    assert_accessible(officer, "the publish confirmation page")
    officer.get_by_role("button", name="Offentliggør").click()
    expect(officer.locator(".messages")).to_contain_text("Opfølgningen er offentliggjort.")
    assert_accessible(officer, "the progress board of a published round")
    officer.get_by_role("link", name="Lav ny version …").click()
    expect(officer.locator("main")).to_contain_text("Ingen rapporter er ændret")
    assert_accessible(officer, "the new-version confirmation page")
    officer.get_by_role("link", name="Tilbage til styringen").click()
    world.round.refresh_from_db()
    assert world.round.state == RoundState.PUBLISHED
    assert _submission(world).state == SubmissionState.APPROVED

    # Now the citizen reads the published reports, the committee's and the whole agreement's.
    citizen.goto("/aftaler/2019/")
    citizen.get_by_role("link", name="Rapport 3. opfølgning, Økonomiudvalget").click()
    expect(citizen).to_have_url(re.compile(re.escape(REPORT) + "$"))
    expect(citizen.locator("main")).to_contain_text("Den nye licitation afsluttes 1. november.")
    assert_accessible(citizen, "the published committee report")
    citizen.goto("/aftaler/2019/")
    citizen.get_by_role("link", name=re.compile("Samlet rapport, 3. budgetopfølgning")).click()
    expect(citizen).to_have_url(re.compile(re.escape(WHOLE_REPORT) + "$"))
    expect(citizen.locator("main")).to_contain_text("Ny licitation i oktober.")
    assert_accessible(citizen, "the published report of the whole agreement")
    # … and still cannot manage the round.
    citizen.goto(MANAGE)
    expect(citizen).to_have_url(SIGN_IN)


def test_a_committee_reader_sees_the_draft_marked_and_what_needs_a_decision(
    world: World, politician: Any, page_as: Any
) -> None:
    # Issue 14: the draft marks each status's state, and Til beslutning opens the report.
    Milestone.objects.create(
        initiative=world.initiative,
        round=world.round,
        text="Udbuddet afsluttes.",
        status_note="Udbuddet er forsinket.",
        smiley=EffortSmiley.SAD,
        corrective_action="Ny tidsplan forelægges udvalget.",
    )
    Submission.objects.filter(pk=world.submission.pk).update(state=SubmissionState.SUBMITTED)
    reader = page_as(politician)
    reader.goto(REPORT)
    decisions = reader.locator("#til-beslutning")
    expect(decisions).to_contain_text("tag stilling til den korrigerende handling")
    expect(decisions).to_contain_text("Ny tidsplan forelægges udvalget.")
    expect(reader.locator(".approval-submitted")).to_have_text("Indsendt – ikke godkendt")
    assert_accessible(reader, "a committee reader's draft with Til beslutning")
    decisions.get_by_role("link", name="1.1. Plejecenter Toftehaven").click()
    expect(reader).to_have_url(re.compile(r"#i-1-1$"))
    reader.get_by_role("link", name="Til indholdsfortegnelsen").first.click()
    expect(reader).to_have_url(re.compile(r"#indhold$"))
