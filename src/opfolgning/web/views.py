"""Pages: thin views that call selectors and render templates."""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from opfolgning import exporters
from opfolgning.accounts.permissions import (
    ReportReader,
    ReportScope,
    can,
    report_for,
    report_reader,
)
from opfolgning.accounts.selectors import access_of
from opfolgning.agreements import public_selectors, selectors
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements.models import ReportFileStatus
from opfolgning.agreements.services import committee_slug
from opfolgning.delivery import reports
from opfolgning.exporters import html
from opfolgning.exporters.html import report_context
from opfolgning.followup.audience import Audience
from opfolgning.followup.document import Contact, ReportDocument
from opfolgning.followup.text import whole_number


def public_document(doc: ReportDocument) -> ReportDocument:
    """Return the report as citizens get it: without the contact person."""
    if doc.contact == Contact():
        return doc
    return dataclasses.replace(doc, contact=Contact())


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """List the agreements."""
    published = {row.year for row in public_selectors.public_agreements()}
    context = {
        "agreements": selectors.agreement_list(),
        "published_years": published,
        "can_setup": can(request.user, "agreements.setup_agreement"),
    }
    return render(request, "web/home.html", context)


#: Where a landing place is (agreements.workflow_selectors.Landing.place).
LANDING_URLS = {
    "board": "web:round-manage",
    "owed": "web:owed",
    "my_work": "web:my-work",
    "report": "web:report",
    "public": "web:public-dashboard",
    "home": "web:home",
}


@require_safe
def landing(request: HttpRequest) -> HttpResponse:
    """Where each person lands after signing in: where their work is (issue 16)."""
    access = access_of(request.user)
    place = ws.landing_for(
        role=access.role.value if access.role else None,
        center_ids=access.center_ids,
        committee_ids=access.committee_ids,
    )
    return redirect(LANDING_URLS[place.place], *place.args)


@require_safe
def board(request: HttpRequest) -> HttpResponse:
    """The finance office's menu entry: the board of the open round (the first deadline)."""
    if not can(request.user, "agreements.view_progress"):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    place = ws.landing_for(role="finance_officer", center_ids=(), committee_ids=())
    return redirect(LANDING_URLS[place.place], *place.args)


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """Lead to the accessibility statement (the municipality's page in the WAS tool)."""
    if settings.ACCESSIBILITY_STATEMENT_URL:
        return redirect(settings.ACCESSIBILITY_STATEMENT_URL)
    return render(request, "web/accessibility.html")


@require_safe
def agreement(request: HttpRequest, year: int) -> HttpResponse:
    """Show an agreement: its rounds, committees and their reports."""
    overview = selectors.agreement_overview(year=year)
    try:
        # What citizens may read: the published themes and the public pages, for everyone.
        public = public_selectors.public_agreement(year=year)
    except selectors.NotFound:
        public = None
    user = request.user
    rounds = [
        {
            "round": r,
            "whole": can(user, "agreements.view_report", ReportScope(r, None)),
            "manage": can(user, "agreements.view_progress", r),
            "owed": r.is_open and can(user, "agreements.view_owed"),
            "committees": {
                row.committee.pk: can(user, "agreements.view_report", ReportScope(r, row.committee))
                for row in overview.committees
            },
        }
        for r in overview.rounds
    ]
    context = {
        "overview": overview,
        "public": public,
        "rounds": rounds,
        "can_manage": can(user, "agreements.manage_rounds"),
        "can_setup": can(user, "agreements.setup_agreement"),
        "rounds_owed": any(r["owed"] for r in rounds),
        "missing_rounds": [n for n in (1, 2, 3, 4) if n not in {r.number for r in overview.rounds}],
    }
    return render(request, "web/agreement.html", context)


FORMAT_LABELS = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "csv": "CSV",
    "json": "JSON",
    "html": "HTML",
    "agenda": "Dagsordenpunkt (ZIP)",
}
# Text formats are cheap to make: always in the request.
_INSTANT_FORMATS = {"json", "html", "txt", "csv"}


def _download(doc: ReportDocument, fmt: str, content: bytes) -> HttpResponse:
    exporter = exporters.get(fmt)
    # "opfolgning-2026-3-teknik-og-miljoeudvalget.pdf": no spaces or letters a system mangles.
    scope = f"-{committee_slug(doc.committee)}" if doc.committee else ""
    draft = "-kladde" if doc.draft else ""  # a draft is never mistaken for the final report
    name = f"opfolgning-{doc.agreement.year}-{doc.round}{scope}{draft}{exporter.suffix}"
    response = HttpResponse(content, content_type=exporter.content_type)
    disposition = "inline" if fmt in {"json", "pdf"} else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    return response


