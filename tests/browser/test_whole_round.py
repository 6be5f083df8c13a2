"""A whole round of Eksempel Kommune in the browser, as its people would walk it (issue 16).

The example's follow-up per 31.12. of 2026 is put back to planned; then the finance office
opens it, two centers report every initiative (one at a desk, one on a phone), the finance
office reviews (returns one, approves the rest), the center mends the returned one, and the
round is closed and published for a citizen to read. Clicks, text fields and seconds are
counted per persona and printed (``-s``); docs/benchmarks.md has them.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from playwright.sync_api import Locator, Page, expect

from opfolgning.example import loader

YEAR = 2026
ROUND = 4
BOARD = f"/aftaler/{YEAR}/opfolgning/{ROUND}/styring/"
OWED = f"/aftaler/{YEAR}/opfolgning/{ROUND}/indberetning/"
SHOTS = "/tmp/walk-{}.png"


@dataclass
class Meter:
    """What one persona did: clicks (and key presses), text fields filled, wall seconds."""

    name: str
    clicks: int = 0
    fields: int = 0
    seconds: float = 0.0
    initiatives: int = 0
    started: float = field(default=0.0, repr=False)

    def click(self, target: Locator) -> None:
        target.click()
        self.clicks += 1

    def check(self, target: Locator) -> None:
        target.check()
        self.clicks += 1

    def fill(self, target: Locator, text: str) -> None:
        target.fill(text)
        self.fields += 1

    def actions(self) -> int:
        return self.clicks + self.fields

    def __enter__(self) -> Meter:
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self.started


def _load_with_round_4_planned() -> None:
    """Load the example, but leave 2026's follow-up per 31.12. planned (not opened)."""
    real = loader._round_in_app

    def fresh(agreement: dict[str, Any], number: int, *args: Any, **kwargs: Any) -> None:
        if agreement["year"] == YEAR and number == ROUND:
            return
        real(agreement, number, *args, **kwargs)

    with mock.patch.object(loader, "_round_in_app", fresh):
        loader.load_example()


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=SHOTS.format(name), full_page=True)


def _fits(page: Page, width: int, what: str) -> None:
    """Fail when the page is wider than the phone's screen (it would scroll sideways)."""
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= width, f"{what} is {wide} px wide on a {width} px screen ({page.url})"


@dataclass(frozen=True)
class Change:
    """What an editor changes on one initiative's status (the rest is left as it is)."""

    smiley: str
    note: str = ""
    corrective: str = ""
    figures: tuple[str, str] | None = None  # spent to date, expected in the year


SMILEY_WORDS = {"happy": "glad", "neutral": "mellemfornøjet", "sad": "sur"}
# The statuses the two centers change; every other initiative keeps its previous smiley.
CHANGES = {
    "4.1": Change("happy", note="Anlægsarbejdet er i gang og følger tidsplanen."),
    "4.3": Change(
        "sad",
        note="Leverandøren er gået konkurs; halvdelen af lamperne mangler.",
        corrective="Ny leverandør udbydes i februar 2027.",
        figures=("3.500.000", "4.000.000"),
    ),
    "2.2": Change("neutral", note="To stillinger er ubesatte efter opsigelser i december."),
}
RETURNED = "4.1"
COMMENT = "Skriv, hvornår cykelstien forventes færdig."


def _previous_smileys() -> dict[str, str]:
    """Return each initiative's smiley at the 3rd follow-up (happy where it had none)."""
    agreement = loader.example_data()["agreements"][0]
    return {i["number"]: i["rounds"][2]["smiley"] or "happy" for i in agreement["initiatives"]}


def _radio(page: Page, smiley: str) -> Locator:
    return page.get_by_role("radio", name=re.compile(f"^{SMILEY_WORDS[smiley]} "))


def _report_one(page: Page, meter: Meter, number: str, previous: str) -> int:
    """Write and submit one initiative's status; return the actions (clicks and fields)."""
    before = meter.actions()
    change = CHANGES.get(number)
    submit = page.get_by_role("button", name=re.compile("^Indsend og gå til"))
    if change is None:
        meter.check(_radio(page, previous))
        meter.click(submit)
        return meter.actions() - before
    meter.check(_radio(page, change.smiley))
    if change.smiley == "sad":
        # Submit first, as a user would: the rule says what is missing, on the very field.
        meter.click(submit)
        summary = page.get_by_role("alert")
        expect(summary).to_contain_text("En sur smiley kræver en korrigerende handling")
        meter.fill(page.get_by_label("Korrigerende handling", exact=True), change.corrective)
    if change.note:
        meter.fill(page.get_by_label("Status", exact=True), change.note)
    if change.figures:
        meter.fill(page.get_by_label("Forbrugt til dato"), change.figures[0])
        meter.fill(page.get_by_label("Forventet forbrug i året"), change.figures[1])
    meter.click(submit)
    return meter.actions() - before


