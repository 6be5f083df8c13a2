"""Eksempel Kommune: what `make run` shows a new user, loaded through the real services."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from opfolgning.accounts.models import Role
from opfolgning.agreements.models import (
    Agreement,
    BudgetChange,
    CommitteeReport,
    EconomyStatus,
    Initiative,
    Milestone,
    ReportSnapshot,
    Round,
    RoundState,
    Submission,
)
from opfolgning.example.loader import PASSWORD, example_data, load_example
from tests.conftest import SEED_TEXT

TODAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    """Load the example once for this module's read-only tests, and roll it back after."""
    md5 = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), md5:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_example(today=TODAY)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def example(_loaded_once, db):
    return _loaded_once


def _states(agreement_year: int, number: int) -> Counter[str]:
    return Counter(
        Submission.objects.filter(
            round__agreement__year=agreement_year, round__number=number
        ).values_list("state", flat=True)
    )


def test_two_agreements_a_year_apart_with_the_sizes_the_issue_names(example):
    agreements = list(Agreement.objects.order_by("year"))
    assert [a.year for a in agreements] == [2026, 2027]
    first = Initiative.objects.filter(agreement=agreements[0])
    assert 40 <= first.count() <= 60
    assert first.values("committee").distinct().count() == 6
    assert 8 <= first.values("center").distinct().count() <= 12
    assert first.values("theme").distinct().count() >= 4
    assert set(first.values_list("kind", flat=True)) == {"capital", "operating"}
    assert Initiative.objects.filter(agreement=agreements[1]).count() == 14


def test_the_first_year_is_published_to_round_3_and_round_4_is_open_in_every_state(example):
    rounds = {r.number: r for r in Round.objects.filter(agreement__year=2026).order_by("number")}
    assert [rounds[n].state for n in (1, 2, 3)] == [RoundState.PUBLISHED] * 3
    assert rounds[4].state == RoundState.OPEN
    assert rounds[4].deadline == dt.date(2027, 1, 13)
    assert ReportSnapshot.objects.filter(round__number__in=(1, 2, 3)).count() >= 18
    assert _states(2026, 2) == {"approved": 45}
    # Two centers never answered at round 3: it was closed with a reason, not silently.
    assert _states(2026, 3) == {"approved": 43, "not_started": 2}
    assert "3.6 og 6.7" in rounds[3].close_override_reason
    assert _states(2026, 4) == {
        "not_started": 15,
        "draft": 10,
        "submitted": 10,
        "returned": 3,
        "approved": 7,
    }
    returned = Submission.objects.filter(round=rounds[4], state="returned")
    assert all(s.comment.strip() for s in returned)


def test_the_finished_rounds_happened_when_their_reports_are_dated(example):
    for round_obj in Round.objects.filter(agreement__year=2026, number__in=(1, 2, 3)):
        published = timezone.localdate(round_obj.published_at)
        assert round_obj.date <= published <= round_obj.date + dt.timedelta(days=1)
        snapshots = ReportSnapshot.objects.filter(round=round_obj)
        assert all(timezone.localdate(s.created_at) <= published for s in snapshots)
    round_2 = Round.objects.get(agreement__year=2026, number=2)
    approved = Submission.history.filter(round_id=round_2.pk, state="approved")
    assert {timezone.localdate(h.history_date) for h in approved} == {dt.date(2026, 5, 24)}
    # Only the 1st follow-up came in as documents; the rest was written in the app.
    imported = CommitteeReport.objects.exclude(source_name="")
    assert {(r.round.agreement.year, r.round.number) for r in imported} == {(2026, 1)}


def test_the_next_year_carries_initiatives_on_and_has_round_1_open_with_drafts(example):
    rounds = {r.number: r.state for r in Round.objects.filter(agreement__year=2027)}
    assert rounds == {
        1: RoundState.OPEN,
        2: RoundState.PLANNED,
        3: RoundState.PLANNED,
        4: RoundState.PLANNED,
    }
    assert _states(2027, 1) == {"not_started": 11, "draft": 3}
    carried = Initiative.objects.filter(
        agreement__year=2027, notes__startswith="Videreført fra Aftale om budget 2026"
    )
    assert carried.count() == 6
    titles_2026 = {i.number: i.title for i in Initiative.objects.filter(agreement__year=2026)}
    for initiative in carried:
        number = re.search(r"indsats (\d+\.\d+)", initiative.notes).group(1)
        assert number in titles_2026
    # An adopted plan has no economy assessed yet.
    assert not EconomyStatus.objects.filter(round__agreement__year=2027).exists()


