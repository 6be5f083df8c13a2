"""Det Fælles Designsystem (npm `dkfds`) as static files, straight from node_modules.

Only the stylesheet and the files it refers to (fonts, icons) are found, served and collected,
under the `dkfds/` prefix: the package's other themes, source maps, Sass and unused font
formats stay out of STATIC_ROOT.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.contrib.staticfiles.utils import matches_patterns
from django.core.checks import CheckMessage, Error
from django.core.files.storage import FileSystemStorage

PREFIX = "dkfds"
STYLESHEET = "css/dkfds.min.css"
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""")


def dist_dir() -> Path:
    """Return the design system's dist/ folder (in NODE_MODULES_DIR)."""
    return Path(settings.NODE_MODULES_DIR) / "dkfds" / "dist"


def stylesheet_references(css: str, stylesheet: str = STYLESHEET) -> set[str]:
    """Return the local files a stylesheet refers to, relative to dist/ (no data: or http:)."""
    base = PurePosixPath(stylesheet).parent
    found = set()
    for url in _CSS_URL.findall(css):
        if ":" in url or url.startswith(("/", "#")):
            continue
        path = url.split("?", 1)[0].split("#", 1)[0]
        parts: list[str] = []
        for part in (base / path).parts:
            if part == "..":
                if parts:
                    parts.pop()
            elif part != ".":
                parts.append(part)
        found.add("/".join(parts))
    return found


class DesignSystemFinder(BaseFinder):
    """Find dkfds' stylesheet and the fonts and icons it uses, as `dkfds/<path in dist>`."""

    @cached_property
    def storage(self) -> FileSystemStorage:
        storage = FileSystemStorage(location=dist_dir())
        storage.prefix = PREFIX  # type: ignore[attr-defined]  # collectstatic reads it
        return storage

    @cached_property
    def files(self) -> frozenset[str]:
        """Return the served paths inside dist/: the stylesheet and what it refers to."""
        root = dist_dir()
        stylesheet = root / STYLESHEET
        if not stylesheet.is_file():
            return frozenset()
        wanted = {STYLESHEET} | stylesheet_references(stylesheet.read_text(encoding="utf-8"))
        return frozenset(path for path in wanted if (root / path).is_file())

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        stylesheet = dist_dir() / STYLESHEET
        if stylesheet.is_file():
            return []
        return [
            Error(
                f"Det Fælles Designsystem is missing: {stylesheet} does not exist.",
                hint="Run `make install` (it runs `npm ci`), or set NODE_MODULES_DIR to the"
                " node_modules folder that holds dkfds.",
                id="opfolgning.E001",
            )
        ]

    # Django's own finders return [] for "not found" even when find_all is False (finders.find
    # relies on it); django-stubs says None.
    def find(self, path: str, find_all: bool = False) -> str | list[str]:  # type: ignore[override]
        prefix = f"{PREFIX}/"
        name = path[len(prefix) :] if path.startswith(prefix) else None
        if name is None or name not in self.files:
            return []
        match = str(dist_dir() / name)
        return [match] if find_all else match

    def list(
        self, ignore_patterns: Iterable[str] | None
    ) -> Iterator[tuple[str, FileSystemStorage]]:
        for name in sorted(self.files):
            if not (ignore_patterns and matches_patterns(name, ignore_patterns)):
                yield name, self.storage
