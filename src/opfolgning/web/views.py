"""Pages: thin views that call selectors and render templates."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opfolgning.agreements import selectors
from opfolgning.exporters.html import render_report_html, report_context
from opfolgning.exporters.json import render_report_json
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


def _report_response(request: HttpRequest, doc: ReportDocument) -> HttpResponse:
    fmt = request.GET.get("format", "")
    base_name = f"opfolgning-{doc.agreement.year}-{doc.round}"
    if fmt == "json":
        response = HttpResponse(render_report_json(doc), content_type="application/json")
        response["Content-Disposition"] = f'inline; filename="{base_name}.json"'
        return response
    if fmt == "html":
        response = HttpResponse(render_report_html(doc), content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{base_name}.html"'
        return response
    if fmt:
        raise Http404(f"unknown format {fmt!r}; use html or json")
    return render(request, "web/report.html", report_context(doc))


@require_safe
def report(request: HttpRequest, year: int, committee: str, round_number: int) -> HttpResponse:
    """Show a committee's report at a round, with the smiley rules applied."""
    try:
        doc = selectors.report_document(year=year, round_number=round_number, committee=committee)
    except selectors.NotFound as exc:
        raise Http404(str(exc)) from exc
    return _report_response(request, doc)


@require_safe
def agreement_report(request: HttpRequest, year: int, round_number: int) -> HttpResponse:
    """Show the report of the whole agreement (all committees) at a round."""
    try:
        doc = selectors.report_document(year=year, round_number=round_number)
    except selectors.NotFound as exc:
        raise Http404(str(exc)) from exc
    return _report_response(request, doc)
