"""Imports in the browser (issue 15): upload a report or the adopted agreement, look at the
preview (new, changed with a word diff, kept, the cells to settle), then store it all or
nothing. Every upload is recorded and listed. For the finance office only."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opfolgning.accounts.permissions import can
from opfolgning.agreements import import_selectors as isel
from opfolgning.agreements import import_services as imports
from opfolgning.agreements.models import ImportKind, ImportRecord, ImportStatus
from opfolgning.agreements.services import ImportRejected
from opfolgning.delivery.uploads import upload_receive
from opfolgning.followup import vocabulary

from .forms import ImportUploadForm
from .round_views import _deny

PERM = "agreements.import_report"
KIND_CHOICES = [
    (
        ImportKind.REPORT.value,
        gettext_lazy(
            "En opfølgningsrapport: tilføjer eller opdaterer aftalen, indsatserne, "
            "milepælene, status og økonomi for rapportens opfølgning"
        ),
    ),
    (
        ImportKind.AGREEMENT.value,
        gettext_lazy(
            "Den vedtagne aftale: tilføjer aftalens indsatser med deres planlagte milepæle; "
            "alle fire opfølgninger er planlagte, og der gemmes ingen status"
        ),
    ),
]


def _form(request: HttpRequest) -> ImportUploadForm:
    initial = {"kind": request.GET.get("slags", ImportKind.REPORT.value)}
    return ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        kinds=[(value, str(label)) for value, label in KIND_CHOICES],
        max_mb=settings.IMPORT_MAX_BYTES // (1024 * 1024),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def imports_page(request: HttpRequest) -> HttpResponse:
    """Upload a file to import, and the record of every earlier upload."""
    if not can(request.user, PERM):
        return _deny(request)
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = upload_receive(
            actor=request.user,
            file_name=upload.name or "upload",
            chunks=upload.chunks(),
            size=upload.size or 0,
            kind=form.cleaned_data["kind"],
        )
        if record.status == ImportStatus.FAILED:
            form.add_error("file", record.error)
        else:
            return redirect("web:import", pk=record.pk)
    context = {"form": form, "records": isel.import_list(), "page": "imports"}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "web/imports/upload.html", context, status=status)


def _record(pk: int) -> ImportRecord:
    record = isel.import_get(pk)
    if record is None:
        raise Http404(_("Importen findes ikke."))
    return record


def _choices(request: HttpRequest) -> dict[str, str]:
    return {
        key.removeprefix("cell:"): str(request.POST.get(key, ""))
        for key in request.POST
        if key.startswith("cell:")
    }


@require_http_methods(["GET", "HEAD", "POST"])
def import_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: being read (a progress bar), its preview to act on, or what came of it."""
    if not can(request.user, PERM):
        return _deny(request)
    record = _record(pk)
    if request.method == "POST":
        return _act(request, record)
    if record.status == ImportStatus.READING:
        context = {"record": record, "page": "imports"}
        return render(request, "web/imports/reading.html", context, status=202)
    context = {
        "record": record,
        "preview": isel.preview_shown(record),
        "all_as": isel.ALL_AS,
        "result_rows": isel.result_rows(record),
        "page": "imports",
    }
    return render(request, "web/imports/record.html", context)


def _act(request: HttpRequest, record: ImportRecord) -> HttpResponse:
    action = request.POST.get("action", "")
    if record.status != ImportStatus.READY:
        messages.error(
            request,
            _("Importen er %(status)s og kan ikke ændres.")
            % {"status": record.get_status_display()},
        )
        return redirect("web:import", pk=record.pk)
    if action == "discard":
        imports.import_discard(record=record)
        messages.info(
            request,
            _("Importen af %(file)s er kasseret; intet er gemt.") % {"file": record.file_name},
        )
        return redirect("web:imports")
    choices = _choices(request)
    if action.startswith("all:"):
        reading = action.removeprefix("all:")
        preview = record.preview or {}
        for cell in preview.get("review", []):
            if reading in cell["choices"]:
                choices[cell["key"]] = reading
    try:
        if choices != (record.choices or {}) or action != "store":
            imports.import_choose(record, choices)
        if action.startswith("all:"):
            count = sum(1 for value in choices.values() if value == action.removeprefix("all:"))
            messages.info(
                request,
                _("%(n)s celler er sat til %(word)s. Forhåndsvisningen er opdateret.")
                % {
                    "n": count,
                    "word": vocabulary.smiley_word(
                        action.removeprefix("all:"), get_language() or "da"
                    ),
                },
            )
        if action == "store":
            result = imports.import_store(actor=request.user, record=record)
    except imports.ImportStale:
        messages.warning(
            request,
            _(
                "Data er ændret, siden forhåndsvisningen blev lavet. Se den nye "
                "forhåndsvisning, og gem igen."
            ),
        )
        return redirect("web:import", pk=record.pk)
    except ImportRejected as exc:
        messages.error(request, _("Intet er gemt: %(reason)s") % {"reason": exc})
        return redirect("web:import", pk=record.pk)
    if action == "store":
        created, updated = sum(result.created.values()), sum(result.updated.values())
        messages.success(
            request,
            _("%(file)s er gemt: %(created)s poster oprettet, %(updated)s ændret.")
            % {"file": record.file_name, "created": created, "updated": updated},
        )
    return redirect("web:import", pk=record.pk)
