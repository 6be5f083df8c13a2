"""Time the agenda item (issue 14) for the seed report and for the example's committee report.

    .venv/bin/python bench/agenda.py [--repeat 5]

Renders render_agenda_zip (case presentation DOCX, the report PDF, metadata) in this process,
from the report document (no database for the seed; the example is loaded into a fresh SQLite
database first). Prints the median seconds and the ZIP's size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_c9d5bf20bb20a594.txt"


def _median(fn, repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{work}/agenda.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from opfolgning.agreements import selectors
    from opfolgning.example.loader import load_example
    from opfolgning.exporters.agenda import render_agenda_zip
    from opfolgning.importers import parse_path

    rows = []
    if SEED.exists():
        seed = parse_path(SEED)
        rows.append(
            ("seed (27 initiatives)", *_median(lambda: render_agenda_zip(seed), args.repeat))
        )
    call_command("migrate", verbosity=0)
    load_example()
    example = selectors.report_document(
        year=2026, round_number=3, committee="teknik-og-miljoeudvalget"
    )
    label = f"example, Teknik- og Miljøudvalget ({len(example.initiatives())} initiatives)"
    rows.append((label, *_median(lambda: render_agenda_zip(example), args.repeat)))
    print(f"Machine: {os.uname().machine}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("| report | median | ZIP |\n|---|---:|---:|")
    for name, seconds, size in rows:
        print(f"| {name} | {seconds:.2f} s | {size / 1024:,.0f} KB |")


if __name__ == "__main__":
    main()
