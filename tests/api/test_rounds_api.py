"""Rounds: the public timeline for citizens, every round with its state for staff tokens."""

from __future__ import annotations

from .conftest import YEAR

BASE = f"/api/agreements/{YEAR}/rounds"


def test_citizens_get_the_published_timeline_only(api_world, client):
    response = client.get(BASE)

    assert response.status_code == 200
    rounds = response.json()
    assert [(r["number"], r["published"]) for r in rounds] == [(1, False), (2, False), (3, True)]
    # Round 4 is open: a citizen learns neither that nor its deadline.
    assert all(r["state"] is None and r["deadline"] is None for r in rounds)
    assert rounds[2]["links"]["report"] == f"{BASE}/3/report"
    assert "report" not in rounds[0]["links"]


def test_a_staff_token_sees_every_round_with_its_state_and_the_open_rounds_statuses(
    api_world, client
):
    rounds = client.get(BASE, **api_world.bearer(api_world.editor_token)).json()

    assert [(r["number"], r["state"]) for r in rounds] == [
        (1, "closed"),
        (2, "closed"),
        (3, "published"),
        (4, "open"),
    ]
    assert rounds[3]["links"]["statuses"] == f"{BASE}/4/statuses"
    assert rounds[2]["version"] == 1


def test_round_detail_counts_the_smileys_per_theme(api_world, client):
    data = client.get(f"{BASE}/3").json()

    assert data["number"] == 3
    assert sum(t["total"] for t in data["themes"]) == 27
    assert sum(t["happy"] + t["neutral"] + t["sad"] + t["none"] for t in data["themes"]) == 27


def test_an_open_round_is_404_for_citizens_and_visible_to_staff(api_world, client):
    assert client.get(f"{BASE}/4").status_code == 404
    staff = client.get(f"{BASE}/4", **api_world.bearer(api_world.officer_token))
    assert staff.status_code == 200
    assert staff.json()["state"] == "open"


def test_unknown_agreement_and_bad_round_are_clear_errors(api_world, client):
    unknown = client.get("/api/agreements/1999/rounds")
    assert unknown.status_code == 404
    assert "1999" in unknown.json()["detail"]
    assert client.get(f"{BASE}/5").status_code == 422
