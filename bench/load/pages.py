"""Read what a load-test user needs from a page: the hidden form fields (no Django, no locust)."""

from __future__ import annotations

import re

_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z_:-]+)="([^"]*)"')


class PageError(ValueError):
    """The page lacks a field the user needs (e.g. the form is not editable)."""


def hidden_fields(html: str) -> dict[str, str]:
    """Return the name and value of every hidden input on the page."""
    fields = {}
    for tag in _INPUT.findall(html):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get("type", "").lower() == "hidden" and "name" in attrs:
            fields[attrs["name"]] = attrs.get("value", "")
    return fields


def status_form_fields(html: str) -> tuple[int, str]:
    """Return the status form's version and CSRF token; PageError when the form is absent."""
    fields = hidden_fields(html)
    missing = [name for name in ("version", "csrfmiddlewaretoken") if name not in fields]
    if missing:
        raise PageError(f"the status form has no {', '.join(missing)} (is the round open?)")
    try:
        version = int(fields["version"])
    except ValueError:
        version_text = fields["version"]
        raise PageError(f"the status form's version {version_text!r} is not a number") from None
    return version, fields["csrfmiddlewaretoken"]


def cookie_header(cookies: dict[str, str]) -> str:
    """Return a Cookie header value for the given cookies."""
    return "; ".join(f"{name}={value}" for name, value in cookies.items())
