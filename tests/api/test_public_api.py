"""Anonymous reads of published data: lists, filters, pagination, ETags, bad input."""

from __future__ import annotations

import pytest

from opfolgning.agreements.models import Round
from opfolgning.agreements.services import report_import
from opfolgning.agreements.workflow_services import round_publish
from tests import factories

from .conftest import YEAR

BASE = f"/api/agreements/{YEAR}"


def test_agreement_list_shows_the_published_agreement(api_world, client):
    response = client.get("/api/agreements")
    assert response.status_code == 200
    assert response.json() == [
        {
            "year": YEAR,
            "name": "Aftale om budget 2019",
            "latest_round": 3,
            "published_rounds": 1,
            "url": BASE,
        }
    ]


def test_agreement_detail_has_rounds_themes_committees_and_centers(api_world, client):
    data = client.get(BASE).json()
    assert [(r["number"], r["published"]) for r in data["rounds"]] == [
        (1, False),
        (2, False),
        (3, True),
    ]
    assert sum(t["count"] for t in data["themes"]) == 27
    assert {"slug": "oekonomiudvalget", "name": "Økonomiudvalget"} in data["committees"]
    assert "Ejendomme" in data["centers"]
    assert data["links"]["report_round_3"] == f"{BASE}/rounds/3/report"


def test_initiative_list_is_paginated_with_a_next_link(api_world, client):
    response = client.get(f"{BASE}/initiatives", {"limit": 10, "offset": 20})
    data = response.json()
    assert (data["count"], data["limit"], data["offset"], len(data["items"])) == (27, 10, 20, 7)
    assert "Link" not in response
    first = client.get(f"{BASE}/initiatives", {"limit": 10})
    assert 'offset=10>; rel="next"' in first["Link"]


def test_initiative_list_filters_by_center_and_smiley(api_world, client):
    data = client.get(f"{BASE}/initiatives", {"center": "Ejendomme"}).json()
    assert data["count"] == 9
    assert {i["center"] for i in data["items"]} == {"Ejendomme"}
    happy = client.get(f"{BASE}/initiatives", {"smiley": "happy"}).json()
    assert happy["count"] > 0
    assert {i["smiley"] for i in happy["items"]} == {"happy"}
    words = client.get(f"{BASE}/initiatives", {"q": "toftehaven"}).json()
    assert [i["number"] for i in words["items"]] == ["1.11"]


def test_initiative_detail_milestones_and_economy(api_world, client):
    detail = client.get(f"{BASE}/initiatives/1.11").json()
    assert detail["title"] == "Plejecenter Toftehaven"
    assert [s["round"] for s in detail["statuses"]] == [1, 2, 3]
    assert detail["budget"]["lines"] == [{"year": 2019, "kind": "capital", "amount": 2000000}]
    milestones = client.get(f"{BASE}/initiatives/1.11/milestones").json()
    assert [(m["round"], m["published"]) for m in milestones] == [
        (1, True),
        (2, True),
        (3, True),
        (4, False),
    ]
    economy = client.get(f"{BASE}/initiatives/1.11/economy").json()
    assert [r["round"] for r in economy["rounds"]] == [3]
    assert economy["rounds"][0]["smiley"] == "sad"


def test_dashboard_counts_every_initiative_per_round(api_world, client):
    data = client.get(f"{BASE}/dashboard").json()
    round3 = [c for c in data["counts"] if c["round"] == 3]
    assert sum(c["total"] for c in round3) == 27


def test_published_report_blanks_the_contact_for_anonymous_callers(api_world, client):
    data = client.get(f"{BASE}/rounds/3/report").json()
    assert data["round"] == 3
    assert data["contact"] == {"name": "", "email": "", "phone": ""}
    assert len([i for t in data["themes"] for i in t["initiatives"]]) == 27


def test_committee_report_keeps_the_contact_for_a_finance_officer(api_world, client):
    response = client.get(
        f"{BASE}/rounds/3/report",
        {"committee": "oekonomiudvalget"},
        **api_world.bearer(api_world.officer_token),
    )
    assert response.status_code == 200
    assert response.json()["contact"]["name"]
    assert response["Cache-Control"] == "private, no-store"


def test_unknown_and_unpublished_reports_give_the_same_404(api_world, client):
    open_round = client.get(f"{BASE}/rounds/4/report")
    unknown = client.get("/api/agreements/2030/rounds/4/report")
    assert open_round.status_code == unknown.status_code == 404
    assert open_round.json()["detail"].startswith("no published report of round 4")
    assert unknown.json()["detail"].startswith("no published report of round 4")


