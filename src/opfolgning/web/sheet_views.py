"""Pages of the department spreadsheet: download a center's sheet, upload it, preview, save.

Thin: check the permission rule (accounts.permissions), call delivery.department_sheets,
render. The parsed rows travel from the preview to the save in a signed hidden field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from opfolgning.accounts.permissions import CenterScope, can
from opfolgning.agreements import sheet_selectors, sheet_services
from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements.models import Center, Round
from opfolgning.delivery import department_sheets as sheets

from .forms import ColumnMappingForm, SheetUploadForm

DOWNLOAD = "agreements.download_department_sheet"
UPLOAD = "agreements.upload_department_sheet"


def _deny(request: HttpRequest) -> HttpResponse:
    """Send a visitor to the sign-in page; refuse a signed-in user without the right."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@dataclass(frozen=True)
class SheetAction:
    """A center on a round page, and whether the user may download and upload its sheet."""

    center: Center
    may_upload: bool


def sheet_actions(request: HttpRequest, round_obj: Round) -> list[SheetAction]:
    """Return the centers of the round whose spreadsheet the user may download."""
    actions = []
    for center in sheets.sheet_centers(round_obj=round_obj, center_ids=None):
        scope = CenterScope(round_obj, center)
        if can(request.user, DOWNLOAD, scope):
            actions.append(SheetAction(center, can(request.user, UPLOAD, scope)))
    return actions


def _scope(year: int, round_number: int, center_id: int) -> CenterScope:
    round_obj = ws.round_get(year=year, number=round_number)
    try:
        center = sheets.center_get(center_id=center_id)
    except Center.DoesNotExist:
        raise Http404(f"no center {center_id}") from None
    return CenterScope(round_obj, center)


def _round_page(request: HttpRequest, scope: CenterScope) -> str:
    """Return the round page the user came from: the finance office's board, or the list."""
    args = [scope.round.agreement.year, scope.round.number]
    if can(request.user, "agreements.view_progress", scope.round):
        return reverse("web:round-manage", args=args)
    return reverse("web:owed", args=args)


def _context(request: HttpRequest, scope: CenterScope, **extra: Any) -> dict[str, Any]:
    return {
        "round": scope.round,
        "center": scope.center,
        "back_url": _round_page(request, scope),
        **extra,
    }


@require_safe
def sheet_download(request: HttpRequest, year: int, round_number: int, center_id: int) -> Any:
    """Send the center's spreadsheet of the round, pre-filled."""
    scope = _scope(year, round_number, center_id)
    if not can(request.user, DOWNLOAD, scope):
        return _deny(request)
    download = sheets.sheet_download(round_obj=scope.round, center=scope.center)
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    return response


def _upload_page(
    request: HttpRequest, scope: CenterScope, form: SheetUploadForm, status: int = 200
) -> HttpResponse:
    context = _context(request, scope, form=form)
    return render(request, "web/rounds/sheet_upload.html", context, status=status)


def _preview_page(
    request: HttpRequest,
    scope: CenterScope,
    preview: sheets.SheetPreview,
    uploaded: sheets.UploadedSheet,
    status: int = 200,
    *,
    mapping_token: str = "",
) -> HttpResponse:
    token = sheets.sheet_token(
        uploaded=uploaded, user_id=request.user.pk, round_obj=scope.round, center=scope.center
    )
    context = _context(
        request,
        scope,
        preview=preview,
        token=token,
        outcomes=sheets.RowOutcome,
        warnings=uploaded.warnings,
        mapping_token=mapping_token,
    )
    return render(request, "web/rounds/sheet_preview.html", context, status=status)


def _mapping_page(
    request: HttpRequest,
    scope: CenterScope,
    table: sheets.OwnTable,
    form: ColumnMappingForm,
    source: str,
    status: int = 200,
) -> HttpResponse:
    context = _context(request, scope, form=form, table=table, source=source)
    return render(request, "web/rounds/sheet_mapping.html", context, status=status)


def _mapping_form(
    table: sheets.OwnTable,
    data: Any = None,
    *,
    token: str = "",
    columns: dict[int, str] | None = None,
) -> ColumnMappingForm:
    samples = [table.sample(i) for i in range(len(table.headers))]
    return ColumnMappingForm(
        data,
        headers=table.headers,
        samples=samples,
        guesses=table.guesses() if columns is None else columns,
        initial={"token": token},
    )


def _ask_for_mapping(
    request: HttpRequest, scope: CenterScope, error: sheets.HeaderError, source: str
) -> HttpResponse:
    """Read the sheet with the mapping remembered for its headers, or ask for one."""
    table = error.table
    token = sheets.table_token(
        table=table,
        source=source,
        user_id=request.user.pk,
        round_obj=scope.round,
        center=scope.center,
    )
    remembered = sheet_selectors.header_mapping_get(headers=table.headers)
    if remembered is not None:
        try:
            uploaded = sheets.table_read(
                table=table,
                columns=remembered,
                source=source,
                round_obj=scope.round,
                center=scope.center,
            )
        except sheets.SheetError:
            pass
        else:
            preview = sheets.sheet_preview(
                round_obj=scope.round, center=scope.center, uploaded=uploaded
            )
            return _preview_page(request, scope, preview, uploaded, mapping_token=token)
    return _mapping_page(request, scope, table, _mapping_form(table, token=token), source)


