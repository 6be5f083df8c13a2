"""The `opfolgning` command as a user runs it: exit codes, clear errors, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

OPFOLGNING = [sys.executable, "-m", "opfolgning"]


def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if db is not None:
        env["DATABASE_URL"] = f"sqlite:///{db}"
    return subprocess.run(
        [*OPFOLGNING, *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "cli.sqlite3"
    result = run("migrate", "--noinput", db=db)
    assert result.returncode == 0, result.stderr
    return db


def test_parse_prints_interchange_json_without_a_database(seed_path, tmp_path):
    # A database path that cannot exist proves parse never opens one.
    result = run("parse", str(seed_path), db=tmp_path / "missing" / "never.sqlite3")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["committee"] == "Økonomiudvalget"
    assert "Økonomiudvalget" in result.stdout  # non-ASCII kept, not \u-escaped
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\xff\xfe", "binary"),
        (b"Dato: 9. oktober 2019\n\nHej med dig\n", "title"),
    ],
    ids=["empty", "binary", "not-a-report"],
)
def test_parse_bad_input_exits_non_zero_with_a_clear_message(tmp_path, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("parse", str(path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "bad.txt" in result.stderr
    assert expected in result.stderr.lower()


def test_parse_missing_file_is_a_clear_error(tmp_path):
    result = run("parse", str(tmp_path / "nope.txt"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "nope.txt" in result.stderr


def test_import_then_report_then_check(seed_path, database, tmp_path):
    first = run("import", str(seed_path), db=database)
    assert first.returncode == 0, first.stderr
    assert "27 initiatives" in first.stdout
    again = run("import", str(seed_path), db=database)
    assert again.returncode == 0, again.stderr
    assert "nothing changed" in again.stdout

    out = tmp_path / "out.html"
    result = run(
        "report", "--agreement", "2019", "--committee", "Økonomiudvalget", "--round", "3",
        "--format", "html", "-o", str(out), db=database,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget" in html
    assert html.count('class="initiative"') == 27

    check = run("check", "--agreement", "2019", "--round", "3", db=database)
    assert "Traceback" not in check.stderr
    assert "rule findings" in check.stdout
    assert "KONTROL" in check.stdout  # the ambiguous ☹ cells are listed for review


def test_failed_import_stores_nothing(seed_path, tmp_path):
    db = tmp_path / "atomic.sqlite3"
    assert run("migrate", "--noinput", db=db).returncode == 0
    truncated = tmp_path / "truncated.txt"
    text = seed_path.read_text(encoding="utf-8")
    truncated.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    result = run("import", str(seed_path), str(truncated), db=db)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "truncated.txt" in result.stderr
    assert "Nothing was imported" in result.stderr
    count = run("shell", "-c", "from opfolgning.agreements.models import Initiative as I;"
                "print(I.objects.count())", db=db)  # fmt: skip
    assert count.stdout.strip().splitlines()[-1] == "0"


def test_report_for_unknown_committee_names_the_known_ones(seed_path, database):
    run("import", str(seed_path), db=database)
    result = run(
        "report", "--agreement", "2019", "--committee", "Nope", "--round", "3", db=database
    )
    assert result.returncode != 0
    assert "Økonomiudvalget" in result.stderr
    assert "Traceback" not in result.stderr


def test_django_system_check_still_works():
    result = run("check")
    assert result.returncode == 0
    assert "no issues" in result.stdout


def test_parse_output_has_every_field_of_the_interchange_contract(seed_path):
    data = json.loads(run("parse", str(seed_path)).stdout)
    assert {
        "title", "agreement", "committee", "round", "date", "case_number", "contact",
        "themes", "warnings",
    } <= data.keys()  # fmt: skip
    assert data["agreement"] == {"name": "Aftale om budget 2019", "year": 2019}
    assert data["round"] == 3 and data["date"] == "2019-10-09"
    assert set(data["contact"]) == {"name", "email", "phone"}
    for theme in data["themes"]:
        assert {"number", "title", "initiatives"} <= theme.keys()
        for ini in theme["initiatives"]:
            assert {
                "number", "title", "kind", "description", "center", "committee",
                "contributors", "notes", "milestones", "economy",
            } <= ini.keys()  # fmt: skip
            assert [m["round"] for m in ini["milestones"]] == [1, 2, 3, 4]
            for m in ini["milestones"]:
                assert {"round", "label", "text", "status_note", "smiley", "glyph",
                        "needs_review"} <= m.keys()  # fmt: skip
            assert {"text", "smiley", "glyph", "needs_review"} <= ini["economy"].keys()
    reviews = [w for w in data["warnings"] if "kontrollér" in w["message"]]
    # The 17 ambiguous frowns, and the postponement of 1.11 read as proposed (issue 5).
    assert len(reviews) == 18
    assert all("initiative" in w["where"] for w in reviews)
    assert sum("round" in w["where"] for w in reviews) == 17
    budget = next(i for t in data["themes"] for i in t["initiatives"] if i["number"] == "1.11")
    assert budget["budget"]["lines"] == [{"year": 2019, "kind": "capital", "amount": 2_000_000}]


def test_check_exits_non_zero_when_a_rule_is_broken(seed_path, tmp_path):
    db = tmp_path / "sad.sqlite3"
    assert run("migrate", "--noinput", db=db).returncode == 0
    assert run("import", str(seed_path), "--frown-means", "sad", db=db).returncode == 0
    check = run("check", "--agreement", "2019", "--round", "3", db=db)
    assert check.returncode == 1
    assert "FEJL" in check.stdout
    assert "korrigerende handling" in check.stdout


def test_import_refuses_a_file_over_the_size_limit_before_reading_it(seed_path, tmp_path):
    db = tmp_path / "limit.sqlite3"
    assert run("migrate", "--noinput", db=db).returncode == 0
    result = run("import", str(seed_path), "--max-size-mb", "0.01", db=db)
    assert result.returncode != 0
    assert "too large" in result.stderr and "0.01 MB" in result.stderr
    assert "Traceback" not in result.stderr
    env_limited = run("parse", str(seed_path), "--max-size-mb", "0.01")
    assert env_limited.returncode != 0


def test_import_publish_freezes_and_publishes_the_round_once(seed_path, tmp_path):
    db = tmp_path / "publish.sqlite3"
    assert run("migrate", "--noinput", db=db).returncode == 0
    first = run("import", "--publish", str(seed_path), db=db)
    assert first.returncode == 0, first.stderr
    assert "3. budgetopfølgning 2019 is now published" in first.stdout
    again = run("import", "--publish", str(seed_path), db=db)
    assert again.returncode == 0, again.stderr
    assert "published already" in again.stdout


def test_demo_needs_debug_then_makes_accounts_and_opens_the_next_round(seed_path, tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert run("migrate", "--noinput", db=db).returncode == 0
    assert run("import", str(seed_path), db=db).returncode == 0
    refused = run("demo", db=db)
    assert refused.returncode == 2
    assert "DEBUG=1" in refused.stderr and "Traceback" not in refused.stderr
    env_debug = {"DEBUG": "1"}
    os.environ.update(env_debug)
    try:
        made = run("demo", db=db)
        again = run("demo", db=db)
    finally:
        os.environ.pop("DEBUG")
    assert made.returncode == 0, made.stderr
    assert "okonomi / opfolgning-demo: Økonomikonsulent" in made.stdout
    assert "31.12.2019 is open until" in made.stdout
    assert again.returncode == 0 and "exists already" in again.stdout
    assert "a round is open already" in again.stdout


def test_a_bad_setting_in_the_environment_is_one_clear_line(tmp_path):
    env = dict(os.environ, DEBUG="maybe")
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [*OPFOLGNING, "check"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "DEBUG" in result.stderr and result.stderr.startswith("opfolgning: error:")


@pytest.mark.parametrize(
    "args",
    [
        ("import", "{seed}"),
        ("report", "--agreement", "2019", "--round", "3"),
        ("check", "--agreement", "2019", "--round", "3"),
        ("user", "list"),
        ("token", "list", "okonomi"),
        ("remind",),
        ("demo",),
        ("changepassword", "okonomi"),
    ],
    ids=lambda a: a[0],
)
def test_a_command_on_an_unmigrated_database_says_so_in_one_line(seed_path, tmp_path, args):
    db = tmp_path / "never-migrated.sqlite3"
    os.environ["DEBUG"] = "1"
    try:
        result = run(*(a.format(seed=seed_path) for a in args), db=db)
    finally:
        os.environ.pop("DEBUG")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.endswith(f"the database at {db} has no tables: run `opfolgning migrate`"), last
    # Nothing was created on the way: still no tables.
    assert "no tables" in run("user", "list", db=db).stderr


def test_parse_and_system_check_need_no_migrated_database(seed_path, tmp_path):
    db = tmp_path / "never-migrated.sqlite3"
    assert run("parse", str(seed_path), db=db).returncode == 0
    assert run("check", db=db).returncode == 0


def test_an_unreachable_database_is_one_line(tmp_path):
    env = dict(os.environ, DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing")
    result = subprocess.run(
        [*OPFOLGNING, "user", "list"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("opfolgning user: error: cannot open the database at ")
    assert len(result.stderr.strip().splitlines()) == 1
