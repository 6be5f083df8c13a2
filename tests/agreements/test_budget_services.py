"""The economy services: budgets, budget changes, decisions and the economy smiley."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from opfolgning.agreements import budget_services as bs
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.budget_services import BudgetRefused
from opfolgning.agreements.models import (
    Agreement,
    BudgetChange,
    BudgetChangeAmount,
    BudgetLine,
    ChangeStatus,
    EconomyStatus,
    Initiative,
    Round,
    RoundState,
)
from opfolgning.agreements.services import report_import
from tests import factories

pytestmark = pytest.mark.django_db

MIO = 1_000_000
ROUND_DATE = dt.date(2019, 10, 9)


@pytest.fixture
def officer():
    return get_user_model().objects.create_user("okonomi", first_name="Økonomi")


@pytest.fixture
def initiative() -> Initiative:
    """Return initiative 1.1 of Budget 2019 (rounds 1-2 closed, 3 open and dated, 4 planned)."""
    report_import(actor=None, document=factories.report(round_number=2, initiatives=2))
    round3 = Round.objects.get(number=3)
    wf.round_open(actor=None, round_obj=round3)
    Round.objects.filter(pk=round3.pk).update(date=ROUND_DATE)
    return Initiative.objects.select_related("agreement").get(number="1.1")


@pytest.fixture
def round3(initiative) -> Round:
    return Round.objects.get(number=3)


@pytest.fixture
def funded(initiative, officer) -> Initiative:
    """Return the initiative with 2 mio. kr. capital in 2019 and 1 mio. kr. in 2020."""
    return bs.budget_set(
        actor=officer,
        initiative=initiative,
        lines=[(2019, "capital", 2 * MIO), (2020, "capital", 1 * MIO)],
        no_money=False,
    )


def _counts() -> tuple[int, ...]:
    return (
        BudgetLine.objects.count(),
        BudgetLine.history.count(),
        BudgetChange.objects.count(),
        BudgetChange.history.count(),
        BudgetChangeAmount.objects.count(),
        EconomyStatus.history.count(),
        Initiative.history.count(),
    )


def _propose(initiative: Initiative, actor: Any = None, **kw: Any) -> BudgetChange:
    values: dict[str, Any] = {
        "kind": "postponement",
        "kind_of_money": "capital",
        "amounts": {2019: -1 * MIO, 2020: 1 * MIO},
        "financing": "Flyttes inden for anlægsrammen.",
    }
    values.update(kw)
    return bs.change_propose(actor=actor, initiative=initiative, **values)


# --- the agreement's period ----------------------------------------------------------------


def test_a_new_agreement_covers_its_year_and_the_three_after_it():
    agreement = Agreement.objects.create(name="Aftale om budget 2024", year=2024)
    assert agreement.period == (2024, 2027)


def test_the_database_refuses_a_period_that_leaves_out_the_agreements_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(name="X", year=2024, first_year=2025, last_year=2028)


# --- the adopted budget --------------------------------------------------------------------


def test_budget_set_stores_the_lines_and_who_set_them(funded, officer):
    lines = list(BudgetLine.objects.filter(initiative=funded).values_list("year", "kind", "amount"))
    assert lines == [(2019, "capital", 2 * MIO), (2020, "capital", 1 * MIO)]
    history = BudgetLine.history.filter(initiative_id=funded.pk)
    assert history.count() == 2
    assert {h.history_user for h in history} == {officer}
    assert {h.history_change_reason for h in history} == {"Budget sat"}


def test_budget_set_replaces_lines_and_writes_only_what_changed(funded, officer):
    before = BudgetLine.history.count()
    bs.budget_set(
        actor=officer,
        initiative=funded,
        lines=[(2019, "capital", 2 * MIO), (2021, "operating", 500_000)],
        no_money=False,
    )
    assert set(BudgetLine.objects.values_list("year", "kind", "amount")) == {
        (2019, "capital", 2 * MIO),
        (2021, "operating", 500_000),
    }
    # 2020 deleted and 2021 created; 2019 untouched.
    assert BudgetLine.history.count() == before + 2
    assert BudgetLine.history.filter(history_type="-", year=2020).exists()


def test_setting_the_same_budget_again_writes_no_history(funded, officer):
    before = _counts()
    bs.budget_set(
        actor=officer,
        initiative=funded,
        lines=[(2019, "capital", 2 * MIO), (2020, "capital", 1 * MIO)],
        no_money=False,
    )
    assert _counts() == before


@pytest.mark.parametrize(
    ("lines", "no_money", "words"),
    [
        ([(2019, "capital", -5)], False, ["1.1", "2019", "-5 kr.", "negativt"]),
        ([(2019, "capital", 10**12)], False, ["1.1", "2019", "1.000.000 mio. kr.", "grænsen"]),
        ([(2030, "capital", 1 * MIO)], False, ["1.1", "2030", "2019-2022"]),
        ([(2019, "capital", 1.5)], False, ["1.1", "2019", "helt antal kroner", "1.5"]),
        ([(2019, "capital", 1), (2019, "capital", 2)], False, ["1.1", "2019", "to beløb"]),
        ([(2019, "anlæg", 1 * MIO)], False, ["1.1", "hverken anlæg eller drift"]),
        ([(2019, "capital", 1 * MIO)], True, ["1.1", "ikke er afsat økonomi", "1 mio. kr."]),
    ],
    ids=["negative", "absurd", "outside-period", "float", "twice", "bad-kind", "no-money"],
)
def test_a_refused_budget_names_initiative_year_and_amount_and_stores_nothing(
    initiative, officer, lines, no_money, words
):
    before = _counts()
    with pytest.raises(BudgetRefused) as refused:
        bs.budget_set(actor=officer, initiative=initiative, lines=lines, no_money=no_money)
    message = str(refused.value)
    assert message.startswith("Budgettet for indsats 1.1 Indsats 1.1 kan ikke gemmes:")
    for word in words:
        assert word in message
    assert refused.value.message_en.startswith("The budget of initiative 1.1")
    assert _counts() == before


def test_a_budget_cannot_drop_below_what_an_approved_cut_took(funded, officer):
    cut = _propose(funded, kind="cut", amounts={2019: -2 * MIO})
    bs.change_approve(actor=officer, change=cut, decided_on=dt.date(2019, 5, 1), reference="KB 12")
    before = _counts()
    with pytest.raises(BudgetRefused, match="godkendt, passer ikke længere"):
        bs.budget_set(
            actor=officer, initiative=funded, lines=[(2019, "capital", MIO)], no_money=False
        )
    assert _counts() == before


def test_no_money_is_stored_on_the_initiative(initiative, officer):
    bs.budget_set(actor=officer, initiative=initiative, lines=[], no_money=True)
    stored = Initiative.objects.get(pk=initiative.pk)
    assert stored.no_money
    assert stored.history.first().history_user == officer


# --- budget changes ------------------------------------------------------------------------


def test_a_proposed_change_is_stored_with_its_amounts_financing_and_author(funded, officer):
    change = _propose(funded, officer, round_number=3, note="Forsinket byggestart")
    assert change.status == ChangeStatus.PROPOSED and change.decided_on is None
    assert change.created_by == officer and change.proposed_in_round == 3
    assert sorted(change.amounts.values_list("year", "amount")) == [(2019, -MIO), (2020, MIO)]
    assert BudgetChange.history.get().history_user == officer
    assert BudgetChangeAmount.history.count() == 2


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"financing": "   "}, ["Alternativ finansiering mangler"]),
        ({"amounts": {2019: -MIO, 2030: MIO}}, ["2030", "+1 mio. kr.", "2019-2022"]),
        ({"amounts": {2019: -3 * MIO, 2020: 3 * MIO}}, ["3 mio. kr.", "2019", "2 mio. kr."]),
        ({"amounts": {2019: -MIO, 2020: 500_000}}, ["udskydelse", "1 mio. kr.", "500.000 kr."]),
        ({"kind": "cut", "amounts": {2019: 500_000}}, ["2019", "+500.000 kr.", "minus"]),
        ({"kind": "increase", "amounts": {2020: 0.5}}, ["2020", "helt antal kroner"]),
        ({"kind": "gift"}, ["'gift'", "udskydelse, forhøjelse"]),
        ({"amounts": {}}, ["ingen beløb"]),
        ({"round_number": 7}, ["Opfølgning 7"]),
    ],
    ids=[
        "no-financing",
        "outside-period",
        "moves-more-than-held",
        "unbalanced",
        "cut-positive",
        "float",
        "bad-kind",
        "no-amounts",
        "bad-round",
    ],
)
def test_a_refused_change_names_the_initiative_and_stores_nothing(funded, changes, words):
    before = _counts()
    with pytest.raises(BudgetRefused) as refused:
        _propose(funded, **changes)
    message = str(refused.value)
    assert "for indsats 1.1 Indsats 1.1 kan ikke gemmes:" in message
    for word in words:
        assert word in message
    assert _counts() == before


def test_a_refused_postponement_names_its_years_and_amounts_up_front(funded):
    with pytest.raises(BudgetRefused) as refused:
        _propose(funded, amounts={2019: -3 * MIO, 2020: 3 * MIO})
    assert str(refused.value).startswith(
        "Budgetændringen (udskydelse, anlæg: -3 mio. kr. i 2019, +3 mio. kr. i 2020)"
    )


def test_the_database_refuses_a_change_without_financing(funded):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetChange.objects.create(
            initiative=funded, kind="increase", kind_of_money="capital", financing=""
        )


def test_the_database_refuses_an_approval_without_reference(funded):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetChange.objects.create(
            initiative=funded,
            kind="increase",
            kind_of_money="capital",
            financing="Kassen",
            status="approved",
            decided_on=dt.date(2019, 5, 1),
        )


@pytest.mark.parametrize(
    ("decided_on", "reference", "words"),
    [
        (None, "KB 2019-05-01 pkt. 12", ["datoen for Kommunalbestyrelsens beslutning"]),
        (dt.date(2019, 5, 1), "  ", ["henvise til sagen eller dagsordenspunktet"]),
        (None, "", ["datoen", "henvise til sagen"]),
    ],
    ids=["no-date", "no-reference", "neither"],
)
def test_an_approval_without_date_or_reference_is_refused(
    funded, officer, decided_on, reference, words
):
    change = _propose(funded)
    before = _counts()
    with pytest.raises(BudgetRefused) as refused:
        bs.change_approve(actor=officer, change=change, decided_on=decided_on, reference=reference)
    assert "kan ikke gemmes" in str(refused.value)
    for word in words:
        assert word in str(refused.value)
    assert BudgetChange.objects.get().status == ChangeStatus.PROPOSED
    assert _counts() == before


def test_an_approval_is_stored_with_its_date_reference_and_history(funded, officer):
    change = _propose(funded)
    bs.change_approve(
        actor=officer, change=change, decided_on=dt.date(2019, 6, 20), reference="Sag 19/123"
    )
    stored = BudgetChange.objects.get()
    assert (stored.status, stored.decided_on, stored.reference) == (
        ChangeStatus.APPROVED,
        dt.date(2019, 6, 20),
        "Sag 19/123",
    )
    latest = stored.history.first()
    assert latest.history_user == officer
    assert latest.history_change_reason == "Budgetændring godkendt (Sag 19/123)"


def test_an_approval_is_refused_when_another_approval_left_too_little_in_the_year(funded, officer):
    moves = {2019: -1_500_000, 2020: 1_500_000}
    first, second = _propose(funded, amounts=moves), _propose(funded, amounts=moves)
    bs.change_approve(actor=officer, change=first, decided_on=dt.date(2019, 5, 1), reference="A")
    with pytest.raises(BudgetRefused, match="det korrigerede budget til anlæg i 2019 er kun"):
        bs.change_approve(
            actor=officer, change=second, decided_on=dt.date(2019, 6, 1), reference="B"
        )
    second.refresh_from_db()
    assert second.status == ChangeStatus.PROPOSED


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_a_decided_change_cannot_be_decided_again(funded, officer, action):
    change = _propose(funded)
    bs.change_reject(actor=officer, change=change, decided_on=dt.date(2019, 5, 1))
    with pytest.raises(BudgetRefused, match="allerede afvist"):
        if action == "approve":
            bs.change_approve(
                actor=officer, change=change, decided_on=dt.date(2019, 6, 1), reference="X"
            )
        else:
            bs.change_reject(actor=officer, change=change, decided_on=dt.date(2019, 6, 1))
    assert BudgetChange.objects.get().decided_on == dt.date(2019, 5, 1)


def test_a_rejection_needs_the_date_of_the_decision(funded, officer):
    change = _propose(funded)
    with pytest.raises(BudgetRefused, match="afvist ændring skal have datoen"):
        bs.change_reject(actor=officer, change=change, decided_on=None)
    assert BudgetChange.objects.get().status == ChangeStatus.PROPOSED


# --- the economy smiley --------------------------------------------------------------------


def _figures(initiative: Initiative, round_obj: Round, **kw: Any) -> EconomyStatus:
    actor = kw.pop("actor", None)
    values: dict[str, Any] = {"spent": None, "expected": None, "saving_achieved": None}
    values.update(kw)
    return bs.economy_figures_save(
        actor=actor, initiative=initiative, round_obj=round_obj, **values
    )


@pytest.mark.parametrize(
    ("figures", "smiley", "reason"),
    [
        ({"expected": 2 * MIO}, "happy", "inden for det korrigerede budget på 2 mio. kr."),
        ({"expected": 2_500_000}, "sad", "2,5 mio. kr. overstiger det korrigerede budget"),
        ({"spent": 2_100_000}, "sad", "Forbrug 2,1 mio. kr. overstiger"),
        ({}, "", "Der er ikke angivet forbrug"),
    ],
    ids=["within", "expected-over", "spent-over", "no-figures"],
)
def test_the_economy_smiley_is_judged_from_the_rounds_figures(
    funded, round3, figures, smiley, reason
):
    status = _figures(funded, round3, **figures)
    assert status.smiley == smiley
    assert reason in status.reason
    assert not status.set_by_officer
    assert status.text == "Der er afsat 2 mio. kr. i 2019 og 1 mio. kr. i 2020."


@pytest.mark.parametrize(
    ("decided_on", "smiley"),
    [(dt.date(2019, 9, 1), "happy"), (ROUND_DATE, "happy"), (dt.date(2019, 11, 1), "sad")],
    ids=["before-round", "on-round-date", "after-round"],
)
def test_the_smiley_counts_only_changes_approved_by_the_rounds_date(
    funded, round3, officer, decided_on, smiley
):
    increase = _propose(funded, kind="increase", amounts={2019: 500_000}, financing="Puljen")
    bs.change_approve(actor=officer, change=increase, decided_on=decided_on, reference="KB")
    status = _figures(funded, round3, expected=2_400_000)
    assert status.smiley == smiley


def test_an_approval_judges_the_open_rounds_again_but_never_a_frozen_one(funded, round3, officer):
    status = _figures(funded, round3, expected=2_400_000)
    assert status.smiley == "sad"
    round2 = Round.objects.get(number=2)
    frozen = EconomyStatus.objects.get(initiative=funded, round=round2)
    frozen_before = (frozen.smiley, frozen.reason, frozen.text)
    increase = _propose(funded, kind="increase", amounts={2019: 500_000}, financing="Puljen")
    bs.change_approve(
        actor=officer, change=increase, decided_on=dt.date(2019, 9, 1), reference="KB"
    )
    status.refresh_from_db()
    assert status.smiley == "happy"
    assert "2,5 mio. kr." in status.reason
    assert "Kommunalbestyrelsen godkendte den 1. september 2019" in status.text
    assert status.history.first().history_change_reason.startswith("Økonomi vurderet igen")
    frozen.refresh_from_db()
    assert (frozen.smiley, frozen.reason, frozen.text) == frozen_before


def test_a_proposed_or_rejected_change_does_not_move_the_smiley(funded, round3, officer):
    increase = _propose(funded, kind="increase", amounts={2019: 500_000}, financing="Puljen")
    assert _figures(funded, round3, expected=2_400_000).smiley == "sad"
    bs.change_reject(actor=officer, change=increase, decided_on=dt.date(2019, 9, 1))
    assert _figures(funded, round3, expected=2_400_000).smiley == "sad"


def test_an_officers_smiley_needs_a_note(funded, round3):
    before = _counts()
    with pytest.raises(BudgetRefused, match="skal have en begrundelse"):
        _figures(funded, round3, expected=MIO, officer_smiley="sad")
    assert _counts() == before
    status = _figures(
        funded, round3, expected=MIO, officer_smiley="sad", officer_note="Udbud over budget"
    )
    assert (status.smiley, status.set_by_officer) == ("sad", True)
    assert status.reason == "Sat af sagsbehandleren: Udbud over budget"


def test_an_officers_smiley_survives_a_later_approval(funded, round3, officer):
    _figures(funded, round3, expected=MIO, officer_smiley="sad", officer_note="Risiko")
    increase = _propose(funded, kind="increase", amounts={2019: 500_000}, financing="Puljen")
    bs.change_approve(actor=officer, change=increase, decided_on=dt.date(2019, 9, 1), reference="K")
    assert EconomyStatus.objects.get(initiative=funded, round=round3).smiley == "sad"


def test_an_initiative_without_money_gets_no_economy_smiley(initiative, round3, officer):
    bs.budget_set(actor=officer, initiative=initiative, lines=[], no_money=True)
    status = _figures(initiative, round3, spent=0)
    assert status.smiley == ""
    assert status.text == "Der er ikke afsat økonomi."
    with pytest.raises(BudgetRefused, match="ingen smiley for økonomi"):
        _figures(initiative, round3, officer_smiley="happy", officer_note="Fint")


def test_an_unknown_budget_cannot_be_judged_without_the_officer(initiative, round3):
    with pytest.raises(BudgetRefused, match="ikke registreret et budget"):
        _figures(initiative, round3, expected=MIO)


@pytest.mark.parametrize(
    ("figures", "words"),
    [
        ({"spent": -1}, ["Forbruget", "-1 kr.", "mellem 0 kr."]),
        ({"expected": 1.5}, ["forventede forbrug", "helt antal kroner"]),
        ({"spent": True}, ["Forbruget", "helt antal kroner"]),
    ],
    ids=["negative", "float", "bool"],
)
def test_bad_figures_are_refused_and_nothing_is_stored(funded, round3, figures, words):
    before = _counts()
    with pytest.raises(BudgetRefused) as refused:
        _figures(funded, round3, **figures)
    for word in words:
        assert word in str(refused.value)
    assert _counts() == before


def test_figures_for_a_frozen_round_are_refused(funded):
    round2 = Round.objects.get(number=2)
    assert round2.state == RoundState.CLOSED
    with pytest.raises(BudgetRefused, match="frosset rapport ændres ikke"):
        _figures(funded, round2, expected=MIO)


def test_economy_figures_are_stored_with_history(funded, round3, officer):
    status = _figures(
        funded, round3, actor=officer, spent=MIO, expected=2 * MIO, note="Licitation i november"
    )
    stored = EconomyStatus.objects.get(pk=status.pk)
    assert (stored.spent, stored.expected, stored.note) == (MIO, 2 * MIO, "Licitation i november")
    assert stored.history.first().history_user == officer
    assert stored.history.first().history_change_reason == "Økonomi vurderet"


@pytest.mark.parametrize(
    "given, stored",
    [("forhøjelse", "increase"), ("Tilførsel", "increase"), ("besparelseskrav", "saving_target")],
)
def test_a_change_kind_may_be_given_by_its_word_or_a_former_word(funded, officer, given, stored):
    amounts = {2020: 1 * MIO} if stored == "increase" else {2020: -1 * MIO}
    change = _propose(funded, officer, kind=given, amounts=amounts)
    assert change.kind == stored


def test_an_unknown_change_kind_lists_the_vocabularys_words(funded, officer):
    with pytest.raises(bs.BudgetRefused) as refused:
        _propose(funded, officer, kind="gave")
    assert "vælg udskydelse, forhøjelse, reduktion eller sparemål." in str(refused.value)


# --- the same proposal sent twice (issue 18) --------------------------------------------------


def test_the_same_proposal_sent_again_by_the_same_user_is_the_one_stored(funded, officer):
    first = _propose(funded, officer)
    again = _propose(funded, officer)
    assert again.pk == first.pk
    assert BudgetChange.objects.count() == 1
    # Another amount, or another user, is another proposal.
    other_amounts = _propose(funded, officer, amounts={2019: -MIO // 2, 2020: MIO // 2})
    colleague = get_user_model().objects.create_user("kollega")
    by_colleague = _propose(funded, colleague)
    assert len({first.pk, other_amounts.pk, by_colleague.pk}) == 3
    assert BudgetChange.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_25_identical_proposals_at_once_store_one(transactional_db):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    report_import(actor=None, document=factories.report(round_number=2, initiatives=1))
    initiative = Initiative.objects.select_related("agreement").get(number="1.1")
    bs.budget_set(
        actor=None, initiative=initiative, lines=[(2019, "capital", 2 * MIO)], no_money=False
    )
    user = get_user_model().objects.create_user("okonomi")

    def propose(_: int) -> int:
        try:
            return _propose(initiative, user).pk
        finally:
            connection.close()

    workers = 5 if connection.vendor == "postgresql" else 1  # SQLite takes one writer at a time
    with ThreadPoolExecutor(max_workers=workers) as pool:
        stored = set(pool.map(propose, range(25)))
    assert len(stored) == 1
    assert BudgetChange.objects.count() == 1
