"""Budgets in the report document: amended budgets, economy figures, query count and import."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opfolgning.agreements import budget_selectors as bsel
from opfolgning.agreements import budget_services as bs
from opfolgning.agreements import selectors
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.budget_selectors import budget_of
from opfolgning.agreements.models import (
    BudgetChange,
    BudgetChangeAmount,
    BudgetLine,
    ChangeStatus,
    Initiative,
    Round,
)
from opfolgning.agreements.services import ImportRejected, report_import
from opfolgning.followup.document import (
    BudgetChangeDoc,
    BudgetDoc,
    BudgetLineDoc,
    ChangeAmountDoc,
    ReportDocument,
)
from opfolgning.followup.text import one_line
from opfolgning.importers.text import parse_text
from tests import factories

pytestmark = pytest.mark.django_db

MIO = 1_000_000
COMMITTEE = "Økonomiudvalget"


def _change(kind: str, amounts: dict[int, int], status: str = "proposed", **kw) -> BudgetChangeDoc:
    return BudgetChangeDoc(
        kind=kind,
        kind_of_money="capital",
        amounts=[ChangeAmountDoc(year, amount) for year, amount in amounts.items()],
        financing=kw.pop("financing", "Inden for anlægsrammen"),
        status=status,
        **kw,
    )


def _budget() -> BudgetDoc:
    """Return 2 mio. kr. in 2019 and 1 mio. kr. in 2020 with one change of each status."""
    return BudgetDoc(
        lines=[BudgetLineDoc(2019, "capital", 2 * MIO), BudgetLineDoc(2020, "capital", MIO)],
        changes=[
            _change(
                "cut",
                {2019: -500_000},
                "approved",
                decided_on=dt.date(2019, 5, 1),
                reference="KB 1",
            ),
            _change("increase", {2019: MIO}),  # proposed
            _change(
                "increase",
                {2019: 2 * MIO},
                "rejected",
                decided_on=dt.date(2019, 6, 1),
                reference="",
            ),
            # Approved after the report's date (9 October 2019): not yet in its amended budget.
            _change(
                "increase",
                {2020: 300_000},
                "approved",
                decided_on=dt.date(2019, 11, 1),
                reference="KB 2",
            ),
        ],
        review=["Kunne ikke læses (»ca. 3 mio. kr.«): angiv beløb og år i budgettet."],
    )


def _report(initiatives: int = 3, **kw) -> ReportDocument:
    doc = factories.report(initiatives=initiatives, **kw)
    for ini in doc.initiatives():
        ini.budget = _budget()
    return doc


def _stored() -> tuple[int, ...]:
    return (
        BudgetLine.objects.count(),
        BudgetLine.history.count(),
        BudgetChange.objects.count(),
        BudgetChange.history.count(),
        BudgetChangeAmount.history.count(),
        Initiative.history.count(),
    )


def _first(doc: ReportDocument):
    return doc.initiatives()[0]


def _report_doc(round_number: int = 3) -> ReportDocument:
    return selectors.report_document(year=2019, round_number=round_number, committee=COMMITTEE)


# --- the report document -------------------------------------------------------------------


def test_only_approved_changes_by_the_reports_date_alter_the_amended_budget():
    report_import(actor=None, document=_report(initiatives=1))
    data = _report_doc().to_dict()["themes"][0]["initiatives"][0]["budget"]
    # 2019: 2 mio. minus the approved cut; the proposed and the rejected increase do not count,
    # and the increase approved after 9 October 2019 does not count yet.
    assert data["amended"] == [
        {"year": 2019, "kind": "capital", "amount": 1_500_000},
        {"year": 2020, "kind": "capital", "amount": MIO},
    ]
    assert [c["status"] for c in data["changes"]] == [
        "approved",
        "proposed",
        "rejected",
        "approved",
    ]


def test_an_approval_in_the_app_alters_the_amended_budget_of_the_report():
    doc = factories.report(initiatives=1)
    _first(doc).budget = BudgetDoc(
        lines=[BudgetLineDoc(2019, "capital", 2 * MIO)],
        changes=[_change("increase", {2019: MIO})],
    )
    report_import(actor=None, document=doc)
    amended = _report_doc().to_dict()["themes"][0]["initiatives"][0]["budget"]["amended"]
    assert amended == [{"year": 2019, "kind": "capital", "amount": 2 * MIO}]
    bs.change_approve(
        actor=None, change=BudgetChange.objects.get(), decided_on=dt.date(2019, 9, 1), reference="K"
    )
    amended = _report_doc().to_dict()["themes"][0]["initiatives"][0]["budget"]["amended"]
    assert amended == [{"year": 2019, "kind": "capital", "amount": 3 * MIO}]


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        (None, None),
        (BudgetDoc(), None),
        (BudgetDoc(no_money=True), BudgetDoc(no_money=True)),
        (BudgetDoc(review=["Se efter"]), BudgetDoc(review=["Se efter"])),
    ],
    ids=["unknown", "empty", "no-money", "review-only"],
)
def test_the_budget_is_none_only_when_nothing_about_the_money_is_known(budget, expected):
    doc = factories.report(initiatives=1)
    _first(doc).budget = budget
    report_import(actor=None, document=doc)
    assert _first(_report_doc()).budget == expected


def test_the_report_shows_the_rounds_economy_figures_and_reason():
    report_import(actor=None, document=_report(initiatives=1, round_number=2))
    round3 = Round.objects.get(number=3)
    wf.round_open(actor=None, round_obj=round3)
    initiative = Initiative.objects.get(number="1.1")
    bs.economy_figures_save(
        actor=None,
        initiative=initiative,
        round_obj=round3,
        spent=800_000,
        expected=1_800_000,
        saving_achieved=None,
        note="Licitation i november",
    )
    economy = _first(_report_doc()).economy
    assert (economy.spent, economy.expected, economy.note) == (
        800_000,
        1_800_000,
        "Licitation i november",
    )
    # Round 3 has no date: every approved change counts, so 2019 holds 1,5 mio. kr.
    assert economy.smiley is not None and economy.smiley.value == "sad"
    assert economy.reason.startswith("Forventet forbrug 1,8 mio. kr. overstiger")
    assert not economy.set_by_officer


def test_budget_of_returns_the_stored_budget_of_one_initiative():
    report_import(actor=None, document=_report(initiatives=1))
    assert budget_of(Initiative.objects.get()) == _budget()


def _queries(initiatives: int) -> int:
    for model in (Initiative, BudgetLine, BudgetChange):
        model.objects.all().delete()
    report_import(actor=None, document=_report(initiatives=initiatives))
    with CaptureQueriesContext(connection) as ctx:
        doc = _report_doc()
    assert len(doc.initiatives()) == initiatives
    assert all(ini.budget == _budget() for ini in doc.initiatives())
    return len(ctx.captured_queries)


def test_the_report_documents_query_count_does_not_grow_with_the_number_of_initiatives():
    assert _queries(3) == _queries(30)


def test_budgets_cost_the_report_two_queries_and_the_status_rows_none():
    report_import(actor=None, document=_report(initiatives=3))
    round_obj = Round.objects.get(number=3)
    initiatives = Initiative.objects.all()
    with CaptureQueriesContext(connection) as plain:
        data = selectors.initiative_data(initiatives, round_obj)
    with CaptureQueriesContext(connection) as with_budgets:
        budgeted = selectors.initiative_data(initiatives, round_obj, budgets=True)
    assert len(with_budgets) == len(plain) + 2
    assert all(ini.budget is None for t in selectors.theme_docs_from(data) for ini in t.initiatives)
    assert all(
        ini.budget == _budget()
        for t in selectors.theme_docs_from(budgeted)
        for ini in t.initiatives
    )


# --- report_import -------------------------------------------------------------------------


def test_a_document_with_budgets_round_trips_through_the_database():
    doc = _report(initiatives=2)
    result = report_import(actor=None, document=doc)
    assert result.created["budgetline"] == 4
    assert result.created["budgetchange"] == 8
    back = _report_doc()
    assert [ini.budget for ini in back.initiatives()] == [_budget(), _budget()]
    again = ReportDocument.from_json(back.to_json())
    assert [ini.budget for ini in again.initiatives()] == [_budget(), _budget()]


def test_reimporting_the_same_document_with_budgets_changes_nothing():
    doc = _report(initiatives=3)
    report_import(actor=None, document=doc)
    before = _stored()
    result = report_import(actor=None, document=doc)
    assert not result.changed
    assert _stored() == before


def test_reimporting_after_an_approval_in_the_app_keeps_the_approval_and_adds_nothing():
    doc = factories.report(initiatives=1)
    _first(doc).budget = BudgetDoc(
        lines=[BudgetLineDoc(2019, "capital", 2 * MIO)],
        changes=[_change("postponement", {2019: -MIO, 2020: MIO})],
    )
    report_import(actor=None, document=doc)
    bs.change_approve(
        actor=None, change=BudgetChange.objects.get(), decided_on=dt.date(2019, 9, 1), reference="K"
    )
    before = _stored()
    assert not report_import(actor=None, document=doc).changed
    assert _stored() == before
    assert BudgetChange.objects.get().status == ChangeStatus.APPROVED


def test_a_new_document_replaces_the_lines_and_adds_only_new_changes():
    doc = _report(initiatives=1)
    report_import(actor=None, document=doc)
    budget = _first(doc).budget
    assert budget is not None
    budget.lines = [BudgetLineDoc(2019, "capital", 3 * MIO)]
    budget.changes.append(_change("increase", {2021: 250_000}, financing="Puljen"))
    report_import(actor=None, document=doc)
    assert list(BudgetLine.objects.values_list("year", "amount")) == [(2019, 3 * MIO)]
    assert BudgetChange.objects.count() == 5
    assert BudgetLine.history.filter(history_type="-", year=2020).exists()


def test_a_document_without_budgets_leaves_the_stored_budget_alone():
    report_import(actor=None, document=_report(initiatives=1))
    before = _stored()
    assert not report_import(actor=None, document=factories.report(initiatives=1)).changed
    assert _stored() == before


@pytest.mark.parametrize(
    ("budget", "words"),
    [
        (BudgetDoc(lines=[BudgetLineDoc(2019, "capital", -1)]), ["indsats 1.1", "2019", "-1 kr."]),
        (BudgetDoc(lines=[BudgetLineDoc(2031, "capital", 1)]), ["indsats 1.1", "2031"]),
        (
            BudgetDoc(lines=[BudgetLineDoc(2019, "capital", 1.5)]),
            ["initiative 1.1", "1.5", "2019", "whole kroner"],
        ),
        (
            BudgetDoc(lines=[BudgetLineDoc(2019, "capital", 1)], no_money=True),
            ["initiative 1.1", "no money"],
        ),
        (
            BudgetDoc(changes=[_change("postponement", {2019: -MIO, 2020: MIO})]),
            ["indsats 1.1", "2019", "1 mio. kr.", "kun 0 kr."],
        ),
        (
            BudgetDoc(changes=[_change("increase", {2019: MIO}, financing=" ")]),
            ["Alternativ finansiering mangler"],
        ),
        (
            BudgetDoc(changes=[_change("increase", {2019: MIO}, "approved")]),
            ["datoen for Kommunalbestyrelsens beslutning", "henvise til sagen"],
        ),
        (
            BudgetDoc(changes=[_change("increase", {2019: MIO}, "rejected")]),
            ["decision date"],
        ),
    ],
    ids=[
        "negative",
        "outside-period",
        "float",
        "no-money-with-lines",
        "moves-more-than-held",
        "no-financing",
        "approved-undated",
        "rejected-undated",
    ],
)
def test_an_import_with_a_refused_budget_stores_nothing(budget, words):
    doc = factories.report(initiatives=2)
    _first(doc).budget = budget
    with pytest.raises(ImportRejected) as refused:
        report_import(actor=None, document=doc)
    for word in words:
        assert word in str(refused.value)
    assert Initiative.objects.count() == 0
    assert _stored() == (0, 0, 0, 0, 0, 0)


def test_the_seeds_budgets_are_stored_and_a_second_import_changes_nothing(seed_path):
    doc = parse_text(seed_path.read_bytes(), source=str(seed_path))
    report_import(actor=None, document=doc)
    lines = sum(len(ini.budget.lines) for ini in doc.initiatives() if ini.budget)
    changes = sum(len(ini.budget.changes) for ini in doc.initiatives() if ini.budget)
    assert lines > 0
    assert (BudgetLine.objects.count(), BudgetChange.objects.count()) == (lines, changes)
    stored = {ini.number: ini.budget for ini in _report_doc().initiatives()}
    for ini in doc.initiatives():
        known = ini.budget if ini.budget and ini.budget != BudgetDoc() else None
        assert stored[ini.number] == (
            dataclasses.replace(known, review=[one_line(r) for r in known.review])
            if known
            else None
        )
    before = _stored()
    assert not report_import(actor=None, document=doc).changed
    assert _stored() == before


# --- the economy pages' reads --------------------------------------------------------------


def test_the_economy_view_rows_are_adopted_approved_changes_and_amended():
    report_import(actor=None, document=_report(initiatives=1))
    view = bsel.economy_view(Initiative.objects.get(), as_of=dt.date(2019, 10, 9))
    assert view.years == [2019, 2020, 2021, 2022]
    assert [(r.kind, r.label, r.cells, r.total) for r in view.rows] == [
        ("adopted", "Vedtaget budget", ["2 mio. kr.", "1 mio. kr.", "", ""], "3 mio. kr."),
        (
            "change",
            "Reduktion (godkendt 1. maj 2019)",
            ["-500.000 kr.", "", "", ""],
            "-500.000 kr.",
        ),
        ("amended", "Korrigeret budget", ["1,5 mio. kr.", "1 mio. kr.", "", ""], "2,5 mio. kr."),
    ]
    assert [(c.kind, c.status, c.cells[:2]) for c in view.changes] == [
        ("cut", "approved", ["-500.000 kr.", ""]),
        ("increase", "proposed", ["+1 mio. kr.", ""]),
        ("increase", "rejected", ["+2 mio. kr.", ""]),
        ("increase", "approved", ["", "+300.000 kr."]),
    ]
    assert view.text.startswith("Der er afsat 2 mio. kr. i 2019 og 1 mio. kr. i 2020.")
    assert view.review == _budget().review
    assert view.budget_initial() == {
        "no_money": False,
        "capital_2019": 2 * MIO,
        "capital_2020": MIO,
    }


def test_an_unknown_budget_has_no_rows_and_no_text():
    report_import(actor=None, document=factories.report(initiatives=1))
    view = bsel.economy_view(Initiative.objects.get())
    assert (view.rows, view.changes, view.text) == ([], [], "")


def test_the_economy_status_read_gives_the_stored_figures_and_the_officers_note_back():
    report_import(actor=None, document=_report(initiatives=1, round_number=2))
    round3 = Round.objects.get(number=3)
    initiative = Initiative.objects.get()
    assert bsel.open_round_number(initiative) is None
    assert bsel.economy_status_of(initiative, round3) == bsel.EconomyStatusView()
    wf.round_open(actor=None, round_obj=round3)
    assert bsel.open_round_number(initiative) == 3
    bs.economy_figures_save(
        actor=None,
        initiative=initiative,
        round_obj=round3,
        spent=1_500_000,
        expected=None,
        saving_achieved=False,
        officer_smiley="sad",
        officer_note="Udbuddet blev dyrere",
        note="Se sagen",
    )
    status = bsel.economy_status_of(initiative, round3)
    assert (status.spent_text, status.expected_text) == ("1,5 mio. kr.", "")
    assert status.figures_initial() == {
        "spent": 1_500_000,
        "expected": None,
        "saving_achieved": "no",
        "note": "Se sagen",
    }
    assert status.override_initial() == {
        "officer_smiley": "sad",
        "officer_note": "Udbuddet blev dyrere",
    }
    # Saving the page again with nothing changed stores the same values.
    again = bs.economy_figures_save(
        actor=None, initiative=initiative, round_obj=round3, **status.values()
    )
    assert (again.smiley, again.reason) == ("sad", "Sat af sagsbehandleren: Udbuddet blev dyrere")
