"""The economy pages: the adopted budget, changes with alternative financing, round figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from opfolgning.agreements.models import (
    BudgetChange,
    BudgetLine,
    EconomyStatus,
)
from tests.personas import login

pytestmark = pytest.mark.django_db


def _economy_url(world, name: str = "web:initiative-economy", *extra) -> str:
    return reverse(name, args=[world.agreement.year, world.initiative.number, *extra])


def _status_economy_url(world) -> str:
    args = [world.agreement.year, world.round.number, world.initiative.number]
    return reverse("web:status-economy", args=args)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_an_officer_types_the_adopted_budget_in_danish_and_it_is_stored_in_kroner(
    client, world, finance_officer
):
    login(client, finance_officer)
    response = client.post(
        _economy_url(world, "web:budget-save"),
        {"capital_2019": "1,5 mio. kr.", "capital_2020": "500.000"},
        follow=True,
    )
    assert response.status_code == 200
    lines = sorted(
        BudgetLine.objects.filter(initiative=world.initiative).values_list("year", "amount")
    )
    assert lines == [(2019, 1_500_000), (2020, 500_000)]
    body = response.content.decode()
    assert "Budgettet er gemt." in body
    assert "1,5 mio. kr." in body and "Korrigeret budget" in body


def test_an_amount_that_cannot_be_read_is_refused_with_the_field_named(
    client, world, finance_officer
):
    login(client, finance_officer)
    response = client.post(_economy_url(world, "web:budget-save"), {"capital_2019": "cirka 2"})
    assert response.status_code == 422
    assert any("Anlæg 2019" in m and "cirka 2" in m for m in _messages(response))
    assert not BudgetLine.objects.filter(initiative=world.initiative).exists()


def test_no_money_and_amounts_together_are_refused(client, world, finance_officer):
    login(client, finance_officer)
    response = client.post(
        _economy_url(world, "web:budget-save"), {"no_money": "on", "capital_2019": "2 mio. kr."}
    )
    assert response.status_code == 422
    assert "Vælg én" in response.content.decode()


def test_a_change_without_alternative_financing_is_refused_and_nothing_is_stored(
    client, world, center_editor
):
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=2_000_000
    )
    login(client, center_editor)
    data = {"kind": "postponement", "kind_of_money": "capital"}
    data |= {"amount_2019": "-1 mio. kr.", "amount_2020": "1 mio. kr.", "financing": ""}
    response = client.post(_economy_url(world, "web:budget-change-create"), data)
    assert response.status_code == 422
    assert any("Alternativ finansiering" in m for m in _messages(response))
    assert not BudgetChange.objects.exists()


def test_an_editor_proposes_a_postponement_and_only_the_approval_changes_the_amended_budget(
    client, world, center_editor, finance_officer
):
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=2_000_000
    )
    login(client, center_editor)
    data = {"kind": "postponement", "kind_of_money": "capital", "amount_2019": "-1 mio. kr."}
    data |= {"amount_2020": "1 mio. kr.", "financing": "Flyttes inden for anlægsrammen"}
    response = client.post(_economy_url(world, "web:budget-change-create"), data, follow=True)
    assert "registreret som foreslået" in response.content.decode()
    change = BudgetChange.objects.get(initiative=world.initiative)
    assert change.status == "proposed"
    page = client.get(_economy_url(world))
    assert page.context["view"].rows[-1].cells[:2] == ["2 mio. kr.", ""]  # amended: unchanged

    login(client, finance_officer)
    decide = _economy_url(world, "web:budget-change-decide", change.pk)
    refused = client.post(
        decide, {"action": "approve", "decided_on": "2019-03-26", "reference": ""}, follow=True
    )
    assert any("Angiv henvisningen" in m for m in _messages(refused))
    change.refresh_from_db()
    assert change.status == "proposed"

    client.post(
        decide,
        {"action": "approve", "decided_on": "2019-03-26", "reference": "KB 26.03.2019, pkt. 7"},
    )
    change.refresh_from_db()
    assert (change.status, change.decided_on) == ("approved", dt.date(2019, 3, 26))
    amended = client.get(_economy_url(world)).context["view"].rows[-1]
    assert amended.cells[:2] == ["1 mio. kr.", "1 mio. kr."]


def test_an_editor_cannot_propose_a_change_for_another_centers_initiative(
    client, world, center_editor
):
    login(client, center_editor)
    url = reverse("web:budget-change-create", args=[world.agreement.year, "1.2"])
    data = {"kind": "increase", "kind_of_money": "capital", "amount_2019": "1 mio. kr."}
    assert client.post(url, data | {"financing": "Pulje"}).status_code == 403
    assert not BudgetChange.objects.exists()


def test_expected_spending_above_the_amended_budget_makes_the_economy_smiley_sad_with_a_reason(
    client, world, center_editor
):
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=2_000_000
    )
    login(client, center_editor)
    response = client.post(
        _status_economy_url(world), {"spent": "1 mio. kr.", "expected": "2,5 mio. kr."}, follow=True
    )
    assert response.status_code == 200
    status = EconomyStatus.objects.get(initiative=world.initiative, round=world.round)
    assert (status.spent, status.expected, status.smiley) == (1_000_000, 2_500_000, "sad")
    assert "2,5 mio. kr." in status.reason and "2 mio. kr." in status.reason
    assert status.reason in response.content.decode()


def test_the_officer_sets_the_economy_smiley_only_with_a_reason(client, world, finance_officer):
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=2_000_000
    )
    login(client, finance_officer)
    url = _status_economy_url(world)
    refused = client.post(url, {"officer_smiley": "sad", "officer_note": ""})
    assert refused.status_code == 422
    assert not EconomyStatus.objects.filter(smiley="sad").exists()
    client.post(url, {"officer_smiley": "sad", "officer_note": "Licitationen blev dyrere."})
    status = EconomyStatus.objects.get(initiative=world.initiative, round=world.round)
    assert (status.smiley, status.set_by_officer) == ("sad", True)
    assert "Licitationen blev dyrere." in status.reason


def test_a_politician_reads_the_economy_but_has_no_forms(client, world, politician):
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=2_000_000
    )
    login(client, politician)
    page = client.get(_economy_url(world))
    assert page.status_code == 200
    body = page.content.decode()
    assert "2 mio. kr." in body
    assert '<form method="post" action="/aftaler/2019/indsatser/1.1/oekonomi' not in body
    assert client.post(_economy_url(world, "web:budget-save"), {}).status_code == 403


def test_the_report_lists_the_changes_approved_since_the_previous_round(officer_client, world):
    from opfolgning.agreements.models import BudgetChangeAmount, Round

    Round.objects.filter(agreement=world.agreement, number=2).update(date=dt.date(2019, 6, 1))
    Round.objects.filter(pk=world.round.pk).update(date=dt.date(2019, 10, 1))
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=4_000_000
    )
    for day, reference in ((dt.date(2019, 3, 1), "KB-MARTS"), (dt.date(2019, 8, 1), "KB-AUGUST")):
        change = BudgetChange.objects.create(
            initiative=world.initiative,
            kind="postponement",
            kind_of_money="capital",
            financing="Inden for rammen",
            status="approved",
            decided_on=day,
            reference=reference,
        )
        BudgetChangeAmount.objects.create(change=change, year=2019, amount=-1_000_000)
        BudgetChangeAmount.objects.create(change=change, year=2020, amount=1_000_000)
    url = reverse("web:report", args=[2019, world.committee.slug, world.round.number])
    body = officer_client.get(url).content.decode()
    since = body.index("siden sidste opfølgning")
    section = body[since : body.index("</section>", since)]
    assert "KB-AUGUST" in section and "KB-MARTS" not in section
    # Both count in the amended budget: 4 − 1 − 1 = 2 mio. kr. left in 2019.
    assert "2 mio. kr." in body


def test_the_officer_clears_what_the_import_left_for_review_and_the_history_keeps_it(
    client, world, finance_officer
):
    world.initiative.budget_review = "2 mio. kr. uden år: angiv året for beløbet"
    world.initiative.save()
    login(client, finance_officer)
    assert "angiv året" in client.get(_economy_url(world)).content.decode()
    client.post(
        _economy_url(world, "web:budget-save"), {"capital_2019": "2 mio. kr.", "reviewed": "on"}
    )
    world.initiative.refresh_from_db()
    assert world.initiative.budget_review == ""
    assert "angiv året" not in client.get(_economy_url(world)).content.decode()
    assert world.initiative.history.filter(budget_review__contains="angiv året").exists()


def test_the_economy_text_on_the_page_follows_the_chosen_language(client, world, politician):
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=2_000_000
    )
    login(client, politician)
    assert "Der er afsat 2 mio. kr. i 2019" in client.get(_economy_url(world)).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(_economy_url(world)).content.decode()
    assert "DKK 2 million" in english and "Der er afsat" not in english
