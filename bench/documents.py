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
SEED = HERE.parent.parent / "shared" / "seeds" / "000_c9d5bf20bb20a594.txt"
sys.path.insert(0, str(HERE))


def _document(source: str):
    from opfolgning.followup.document import ReportDocument, ThemeDoc
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
    first: ReportDocument = docs[0]
    first.title = f"Tredje opfølgning på {first.agreement.name} (alle udvalg)"
    first.committee = ""
    first.themes = [merged[k] for k in sorted(merged, key=int)]
    return first


def child(source: str, fmt: str, out: Path) -> dict[str, float]:
    """Render one document in one format; return seconds and peak RSS."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    django.setup()
    from django.utils import translation

    from opfolgning import exporters

    translation.activate("da")
    doc = _document(source)
    start = time.perf_counter()
    content = exporters.get(fmt).render(doc)
    seconds = time.perf_counter() - start
    data = content.encode() if isinstance(content, str) else content
    out.write_bytes(data)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "bytes": len(data)}


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
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print()
    print("| report | format | median time | peak RSS | size |")
    print("|---|---|---:|---:|---:|")
    for r in rows:
        name = (
            "example (27 initiatives)"
            if r["source"] == "seed"
            else f"{int(r['source']):,} initiatives"
        )
        peak = "–" if r["peak_mb"] != r["peak_mb"] else f"{r['peak_mb']:,.0f} MB"
        size = "–" if r["kb"] != r["kb"] else f"{r['kb']:,.0f} KB"
        extra = f" ({r['ratio']:.1f}× our PDF)" if "ratio" in r else ""
        print(f"| {name} | {r['format']} | {r['seconds']:.2f} s{extra} | {peak} | {size} |")


if __name__ == "__main__":
    main()
