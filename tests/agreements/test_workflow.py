"""The round workflow: open with carry-forward, save with optimistic locking, review, freeze."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import (
    Initiative,
    Milestone,
    ReportSnapshot,
    Round,
    RoundState,
    Submission,
    SubmissionState,
)
from opfolgning.agreements.services import report_import
from opfolgning.followup.document import AgreementRef, MilestoneDoc, ReportDocument, ThemeDoc
from opfolgning.followup.rules import Code
from opfolgning.followup.smileys import Smiley
from tests import factories

pytestmark = pytest.mark.django_db

H, N, S = Smiley.HAPPY, Smiley.NEUTRAL, Smiley.SAD


def _ini(number: str, r1: Smiley | None, r2: Smiley | None, *, r3_text: str = "", **kw):
    ini = factories.initiative(number, **kw)
    ini.milestones = [
        MilestoneDoc(round=1, text="Plan 1" if r1 else "", status_note="I gang", smiley=r1),
        MilestoneDoc(round=2, text="Plan 2" if r2 else "", status_note="Status 2", smiley=r2),
        MilestoneDoc(round=3, text=r3_text),
        MilestoneDoc(round=4),
    ]
    return ini


def _import_round_2(*initiatives) -> None:
    doc = ReportDocument(
        title="Anden opfølgning på Aftale om budget 2019 for Økonomiudvalget",
        agreement=AgreementRef("Aftale om budget 2019", 2019),
        committee="Økonomiudvalget",
        round=2,
        themes=[ThemeDoc("1", "Tema 1", list(initiatives))],
    )
    report_import(actor=None, document=doc, source_name="r2.txt")


@pytest.fixture
def officer():
    return get_user_model().objects.create_user("okonomi", first_name="Økonomi")


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("center", first_name="Center")


@pytest.fixture
def round3():
    _import_round_2(
        _ini("1.1", H, H),  # happy, no milestone in round 3 → carried
        _ini("1.2", H, H, r3_text="Byggeriet starter"),  # a milestone → must be assessed
        _ini("1.3", H, N),  # neutral before → no carry, must follow up
        _ini("1.4", None, None),  # not started → nothing to carry
    )
    round_obj = Round.objects.get(number=3)
    assert round_obj.state == RoundState.PLANNED
    return round_obj


def _submission(round_obj: Round, number: str) -> Submission:
    return ws.submission_get(round_obj=round_obj, number=number)


def test_imported_rounds_up_to_the_report_are_closed_and_later_ones_planned(round3):
    states = dict(Round.objects.values_list("number", "state"))
    assert states == {1: "closed", 2: "closed", 3: "planned", 4: "planned"}


def test_opening_a_round_creates_submissions_and_carries_happy_forward(round3, officer):
    carried = wf.round_open(actor=officer, round_obj=round3)
    round3.refresh_from_db()
    assert round3.state == RoundState.OPEN and round3.opened_at is not None
    assert carried == 1
    assert Submission.objects.filter(round=round3).count() == 4
    m = Milestone.objects.get(initiative__number="1.1", round=round3)
    assert (m.smiley, m.carried_forward) == ("happy", True)
    assert m.history.first().history_user == officer
    for number in ("1.2", "1.3", "1.4"):
        m = Milestone.objects.filter(initiative__number=number, round=round3).first()
        assert m is None or (m.smiley, m.carried_forward) == ("", False), number


def test_a_round_opens_only_once_and_only_one_round_is_open(round3, officer):
    wf.round_open(actor=officer, round_obj=round3)
    with pytest.raises(wf.WorkflowError, match="kun en planlagt"):
        wf.round_open(actor=officer, round_obj=round3)
    with pytest.raises(wf.WorkflowError, match="stadig åben"):
        wf.round_open(actor=officer, round_obj=Round.objects.get(number=4))


def _save(sub: Submission, actor, **values) -> wf.SaveResult:
    fields = {"text": "", "status_note": "", "smiley": "", "corrective_action": ""}
    fields.update(values)
    base = values.pop("base_version", None)
    fields.pop("base_version", None)
    if base is None:
        m = Milestone.objects.filter(initiative=sub.initiative, round=sub.round).first()
        base = m.version if m else 0
    return wf.status_save(actor=actor, submission=sub, base_version=base, **fields)


def test_saving_a_status_makes_a_draft_and_reports_the_rules(round3, editor):
    wf.round_open(actor=None, round_obj=round3)
    sub = _submission(round3, "1.3")
    before = Milestone.objects.get(initiative__number="1.3", round=round3).version
    result = _save(sub, editor, status_note="Forsinket af licitation", smiley="sad")
    assert result.submission.state == SubmissionState.DRAFT
    assert result.milestone.version == before + 1
    assert [f.code for f in result.errors] == [Code.SAD_WITHOUT_CORRECTIVE_ACTION]
    result = _save(
        sub,
        editor,
        status_note="Forsinket af licitation",
        smiley="sad",
        corrective_action="Nyt udbud i januar",
    )
    assert result.errors == []
    assert result.milestone.version == before + 2
    assert result.milestone.history.first().history_user == editor


def test_control_characters_pasted_into_a_status_are_dropped(round3, editor):
    # Issue 18: ESC, NUL, U+FFFE and C1 controls came in with pasted text and stopped the PDF.
    wf.round_open(actor=None, round_obj=round3)
    sub = _submission(round3, "1.3")
    result = _save(
        sub,
        editor,
        status_note="Forsinket\x1b af\x00 licitation\ufffe\x85\nNæste linje\tmed tab 进",
        smiley="sad",
        corrective_action="Ny\x07 plan",
    )
    assert result.milestone.status_note == "Forsinket af licitation\nNæste linje\tmed tab 进"
    assert result.milestone.corrective_action == "Ny plan"


def test_a_changed_smiley_without_a_status_note_is_reported(round3, editor):
    wf.round_open(actor=None, round_obj=round3)
    result = _save(_submission(round3, "1.3"), editor, smiley="happy")
    assert [f.code for f in result.errors] == [Code.CHANGE_WITHOUT_STATUS]
    assert "fra mellemfornøjet til glad" in result.errors[0].message_da


def test_the_second_of_two_concurrent_saves_is_refused_and_nothing_is_overwritten(
    round3, officer, editor
):
    wf.round_open(actor=None, round_obj=round3)
    sub = _submission(round3, "1.2")
    opened = Milestone.objects.get(initiative__number="1.2", round=round3).version
    _save(sub, editor, base_version=opened, text="Byggeriet starter", status_note="A")
    with pytest.raises(wf.EditConflict) as caught:
        _save(sub, officer, base_version=opened, text="Byggeriet starter", status_note="B")
    conflict = caught.value
    assert conflict.theirs["status_note"] == "A"
    assert conflict.yours["status_note"] == "B"
    assert conflict.their_version == opened + 1
    assert conflict.changed_by == "Center"
    assert "Din ændring er ikke gemt" in str(conflict)
    assert Milestone.objects.get(initiative__number="1.2", round=round3).status_note == "A"


def test_submit_is_refused_while_a_rule_is_broken(round3, editor):
    wf.round_open(actor=None, round_obj=round3)
    sub = _submission(round3, "1.3")
    _save(sub, editor, status_note="Forsinket", smiley="sad")
    with pytest.raises(wf.WorkflowError, match="korrigerende handling"):
        wf.status_submit(actor=editor, submission=sub)
    _save(sub, editor, status_note="Forsinket", smiley="sad", corrective_action="Ny plan")
    result = wf.status_submit(actor=editor, submission=sub)
    assert result.submission.state == SubmissionState.SUBMITTED


def test_return_needs_a_comment_and_approve_locks_the_status(round3, officer, editor):
    wf.round_open(actor=None, round_obj=round3)
    sub = _submission(round3, "1.1")
    wf.status_submit(actor=editor, submission=sub)
    with pytest.raises(wf.WorkflowError, match="kommentar"):
        wf.status_return(actor=officer, submission=sub, comment="  ")
    returned = wf.status_return(actor=officer, submission=sub, comment="Skriv en status")
    assert (returned.state, returned.comment) == ("returned", "Skriv en status")
    with pytest.raises(wf.WorkflowError, match="kun en indsendt"):
        wf.status_approve(actor=officer, submission=sub)
    _save(sub, editor, status_note="Alt går efter planen", smiley="happy")
    wf.status_submit(actor=editor, submission=sub)
    approved = wf.status_approve(actor=officer, submission=sub)
    assert approved.state == SubmissionState.APPROVED
    with pytest.raises(wf.WorkflowError, match="godkendt"):
        _save(sub, editor, status_note="Ændret efter godkendelse", smiley="happy")


def _approve_all(round_obj: Round, officer, editor) -> None:
    values = {
        "1.1": {"smiley": "happy"},
        "1.2": {"text": "Byggeriet starter", "status_note": "Startet", "smiley": "happy"},
        "1.3": {"status_note": "Indhentet", "smiley": "happy"},
        "1.4": {"status_note": "Ikke startet endnu"},
    }
    for number, fields in values.items():
        sub = _submission(round_obj, number)
        _save(sub, editor, **fields)
        wf.status_submit(actor=editor, submission=sub)
        wf.status_approve(actor=officer, submission=sub)


def test_closing_is_refused_while_initiatives_are_unapproved_unless_overridden(round3, officer):
    wf.round_open(actor=None, round_obj=round3)
    with pytest.raises(wf.WorkflowError, match="4 indsatser er ikke godkendt"):
        wf.round_close(actor=officer, round_obj=round3)
    round3.refresh_from_db()
    assert round3.state == RoundState.OPEN
    written = wf.round_close(actor=officer, round_obj=round3, override_reason="Udvalgsmøde i dag")
    round3.refresh_from_db()
    assert round3.state == RoundState.CLOSED
    assert round3.close_override_reason == "Udvalgsmøde i dag"
    assert written == 2  # the whole agreement and Økonomiudvalget


def test_a_closed_round_is_a_snapshot_and_a_correction_is_a_new_visible_version(
    round3, officer, editor
):
    wf.round_open(actor=None, round_obj=round3)
    _approve_all(round3, officer, editor)
    wf.round_close(actor=officer, round_obj=round3)
    first = ws.report_view(year=2019, round_number=3, committee="oekonomiudvalget")
    assert first.is_snapshot and first.snapshot.version == 1
    note = first.document.initiatives()[2].milestones[2].status_note
    assert note == "Indhentet"

    # Data corrected afterwards (e.g. in the admin): the frozen report does not move.
    Milestone.objects.filter(initiative__number="1.3", round=round3).update(status_note="Rettet")
    again = ws.report_view(year=2019, round_number=3, committee="oekonomiudvalget")
    assert again.document.initiatives()[2].milestones[2].status_note == "Indhentet"

    with pytest.raises(wf.WorkflowError, match="rettelsen"):
        wf.round_correct(actor=officer, round_obj=round3, reason="")
    made = wf.round_correct(actor=officer, round_obj=round3, reason="Status for 1.3 rettet")
    assert made == 2
    latest = ws.report_view(year=2019, round_number=3, committee="oekonomiudvalget")
    assert latest.snapshot.version == 2 and latest.snapshot.reason == "Status for 1.3 rettet"
    assert latest.document.initiatives()[2].milestones[2].status_note == "Rettet"
    assert [v.version for v in latest.versions] == [2, 1]
    old = ws.report_view(year=2019, round_number=3, committee="oekonomiudvalget", version=1)
    assert old.document.initiatives()[2].milestones[2].status_note == "Indhentet"
    assert not old.is_latest
    # Nothing changed since: no new version.
    assert wf.round_correct(actor=officer, round_obj=round3, reason="Igen") == 0


def test_publishing_needs_a_closed_round(round3, officer):
    with pytest.raises(wf.WorkflowError, match="kun en lukket"):
        wf.round_publish(actor=officer, round_obj=round3)
    wf.round_open(actor=None, round_obj=round3)
    wf.round_close(actor=officer, round_obj=round3, override_reason="Test")
    published = wf.round_publish(actor=officer, round_obj=round3)
    assert published.state == RoundState.PUBLISHED and published.published_at is not None
    assert ReportSnapshot.objects.filter(round=round3).count() == 2


def test_publishing_an_imported_round_freezes_it_first(round3, officer):
    round2 = Round.objects.get(number=2)
    wf.round_publish(actor=officer, round_obj=round2)
    assert ReportSnapshot.objects.filter(round=round2).count() == 2


def test_statuses_cannot_be_written_in_a_round_that_is_not_open(round3, editor):
    wf.round_open(actor=None, round_obj=round3)
    sub = _submission(round3, "1.1")
    wf.round_close(actor=None, round_obj=round3, override_reason="Test")
    with pytest.raises(wf.WorkflowError, match="kun skrives status"):
        _save(sub, editor, status_note="For sent")


def test_an_unknown_smiley_is_refused(round3, editor):
    wf.round_open(actor=None, round_obj=round3)
    with pytest.raises(wf.WorkflowError, match="Ukendt smiley"):
        _save(_submission(round3, "1.1"), editor, smiley="ecstatic")


def test_owed_rows_show_the_previous_round_and_cost_the_same_queries_for_more_initiatives(
    officer,
):
    def build(count: int) -> Round:
        for model in (Submission, Milestone):
            model.objects.all().delete()
        _import_round_2(*[_ini(f"1.{i}", H, H) for i in range(1, count + 1)])
        round_obj = Round.objects.get(number=3)
        wf.round_open(actor=None, round_obj=round_obj)
        return round_obj

    small = build(3)
    with CaptureQueriesContext(connection) as few:
        rows = ws.owed_rows(round_obj=small)
    assert rows[0].previous.smiley == "happy" and rows[0].previous.status_note == "Status 2"
    assert rows[0].current.carried_forward
    Round.objects.all().delete()
    large = build(30)
    with CaptureQueriesContext(connection) as many:
        assert len(ws.owed_rows(round_obj=large)) == 30
    assert len(many) == len(few)


def test_progress_board_counts_states_per_center_and_committee(round3, officer, editor):
    wf.round_open(actor=None, round_obj=round3)
    _save(_submission(round3, "1.3"), editor, status_note="Forsinket", smiley="sad")
    board = ws.progress_board(round_obj=round3)
    assert board.total.total == 4
    assert board.total.count("draft") == 1 and board.total.count("not_started") == 3
    assert [line.name for line in board.by_committee] == ["Økonomiudvalget"]
    assert board.total.errors >= 1
    only_drafts = ws.progress_board(round_obj=round3, states=["draft"])
    assert [r.initiative.number for r in only_drafts.rows] == ["1.3"]


def test_the_boards_close_check_is_the_round_close_check_from_the_boards_own_reads(
    round3, officer, editor
):
    wf.round_open(actor=None, round_obj=round3)
    _save(_submission(round3, "1.3"), editor, status_note="Forsinket", smiley="sad")
    sub = _submission(round3, "1.2")
    _save(sub, editor, text="Byggeriet starter", status_note="Godt i gang", smiley="happy")
    wf.status_submit(actor=editor, submission=sub)
    wf.status_approve(actor=officer, submission=_submission(round3, "1.2"))
    round3.refresh_from_db()

    def key(check: ws.CloseCheck) -> tuple[int, list[tuple[str, str]]]:
        return check.unapproved, sorted((f.initiative, str(f.code)) for f in check.findings)

    expected = ws.round_close_check(round_obj=round3)
    assert expected.unapproved == 3 and expected.findings
    with CaptureQueriesContext(connection) as both:
        board, check = ws.progress_board_and_close_check(round_obj=round3, states=["draft"])
    with CaptureQueriesContext(connection) as alone:
        ws.progress_board(round_obj=round3)
    assert check is not None and key(check) == key(expected)
    assert [r.initiative.number for r in board.rows] == ["1.3"]
    # The whole report is not read again: one count more than the board alone.
    assert len(both) == len(alone) + 1
    # An initiative without a status in the round (added after it opened): read it all.
    added = Initiative.objects.get(agreement=round3.agreement, number="1.3")
    added.pk, added.number, added.sort_key = None, "1.9", "0001.0009"
    added.save()
    with CaptureQueriesContext(connection) as fallen_back:
        _board, fallback = ws.progress_board_and_close_check(round_obj=round3)
    assert fallback is not None and len(fallen_back) > len(both)
    assert key(fallback) == key(ws.round_close_check(round_obj=round3))


def test_importing_an_earlier_report_leaves_an_open_rounds_statuses_alone(round3, editor):
    wf.round_open(actor=None, round_obj=round3)
    sub = _submission(round3, "1.2")
    _save(sub, editor, text="Byggeriet starter", status_note="Skrevet i appen", smiley="happy")
    _import_round_2(
        _ini("1.1", H, H), _ini("1.2", H, H, r3_text="Ny plan fra Word"), _ini("1.3", H, N)
    )
    m = Milestone.objects.get(initiative__number="1.2", round=round3)
    assert (m.text, m.status_note, m.smiley) == ("Byggeriet starter", "Skrevet i appen", "happy")
    carried = Milestone.objects.get(initiative__number="1.1", round=round3)
    assert (carried.smiley, carried.carried_forward) == ("happy", True)


def test_an_import_into_the_open_round_bumps_the_version_so_open_forms_conflict(round3, editor):
    wf.round_open(actor=None, round_obj=round3)
    sub = _submission(round3, "1.2")
    opened = Milestone.objects.get(initiative__number="1.2", round=round3).version
    doc = ReportDocument(
        title="Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget",
        agreement=AgreementRef("Aftale om budget 2019", 2019),
        committee="Økonomiudvalget",
        round=3,
        themes=[ThemeDoc("1", "Tema 1", [_ini("1.2", H, H, r3_text="Fra regnearket")])],
    )
    doc.themes[0].initiatives[0].milestones[2].smiley = H
    report_import(actor=None, document=doc, source_name="r3.xlsx")
    with pytest.raises(wf.EditConflict):
        _save(sub, editor, base_version=opened, status_note="Gammel formular")


def test_a_correction_in_the_admin_makes_an_open_form_conflict(round3, editor, client):
    from django.contrib.auth import get_user_model

    wf.round_open(actor=None, round_obj=round3)
    sub = _submission(round3, "1.2")
    milestone = Milestone.objects.get(initiative__number="1.2", round=round3)
    opened = milestone.version
    admin_user = get_user_model().objects.create_superuser("admin", "a@kommune.example", "x")
    client.force_login(admin_user)
    url = f"/admin/agreements/milestone/{milestone.pk}/change/"
    response = client.post(
        url,
        {
            "initiative": milestone.initiative_id,
            "round": round3.pk,
            "text": "Rettet af økonomi",
            "status_note": "",
            "smiley": "",
            "glyph": "",
            "corrective_action": "",
            "version": opened,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    milestone.refresh_from_db()
    assert (milestone.text, milestone.version) == ("Rettet af økonomi", opened + 1)
    with pytest.raises(wf.EditConflict):
        _save(sub, editor, base_version=opened, status_note="Fra en gammel formular")
