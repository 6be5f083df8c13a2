"""A published report as citizens get it: the report, without the contact person."""

from __future__ import annotations

import pytest

from opfolgning.accounts.models import Role
from opfolgning.agreements.models import Round
from opfolgning.agreements.services import report_import
from opfolgning.agreements.workflow_services import round_publish
from opfolgning.importers.text import parse_text
from tests.personas import make_user

pytestmark = pytest.mark.django_db

REPORT_URL = "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/"
NAME, PHONE = "Kathrine Dahl Marcussen", "2498 1032"


@pytest.fixture
def published(seed_path):
    doc = parse_text(seed_path.read_bytes(), source=seed_path.name)
    report_import(actor=None, document=doc, source_name=seed_path.name)
    round_publish(actor=None, round_obj=Round.objects.get(agreement__year=2019, number=3))
    assert doc.contact.name == NAME  # the seed names its contact person
    return doc


@pytest.mark.parametrize("url", [REPORT_URL, "/aftaler/2019/opfolgning/3/"])
def test_citizen_reads_the_published_report_without_its_contact_person(published, client, url):
    page = client.get(url).content.decode()

    assert "Plejecenter Toftehaven" in page
    assert NAME not in page
    assert PHONE not in page


@pytest.mark.parametrize("fmt", ["json", "html", "csv"])
def test_citizen_downloads_carry_no_contact_person(published, client, fmt):
    response = client.get(REPORT_URL, {"format": fmt})

    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Toftehaven" in body
    assert NAME not in body
    assert PHONE not in body


def test_signed_in_staff_still_see_the_contact_person(published, client):
    client.force_login(make_user("okonomi", Role.FINANCE_OFFICER))
    page = client.get(REPORT_URL).content.decode()
    assert NAME in page
    # The cached body of the frozen report is kept apart for citizens and staff.
    client.logout()
    assert NAME not in client.get(REPORT_URL).content.decode()
