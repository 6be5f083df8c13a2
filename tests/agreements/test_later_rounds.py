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
