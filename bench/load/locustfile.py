"""Locust users for the round under load: editors saving, readers and citizens reading.

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

from pages import PageError, cookie_header, status_form_fields

FORM = "status form [GET]"
SAVE = "save [POST]"
PUBLIC_PAGE = "public: initiative page"
API_LIST = "api: initiative list (100 per page)"


def _load_plan() -> dict[str, Any]:
    path = os.environ.get("LOAD_PLAN", "")
    if not path:
        return {"year": 0, "open_round": 0, "editors": [], "readers": [], "public_initiatives": []}
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
# Anonymous citizens (run.py --citizens): how many, and the API page size they ask for.
CITIZENS = int(os.environ.get("LOAD_CITIZENS", "0"))
API_PAGE = 100


class EditorUser(FastHttpUser):
    """A department editor: open an own initiative's form, save a new status, next one."""

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

    @task
    def save_status(self) -> None:
        number = next(self.turn)
        url = f"/aftaler/{PLAN['year']}/opfolgning/{PLAN['open_round']}/indberetning/{number}/"
        headers = {"Cookie": self.cookie}
        with self.client.get(url, name=FORM, headers=headers, catch_response=True) as got:
            try:
                version, token = status_form_fields(got.text or "")
            except PageError as exc:
                got.failure(f"{number}: {exc} (HTTP {got.status_code})")
                return
        self.saves += 1
        who = self.me["username"]
        note = f"Belastningstest {RUN} {who} #{self.saves}: {number} går efter planen."
        data = {
            "version": str(version),
            "text": f"Milepæl for {number}",
            "status_note": note,
            "smiley": "happy",
            "corrective_action": "",
            "csrfmiddlewaretoken": token,
            "save": "1",
        }
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


class ReaderUser(FastHttpUser):
    """A committee reader: open the committee's reports and the published whole report."""

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

    @task
    def read_report(self) -> None:
        name, path = next(self.turn)
        headers = {"Cookie": self.cookie}
        with self.client.get(path, name=name, headers=headers, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{path}: HTTP {r.status_code}")
            elif "<html" not in (r.text or "")[:500].lower():
                r.failure(f"{path}: not an HTML page")


class CitizenUser(FastHttpUser):
    """An anonymous citizen: a public initiative page, then a page of the API's list."""

    fixed_count = CITIZENS
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        numbers = PLAN.get("public_initiatives") or []
        if not numbers:
            raise SystemExit("the plan has no published initiatives for citizens to read")
        self.numbers = numbers
        self.rng = random.Random(next(_citizens))
        self.wait()

    @task
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
