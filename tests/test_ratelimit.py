"""Rate limits: the parser, the counter's window, and 429 on the API and the sign-in form."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from opfolgning import ratelimit
from opfolgning.env import env_rate_limit
from opfolgning.ratelimit import Limit, client_ip, hit, parse_limit, too_many

API_URL = "/api/does-not-exist"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A clock the test moves by hand: set now[0]; starts at the start of a window."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit, "clock", lambda: now[0])
    return now


@pytest.fixture
def limits(settings: Any, clock: list[float]) -> Any:
    """Switch both limits on (tests/conftest.py turns them off) with an empty cache."""
    settings.RATE_LIMIT_API = "3/minute"
    settings.RATE_LIMIT_LOGIN = "10/minute"
    settings.RATE_LIMIT_CACHE = "default"
    caches["default"].clear()
    yield settings
    caches["default"].clear()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120/minute", Limit(120, 60)),
        ("10/m", Limit(10, 60)),
        ("1000/hour", Limit(1000, 3600)),
        ("5/s", Limit(5, 1)),
        (" 7 / 15m ", Limit(7, 900)),
        ("2/Day", Limit(2, 86400)),
        ("", None),
        ("0", None),
        ("off", None),
        ("0/minute", None),
    ],
)
def test_parse_limit_reads_good_values(text: str, expected: Limit | None) -> None:
    assert parse_limit(text) == expected


@pytest.mark.parametrize("text", ["120", "ten/minute", "5/fortnight", "-1/m", "5/0m", "/m", "5/"])
def test_parse_limit_refuses_bad_values_with_an_example(text: str) -> None:
    with pytest.raises(ValueError, match=r"e\.g\. 120/minute"):
        parse_limit(text)


def test_a_bad_setting_stops_the_start_with_the_variable_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RATE_LIMIT_API", "100 per minute")

    with pytest.raises(ImproperlyConfigured, match=r"RATE_LIMIT_API: '100 per minute'"):
        env_rate_limit("RATE_LIMIT_API", "300/minute")


def test_the_setting_defaults_and_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RATE_LIMIT_API", raising=False)
    assert env_rate_limit("RATE_LIMIT_API", "300/minute") == "300/minute"
    monkeypatch.setenv("RATE_LIMIT_API", "0")
    assert parse_limit(env_rate_limit("RATE_LIMIT_API", "300/minute")) is None


def test_the_window_resets(limits: Any, clock: list[float]) -> None:
    limit = Limit(2, 60)
    assert hit("t", "k", limit) is None
    clock[0] += 10
    assert hit("t", "k", limit) is None
    assert hit("t", "k", limit) == 50  # seconds until the window ends

    clock[0] += 50
    assert hit("t", "k", limit) is None


def test_counts_are_per_scope_and_key(limits: Any) -> None:
    limit = Limit(1, 60)
    assert hit("a", "k", limit) is None
    assert hit("b", "k", limit) is None
    assert hit("a", "other", limit) is None
    assert hit("a", "k", limit) == 60


def test_no_limit_never_counts(limits: Any) -> None:
    assert all(hit("t", "k", None) is None for _ in range(100))


@pytest.mark.django_db
def test_the_database_cache_counts_too(limits: Any) -> None:
    limits.RATE_LIMIT_CACHE = "database"
    caches["database"].clear()
    limit = Limit(1, 60)

    assert hit("db", "k", limit) is None
    assert hit("db", "k", limit) == 60


def test_a_vanished_key_between_add_and_incr_starts_again(
    limits: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = caches["default"]
    monkeypatch.setattr(cache, "add", lambda *a, **k: False)
    monkeypatch.setattr(cache, "incr", lambda *a, **k: (_ for _ in ()).throw(ValueError("gone")))

    assert hit("t", "k", Limit(1, 60)) is None


def test_client_ip_trusts_x_forwarded_for_only_when_told(settings: Any) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2"
    )
    settings.RATE_LIMIT_TRUST_FORWARDED = False
    assert client_ip(request) == "10.0.0.1"
    settings.RATE_LIMIT_TRUST_FORWARDED = True
    assert client_ip(request) == "203.0.113.9"


def test_too_many_sets_retry_after_on_both_kinds() -> None:
    api = too_many(7, json=True)
    page = too_many(0, json=False)

    assert api.status_code == page.status_code == 429
    assert api["Retry-After"] == "7" and api["Content-Type"] == "application/json"
    assert page["Retry-After"] == "1" and "text/html" in page["Content-Type"]


# --- the middleware --------------------------------------------------------------------


def _login(client: Any, username: str = "ejendomme", ip: str = "10.0.0.1") -> Any:
    return client.post(
        reverse("login"), {"username": username, "password": "forkert"}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_the_eleventh_sign_in_attempt_in_a_minute_gets_429(client: Any, limits: Any) -> None:
    for _ in range(10):
        assert _login(client).status_code == 200  # the form again, with "wrong password"

    response = _login(client)

    assert response.status_code == 429
    assert response["Retry-After"].isdigit() and int(response["Retry-After"]) >= 1
    assert "For mange forsøg" in response.content.decode()
    assert "prøv igen" in response.content.decode()


@pytest.mark.django_db
def test_showing_the_sign_in_page_is_not_limited(client: Any, limits: Any) -> None:
    for _ in range(10):
        _login(client)

    assert all(client.get(reverse("login")).status_code == 200 for _ in range(15))


@pytest.mark.django_db
def test_one_username_from_many_addresses_is_limited(client: Any, limits: Any) -> None:
    for n in range(10):
        assert _login(client, ip=f"10.0.1.{n}").status_code == 200

    assert _login(client, ip="10.0.2.1").status_code == 429
    assert _login(client, username="en-anden", ip="10.0.2.2").status_code == 200


@pytest.mark.django_db
def test_sign_in_attempts_are_allowed_again_in_the_next_window(
    client: Any, limits: Any, clock: list[float]
) -> None:
    for _ in range(11):
        _login(client)
    assert _login(client).status_code == 429

    clock[0] += 60

    assert _login(client).status_code == 200


@pytest.mark.django_db
def test_no_login_limit_when_turned_off(client: Any, limits: Any) -> None:
    limits.RATE_LIMIT_LOGIN = "0"

    assert all(_login(client).status_code == 200 for _ in range(15))


@pytest.mark.django_db  # whatever answers the path may read the database
def test_an_api_path_over_the_limit_gets_429_json(client: Any, limits: Any) -> None:
    for n in range(3):
        response = client.get(API_URL)
        assert response.status_code != 429
        assert response["RateLimit-Limit"] == "3"
        assert response["RateLimit-Remaining"] == str(2 - n)

    response = client.get(API_URL)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "For mange forespørgsler" in response.json()["detail"]


@pytest.mark.django_db  # whatever answers the path may read the database
def test_two_tokens_have_separate_budgets(client: Any, limits: Any) -> None:
    def get(token: str) -> int:
        return client.get(API_URL, HTTP_AUTHORIZATION=f"Bearer {token}").status_code

    for _ in range(3):
        assert get("opf_first") != 429
    assert get("opf_first") == 429

    assert get("opf_second") != 429
    assert client.get(API_URL).status_code != 429  # the address without a token: its own


@pytest.mark.django_db  # whatever answers the path may read the database
def test_made_up_tokens_are_limited_per_address(client: Any, limits: Any) -> None:
    statuses = [
        client.get(API_URL, HTTP_AUTHORIZATION=f"Bearer opf_{n}").status_code for n in range(31)
    ]

    assert 429 not in statuses[:30] and statuses[30] == 429


@pytest.mark.django_db  # whatever answers the path may read the database
def test_api_requests_are_allowed_again_in_the_next_window(
    client: Any, limits: Any, clock: list[float]
) -> None:
    for _ in range(4):
        client.get(API_URL)
    assert client.get(API_URL).status_code == 429

    clock[0] += 60

    assert client.get(API_URL).status_code != 429


@pytest.mark.django_db  # whatever answers the path may read the database
def test_pages_outside_the_api_are_not_limited(client: Any, limits: Any) -> None:
    limits.RATE_LIMIT_API = "1/minute"

    assert all(client.get("/static-or-anything").status_code != 429 for _ in range(5))
