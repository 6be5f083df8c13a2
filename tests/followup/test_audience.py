"""followup.audience: each reader's part of a report, and what a closed round freezes."""

from __future__ import annotations

import copy

from opfolgning.followup.audience import Audience, for_audience, published_statuses
from opfolgning.followup.document import (
    AgreementRef,
    BudgetChangeDoc,
    BudgetDoc,
    BudgetLineDoc,
    ChangeAmountDoc,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
    Warning,
)
from opfolgning.followup.smileys import Smiley


def _change(status: str, financing: str) -> BudgetChangeDoc:
    return BudgetChangeDoc(
        kind="increase",
        kind_of_money="capital",
        amounts=[ChangeAmountDoc(2020, 100_000)],
        financing=financing,
        status=status,
        note="arbejdsnote",
    )


def _ini(number: str, center: str, approval: str = "approved") -> InitiativeDoc:
    return InitiativeDoc(
        number=number,
        title=f"Indsats {number}",
        kind="capital",
        center=center,
        milestones=[
            MilestoneDoc(round=1, text="Før", smiley=Smiley.HAPPY),
            MilestoneDoc(
                round=2,
                text="Planlagt",
                status_note="Status",
                smiley=Smiley.SAD,
                glyph="☹",
                needs_review=True,
                corrective_action="Handling",
                approval=approval,
            ),
        ],
        economy=EconomyDoc(text="Økonomi", smiley=Smiley.HAPPY, needs_review=True),
        budget=BudgetDoc(
            lines=[BudgetLineDoc(2020, "capital", 1_000_000)],
            changes=[
                _change("approved", "godkendt"),
                _change("proposed", "foreslået"),
                _change("rejected", "afvist"),
            ],
            review=["til gennemsyn"],
        ),
    )


def _doc(*initiatives: InitiativeDoc) -> ReportDocument:
    return ReportDocument(
        title="Anden opfølgning",
        agreement=AgreementRef("Aftale om budget 2019", 2019),
        committee="Økonomiudvalget",
        round=2,
        themes=[ThemeDoc("1", "Tema", list(initiatives))],
        warnings=[Warning("1.1", "tjek")],
    )


def test_staff_get_the_document_as_it_is():
    doc = _doc(_ini("1.1", "A"))
    assert for_audience(doc, Audience.STAFF) is doc


def test_committee_readers_get_proposals_and_review_states_but_no_internal_notes():
    doc = _doc(_ini("1.1", "A", approval="submitted"))
    read = for_audience(doc, Audience.COMMITTEE)
    ini = read.initiatives()[0]
    m = ini.milestones[1]
    assert not m.needs_review and m.approval == "submitted" and m.status_note == "Status"
    # The doubtful source glyph goes with the flag: readers get the app's own face.
    assert m.glyph is None and m.smiley is Smiley.SAD
    assert ini.milestones[0].smiley is Smiley.HAPPY
    assert not ini.economy.needs_review
    assert ini.budget is not None
    assert [c.status for c in ini.budget.changes] == ["approved", "proposed"]
    assert {c.note for c in ini.budget.changes} == {""}
    assert ini.budget.review == [] and read.warnings == []
    # The original is untouched.
    assert doc.initiatives()[0].milestones[1].needs_review
    assert len(doc.initiatives()[0].budget.changes) == 3


def test_citizens_get_approved_changes_only_and_no_review_states():
    read = for_audience(_doc(_ini("1.1", "A", approval="returned")), Audience.PUBLIC)
    ini = read.initiatives()[0]
    assert [c.status for c in ini.budget.changes] == ["approved"]
    assert ini.milestones[1].approval == ""


def test_an_editor_keeps_the_notes_of_their_own_initiatives_only():
    doc = _doc(_ini("1.1", "A"), _ini("1.2", "B"))
    read = for_audience(doc, Audience.COMMITTEE, own=lambda ini: ini.center == "A")
    own, other = read.initiatives()
    assert own.milestones[1].needs_review and len(own.budget.changes) == 3
    assert not other.milestones[1].needs_review and len(other.budget.changes) == 2


def test_a_closed_round_freezes_only_approved_statuses():
    carried = _ini("1.3", "C", approval="not_started")
    carried.milestones[1].carried_forward = True
    doc = _doc(_ini("1.1", "A"), _ini("1.2", "B", approval="returned"), carried)
    frozen = published_statuses(doc)
    approved, returned, kept = frozen.initiatives()
    assert approved.milestones[1].status_note == "Status"
    m = returned.milestones[1]
    assert (m.text, m.status_note, m.smiley, m.corrective_action) == ("Planlagt", "", None, "")
    assert m.approval == "returned"
    assert kept.milestones[1].smiley is Smiley.SAD  # the rule's smiley stays
    assert kept.milestones[1].status_note == ""
    assert doc.initiatives()[1].milestones[1].status_note == "Status"  # a copy


def test_reading_a_report_leaves_the_document_it_was_read_from_as_it_was():
    # for_audience and published_statuses copy only the parts they change; every change they
    # make must land in the copy (the stored and cached document is shared by all readers).
    doc = _doc(_ini("1.1", "A", approval="submitted"), _ini("1.2", "B"))
    before = copy.deepcopy(doc)
    for audience in (Audience.COMMITTEE, Audience.PUBLIC):
        read = for_audience(doc, audience, own=lambda ini: ini.center == "B")
        assert read != doc
    assert published_statuses(doc) != doc
    assert doc == before


def test_a_document_without_review_states_is_frozen_as_it_is():
    doc = _doc(_ini("1.1", "A", approval=""))
    assert published_statuses(doc) is doc


def test_the_interchange_keeps_carried_forward_and_approval_and_omits_them_when_unset():
    doc = _doc(_ini("1.1", "A", approval="draft"))
    doc.initiatives()[0].milestones[1].carried_forward = True
    data = doc.to_dict()
    milestones = data["themes"][0]["initiatives"][0]["milestones"]
    assert "approval" not in milestones[0] and "carried_forward" not in milestones[0]
    assert milestones[1]["approval"] == "draft" and milestones[1]["carried_forward"] is True
    again = ReportDocument.from_dict(data).initiatives()[0].milestones[1]
    assert again.approval == "draft" and again.carried_forward
