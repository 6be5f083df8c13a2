"""Render report PDF pages to PNG with pdftoppm (Debian poppler-utils), e.g. for the README.

    .venv/bin/python tools/render_pdf_pages.py                      # seed → docs/screenshots
    .venv/bin/python tools/render_pdf_pages.py --pdf report.pdf --first 1 --last 3 --out /tmp/p

With no --pdf, the example report (shared/seeds/…) is parsed and rendered to PDF first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_c9d5bf20bb20a594.txt"
DEFAULT_OUT = ROOT / "docs" / "screenshots" / "report-pdf-page1.png"


def seed_pdf(seed: Path = SEED) -> bytes:
    """Return the example report as PDF bytes."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    django.setup()
    from django.utils import translation

    from opfolgning.exporters.pdf import render_report_pdf
    from opfolgning.importers import parse_path

    translation.activate("da")
    return render_report_pdf(parse_path(seed))


def render_pages(
    pdf: Path, out: Path, *, first: int = 1, last: int | None = None, dpi: int = 80
) -> list[Path]:
    """Render pages first..last of a PDF to PNG files; return their paths."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    last = first if last is None else last
    out.parent.mkdir(parents=True, exist_ok=True)
    if first == last:
        stem = out.with_suffix("")
        command = [pdftoppm, "-png", "-r", str(dpi), "-f", str(first), "-l", str(last)]
        subprocess.run([*command, "-singlefile", str(pdf), str(stem)], check=True)
        return [stem.with_suffix(".png")]
    command = [pdftoppm, "-png", "-r", str(dpi), "-f", str(first), "-l", str(last)]
    subprocess.run([*command, str(pdf), str(out.with_suffix(""))], check=True)
    return sorted(out.parent.glob(out.with_suffix("").name + "-*.png"))


def main() -> None:
    """Render the requested pages and print where they went."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pdf", type=Path, help="an existing PDF (default: render the seed)")
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--last", type=int)
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        pdf = args.pdf
        if pdf is None:
            pdf = Path(work) / "seed.pdf"
            pdf.write_bytes(seed_pdf())
        for path in render_pages(pdf, args.out, first=args.first, last=args.last, dpi=args.dpi):
            print(path)


if __name__ == "__main__":
    sys.exit(main())
