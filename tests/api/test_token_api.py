"""Token holders: 401 for bad tokens, status writes with the user's own permissions."""

from __future__ import annotations

import json

import pytest

from opfolgning.accounts.models import ApiToken
from opfolgning.accounts.tokens import token_revoke

from .conftest import YEAR

ROUND4 = f"/api/agreements/{YEAR}/rounds/4/statuses"
SECRET_NOTE = "Hemmeligt udkast fra runde 4: byggeriet er forsinket"


def _put(client, url, body, token, **headers):
    return client.put(
        url,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        **headers,
    )


@pytest.mark.parametrize("header", ["Bearer opf_wrong", "Bearer ", "Basic dXNlcjpwdw==", "Token x"])
def test_wrong_token_gets_401_even_on_public_reads(api_world, client, header):
    response = client.get("/api/agreements", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "detail" in response.json()


def test_revoked_token_gets_401(api_world, client):
    token = ApiToken.objects.get(user=api_world.editor)
    token_revoke(actor=api_world.editor, token=token)
    response = client.get("/api/me", **api_world.bearer(api_world.editor_token))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_me_names_the_token_user_role_and_centers(api_world, client):
    data = client.get("/api/me", **api_world.bearer(api_world.editor_token)).json()
    assert data["username"] == "ejendomme"
    assert data["role"] == "department_editor"
    assert data["centers"] == ["Ejendomme"]


def test_editor_writes_own_center_status_and_the_version_bumps(api_world, client):
    url = f"{ROUND4}/{api_world.own_number}"
    current = client.get(url, **api_world.bearer(api_world.editor_token))
    assert current.status_code == 200
    version = current.json()["version"]
    body = {"text": "Byggeriet er i gang", "status_note": "Efter planen", "smiley": "happy"}
    response = _put(client, url, {**body, "version": version}, api_world.editor_token)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["version"] == version + 1
    assert data["status_note"] == "Efter planen"
    assert (data["smiley"], data["state"]) == ("happy", "draft")
    assert response["ETag"] == f'"v{version + 1}-draft"'


def test_if_match_header_carries_the_version(api_world, client):
    url = f"{ROUND4}/{api_world.own_number}"
    etag = client.get(url, **api_world.bearer(api_world.editor_token))["ETag"]
    body = {"text": "Ny tekst", "status_note": "Status", "smiley": "happy"}
    saved = _put(client, url, body, api_world.editor_token, HTTP_IF_MATCH=etag)
    assert saved.status_code == 200
    stale = _put(client, url, body, api_world.editor_token, HTTP_IF_MATCH=etag)
    assert stale.status_code == 409


def test_editor_of_another_center_gets_403(api_world, client):
    url = f"{ROUND4}/{api_world.own_number}"
    body = {"status_note": "Ikke min", "smiley": "sad", "version": 1}
    assert _put(client, url, body, api_world.other_editor_token).status_code == 403
    assert client.get(url, **api_world.bearer(api_world.other_editor_token)).status_code == 403


def test_stale_version_gets_409_with_the_current_version(api_world, client):
    url = f"{ROUND4}/{api_world.own_number}"
    version = client.get(url, **api_world.bearer(api_world.editor_token)).json()["version"]
    body = {"text": "A", "status_note": "Første", "smiley": "happy", "version": version}
    assert _put(client, url, body, api_world.officer_token).status_code == 200
    conflict = _put(client, url, {**body, "status_note": "Anden"}, api_world.editor_token)
    assert conflict.status_code == 409
    assert conflict.json()["current_version"] == version + 1
    assert conflict.json()["current"]["status_note"] == "Første"


def test_put_without_version_or_if_match_gets_422(api_world, client):
    url = f"{ROUND4}/{api_world.own_number}"
    response = _put(client, url, {"status_note": "x"}, api_world.editor_token)
    assert response.status_code == 422
    assert "version" in response.json()["detail"]


def test_bad_smiley_and_unknown_fields_get_422_naming_the_field(api_world, client):
    url = f"{ROUND4}/{api_world.own_number}"
    bad = _put(client, url, {"smiley": "x", "version": 1}, api_world.editor_token)
    assert bad.status_code == 422
    assert "smiley" in bad.json()["detail"]
    extra = _put(client, url, {"colour": "red", "version": 1}, api_world.editor_token)
    assert extra.status_code == 422
    assert "colour" in extra.json()["detail"]


def test_unknown_initiative_gets_404(api_world, client):
    response = client.get(f"{ROUND4}/9.99", **api_world.bearer(api_world.editor_token))
    assert response.status_code == 404
    assert "9.99" in response.json()["detail"]


def test_submit_refused_while_a_rule_is_broken_then_accepted(api_world, client):
    url = f"{ROUND4}/{api_world.own_number}"
    version = client.get(url, **api_world.bearer(api_world.editor_token)).json()["version"]
    sad = {"text": "Forsinket", "status_note": "Forsinket", "smiley": "sad", "version": version}
    assert _put(client, url, sad, api_world.editor_token).status_code == 200
    refused = client.post(f"{url}/submit", **api_world.bearer(api_world.editor_token))
    assert refused.status_code == 422
    assert refused.json()["findings"]
    fixed = {**sad, "corrective_action": "Ny tidsplan", "version": version + 1}
    assert _put(client, url, fixed, api_world.editor_token).status_code == 200
    submitted = client.post(f"{url}/submit", **api_world.bearer(api_world.editor_token))
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == "submitted"
    again = client.post(f"{url}/submit", **api_world.bearer(api_world.editor_token))
    assert again.status_code == 409


def test_status_list_holds_the_editors_own_center_only(api_world, client):
    data = client.get(ROUND4, **api_world.bearer(api_world.editor_token)).json()
    assert data["count"] == 9
    assert {item["center"] for item in data["items"]} == {"Ejendomme"}
    officer = client.get(ROUND4, {"limit": 5}, **api_world.bearer(api_world.officer_token)).json()
    assert (officer["count"], len(officer["items"])) == (27, 5)


def test_status_get_etag_gives_304(api_world, client):
    url = f"{ROUND4}/{api_world.own_number}"
    first = client.get(url, **api_world.bearer(api_world.editor_token))
    assert first["Cache-Control"] == "private, no-store"
    again = client.get(
        url, HTTP_IF_NONE_MATCH=first["ETag"], **api_world.bearer(api_world.editor_token)
    )
    assert again.status_code == 304


PUBLIC_URLS = [
    "/api/agreements",
    f"/api/agreements/{YEAR}",
    f"/api/agreements/{YEAR}/initiatives?limit=500",
    f"/api/agreements/{YEAR}/initiatives?q=hemmeligt",
    f"/api/agreements/{YEAR}/dashboard",
    f"/api/agreements/{YEAR}/rounds/3/report",
    f"/api/agreements/{YEAR}/rounds/4/report",
]


def test_nothing_of_the_open_round_leaks_to_anonymous_callers(api_world, client):
    url = f"{ROUND4}/{api_world.own_number}"
    version = client.get(url, **api_world.bearer(api_world.editor_token)).json()["version"]
    body = {"text": SECRET_NOTE, "status_note": SECRET_NOTE, "smiley": "sad", "version": version}
    assert _put(client, url, body, api_world.editor_token).status_code == 200
    base = f"/api/agreements/{YEAR}/initiatives/{api_world.own_number}"
    for address in [*PUBLIC_URLS, base, f"{base}/milestones", f"{base}/economy"]:
        response = client.get(address)
        assert SECRET_NOTE not in response.content.decode(), address
    assert client.get(f"/api/agreements/{YEAR}/rounds/4/report").status_code == 404
    assert client.get(url).status_code == 401


def test_a_body_over_the_limit_gets_a_json_413(api_world, client, settings):
    url = f"{ROUND4}/{api_world.own_number}"
    body = json.dumps({"text": "x" * 3_000_000, "version": 1})  # 3 MB, over the 2.5 MB limit
    response = client.put(
        url,
        body,
        content_type="application/json",
        **api_world.bearer(api_world.editor_token),
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "MB" in response.json()["detail"]
