"""Helpers of the browser tests: axe-core, visible focus, signing in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from tests.personas import PASSWORD

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.1 level A and AA rules of axe-core.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# What makes the focused element visibly focused: its own outline or box shadow, or, for a
# visually hidden radio button or checkbox (the design system's), its label's ::before box.
_FOCUS_INDICATOR_JS = r"""
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: "body", shown: false, how: "nothing focused"};
  const shows = (style) => {
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    return outline ? "outline " + style.outlineWidth + " " + style.outlineStyle
         : shadow ? "box-shadow " + style.boxShadow : "";
  };
  const own = getComputedStyle(el);
  const hidden = parseFloat(own.opacity) === 0;
  const classes = typeof el.className === "string" && el.className
    ? "." + el.className.trim().split(/\s+/).join(".") : "";
  const describe = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes;
  if (!hidden && shows(own)) return {tag: describe, shown: true, how: shows(own)};
  const label = el.id ? document.querySelector('label[for="' + el.id + '"]') : null;
  if (label) {
    const viaLabel = shows(getComputedStyle(label)) || shows(getComputedStyle(label, "::before"));
    if (viaLabel) return {tag: describe, shown: true, how: "label: " + viaLabel};
  }
  return {tag: describe, shown: false, how: "no outline or box-shadow"};
}
"""

# Whether a checkbox's box is drawn: its label's ::before is 24 px and nothing above hides it.
BOX_DRAWN = """(id) => {
  const label = document.querySelector(`label[for="${id}"]`);
  for (let el = label; el; el = el.parentElement) {
    if (getComputedStyle(el).opacity === "0") return false;
  }
  return getComputedStyle(label, "::before").width === "24px";
}"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page as it is now; return the violations."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make install` (it runs `npm ci`).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result: dict[str, Any] = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],  // details of passes are not needed: faster
        })""",
        WCAG_TAGS,
    )
    return list(result["violations"])


def format_violations(violations: list[dict[str, Any]]) -> str:
    """Describe the violations, one offending element a line: rule, impact, target, help."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(
                f"  - {violation['id']} ({violation['impact']}) at {node['target']}: "
                f"{violation['help']}. {summary}"
            )
    return "\n".join(lines)


def assert_accessible(page: Page, what: str) -> None:
    """Fail unless axe-core finds zero WCAG 2.1 A/AA violations on the page."""
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found WCAG 2.1 A/AA violations on {what} ({page.url}):\n"
        + format_violations(violations)
    )


def focus_indicator(page: Page) -> dict[str, Any]:
    """Describe the focused element and whether its focus is visible (outline/box-shadow)."""
    found: dict[str, Any] = page.evaluate(_FOCUS_INDICATOR_JS)
    return found


def sign_in_by_cookie(context: BrowserContext, user: Any, base_url: str) -> None:
    """Give the context the session cookie of a signed-in user (faster than the form)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def sign_in_with_form(page: Page, username: str, next_path: str, password: str = PASSWORD) -> None:
    """Sign in through the real sign-in page, then land on next_path."""
    page.goto(f"/konto/log-ind/?next={next_path}")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode", exact=True).fill(password)
    page.get_by_role("button", name="Log ind", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))
