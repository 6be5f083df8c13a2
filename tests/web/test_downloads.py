"""Report downloads: every format from the page; large ones as a cached background job."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from opfolgning import exporters
from opfolgning.agreements.models import ReportFile
from opfolgning.agreements.services import report_import
from tests import factories

pytestmark = pytest.mark.django_db


URL = "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/"
RENDERS: list[int] = []


def _fake_render(doc) -> bytes:
    RENDERS.append(len(doc.initiatives()))
    return f"FAKE {doc.title} {len(doc.initiatives())}".encode()


@pytest.fixture
def fake_format():
    exporters.get("html")  # load the built-in formats first
    exporters.register(exporters.Exporter("fake", ".fake", "application/x-fake", _fake_render))
    RENDERS.clear()
    yield "fake"
    exporters._REGISTRY.pop("fake", None)


def test_report_page_offers_every_format(officer_client):
    report_import(actor=None, document=factories.report())
    html = officer_client.get(URL).content.decode()
    for fmt in ["pdf", "docx", "xlsx", "csv", "json", "html"]:
        assert f'href="?format={fmt}"' in html


def test_unknown_format_is_404(officer_client):
    report_import(actor=None, document=factories.report())
    assert officer_client.get(URL + "?format=exe").status_code == 404


def test_small_report_is_rendered_in_the_request_and_cached(officer_client, fake_format):
    report_import(actor=None, document=factories.report(initiatives=3))
    first = officer_client.get(URL + "?format=fake")
    assert first.status_code == 200
    assert first["Content-Type"] == "application/x-fake"
    assert first.content.startswith(b"FAKE Tredje opf")
    assert "attachment" in first["Content-Disposition"]
    second = officer_client.get(URL + "?format=fake")
    assert second.content == first.content
    assert RENDERS == [3]  # the second download came from the cache
    assert ReportFile.objects.get().status == "done"


def test_changed_data_makes_a_new_file_and_drops_the_stale_one(officer_client, fake_format):
    doc = factories.report(initiatives=3)
    report_import(actor=None, document=doc)
    officer_client.get(URL + "?format=fake")
    doc.themes[0].initiatives[0].title = "Ny titel"
    report_import(actor=None, document=doc)
    officer_client.get(URL + "?format=fake")
    assert RENDERS == [3, 3]
    assert ReportFile.objects.count() == 1


# The worker commits and closes its connection, as in production: these tests use real
# transactions (the job is queued on commit) rather than the test-case transaction.
@pytest.mark.django_db(transaction=True)
def test_large_report_is_a_background_job_with_progress(officer_client, fake_format, settings):
    settings.REPORT_SYNC_MAX_INITIATIVES = 2
    report_import(actor=None, document=factories.report(initiatives=3))
    pending = officer_client.get(URL + "?format=fake")
    assert pending.status_code == 202
    html = pending.content.decode()
    assert '<progress id="progress" max="100" value="0">' in html
    assert 'http-equiv="refresh"' in html
    assert ReportFile.objects.get().status == "pending"
    # A second visitor does not order the same file again.
    assert officer_client.get(URL + "?format=fake").status_code == 202
    assert ReportFile.objects.count() == 1

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    done = officer_client.get(URL + "?format=fake")
    assert done.status_code == 200
    expected = "FAKE Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget 3"
    assert done.content == expected.encode()
    assert ReportFile.objects.get().progress == 100
    assert RENDERS == [3]


@pytest.mark.django_db(transaction=True)
def test_a_failed_job_says_so_and_can_be_ordered_again(
    officer_client, fake_format, settings, monkeypatch
):
    settings.REPORT_SYNC_MAX_INITIATIVES = 0
    report_import(actor=None, document=factories.report(initiatives=1))

    def broken(doc):
        raise RuntimeError("printer on fire")

    monkeypatch.setitem(
        exporters._REGISTRY, "fake", exporters.Exporter("fake", ".fake", "x/fake", broken)
    )
    officer_client.get(URL + "?format=fake")
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert ReportFile.objects.get().status == "failed"
    retry = officer_client.get(URL + "?format=fake")
    assert retry.status_code == 202
    assert ReportFile.objects.get().status == "pending"


@pytest.mark.parametrize("fmt, content_type", [("json", "application/json"),
                                                ("html", "text/html; charset=utf-8"),
                                                ("csv", "text/csv; charset=utf-8")])  # fmt: skip
def test_text_formats_download_directly(officer_client, fmt, content_type):
    report_import(actor=None, document=factories.report())
    response = officer_client.get(URL + f"?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    # The round is open: a draft, and its name says so.
    assert "opfolgning-2019-3-oekonomiudvalget-kladde." in response["Content-Disposition"]


# The worker commits and closes its connection, as in production: real transactions here.
@pytest.mark.django_db(transaction=True)
def test_the_job_renders_the_document_that_was_ordered_not_what_the_data_says_later(
    officer_client, fake_format, settings
):
    # Issue 14: the file is made from the very document the reader was shown (a frozen
    # version, their part of it), stored with the order.
    settings.REPORT_SYNC_MAX_INITIATIVES = 2
    report_import(actor=None, document=factories.report(initiatives=3))
    assert officer_client.get(URL + "?format=fake").status_code == 202
    ordered = ReportFile.objects.get()
    assert ordered.audience == "staff" and ordered.document["round"] == 3
    from opfolgning.agreements.models import CommitteeReport

    assert CommitteeReport.objects.update(title="Ændret efter bestillingen") >= 1

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    ordered.refresh_from_db()
    assert (ordered.status, ordered.error) == ("done", "")
    assert bytes(ordered.content).startswith(b"FAKE Tredje opf")
