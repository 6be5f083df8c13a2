"""Department spreadsheets: download one center's sheet of an open round, preview an upload,
store it all or nothing.

The upload gets what the browser form gets: the same rule findings (status_preview), the same
optimistic locking (each row carries the Milestone.version it was downloaded at, and
status_save refuses a stale one), the same writes (workflow_services.status_save, one per
changed row, in one transaction). Between the preview and the save the parsed rows travel in
a signed token (django.core.signing), never as a stored file: the save reads the token, checks
every row again against the database and stores nothing unless every row may be stored.
Permission checks belong to the views (accounts.permissions).
"""

from __future__ import annotations

import enum
import re
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from opfolgning.agreements import workflow_selectors as ws
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.audit import Actor
from opfolgning.agreements.models import (
    Center,
    Initiative,
    Milestone,
    Round,
    Submission,
    SubmissionState,
)
from opfolgning.exporters.department_xlsx import render_department_xlsx
from opfolgning.followup.department_sheet import (
    COLUMN_BY_KEY,
    DepartmentSheet,
    SheetIdentity,
    SheetRow,
    SheetValues,
    UploadedRow,
    UploadedSheet,
    smiley_word,
)
from opfolgning.followup.rules import Finding, Severity
from opfolgning.followup.textdiff import diff_html
from opfolgning.followup.vocabulary import round_heading
from opfolgning.importers.department_xlsx import (
    HeaderError,
    OwnTable,
    SheetError,
    check_size,
    parse_department_xlsx,
    rows_from_table,
)

__all__ = [
    "HeaderError",
    "OwnTable",
    "RowOutcome",
    "SheetDownload",
    "SheetError",
    "SheetPreview",
    "SheetTokenError",
    "sheet_centers",
    "sheet_commit",
    "sheet_download",
    "sheet_from_token",
    "sheet_parse",
    "sheet_preview",
    "sheet_read",
    "sheet_token",
    "table_from_token",
    "table_read",
    "table_token",
]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOKEN_SALT = "opfolgning.delivery.department_sheets"
TOKEN_MAX_AGE = 4 * 3600  # seconds: a preview left open over lunch can still be saved
# The lengths the browser form allows (web.forms.StatusForm).
MAX_LENGTHS = {"status_note": 10_000, "corrective_action": 5_000}


class SheetTokenError(Exception):
    """The preview's token is missing, altered, expired or for another round or center."""


@dataclass(frozen=True)
class SheetDownload:
    """A file to send: its name, bytes and content type."""

    filename: str
    content: bytes
    content_type: str = XLSX_TYPE


def sheet_centers(*, round_obj: Round, center_ids: frozenset[int] | None) -> list[Center]:
    """Return the centers with initiatives in the round (limited to `center_ids` unless None)."""
    centers = Center.objects.filter(initiatives__submissions__round=round_obj).distinct()
    if center_ids is not None:
        centers = centers.filter(pk__in=list(center_ids))
    return list(centers.order_by("name"))


def center_get(*, center_id: int) -> Center:
    """Return a center, or raise Center.DoesNotExist."""
    return Center.objects.get(pk=center_id)


def _identity(round_obj: Round, center: Center) -> SheetIdentity:
    return SheetIdentity(
        year=round_obj.agreement.year,
        round_number=round_obj.number,
        center_id=center.pk,
        center=center.name,
        agreement=round_obj.agreement.name,
        round_label=round_heading(round_obj.number, round_obj.label),
    )


def _filename(round_obj: Round, center: Center) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", center.name.casefold().translate(_ASCII)).strip("-")
    return f"indberetning-{round_obj.agreement.year}-{round_obj.number}-{slug or center.pk}.xlsx"


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe"})