def _report_view(
    request: HttpRequest, year: int, round_number: int, committee: str | None
) -> tuple[ws.ReportView, ReportReader]:
    """Return the report to show (a frozen version where the round is closed), if allowed."""
    round_obj = ws.round_get(year=year, number=round_number)
    committee_obj = selectors.committee_get(name_or_slug=committee) if committee else None
    if not can(request.user, "agreements.view_report", ReportScope(round_obj, committee_obj)):
        if not request.user.is_authenticated:
            raise _SignIn
        raise PermissionDenied
    version_arg = request.GET.get("version", "")
    version = whole_number(version_arg)
    view = ws.report_view_of(round_obj=round_obj, committee=committee_obj, version=version)
    # Each reader gets their part of it: the finance office all, committees what bears on
    # their decisions, citizens none of the internal notes (followup.audience).
    reader = report_reader(request.user)
    view = dataclasses.replace(view, document=report_for(reader, view.document))
    if not request.user.is_authenticated:
        # No personal data of staff on public pages: citizens get the report without its
        # contact person (name, direct phone, e-mail); so do its downloads.
        view = dataclasses.replace(view, document=public_document(view.document))
    return view, reader


def _timeline_url(doc: ReportDocument, reader: ReportReader) -> str:
    """Return where "Se historik" leads, with the number's slot: the staff's timeline, or for
    citizens the public initiative page with its published history."""
    name = (
        "web:public-initiative" if reader.audience is Audience.PUBLIC else "web:initiative_timeline"
    )
    return reverse(name, args=[doc.agreement.year, html.NUMBER_SLOT])


def _context(doc: ReportDocument, reader: ReportReader) -> dict[str, Any]:
    return report_context(doc, timeline_url=_timeline_url(doc, reader))


def _frozen_body(
    request: HttpRequest, doc: ReportDocument, fingerprint: str, reader: ReportReader
) -> str:
    """Return the rendered body of a frozen report; a snapshot never changes, so cache it."""
    # Keyed by the snapshot's content (sha256 of its document), never by a row id that a
    # deleted and re-created snapshot could reuse.
    public = "public" if not doc.contact.name and not doc.contact.email else "full"
    key = f"report-body:{fingerprint}:{public}:{reader.key}:{get_language()}"
    body = cache.get(key)
    if body is None:
        body = render_to_string("web/_report_body.html", _context(doc, reader), request=request)
        cache.set(key, body, timeout=None)
    return mark_safe(body)  # rendered from our template, with every value escaped


class _SignIn(Exception):
    """A visitor asked for a report that needs a signed-in user."""


def _report_response(
    request: HttpRequest,
    doc: ReportDocument,
    committee: str,
    view: ws.ReportView,
    reader: ReportReader,
) -> HttpResponse:
    fmt = request.GET.get("format", "")
    if not fmt:
        snapshot = view.snapshot
        if snapshot is not None:
            context = {
                "doc": doc,
                "report_body": _frozen_body(request, doc, snapshot.fingerprint, reader),
            }
        else:
            context = _context(doc, reader)
        context["formats"] = [(f, label) for f, label in FORMAT_LABELS.items()]
        context["report_view"] = view
        context["round"] = view.round
        context["committee_slug"] = committee  # "" for the whole agreement's report
        return render(request, "web/report.html", context)
    try:
        exporter = exporters.get(fmt)
    except KeyError as exc:
        raise Http404(str(exc.args[0])) from exc
    if fmt in _INSTANT_FORMATS:
        content = exporter.render(doc)
        return _download(doc, fmt, content.encode() if isinstance(content, str) else content)
    order = reports.ReportRequest(doc.agreement.year, doc.round, committee, fmt, reader.key)
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
        view, reader = _report_view(request, year, round_number, committee)
    except _SignIn:
        return redirect_to_login(request.get_full_path())
    return _report_response(request, view.document, committee, view, reader)


@require_safe
def agreement_report(request: HttpRequest, year: int, round_number: int) -> HttpResponse:
    """Show the report of the whole agreement (all committees) at a round."""
    try:
        view, reader = _report_view(request, year, round_number, None)
    except _SignIn:
        return redirect_to_login(request.get_full_path())
    return _report_response(request, view.document, "", view, reader)
