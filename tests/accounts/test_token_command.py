"""`opfolgning token`: API tokens for integration accounts, from the shell."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from opfolgning.accounts.models import ApiToken, Role
from opfolgning.accounts.tokens import user_for_token
from tests.personas import make_user

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_add_prints_the_secret_once_and_it_authenticates_as_the_user():
    user = make_user("intranet", Role.FINANCE_OFFICER)

    out, err = _run("add", "intranet", "--name", "Intranettet", "--expires", "2099-12-31")

    secret = out.strip()
    assert secret.startswith("opf_")
    assert "shown once" in err
    assert user_for_token(secret) == user
    stored = ApiToken.objects.get(user=user)
    assert secret not in (stored.digest, stored.prefix)
    assert stored.expires_at is not None and stored.expires_at.year == 2099


def test_list_shows_tokens_without_secrets_and_revoke_stops_them():
    make_user("intranet", Role.FINANCE_OFFICER)
    secret = _run("add", "intranet", "--name", "Intranettet")[0].strip()
    token = ApiToken.objects.get()

    listing = _run("list", "intranet")[0]
    assert "Intranettet" in listing and "live" in listing and secret not in listing

    _run("revoke", str(token.pk))
    assert user_for_token(secret) is None
    assert "revoked" in _run("list", "intranet")[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "ingen", "--name", "x"), "no user called 'ingen'"),
        (("add", "intranet", "--name", "x", "--expires", "31-12-2099"), "write YYYY-MM-DD"),
        (("add", "intranet", "--name", " "), "intranet:"),
        (("revoke", "999"), "no API token with id 999"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_code_2(args, expected, capsys):
    make_user("intranet", Role.FINANCE_OFFICER)
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("token", *args, stdout=StringIO(), stderr=err)
    assert exit_.value.code == 2
    assert expected in err.getvalue()
    assert not ApiToken.objects.exists()


def test_a_user_without_a_role_gets_no_token():
    make_user("ingen-rolle", None)
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("token", "add", "ingen-rolle", "--name", "x", stderr=err)
    assert "ingen-rolle:" in err.getvalue()