def sheet_download(*, round_obj: Round, center: Center) -> SheetDownload:
    """Return the center's sheet of the round: its initiatives, pre-filled as the form is."""
    rows = ws.owed_rows(round_obj=round_obj, center_ids=[center.pk])
    sheet_rows = []
    previous_label = ""
    for row in rows:
        previous = row.previous or ws.MilestoneView()
        previous_label = row.previous_label
        current = row.current
        # The browser form is pre-filled with what is stored for this round; the carry-forward
        # (a happy smiley without a new milestone) was stored when the round was opened.
        sheet_rows.append(
            SheetRow(
                number=row.initiative.number,
                title=row.initiative.title,
                milestone=current.text,
                previous_status=previous.status_note,
                previous_smiley=previous.smiley,
                values=SheetValues(current.status_note, current.smiley, current.corrective_action),
                version=current.version,
            )
        )
    sheet = DepartmentSheet(_identity(round_obj, center), sheet_rows, previous_label)
    return SheetDownload(_filename(round_obj, center), render_department_xlsx(sheet))


def sheet_parse(
    *,
    data: bytes,
    source: str,
    max_bytes: int,
    round_obj: Round | None = None,
    center: Center | None = None,
) -> UploadedSheet:
    """Read an uploaded sheet (raise SheetError with a Danish message when it is unreadable).

    With the round and center it is uploaded to, a department's own sheet (not downloaded
    from Opfølgning) is read too: by its headers' synonyms, or HeaderError asks for the
    column mapping (table_read reads it with one).
    """
    if round_obj is None or center is None:
        return parse_department_xlsx(data, source=source, max_bytes=max_bytes)
    uploaded = parse_department_xlsx(
        data, source=source, max_bytes=max_bytes, identity=_identity(round_obj, center)
    )
    return _pinned(uploaded, round_obj, center)


def sheet_read(
    *,
    upload: IO[bytes],
    size: int,
    source: str,
    max_bytes: int,
    round_obj: Round | None = None,
    center: Center | None = None,
) -> UploadedSheet:
    """Read an uploaded file: refused by its size before it is read, then as sheet_parse."""
    check_size(size, source=source, max_bytes=max_bytes)
    return sheet_parse(
        data=upload.read(max_bytes + 1),
        source=source,
        max_bytes=max_bytes,
        round_obj=round_obj,
        center=center,
    )


def table_read(
    *, table: OwnTable, columns: dict[int, str], source: str, round_obj: Round, center: Center
) -> UploadedSheet:
    """Read a department's own sheet with a column mapping (raise HeaderError if it is bad)."""
    uploaded = rows_from_table(table, columns, source=source, identity=_identity(round_obj, center))
    return _pinned(uploaded, round_obj, center)


def _pinned(uploaded: UploadedSheet, round_obj: Round, center: Center) -> UploadedSheet:
    """Give each row of a department's own sheet the version stored now.

    The sheet has no Version column; the preview shows what would change against what is
    stored now, and the save refuses a row that someone changed after the preview.
    """
    if not uploaded.own:
        return uploaded
    versions = {
        row.initiative.number: row.current.version
        for row in ws.owed_rows(round_obj=round_obj, center_ids=[center.pk])
    }
    rows = [
        UploadedRow(**{**asdict(r), "values": r.values, "version": versions.get(r.number, 0)})
        for r in uploaded.rows
    ]
    return UploadedSheet(
        uploaded.source, uploaded.identity, rows, list(uploaded.warnings), own=True
    )


# --- the preview -----------------------------------------------------------------------


class RowOutcome(enum.StrEnum):
    """What the upload does to a row."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    REFUSED = "refused"


_FIELDS = ("status_note", "smiley", "corrective_action")


@dataclass(frozen=True)
class FieldChange:
    """One field of a row: the stored value, the sheet's, and the word diff between them."""

    key: str
    label: str
    old: str
    new: str
    diff: str  # escaped HTML with <ins>/<del> (followup.textdiff)

    @property
    def changed(self) -> bool:
        """Return whether the sheet changes the field."""
        return self.old != self.new


@dataclass
class PreviewRow:
    """One row of the uploaded sheet and what storing it would do."""

    sheet_row: int
    number: str
    title: str
    outcome: RowOutcome
    fields: list[FieldChange] = field(default_factory=list)
    message: str = ""
    findings: list[Finding] = field(default_factory=list)
    changed_by: str = ""
    base_version: int = 0
    submission: Submission | None = None

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that break a rule."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def reviews(self) -> list[Finding]:
        """Return the findings to review (not rule breaches)."""
        return [f for f in self.findings if f.severity is not Severity.ERROR]

    @property
    def changed_fields(self) -> list[FieldChange]:
        """Return the fields the sheet changes."""
        return [f for f in self.fields if f.changed]


