"""Locust users for the round under load: editors saving, readers, finance and citizens reading.

Run through bench/load/run.py, which builds the world and passes its plan:

    LOAD_PLAN=plan.json LOAD_RECORDS=records.jsonl locust -f bench/load/locustfile.py \\
        --headless -u 100 -r 20 -t 60s --host http://127.0.0.1:8000

LOAD_PLAN (JSON from world.build_world) names each user's session cookies and what it
edits or reads; every request and every acknowledged save is appended to LOAD_RECORDS.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import PageError, cookie_header, form_data, status_form_fields

FORM = "status form [GET]"
SAVE = "save [POST]"
OWED = "editor: list of what I owe (indberetning/)"
MY_WORK = "editor: my work (/mine/)"
BOARD = "finance: round board (styring/)"
REVIEW = "finance: status page, review mode [GET]"
PUBLIC_PAGE = "public: initiative page"
OVERVIEW = "public: overview (overblik/)"
API_LIST = "api: initiative list (100 per page)"
# The landing after sign-in (/start/) and the finance office's menu entry (/styring/) answer
# with a redirect to where the work is; measured without following it (the targets are).
LANDING = "landing: /start/ ({who})"
STYRING = "landing: /styring/ (finance)"
# Every how many-th save also changes the economy's note: the figures are stored with it.
ECONOMY_EVERY = 4


def _load_plan() -> dict[str, Any]:
    path = os.environ.get("LOAD_PLAN", "")
    if not path:
        return {
            "year": 0,
            "open_round": 0,
            "editors": [],
            "readers": [],
            "public_initiatives": [],
            "finance": [],
        }
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"LOAD_PLAN={path!r}: cannot read the plan ({exc})") from None


PLAN = _load_plan()
RUN = uuid.uuid4().hex[:6]


class Records:
    """Append-only JSON-lines log of requests and acknowledged saves, flushed line by line."""

    def __init__(self, path: str) -> None:
        self.file = open(path, "a", encoding="utf-8") if path else None
        self.seq = itertools.count(1)

    def write(self, **row: Any) -> None:
        """Append one record."""
        if self.file is not None:
            self.file.write(json.dumps(row, ensure_ascii=False) + "\n")
            self.file.flush()


RECORDS = Records(os.environ.get("LOAD_RECORDS", ""))


@events.request.add_listener
def _record_request(
    request_type: str,
    name: str,
    response_time: float,
    response: Any = None,
    exception: Any = None,
    start_time: float | None = None,
    **_: Any,
) -> None:
    status = getattr(response, "status_code", 0) or 0
    RECORDS.write(
        kind="request",
        name=name,
        ms=response_time,
        status=status,
        error=repr(exception) if exception else "",
        start=start_time or time.time(),
    )


# Seconds a user waits between actions (run.py --wait): "1,3" by default.
WAIT = tuple(float(x) for x in os.environ.get("LOAD_WAIT", "1,3").split(","))
_editors = itertools.count()
_readers = itertools.count()
_citizens = itertools.count()
_finance = itertools.count()
# Anonymous citizens (run.py --citizens): how many, and the API page size they ask for.
CITIZENS = int(os.environ.get("LOAD_CITIZENS", "0"))
API_PAGE = 100


def _round_url(tail: str = "") -> str:
    return f"/aftaler/{PLAN['year']}/opfolgning/{PLAN['open_round']}/{tail}"


def _get_page(user: FastHttpUser, path: str, name: str, cookie: str = "", text: str = "") -> None:
    """GET a page; a failure unless it is HTTP 200 and HTML (holding `text` when given)."""
    headers = {"Cookie": cookie} if cookie else {}
    with user.client.get(path, name=name, headers=headers, catch_response=True) as r:
        body = r.text or ""
        if r.status_code != 200:
            r.failure(f"{path}: HTTP {r.status_code}")
        elif "<html" not in body[:500].lower():
            r.failure(f"{path}: not an HTML page")
        elif text and text not in body:
            r.failure(f"{path}: the page does not say {text!r}")


def _get_redirect(user: FastHttpUser, path: str, name: str, cookie: str, target: str) -> None:
    """GET a landing address; a failure unless it redirects to `target`."""
    headers = {"Cookie": cookie}
    with user.client.get(
        path, name=name, headers=headers, allow_redirects=False, catch_response=True
    ) as r:
        where = r.headers.get("Location") or ""
        if r.status_code != 302 or not where.endswith(target):
            r.failure(f"{path}: HTTP {r.status_code} to {where!r}, not to {target}")


class EditorUser(FastHttpUser):
    """A department editor: mostly the walk (open an own initiative, save, next one); now and
    then the list of what they owe, their open rounds (/mine/) or the landing (/start/)."""

    fixed_count = len(PLAN["editors"])
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        index = next(_editors)
        if index >= len(PLAN["editors"]):
            raise SystemExit("more editor users than editors in the plan")
        self.me = PLAN["editors"][index]
        self.cookie = cookie_header(self.me["cookies"])
        self.turn = itertools.cycle(self.me["initiatives"])
        self.saves = 0
        # People do not all press at the same moment: the first action comes after one
        # wait, as every later one does (else 100 users fire together in the ramp-up).
        self.wait()

    @task(6)
    def save_status(self) -> None:
        number = next(self.turn)
        url = _round_url(f"indberetning/{number}/")
        headers = {"Cookie": self.cookie}
        with self.client.get(url, name=FORM, headers=headers, catch_response=True) as got:
            try:
                version, token = status_form_fields(got.text or "")
                # What the browser sends: every field as shown (the economy's figures too,
                # with the values they were shown with, so unchanged figures are not stored).
                data = form_data(got.text or "", "status-form")
            except PageError as exc:
                got.failure(f"{number}: {exc} (HTTP {got.status_code})")
                return
        self.saves += 1
        who = self.me["username"]
        note = f"Belastningstest {RUN} {who} #{self.saves}: {number} går efter planen."
        data.update(
            {
                "version": str(version),
                "status_note": note,
                "smiley": "happy",
                "corrective_action": "",
                "csrfmiddlewaretoken": token,
                "save": "1",
            }
        )
        if self.saves % ECONOMY_EVERY == 0 and "okonomi-note" in data:
            data["okonomi-note"] = f"Økonomi {RUN} {who} #{self.saves}"
        headers = {"Cookie": self.cookie, "HX-Request": "true", "Referer": self.host + url}
        with self.client.post(url, data=data, name=SAVE, headers=headers, catch_response=True) as r:
            if r.status_code == 409:
                RECORDS.write(kind="conflict", initiative=number, note=note)
                r.success()  # a correct refusal, counted on its own
            elif r.status_code == 200 or (
                # Without htmx a save redirects back to the form; elsewhere (sign-in) is not one.
                r.status_code == 302 and (r.headers.get("Location") or "").endswith(url)
            ):
                RECORDS.write(kind="ack", initiative=number, note=note, seq=next(RECORDS.seq))
            else:
                where = r.headers.get("Location") or ""
                r.failure(f"{number}: HTTP {r.status_code} {where}".rstrip())

    @task(2)
    def owed_list(self) -> None:
        _get_page(self, _round_url("indberetning/"), OWED, self.cookie, self.me["initiatives"][0])

    @task(1)
    def my_work(self) -> None:
        _get_page(self, "/mine/", MY_WORK, self.cookie)

    @task(1)
    def landing(self) -> None:
        # An editor of one open round lands on what they owe in it.
        target = _round_url("indberetning/")
        _get_redirect(self, "/start/", LANDING.format(who="editor"), self.cookie, target)


class ReaderUser(FastHttpUser):
    """A committee reader: open the committee's reports and the published whole report; now
    and then the landing (/start/), which leads to the committee's newest report."""

    fixed_count = len(PLAN["readers"])
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        index = next(_readers)
        if index >= len(PLAN["readers"]):
            raise SystemExit("more reader users than readers in the plan")
        self.me = PLAN["readers"][index]
        self.cookie = cookie_header(self.me["cookies"])
        # The live report of the open round is read most; the frozen ones now and then.
        pages = list(self.me["paths"].items())
        self.turn = itertools.cycle(pages[:1] * 2 + pages[1:])
        self.wait()  # as EditorUser: the first read after one wait

    @task(8)
    def read_report(self) -> None:
        name, path = next(self.turn)
        _get_page(self, path, name, self.cookie)

    @task(1)
    def landing(self) -> None:
        # The committee's newest frozen round (the published one), not the open one.
        paths = self.me["paths"]
        target = paths.get(
            "report: committee, published round (snapshot)",
            paths["report: committee, open round (live)"],
        )
        _get_redirect(self, "/start/", LANDING.format(who="reader"), self.cookie, target)


