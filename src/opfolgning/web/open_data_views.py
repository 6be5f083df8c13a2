"""Open data: published data per agreement as JSON and CSV, with a schema and a licence.

Read only through agreements.public_selectors (published rounds, no personal data). The
files are open to other sites (CORS *), cached for five minutes and carry an ETag of their
bytes, so a harvester that asks again with If-None-Match gets a bodiless 304.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opfolgning.agreements.public_selectors import (
    PublicAgreement,
    public_agreement,
    public_agreements,
)
from opfolgning.agreements.selectors import NotFound
from opfolgning.exporters import open_data

CACHE_CONTROL = "public, max-age=300"


def _publication() -> open_data.Publication:
    # SITE_URL, not the request's host: the same data must give the same bytes everywhere.
    return open_data.Publication(
        licence_name=settings.OPEN_DATA_LICENCE,
        licence_url=settings.OPEN_DATA_LICENCE_URL,
        publisher=settings.OPEN_DATA_PUBLISHER or "Kommunen",
        schema_url=settings.SITE_URL + reverse("web:open-data-schema"),
    )


def _missing(request: HttpRequest, message: str, year: int | None = None) -> HttpResponse:
    return render(
        request, "web/open_data/missing.html", {"message": message, "year": year}, status=404
    )


def _agreement_or_none(year: int) -> PublicAgreement | None:
    try:
        return public_agreement(year=year)
    except NotFound:
        return None


def _not_published(request: HttpRequest, year: int) -> HttpResponse:
    # The same words whether the agreement is unknown or only unpublished (no drafts hinted).
    return _missing(
        request,
        _("Der er ikke offentliggjort data for en budgetaftale for %(year)s.") % {"year": year},
    )


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if header.strip() == "*":
        return True
    # Weak comparison (RFC 9110 §13.1.2): a proxy may have weakened the tag with W/.
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return etag in tags


def _file_response(
    request: HttpRequest, body: bytes, content_type: str, filename: str = ""
) -> HttpResponse:
    etag = _etag(body)
    if _matches(request, etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _licence_context() -> dict[str, str]:
    publication = _publication()
    return {
        "licence_name": publication.licence_name,
        "licence_url": publication.licence_url,
        "publisher": publication.publisher,
    }


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    """List the agreements with published data, their files and the licence."""
    entries = []
    for row in public_agreements():
        agreement = _agreement_or_none(row.year)
        if agreement is not None:
            entries.append({"row": row, "files": open_data.data_files(agreement)})
    return render(
        request, "web/open_data/catalogue.html", {"entries": entries, **_licence_context()}
    )


@require_safe
def schema(request: HttpRequest) -> HttpResponse:
    """Return the JSON Schema of the open-data JSON file."""
    body = open_data.render_schema(_publication().schema_url)
    return _file_response(request, body, open_data.SCHEMA_TYPE)


@require_safe
def agreement_data(request: HttpRequest, year: int) -> HttpResponse:
    """Show an agreement's open-data files, their columns, the source and the licence."""
    agreement = _agreement_or_none(year)
    if agreement is None:
        return _not_published(request, year)
    published_at = open_data.last_published(agreement)
    return render(
        request,
        "web/open_data/agreement.html",
        {
            "agreement": agreement,
            "files": open_data.data_files(agreement),
            "sources": [r for r in agreement.rounds if r.published],
            "last_changed": timezone.localtime(published_at).date() if published_at else None,
            **_licence_context(),
        },
    )


@require_safe
def download(request: HttpRequest, year: int, filename: str) -> HttpResponse:
    """Return one open-data file of an agreement."""
    agreement = _agreement_or_none(year)
    if agreement is None:
        return _not_published(request, year)
    found = open_data.render_file(agreement, filename, _publication())
    if found is None:
        names = ", ".join(f.filename for f in open_data.data_files(agreement))
        return _missing(
            request,
            _("Aftalen for %(year)s har ingen fil, der hedder %(name)s. Filerne er: %(names)s.")
            % {"year": year, "name": filename, "names": names},
            year,
        )
    data_file, body = found
    return _file_response(request, body, data_file.content_type, data_file.filename)
