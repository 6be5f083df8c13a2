"""Benchmark what `make run` does on a new database: migrate, then load Eksempel Kommune.

    .venv/bin/python bench/example.py                 # SQLite, 5 runs
    .venv/bin/python bench/example.py --database-url postgres://postgres@127.0.0.1:5432/bench

Each run takes a fresh database and runs the commands `make run` runs, as processes:
`opfolgning migrate`, `opfolgning demo` (the load) and `opfolgning demo` again (the second
`make run`: nothing changes). Prints the median and the range of each, in seconds.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _fresh_database(url: str | None, workdir: Path, n: int) -> str:
    if url is None:
        return f"sqlite:///{workdir / f'example-{n}.sqlite3'}"
    import psycopg

    base, _, name = url.rpartition("/")
    db = f"{name}_example_{n}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f'CREATE DATABASE "{db}"')
    return f"{base}/{db}"


def _timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    options = parser.parse_args()
    opfolgning = str(BIN / "opfolgning")
    steps: dict[str, list[float]] = {"migrate": [], "load (demo)": [], "again (demo)": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(options.runs):
            env = dict(os.environ, DEBUG="1")
            env["DATABASE_URL"] = _fresh_database(options.database_url, Path(tmp), n)
            steps["migrate"].append(_timed([opfolgning, "migrate", "--noinput"], env))
            steps["load (demo)"].append(_timed([opfolgning, "demo"], env))
            steps["again (demo)"].append(_timed([opfolgning, "demo"], env))
    where = "PostgreSQL" if options.database_url else "SQLite"
    print(
        f"{where}, {options.runs} runs, Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    print("| step | median (s) | min–max (s) |")
    print("|---|---:|---:|")
    for name, times in steps.items():
        print(f"| {name} | {statistics.median(times):.1f} | {min(times):.1f}–{max(times):.1f} |")


if __name__ == "__main__":
    main()
