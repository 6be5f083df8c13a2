"""A report at round N shows later rounds as planned only (issue 14): a status being written
for the next round never reaches an earlier round's report, nor a new version of it."""

from __future__ import annotations

from opfolgning.agreements import selectors
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import Milestone, Round


def test_the_next_rounds_statuses_stay_out_of_an_earlier_report_and_its_new_version(
    world, finance_officer
):
    round4 = Round.objects.get(agreement=world.agreement, number=4)
    planned = Milestone.objects.create(
        initiative=world.initiative, round=round4, text="Indflytning."
    )
    wf.round_close(actor=finance_officer, round_obj=world.round, override_reason="Test")
    wf.round_publish(actor=finance_officer, round_obj=world.round)
    # Round 4's status is being written (not approved, not even submitted).
    Milestone.objects.filter(pk=planned.pk).update(
        status_note="Skrives nu, ikke godkendt.", smiley="sad", corrective_action="Ny plan."
    )
    doc = selectors.report_document(year=2019, round_number=3)
    later = next(m for m in doc.initiatives()[0].milestones if m.round == 4)
    assert (later.text, later.status_note, later.smiley, later.corrective_action) == (
        "Indflytning.",
        "",
        None,
        "",
    )
    world.round.refresh_from_db()
    assert ws.round_preview(round_obj=world.round, action="correct").reports == []
    assert wf.round_correct(actor=finance_officer, round_obj=world.round, reason="Tjek") == 0


def test_a_report_shows_budget_changes_as_they_stood_at_its_round_and_date(world):
    """Found in the persona walk: the published round-1 report showed a reduction proposed at
    round 2 and approved later. A report knows only what was known when it was written."""
    import datetime as dt

    from opfolgning.agreements.models import BudgetChange, BudgetChangeAmount, BudgetLine

    BudgetLine.objects.create(initiative=world.initiative, year=2019, kind="capital", amount=1000)
    round1 = Round.objects.get(agreement=world.agreement, number=1)
    Round.objects.filter(pk=round1.pk).update(date=dt.date(2019, 3, 26))

    def change(kind: str, proposed: int, status: str, decided: dt.date | None) -> None:
        made = BudgetChange.objects.create(
            initiative=world.initiative,
            kind=kind,
            kind_of_money="capital",
            financing="Kassen.",
            status=status,
            decided_on=decided,
            reference="KB 1" if decided else "",
            proposed_in_round=proposed,
        )
        BudgetChangeAmount.objects.create(change=made, year=2019, amount=-100)

    change("cut", 1, "approved", dt.date(2019, 8, 26))  # proposed at 1, decided after it
    change("postponement", 2, "approved", dt.date(2019, 8, 26))  # proposed at 2

    def changes(round_number: int):
        doc = selectors.report_document(year=2019, round_number=round_number)
        return [(c.kind, c.status, c.decided_on) for c in doc.initiatives()[0].budget.changes]

    assert changes(1) == [("cut", "approved", dt.date(2019, 8, 26))]  # no postponement
    assert changes(3) == [
        ("cut", "approved", dt.date(2019, 8, 26)),
        ("postponement", "approved", dt.date(2019, 8, 26)),
    ]
    # The round-1 page shows the cut as it stood on 26 March: proposed, no decision.
    from django.utils import translation

    from opfolgning.exporters.economy import initiative_economy

    with translation.override("da"):
        doc = selectors.report_document(year=2019, round_number=1)
        economy = initiative_economy(doc.initiatives()[0], as_of=doc.date)
    assert economy is not None
    (pending,) = economy.pending
    assert pending.status == "proposed"
    assert "KB 1" not in pending.text and "2019" not in pending.text.split(":")[0]