def test_etag_and_if_none_match_give_304_without_body(api_world, client):
    first = client.get(f"{BASE}/initiatives/1.11")
    assert first["Cache-Control"] == "public, max-age=60"
    again = client.get(f"{BASE}/initiatives/1.11", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    other = client.get(f"{BASE}/initiatives/1.11", HTTP_IF_NONE_MATCH='"stale"')
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("url", "status", "where"),
    [
        ("/api/agreements/abc", 422, "path.year"),
        (f"{BASE}/rounds/5/report", 422, "path.round_number"),
        (f"{BASE}/initiatives?limit=0", 422, "query.limit"),
        (f"{BASE}/initiatives?limit=10000", 422, "query.limit"),
        (f"{BASE}/initiatives?smiley=x", 422, "query.smiley"),
        (f"{BASE}/initiatives?offset=-1", 422, "query.offset"),
        (f"{BASE}/initiatives/1.11;drop", 422, "path.number"),
        (f"{BASE}/initiatives/9.99", 404, "9.99"),
        ("/api/agreements/2030", 404, "2030"),
        ("/api/no-such-thing", 404, "/api/no-such-thing"),
    ],
)
def test_bad_input_gets_a_json_error_naming_the_problem(api_world, client, url, status, where):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert where in response.json()["detail"]


def test_anonymous_writes_need_a_token(api_world, client):
    url = f"{BASE}/rounds/4/statuses/{api_world.own_number}"
    response = client.put(url, {"status_note": "x", "version": 1}, content_type="application/json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/api/me").status_code == 401


def _publish(year: int, initiatives: int) -> None:
    doc = factories.report(initiatives=initiatives, year=year)
    report_import(actor=None, document=doc)
    round_publish(actor=None, round_obj=Round.objects.get(agreement__year=year, number=3))


def _queries(client, year: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/agreements/{year}/initiatives", {"limit": 500})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_initiative_list_costs_the_same_queries_for_3_and_30_initiatives(
    db, client, django_assert_max_num_queries
):
    _publish(2031, 3)
    _publish(2032, 30)
    small = _queries(client, 2031)
    with django_assert_max_num_queries(small):
        response = client.get("/api/agreements/2032/initiatives", {"limit": 500})
    assert response.json()["count"] == 30
    assert small <= 6


def test_docs_page_loads_nothing_from_another_host(db, client):
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "http://" not in page
    assert "https://" not in page
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Opfolgning API"


def test_client_generators_get_an_importable_package_and_short_function_names(db, client):
    """openapi-python-client names the package after the title and functions after ids."""
    schema = client.get("/api/openapi.json").json()
    # The generator's rule: the title in snake case, plus "_client" (an ø made it
    # "opf_ø_lgning_api_client", which Python cannot import).
    package = "_".join(schema["info"]["title"].lower().split()) + "_client"
    assert package == "opfolgning_api_client" and package.isidentifier() and package.isascii()
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    assert {"agreement_list", "initiative_detail", "status_list", "status_put"} <= set(ids)
    assert all(i.isidentifier() and i.isascii() and len(i) <= 30 for i in ids)


def test_statuses_milestones_and_economy_are_the_published_shapes_serialized(api_world, client):
    # The schemas read the published shapes (followup.publication) directly: each key of a
    # status is the RoundStatus field of that name, smileys as their interchange values.
    from opfolgning.agreements.public_selectors import public_agreement

    ini = public_agreement(year=2019).initiative("1.11")
    detail = client.get(f"{BASE}/initiatives/1.11").json()
    assert detail["statuses"] == [
        {
            "round": s.round,
            "label": s.label,
            "milestone": s.milestone,
            "status_note": s.status_note,
            "smiley": s.smiley.value if s.smiley else None,
            "corrective_action": s.corrective_action,
            "has_economy": s.has_economy,
            "economy_text": s.economy_text,
            "economy_smiley": s.economy_smiley.value if s.economy_smiley else None,
        }
        for s in ini.statuses
    ]
    assert detail["planned"] == [
        {"round": m.round, "label": m.label, "text": m.text} for m in ini.planned
    ]
    milestones = client.get(f"{BASE}/initiatives/1.11/milestones").json()
    assert [m["text"] for m in milestones] == [s.milestone for s in ini.statuses] + [
        m.text for m in ini.planned
    ]
    assert all(m["smiley"] in ("happy", "neutral", "sad", None) for m in milestones)
    economy = client.get(f"{BASE}/initiatives/1.11/economy").json()
    assert economy["rounds"] == [
        {"round": s.round, "label": s.label, "text": s.economy_text, "smiley": "sad"}
        for s in ini.statuses
        if s.has_economy
    ]