@dataclass
class SheetPreview:
    """What an uploaded sheet would store, row by row; `problem` refuses the whole file."""

    round: Round
    center: Center
    source: str
    rows: list[PreviewRow]
    problem: str = ""

    def count(self, outcome: str) -> int:
        """Return how many rows have the outcome."""
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        """Return the number of rows per outcome."""
        return {str(o): self.count(o) for o in RowOutcome}

    @property
    def changed(self) -> list[PreviewRow]:
        """Return the rows the save would store."""
        return [r for r in self.rows if r.outcome is RowOutcome.CHANGED]

    @property
    def blocked(self) -> bool:
        """Return whether something stands in the way: a refused or conflicting row, or the file."""
        return bool(self.problem) or any(
            r.outcome in (RowOutcome.CONFLICT, RowOutcome.REFUSED) for r in self.rows
        )

    @property
    def can_commit(self) -> bool:
        """Return whether the save may store the changed rows (all of them, or nothing)."""
        return not self.blocked and bool(self.changed)


def _labels() -> dict[str, str]:
    return {key: COLUMN_BY_KEY[key].header for key in _FIELDS}


def _field_changes(stored: SheetValues, sheet: SheetValues) -> list[FieldChange]:
    labels = _labels()
    changes = []
    for key in _FIELDS:
        old, new = getattr(stored, key), getattr(sheet, key)
        if key == "smiley":
            old, new = smiley_word(old), smiley_word(new)
        changes.append(
            FieldChange(
                key,
                labels[key],
                old,
                new,
                diff_html(old, new, added_label=_("tilføjet:"), deleted_label=_("slettet:")),
            )
        )
    return changes


def _who_changed(milestone_ids: list[int]) -> dict[int, str]:
    """Return who last saved each milestone (full name, else user name)."""
    who: dict[int, str] = {}
    if not milestone_ids:
        return who
    history = (
        Milestone.history.filter(id__in=milestone_ids)
        .select_related("history_user")
        .order_by("id", "-history_date")
    )
    for entry in history:
        if entry.id in who:
            continue
        user = entry.history_user
        who[entry.id] = (user.get_full_name() or user.get_username()) if user else ""
    return who


def _refused(upload: UploadedRow, message: str, title: str = "") -> PreviewRow:
    return PreviewRow(upload.sheet_row, upload.number, title, RowOutcome.REFUSED, message=message)


def _too_long(values: SheetValues) -> str:
    labels = _labels()
    for key, limit in MAX_LENGTHS.items():
        if len(getattr(values, key)) > limit:
            return f"«{labels[key]}» er længere end {limit:,} tegn; kort teksten ned".replace(
                ",", "."
            )
    return ""


def sheet_preview(*, round_obj: Round, center: Center, uploaded: UploadedSheet) -> SheetPreview:
    """Return what storing the uploaded sheet in the round for the center would do, row by row."""
    preview = SheetPreview(round_obj, center, uploaded.source, [])
    identity = uploaded.identity
    agreement = round_obj.agreement
    if (identity.year, identity.round_number) != (agreement.year, round_obj.number):
        preview.problem = (
            f"Regnearket «{uploaded.source}» er hentet til {identity.round_number}. opfølgning "
            f"af aftalen for {identity.year}, ikke til {round_obj} af {agreement}. Intet er "
            "gemt. Hent regnearket under den opfølgning, det skal bruges til."
        )
        return preview
    if not round_obj.is_open:
        preview.problem = (
            f"{round_obj} er {round_obj.get_state_display()}; der kan kun uploades, mens "
            "opfølgningen er åben. Intet er gemt."
        )
        return preview
    owed = {
        row.initiative.number: row
        for row in ws.owed_rows(round_obj=round_obj, center_ids=[center.pk])
    }
    numbers = [r.number for r in uploaded.rows if r.number and r.number not in owed]
    elsewhere: dict[str, Initiative] = {}
    # This agreement's initiative of a number first, then another agreement's.
    for ini in (
        Initiative.objects.filter(number__in=numbers)
        .select_related("agreement", "center")
        .order_by("number", "agreement__year")
    ):
        known = elsewhere.get(ini.number)
        if (
            known is None
            or (ini.agreement_id == agreement.pk)
            or (known.agreement_id != agreement.pk and ini.agreement.year > known.agreement.year)
        ):
            elsewhere[ini.number] = ini
    seen: dict[str, int] = {}
    for upload in uploaded.rows:
        preview.rows.append(_classify(upload, center, agreement, owed, elsewhere, seen))
    conflicts = [r for r in preview.rows if r.outcome is RowOutcome.CONFLICT]
    if conflicts:
        ids = list(
            Milestone.objects.filter(
                round=round_obj, initiative__number__in=[r.number for r in conflicts]
            ).values_list("initiative__number", "pk")
        )
        who = _who_changed([pk for _number, pk in ids])
        by_number = {number: who.get(pk, "") for number, pk in ids}
        for row in conflicts:
            row.changed_by = by_number.get(row.number, "")
    for row in preview.changed:
        assert row.submission is not None
        new = {f.key: f.new for f in row.fields}
        smiley = next((u.values.smiley for u in uploaded.rows if u.sheet_row == row.sheet_row), "")
        row.findings = ws.status_preview(
            submission=row.submission,
            text=owed[row.number].current.text,
            status_note=new["status_note"],
            smiley=smiley,
            corrective_action=new["corrective_action"],
        )
    return preview


