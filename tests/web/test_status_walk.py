"""The status page as a walk through the round (issue 16): place, next, economy, review."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from opfolgning.agreements.models import (
    BudgetLine,
    EconomyStatus,
    Milestone,
    Submission,
    SubmissionState,
)
from tests.personas import World, login, own_second_initiative

# Queries of a status save that also stores changed economy figures (load test, issue 16).
BUDGET_WITH_ECONOMY = 29


def _url(number: str, query: str = "") -> str:
    return reverse("web:status", args=[2019, 3, number]) + query


def _form(version: int = 0, **values: str) -> dict[str, str]:
    data = {"version": str(version), "status_note": "", "smiley": "", "corrective_action": ""}
    # What the economy figures showed (empty): unchanged figures are not stored again.
    for name in ("spent", "expected", "saving_achieved", "note"):
        data[f"okonomi-{name}"] = ""
        data[f"initial-okonomi-{name}"] = ""
    data.update(values)
    return data


def test_the_page_says_where_the_initiative_stands_and_links_the_next(
    client: Any, world: World, center_editor: Any
) -> None:
    own_second_initiative(world)
    login(client, center_editor)
    body = client.get(_url("1.1")).content.decode()
    assert "Indsats 1 af 2" in body and "0 af 2 indsendt" in body
    assert f'href="{_url("1.3")}"' in body and "Næste: 1.3" in body
    assert "Første indsats" in body
    # 1.2 is another center's: it is not part of this editor's walk.
    assert "1.2" not in body.split("<h1")[0]
    # Filtered as the list: the links keep the filter.
    body = client.get(_url("1.1", "?tilstand=not_started")).content.decode()
    assert f'href="{_url("1.3", "?tilstand=not_started")}"' in body


def test_submit_and_next_goes_to_the_next_initiative(
    client: Any, world: World, center_editor: Any
) -> None:
    own_second_initiative(world)
    login(client, center_editor)
    response = client.post(
        _url("1.1", "?tilstand=not_started"),
        _form(status_note="Byggeriet følger planen.", smiley="happy", submit="next"),
    )
    assert response.status_code == 302
    assert response["Location"] == _url("1.3", "?tilstand=not_started")
    assert Submission.objects.get(pk=world.submission.pk).state == SubmissionState.SUBMITTED
    page = client.get(response["Location"]).content.decode()
    assert "1.1 er indsendt til økonomi (1 af 2 indsendt)." in page
    # With htmx the browser is told where to go.
    response = client.post(
        _url("1.3"),
        _form(status_note="Sti anlagt.", smiley="happy", submit="next"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("web:owed", args=[2019, 3])


def test_the_planned_milestone_is_read_only_for_a_department(
    client: Any, world: World, center_editor: Any
) -> None:
    Milestone.objects.create(
        initiative=world.initiative, round=world.round, text="Licitation afsluttet.", version=1
    )
    login(client, center_editor)
    body = client.get(_url("1.1")).content.decode()
    assert "Licitation afsluttet." in body and 'name="text"' not in body
    client.post(_url("1.1"), _form(1, text="Ændret plan", status_note="Afsluttet.", smiley="happy"))
    milestone = Milestone.objects.get(initiative=world.initiative, round=world.round)
    assert (milestone.text, milestone.status_note) == ("Licitation afsluttet.", "Afsluttet.")


def test_the_budget_table_scrolls_sideways_from_the_keyboard_too(
    client: Any, world: World, center_editor: Any
) -> None:
    # On a phone the table is wider than the screen: its scroll region must take focus.
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=1000000
    )
    login(client, center_editor)
    body = client.get(_url("1.1")).content.decode()
    assert (
        '<div class="table--responsive-scroll" tabindex="0" role="region" '
        'aria-label="Korrigeret budget pr.'
    ) in body


def test_the_economy_figures_are_saved_with_the_status_only_when_changed(
    client: Any, world: World, center_editor: Any
) -> None:
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=1000000
    )
    login(client, center_editor)
    body = client.get(_url("1.1")).content.decode()
    assert "Økonomi ved denne opfølgning" in body and "Forbrugt til dato" in body
    client.post(_url("1.1"), _form(status_note="I gang.", smiley="happy"))
    assert not EconomyStatus.objects.filter(initiative=world.initiative).exists()
    client.post(
        _url("1.1"),
        _form(1, status_note="I gang.", smiley="happy", **{"okonomi-expected": "1,2 mio. kr."}),
    )
    economy = EconomyStatus.objects.get(initiative=world.initiative, round=world.round)
    assert (economy.expected, economy.smiley) == (1_200_000, "sad")


def test_a_save_with_changed_figures_stays_within_its_query_budget(
    client: Any, world: World, center_editor: Any, django_assert_max_num_queries: Any
) -> None:
    # Issue 16's load test: the status save (at most 18) plus the economy service (lock,
    # round, budget lines and changes, the economy row with its history); constant.
    BudgetLine.objects.create(
        initiative=world.initiative, year=2019, kind="capital", amount=1000000
    )
    login(client, center_editor)
    client.get(_url("1.1"))
    with django_assert_max_num_queries(BUDGET_WITH_ECONOMY):
        saved = client.post(
            _url("1.1"),
            _form(status_note="I gang.", smiley="happy", **{"okonomi-expected": "900.000"}),
            HTTP_HX_REQUEST="true",
        )
    assert saved.status_code == 200
    economy = EconomyStatus.objects.get(initiative=world.initiative, round=world.round)
    assert economy.expected == 900_000


def test_refused_figures_keep_the_status_unsaved_too(
    client: Any, world: World, center_editor: Any
) -> None:
    login(client, center_editor)
    response = client.post(
        _url("1.1"), _form(status_note="I gang.", smiley="happy", **{"okonomi-spent": "mange"})
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="error-summary"' in body and 'href="#id_okonomi-spent"' in body
    assert not Milestone.objects.filter(initiative=world.initiative).exists()


def test_a_broken_rule_is_shown_on_its_field_and_in_the_summary(
    client: Any, world: World, center_editor: Any
) -> None:
    login(client, center_editor)
    # Not started: no rule is shown as broken yet.
    body = client.get(_url("1.1")).content.decode()
    assert 'id="smiley-rule"' not in body and 'id="error-summary"' not in body
    response = client.post(
        _url("1.1"),
        _form(status_note="Forsinket.", smiley="sad", submit="next"),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'id="id_corrective_action-rule"' in body
    assert 'href="#id_corrective_action"' in body and "autofocus" in body
    assert Submission.objects.get(pk=world.submission.pk).state == SubmissionState.DRAFT


def test_changing_a_submitted_status_says_it_withdraws_the_submission(
    client: Any, world: World, center_editor: Any
) -> None:
    login(client, center_editor)
    client.post(_url("1.1"), _form(status_note="I gang.", smiley="happy", submit="next"))
    body = client.get(_url("1.1")).content.decode()
    assert "trækkes indsendelsen tilbage" in body
    assert "Gem som kladde (trækker indsendelsen tilbage)" in body
    client.post(_url("1.1"), _form(1, status_note="Alligevel forsinket.", smiley="happy"))
    assert Submission.objects.get(pk=world.submission.pk).state == SubmissionState.DRAFT
    assert "indsendelsen er trukket tilbage" in client.get(_url("1.1")).content.decode()


def test_the_finance_office_reviews_and_goes_on_to_the_next(
    client: Any, world: World, center_editor: Any, finance_officer: Any
) -> None:
    login(client, center_editor)
    client.post(_url("1.1"), _form(status_note="I gang.", smiley="happy", submit="next"))
    login(client, finance_officer)
    body = client.get(_url("1.1")).content.decode()
    assert "Indsats 1 af 2" in body
    assert 'id="status-form"' not in body  # read, not edited
    assert "Godkend og gå til næste" in body and "Ret indberetningen på centrets vegne" in body
    assert "Økonomi ved denne opfølgning" in body
    Submission.objects.filter(pk=world.other_submission.pk).update(state=SubmissionState.SUBMITTED)
    response = client.post(
        reverse("web:status-review", args=[2019, 3, "1.1"]),
        {"action": "approve", "comment": "", "next": "walk"},
    )
    assert response["Location"] == _url("1.2")
    assert Submission.objects.get(pk=world.submission.pk).state == SubmissionState.APPROVED
    # On the center's behalf the form is there.
    assert 'id="status-form"' in client.get(_url("1.2", "?ret=1")).content.decode()


def test_the_review_goes_on_to_the_next_status_awaiting_review(
    client: Any, world: World, finance_officer: Any
) -> None:
    # From the board's list (no filter) 1.2 comes next, but it is not submitted: approving
    # 1.1 goes on to 1.3, the next to review; after the last one, back to the board.
    third = own_second_initiative(world)
    Submission.objects.filter(initiative__in=[world.initiative, third]).update(
        state=SubmissionState.SUBMITTED
    )
    login(client, finance_officer)
    body = client.get(_url("1.1")).content.decode()
    assert "Næste: 1.2" in body and "Godkend og gå til næste" in body
    review = reverse("web:status-review", args=[2019, 3, "1.1"])
    response = client.post(review, {"action": "approve", "comment": "", "next": "walk"})
    assert response["Location"] == _url("1.3")
    response = client.post(
        reverse("web:status-review", args=[2019, 3, "1.3"]),
        {"action": "return", "comment": "Skriv datoen.", "next": "walk"},
    )
    assert response["Location"] == reverse("web:round-manage", args=[2019, 3])
    assert Submission.objects.get(initiative=third).state == SubmissionState.RETURNED


def test_approval_is_disabled_while_a_rule_is_broken(
    client: Any, world: World, finance_officer: Any
) -> None:
    Milestone.objects.create(
        initiative=world.initiative, round=world.round, smiley="sad", status_note="x", version=1
    )
    Submission.objects.filter(pk=world.submission.pk).update(state=SubmissionState.SUBMITTED)
    login(client, finance_officer)
    body = client.get(_url("1.1")).content.decode()
    assert 'value="approve" disabled' in body
    assert "kan ikke godkendes" in body


def test_a_refused_save_on_the_centers_behalf_shows_the_form_with_its_error(
    client: Any, world: World, finance_officer: Any
) -> None:
    login(client, finance_officer)
    response = client.post(_url("1.1"), _form(status_note="x" * 10001), HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="status-form"' in body and 'href="#id_status_note"' in body


def test_the_last_status_of_the_walk_is_approved_and_back_to_the_board(
    client: Any, world: World, finance_officer: Any
) -> None:
    Submission.objects.filter(pk=world.other_submission.pk).update(state=SubmissionState.SUBMITTED)
    Milestone.objects.create(
        initiative=world.other_initiative, round=world.round, smiley="happy", status_note="I gang."
    )
    login(client, finance_officer)
    body = client.get(_url("1.2", "?tilstand=submitted")).content.decode()
    assert "Godkend og gå til listen" in body and 'name="next" value="walk"' in body
    response = client.post(
        reverse("web:status-review", args=[2019, 3, "1.2"]) + "?tilstand=submitted",
        {"action": "approve", "comment": "", "next": "walk"},
    )
    assert (
        response["Location"] == reverse("web:round-manage", args=[2019, 3]) + "?tilstand=submitted"
    )


def test_the_menu_marks_styring_for_the_finance_office_on_a_status_page(
    client: Any, world: World, finance_officer: Any, center_editor: Any
) -> None:
    login(client, finance_officer)
    nav = client.get(_url("1.1")).content.decode().split('aria-label="Hovedmenu"')[1]
    nav = nav.split("</nav>")[0]
    assert '<li class="active"><a class="nav-link" href="/styring/">' in nav
    assert nav.count('class="active"') == 1
    login(client, center_editor)
    nav = client.get(_url("1.1")).content.decode().split('aria-label="Hovedmenu"')[1]
    assert '<li class="active"><a class="nav-link" href="/mine/">' in nav.split("</nav>")[0]
