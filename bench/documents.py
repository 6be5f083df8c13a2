"""Benchmark the document exports: time and peak memory per format, and LibreOffice beside us.

    .venv/bin/python bench/documents.py                 # the seed and a 1,000-initiative agreement
    .venv/bin/python bench/documents.py --sizes 1000 --repeat 3

Each measurement runs in a fresh process (peak RSS is per process), rendering from the
report document (no database). Times are medians of --repeat runs. The LibreOffice column
converts our own DOCX of the same report with `libreoffice --headless --convert-to pdf`
(what an office does today), timed the same way, when LibreOffice is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def child(source: str, fmt: str, out: Path) -> dict[str, float]:
    """Render one document in one format; return seconds and peak RSS."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    django.setup()
    from django.utils import translation

    from opfolgning import exporters
    from sources import document

    translation.activate("da")
    doc = document(source)
    start = time.perf_counter()
    content = exporters.get(fmt).render(doc)
    seconds = time.perf_counter() - start
    data = content.encode() if isinstance(content, str) else content
    out.write_bytes(data)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # The PDF's Typst compiler runs in a child process: its peak counts too.
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "child_mb": child_kb / 1024,
            "bytes": len(data)}  # fmt: skip


def _run_child(source: str, fmt: str, out: Path) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", source, fmt, str(out)]
    result = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _libreoffice(docx: Path, workdir: Path) -> float | None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        return None
    profile = workdir / "lo-profile"
    start = time.perf_counter()
    subprocess.run(
        [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(workdir / "lo"), str(docx)],
        check=True, capture_output=True, timeout=900,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    from sources import label

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["seed", "1000"])
    parser.add_argument("--formats", nargs="+", default=["pdf", "docx", "xlsx", "csv", "html"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], Path(args.child[2]))))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for source in args.sizes:
            for fmt in args.formats:
                out = work / f"{source}.{fmt}"
                runs = [_run_child(source, fmt, out) for _ in range(args.repeat)]
                rows.append({
                    "source": source, "format": fmt,
                    "seconds": statistics.median(r["seconds"] for r in runs),
                    "peak_mb": max(r["peak_mb"] for r in runs),
                    "child_mb": max(r.get("child_mb", 0.0) for r in runs),
                    "kb": runs[-1]["bytes"] / 1024,
                })  # fmt: skip
                print(f"{source} {fmt}: done", file=sys.stderr)
            docx = work / f"{source}.docx"
            if "pdf" in args.formats and docx.exists():
                times = [_libreoffice(docx, work) for _ in range(args.repeat)]
                if all(t is not None for t in times):
                    lo = statistics.median(t for t in times if t is not None)
                    ours = next(r for r in rows if r["source"] == source and r["format"] == "pdf")
                    rows.append({"source": source, "format": "LibreOffice DOCX→PDF",
                                 "seconds": lo, "peak_mb": float("nan"), "kb": float("nan"),
                                 "ratio": lo / ours["seconds"]})  # fmt: skip
                else:
                    print("LibreOffice is not installed: no side-by-side", file=sys.stderr)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print()
    print("| report | format | median time | peak RSS | size |")
    print("|---|---|---:|---:|---:|")
    for r in rows:
        name = label(r["source"])
        peak = "–" if r["peak_mb"] != r["peak_mb"] else f"{r['peak_mb']:,.0f} MB"
        if r.get("child_mb", 0) > 1:
            peak += f" + Typst {r['child_mb']:,.0f} MB"
        size = "–" if r["kb"] != r["kb"] else f"{r['kb']:,.0f} KB"
        extra = f" ({r['ratio']:.1f}× our PDF)" if "ratio" in r else ""
        print(f"| {name} | {r['format']} | {r['seconds']:.2f} s{extra} | {peak} | {size} |")


if __name__ == "__main__":
    main()
