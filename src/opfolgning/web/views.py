"""Pages: thin views that call selectors and render templates."""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opfolgning import exporters
from opfolgning.agreements import reports, selectors
from opfolgning.agreements.models import ReportFileStatus
from opfolgning.exporters.html import report_context
from opfolgning.followup.document import ReportDocument


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """List the agreements."""
    return render(request, "web/home.html", {"agreements": selectors.agreement_list()})


@require_safe
def agreement(request: HttpRequest, year: int) -> HttpResponse:
    """Show an agreement: its rounds, committees and their reports."""
    try:
        overview = selectors.agreement_overview(year=year)
    except selectors.NotFound as exc:
        raise Http404(str(exc)) from exc
    return render(request, "web/agreement.html", {"overview": overview})


FORMAT_LABELS = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "csv": "CSV",
    "json": "JSON",
    "html": "HTML",
}
# Text formats are cheap to make: always in the request.
_INSTANT_FORMATS = {"json", "html", "txt", "csv"}


def _download(doc: ReportDocument, fmt: str, content: bytes) -> HttpResponse:
    exporter = exporters.get(fmt)
    scope = f"-{doc.committee}" if doc.committee else ""
    name = f"opfolgning-{doc.agreement.year}-{doc.round}{scope}{exporter.suffix}"
    response = HttpResponse(content, content_type=exporter.content_type)
    disposition = "inline" if fmt in {"json", "pdf"} else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    return response


def _report_response(request: HttpRequest, doc: ReportDocument, committee: str) -> HttpResponse:
    fmt = request.GET.get("format", "")
    if not fmt:
        context = report_context(doc)
        context["formats"] = [(f, label) for f, label in FORMAT_LABELS.items()]
        return render(request, "web/report.html", context)
    try:
        exporter = exporters.get(fmt)
    except KeyError as exc:
        raise Http404(str(exc.args[0])) from exc
    if fmt in _INSTANT_FORMATS:
        content = exporter.render(doc)
        return _download(doc, fmt, content.encode() if isinstance(content, str) else content)
    order = reports.ReportRequest(doc.agreement.year, doc.round, committee, fmt)
    cached = reports.report_file_get(request=order, doc=doc)
    if cached is None and reports.render_synchronously(doc):
        cached = reports.report_file_render_now(request=order, doc=doc)
    elif cached is None:
        cached = reports.report_file_request(request=order, doc=doc)
    if cached.status == ReportFileStatus.DONE and cached.content is not None:
        return _download(doc, fmt, bytes(cached.content))
    context = {"doc": doc, "file": cached, "format_label": FORMAT_LABELS.get(fmt, fmt)}
    return render(request, "web/report_pending.html", context, status=202)


@require_safe
def report(request: HttpRequest, year: int, committee: str, round_number: int) -> HttpResponse:
    """Show a committee's report at a round, with the smiley rules applied."""
    try:
        doc = selectors.report_document(year=year, round_number=round_number, committee=committee)
    except selectors.NotFound as exc:
        raise Http404(str(exc)) from exc
    return _report_response(request, doc, committee)


@require_safe
def agreement_report(request: HttpRequest, year: int, round_number: int) -> HttpResponse:
    """Show the report of the whole agreement (all committees) at a round."""
    try:
        doc = selectors.report_document(year=year, round_number=round_number)
    except selectors.NotFound as exc:
        raise Http404(str(exc)) from exc
    return _report_response(request, doc, "")
