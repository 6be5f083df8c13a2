"""Single sign-on with OpenID Connect against a fake provider (no network).

The fake provider answers the token, JWKS and userinfo requests the backend makes; the
ID token is signed RS256 like Entra ID's, and carries the groups (Entra puts them in the
ID token, not in userinfo).
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

from opfolgning.accounts.models import Role
from opfolgning.accounts.selectors import role_of
from opfolgning.accounts.services import user_set_role

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example/tenant/v2.0"
BACKEND = "opfolgning.accounts.oidc.RoleMappingOIDCBackend"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
GROUP_FINANCE, GROUP_EDITOR, GROUP_READER = "g-fin", "g-edit", "g-read"
GROUP_EJENDOMME, GROUP_SKOLE, GROUP_OEU = "g-ejd", "g-skole", "g-oeu"


class FakeResponse:
    def __init__(self, data: Any, status: int = 200) -> None:
        self.data, self.status_code = data, status
        self.headers = {"content-type": "application/json"}
        self.url, self.text = "https://login.example/", str(data)

    def json(self) -> Any:
        return self.data

    def raise_for_status(self) -> None:
        assert self.status_code == 200


class FakeProvider:
    """Plays the identity provider's endpoints; `claims` is who signs in next."""

    def __init__(self) -> None:
        self.claims: dict[str, Any] = {}
        self.nonce = ""
        self.token_requests: list[dict[str, Any]] = []

    def post(self, url: str, data: dict[str, Any], **kwargs: Any) -> FakeResponse:
        assert url == settings.OIDC_OP_TOKEN_ENDPOINT
        self.token_requests.append(dict(data))
        now = int(time.time())
        id_token = jwt.encode(
            {
                "iss": ISSUER,
                "aud": settings.OIDC_RP_CLIENT_ID,
                "iat": now,
                "exp": now + 300,
                "nonce": self.nonce,
                **self.claims,
            },
            KEY,
            algorithm="RS256",
            headers={"kid": "k1"},
        )
        return FakeResponse(
            {"id_token": id_token, "access_token": "access", "token_type": "Bearer"}
        )

    def get(self, url: str, headers: dict[str, str] | None = None, **kwargs: Any) -> FakeResponse:
        if url == settings.OIDC_OP_JWKS_ENDPOINT:
            jwk = jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key(), as_dict=True)
            return FakeResponse({"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]})
        assert url == settings.OIDC_OP_USER_ENDPOINT
        assert headers == {"Authorization": "Bearer access"}
        # Like Entra's userinfo: basic claims only, no groups.
        basic = ("sub", "name", "given_name", "family_name", "email")
        return FakeResponse({k: v for k, v in self.claims.items() if k in basic})


@pytest.fixture
def provider(monkeypatch, settings) -> FakeProvider:
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "opfolgning-client"
    settings.OIDC_RP_CLIENT_SECRET = "hemmelig"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://login.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example/keys"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_GROUPS_CLAIM = "groups"
    settings.OIDC_USERNAME_CLAIM = "preferred_username"
    settings.OIDC_ROLE_GROUPS = [
        ("finance_officer", GROUP_FINANCE),
        ("department_editor", GROUP_EDITOR),
        ("committee_reader", GROUP_READER),
    ]
    settings.OIDC_CENTER_GROUPS = [
        ("Ejendomme", GROUP_EJENDOMME),
        ("Skole og Dagtilbud", GROUP_SKOLE),
    ]
    settings.OIDC_COMMITTEE_GROUPS = [("oekonomiudvalget", GROUP_OEU)]
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    fake = FakeProvider()
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", fake.post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", fake.get)
    return fake


def sign_in(client, provider: FakeProvider, groups: list[str], **claims: Any) -> Any:
    """Walk the code flow: our redirect to the provider, then the provider's callback."""
    start = client.get("/konto/oidc/log-ind/?next=/aftaler/2019/")
    assert start.status_code == 302
    location = urlparse(start["Location"])
    assert location.netloc == "login.example"
    query = parse_qs(location.query)
    provider.nonce = query["nonce"][0]
    provider.claims = {
        "sub": "abc-123",
        "preferred_username": "anna@kommune.dk",
        "email": "anna@kommune.dk",
        "given_name": "Anna",
        "family_name": "Holm",
        "groups": groups,
        **claims,
    }
    return client.get("/konto/oidc/callback/", {"code": "code-1", "state": query["state"][0]})


def signed_in_user(client, django_user_model) -> Any:
    return django_user_model.objects.get(pk=client.session["_auth_user_id"])


def test_first_sign_in_creates_the_user_with_mapped_role_and_centers(
    client, provider, world, django_user_model
):
    response = sign_in(client, provider, [GROUP_EDITOR, GROUP_EJENDOMME, GROUP_SKOLE, "other"])
    assert response.status_code == 302
    assert response["Location"] == "/aftaler/2019/"
    user = signed_in_user(client, django_user_model)
    assert (user.username, user.email, user.get_full_name()) == (
        "anna@kommune.dk",
        "anna@kommune.dk",
        "Anna Holm",
    )
    assert not user.has_usable_password()
    assert role_of(user) == Role.DEPARTMENT_EDITOR
    assert {c.name for c in user.profile.centers.all()} == {"Ejendomme", "Skole og Dagtilbud"}
    assert provider.token_requests[0]["code"] == "code-1"
    assert provider.token_requests[0]["redirect_uri"] == "http://testserver/konto/oidc/callback/"


def test_a_later_sign_in_with_fewer_groups_takes_away_role_and_centers(
    client, provider, world, django_user_model
):
    sign_in(client, provider, [GROUP_EDITOR, GROUP_EJENDOMME, GROUP_SKOLE])
    client.post("/konto/log-ud/")
    sign_in(client, provider, [GROUP_EDITOR, GROUP_EJENDOMME])
    user = signed_in_user(client, django_user_model)
    assert {c.name for c in user.profile.centers.all()} == {"Ejendomme"}
    client.post("/konto/log-ud/")
    sign_in(client, provider, [GROUP_READER, GROUP_OEU])
    user = signed_in_user(client, django_user_model)
    assert role_of(user) == Role.COMMITTEE_READER
    assert not user.profile.centers.exists()
    assert [c.name for c in user.profile.committees.all()] == ["Økonomiudvalget"]
    client.post("/konto/log-ud/")
    sign_in(client, provider, [])
    user = signed_in_user(client, django_user_model)
    assert role_of(user) is None
    assert not user.profile.committees.exists()
    assert django_user_model.objects.count() == 1


def test_unknown_groups_sign_in_without_any_role(client, provider, world, django_user_model):
    sign_in(client, provider, ["some-other-group", "Alle medarbejdere"])
    user = signed_in_user(client, django_user_model)
    assert role_of(user) is None
    assert list(user.groups.all()) == []


def test_the_highest_mapped_role_wins(client, provider, world, django_user_model):
    sign_in(client, provider, [GROUP_READER, GROUP_FINANCE, GROUP_OEU])
    user = signed_in_user(client, django_user_model)
    assert role_of(user) == Role.FINANCE_OFFICER
    assert user.is_staff


def test_sign_in_links_to_an_existing_local_account_by_username(
    client, provider, world, django_user_model
):
    local = django_user_model.objects.create_user("Anna@kommune.dk")
    sign_in(client, provider, [GROUP_FINANCE])
    assert signed_in_user(client, django_user_model) == local


def test_without_a_role_mapping_roles_stay_as_set_in_opfolgning(
    client, provider, world, settings, django_user_model
):
    settings.OIDC_ROLE_GROUPS = []
    user = django_user_model.objects.create_user("anna@kommune.dk")
    user_set_role(actor=None, user=user, role=Role.COMMITTEE_READER, committees=[world.committee])
    sign_in(client, provider, [])
    assert role_of(signed_in_user(client, django_user_model)) == Role.COMMITTEE_READER


def test_a_refusal_at_the_provider_returns_to_the_login_page_with_a_message(client, provider):
    start = client.get("/konto/oidc/log-ind/")
    state = parse_qs(urlparse(start["Location"]).query)["state"][0]
    response = client.get("/konto/oidc/callback/", {"error": "access_denied", "state": state})
    assert response["Location"] == "/konto/log-ind/?sso=fejl"
    page = client.get(response["Location"]).content.decode()
    assert "Log ind med organisationens konto mislykkedes" in page
    assert "_auth_user_id" not in client.session


def test_login_page_offers_the_organisation_account_only_when_configured(client, provider):
    html = client.get("/konto/log-ind/?next=/aftaler/").content.decode()
    assert "Log ind med organisationens konto" in html
    assert 'href="/konto/oidc/log-ind/?next=/aftaler/"' in html


def test_sso_urls_answer_404_when_not_configured(client, settings):
    settings.OIDC_ENABLED = False
    assert client.get("/konto/oidc/log-ind/").status_code == 404
    assert client.get("/konto/oidc/callback/?code=x&state=y").status_code == 404
