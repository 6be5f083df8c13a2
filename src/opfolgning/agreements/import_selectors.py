"""Reads for the imports uploaded in the browser: the list of them, and a preview as shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opfolgning.followup import vocabulary
from opfolgning.followup.smileys import Smiley

from .history import FieldChange
from .models import ImportRecord


def import_list(limit: int = 200) -> QuerySet[ImportRecord]:
    """Return the newest imports first, with who uploaded and stored them (no file data)."""
    return (
        ImportRecord.objects.select_related("uploaded_by", "stored_by", "agreement")
        .defer("content", "document", "preview")
        .order_by("-uploaded_at", "-pk")[:limit]
    )


def import_get(pk: int) -> ImportRecord | None:
    """Return one import, or None."""
    return (
        ImportRecord.objects.select_related("uploaded_by", "stored_by", "agreement")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class ShownChange:
    """One row an import writes (an initiative, a milestone of a round, …), as a reader sees it."""

    what: str
    new: bool
    fields: tuple[FieldChange, ...]
    model: str = ""


@dataclass(frozen=True)
class ShownInitiative:
    """One initiative of the file: new, changed (with its changes) or kept as stored."""

    number: str
    title: str
    state: str  # new, changed, kept
    changes: tuple[ShownChange, ...]


@dataclass(frozen=True)
class ShownReviewCell:
    """A smiley cell to settle, with its choices as (value, word) and the one selected."""

    key: str
    number: str
    title: str
    what: str
    glyph: str
    where: str
    reason: str
    choices: tuple[tuple[str, str], ...]
    selected: str
    settled: bool = False  # selected as already settled in the system


@dataclass
class ShownPreview:
    """The preview of an import: counts, the agreement-level rows, each initiative, review."""

    counts: dict[str, int]
    general: list[ShownChange] = field(default_factory=list)
    new: list[ShownInitiative] = field(default_factory=list)
    changed: list[ShownInitiative] = field(default_factory=list)
    kept: list[ShownInitiative] = field(default_factory=list)
    review: list[ShownReviewCell] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    kept_milestones: int = 0

    @property
    def has_changes(self) -> bool:
        """Return whether storing would change anything at all."""
        return bool(self.general or self.new or self.changed)

    @property
    def new_units(self) -> bool:
        """Return whether storing creates a center or committee (perhaps one known by another
        name: worth a look)."""
        return any(c.new and c.model in ("center", "committee") for c in self.general)

    @property
    def open_review(self) -> int:
        """Return how many review cells are still as read (not yet chosen)."""
        return sum(1 for cell in self.review if not cell.selected)


def _model(name: str) -> type[models.Model]:
    return apps.get_model("agreements", name)


def _label(value: Any, model_field: Any) -> str:
    if value in ("", None):
        return ""
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("ja") if value else _("nej")
    if isinstance(value, int) and isinstance(model_field, models.BigIntegerField):
        return vocabulary.amount(value, get_language() or "da")
    return str(value)


def _what(entry: dict[str, Any]) -> str:
    model = _model(entry["model"])
    what = str(model._meta.verbose_name).capitalize()
    if entry.get("round"):
        what = f"{what}, {vocabulary.round_phrase(entry['round'], get_language() or 'da')}"
    if entry.get("name") and model._meta.model_name not in ("milestone", "economystatus"):
        what = f"{what}: {entry['name']}"
    return what


def _shown_change(entry: dict[str, Any]) -> ShownChange:
    model = _model(entry["model"])
    fields = []
    for change in entry["fields"]:
        model_field = model._meta.get_field(change["field"])
        fields.append(
            FieldChange(
                change["field"],
                str(getattr(model_field, "verbose_name", change["field"])).capitalize(),
                _label(change["old"], model_field),
                _label(change["new"], model_field),
                long=isinstance(model_field, models.TextField),
            )
        )
    return ShownChange(_what(entry), bool(entry["new"]), tuple(fields), entry["model"])


def _smiley_word(value: str) -> str:
    return vocabulary.smiley_word(value, get_language() or "da")


def preview_shown(record: ImportRecord) -> ShownPreview | None:
    """Return the record's preview with labels, words and word diffs in the active language."""
    preview = record.preview
    if not preview:
        return None
    shown = ShownPreview(
        counts=preview.get("counts", {}),
        general=[_shown_change(e) for e in preview.get("general", [])],
        warnings=preview.get("warnings", []),
        kept_milestones=preview.get("kept_milestones", 0),
    )
    for ini in preview.get("initiatives", []):
        item = ShownInitiative(
            ini["number"],
            ini["title"],
            ini["state"],
            tuple(_shown_change(e) for e in ini["changes"]),
        )
        getattr(shown, ini["state"]).append(item)
    choices = record.choices or {}
    for cell in preview.get("review", []):
        if cell["round"]:
            what = vocabulary.round_phrase(cell["round"], get_language() or "da")
        else:
            what = _("økonomi")
        shown.review.append(
            ShownReviewCell(
                cell["key"],
                cell["number"],
                cell["title"],
                what,
                cell["glyph"],
                cell.get("where", ""),
                cell["reason"],
                tuple((value, _smiley_word(value)) for value in cell["choices"]),
                choices.get(cell["key"], ""),
                bool(cell.get("settled")) and cell["key"] in choices,
            )
        )
    return shown


def result_rows(record: ImportRecord) -> list[tuple[str, int, int]]:
    """Return what a stored import wrote: (kind of record, created, updated), by table."""
    result = record.result or {}
    created, updated = result.get("created", {}), result.get("updated", {})
    rows = []
    for name in [*created, *(n for n in updated if n not in created)]:
        try:
            label = str(apps.get_model("agreements", name)._meta.verbose_name_plural)
        except LookupError:
            label = name
        rows.append((label.capitalize(), created.get(name, 0), updated.get(name, 0)))
    return rows


#: The readings offered for "all as …" on the ambiguous ☹ cells.
ALL_AS = (Smiley.NEUTRAL.value, Smiley.SAD.value)
