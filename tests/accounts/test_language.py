"""The language is stored per user: the header's switch keeps a signed-in user's choice on
their profile, and signing in (in any browser) brings it back."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from opfolgning.accounts import services
from opfolgning.accounts.models import Profile
from opfolgning.accounts.selectors import language_of
from tests.personas import PASSWORD, login, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/konto/log-ind/"
COOKIE = settings.LANGUAGE_COOKIE_NAME


def _switch(client, language: str, next_url: str = "/aftaler/2019/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_the_switch_keeps_its_address():
    # base.html posts to {% url 'set_language' %}, as it did to Django's own view.
    assert reverse("set_language") == "/i18n/setlang/"


def test_a_signed_in_users_switch_is_stored_on_their_profile(client, center_editor):
    login(client, center_editor)

    response = _switch(client, "en")

    assert response.status_code == 302
    assert response["Location"] == "/aftaler/2019/"
    assert response.cookies[COOKIE].value == "en"
    assert Profile.objects.get(user=center_editor).language == "en"
    # And back to Danish.
    _switch(client, "da")
    assert Profile.objects.get(user=center_editor).language == "da"


def test_each_change_is_one_history_row_and_the_same_choice_none(client, center_editor):
    login(client, center_editor)
    profile = Profile.objects.get(user=center_editor)
    before = profile.history.count()

    _switch(client, "en")
    _switch(client, "en")

    assert profile.history.count() == before + 1
    row = profile.history.first()
    assert row.language == "en"
    assert row.history_user == center_editor


def test_an_unknown_language_is_not_stored(client, center_editor):
    login(client, center_editor)

    # French has Django's own translations, but the site does not offer it.
    _switch(client, "fr")
    _switch(client, "")

    assert Profile.objects.get(user=center_editor).language == ""


def test_an_anonymous_switch_still_works_and_stores_nothing(client, center_editor):
    response = _switch(client, "en", next_url="/")

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "en"
    assert client.get("/")["Content-Language"] == "en"
    assert Profile.objects.get(user=center_editor).language == ""


def test_signing_in_restores_the_stored_language(client, center_editor):
    services.profile_language_set(actor=center_editor, user=center_editor, language="en")

    response = client.post(
        LOGIN, {"username": "ejendomme", "password": PASSWORD, "next": "/aftaler/2019/"}
    )

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "en"
    assert client.get("/")["Content-Language"] == "en"


def test_signing_in_in_another_browser_overrides_that_browsers_choice(client, center_editor):
    services.profile_language_set(actor=center_editor, user=center_editor, language="da")
    client.cookies[COOKIE] = "en"

    response = client.post(LOGIN, {"username": "ejendomme", "password": PASSWORD})

    assert response.cookies[COOKIE].value == "da"


def test_signing_in_without_a_stored_language_leaves_the_cookie(client, center_editor):
    client.cookies[COOKIE] = "en"

    response = client.post(LOGIN, {"username": "ejendomme", "password": PASSWORD})

    assert response.status_code == 302
    assert COOKIE not in response.cookies
    assert client.get("/")["Content-Language"] == "en"


def test_a_failed_sign_in_sets_no_language(client, center_editor):
    services.profile_language_set(actor=center_editor, user=center_editor, language="en")

    response = client.post(LOGIN, {"username": "ejendomme", "password": "forkert"})

    assert response.status_code == 200
    assert COOKIE not in response.cookies


def test_the_service_refuses_a_language_the_site_does_not_offer(world):
    user = make_user("sprog", None)
    with pytest.raises(services.AccountError):
        services.profile_language_set(actor=None, user=user, language="fr")
    assert language_of(user) == ""
    services.profile_language_set(actor=None, user=user, language="en")
    assert language_of(user) == "en"
    # Blank: back to the site's default.
    services.profile_language_set(actor=None, user=user, language="")
    assert language_of(user) == ""


def test_while_signed_in_the_session_keeps_the_language_when_the_cookie_is_gone(
    client, center_editor
):
    # The language cookie ends with the browser; the sign-in (SESSION_COOKIE_AGE) may not.
    services.profile_language_set(actor=center_editor, user=center_editor, language="en")
    client.post(LOGIN, {"username": "ejendomme", "password": PASSWORD})
    del client.cookies[COOKIE]

    page = client.get("/")

    assert page["Content-Language"] == "en"
    assert page.cookies[COOKIE].value == "en"  # and the cookie is back
    # Signed out (the session flushed) and without the cookie: the site's default.
    client.post("/konto/log-ud/")
    del client.cookies[COOKIE]
    assert client.get("/")["Content-Language"] == "da"


def test_a_switch_while_signed_in_is_kept_in_the_session_too(client, center_editor):
    login(client, center_editor)
    _switch(client, "en")
    del client.cookies[COOKIE]

    assert client.get("/")["Content-Language"] == "en"