def test_every_smiley_carry_forward_corrective_action_review_cell_and_change_status(example):
    milestones = Milestone.objects.filter(initiative__agreement__year=2026)
    assert set(milestones.exclude(smiley="").values_list("smiley", flat=True)) == {
        "happy",
        "neutral",
        "sad",
    }
    assert milestones.filter(carried_forward=True).exists()
    sad = milestones.filter(smiley="sad", round__number__lte=3)
    assert sad.exists() and all(m.corrective_action.strip() for m in sad)
    review = milestones.filter(needs_review=True)
    assert review.count() == 5 and all(m.glyph == "☹" for m in review)
    assert Counter(BudgetChange.objects.values_list("status", flat=True)) == {
        "approved": 5,
        "rejected": 2,
        "proposed": 3,
    }
    economy = EconomyStatus.objects.filter(round__agreement__year=2026)
    assert {"happy", "sad"} <= set(economy.values_list("smiley", flat=True))


def test_demo_people_for_every_role_sign_in_with_the_demo_password(example):
    users = get_user_model()._default_manager
    roles = {
        "okonomi": Role.FINANCE_OFFICER,
        "skole": Role.DEPARTMENT_EDITOR,
        "teknik": Role.DEPARTMENT_EDITOR,
        "politiker": Role.COMMITTEE_READER,
    }
    for username, role in roles.items():
        user = users.get(username=username)
        assert user.profile.role == role
        assert user.check_password(PASSWORD)
    centers = {users.get(username=u).profile.centers.get().name for u in ("skole", "teknik")}
    assert len(centers) == 2
    # The other centers' editors wrote statuses too, but have no demo password.
    assert not users.get(username="ejendomme").has_usable_password()
    client = Client()
    assert client.login(username="teknik", password=PASSWORD)


def test_history_names_the_person_who_wrote_and_who_approved(example):
    submission = Submission.objects.get(
        round__agreement__year=2026, round__number=4, initiative__number="4.1"
    )
    users = {h.history_user.username for h in submission.history.all() if h.history_user}
    assert {"teknik", "okonomi"} <= users


def _sentences(text: str) -> set[str]:
    parts = re.split(r"(?<=[.!?:])\s+|\n+", text)
    return {" ".join(p.split()).lower() for p in parts if len(p.split()) >= 6}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_no_sentence_of_the_example_comes_from_the_real_report(seed_path):
    seed = _sentences(SEED_TEXT.read_text(encoding="utf-8"))
    ours = set().union(*(_sentences(s) for s in _strings(example_data())))
    assert len(ours) > 300
    assert not ours & seed


def test_a_citizen_reads_a_published_report_and_the_overview_without_signing_in(example):
    client = Client()
    slug = "teknik-og-miljoeudvalget"
    report = client.get(f"/aftaler/2026/udvalg/{slug}/opfolgning/3/")
    assert report.status_code == 200, report.status_code
    html = report.content.decode()
    assert "Eksempel Kommune" in html or "Birgitte Lykkegaard Holm" in html
    assert "Teknik- og Miljøudvalget" in html
    assert client.get("/aftaler/2026/overblik/").status_code == 200
    assert client.get("/aftaler/2026/indsatser/").status_code == 200


def test_the_2027_initiatives_that_continue_are_carried_over_with_their_identity(example):
    from opfolgning.agreements.models import Initiative

    carried = Initiative.objects.filter(agreement__year=2027, carried_from__isnull=False)
    pairs = sorted(carried.values_list("number", "carried_from__number"))
    assert ("1.3", "6.1") in pairs and ("2.2", "2.4") in pairs
    assert len(pairs) == 6
