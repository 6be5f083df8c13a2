"""Benchmark the public pages, the API and open data for N published initiatives.

    .venv/bin/python bench/public.py                  # SQLite, sizes 10 100 1000
    .venv/bin/python bench/public.py --database-url postgres://postgres@127.0.0.1:5432/bench

Each size runs in a fresh database in its own process: import a generated agreement, publish
its round 3, then request each page as an anonymous visitor with Django's test client (no
network, no server): the first request (cold: the process's caches of the published
snapshot are emptied before it), the median of --repeat warm requests, and the number of
SQL statements of each (counted by an execute wrapper). Prints a Markdown table; a page's
queries must not grow with N.
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

YEAR = 2019


def pages(number: str) -> dict[str, str]:
    """Return the pages measured, by name, for an initiative number that exists."""
    return {
        "public initiative page": f"/aftaler/{YEAR}/indsatser/{number}/",
        "public list, all": f"/aftaler/{YEAR}/indsatser/",
        "public list, filtered": f"/aftaler/{YEAR}/indsatser/?smiley=happy&type=capital",
        "dashboard": f"/aftaler/{YEAR}/overblik/",
        "API list (100)": f"/api/agreements/{YEAR}/initiatives?limit=100&offset=0",
        "API list (500)": f"/api/agreements/{YEAR}/initiatives?limit=500&offset=0",
        "API initiative": f"/api/agreements/{YEAR}/initiatives/{number}",
        "open data JSON": f"/aftaler/{YEAR}/data/opfolgning-{YEAR}.json",
        "open data status CSV": f"/aftaler/{YEAR}/data/opfolgning-{YEAR}-status.csv",
    }


class _Counter:
    """Count the SQL statements run on the default connection (an execute wrapper)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> _Counter:
        from django.db import connection

        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._wrapper.__exit__(*exc)


def child(files: list[Path], repeat: int) -> dict[str, dict[str, float]]:
    """Import and publish, then measure each page; return {page: figures}."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from opfolgning.agreements.models import Initiative, Round
    from opfolgning.agreements.services import report_import
    from opfolgning.agreements.workflow_services import round_publish
    from opfolgning.importers import parse_path

    call_command("migrate", verbosity=0)
    for f in files:
        report_import(actor=None, document=parse_path(f), source_name=f.name)
    round_publish(actor=None, round_obj=Round.objects.get(agreement__year=YEAR, number=3))
    numbers = list(
        Initiative.objects.filter(agreement__year=YEAR)
        .order_by("sort_key")
        .values_list("number", flat=True)
    )
    number = numbers[len(numbers) // 2]
    client = Client()
    result: dict[str, dict[str, float]] = {}
    from opfolgning.agreements import public_selectors, workflow_selectors

    for name, url in pages(number).items():
        # Cold: as a worker that has not read the published snapshot yet.
        public_selectors._build.cache_clear()
        workflow_selectors._snapshot_document.cache_clear()
        with _Counter() as cold_queries:
            start = time.perf_counter()
            response = client.get(url)
            first = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - start)
        with _Counter() as warm_queries:
            response = client.get(url)
        result[name] = {
            "first_s": first,
            "warm_s": statistics.median(times),
            "cold_queries": cold_queries.count,
            "warm_queries": warm_queries.count,
            "kb": len(response.content) / 1024,
        }
    return result


def _fresh_database(url: str | None, workdir: Path, n: int) -> str:
    if url is None:
        return f"sqlite:///{workdir / f'public-{n}.sqlite3'}"
    import psycopg

    base, _, name = url.rpartition("/")
    db = f"{name}_public_{n}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f'CREATE DATABASE "{db}"')
    return f"{base}/{db}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--database-url", help="PostgreSQL base URL; default SQLite files")
    parser.add_argument("--child", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.repeat)))
        return

    from generate import write

    results: dict[int, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in args.sizes:
            files = write(n, work / str(n))
            env = dict(os.environ)
            env["DATABASE_URL"] = _fresh_database(args.database_url, work, n)
            # Anonymous requests from one process: the rate limits are tested elsewhere.
            env["RATE_LIMIT_API"] = ""
            env["DEBUG"] = "0"
            cmd = [sys.executable, __file__, "--repeat", str(args.repeat), "--child"]
            out = subprocess.run(
                [*cmd, *map(str, files)], env=env, check=True, capture_output=True, text=True
            )
            results[n] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"N={n}: done", file=sys.stderr)

    backend = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {backend}; anonymous, Django test client; "
        f"warm = median of {args.repeat}"
    )
    print()
    sizes = list(results)
    header = " | ".join(f"N={n:,}: first / warm / queries" for n in sizes)
    print(f"| page | {header} |")
    print("|---|" + "---:|" * len(sizes))
    for name in results[sizes[0]]:
        cells = []
        for n in sizes:
            r = results[n][name]
            cells.append(
                f"{r['first_s'] * 1000:.0f} ms / {r['warm_s'] * 1000:.1f} ms / "
                f"{r['cold_queries']:.0f}→{r['warm_queries']:.0f}"
            )
        print(f"| {name} | " + " | ".join(cells) + " |")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print()
        print(f"Ratios N={large:,} vs N={small:,} (warm):")
        for name in results[small]:
            a, b = results[small][name], results[large][name]
            print(
                f"- {name}: time {b['warm_s'] / a['warm_s']:.1f}×, queries "
                f"{a['warm_queries']:.0f} vs {b['warm_queries']:.0f}"
            )


if __name__ == "__main__":
    main()
