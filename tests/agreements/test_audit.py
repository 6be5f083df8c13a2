"""The audit helpers: every write's history row names the signed-in user and the reason."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from opfolgning.agreements.audit import (
    audited_bulk_create,
    audited_bulk_update,
    audited_delete,
    audited_save,
    reason_for,
    user_of,
)
from opfolgning.agreements.models import Center

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(django_user_model):
    return django_user_model.objects.create_user("anna", first_name="Anna")


def test_a_save_records_the_user_and_the_reason(anna):
    center = Center(name="Ejendomme")
    audited_save(center, anna, "Oprettet")
    center.name = "Ejendomme og Byg"
    audited_save(center, anna, "Omdøbt")
    created, changed = center.history.order_by("history_date", "history_id")
    assert (created.history_type, created.history_user, created.history_change_reason) == (
        "+",
        anna,
        "Oprettet",
    )
    assert (changed.history_type, changed.history_user, changed.history_change_reason) == (
        "~",
        anna,
        "Omdøbt",
    )
    assert changed.name == "Ejendomme og Byg"


@pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["nobody", "anonymous"])
def test_without_a_signed_in_user_the_history_keeps_the_reason_and_names_no_one(actor):
    center = Center(name="Ejendomme")
    audited_save(center, actor, "import: a.txt")
    record = center.history.get()
    assert record.history_user is None
    assert record.history_change_reason == "import: a.txt"


def test_a_delete_records_the_user_and_the_reason(anna):
    center = Center.objects.create(name="Ejendomme")
    pk = center.pk
    audited_delete(center, anna, "Nedlagt")
    assert not Center.objects.filter(pk=pk).exists()
    record = Center.history.filter(id=pk).latest("history_date")
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        anna,
        "Nedlagt",
    )


def test_bulk_writes_record_the_user_and_the_reason_on_every_row(anna):
    audited_bulk_create([Center(name="A"), Center(name="B")], Center, anna, "Indlæst")
    centers = list(Center.objects.order_by("name"))
    for center in centers:
        center.name += " (ny)"
    audited_bulk_update(centers, Center, ["name"], AnonymousUser(), "Rettet")
    rows = list(
        Center.history.order_by("history_id").values_list(
            "name", "history_type", "history_user", "history_change_reason"
        )
    )
    assert rows == [
        ("A", "+", anna.pk, "Indlæst"),
        ("B", "+", anna.pk, "Indlæst"),
        ("A (ny)", "~", None, "Rettet"),
        ("B (ny)", "~", None, "Rettet"),
    ]


def test_the_reason_names_the_signed_in_user_only(anna):
    assert reason_for(anna, "API token created") == "API token created (anna)"
    assert reason_for(AnonymousUser(), "API token created") == "API token created"
    assert reason_for(None, "API token created") == "API token created"
    assert user_of(anna) == anna
    assert user_of(AnonymousUser()) is None
    assert user_of(None) is None
