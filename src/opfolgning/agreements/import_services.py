"""An import in two steps: a preview of exactly what storing a document would change, then
the store itself, all or nothing and only while the preview is still true.

The preview runs the real import (services.report_import) in a transaction that is rolled
back, and reads what it wrote from the history tables: what the preview shows is what the
store does, by construction, with no second copy of the import's rules.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from opfolgning.followup.document import ReportDocument
from opfolgning.followup.smileys import AMBIGUOUS_FROWN, VARIATION_SELECTORS, Smiley

from .audit import Actor, user_of
from .models import (
    Agreement,
    BudgetChange,
    BudgetLine,
    Center,
    Committee,
    CommitteeReport,
    EconomyStatus,
    ImportKind,
    ImportRecord,
    ImportStatus,
    Initiative,
    Milestone,
    Round,
    Theme,
)
from .services import ImportResult, report_import

#: The tables an import writes, in the order the preview lists them.
TRACKED: tuple[type[models.Model], ...] = (
    Agreement,
    Committee,
    Center,
    Round,
    CommitteeReport,
    Theme,
    Initiative,
    Milestone,
    EconomyStatus,
    BudgetLine,
    BudgetChange,
)
#: Fields that are bookkeeping, not content: never shown as a change.
HIDDEN_FIELDS = frozenset(
    {"id", "sort_key", "version", "glyph", "needs_review", "carried_forward", "position", "slug"}
)
#: Foreign keys shown by the related row's name.
NAMED_FIELDS = {"center": Center, "committee": Committee, "theme": Theme}


class ImportStale(Exception):
    """The stored data changed after the preview was made; make a new preview."""


@dataclass(frozen=True)
class ReviewCell:
    """A smiley cell the importer could not read for sure, and the readings to choose from."""

    key: str  # "1.2:3" (initiative 1.2, round 3) or "1.2:economy"
    number: str
    title: str
    round: int | None  # None: the economy smiley
    glyph: str
    read_as: str
    reason: str
    choices: tuple[str, ...]
    where: str = ""  # where in the file: "line 45, initiative 1.11, round 1"


def review_cells(doc: ReportDocument) -> list[ReviewCell]:
    """Return every smiley cell of `doc` flagged for review, with the readings it allows."""
    cells = []
    warnings = _warnings_by_cell(doc)
    for ini in doc.initiatives():
        for m in ini.milestones:
            if not m.needs_review:
                continue
            glyph = m.glyph or ""
            base = "".join(c for c in glyph if c not in VARIATION_SELECTORS)
            choices = (
                (Smiley.NEUTRAL.value, Smiley.SAD.value)
                if base == AMBIGUOUS_FROWN
                else tuple(s.value for s in Smiley)
            )
            where, reason = warnings.get(f"{ini.number}:{m.round}", ("", ""))
            cells.append(
                ReviewCell(
                    f"{ini.number}:{m.round}",
                    ini.number,
                    ini.title,
                    m.round,
                    glyph,
                    m.smiley.value if m.smiley else "",
                    reason,
                    choices,
                    where,
                )
            )
        if ini.economy.needs_review:
            where, reason = warnings.get(f"{ini.number}:economy", ("", ""))
            cells.append(
                ReviewCell(
                    f"{ini.number}:economy",
                    ini.number,
                    ini.title,
                    None,
                    ini.economy.glyph or "",
                    ini.economy.smiley.value if ini.economy.smiley else "",
                    reason,
                    (Smiley.HAPPY.value, Smiley.SAD.value),
                    where,
                )
            )
    return cells


_WHERE = re.compile(
    r"initiative (?P<number>[^,\s]+),? (?:round (?P<round>\d)|(?P<economy>economy))"
)


def _warnings_by_cell(doc: ReportDocument) -> dict[str, tuple[str, str]]:
    """Return the importer's warning (where, message) about each cell it names."""
    out: dict[str, tuple[str, str]] = {}
    for warning in doc.warnings:
        found = _WHERE.search(warning.where)
        if found is None:
            continue
        cell = found["round"] or "economy"
        out.setdefault(f"{found['number']}:{cell}", (warning.where, warning.message))
    return out


