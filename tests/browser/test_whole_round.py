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
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from django.contrib.auth import get_user_model
from playwright.sync_api import Locator, Page, expect

from opfolgning.agreements.models import Round, RoundState, Submission, SubmissionState
from opfolgning.example import loader
from tests.browser.helpers import assert_accessible

YEAR = 2026
ROUND = 4
ROUND_NAME = "Aftale om budget 2026 · Endelig opfølgning pr. 31.12.2026"
PHONE_WIDTH = 390
AXE_SECONDS: list[float] = []  # how long each axe-core run took (not the personas' time)
DESK = {"width": 1280, "height": 900}
PHONE: dict[str, Any] = {
    "viewport": {"width": PHONE_WIDTH, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}


@dataclass
class Meter:
    """What one persona did: clicks (and key presses), text fields filled, wall seconds."""

    name: str
    clicks: int = 0
    fields: int = 0
    seconds: float = 0.0
    initiatives: int = 0
    numbers: list[str] = field(default_factory=list)
    per: dict[str, int] = field(default_factory=dict)  # actions per initiative
    started: float = field(default=0.0, repr=False)

    def click(self, target: Locator) -> None:
        target.click()
        self.clicks += 1

    def check(self, target: Locator) -> None:
        target.check()
        self.clicks += 1

    def click_select(self, target: Locator, label: str) -> None:
        target.select_option(label=label)
        self.clicks += 1

    def back(self, page: Page) -> None:
        page.go_back()
        self.clicks += 1

    def fill(self, target: Locator, text: str) -> None:
        target.fill(text)
        self.fields += 1

    def audit(self, page: Page, what: str) -> None:
        """Run axe-core on the page; its time is not the persona's."""
        start = time.perf_counter()
        assert_accessible(page, what)
        took = time.perf_counter() - start
        self.started += took
        AXE_SECONDS.append(took)

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


def _other_centers_report() -> int:
    """Write, submit and approve the other centers' statuses as the example does; return
    how many (the walk follows the two demo centers)."""
    agreement = loader.example_data()["agreements"][0]
    users = {u.username: u for u in get_user_model()._default_manager.all()}
    editors = {p.centers[0]: users[p.username] for p in loader.EVERYONE if p.centers}
    submissions = {
        s.initiative.number: s
        for s in Submission.objects.filter(
            round__agreement__year=YEAR, round__number=ROUND
        ).select_related("initiative", "round")
    }
    written = 0
    for item in agreement["initiatives"]:
        if item["center"] in WALKING:
            continue
        cell = dict(item["rounds"][ROUND - 1])
        # Where the example leaves a status unwritten, the center keeps its previous smiley.
        cell["smiley"] = cell["smiley"] or item["rounds"][ROUND - 2]["smiley"] or "happy"
        loader._write(
            submissions[item["number"]],
            cell,
            editors[item["center"]],
            users["okonomi"],
            SubmissionState.APPROVED,
        )
        written += 1
    return written


def _fits(page: Page, what: str) -> None:
    """Fail when the page is wider than the phone's screen (it would scroll sideways)."""
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= PHONE_WIDTH, f"{what} is {wide} px wide on a {PHONE_WIDTH} px phone ({page.url})"


@dataclass(frozen=True)
class Change:
    """What an editor changes on one initiative's status (the rest is left as it is)."""

    smiley: str
    note: str = ""
    corrective: str = ""
    figures: tuple[str, str] | None = None  # spent to date, expected in the year


WALKING = ("Center for Teknik og Miljø", "Center for Dagtilbud og Skole")
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
MENDED = "Cykelstien forventes færdig i juni 2027."


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
        meter.audit(page, "the status page with the error summary")
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
        if phone:
            _fits(page, f"the status page of {number}")
        if not done:
            meter.audit(page, "the status page" + (" on a phone" if phone else ""))
        nxt = walk.get_by_role("link", name=re.compile("^Næste: "))
        upcoming = nxt.inner_text().split(":")[1].strip(" →") if nxt.count() else None
        actions = _report_one(page, meter, number, previous[number])
        limit = 8 if number in CHANGES else 3
        assert actions <= limit, f"{number} took {actions} actions (at most {limit})"
        meter.per[number] = actions
        done.append(number)
        if upcoming is None:
            expect(page.locator(".messages")).to_contain_text(f"{number} er indsendt til økonomi")
            return done
        _arrived(page, upcoming, after=number)
        expect(page.locator(".messages")).to_contain_text(f"{number} er indsendt til økonomi")


def _arrived(page: Page, number: str, *, after: str) -> None:
    """Expect the status page of ``number``; if it is not there, say what the page says."""
    try:
        expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    except AssertionError as error:
        said = " / ".join(
            page.locator(where).all_inner_texts()[0]
            for where in (".messages", "[role=alert]", "h1")
            if page.locator(where).count()
        )
        raise AssertionError(
            f"after submitting {after} the page is {page.url}, not {number}'s: {said!r}"
        ) from error


def _review_all(page: Page, meter: Meter) -> list[str]:
    """Review from the first status on: return one, approve the others; return their numbers."""
    reviewed: list[str] = []
    while True:
        heading = page.get_by_role("heading", level=1)
        expect(heading.locator(".initiative-number")).to_be_visible()
        number = heading.locator(".initiative-number").inner_text()
        review = page.get_by_role("region", name="Økonomis vurdering")
        expect(review).to_contain_text("Reglerne er opfyldt.")
        if not reviewed:
            meter.audit(page, "the status page in review mode")
        before = meter.actions()
        if number == RETURNED and number not in reviewed:
            meter.fill(review.get_by_label("Kommentar til centret"), COMMENT)
            meter.click(review.get_by_role("button", name="Send retur", exact=True))
            said = f"{number} er sendt retur."
        else:
            meter.click(review.get_by_role("button", name=re.compile("^Godkend")))
            said = f"{number} er godkendt."
        meter.per[number] = meter.actions() - before
        assert meter.per[number] <= 3
        expect(page.locator(".messages")).to_contain_text(said)
        reviewed.append(number)
        meter.initiatives += 1
        if _back_on_the_board(page, meter, number):
            return reviewed


def _back_on_the_board(page: Page, meter: Meter, number: str) -> bool:
    """After a decision: True when the walk is over, back on the board (the last one of a
    filtered walk stays on its page: 'Til listen' goes back)."""
    if "/styring/" in page.url:
        return True
    heading = page.get_by_role("heading", level=1)
    if heading.locator(".initiative-number").inner_text() != number:
        return False
    meter.click(page.get_by_role("link", name="Til listen"))
    expect(page).to_have_url(re.compile("/styring/"))
    return True


def _round() -> Round:
    return Round.objects.get(agreement__year=YEAR, number=ROUND)


def _states(numbers: list[str]) -> dict[str, int]:
    """Return how many of the initiatives' submissions in the round are in each state."""
    found = Submission.objects.filter(
        round__agreement__year=YEAR, round__number=ROUND, initiative__number__in=numbers
    ).values_list("state", flat=True)
    return dict(Counter(found))


def _print_figures(meters: list[Meter], loaded: float, total: float) -> None:
    """Print the table of docs/benchmarks.md (run pytest with -s to see it)."""
    print(
        f"\n\nloading the example: {loaded:.1f} s; axe-core on {len(AXE_SECONDS)} pages: "
        f"{sum(AXE_SECONDS):.1f} s; the test's body in all: {total:.1f} s"
    )
    print("| persona | initiatives | clicks | text fields | seconds |")
    print("|---|---:|---:|---:|---:|")
    for m in meters:
        print(f"| {m.name} | {m.initiatives} | {m.clicks} | {m.fields} | {m.seconds:.1f} |")
    for m in meters:
        if m.per:
            each = ", ".join(f"{number}: {n}" for number, n in m.per.items())
            print(f"actions per initiative, {m.name}: {each}")


def _sign_in(page: Page, meter: Meter, username: str) -> None:
    page.goto("/konto/log-ind/")
    meter.fill(page.get_by_label("Brugernavn"), username)
    meter.fill(page.get_by_label("Adgangskode", exact=True), loader.PASSWORD)
    meter.click(page.get_by_role("button", name="Log ind", exact=True))
    expect(page).not_to_have_url(re.compile("/konto/log-ind/"))


def test_a_whole_round_of_the_example_municipality(page_as: Any) -> None:
    began = time.perf_counter()
    _load_with_round_4_planned()
    loaded = time.perf_counter() - began
    finance = Meter("okonomi (finance office)")
    officer = page_as(None, viewport=DESK)

    # 1. The finance office signs in, lands on its board, goes to round 4 of 2026, opens it.
    with finance:
        officer.goto("/konto/log-ind/")
        finance.audit(officer, "the sign-in page")
        _sign_in(officer, finance, "okonomi")
        expect(officer).to_have_url(re.compile("/styring/$"))  # the open round of 2027
        expect(officer.get_by_role("link", name="Styring", exact=True)).to_be_visible()
        finance.click(officer.get_by_role("link", name="Aftaler", exact=True).first)
        finance.click(officer.get_by_role("link", name="Aftale om budget 2026").first)
        finance.audit(officer, "the agreement page (signed in)")
        finance.click(officer.get_by_role("link", name=re.compile("Styring af .*31.12")))
        expect(officer.locator(".round-state")).to_contain_text("planlagt")
        finance.audit(officer, "the board of a planned round")
        finance.fill(officer.get_by_label("Frist for indberetning"), "2027-01-13")
        finance.click(officer.get_by_role("button", name="Gem indstillinger"))
        expect(officer.locator(".messages")).to_contain_text("Opfølgningen er gemt.")
        finance.click(officer.get_by_role("button", name="Åbn opfølgningen"))
        expect(officer.locator(".messages")).to_contain_text("Opfølgningen er åbnet")
    assert _round().state == RoundState.OPEN
    # Meanwhile the eight other centers report and are approved (outside the walk).
    assert _other_centers_report() == 33

    # 2. Two centers report all their initiatives: one at a desk, one on a phone.
    editors: dict[str, tuple[Page, Meter]] = {}
    for username, phone in (("teknik", False), ("skole", True)):
        meter = Meter(f"{username} (center editor, {'390 px phone' if phone else '1280 px'})")
        page = page_as(None, **(PHONE if phone else {"viewport": DESK}))
        with meter:
            page.goto("/konto/log-ind/")
            if phone:
                _fits(page, "the sign-in page")
            _sign_in(page, meter, username)
            # Two rounds are open (2026's last, 2027's first): the list of both comes first.
            expect(page.get_by_role("heading", level=1)).to_have_text("Min indberetning")
            if phone:
                _fits(page, "my work")
            else:
                meter.audit(page, "my work")
            meter.click(page.get_by_role("link", name=re.compile(ROUND_NAME)))
            expect(page.get_by_role("table").first).to_contain_text("ikke påbegyndt")
            if phone:
                _fits(page, "the list of what the center owes")
            else:
                meter.audit(page, "the list of what the center owes")
            meter.numbers = _report_all(page, meter, phone=phone)
            meter.initiatives = len(meter.numbers)
            if phone:
                _fits(page, "the list after the walk")
        editors[username] = (page, meter)
    walked = editors["teknik"][1].numbers + editors["skole"][1].numbers
    assert len(walked) == 12
    assert _states(walked) == {SubmissionState.SUBMITTED: 12}

    # 3. The finance office reviews what came in: returns one with a comment, approves the rest.
    with finance:
        finance.click(officer.get_by_role("link", name="Styring", exact=True))
        expect(officer.get_by_role("heading", level=1)).to_contain_text("31.12.2026")
        finance.audit(officer, "the board of an open round")
        finance.click_select(officer.get_by_label("Vis"), "indsendt")
        finance.click(officer.get_by_role("button", name="Filtrér"))
        finance.click(officer.get_by_role("link", name=re.compile(r"^\d\.\d ")).first)
        reviewed = _review_all(officer, finance)
    assert sorted(reviewed) == sorted(walked)
    assert _states(walked) == {SubmissionState.APPROVED: 11, SubmissionState.RETURNED: 1}

    # 4. The center finds the returned one in its list with the comment, mends it, submits;
    # the finance office approves it.
    page, meter = editors["teknik"]
    with meter:
        meter.click(page.get_by_role("link", name="Min indberetning", exact=True))
        meter.click(page.get_by_role("link", name=re.compile(ROUND_NAME)))
        row = page.get_by_role("row").filter(has_text=f"{RETURNED} ")
        expect(row).to_contain_text("sendt retur")
        expect(page.locator("main")).to_contain_text(COMMENT)  # in the list, before opening it
        meter.click(row.get_by_role("link").first)
        wrap = page.locator("#status-form-wrap")
        expect(wrap).to_contain_text("Sendt retur af økonomi")
        expect(wrap).to_contain_text(COMMENT)
        meter.audit(page, "a returned status with the comment")
        before = meter.actions()
        status = page.get_by_label("Status", exact=True)
        meter.fill(status, f"{status.input_value()} {MENDED}")
        meter.click(page.get_by_role("button", name=re.compile("^Indsend og gå til")))
        expect(page.locator(".messages")).to_contain_text(f"{RETURNED} er indsendt til økonomi")
        meter.per[f"{RETURNED} again"] = meter.actions() - before
        assert meter.actions() - before <= 8
    with finance:
        finance.click(officer.get_by_role("link", name="Styring", exact=True))
        expect(officer.locator("main")).to_contain_text("1 indsats er ikke godkendt.")
        finance.click_select(officer.get_by_label("Vis"), "indsendt")
        finance.click(officer.get_by_role("button", name="Filtrér"))
        finance.click(officer.get_by_role("link", name=re.compile(f"^{re.escape(RETURNED)} ")))
        expect(officer.locator(".status-current")).to_contain_text(MENDED)
        finance.click(officer.get_by_role("button", name=re.compile("^Godkend")))
        expect(officer.locator(".messages")).to_contain_text(f"{RETURNED} er godkendt.")
        assert _back_on_the_board(officer, finance, RETURNED)
    assert _states(walked) == {SubmissionState.APPROVED: 12}

    # 5. The finance office closes the round (all approved, the rules kept) and publishes it.
    with finance:
        expect(officer.locator("main")).to_contain_text("Alle indsatser er godkendt")
        finance.click(officer.get_by_role("link", name="Luk opfølgningen …"))
        expect(officer.locator("main")).to_contain_text("45")
        finance.audit(officer, "the close confirmation page")
        finance.click(officer.get_by_role("button", name="Luk opfølgningen og frys rapporterne"))
        expect(officer.locator(".messages")).to_contain_text("Opfølgningen er lukket")
        finance.click(officer.get_by_role("link", name="Offentliggør …"))
        finance.click(officer.get_by_role("button", name="Offentliggør", exact=True))
        expect(officer.locator(".messages")).to_contain_text("Opfølgningen er offentliggjort.")
    assert _round().state == RoundState.PUBLISHED

    # 6. A citizen on a phone reads the result: the overview's smileys and the report.
    citizen = Meter("citizen (anonymous, 390 px phone)")
    reader = page_as(None, **PHONE)
    with citizen:
        reader.goto("/")
        citizen.audit(reader, "the home page")
        citizen.click(reader.get_by_role("link", name="Aftale om budget 2026").first)
        citizen.click(reader.get_by_role("link", name=re.compile("^Overblik")).first)
        # Round 4 is there: every initiative with a smiley, and the centers' changes in it.
        rounds = reader.get_by_role("table", name="Smileys for indsats pr. opfølgning")
        newest = rounds.get_by_role("row").filter(has_text="Pr. 31.12.")
        expect(newest.get_by_role("cell")).to_have_text(["27", "16", "2", "0", "45"])
        themes = reader.get_by_role("table", name="Smileys for indsats pr. tema ved Pr. 31.12.")
        # Theme 4: Teknik og Miljø's seven (4.3 sad now) and another center's 4.8 (neutral).
        theme_4 = themes.get_by_role("row").filter(has_text="Tema 4.")
        expect(theme_4.get_by_role("cell")).to_have_text(["6", "1", "1", "0", "8"])
        citizen.audit(reader, "the public overview")
        _fits(reader, "the public overview")
        citizen.back(reader)
        committee = reader.get_by_role("row").filter(has_text="Teknik- og Miljøudvalget")
        citizen.click(committee.get_by_role("link", name="Rapport").last)
        expect(reader.locator("main")).to_contain_text(CHANGES["4.3"].corrective)
        expect(reader.locator("main")).to_contain_text(MENDED)
        citizen.audit(reader, "the published committee report")
        _fits(reader, "the published committee report")

    total = time.perf_counter() - began
    _print_figures([finance, editors["teknik"][1], editors["skole"][1], citizen], loaded, total)
