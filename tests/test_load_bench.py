"""The load test's setup and bookkeeping (bench/load), without gunicorn or a locust run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bench.load import run as load_run
from bench.load.pages import PageError, form_data, status_form_fields
from bench.load.world import (
    Editor,
    Finance,
    Plan,
    Reader,
    WorldError,
    build_world,
    count_lost_writes,
)
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def plan(db) -> Plan:
    return build_world(initiatives=16, centers=4, editors=8, readers=3)


def _client(cookies: dict[str, str]) -> Client:
    client = Client(enforce_csrf_checks=True)
    for name, value in cookies.items():
        client.cookies[name] = value
    return client


def _save(plan: Plan, editor_index: int, note: str) -> tuple[str, int]:
    editor = plan.editors[editor_index]
    number = editor.initiatives[0]
    url = f"/aftaler/{plan.year}/opfolgning/{plan.open_round}/indberetning/{number}/"
    client = _client(editor.cookies)
    version, token = status_form_fields(client.get(url).content.decode())
    data = {
        "version": version,
        "text": "Milepæl",
        "status_note": note,
        "smiley": "happy",
        "corrective_action": "",
        "csrfmiddlewaretoken": token,
        "save": "1",
    }
    response = client.post(url, data, headers={"hx-request": "true"})
    return number, response.status_code


def test_world_opens_the_next_round_and_gives_each_editor_initiatives_of_their_own(plan):
    assert (plan.open_round, plan.published_round) == (4, 3)
    assert len(plan.editors) == 8
    shares = [set(e.initiatives) for e in plan.editors]
    assert all(shares)
    assert sum(len(s) for s in shares) == len(set().union(*shares)) == 16


def test_reader_sessions_open_every_report_page_they_are_given(plan):
    reader = plan.readers[0]
    client = _client(reader.cookies)
    assert len(reader.paths) == 3
    for path in reader.paths.values():
        assert client.get(path).status_code == 200, path


def test_citizens_read_the_published_initiatives_anonymously(plan, client):
    assert len(plan.public_initiatives) == 16
    number = plan.public_initiatives[-1]
    page = client.get(f"/aftaler/{plan.year}/indsatser/{number}/")
    assert page.status_code == 200
    assert number in page.content.decode()
    listing = client.get(f"/api/agreements/{plan.year}/initiatives?limit=10&offset=10")
    assert listing.status_code == 200
    body = listing.json()
    assert body["count"] == 16
    assert len(body["items"]) == 6


def test_editor_session_saves_and_only_a_save_missing_from_the_history_counts_as_lost(plan):
    number, status = _save(plan, 1, "stored")
    assert status == 200
    acks = [{"initiative": number, "note": "stored", "seq": 1}]
    check = count_lost_writes(year=plan.year, round_number=plan.open_round, acks=acks)
    assert (check.acknowledged, check.lost, check.final_mismatch) == (1, 0, 0)
    acks.append({"initiative": number, "note": "never stored", "seq": 2})
    check = count_lost_writes(year=plan.year, round_number=plan.open_round, acks=acks)
    assert (check.lost, check.final_mismatch) == (1, 1)


def test_finance_officers_review_every_initiative_and_open_the_board(db):
    plan = build_world(initiatives=16, centers=4, editors=2, readers=1, finance=3)
    assert len(plan.finance) == 3
    shares = [set(f.initiatives) for f in plan.finance]
    assert len(set().union(*shares)) == 16 and sum(len(s) for s in shares) == 16
    officer = plan.finance[0]
    client = _client(officer.cookies)
    base = f"/aftaler/{plan.year}/opfolgning/{plan.open_round}/"
    assert client.get(f"{base}styring/").status_code == 200
    number = officer.initiatives[0]
    review = client.get(f"{base}indberetning/{number}/")
    assert review.status_code == 200 and number in review.content.decode()
    for landing in ("/start/", "/styring/"):
        response = client.get(landing)
        assert response.status_code == 302 and response["Location"].endswith(f"{base}styring/")


def test_an_editor_lands_on_what_they_owe_and_posts_the_form_as_shown(plan):
    editor = plan.editors[0]
    client = _client(editor.cookies)
    base = f"/aftaler/{plan.year}/opfolgning/{plan.open_round}/"
    landing = client.get("/start/")
    assert landing.status_code == 302 and landing["Location"].endswith(f"{base}indberetning/")
    assert client.get(f"{base}indberetning/").status_code == 200
    assert client.get("/mine/").status_code == 200
    reader = _client(plan.readers[0].cookies).get("/start/")
    assert reader.status_code == 302
    # A reader lands on the newest frozen report (the published round), not the open one.
    frozen = [
        path for name, path in plan.readers[0].paths.items() if "committee, published" in name
    ]
    assert frozen and reader["Location"].endswith(frozen[0])
    assert Client().get(f"/aftaler/{plan.year}/overblik/").status_code == 200


def test_form_data_sends_what_the_browser_would():
    html = """<form id="other"><input name="q" value="no"></form>
    <form id="status-form" method="post">
      <input type="hidden" name="version" value="3">
      <input type="radio" name="smiley" value="happy">
      <input type="radio" name="smiley" value="sad" checked>
      <textarea name="status_note">
