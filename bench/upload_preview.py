"""Time the browser upload's preview of a 1,000-initiative DOCX (issue 15: under 10 s).

    .venv/bin/python bench/upload_preview.py --initiatives 1000 --repeat 3 [--database both]

Makes one committee report of N generated initiatives (bench/generate.py), renders it as
DOCX, and times, on a fresh migrated database (SQLite, and PostgreSQL at PG_URL when asked):
reading the file alone; the upload's preview on an empty database (all new: read, dry-run
import, rolled back); storing it; and the preview of a changed copy (every initiative's
title edited: read, dry-run, the changes per field). Prints medians of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/bench_upload")


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child(n: int, repeat: int) -> dict[str, float]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from opfolgning import exporters
    from opfolgning.agreements.import_services import import_store
    from opfolgning.delivery.uploads import upload_receive
    from opfolgning.importers import parse_bytes

    sys.path.insert(0, str(HERE))
    from generate import generate
    from sources import merge_committees

    call_command("migrate", verbosity=0)
    settings.IMPORT_SYNC_MAX_BYTES = 1 << 40  # time the reading itself, not the job queue
    doc = merge_committees(generate(n))
    doc.committee = "Økonomiudvalget"
    doc.title = f"Tredje opfølgning på {doc.agreement.name} for Økonomiudvalget"
    data = exporters.get("docx").render(doc)
    for ini in doc.initiatives():
        ini.title = f"{ini.title} (revideret)"
    changed = exporters.get("docx").render(doc)

    def upload(content: bytes):
        record = upload_receive(
            actor=None, file_name="bench.docx", chunks=[content], size=len(content), kind="report"
        )
        assert record.status == "ready", record.error
        return record

    out = {"size_kb": len(data) / 1024}
    out["parse"] = _median(lambda: parse_bytes(data, source="bench.docx"), repeat)
    out["preview_new"] = _median(lambda: upload(data), repeat)
    start = time.perf_counter()
    import_store(actor=None, record=upload(data))
    out["store"] = time.perf_counter() - start - out["preview_new"]
    out["preview_changed"] = _median(lambda: upload(changed), repeat)
    record = upload(changed)
    out["changed_count"] = record.preview["counts"]["changed"]
    return out


def _run(url: str, n: int, repeat: int) -> dict[str, float]:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(HERE.parent / "src")}
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(n), "--repeat", str(repeat)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _fresh_postgres() -> None:
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.repeat)))
        return
    rows = []
    if args.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(
                ("SQLite", _run(f"sqlite:///{tmp}/bench.sqlite3", args.initiatives, args.repeat))
            )
    if args.database in ("postgres", "both"):
        _fresh_postgres()
        rows.append(("PostgreSQL", _run(PG_URL, args.initiatives, args.repeat)))
    print(
        f"{args.initiatives:,} initiatives, DOCX of {rows[0][1]['size_kb']:,.0f} KB; "
        f"medians of {args.repeat}\n"
    )
    print("| database | read the file | preview, all new | store | preview, all changed |")
    print("|---|---|---|---|---|")
    for name, r in rows:
        print(
            f"| {name} | {r['parse']:.2f} s | {r['preview_new']:.2f} s | {r['store']:.2f} s | "
            f"{r['preview_changed']:.2f} s ({r['changed_count']:,} changed) |"
        )


if __name__ == "__main__":
    main()
