"""Load-test a follow-up round: department editors saving statuses while others read.

    .venv/bin/python bench/load/run.py --database both --users 100 --duration 60

--users is split 45 : 40 : 5 : 10 between department editors, committee readers, finance
officers and anonymous citizens; --editors, --readers, --finance or --citizens fix a share,
and the others split what is left of --users in the same proportions.

For each database (SQLite with WAL in a temporary folder, or a PostgreSQL database that is
dropped and created): migrate, import a synthetic agreement, publish its last closed round,
open the next one, create department editors (each with initiatives of their own),
committee readers and finance officers with signed-in sessions, start gunicorn on
127.0.0.1 with production-like settings, run locust headless for --duration seconds
(loopback only; it stops by itself), stop gunicorn and count lost writes: every save the
server acknowledged must be in the milestone's history, and the last one must be what is
stored. Prints a Markdown summary and writes it, with the raw records, to --out.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

VENV_BIN = Path(sys.executable).parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/opfolgning_load"
# Databases other test runs use; never dropped here.
RESERVED_DATABASES = {"test", "test_test", "postgres", "template0", "template1"}
GROUPS = {
    "save": lambda name: name == "save [POST]",
    "form GET": lambda name: name == "status form [GET]",
    "editor lists": lambda name: name.startswith("editor:"),
    "report read": lambda name: name.startswith("report:"),
    "finance pages": lambda name: name.startswith("finance:"),
    "landing redirects": lambda name: name.startswith("landing:"),
    "public page": lambda name: name.startswith("public:"),
    "API list": lambda name: name.startswith("api:"),
}
# How --users is shared out when a persona's number is not given (issue 16).
SHARES = {"editors": 45, "readers": 40, "finance": 5, "citizens": 10}


class LoadError(RuntimeError):
    """A step of the load test failed; the message says which and where to look."""


# --- children: run with the same environment as gunicorn ----------------------------------


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    django.setup()


def child_setup(args: argparse.Namespace) -> None:
    """Migrate, build the world and write the plan as JSON to --plan."""
    _django()
    from bench.load.world import build_world
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    plan = build_world(
        initiatives=args.initiatives,
        centers=args.centers,
        editors=args.editors,
        readers=args.readers,
        finance=args.finance,
    )
    Path(args.plan).write_text(json.dumps(plan.to_dict(), ensure_ascii=False), encoding="utf-8")
    print(f"world built in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def child_verify(args: argparse.Namespace) -> None:
    """Count lost writes from the records file; print the result as JSON."""
    _django()
    import dataclasses

    from bench.load.world import count_lost_writes

    plan = json.loads(Path(args.plan).read_text(encoding="utf-8"))
    acks = [r for r in _records(Path(args.records)) if r["kind"] == "ack"]
    check = count_lost_writes(year=plan["year"], round_number=plan["open_round"], acks=acks)
    print(json.dumps(dataclasses.asdict(check)))


# --- the parent ---------------------------------------------------------------------------


def _records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fresh_postgres(url: str) -> str:
    import psycopg

    base, _, name = url.rpartition("/")
    if not name or name in RESERVED_DATABASES:
        raise LoadError(f"--postgres-url must name a database of its own, not {name!r}")
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        raise LoadError(f"cannot reach PostgreSQL at {base}: {exc}".strip()) from None
    return url


def _environment(database_url: str, work: Path, args: argparse.Namespace) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DATABASE_URL": database_url,
            "DB_CONN_MAX_AGE": str(args.conn_max_age),
            "OPFOLGNING_DATA_DIR": str(work),
            # Production-like: DEBUG off, a real key, one host. Plain HTTP on loopback, so
            # no HTTPS redirect and cookies not marked Secure.
            "DEBUG": "0",
            "OPFOLGNING_PRODUCTION": "1",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            # Every simulated user comes from 127.0.0.1: a per-address limit would answer
            # 429 to the crowd. The limits are measured in the test suite, not here.
            "RATE_LIMIT_API": "",
            "RATE_LIMIT_LOGIN": "",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
        }
    )
    return env


def _child(kind: str, env: dict[str, str], extra: list[str], log: Path) -> str:
    cmd = [sys.executable, __file__, "--child", kind, *extra]
    with log.open("a", encoding="utf-8") as err:
        out = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
    if out.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-20:])
        raise LoadError(f"the {kind} step failed (exit {out.returncode}); see {log}:\n{tail}")
    return out.stdout


def _start_gunicorn(env: dict[str, str], port: int, args: argparse.Namespace, log: Path) -> Any:
    cmd = [
        str(VENV_BIN / "gunicorn"),
        "opfolgning.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--worker-class",
        "gthread" if args.threads > 1 else "sync",
        "--timeout",
        "60",
        "--error-logfile",
        str(log),
    ]
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise LoadError(f"gunicorn stopped at start (exit {proc.returncode}); see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                if response.status == 200:
                    return proc
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    _stop(proc)
    raise LoadError(f"gunicorn did not answer on 127.0.0.1:{port} within 30 s; see {log}")


def warm_up(port: int, plan: dict[str, Any], requests_per_page: int, parallel: int) -> int:
    """Open every page kind of the test a few times, in parallel, before the measured run.

    A server that has run for a while has imported its modules, compiled its templates and
    loaded its translations in every worker; a fresh one does that on its first requests.
    Only GETs: nothing is written. Returns the number of requests made.
    """
    from concurrent.futures import ThreadPoolExecutor

    from bench.load.pages import cookie_header

    paths: list[tuple[str, str]] = [("/", "")]
    round_url = f"/aftaler/{plan['year']}/opfolgning/{plan['open_round']}/"
    if plan["editors"]:
        editor = plan["editors"][0]
        number = editor["initiatives"][0]
        cookie = cookie_header(editor["cookies"])
        paths += [
            (f"{round_url}indberetning/{number}/", cookie),
            (f"{round_url}indberetning/", cookie),
            ("/mine/", cookie),
        ]
    if plan["readers"]:
        reader = plan["readers"][0]
        paths += [(p, cookie_header(reader["cookies"])) for p in reader["paths"].values()]
    if plan.get("finance"):
        officer = plan["finance"][0]
        cookie = cookie_header(officer["cookies"])
        number = officer["initiatives"][0]
        paths += [(f"{round_url}styring/", cookie), (f"{round_url}indberetning/{number}/", cookie)]
    if plan.get("public_initiatives"):
        number = plan["public_initiatives"][0]
        paths += [
            (f"/aftaler/{plan['year']}/indsatser/{number}/", ""),
            (f"/aftaler/{plan['year']}/overblik/", ""),
            (f"/api/agreements/{plan['year']}/initiatives?limit=100", ""),
        ]

    def get(item: tuple[str, str]) -> None:
        path, cookie = item
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
        if cookie:
            request.add_header("Cookie", cookie)
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()

    work = paths * requests_per_page
    with ThreadPoolExecutor(max_workers=max(parallel, 1)) as pool:
        list(pool.map(get, work))
    return len(work)


def _server_cpu_seconds(proc: Any) -> float:
    """Return the CPU seconds gunicorn's master and workers have used so far."""
    import psutil

    total = 0.0
    try:
        master = psutil.Process(proc.pid)
        for p in [master, *master.children(recursive=True)]:
            times = p.cpu_times()
            total += times.user + times.system
    except psutil.Error:
        pass
    return total


