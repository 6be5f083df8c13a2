"""Generated report files: render now when small, as a background job when large; cache both.

A file is cached under the sha256 of the report document's JSON, so it is served again until
the report's data changes, and then made anew.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from opfolgning import exporters
from opfolgning.agreements import selectors
from opfolgning.agreements.models import Agreement, ReportFile, ReportFileStatus
from opfolgning.followup.document import ReportDocument, fingerprint


@dataclass(frozen=True)
class ReportRequest:
    """Which report, in which format."""

    year: int
    round_number: int
    committee: str  # a committee slug, or "" for the whole agreement
    format: str
    # Who it is for (accounts.permissions.ReportReader.key): the same data, read by another
    # audience, is another file.
    audience: str = "staff"


def _document(request: ReportRequest) -> ReportDocument:
    return selectors.report_document(
        year=request.year, round_number=request.round_number, committee=request.committee or None
    )


def _version(request: ReportRequest, doc: ReportDocument) -> dict[str, Any]:
    """Return what names one file of a report: round, scope, format, reader, data version."""
    return {
        "round_number": request.round_number,
        "scope": request.committee,
        "format": request.format,
        "audience": request.audience,
        "fingerprint": fingerprint(doc),
    }


def report_file_get(*, request: ReportRequest, doc: ReportDocument) -> ReportFile | None:
    """Return the cached file for this data version (done or still being made), if any."""
    return (
        ReportFile.objects.filter(agreement__year=request.year, **_version(request, doc))
        .exclude(status=ReportFileStatus.FAILED)
        .first()
    )


def _store(report_file: ReportFile, content: bytes) -> None:
    report_file.content = content
    report_file.size = len(content)
    report_file.status = ReportFileStatus.DONE
    report_file.progress = 100
    report_file.finished_at = timezone.now()
    report_file.save()
    # Older data versions of the same report are stale: keep only the newest file.
    ReportFile.objects.filter(
        agreement_id=report_file.agreement_id,
        round_number=report_file.round_number,
        scope=report_file.scope,
        format=report_file.format,
        audience=report_file.audience,
        status__in=[ReportFileStatus.DONE, ReportFileStatus.FAILED],
    ).exclude(pk=report_file.pk).delete()


def _render(fmt: str, doc: ReportDocument) -> bytes:
    content = exporters.get(fmt).render(doc)
    return content.encode("utf-8") if isinstance(content, str) else content


@transaction.atomic
def report_file_render_now(*, request: ReportRequest, doc: ReportDocument) -> ReportFile:
    """Render a (small) report in this request and cache it."""
    agreement = Agreement.objects.get(year=request.year)
    report_file, _ = ReportFile.objects.get_or_create(agreement=agreement, **_version(request, doc))
    _store(report_file, _render(request.format, doc))
    return report_file


def report_file_request(*, request: ReportRequest, doc: ReportDocument) -> ReportFile:
    """Order a (large) report as a background job; return its file row to follow progress."""
    agreement = Agreement.objects.get(year=request.year)
    version = _version(request, doc)
    try:
        with transaction.atomic():
            # The job renders exactly this document (a frozen version, for this reader).
            report_file = ReportFile.objects.create(
                agreement=agreement, document=doc.to_dict(), **version
            )
    except IntegrityError:  # ordered already, by this or another request
        existing = report_file_get(request=request, doc=doc)
        if existing is not None:
            return existing
        report_file = ReportFile.objects.get(agreement=agreement, **version)
        report_file.status, report_file.progress, report_file.error = "pending", 0, ""
        report_file.document = doc.to_dict()
        report_file.save()
    transaction.on_commit(lambda: render_report_file.enqueue(report_file.pk))
    return report_file


def render_synchronously(doc: ReportDocument) -> bool:
    """Return whether a report is small enough to render within the request."""
    return len(doc.initiatives()) <= settings.REPORT_SYNC_MAX_INITIATIVES


def _progress(
    report_file: ReportFile, percent: int, status: str = ReportFileStatus.RUNNING
) -> None:
    report_file.progress, report_file.status = percent, status
    report_file.save(update_fields=["progress", "status"])


@task()
def render_report_file(report_file_id: int) -> int:
    """Background job: render one ordered report file, recording progress on its row."""
    report_file = ReportFile.objects.select_related("agreement").filter(pk=report_file_id).first()
    if report_file is None or report_file.status == ReportFileStatus.DONE:
        return report_file_id
    _progress(report_file, 5)
    request = ReportRequest(
        report_file.agreement.year,
        report_file.round_number,
        report_file.scope,
        report_file.format,
        report_file.audience,
    )
    try:
        stored = report_file.document
        doc = ReportDocument.from_dict(stored) if stored else _document(request)
        _progress(report_file, 30)
        content = _render(request.format, doc)
        _progress(report_file, 90)
        with transaction.atomic():
            _store(report_file, content)
    except Exception as exc:  # a failed job must say so on the page, not hang at "running"
        report_file.status, report_file.error = ReportFileStatus.FAILED, str(exc)[:2000]
        report_file.save(update_fields=["status", "error"])
        raise
    return report_file_id
