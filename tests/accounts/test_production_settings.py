"""Production settings: `opfolgning check --deploy` passes; bad security env stops the app."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from opfolgning.env import env_pairs

PRODUCTION = {
    "OPFOLGNING_PRODUCTION": "1",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "opfolgning.kommune.example",
}
# Environment variables that would change the outcome when set in the developer's shell.
_CLEARED = (
    "DEBUG",
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "OPFOLGNING_PRODUCTION",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
)


def opfolgning(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh process, so settings are read from this environment."""
    clean = {k: v for k, v in os.environ.items() if k not in _CLEARED and not k.startswith("OIDC_")}
    clean["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return subprocess.run(
        [sys.executable, "-m", "opfolgning", *args],
        capture_output=True,
        text=True,
        env={**clean, **env},
        timeout=120,
    )


def test_deploy_checks_pass_with_production_settings(tmp_path):
    result = opfolgning(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_checks_fail_without_production_settings(tmp_path):
    result = opfolgning(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert f"security.{warning}" in result.stderr


def test_deploy_checks_pass_behind_a_tls_proxy_with_oidc_configured(tmp_path):
    env = {
        **PRODUCTION,
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "OIDC_RP_CLIENT_ID": "client",
        "OIDC_RP_CLIENT_SECRET": "secret",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": "https://login.example/token",
        "OIDC_OP_USER_ENDPOINT": "https://login.example/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": "https://login.example/keys",
        "OIDC_ROLE_GROUPS": "finance_officer=g1; department_editor=g2",
        "OIDC_CENTER_GROUPS": "By, Erhverv og Miljø=g3",
    }
    result = opfolgning(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "env, message",
    [
        ({**PRODUCTION, "SECRET_KEY": ""}, "SECRET_KEY must be set in production"),
        ({**PRODUCTION, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set in production"),
        ({**PRODUCTION, "DEBUG": "1"}, "DEBUG=1 is not allowed with OPFOLGNING_PRODUCTION=1"),
        ({"OIDC_RP_CLIENT_ID": "client"}, "single sign-on needs OIDC_RP_CLIENT_SECRET"),
        ({"OIDC_ROLE_GROUPS": "chef=g1"}, "OIDC_ROLE_GROUPS: unknown role 'chef'"),
        ({"OIDC_ROLE_GROUPS": "finance_officer"}, "is not key=value"),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS='a year' is not a whole number"),
    ],
    ids=[
        "no-secret-key",
        "no-hosts",
        "debug-in-production",
        "oidc-half-configured",
        "unknown-role",
        "mapping-without-equals",
        "bad-number",
    ],
)
def test_bad_security_settings_stop_the_app_with_the_reason(tmp_path, env, message):
    result = opfolgning(tmp_path, "check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_local_run_keeps_plain_http_cookies_and_no_redirect(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    result = opfolgning(tmp_path, "shell", "--no-imports", "-c", code, DEBUG="1")
    assert result.stdout.split() == ["False", "False", "0"], result.stderr


def test_env_pairs_splits_on_semicolons_and_keeps_commas_and_equals(monkeypatch):
    monkeypatch.setenv("X", " By, Erhverv og Miljø = g1 ;\nØkonomi=CN=Okonomi,OU=Grupper ; ")
    assert env_pairs("X") == [("By, Erhverv og Miljø", "g1"), ("Økonomi", "CN=Okonomi,OU=Grupper")]


def test_env_pairs_refuses_an_item_without_a_value(monkeypatch):
    monkeypatch.setenv("X", "finance_officer=g1;department_editor=")
    with pytest.raises(ImproperlyConfigured, match="X: 'department_editor=' is not key=value"):
        env_pairs("X")
