"""Imports uploaded in the browser: receive the file, read it (now when small, as a background
job when large), and leave a preview for a person to look at before anything is stored.

Every upload is recorded (agreements.models.ImportRecord): who, when, the file's name and
sha256, and what came of it, also when the file was refused.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django_tasks import task

from opfolgning.agreements.audit import Actor, user_of
from opfolgning.agreements.import_services import import_preview
from opfolgning.agreements.models import ImportKind, ImportRecord, ImportStatus
from opfolgning.agreements.services import ImportRejected
from opfolgning.followup.errors import ReportFormatError
from opfolgning.importers import parse_bytes, precheck_bytes, too_large

logger = logging.getLogger(__name__)

#: The file kinds the upload reads (by content, not by name; the name only helps the person).
ACCEPTED_SUFFIXES = (".docx", ".xlsx", ".txt", ".md")


def _fail(record: ImportRecord, message: str) -> ImportRecord:
    record.status, record.error, record.progress = ImportStatus.FAILED, message, 100
    record.content = None
    record.save(update_fields=["status", "error", "progress", "content"])
    return record


def upload_receive(
    *, actor: Actor, file_name: str, chunks: Iterable[bytes], size: int, kind: str
) -> ImportRecord:
    """Record an uploaded file and read it; a large one is read by a background job.

    A file over settings.IMPORT_MAX_BYTES is refused unread (only hashed); every refusal is
    kept on the record as its error, in the words the CLI uses.
    """
    if kind not in ImportKind.values:
        kind = ImportKind.REPORT
    digest = hashlib.sha256()
    limit = settings.IMPORT_MAX_BYTES
    data = bytearray()
    for chunk in chunks:
        digest.update(chunk)
        if size <= limit:
            data.extend(chunk)
    record = ImportRecord.objects.create(
        file_name=file_name[:255],
        sha256=digest.hexdigest(),
        size=size,
        kind=kind,
        uploaded_by=user_of(actor),
    )
    if size > limit or len(data) > limit:
        return _fail(record, str(too_large(size, limit, file_name)))
    if size <= settings.IMPORT_SYNC_MAX_BYTES:
        return upload_read(record, bytes(data))
    try:
        precheck_bytes(bytes(data), source=file_name)
    except ReportFormatError as exc:
        return _fail(record, str(exc))
    record.content = bytes(data)
    record.progress = 5
    record.save(update_fields=["content", "progress"])
    transaction.on_commit(lambda: read_upload.enqueue(record.pk))
    return record


def upload_read(record: ImportRecord, data: bytes) -> ImportRecord:
    """Parse the file and make its preview; a file that cannot be read fails with the reason."""
    try:
        precheck_bytes(data, source=record.file_name)
        doc = parse_bytes(data, source=record.file_name, max_bytes=settings.IMPORT_MAX_BYTES)
    except ReportFormatError as exc:
        return _fail(record, str(exc))
    record.document = doc.to_dict()
    record.title = doc.title[:500]
    record.initiative_count = len(doc.initiatives())
    record.content = None
    record.progress = 60
    record.save(update_fields=["document", "title", "initiative_count", "content", "progress"])
    try:
        return import_preview(record)
    except ImportRejected as exc:
        return _fail(record, f"{record.file_name}: {exc}")


def _progress(record: ImportRecord, percent: int) -> None:
    record.progress = percent
    record.save(update_fields=["progress"])


@task()
def read_upload(record_id: int) -> int:
    """Background job: read one large uploaded file and make its preview."""
    record = ImportRecord.objects.filter(pk=record_id, status=ImportStatus.READING).first()
    if record is None or record.content is None:
        return record_id
    _progress(record, 20)
    try:
        upload_read(record, bytes(record.content))
    except Exception:  # a failed job must say so on the page, not stay "being read"
        logger.exception("import %s: reading failed", record_id)
        _fail(
            record,
            f"{record.file_name}: the file could not be read because of an error in the "
            "program; nothing was stored. Tell the system's administrator.",
        )
        raise
    return record_id
