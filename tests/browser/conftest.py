"""Browser tests: playwright on Debian's Chromium against pytest-django's live server.

One Chromium for all browser tests; a fresh context (cookies, storage) per persona and test.
Nothing is downloaded: the browser is the system's `/usr/bin/chromium` (`.ci/run` installs
it) and axe-core comes from `node_modules` (`make install` runs `npm ci`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.browser.helpers import sign_in_by_cookie

CHROMIUM = Path("/usr/bin/chromium")
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Generous: the CI machine has two cores and runs other test processes at the same time.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives Debian's Chromium through playwright (tests/browser)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Start Chromium once for the browser tests (stopped after the last of them)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Run .ci/run (it installs it) or `apt-get install chromium`."
        )
    # Playwright's sync API keeps an event loop in this thread while the browser runs; Django
    # would refuse the ORM calls of fixtures and tests as "async unsafe", although none of
    # them runs inside that loop. Only for these tests: the flag is restored afterwards.
    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if before is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = before


@pytest.fixture
def new_context(browser: Browser, live_server: Any) -> Iterator[Callable[..., BrowserContext]]:
    """Return a factory of browser contexts on the live server, closed after the test."""
    made: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def page_as(new_context: Callable[..., BrowserContext], live_server: Any) -> Callable[..., Page]:
    """Return a factory: a page in a fresh context, signed in as the user (a citizen: not)."""

    def make(user: Any = None, **options: Any) -> Page:
        context = new_context(**options)
        if user is not None and user.is_authenticated:
            sign_in_by_cookie(context, user, live_server.url)
        return context.new_page()

    return make
