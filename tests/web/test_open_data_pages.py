"""Open data on the site: the catalogue, an agreement's page, its files and the schema.

The example report is imported and round 3 published; round 4 is then opened and a draft
with distinctive words is saved in it. Nothing of that draft, no user and no report contact
person may appear anywhere in open data.
"""

from __future__ import annotations

import csv
import io
import json

import jsonschema_rs
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opfolgning.accounts.models import Role
from opfolgning.agreements import public_selectors
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import Milestone, Round
from opfolgning.agreements.services import report_import
from opfolgning.exporters import open_data
from opfolgning.importers import parse_path
from tests import factories
from tests.personas import make_user

pytestmark = pytest.mark.django_db

BASE = "/aftaler/2019/data/"
FILES = (
    "opfolgning-2019.json",
    "opfolgning-2019-indsatser.csv",
    "opfolgning-2019-status.csv",
    "opfolgning-2019-budget.csv",
)
PAGES = ("/data/", BASE)
# Words of the open round's draft: they must never reach open data.
DRAFT = ("HEMMELIG-UDKAST-MILEPÆL", "HEMMELIG-UDKAST-STATUS", "HEMMELIG-UDKAST-HANDLING")
# The people involved: the report's contact person and the users who acted.
PERSONAL = (
    "Kathrine Dahl Marcussen",
    "okonomi@balk.dk",
    "2498 1032",
    "Gudrun",
    "Qvistgaard",
    "xq-okonomi",
    "Bertil",
    "Zachariassen",
    "xq-center",
    "@kommune.example",
)


@pytest.fixture
def seed(seed_path):
    """Import the example (round 3), publish it, open round 4 and save a draft in it."""
    officer = make_user(
        "xq-okonomi", Role.FINANCE_OFFICER, first_name="Gudrun", last_name="Qvistgaard"
    )
    report_import(actor=officer, document=parse_path(seed_path), source_name=seed_path.name)
    wf.round_publish(actor=officer, round_obj=Round.objects.get(agreement__year=2019, number=3))
    round4 = Round.objects.get(agreement__year=2019, number=4)
    wf.round_open(actor=officer, round_obj=round4)
    submission = ws.submission_get(round_obj=round4, number="1.11")
    editor = make_user(
        "xq-center",
        Role.DEPARTMENT_EDITOR,
        centers=(submission.initiative.center,),
        first_name="Bertil",
        last_name="Zachariassen",
    )
    milestone = Milestone.objects.filter(initiative=submission.initiative, round=round4).first()
    wf.status_save(
        actor=editor,
        submission=submission,
        base_version=milestone.version if milestone else 0,
        text=DRAFT[0],
        status_note=DRAFT[1],
        smiley="sad",
        corrective_action=DRAFT[2],
    )
    return round4


