"""Cache-Control: private, no-store on what a signed-in user or a token's holder gets (issue 18)."""

from __future__ import annotations

from opfolgning.web.middleware import PRIVATE_CACHE_CONTROL

from .conftest import YEAR

DRAFT = f"/aftaler/{YEAR}/opfolgning/4/"  # round 4 is open: a draft
PUBLISHED = f"/aftaler/{YEAR}/"


def test_signed_in_pages_and_draft_downloads_are_private_and_not_stored(api_world, client):
    client.force_login(api_world.officer)
    for url in ("/start/", PUBLISHED, DRAFT, DRAFT + "?format=json", DRAFT + "?format=csv"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE_CACHE_CONTROL, url
        assert not response.has_header("Expires"), url


def test_answers_to_a_token_are_private_and_not_stored(api_world, client):
    response = client.get("/api/me", **api_world.bearer(api_world.officer_token))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE_CACHE_CONTROL
    reads = client.get("/api/agreements", **api_world.bearer(api_world.editor_token))
    assert reads["Cache-Control"] == PRIVATE_CACHE_CONTROL


def test_what_citizens_read_keeps_its_own_caching(api_world, client):
    for url in (PUBLISHED, "/api/agreements"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url
