"""The report documents the benchmarks render: the example, or a generated agreement-wide report.

`document("seed")` is the example report (shared/seeds/…); `document("1000")` merges the
committee reports of generate(1000) into one agreement-wide report.
"""

from __future__ import annotations

from pathlib import Path

from opfolgning.followup.document import ReportDocument, ThemeDoc
from opfolgning.importers import parse_path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "shared" / "seeds" / "000_c9d5bf20bb20a594.txt"


def merge_committees(docs: list[ReportDocument]) -> ReportDocument:
    """Return one agreement-wide report holding the themes of every committee's report."""
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


def document(source: str) -> ReportDocument:
    """Return the seed report ("seed"), or an agreement-wide report of N generated initiatives."""
    if source == "seed":
        if not SEED.exists():
            raise SystemExit(f"the example report is missing: {SEED}")
        return parse_path(SEED)
    from generate import generate  # bench/ is on sys.path when a bench script runs

    return merge_committees(generate(int(source)))


def label(source: str) -> str:
    """Return how a table names a source: the example, or the number of initiatives."""
    return "example (27 initiatives)" if source == "seed" else f"{int(source):,} initiatives"
