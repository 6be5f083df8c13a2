"""Render report PDF pages to PNG with pypdfium2 (PyPI, in the dev extras), e.g. for the README.

    .venv/bin/python tools/render_pdf_pages.py                      # seed → docs/screenshots
    .venv/bin/python tools/render_pdf_pages.py --pdf report.pdf --first 1 --last 3 --out /tmp/p

With no --pdf, the example report (shared/seeds/…) is parsed and rendered to PDF first. No
program from the operating system is needed (no poppler-utils): PDFium renders the pages and
the PNG files are written with the standard library.
"""

from __future__ import annotations

import argparse
import os
import struct
import tempfile
import zlib
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


def _png(width: int, height: int, rgb_rows: list[bytes]) -> bytes:
    """Return an 8-bit RGB PNG of the given rows (each `width` * 3 bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\0" + row for row in rgb_rows), 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def page_png(pdf: bytes | Path, index: int, *, dpi: int = 80) -> bytes:
    """Return page `index` (0-based) of a PDF as PNG bytes at `dpi`."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)  # RGB, not BGR
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        if bitmap.n_channels != 3:
            raise ValueError(f"expected an RGB bitmap, got {bitmap.n_channels} channels")
        buffer = bytes(bitmap.buffer)
        rows = [buffer[y * stride : y * stride + width * 3] for y in range(height)]
        return _png(width, height, rows)
    finally:
        document.close()


def page_count(pdf: bytes | Path) -> int:
    """Return the number of pages of a PDF."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_pages(
    pdf: Path, out: Path, *, first: int = 1, last: int | None = None, dpi: int = 80
) -> list[Path]:
    """Render pages first..last (1-based) of a PDF to PNG files; return their paths.

    One page is written to `out`; several to `out`'s stem with "-<page>" added, as pdftoppm
    named them.
    """
    last = first if last is None else last
    total = page_count(pdf)
    if not 1 <= first <= last <= total:
        raise SystemExit(f"pages {first}–{last} are not in the PDF (it has {total})")
    out.parent.mkdir(parents=True, exist_ok=True)
    if first == last:
        path = out.with_suffix(".png")
        path.write_bytes(page_png(pdf, first - 1, dpi=dpi))
        return [path]
    digits = len(str(total))
    paths = []
    for number in range(first, last + 1):
        path = out.with_name(f"{out.with_suffix('').name}-{number:0{digits}d}.png")
        path.write_bytes(page_png(pdf, number - 1, dpi=dpi))
        paths.append(path)
    return paths


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
    main()
