"""Typed helpers that read settings from the environment and fail loudly on bad values."""

from __future__ import annotations

import os
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    """Return the variable as text, or `default` when unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Return the variable as a boolean (1/0, true/false, yes/no, on/off)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1 or 0")


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """Return the variable as a comma-separated list."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_pairs(name: str) -> list[tuple[str, str]]:
    """Return `key=value` pairs separated by `;` or newlines (values may contain `=` and `,`)."""
    raw = os.environ.get(name, "")
    pairs = []
    for item in raw.replace("\n", ";").split(";"):
        item = item.strip()
        if not item:
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not key=value; separate pairs with ';'"
            )
        pairs.append((key.strip(), value.strip()))
    return pairs


def env_int_in(name: str, default: int, *, low: int, high: int) -> int:
    """Return the variable as a whole number between `low` and `high` (both included)."""
    value = env_int(name, default)
    if not low <= value <= high:
        raise ImproperlyConfigured(f"{name}={value} is out of range; use {low} to {high}")
    return value


def env_url(name: str, default: str) -> str:
    """Return the variable as an http(s) address without a trailing slash."""
    raw = os.environ.get(name, "").strip() or default
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a web address; use e.g. https://opfolgning.kommune.dk"
        )
    return raw.rstrip("/")


def env_email(name: str, default: str) -> str:
    """Return the variable as an e-mail address, bare or with a name (`Name <a@b.dk>`)."""
    raw = os.environ.get(name, "").strip() or default
    _, address = parseaddr(raw)
    try:
        validate_email(address)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not an e-mail address; use e.g. Opfølgning <noreply@kommune.dk>"
        ) from None
    return raw


def env_rate_limit(name: str, default: str) -> str:
    """Return the variable as a rate limit like 120/minute, checked ("" or 0: no limit)."""
    from opfolgning.ratelimit import parse_limit  # the parser the middleware uses too

    raw = os.environ.get(name)
    value = default if raw is None else raw.strip()
    try:
        parse_limit(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: {exc}") from None
    return value
