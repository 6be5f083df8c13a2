"""Sign-in with local accounts: the Danish pages, the user menu, sign-out by POST only."""

from __future__ import annotations

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from opfolgning.accounts.models import Role
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/konto/log-ind/"


def test_login_page_is_danish_with_username_and_password(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Log ind</h1>" in html
    assert 'autocomplete="current-password"' in html
    assert "csrfmiddlewaretoken" in html
    # Single sign-on is off unless configured.
    assert "Log ind med organisationens konto" not in html


def test_signing_in_with_the_right_password_goes_to_the_next_page(client, center_editor):
    response = client.post(
        LOGIN, {"username": "ejendomme", "password": PASSWORD, "next": "/aftaler/2019/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/aftaler/2019/"
    assert client.session["_auth_user_id"] == str(center_editor.pk)


def test_signing_in_without_next_goes_to_where_the_work_is(client, center_editor):
    response = client.post(LOGIN, {"username": "ejendomme", "password": PASSWORD})
    assert response["Location"] == "/start/"  # web.views.landing sends each role on


def test_a_wrong_password_says_so_in_danish_and_signs_nobody_in(client, center_editor):
    response = client.post(LOGIN, {"username": "ejendomme", "password": "forkert"})
    assert response.status_code == 200
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_refuses_a_redirect_to_another_site(client, center_editor):
    response = client.post(
        LOGIN, {"username": "ejendomme", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/start/"


def test_sign_out_is_post_only(client, center_editor):
    client.force_login(center_editor)
    assert client.get("/konto/log-ud/").status_code == 405
    response = client.post("/konto/log-ud/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_form_is_csrf_protected(center_editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(LOGIN, {"username": "ejendomme", "password": PASSWORD})
    assert response.status_code == 403


def test_password_change_needs_sign_in_then_changes_the_password(client, center_editor):
    assert client.get("/konto/adgangskode/")["Location"].startswith(LOGIN)
    client.force_login(center_editor)
    page = client.get("/konto/adgangskode/").content.decode()
    assert "<h1>Skift adgangskode</h1>" in page
    response = client.post(
        "/konto/adgangskode/",
        {
            "old_password": PASSWORD,
            "new_password1": "Et-helt-nyt-kodeord-2026",
            "new_password2": "Et-helt-nyt-kodeord-2026",
        },
    )
    assert response["Location"] == "/konto/adgangskode/skiftet/"
    center_editor.refresh_from_db()
    assert center_editor.check_password("Et-helt-nyt-kodeord-2026")
    assert "Adgangskoden er skiftet" in client.get(response["Location"]).content.decode()


def test_password_change_refuses_a_short_password_with_the_reason(client, center_editor):
    client.force_login(center_editor)
    response = client.post(
        "/konto/adgangskode/",
        {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Adgangskoden blev ikke skiftet" in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "abababababab", "aaaaaaaaaaaaaaab1"])
def test_password_change_refuses_repeated_characters_with_the_reason(
    client, center_editor, password
):
    client.force_login(center_editor)
    response = client.post(
        "/konto/adgangskode/",
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert "for ensformig" in response.content.decode()
    center_editor.refresh_from_db()
    assert center_editor.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("aaaaaaaaaaaa", True),  # one character (the probe's)
        ("abababababab", True),  # two
        ("aaaaaaabcdef", True),  # more than half one character
        ("1212-1212-12", True),  # three
        ("korrekt hest batteri", False),
        ("opfolgning-demo", False),
    ],
)
def test_repeated_characters_validator(password, refused):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from opfolgning.accounts.validators import RepeatedCharactersValidator

    try:
        RepeatedCharactersValidator().validate(password)
    except ValidationError:
        assert refused
    else:
        assert not refused
    if refused:
        with pytest.raises(ValidationError):
            validate_password(password)  # it is one of the site's validators


def render_menu(user, path="/aftaler/2019/"):
    request = RequestFactory().get(path)
    request.user = user
    template = Template('{% include "accounts/_usermenu.html" %}')
    return template.render(RequestContext(request, {"user": user}))


def test_user_menu_offers_sign_in_to_a_citizen_and_comes_back_to_the_page(citizen):
    html = render_menu(citizen)
    assert 'href="/konto/log-ind/?next=/aftaler/2019/"' in html
    assert "Log ind" in html and "Log ud" not in html


def test_user_menu_shows_name_role_and_a_sign_out_form(world, center_editor):
    html = render_menu(center_editor)
    assert "Jens Hansen" in html
    assert f"(Redaktør for center, {world.center.name})" in html  # the header names the center
    assert 'method="post" action="/konto/log-ud/"' in html
    assert "csrfmiddlewaretoken" in html


def test_user_menu_names_a_superuser_a_finance_officer(django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    assert f"({Role.FINANCE_OFFICER.label})" in render_menu(admin)
