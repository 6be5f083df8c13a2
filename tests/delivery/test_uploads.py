"""Receiving an uploaded file (issue 15): every upload is recorded (who, when, name, sha256);
a bad file is refused with the CLI's words and nothing is stored; a large one is read by a
background job."""

from __future__ import annotations

import hashlib
import io
import zipfile

from opfolgning import exporters
from opfolgning.agreements import selectors
from opfolgning.agreements.models import Agreement, ImportRecord, ImportStatus, Initiative
from opfolgning.delivery.uploads import upload_receive
from tests.conftest import SEED_TEXT

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _upload(data: bytes, name: str, actor=None) -> ImportRecord:
    return upload_receive(actor=actor, file_name=name, chunks=[data], size=len(data), kind="report")


def _refused(data: bytes, name: str, *words: str) -> ImportRecord:
    record = _upload(data, name)
    assert record.status == ImportStatus.FAILED
    for word in words:
        assert word in record.error, record.error
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert record.content is None and record.document is None
    return record


def test_an_upload_is_recorded_with_who_and_the_files_fingerprint(db, finance_officer):
    data = SEED_TEXT.read_bytes()
    record = _upload(data, "rapport.txt", actor=finance_officer)
    assert record.uploaded_by == finance_officer and record.uploaded_at is not None
    assert record.file_name == "rapport.txt" and record.size == len(data)
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert record.title.startswith("Tredje opfølgning") and record.initiative_count == 27


def test_a_file_over_the_limit_is_refused_unread(db, settings):
    settings.IMPORT_MAX_BYTES = 1024
    _refused(b"x" * 5000, "stor.txt", "stor.txt", "too large", "the limit is")


def test_a_corrupt_file_is_refused(db):
    _refused(b"PK\x03\x04" + b"\x00garbage" * 50, "rapport.docx", "rapport.docx")


def test_a_password_protected_file_is_refused(db, settings):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00junk" * 100
    _refused(data, "afdeling.xlsx", "password-protected")
    settings.IMPORT_SYNC_MAX_BYTES = 10  # large: refused at once, before any job
    _refused(data, "afdeling.xlsx", "password-protected")


def test_a_zip_bomb_is_refused_before_unpacking(db):
    # Over the size read in the request: refused at once all the same, not by a job.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", "<w:document/>")
        with package.open("word/media/big.bin", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(bytes(1024 * 1024))
    _refused(out.getvalue(), "bombe.docx", "refused before unpacking")


def test_a_file_that_is_not_a_report_is_refused(db):
    _refused("Indkøbsliste\nmælk\nbrød\n".encode(), "noter.txt", "noter.txt")


def test_a_renamed_file_is_read_by_what_it_is(world):
    doc = selectors.report_document(year=2019, round_number=1, committee=world.committee.slug)
    data = exporters.get("docx").render(doc)
    record = _upload(data, "rapport.txt")  # a Word file with a text file's name
    assert record.status == ImportStatus.READY, record.error


def test_a_large_file_is_read_by_a_background_job(db, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    settings.IMPORT_SYNC_MAX_BYTES = 1024
    data = SEED_TEXT.read_bytes()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record = _upload(data, "stor-rapport.txt")
    assert record.status == ImportStatus.READING and record.content == data
    assert len(callbacks) == 1
    callbacks[0]()  # the job runs
    record.refresh_from_db()
    assert record.status == ImportStatus.READY and record.progress == 100
    assert record.content is None and record.preview["counts"]["new"] == 27
    assert not Agreement.objects.exists() and not Initiative.objects.exists()


def test_a_file_named_as_word_that_is_not_one_says_so(db):
    _refused(b"\x1d\x00random bytes" * 40, "rapport.docx", "rapport.docx", "not a DOCX file")
