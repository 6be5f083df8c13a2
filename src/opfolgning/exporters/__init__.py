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
    register(Exporter("pdf", ".pdf", "application/pdf", _lazy("pdf", "render_report_pdf")))
    register(Exporter("docx", ".docx", DOCX_TYPE, _lazy("docx", "render_report_docx")))
    register(Exporter("xlsx", ".xlsx", XLSX_TYPE, _lazy("xlsx", "render_report_xlsx")))
    register(Exporter("csv", ".csv", "text/csv; charset=utf-8", _lazy("csv", "render_report_csv")))
    # The committee's agenda item: case presentation (DOCX), the report PDF, metadata.
    register(Exporter("agenda", ".zip", "application/zip", _lazy("agenda", "render_agenda_zip")))


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lazy(module: str, function: str) -> Callable[[ReportDocument], str | bytes]:
    """Import a heavy exporter (the Typst compiler, python-docx, openpyxl) only when it is used."""

    def render(doc: ReportDocument) -> str | bytes:
        import importlib

        renderer = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        return renderer(doc)

    return render
