"""Exporters: report document → file. Each format is one module registered here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from opfolgning.followup.document import ReportDocument


@dataclass(frozen=True)
class Exporter:
    """A registered output format."""

    name: str
    suffix: str
    content_type: str
    render: Callable[[ReportDocument], str | bytes]


_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> None:
    """Make a format available to `opfolgning report --format` and the report page."""
    _REGISTRY[exporter.name] = exporter


def get(name: str) -> Exporter:
    """Return the exporter of a format, or raise KeyError naming the known ones."""
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown format {name!r}; known: {', '.join(names())}") from None


def names() -> list[str]:
    """Return the names of the registered formats."""
    _load_builtins()
    return sorted(_REGISTRY)


def _load_builtins() -> None:
    if _REGISTRY:
        return
    from . import html, json, text

    register(Exporter("html", ".html", "text/html; charset=utf-8", html.render_report_html))
    register(Exporter("json", ".json", "application/json", json.render_report_json))
    register(Exporter("txt", ".txt", "text/plain; charset=utf-8", text.write_text))
