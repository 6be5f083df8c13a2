"""Personal API tokens: the services, the lookup of a secret, and the pages under /konto/."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from opfolgning.accounts.models import ApiToken
from opfolgning.accounts.services import user_deactivate
from opfolgning.accounts.tokens import (
    MAX_LIVE_TOKENS,
    TokenError,
    token_create,
    token_revoke,
    tokens_of,
    user_for_token,
)
from tests.personas import login, make_user

pytestmark = pytest.mark.django_db

URL = "/konto/api-noegler/"


def test_create_returns_the_secret_and_stores_only_its_digest(center_editor: Any) -> None:
    token, secret = token_create(actor=center_editor, name="Intranettet")

    assert secret.startswith("opf_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert stored.prefix == secret[:12]
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert not any(secret in str(value) for value in row.values())
    assert token.history.get().history_user == center_editor


def test_secret_of_a_live_token_gives_its_user(center_editor: Any) -> None:
    _, secret = token_create(actor=center_editor, name="Intranettet")

    assert user_for_token(secret) == center_editor


def test_lookup_of_a_secret_is_one_query(center_editor: Any, django_assert_num_queries) -> None:
    token, secret = token_create(actor=center_editor, name="Intranettet")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())

    with django_assert_num_queries(1):
        user = user_for_token(secret)
        assert user.username == "ejendomme"


@pytest.mark.parametrize("secret", ["", "opf_wrong", "x" * 5000, "opf_" + "A" * 43])
def test_a_wrong_or_malformed_secret_gives_no_user(center_editor: Any, secret: str) -> None:
    token_create(actor=center_editor, name="Intranettet")

    assert user_for_token(secret) is None


def test_a_revoked_token_gives_no_user(center_editor: Any) -> None:
    token, secret = token_create(actor=center_editor, name="Intranettet")
    token_revoke(actor=center_editor, token=token)

    assert user_for_token(secret) is None


def test_an_expired_token_gives_no_user(center_editor: Any) -> None:
    soon = timezone.now() + dt.timedelta(minutes=5)
    token, secret = token_create(actor=center_editor, name="Intranettet", expires_at=soon)
    assert user_for_token(secret) == center_editor

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(1))

    assert user_for_token(secret) is None


def test_the_token_of_a_deactivated_user_gives_no_user(center_editor: Any) -> None:
    _, secret = token_create(actor=center_editor, name="Intranettet")
    user_deactivate(actor=None, user=center_editor)

    assert user_for_token(secret) is None


def test_last_used_is_written_at_most_once_a_minute(
    center_editor: Any, django_assert_num_queries
) -> None:
    token, secret = token_create(actor=center_editor, name="Intranettet")
    with django_assert_num_queries(2):  # the lookup and the first use
        user_for_token(secret)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None

    with django_assert_num_queries(1):  # within the minute: read only
        user_for_token(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(seconds=61))
    user_for_token(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - dt.timedelta(seconds=61)


def test_another_user_cannot_revoke_my_token(center_editor: Any, other_center_editor: Any) -> None:
    token, secret = token_create(actor=center_editor, name="Intranettet")

    with pytest.raises(PermissionDenied):
        token_revoke(actor=other_center_editor, token=token)

    assert user_for_token(secret) == center_editor


def test_a_superuser_can_revoke_any_token_and_twice_changes_nothing(center_editor: Any) -> None:
    admin = make_user("admin", None)
    admin.is_superuser = True
    admin.save()
    token, _ = token_create(actor=center_editor, name="Intranettet")

    first = token_revoke(actor=admin, token=token).revoked_at
    again = token_revoke(actor=admin, token=token).revoked_at

    assert first is not None and again == first
    assert token.history.count() == 2


def test_empty_name_is_refused(center_editor: Any) -> None:
    with pytest.raises(TokenError, match="navn"):
        token_create(actor=center_editor, name="   ")


def test_a_user_without_a_role_cannot_make_tokens(world: Any) -> None:
    nobody = make_user("ingen", None)

    with pytest.raises(TokenError, match="rolle"):
        token_create(actor=nobody, name="Intranettet")


def test_an_expiry_in_the_past_is_refused(center_editor: Any) -> None:
    with pytest.raises(TokenError, match="fremtiden"):
        token_create(
            actor=center_editor, name="x", expires_at=timezone.now() - dt.timedelta(hours=1)
        )


def test_more_than_twenty_live_tokens_are_refused(center_editor: Any) -> None:
    tokens = [token_create(actor=center_editor, name=f"n{i}")[0] for i in range(MAX_LIVE_TOKENS)]
    with pytest.raises(TokenError, match="Tilbagekald"):
        token_create(actor=center_editor, name="one too many")

    token_revoke(actor=center_editor, token=tokens[0])
    token_create(actor=center_editor, name="room again")

    assert len(tokens_of(center_editor)) == MAX_LIVE_TOKENS + 1


# --- the pages ----------------------------------------------------------------------------


def test_the_page_requires_sign_in(client: Any, world: Any) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_a_role_gets_a_403_that_says_why(client: Any, world: Any) -> None:
    login(client, make_user("ingen", None))

    response = client.get(URL)

    assert response.status_code == 403
    assert "rolle" in response.content.decode()


def test_the_user_menu_links_to_the_page(client: Any, center_editor: Any) -> None:
    login(client, center_editor)

    assert f'href="{URL}"' in client.get(reverse("web:home")).content.decode()


def test_creating_shows_the_secret_once(client: Any, center_editor: Any) -> None:
    login(client, center_editor)

    response = client.post(URL, {"name": "Intranettet", "expires": ""})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=center_editor)
    html = response.content.decode()
    secret = html.split('id="api-token-secret">')[1].split("</code>")[0]
    assert hashlib.sha256(secret.encode()).hexdigest() == token.digest
    assert "bliver ikke vist igen" in html
    again = client.get(URL).content.decode()
    assert secret not in again
    assert token.prefix in again and "Intranettet" in again


def test_the_chosen_last_day_is_included(client: Any, center_editor: Any) -> None:
    login(client, center_editor)
    day = timezone.localdate() + dt.timedelta(days=30)

    client.post(URL, {"name": "Til december", "expires": day.isoformat()})

    expires = timezone.localtime(ApiToken.objects.get(user=center_editor).expires_at)
    assert expires.date() == day + dt.timedelta(days=1) and expires.time() == dt.time.min


def test_an_empty_name_is_shown_as_a_form_error(client: Any, center_editor: Any) -> None:
    login(client, center_editor)

    response = client.post(URL, {"name": "  ", "expires": ""})

    assert response.status_code == 422
    assert "Giv nøglen et navn" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_bad_date_is_shown_as_a_form_error(client: Any, center_editor: Any) -> None:
    login(client, center_editor)

    response = client.post(URL, {"name": "x", "expires": "i morgen"})

    assert response.status_code == 422
    assert "åååå-mm-dd" in response.content.decode()


def test_revoking_on_the_page_asks_first_then_revokes(client: Any, center_editor: Any) -> None:
    token, secret = token_create(actor=center_editor, name="Intranettet")
    login(client, center_editor)
    url = reverse("api_token_revoke", args=[token.pk])
    assert f'action="{url}"' in client.get(URL).content.decode()

    asked = client.post(url)
    assert asked.status_code == 200 and "Ja, tilbagekald" in asked.content.decode()
    assert user_for_token(secret) == center_editor

    done = client.post(url, {"bekraeft": "1"}, follow=True)
    assert "er tilbagekaldt" in done.content.decode()
    assert user_for_token(secret) is None
    assert "Tilbagekaldt" in client.get(URL).content.decode()


def test_another_user_cannot_revoke_my_token_on_the_page(
    client: Any, center_editor: Any, other_center_editor: Any
) -> None:
    token, secret = token_create(actor=center_editor, name="Intranettet")
    login(client, other_center_editor)

    response = client.post(reverse("api_token_revoke", args=[token.pk]), {"bekraeft": "1"})
    missing = client.post(reverse("api_token_revoke", args=[token.pk + 1000]), {"bekraeft": "1"})
    looked_at = client.get(reverse("api_token_revoke", args=[token.pk]))

    # Another user's token and a token that does not exist get the same answer (issue 18).
    assert response.status_code == missing.status_code == looked_at.status_code == 404
    assert response.content == missing.content
    assert "Intranettet" not in response.content.decode() + looked_at.content.decode()
    assert user_for_token(secret) == center_editor


def test_revoking_needs_the_csrf_token(center_editor: Any) -> None:
    from django.test import Client

    token, secret = token_create(actor=center_editor, name="Intranettet")
    client = Client(enforce_csrf_checks=True)
    client.force_login(center_editor)

    response = client.post(reverse("api_token_revoke", args=[token.pk]), {"bekraeft": "1"})

    assert response.status_code == 403
    assert user_for_token(secret) == center_editor


def test_the_admin_lists_tokens_without_the_digest(client: Any, center_editor: Any) -> None:
    admin = make_user("admin", None)
    admin.is_superuser = True
    admin.is_staff = True
    admin.save()
    token, _ = token_create(actor=center_editor, name="Intranettet")
    client.force_login(admin)

    listing = client.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    detail = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))

    assert "Intranettet" in listing
    assert detail.status_code == 200
    assert token.digest not in listing + detail.content.decode()