class FinanceUser(FastHttpUser):
    """A finance officer: the open round's board, statuses read in review mode (the walk),
    now and then the landing (/start/) and the menu's 'Styring' (/styring/), both to the board.
    """

    fixed_count = len(PLAN.get("finance") or [])
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        index = next(_finance)
        if index >= len(PLAN.get("finance") or []):
            raise SystemExit("more finance users than finance officers in the plan")
        self.me = PLAN["finance"][index]
        self.cookie = cookie_header(self.me["cookies"])
        self.turn = itertools.cycle(self.me["initiatives"])
        self.wait()

    @task(3)
    def board(self) -> None:
        _get_page(self, _round_url("styring/"), BOARD, self.cookie)

    @task(4)
    def review(self) -> None:
        number = next(self.turn)
        _get_page(self, _round_url(f"indberetning/{number}/"), REVIEW, self.cookie, number)

    @task(1)
    def landing(self) -> None:
        target = _round_url("styring/")
        _get_redirect(self, "/start/", LANDING.format(who="finance"), self.cookie, target)

    @task(1)
    def menu_board(self) -> None:
        _get_redirect(self, "/styring/", STYRING, self.cookie, _round_url("styring/"))


class CitizenUser(FastHttpUser):
    """An anonymous citizen: a public initiative page, then a page of the API's list; now and
    then the public overview (the agreement's charts), where anyone else lands."""

    fixed_count = CITIZENS
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        numbers = PLAN.get("public_initiatives") or []
        if not numbers:
            raise SystemExit("the plan has no published initiatives for citizens to read")
        self.numbers = numbers
        self.rng = random.Random(next(_citizens))
        self.wait()

    @task(1)
    def overview(self) -> None:
        _get_page(self, f"/aftaler/{PLAN['year']}/overblik/", OVERVIEW)

    @task(3)
    def read_public(self) -> None:
        year = PLAN["year"]
        number = self.rng.choice(self.numbers)
        path = f"/aftaler/{year}/indsatser/{number}/"
        with self.client.get(path, name=PUBLIC_PAGE, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{path}: HTTP {r.status_code}")
            elif number not in (r.text or ""):
                r.failure(f"{path}: the page does not name initiative {number}")
        pages = max(1, -(-len(self.numbers) // API_PAGE))
        offset = self.rng.randrange(pages) * API_PAGE
        path = f"/api/agreements/{year}/initiatives?limit={API_PAGE}&offset={offset}"
        with self.client.get(path, name=API_LIST, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{path}: HTTP {r.status_code}")
                return
            try:
                body = json.loads(r.text or "")
            except ValueError:
                r.failure(f"{path}: not JSON")
                return
            items = body.get("items") or []
            if body.get("count") != len(self.numbers) or not items:
                r.failure(f"{path}: count {body.get('count')!r}, {len(items)} items")
