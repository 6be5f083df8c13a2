"""Read what a load-test user needs from a page: the hidden form fields (no Django, no locust)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

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


class _FormReader(HTMLParser):
    """Collect what a browser would send for one form: its controls' names and values."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.found = False
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._textarea_start = False
        self._select: str | None = None
        self._select_first: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            self.found = self.found or self.inside
            return
        if not self.inside or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.fields[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea, self._textarea_start = name, True
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select, self._select_first = name, None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self.fields[self._select] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.setdefault(self._select, self._select_first or "")
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            # A browser drops the newline right after <textarea>.
            if self._textarea_start and data.startswith("\n"):
                data = data[1:]
            self._textarea_start = False
            self.fields[self._textarea] += data


def form_data(html: str, form_id: str) -> dict[str, str]:
    """Return what submitting the form with this id would send, without its buttons.

    Text and hidden inputs with their values, checked radios and checkboxes, textareas and
    the selected option of each select; PageError when the page has no such form.
    """
    reader = _FormReader(form_id)
    reader.feed(html)
    reader.close()
    if not reader.found:
        raise PageError(f"the page has no form #{form_id}")
    return reader.fields


def cookie_header(cookies: dict[str, str]) -> str:
    """Return a Cookie header value for the given cookies."""
    return "; ".join(f"{name}={value}" for name, value in cookies.items())
