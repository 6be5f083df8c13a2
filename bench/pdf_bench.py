"""Benchmark the PDF export: median seconds and peak RSS for the seed and a large agreement.

    .venv/bin/python bench/pdf_bench.py                       # seed and 1,000 initiatives
    .venv/bin/python bench/pdf_bench.py --sizes seed 200 --repeat 5

Each run is a fresh process (peak RSS is per process) rendering from the report document,
without a database; Typst compiles in a child of it, whose peak RSS is its own column. The
large report merges generate(N)'s committee reports into one (bench/sources.py).
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
sys.path.insert(0, str(HERE))


def _cpu_seconds() -> float:
    """Return the CPU time (user + system) of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child(source: str) -> dict[str, float]:
    """Render one PDF in this process; return seconds, pages, bytes and peak RSS.

    Typst compiles in a child process of this one (exporters/pdf.py), so the peak RSS of
    both is reported: this process (Django, the document, the JSON) and the compiler's.
    """
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    django.setup()
    from django.utils import translation
    from pypdf import PdfReader

    from opfolgning.exporters.pdf import render_report_pdf
    from sources import document

    translation.activate("da")
    doc = document(source)
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    data = render_report_pdf(doc)
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_before
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    compiler_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    import io

    pages = len(PdfReader(io.BytesIO(data)).pages)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak_mb,
        "compiler_mb": compiler_mb,
        "bytes": len(data),
        "pages": pages,
    }


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
    print(f"# load average before: {os.getloadavg()[0]:.1f}")
    print(
        f"{'report':>8} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>6} {'python MB':>10}"
        f" {'typst MB':>9} {'pages':>6}"
    )
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
            f" {statistics.median(r['cpu'] for r in runs):6.2f}"
            f" {max(r['peak_mb'] for r in runs):10.0f} {max(r['compiler_mb'] for r in runs):9.0f}"
            f" {runs[0]['pages']:6d}",
            flush=True,
        )
    print(f"# load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
