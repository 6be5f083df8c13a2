"""What every importer reads from an economy text: the budget, for round-trip comparisons."""

from __future__ import annotations

from opfolgning.followup.document import ReportDocument
from opfolgning.importers.economy import agreement_period, budget_from_economy_text


def with_read_budgets(doc: ReportDocument) -> ReportDocument:
    """Return a copy of `doc` whose initiatives hold the budget their economy text states.

    A written report carries the budget only as its economy text, so reading it back gives
    the budget that text states: this is the document a round trip must return.
    """
    copy = ReportDocument.from_dict(doc.to_dict())
    period = agreement_period(doc.agreement.year)
    for ini in copy.initiatives():
        ini.budget, _warnings = budget_from_economy_text(
            ini.economy.text, kind=ini.kind, where="", period=period
        )
    return copy
