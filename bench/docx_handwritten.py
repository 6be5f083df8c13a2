"""Benchmark the DOCX importer on a large hand-written Word report (issue 17).

    PYTHONPATH=src .venv/bin/python bench/docx_handwritten.py            # 1,000 initiatives
    PYTHONPATH=src .venv/bin/python bench/docx_handwritten.py --initiatives 200 --repeat 3

Generates (with tests/corpus/docx_documents.py's builder) a report of 10 themes whose
headings are numbered by Word's list numbering (in the paragraph and in a style), and
--initiatives initiatives mixing the variations of issue 17: every fifth continued in a
second table after a page break, merged description cells and "Milepæl" merged down, the
smiley encodings in turn (Unicode with and without U+FE0F, Wingdings runs and character
styles, private-use F04A–F04C, w:sym), bulleted lists in the description, three-level
numbers in every other theme. Then times parse_docx on the bytes (median of --repeat) and
checks what it read (initiatives, milestones, smileys). The target: under 5 s.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from opfolgning.importers.docx import parse_docx  # noqa: E402
from tests.corpus import docx_documents as corpus  # noqa: E402

SMILEYS = [
    "☺",
    "😊",
    "😐",
    "🙁",
    "☺\ufe0f",
    corpus.wd_run("J"),
    corpus.wd_run("K"),
    corpus.wd_run("L"),
    corpus.wd_style("J"),
    corpus.wd_private(0xF04A),
    corpus.wd_private(0xF04B, None),
    corpus.sym("F04A"),
    corpus.sym("F04B"),
    corpus.sym("F04C"),
    "",
]
ECONOMY = ["☺", corpus.sym("F04C"), corpus.wd_run("J"), "😊", ""]


def build(initiatives: int, themes: int = 10) -> bytes:
    doc = corpus.HandWritten(corpus.MIXED_TITLE)
    per_theme = -(-initiatives // themes)
    made = 0
    for theme in range(1, themes + 1):
        doc.heading(f"Tema nummer {theme}", how="numpr" if theme % 2 else "style")
        for sub in range(1, per_theme + 1):
            if made == initiatives:
                break
            number = f"{theme}.{sub}" if theme % 2 else f"{theme}.{(sub - 1) // 10 + 1}.{sub}"
            k = made
            smileys = tuple(SMILEYS[(k + r) % len(SMILEYS)] for r in range(4))
            rows = corpus._plain(number, f"Indsats {number}", smileys, ECONOMY[k % 5])
            if k % 3 == 0:
                rows[1][0] = corpus.bullets("Indsatsen omfatter:", ["Et trin", "Et andet"])
            merges: list[tuple[int, int, int, int]] = []
            if k % 4 == 1:
                rows[1] = [rows[1][0], "", "", rows[1][1]]
                merges.append((1, 0, 1, 2))
            if k % 5 == 4:  # continued after a page break
                doc.table(rows[:4], merges=merges)
                doc.page_break()
                doc.table(rows[4:], merges=[(0, 0, 1, 0)])
            else:
                if k % 4 == 3:
                    merges.append((2, 0, 5, 0))
                doc.table(rows, merges=merges)
            made += 1
    return doc.build()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    data = build(args.initiatives)
    built = time.perf_counter() - start
    times = []
    doc = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        doc = parse_docx(data, source="handwritten.docx")
        times.append(time.perf_counter() - start)
    assert doc is not None
    initiatives = doc.initiatives()
    milestones = sum(len(i.milestones) for i in initiatives)
    smileys = sum(1 for i in initiatives for m in i.milestones if m.smiley is not None)
    assert len(initiatives) == args.initiatives, len(initiatives)
    assert milestones == 4 * args.initiatives
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(
        f"document: {args.initiatives} initiatives, {len(data) / 1e3:.0f} kB, "
        f"{len(doc.themes)} themes, {smileys} effort smileys read, "
        f"{len(doc.warnings)} warnings; built in {built:.1f} s"
    )
    print(
        f"parse_docx: median {statistics.median(times):.2f} s of {args.repeat} "
        f"(min {min(times):.2f}, max {max(times):.2f}); target under 5 s"
    )


if __name__ == "__main__":
    main()
