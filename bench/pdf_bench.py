"""Benchmark the PDF export: median seconds and peak RSS for the seed and a large agreement.

    .venv/bin/python bench/pdf_bench.py                       # seed and 1,000 initiatives
    .venv/bin/python bench/pdf_bench.py --sizes seed 200 --repeat 5

Each run is a fresh process (peak RSS is per process) rendering from the report document,
without a database. The large report merges the themes of generate(N)'s committee reports
into one agreement-wide document.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "shared" / "seeds" / "000_c9d5bf20bb20a594.txt"
sys.path.insert(0, str(HERE))


def document(source: str):  # type: ignore[no-untyped-def]
    """Return the seed report, or an agreement-wide report of `source` generated initiatives."""
    from opfolgning.followup.document import ThemeDoc
    from opfolgning.importers import parse_path

    if source == "seed":
        return parse_path(SEED)
    from generate import generate

    docs = generate(int(source))
    merged: dict[str, ThemeDoc] = {}
    for doc in docs:
        for theme in doc.themes:
            merged.setdefault(theme.number, ThemeDoc(theme.number, theme.title)).initiatives.extend(
                theme.initiatives
            )
    first = docs[0]
    first.title = f"Tredje opfølgning på {first.agreement.name} (alle udvalg)"
    first.committee = ""
    first.themes = [merged[k] for k in sorted(merged, key=int)]
    return first


def child(source: str) -> dict[str, float]:
    """Render one PDF in this process; return seconds, pages, bytes and peak RSS."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    django.setup()
    from django.utils import translation
    from pypdf import PdfReader

    from opfolgning.exporters.pdf import render_report_pdf

    translation.activate("da")
    doc = document(source)
    start = time.perf_counter()
    data = render_report_pdf(doc)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    import io

    pages = len(PdfReader(io.BytesIO(data)).pages)
    return {"seconds": seconds, "peak_mb": peak_mb, "bytes": len(data), "pages": pages}


def main() -> None:
    """Run each size --repeat times in fresh processes and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", default=["seed", "1000"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    print(
        f"# {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} CPUs · Python {platform.python_version()}"
    )
    print(f"{'report':>8} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MB':>8} {'pages':>6}")
    for size in args.sizes:
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, __file__, "--child", size],
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        seconds = [r["seconds"] for r in runs]
        print(
            f"{size:>8} {statistics.median(seconds):9.2f} {min(seconds):7.2f} {max(seconds):7.2f}"
            f" {max(r['peak_mb'] for r in runs):8.0f} {runs[0]['pages']:6d}",
            flush=True,
        )


if __name__ == "__main__":
    main()