def apply_choices(doc: ReportDocument, choices: dict[str, str]) -> ReportDocument:
    """Return `doc` with each reviewed cell set to the chosen reading (and no longer flagged).

    A choice the cell does not allow is ignored: the cell stays as read, and flagged.
    """
    allowed = {cell.key: cell.choices for cell in review_cells(doc)}
    out = ReportDocument.from_dict(doc.to_dict())
    for ini in out.initiatives():
        for m in ini.milestones:
            chosen = choices.get(f"{ini.number}:{m.round}", "")
            if m.needs_review and chosen in allowed.get(f"{ini.number}:{m.round}", ()):
                m.smiley, m.needs_review = Smiley(chosen), False
        chosen = choices.get(f"{ini.number}:economy", "")
        if ini.economy.needs_review and chosen in allowed.get(f"{ini.number}:economy", ()):
            ini.economy.smiley, ini.economy.needs_review = Smiley(chosen), False
    return out


def data_version() -> str:
    """Return the newest history row of every table an import writes: any write moves it."""
    parts = []
    for model in TRACKED:
        newest = model.history.aggregate(m=models.Max("history_id"))["m"] or 0  # type: ignore[attr-defined]
        parts.append(f"{model._meta.model_name}:{newest}")
    return ",".join(parts)


def _value(name: str, value: Any, names: dict[str, dict[int, str]]) -> Any:
    if value is None:
        return ""
    if name in NAMED_FIELDS:
        return names[name].get(value, str(value))
    if isinstance(value, bool | int | str):
        return value
    return str(value)


def _fields(model: type[models.Model]) -> list[tuple[str, str]]:
    """Return (field name, attribute) of the content fields the preview compares."""
    out = []
    for f in model._meta.concrete_fields:
        if f.name in HIDDEN_FIELDS or f.name in ("agreement", "initiative", "round"):
            continue
        out.append((f.name, f.attname))
    return out


def _collect(marks: dict[type[models.Model], int], doc: ReportDocument) -> dict[str, Any]:
    """Read what the import just wrote (history rows after `marks`) as the preview's changes."""
    names = {
        "center": dict(Center.objects.values_list("pk", "name")),
        "committee": dict(Committee.objects.values_list("pk", "name")),
        "theme": {t.pk: f"{t.number}. {t.title}" for t in Theme.objects.all()},
    }
    rounds = dict(Round.objects.values_list("pk", "number"))
    numbers = dict(
        Initiative.objects.filter(agreement__year=doc.agreement.year).values_list("pk", "number")
    )
    general: list[dict[str, Any]] = []
    per_initiative: dict[str, list[dict[str, Any]]] = defaultdict(list)
    new_initiatives: set[str] = set()
    for model in TRACKED:
        history = model.history  # type: ignore[attr-defined]
        rows = list(history.filter(history_id__gt=marks[model]).order_by("history_id"))
        if not rows:
            continue
        fields = _fields(model)
        earlier_ids = [r.id for r in rows if r.history_type == "~"]
        before: dict[int, Any] = {}
        for start in range(0, len(earlier_ids), 500):
            chunk = earlier_ids[start : start + 500]
            for old in history.filter(id__in=chunk, history_id__lte=marks[model]).order_by(
                "history_id"
            ):
                before[old.id] = old  # the last one before the import wins
        for row in rows:
            old = before.get(row.id) if row.history_type == "~" else None
            changes = []
            for name, attname in fields:
                new_value = _value(name, getattr(row, attname), names)
                old_value = _value(name, getattr(old, attname), names) if old else ""
                if row.history_type == "+" and new_value in ("", None, False):
                    continue
                if old is not None and new_value == old_value:
                    continue
                changes.append({"field": name, "old": old_value, "new": new_value})
            if old is not None and not changes:
                continue
            entry = {
                "model": model._meta.model_name,
                "new": row.history_type == "+",
                "round": rounds.get(getattr(row, "round_id", None) or 0),
                "fields": changes,
            }
            initiative_id = row.id if model is Initiative else getattr(row, "initiative_id", None)
            if initiative_id is None:
                entry["name"] = str(row.instance)
                general.append(entry)
                continue
            number = numbers.get(initiative_id, "")
            if model is Initiative and entry["new"]:
                new_initiatives.add(number)
            per_initiative[number].append(entry)
    initiatives = []
    counts = {"new": 0, "changed": 0, "kept": 0}
    for ini in doc.initiatives():
        changes = per_initiative.get(ini.number, [])
        state = "new" if ini.number in new_initiatives else ("changed" if changes else "kept")
        counts[state] += 1
        initiatives.append(
            {"number": ini.number, "title": ini.title, "state": state, "changes": changes}
        )
    return {"general": general, "initiatives": initiatives, "counts": counts}