def _postgres_cpu_seconds() -> float:
    """Return the CPU seconds PostgreSQL's processes on this machine have used so far.

    A backend that has ended is counted in its parent's children times (the postmaster's).
    """
    import psutil

    total = 0.0
    for p in psutil.process_iter(["name"]):
        try:
            if (p.info["name"] or "").startswith("postgres"):
                times = p.cpu_times()
                total += times.user + times.system + times.children_user + times.children_system
        except psutil.Error:
            continue
    return total


def _children_cpu_seconds() -> float:
    """Return the CPU seconds of this process's finished children (locust, once it is done)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _stop(proc: Any) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else float("nan")


def _is_error(row: dict[str, Any]) -> bool:
    """Return whether a request failed; a save refused as stale (409) is counted apart."""
    if row["error"]:
        return True
    if row["status"] == 409 and GROUPS["save"](row["name"]):
        return False
    return not (200 <= row["status"] < 400)


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Return requests, latency percentiles per request type and name, errors and rates."""
    requests = [r for r in records if r["kind"] == "request"]
    if not requests:
        raise LoadError("locust recorded no request; is the server reachable?")
    begin = min(r["start"] for r in requests)
    end = max(r["start"] + r["ms"] / 1000 for r in requests)
    seconds = max(end - begin, 1e-9)
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in requests:
        by_name[r["name"]].append(r)

    def stats(rows: list[dict[str, Any]]) -> dict[str, Any]:
        times = [r["ms"] for r in rows]
        return {
            "requests": len(rows),
            "per_s": len(rows) / seconds,
            "p50_ms": _percentile(times, 0.50),
            "p95_ms": _percentile(times, 0.95),
            "p99_ms": _percentile(times, 0.99),
            "max_ms": max(times),
            "errors": sum(_is_error(r) for r in rows),
        }

    groups = {}
    for group, match in GROUPS.items():
        rows = [r for r in requests if match(r["name"])]
        if rows:
            groups[group] = stats(rows)
    error_examples = sorted({r["error"] or f"HTTP {r['status']}" for r in requests if _is_error(r)})
    return {
        "seconds": seconds,
        "all": stats(requests),
        "groups": groups,
        "names": {name: stats(rows) for name, rows in sorted(by_name.items())},
        "acknowledged_saves": sum(r["kind"] == "ack" for r in records),
        "conflicts_409": sum(r["kind"] == "conflict" for r in records),
        "error_examples": error_examples[:5],
    }