def _classify(
    upload: UploadedRow,
    center: Center,
    agreement: Any,
    owed: dict[str, ws.OwedRow],
    elsewhere: dict[str, Initiative],
    seen: dict[str, int],
) -> PreviewRow:
    if upload.problem:
        return _refused(upload, upload.problem)
    if upload.number in seen:
        return _refused(
            upload,
            f"indsats {upload.number} står også i række {seen[upload.number]}; slet den ene række",
        )
    seen[upload.number] = upload.sheet_row
    row = owed.get(upload.number)
    if row is None:
        other = elsewhere.get(upload.number)
        if other is None:
            return _refused(upload, f"indsats {upload.number} findes ikke i {agreement}")
        if other.agreement_id != agreement.pk:
            return _refused(
                upload,
                f"indsats {upload.number} hører til {other.agreement}, ikke til {agreement}",
            )
        if other.center_id != center.pk:
            owner = other.center.name if other.center else "intet center"
            return _refused(
                upload,
                f"indsats {upload.number} hører til {owner}, ikke til {center.name}; den skal "
                f"indberettes i {owner}s regneark eller i browseren",
                other.title,
            )
        return _refused(
            upload, f"indsats {upload.number} har ingen indberetning i denne opfølgning"
        )
    initiative = row.initiative
    values = upload.values.normalised()
    current = row.current
    stored = SheetValues(current.status_note, current.smiley, current.corrective_action)
    base = PreviewRow(
        upload.sheet_row,
        upload.number,
        initiative.title,
        RowOutcome.UNCHANGED,
        fields=_field_changes(stored.normalised(), values),
        base_version=upload.version,
        submission=row.submission,
    )
    if values == stored.normalised():
        return base
    if not upload.edited:
        # The department did not touch the row; what the browser saved since is kept.
        base.message = "ændret i browseren, efter regnearket blev hentet; browserens udgave bevares"
        base.fields = _field_changes(stored.normalised(), stored.normalised())
        return base
    if upload.version != current.version:
        base.outcome = RowOutcome.CONFLICT
        return base
    too_long = _too_long(values)
    if too_long:
        base.outcome, base.message = RowOutcome.REFUSED, too_long
        return base
    if row.submission.state == SubmissionState.APPROVED:
        base.outcome = RowOutcome.REFUSED
        base.message = (
            f"indsats {upload.number} er godkendt; bed økonomi om at sende den retur, hvis den "
            "skal ændres"
        )
        return base
    base.outcome = RowOutcome.CHANGED
    return base


# --- the token between preview and save --------------------------------------------------


