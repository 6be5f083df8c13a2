"""Benchmark parse, import and the report page for N = 100, 1,000 and 10,000 initiatives.

    .venv/bin/python bench/run.py                  # SQLite, sizes 100 1000 10000
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/bench

Each size runs in a fresh database in its own process. Times are medians of --repeat runs
(import: of --import-repeat runs, each into a fresh database). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _parse_cold(files: list[Path]) -> list[object]:
    """Parse the files as a fresh process would: no economy text read before."""
    from opfolgning.followup.money import read_economy
    from opfolgning.importers import parse_path

    read_economy.cache_clear()
    return [parse_path(f) for f in files]


def _fresh_database(url: str | None, workdir: Path, n: int, attempt: int) -> str:
    if url is None:
        return f"sqlite:///{workdir / f'bench-{n}-{attempt}.sqlite3'}"
    import psycopg

    base, _, name = url.rpartition("/")
    db = f"{name}_{n}_{attempt}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f'CREATE DATABASE "{db}"')
    return f"{base}/{db}"


def child(files: list[Path], measure_pages: bool, repeat: int) -> dict[str, float]:
    """Import the files into the configured database and time it; then time the report pages."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from opfolgning.agreements.services import report_import
    from opfolgning.importers import parse_path

    call_command("migrate", verbosity=0)
    docs = [parse_path(f) for f in files]
    start = time.perf_counter()
    for f, doc in zip(files, docs, strict=True):
        report_import(actor=None, document=doc, source_name=f.name)
    result = {"import_s": time.perf_counter() - start}
    if not measure_pages:
        return result
    # A closed round's report is for signed-in readers until it is published (issue 4); the
    # import stores no snapshot, so the finance officer's page is built live from the data.
    # Signing in adds 3 queries (session, user, role) to what the page itself costs.
    from opfolgning.accounts.models import Role
    from opfolgning.accounts.services import user_create

    officer = user_create(actor=None, username="bench", email="", role=Role.FINANCE_OFFICER)
    client = Client()
    client.force_login(officer)
    pages = {
        "page": "/aftaler/2019/opfolgning/3/",
        "committee_page": "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/",
    }
    for key, url in pages.items():
        assert client.get(url).status_code == 200  # warm-up
        result[f"{key}_s"] = _median_time(lambda url=url: client.get(url), repeat)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        result[f"{key}_queries"] = len(ctx.captured_queries)
        result[f"{key}_kb"] = len(response.content) / 1024
        # Issue 5: the economy totals are on the page, within the same query count.
        result[f"{key}_economy"] = "Økonomi i alt" in response.content.decode()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--import-repeat", type=int, default=3)
    parser.add_argument("--database-url", help="PostgreSQL base URL; default SQLite files")
    parser.add_argument("--child", nargs="+", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pages", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.pages, args.repeat)))
        return

    from generate import write

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in args.sizes:
            files = write(n, work / str(n))
            parse_s = _median_time(lambda files=files: _parse_cold(files), args.repeat)
            imports, pages = [], {}
            for attempt in range(args.import_repeat):
                env = dict(os.environ)
                env["DATABASE_URL"] = _fresh_database(args.database_url, work, n, attempt)
                last = attempt == args.import_repeat - 1
                cmd = [
                    sys.executable,
                    __file__,
                    "--repeat",
                    str(args.repeat),
                    "--child",
                    *map(str, files),
                ]
                if last:
                    cmd.append("--pages")
                out = subprocess.run(cmd, env=env, check=False, capture_output=True, text=True)
                if out.returncode != 0:
                    sys.exit(f"bench/run.py: N={n}, import {attempt + 1} failed:\n{out.stderr}")
                data = json.loads(out.stdout.strip().splitlines()[-1])
                imports.append(data.pop("import_s"))
                pages = data or pages
            rows.append(
                {"n": n, "parse_s": parse_s, "import_s": statistics.median(imports), **pages}
            )
            print(f"N={n}: done", file=sys.stderr)

    backend = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    print(f"Machine: {machine}, Python {platform.python_version()}, {backend}")
    print()
    print(
        "| N initiatives | parse | import | agreement report page (N) | queries | size "
        "| committee report page (N/8) | queries |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['parse_s']:.3f} s | {r['import_s']:.2f} s | {r['page_s']:.3f} s "
            f"| {r['page_queries']} | {r['page_kb']:,.0f} KB | {r['committee_page_s']:.3f} s "
            f"| {r['committee_page_queries']} |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        scale = last["n"] / first["n"]
        print()
        print(
            f"Ratios N={last['n']:,} vs N={first['n']:,} ({scale:.0f}× the initiatives): parse "
            f"{last['parse_s'] / first['parse_s']:.1f}×, "
            f"import {last['import_s'] / first['import_s']:.1f}×, "
            f"report page {last['page_s'] / first['page_s']:.1f}×, queries "
            f"{last['page_queries']} vs {first['page_queries']}."
        )


if __name__ == "__main__":
    main()