def run_one(database: str, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    """Run the whole load test on one database; return its summary."""
    work = Path(tempfile.mkdtemp(prefix=f"opfolgning-load-{database}-"))
    try:
        if database == "sqlite":
            url = f"sqlite:///{work / 'load.sqlite3'}"
        else:
            url = _fresh_postgres(args.postgres_url)
        if args.conn_max_age is None:
            # As docs/operations.md recommends: persistent connections on PostgreSQL only.
            args_db = argparse.Namespace(
                **{**vars(args), "conn_max_age": 0 if database == "sqlite" else 60}
            )
        else:
            args_db = args
        env = _environment(url, work, args_db)
        log = out / f"{database}-server.log"
        log.write_text("", encoding="utf-8")
        plan = work / "plan.json"
        records = out / f"{database}-records.jsonl"
        records.unlink(missing_ok=True)
        print(f"[{database}] building the world …", file=sys.stderr)
        sizes = [
            "--initiatives",
            str(args.initiatives),
            "--centers",
            str(args.centers),
            "--editors",
            str(args.editors),
            "--readers",
            str(args.readers),
            "--finance",
            str(args.finance),
        ]
        _child("setup", env, [*sizes, "--plan", str(plan)], log)
        port = _free_port()
        print(f"[{database}] gunicorn on :{port}, locust {args.duration} s …", file=sys.stderr)
        server = _start_gunicorn(env, port, args, log)
        try:
            if args.warmup:
                plan_data = json.loads(plan.read_text(encoding="utf-8"))
                made = warm_up(port, plan_data, args.warmup, args.workers * args.threads)
                print(
                    f"[{database}] warmed up with {made} requests (not measured)", file=sys.stderr
                )
            locust_env = {
                **os.environ,
                "LOAD_PLAN": str(plan),
                "LOAD_RECORDS": str(records),
                "LOAD_WAIT": f"{args.wait[0]},{args.wait[1]}",
                "LOAD_CITIZENS": str(args.citizens),
            }
            cmd = [
                str(VENV_BIN / "locust"),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--only-summary",
                "-u",
                str(args.editors + args.readers + args.finance + args.citizens),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{args.duration}s",
                "--stop-timeout",
                "10",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(out / f"{database}-locust"),
                "--loglevel",
                "WARNING",
            ]
            locust_log = out / f"{database}-locust.log"
            load_before = os.getloadavg()[0]
            cpu_before = _server_cpu_seconds(server)
            pg_before, locust_before = _postgres_cpu_seconds(), _children_cpu_seconds()
            with locust_log.open("w", encoding="utf-8") as lf:
                # Bounded: locust stops itself after -t; the timeout is a safety net.
                try:
                    subprocess.run(
                        cmd,
                        env=locust_env,
                        stdout=lf,
                        stderr=subprocess.STDOUT,
                        timeout=args.duration + 120,
                        check=False,
                    )
                except subprocess.TimeoutExpired:
                    raise LoadError(f"locust did not stop by itself; see {locust_log}") from None
            load_after = os.getloadavg()[0]
            server_cpu = _server_cpu_seconds(server) - cpu_before
            pg_cpu = _postgres_cpu_seconds() - pg_before
            locust_cpu = _children_cpu_seconds() - locust_before
        finally:
            _stop(server)
        print(f"[{database}] counting lost writes …", file=sys.stderr)
        check = json.loads(
            _child("verify", env, ["--plan", str(plan), "--records", str(records)], log)
        )
        summary = summarise(_records(records))
        summary["writes"] = check
        summary["database"] = "SQLite (WAL)" if database == "sqlite" else "PostgreSQL"
        # Other work on the machine slows the server down too: say how busy it was.
        summary["load_average"] = [round(load_before, 1), round(load_after, 1)]
        # CPU the server spent per request: unlike latency, barely moved by other load.
        summary["server_cpu_s"] = server_cpu
        summary["server_cpu_ms_per_request"] = 1000 * server_cpu / summary["all"]["requests"]
        # Where the rest of the 2 cores went: the database server (PostgreSQL only; SQLite
        # runs inside gunicorn) and locust itself.
        summary["database_cpu_ms_per_request"] = (
            1000 * pg_cpu / summary["all"]["requests"] if database != "sqlite" else None
        )
        summary["locust_cpu_s"] = locust_cpu
        summary["cpu_warnings"] = sum(
            "CPU usage" in line for line in locust_log.read_text(encoding="utf-8").splitlines()
        )
        return summary
    finally:
        if args.keep:
            print(f"[{database}] kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def _db_cpu(value: float | None) -> str:
    return "– (in gunicorn)" if value is None else _ms(value)


def markdown(results: list[dict[str, Any]], args: argparse.Namespace, command: str) -> str:
    """Return the summary as Markdown tables."""
    lines = [
        f"Command: `{command}`",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; gunicorn {args.workers} workers × "
        f"{args.threads} threads ({'gthread' if args.threads > 1 else 'sync'}), "
        f"DB_CONN_MAX_AGE="
        f"{'0 on SQLite, 60 on PostgreSQL' if args.conn_max_age is None else args.conn_max_age}; "
        f"warm-up {args.warmup} GETs per page kind (not measured); "
        f"{args.editors} editors + {args.readers} readers + {args.finance} finance officers "
        f"+ {args.citizens} citizens, wait {args.wait[0]:g}–{args.wait[1]:g} s, {args.duration} s "
        f"(ramp-up {args.spawn_rate} users/s); "
        f"{args.initiatives} initiatives over {args.centers} centers.",
        "",
        "| database | request type | requests | req/s | p50 | p95 | p99 | max | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for res in results:
        rows = [*res["groups"].items(), ("all", res["all"])]
        for group, s in rows:
            lines.append(
                f"| {res['database']} | {group} | {s['requests']:,} | {s['per_s']:.1f} "
                f"| {_ms(s['p50_ms'])} | {_ms(s['p95_ms'])} | {_ms(s['p99_ms'])} "
                f"| {_ms(s['max_ms'])} | {s['errors']} |"
            )
    lines += [
        "",
        "| database | acknowledged saves | initiatives saved | 409 conflicts | lost writes "
        "| stored ≠ last acknowledged | gunicorn CPU per request | PostgreSQL CPU per request "
        "| locust CPU | locust CPU warnings | load average before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for res in results:
        w = res["writes"]
        lines.append(
            f"| {res['database']} | {w['acknowledged']:,} | {w['initiatives']} "
            f"| {res['conflicts_409']} | {w['lost']} | {w['final_mismatch']} "
            f"| {_ms(res['server_cpu_ms_per_request'])} "
            f"| {_db_cpu(res.get('database_cpu_ms_per_request'))} "
            f"| {res.get('locust_cpu_s', 0):.0f} s | {res['cpu_warnings']} "
            f"| {res['load_average'][0]} → {res['load_average'][1]} |"
        )
    lines += ["", "Per page:", "", "| database | page | requests | p50 | p95 | p99 |"]
    lines.append("|---|---|---:|---:|---:|---:|")
    for res in results:
        for name, s in res["names"].items():
            lines.append(
                f"| {res['database']} | {name} | {s['requests']:,} | {_ms(s['p50_ms'])} "
                f"| {_ms(s['p95_ms'])} | {_ms(s['p99_ms'])} |"
            )
    for res in results:
        for example in res["writes"]["examples"] + res["error_examples"]:
            lines.append(f"- {res['database']}: {example}")
    return "\n".join(lines) + "\n"


def share_users(users: int, given: dict[str, int | None]) -> dict[str, int]:
    """Return how many users of each persona: those given, and the rest of `users` shared
    out between the others in the proportions of SHARES (largest remainder)."""
    fixed = {name: count for name, count in given.items() if count is not None}
    rest = [name for name in SHARES if name not in fixed]
    left = max(users - sum(fixed.values()), 0)
    weight = sum(SHARES[name] for name in rest)
    if not rest or not weight:
        return {**{name: 0 for name in rest}, **fixed}
    exact = {name: left * SHARES[name] / weight for name in rest}
    counts = {name: int(value) for name, value in exact.items()}
    by_remainder = sorted(rest, key=lambda name: exact[name] - counts[name], reverse=True)
    for name in by_remainder[: left - sum(counts.values())]:
        counts[name] += 1
    return {**counts, **fixed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--users",
        type=int,
        default=100,
        help="all users: 45%% editors, 40%% readers, 5%% finance officers, 10%% citizens",
    )
    parser.add_argument("--editors", type=int, help="department editors (a share of --users)")
    parser.add_argument("--readers", type=int, help="committee readers (a share of --users)")
    parser.add_argument(
        "--finance",
        type=int,
        help="finance officers reading the board and statuses (a share of --users)",
    )
    parser.add_argument(
        "--citizens",
        type=int,
        help="anonymous users reading public pages and the API's list (a share of --users)",
    )
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--spawn-rate", type=int, default=20, help="users started per second")
    parser.add_argument(
        "--wait",
        type=float,
        nargs=2,
        default=(1.0, 3.0),
        metavar=("MIN", "MAX"),
        help="seconds each user waits between actions (default: 1 3)",
    )
    parser.add_argument("--initiatives", type=int, default=200)
    parser.add_argument("--centers", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (gthread)")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="DB_CONN_MAX_AGE (default: as docs/operations.md says, 0 on SQLite, 60 on PostgreSQL)",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=20,
        help="GETs of each page kind before the measured run (0: start cold)",
    )
    parser.add_argument("--postgres-url", default=DEFAULT_PG)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "load")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--child", choices=["setup", "verify"], help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--records", help=argparse.SUPPRESS)
    args = parser.parse_args()
    for name, count in share_users(
        args.users, {name: getattr(args, name) for name in SHARES}
    ).items():
        setattr(args, name, count)
    if args.child == "setup":
        child_setup(args)
        return
    if args.child == "verify":
        child_verify(args)
        return
    for name, value in [("--duration", args.duration), ("--workers", args.workers)]:
        if value < 1:
            parser.error(f"{name} must be at least 1")
    if args.editors + args.readers + args.finance + args.citizens < 1:
        parser.error("no users: give --users (or --editors/--readers) of at least 1")
    if args.editors > args.initiatives:
        parser.error(f"{args.editors} editors need at least {args.editors} --initiatives")
    args.out.mkdir(parents=True, exist_ok=True)
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    command = " ".join(["python bench/load/run.py", *sys.argv[1:]])
    results = []
    try:
        for database in databases:
            results.append(run_one(database, args, args.out))
    except LoadError as exc:
        raise SystemExit(f"load test failed: {exc}") from None
    text = markdown(results, args, command)
    (args.out / "summary.md").write_text(text, encoding="utf-8")
    (args.out / "summary.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(text)
    print(f"written to {args.out}/summary.md", file=sys.stderr)


if __name__ == "__main__":
    main()