def _rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_the_json_holds_the_published_initiatives_and_smileys(client, seed):
    response = client.get(BASE + "opfolgning-2019.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["agreement"] == {"year": 2019, "name": "Aftale om budget 2019"}
    assert [g["round"] for g in data["generated_from"]] == [3]
    initiatives = {i["number"]: i for i in data["initiatives"]}
    assert len(initiatives) == 27
    toftehaven = initiatives["1.11"]
    assert toftehaven["title"] == "Plejecenter Toftehaven"
    assert [(s["round"], s["smiley"]) for s in toftehaven["statuses"]] == [
        (1, "neutral"),
        (2, "neutral"),
        (3, "happy"),
    ]
    assert toftehaven["statuses"][-1]["economy_smiley"] == "sad"
    assert toftehaven["budget"]["lines"] == [{"year": 2019, "kind": "capital", "amount": 2000000}]
    # The milestone planned for round 4, as the published report printed it.
    assert toftehaven["planned"][0]["milestone"].startswith("Projektforslag er udarbejdet")


def test_the_json_validates_against_the_served_schema(client, seed):
    schema_response = client.get("/data/skema.json")
    assert schema_response.status_code == 200
    assert schema_response["Content-Type"] == "application/schema+json"
    schema = json.loads(schema_response.content)
    jsonschema_rs.meta.validate(schema)
    data = json.loads(client.get(BASE + "opfolgning-2019.json").content)
    assert data["schema"] == schema["$id"] == "http://127.0.0.1:8000/data/skema.json"
    validator = jsonschema_rs.Draft202012Validator(schema)
    assert [str(e) for e in validator.iter_errors(data)] == []


def test_the_csv_files_parse_and_have_the_documented_columns(client, seed):
    expected = {
        "indsatser": open_data.INITIATIVE_COLUMNS,
        "status": open_data.STATUS_COLUMNS,
        "budget": open_data.BUDGET_COLUMNS,
    }
    rows = {}
    for key, columns in expected.items():
        response = client.get(f"{BASE}opfolgning-2019-{key}.csv")
        assert response.status_code == 200, key
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.startswith("\ufeff".encode())
        rows[key] = _rows(response.content)
        assert list(rows[key][0]) == [c.name for c in columns], key
    initiatives = {r["number"]: r for r in rows["indsatser"]}
    assert len(initiatives) == 27
    assert (initiatives["1.11"]["smiley"], initiatives["1.11"]["smiley_da"]) == ("happy", "glad")
    assert initiatives["2.6"]["smiley_da"] == "mellemfornøjet"
    assert initiatives["1.11"]["economy_smiley_da"] == "sur"
    status = [(r["round"], r["smiley"]) for r in rows["status"] if r["number"] == "3.20"]
    assert status == [("1", "happy"), ("2", "happy"), ("3", "neutral")]
    assert [(r["number"], r["adopted"]) for r in rows["budget"]] == [("1.11", "2000000")]


def test_nothing_of_the_open_round_and_no_personal_data_appears(client, seed):
    # The draft is really stored: the check below would otherwise prove nothing.
    assert Milestone.objects.get(initiative__number="1.11", round=seed).text == DRAFT[0]
    for url in (*PAGES, "/data/skema.json", *(BASE + name for name in FILES)):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8")
        for word in (*DRAFT, *PERSONAL):
            assert word not in text, (url, word)


def test_files_are_byte_identical_on_every_call(client, seed):
    for name in FILES:
        first = client.get(BASE + name).content
        # Built again from the database, not only served from the process cache.
        public_selectors._build.cache_clear()
        assert client.get(BASE + name).content == first, name


def test_files_are_open_to_other_sites_cached_and_downloaded_as_attachments(client, seed):
    response = client.get(BASE + "opfolgning-2019-status.csv")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Disposition"] == 'attachment; filename="opfolgning-2019-status.csv"'


def test_a_known_etag_gets_304_without_a_body(client, seed):
    url = BASE + "opfolgning-2019.json"
    etag = client.get(url)["ETag"]
    assert etag.startswith('"') and len(etag) == 34
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    weak = client.get(url, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    schema_etag = client.get("/data/skema.json")["ETag"]
    assert client.get("/data/skema.json", headers={"If-None-Match": schema_etag}).status_code == 304


def test_an_unknown_file_name_gets_404_naming_the_files(client, seed):
    response = client.get(BASE + "opfolgning-2019.xml")
    assert response.status_code == 404
    text = response.content.decode()
    assert "opfolgning-2019.xml" in text and "opfolgning-2019-indsatser.csv" in text


def test_a_year_without_published_data_gets_404_with_a_clear_message(client, seed):
    for url in ("/aftaler/2018/data/", "/aftaler/2018/data/opfolgning-2018.json"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Der er ikke offentliggjort data" in response.content.decode()


def test_an_agreement_whose_rounds_are_only_imported_has_no_open_data(client, seed_path):
    report_import(actor=None, document=parse_path(seed_path), source_name=seed_path.name)
    assert client.get(BASE + "opfolgning-2019.json").status_code == 404
    assert "Aftale om budget 2019" not in client.get("/data/").content.decode()


def test_without_budgets_the_budget_file_is_404(client):
    report_import(actor=None, document=factories.report(initiatives=2), source_name="r.txt")
    wf.round_publish(actor=None, round_obj=Round.objects.get(number=3))
    assert client.get(BASE + "opfolgning-2019-budget.csv").status_code == 404
    assert client.get(BASE + "opfolgning-2019-status.csv").status_code == 200


def test_catalogue_lists_the_published_agreement_its_files_and_the_licence(client, seed):
    text = client.get("/data/").content.decode()
    assert "Aftale om budget 2019" in text
    for name in FILES:
        assert f'href="{BASE}{name}"' in text, name
    assert 'href="https://creativecommons.org/licenses/by/4.0/legalcode"' in text
    assert "CC BY 4.0" in text and "Kommunen" in text


def test_the_agreement_page_documents_columns_source_and_last_change(client, seed):
    text = client.get(BASE).content.decode()
    for column in (*open_data.INITIATIVE_COLUMNS, *open_data.STATUS_COLUMNS):
        assert f"<code>{column.name}</code>" in text
    assert "Smiley for indsatsen ved den nyeste opfølgning" in text
    assert "Senest ændret" in text and "<time datetime=" in text
    # The source: round 3, version 1 (round 4 is open and not listed).
    assert "<td>3</td><td>3. budgetopfølgning 2019</td><td>1</td>" in text
    assert "<td>4</td>" not in text
    assert 'href="/data/skema.json"' in text


def test_every_page_links_to_open_data_in_the_footer(client, seed):
    assert 'href="/data/"' in client.get("/").content.decode()


def test_licence_and_publisher_come_from_the_settings(client, seed, settings):
    settings.OPEN_DATA_LICENCE = "CC0 1.0"
    settings.OPEN_DATA_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
    settings.OPEN_DATA_PUBLISHER = "Ballerup Kommune"
    data = json.loads(client.get(BASE + "opfolgning-2019.json").content)
    assert data["licence"] == {
        "name": "CC0 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }
    assert data["publisher"] == "Ballerup Kommune"
    assert "Ballerup Kommune" in client.get(BASE).content.decode()


def test_only_get_and_head_are_answered(client, seed):
    assert client.post(BASE + "opfolgning-2019.json").status_code == 405
    assert client.head(BASE + "opfolgning-2019.json").status_code == 200


def test_files_and_pages_cost_the_same_queries_for_3_and_30_initiatives(client):
    for year, size in ((2019, 3), (2020, 30)):
        doc = factories.report(initiatives=size, year=year)
        report_import(actor=None, document=doc, source_name=f"{year}.txt")
        wf.round_publish(actor=None, round_obj=Round.objects.get(agreement__year=year, number=3))
    counts = {}
    for year in (2019, 2020):
        public_selectors._build.cache_clear()
        urls = [f"/aftaler/{year}/data/", f"/aftaler/{year}/data/opfolgning-{year}.json"]
        urls += [f"/aftaler/{year}/data/opfolgning-{year}-{k}.csv" for k in ("indsatser", "status")]
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            counts.setdefault(url.replace(str(year), "Y"), []).append(len(queries))
    assert len(counts) == 4
    for url, (small, large) in counts.items():
        assert small == large, url
        assert large <= 3, url
