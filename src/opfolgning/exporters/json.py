"""Report document → JSON per INTERCHANGE.md."""

from __future__ import annotations

from opfolgning.followup.document import ReportDocument


def render_report_json(doc: ReportDocument) -> str:
    """Return the interchange JSON of a report."""
    return doc.to_json() + "\n"