@require_http_methods(["GET", "HEAD", "POST"])
def sheet_upload(request: HttpRequest, year: int, round_number: int, center_id: int) -> Any:
    """Show the upload form; on upload, show what the sheet would change (nothing is stored)."""
    scope = _scope(year, round_number, center_id)
    if not can(request.user, UPLOAD, scope):
        return _deny(request)
    if request.method != "POST":
        return _upload_page(request, scope, SheetUploadForm())
    form = SheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, scope, form, status=422)
    upload = form.cleaned_data["sheet"]
    name = upload.name or "regneark.xlsx"
    try:
        uploaded = sheets.sheet_read(
            upload=upload,
            size=upload.size or 0,
            source=name,
            max_bytes=settings.IMPORT_MAX_BYTES,
            round_obj=scope.round,
            center=scope.center,
        )
    except sheets.HeaderError as exc:
        return _ask_for_mapping(request, scope, exc, name)
    except sheets.SheetError as exc:
        form.add_error("sheet", str(exc))
        return _upload_page(request, scope, form, status=422)
    preview = sheets.sheet_preview(round_obj=scope.round, center=scope.center, uploaded=uploaded)
    return _preview_page(request, scope, preview, uploaded)


@require_POST
def sheet_mapping(request: HttpRequest, year: int, round_number: int, center_id: int) -> Any:
    """Read a department's own sheet with the column mapping chosen; remember it; preview."""
    scope = _scope(year, round_number, center_id)
    if not can(request.user, UPLOAD, scope):
        return _deny(request)
    upload_url = reverse("web:department-sheet-upload", args=[year, round_number, center_id])
    try:
        table, source = sheets.table_from_token(
            request.POST.get("token", ""),
            user_id=request.user.pk,
            round_obj=scope.round,
            center=scope.center,
        )
    except sheets.SheetTokenError:
        messages.error(
            request,
            _(
                "Kolonnekoblingen er udløbet eller ugyldig, så intet er gemt. Upload "
                "regnearket igen."
            ),
        )
        return redirect(upload_url)
    if request.POST.get("change"):
        # From a preview read with the remembered mapping: choose the columns again.
        remembered = sheet_selectors.header_mapping_get(headers=table.headers)
        token = request.POST.get("token", "")
        form = _mapping_form(table, token=token, columns=remembered)
        return _mapping_page(request, scope, table, form, source)
    form = _mapping_form(table, request.POST)
    if not form.is_valid():
        return _mapping_page(request, scope, table, form, source, status=422)
    columns = form.columns()
    try:
        uploaded = sheets.table_read(
            table=table, columns=columns, source=source, round_obj=scope.round, center=scope.center
        )
    except sheets.SheetError as exc:
        form.add_error(None, str(exc))
        return _mapping_page(request, scope, table, form, source, status=422)
    sheet_services.header_mapping_save(actor=request.user, headers=table.headers, columns=columns)
    preview = sheets.sheet_preview(round_obj=scope.round, center=scope.center, uploaded=uploaded)
    return _preview_page(request, scope, preview, uploaded)


@require_POST
def sheet_commit(request: HttpRequest, year: int, round_number: int, center_id: int) -> Any:
    """Store the previewed sheet's changes, all or nothing."""
    scope = _scope(year, round_number, center_id)
    if not can(request.user, UPLOAD, scope):
        return _deny(request)
    upload_url = reverse("web:department-sheet-upload", args=[year, round_number, center_id])
    try:
        uploaded = sheets.sheet_from_token(
            request.POST.get("token", ""),
            user_id=request.user.pk,
            round_obj=scope.round,
            center=scope.center,
        )
    except sheets.SheetTokenError:
        messages.error(
            request,
            _(
                "Forhåndsvisningen er udløbet eller ugyldig, så intet er gemt. Upload "
                "regnearket igen."
            ),
        )
        return redirect(upload_url)
    result = sheets.sheet_commit(
        actor=request.user, round_obj=scope.round, center=scope.center, uploaded=uploaded
    )
    if result.preview is not None:
        messages.error(
            request,
            result.message
            or _("Intet er gemt: nogle rækker er afvist eller i konflikt. Se rækkerne nedenfor."),
        )
        return _preview_page(request, scope, result.preview, uploaded, status=409)
    messages.success(
        request,
        ngettext(
            "%(count)d ændring fra regnearket for %(center)s er gemt som kladde.",
            "%(count)d ændringer fra regnearket for %(center)s er gemt som kladde.",
            result.saved,
        )
        % {"count": result.saved, "center": scope.center.name},
    )
    return redirect(_round_page(request, scope))