def _dry_run(doc: ReportDocument, source_name: str, plan: bool) -> dict[str, Any]:
    marks = {
        model: model.history.aggregate(m=models.Max("history_id"))["m"] or 0  # type: ignore[attr-defined]
        for model in TRACKED
    }
    with transaction.atomic():
        result = report_import(actor=None, document=doc, source_name=source_name, plan=plan)
        preview = _collect(marks, doc)
        preview["kept_milestones"] = result.kept
        transaction.set_rollback(True)
    return preview


def import_preview(record: ImportRecord) -> ImportRecord:
    """Work out what storing the record's document (with the reviewer's choices) would change.

    Raises services.ImportRejected when the document breaks an invariant (nothing is stored).
    """
    assert record.document is not None
    original = ReportDocument.from_dict(record.document)
    settled = _settled(original)
    # A cell already settled in the system (by a person) keeps that reading unless chosen.
    record.choices = {**settled, **(record.choices or {})}
    doc = apply_choices(original, record.choices)
    plan = record.kind == ImportKind.AGREEMENT
    with transaction.atomic():
        version = data_version()
        preview = _dry_run(doc, record.file_name, plan)
    preview["review"] = [
        {**cell.__dict__, "choices": list(cell.choices), "settled": cell.key in settled}
        for cell in review_cells(original)
    ]
    preview["warnings"] = [{"where": w.where, "message": w.message} for w in original.warnings]
    record.preview, record.data_version = preview, version
    record.status, record.progress = ImportStatus.READY, 100
    record.save(update_fields=["preview", "data_version", "status", "progress", "choices"])
    return record


def _settled(doc: ReportDocument) -> dict[str, str]:
    """Return the readings a person already gave the document's flagged cells in the system."""
    cells = {cell.key: cell for cell in review_cells(doc)}
    if not cells:
        return {}
    out: dict[str, str] = {}
    milestones = Milestone.objects.filter(
        initiative__agreement__year=doc.agreement.year,
        initiative__number__in={cell.number for cell in cells.values()},
        needs_review=False,
    ).exclude(smiley="")
    for number, round_number, smiley in milestones.values_list(
        "initiative__number", "round__number", "smiley"
    ):
        cell = cells.get(f"{number}:{round_number}")
        if cell is not None and smiley in cell.choices:
            out[cell.key] = smiley
    return out


def import_choose(record: ImportRecord, choices: dict[str, str]) -> ImportRecord:
    """Record the reviewer's readings of the flagged cells and make the preview anew."""
    record.choices = {k: v for k, v in choices.items() if v}
    record.save(update_fields=["choices"])
    return import_preview(record)


def import_store(*, actor: Actor, record: ImportRecord) -> ImportResult:
    """Store the record's document as previewed: all or nothing.

    Raises ImportStale when anything was written since the preview (the record then holds a
    new preview to look at), and services.ImportRejected for a document that breaks a rule.
    """
    try:
        return _store(actor, record)
    except ImportStale as exc:
        if str(exc) == _CHANGED:
            record.refresh_from_db()
            import_preview(record)
        raise


_CHANGED = "changed"


@transaction.atomic
def _store(actor: Actor, record: ImportRecord) -> ImportResult:
    record = ImportRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != ImportStatus.READY or record.document is None:
        raise ImportStale(record.get_status_display())
    if data_version() != record.data_version:
        raise ImportStale(_CHANGED)
    doc = apply_choices(ReportDocument.from_dict(record.document), record.choices or {})
    result = report_import(
        actor=actor,
        document=doc,
        source_name=record.file_name,
        plan=record.kind == ImportKind.AGREEMENT,
    )
    record.status = ImportStatus.STORED
    record.stored_by = user_of(actor)
    record.stored_at = timezone.now()
    record.result = {"created": result.created, "updated": result.updated, "kept": result.kept}
    record.agreement = Agreement.objects.filter(year=doc.agreement.year).first()
    record.document = None  # the data is in the tables now; the record keeps what and who
    record.save()
    return result


def import_discard(*, record: ImportRecord) -> ImportRecord:
    """Throw a previewed import away: nothing of it is stored."""
    if record.status in (ImportStatus.READY, ImportStatus.READING, ImportStatus.FAILED):
        record.status = ImportStatus.DISCARDED
        record.document, record.content, record.preview = None, None, None
        record.save(update_fields=["status", "document", "content", "preview"])
    return record