def sheet_token(
    *, uploaded: UploadedSheet, user_id: int | None, round_obj: Round, center: Center
) -> str:
    """Return the parsed rows signed (and compressed) for the preview page's hidden field."""
    payload = {
        "user": user_id,
        "round": round_obj.pk,
        "center": center.pk,
        "source": uploaded.source,
        "identity": asdict(uploaded.identity),
        "warnings": list(uploaded.warnings),
        "own": uploaded.own,
        "rows": [
            {**asdict(r), "values": asdict(r.values)}  # plain JSON
            for r in uploaded.rows
        ],
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def sheet_from_token(
    token: str, *, user_id: int | None, round_obj: Round, center: Center
) -> UploadedSheet:
    """Return the rows a token holds; raise SheetTokenError if it is not this preview's."""
    if not token or user_id is None:
        raise SheetTokenError("no token, or nobody signed in")
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as exc:  # SignatureExpired is one
        raise SheetTokenError(str(exc)) from None
    if (payload.get("user"), payload.get("round"), payload.get("center")) != (
        user_id,
        round_obj.pk,
        center.pk,
    ):
        raise SheetTokenError("the token is for another user, round or center")
    rows = [UploadedRow(**{**r, "values": SheetValues(**r["values"])}) for r in payload["rows"]]
    return UploadedSheet(
        payload["source"],
        SheetIdentity(**payload["identity"]),
        rows,
        list(payload.get("warnings", [])),
        own=bool(payload.get("own", False)),
    )


TABLE_SALT = "opfolgning.delivery.department_sheets.table"


def table_token(
    *, table: OwnTable, source: str, user_id: int | None, round_obj: Round, center: Center
) -> str:
    """Return a department's own table signed for the column-mapping form's hidden field."""
    payload = {
        "user": user_id,
        "round": round_obj.pk,
        "center": center.pk,
        "source": source,
        "table": asdict(table),
    }
    return signing.dumps(payload, salt=TABLE_SALT, compress=True)


def table_from_token(
    token: str, *, user_id: int | None, round_obj: Round, center: Center
) -> tuple[OwnTable, str]:
    """Return the table and file name a token holds; raise SheetTokenError if not this form's."""
    if not token or user_id is None:
        raise SheetTokenError("no token, or nobody signed in")
    try:
        payload = signing.loads(token, salt=TABLE_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as exc:
        raise SheetTokenError(str(exc)) from None
    if (payload.get("user"), payload.get("round"), payload.get("center")) != (
        user_id,
        round_obj.pk,
        center.pk,
    ):
        raise SheetTokenError("the token is for another user, round or center")
    raw = payload["table"]
    table = OwnTable(
        sheet=raw["sheet"],
        header_line=raw["header_line"],
        headers=list(raw["headers"]),
        lines=[(int(line), list(cells)) for line, cells in raw["lines"]],
        decimals=list(raw.get("decimals", [])),
    )
    return table, payload["source"]


# --- the save ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitResult:
    """How many rows were stored; or, when nothing was, the preview again and why."""

    saved: int
    preview: SheetPreview | None = None
    message: str = ""


def sheet_commit(
    *, actor: Actor, round_obj: Round, center: Center, uploaded: UploadedSheet
) -> CommitResult:
    """Store every changed row of the sheet with status_save, in one transaction, or nothing.

    The rows are checked again first; a refused or conflicting row, or a conflict that
    status_save finds while saving (someone saved in the browser a moment ago), stores
    nothing and returns the preview as it is now.
    """
    preview = sheet_preview(round_obj=round_obj, center=center, uploaded=uploaded)
    if not preview.can_commit:
        return CommitResult(0, preview, "")
    by_row = {r.sheet_row: r for r in uploaded.rows}
    try:
        with transaction.atomic():
            for row in preview.changed:
                assert row.submission is not None
                values = by_row[row.sheet_row].values.normalised()
                milestone = Milestone.objects.filter(
                    initiative_id=row.submission.initiative_id, round=round_obj
                ).first()
                wf.status_save(
                    actor=actor,
                    submission=row.submission,
                    base_version=row.base_version,
                    text=milestone.text if milestone is not None else "",
                    status_note=values.status_note,
                    smiley=values.smiley,
                    corrective_action=values.corrective_action,
                )
    except wf.WorkflowError as exc:
        # Everything above was rolled back; show the rows as they are now.
        again = sheet_preview(round_obj=round_obj, center=center, uploaded=uploaded)
        return CommitResult(0, again, str(exc))
    return CommitResult(len(preview.changed))