Linje &amp; mere</textarea>
      <input type="text" name="okonomi-spent" value="1,5 mio. kr.">
      <input type="hidden" name="initial-okonomi-spent" value="1,5 mio. kr.">
      <select name="okonomi-saving_achieved"><option value="">–</option>
        <option value="yes" selected>Ja</option></select>
      <select name="other"><option value="a">A</option></select>
      <input type="text" name="off" value="x" disabled>
      <button type="submit" name="save" value="1">Gem</button>
    </form>"""
    assert form_data(html, "status-form") == {
        "version": "3",
        "smiley": "sad",
        "status_note": "Linje & mere",
        "okonomi-spent": "1,5 mio. kr.",
        "initial-okonomi-spent": "1,5 mio. kr.",
        "okonomi-saving_achieved": "yes",
        "other": "a",
    }
    with pytest.raises(PageError, match="no form #missing"):
        form_data(html, "missing")


def test_users_are_shared_out_between_the_personas():
    assert load_run.share_users(100, dict.fromkeys(load_run.SHARES)) == {
        "editors": 45,
        "readers": 40,
        "finance": 5,
        "citizens": 10,
    }
    # Older commands: given numbers stay, the rest of --users is shared out.
    given = {"editors": 0, "readers": 0, "finance": None, "citizens": 100}
    assert load_run.share_users(100, given)["finance"] == 0
    given = {"editors": 50, "readers": 50, "finance": 0, "citizens": 0}
    assert load_run.share_users(100, given) == given
    assert sum(load_run.share_users(7, dict.fromkeys(load_run.SHARES)).values()) == 7


def test_more_editors_than_initiatives_is_refused_with_a_message(db):
    with pytest.raises(WorldError, match="at least as many initiatives"):
        build_world(initiatives=4, centers=2, editors=5, readers=0)


def test_status_form_fields_say_what_is_missing():
    with pytest.raises(PageError, match="version"):
        status_form_fields('<input type="hidden" name="csrfmiddlewaretoken" value="x">')


def test_summary_counts_errors_but_not_conflicts_as_errors():
    records = [
        {
            "kind": "request",
            "name": "save [POST]",
            "ms": 10,
            "status": 200,
            "error": "",
            "start": 0,
        },
        {
            "kind": "request",
            "name": "save [POST]",
            "ms": 30,
            "status": 409,
            "error": "",
            "start": 1,
        },
        {"kind": "conflict", "initiative": "1.1", "note": "x"},
        {"kind": "request", "name": "report: x", "ms": 20, "status": 500, "error": "", "start": 2},
    ]
    summary = load_run.summarise(records)
    assert summary["groups"]["save"]["errors"] == 0
    assert summary["groups"]["report read"]["errors"] == 1
    assert summary["conflicts_409"] == 1


def test_locustfile_imports_and_sizes_its_users_from_the_plan(tmp_path):
    editors = [Editor(f"e{k}", "C", {"sessionid": "s"}, [f"1.{k}"]) for k in range(8)]
    readers = [Reader(f"r{k}", "U", {"sessionid": "s"}, {"report: x": "/"}) for k in range(3)]
    finance = [Finance(f"f{k}", {"sessionid": "s"}, ["1.1"]) for k in range(2)]
    plan = Plan(
        year=2019,
        open_round=4,
        published_round=3,
        editors=editors,
        readers=readers,
        finance=finance,
    )
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan.to_dict()), encoding="utf-8")
    # In a child process: importing locust patches the standard library with gevent.
    code = (
        "import runpy; ns = runpy.run_path('bench/load/locustfile.py'); "
        "print(ns['EditorUser'].fixed_count, ns['ReaderUser'].fixed_count, "
        "ns['FinanceUser'].fixed_count, ns['CitizenUser'].fixed_count)"
    )
    env = {**os.environ, "LOAD_PLAN": str(path), "LOAD_RECORDS": "", "LOAD_CITIZENS": "5"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-4:] == ["8", "3", "2", "5"]


@pytest.mark.django_db(transaction=True)
def test_warm_up_opens_every_page_kind_before_the_measured_run(live_server):
    plan = build_world(initiatives=16, centers=4, editors=2, readers=1, finance=1).to_dict()
    port = int(live_server.url.rsplit(":", 1)[1])
    made = load_run.warm_up(port, plan, requests_per_page=2, parallel=3)
    # home; the status form, the owed list and /mine/; each of the reader's report pages;
    # the board and a status in review mode; a public initiative page, the overview and the
    # API's list, twice each
    assert made == 2 * (1 + 3 + len(plan["readers"][0]["paths"]) + 2 + 3)