def _report_all(page: Page, meter: Meter, *, phone: bool) -> list[str]:
    """Walk the center's list from its first initiative to the last; return their numbers."""
    previous = _previous_smileys()
    done: list[str] = []
    first = page.locator("table").get_by_role("link").first
    meter.click(first)
    while True:
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_be_visible()
        number = heading.locator(".initiative-number").inner_text()
        walk = page.get_by_role("navigation", name="Gå gennem opfølgningen")
        expect(walk).to_contain_text(f"Indsats {len(done) + 1} af")
        if phone and not done:
            _fits(page, 390, "the status page")
        nxt = walk.get_by_role("link", name=re.compile("^Næste: "))
        upcoming = nxt.inner_text().split(":")[1].strip(" →") if nxt.count() else None
        actions = _report_one(page, meter, number, previous[number])
        limit = 8 if number in CHANGES else 3
        assert actions <= limit, f"{number} took {actions} actions (at most {limit})"
        done.append(number)
        if upcoming is None:
            expect(page.locator(".messages")).to_contain_text(f"{number} er indsendt til økonomi")
            return done
        expect(page.get_by_role("heading", level=1)).to_contain_text(upcoming)
        expect(page.locator(".messages")).to_contain_text(f"{number} er indsendt til økonomi")


def _sign_in(page: Page, meter: Meter, username: str) -> None:
    page.goto("/konto/log-ind/")
    meter.fill(page.get_by_label("Brugernavn"), username)
    meter.fill(page.get_by_label("Adgangskode", exact=True), loader.PASSWORD)
    meter.click(page.get_by_role("button", name="Log ind", exact=True))
    expect(page).not_to_have_url(re.compile("/konto/log-ind/"))


def test_a_whole_round_of_the_example_municipality(page_as: Any) -> None:
    began = time.perf_counter()
    _load_with_round_4_planned()
    print(f"\nloaded in {time.perf_counter() - began:.1f} s")
    finance = Meter("okonomi")
    officer = page_as(None, viewport={"width": 1280, "height": 900})

    # 1. The finance office signs in, goes from its board to the round and opens it.
    with finance:
        _sign_in(officer, finance, "okonomi")
        finance.click(officer.get_by_role("link", name="Styring", exact=True))
        expect(officer.get_by_role("heading", level=1)).to_be_visible()
        finance.click(officer.get_by_role("link", name="Aftaler", exact=True).first)
        finance.click(officer.get_by_role("link", name="Aftale om budget 2026").first)
        finance.click(officer.get_by_role("link", name=re.compile("Styring af .*31.12")))
        expect(officer.locator(".round-state")).to_contain_text("planlagt")
        finance.fill(officer.get_by_label("Frist for indberetning"), "2027-01-13")
        finance.click(officer.get_by_role("button", name="Gem indstillinger"))
        expect(officer.locator(".messages")).to_contain_text("Opfølgningen er gemt.")
        finance.click(officer.get_by_role("button", name="Åbn opfølgningen"))
        expect(officer.locator(".messages")).to_contain_text("Opfølgningen er åbnet")
    print(f"step 1 at {time.perf_counter() - began:.1f} s")

    # 2. Two centers report all their initiatives: one at a desk, one on a phone.
    editors = {}
    for username, viewport, phone in (
        ("teknik", {"width": 1280, "height": 900}, False),
        ("skole", {"width": 390, "height": 844}, True),
    ):
        meter = Meter(username)
        page = page_as(None, viewport=viewport, is_mobile=phone, has_touch=phone)
        with meter:
            _sign_in(page, meter, username)
            _shot(page, f"2-{username}-landing")
            meter.click(
                page.get_by_role("link", name=re.compile("Endelig opfølgning pr. 31.12.2026"))
            )
            if phone:
                _fits(page, 390, "the list of what the center owes")
            numbers = _report_all(page, meter, phone=phone)
            meter.initiatives = len(numbers)
            _shot(page, f"2-{username}-done")
        editors[username] = (page, meter)
        print(f"step 2 {username} at {time.perf_counter() - began:.1f} s: {numbers}")
