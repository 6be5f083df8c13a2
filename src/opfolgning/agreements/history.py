"""Reads of an initiative's history: every change of every field, who, when, newest first.

The history rows come from django-simple-history (one snapshot per save, written in bulk by
the import). A change is found by comparing each snapshot with the previous snapshot of the
same object. The query count is fixed: one query per history table plus the names behind
foreign keys, whatever the number of entries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from opfolgning.followup.textdiff import diff_html
from opfolgning.followup.vocabulary import round_phrase

from .models import (
    Agreement,
    Center,
    Committee,
    EconomyStatus,
    Initiative,
    Milestone,
    Round,
    Submission,
    Theme,
)
from .selectors import NotFound

PER_PAGE = 200

# Bookkeeping, not content: the sort key follows the number, the version counts saves, and
# the object's own links (initiative, round) are shown as the entry's subject instead.
SKIPPED_FIELDS = frozenset(
    {"id", "sort_key", "version", "initiative", "round", "agreement", "updated_at", "updated_by"}
)

# The order of the tables when two snapshots carry the same time (a bulk import).
_TRACKED: tuple[type[models.Model], ...] = (Initiative, Milestone, EconomyStatus, Submission)


class EntryKind(enum.StrEnum):
    """What a history entry records: the object was created, changed or deleted."""

    CREATED = "created"
    CHANGED = "changed"
    DELETED = "deleted"

    @property
    def label(self) -> str:
        """Return the kind in the active language."""
        return str(_KIND_LABELS[self])


_KIND_LABELS = {
    EntryKind.CREATED: gettext_lazy("oprettet"),
    EntryKind.CHANGED: gettext_lazy("ændret"),
    EntryKind.DELETED: gettext_lazy("slettet"),
}
_HISTORY_TYPES = {"+": EntryKind.CREATED, "~": EntryKind.CHANGED, "-": EntryKind.DELETED}


@dataclass(frozen=True)
class FieldChange:
    """One field of one snapshot: its label, the value before and after."""

    name: str
    label: str
    old: str
    new: str
    long: bool = False  # a free text: shown as a word diff

    @cached_property
    def diff_html(self) -> SafeString:
        """Return the new text marked up against the old one, word by word (escaped)."""
        # diff_html escapes every piece of text itself.
        return mark_safe(
            diff_html(self.old, self.new, added_label=_("tilføjet:"), deleted_label=_("slettet:"))
        )


@dataclass(frozen=True)
class TimelineEntry:
    """One snapshot of the initiative or one of its rows, and what it changed."""

    when: dt.datetime
    who: str
    note: str  # the change reason when a person is named in `who`
    what: str
    kind: EntryKind
    round: int | None
    changes: tuple[FieldChange, ...]
    model: str = ""
    history_id: int = 0
    # For an entry from before a carry-over: "Aftale om budget 2025, 1.11"; else "".
    earlier: str = ""


@dataclass(frozen=True)
class TimelinePage:
    """A page of an initiative's timeline, newest first."""

    entries: list[TimelineEntry]
    number: int
    per_page: int
    total: int
    has_older: bool = field(default=False)

    @property
    def older_page(self) -> int:
        """Return the number of the page with the next older entries."""
        return self.number + 1

    @property
    def newer_page(self) -> int | None:
        """Return the number of the page with newer entries, if any."""
        return self.number - 1 if self.number > 1 else None


def initiative_get(*, year: int, number: str) -> Initiative:
    """Return an initiative by budget year and number, with its agreement, or raise NotFound."""
    initiative = (
        Initiative.objects.select_related("agreement")
        .filter(agreement__year=year, number=number)
        .first()
    )
    if initiative is None:
        if not Agreement.objects.filter(year=year).exists():
            raise NotFound(f"no agreement for the budget year {year}")
        raise NotFound(f"the agreement of {year} has no initiative {number}")
    return initiative


def round_name(number: int | None) -> str:
    """Return the name of a follow-up round in the active language."""
    if number is None:
        return _("ukendt opfølgning")
    return round_phrase(number, get_language() or "da")


def reason_text(reason: str | None) -> str:
    """Return a stored change reason as a reader sees it (import: x → Indlæst fra x)."""
    reason = (reason or "").strip()
    if reason == "import":
        return _("Indlæst fra fil")
    if reason.startswith("import: "):
        return _("Indlæst fra %(source)s") % {"source": reason.removeprefix("import: ")}
    return reason


def _user_name(user: Any) -> str:
    if user is None:
        return ""
    full = (user.get_full_name() or "").strip() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def _history_rows(model: type[models.Model], **filters: Any) -> list[Any]:
    manager = model.history  # type: ignore[attr-defined]
    return list(
        manager.filter(**filters)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )


def _names(model: type[models.Model], ids: Iterable[Any]) -> dict[Any, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=wanted)}


class _Formatter:
    """Turns stored field values into the words a reader sees."""

    def __init__(self, names: dict[type[models.Model], dict[Any, str]]) -> None:
        self.names = names
        self.yes, self.no = _("ja"), _("nej")

    def value(self, model_field: models.Field[Any, Any], value: Any) -> str:
        if value is None or value == "":
            return ""
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.BooleanField):
            return self.yes if value else self.no
        if isinstance(model_field, models.ForeignKey):
            related = model_field.related_model
            known = self.names.get(related, {})  # type: ignore[arg-type]
            return known.get(value, f"#{value}")
        if isinstance(value, dt.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, dt.date):
            return formats.date_format(value, "DATE_FORMAT")
        return str(value)


def _shown_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]


def _changes(
    fields: list[models.Field[Any, Any]],
    record: Any,
    previous: Any | None,
    kind: EntryKind,
    fmt: _Formatter,
) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    for model_field in fields:
        attname = model_field.attname
        new_raw = getattr(record, attname)
        old_raw = getattr(previous, attname) if previous is not None else None
        if kind is EntryKind.DELETED:
            # A deletion shows what was lost: the last values, gone.
            new_raw, old_raw = None, new_raw
        if old_raw == new_raw or (
            previous is None and kind is not EntryKind.DELETED and not new_raw
        ):
            continue
        old, new = fmt.value(model_field, old_raw), fmt.value(model_field, new_raw)
        if old == new:
            continue
        out.append(
            FieldChange(
                name=model_field.name,
                label=capfirst(str(model_field.verbose_name)),
                old=old,
                new=new,
                long=isinstance(model_field, models.TextField),
            )
        )
    return tuple(out)


def _entries(
    model: type[models.Model],
    rows: list[Any],
    rounds: dict[Any, int],
    fmt: _Formatter,
    system: str,
) -> list[TimelineEntry]:
    fields = _shown_fields(model)
    subject = capfirst(str(model._meta.verbose_name))
    previous_by_object: dict[Any, Any] = {}
    entries: list[TimelineEntry] = []
    for record in rows:
        previous = previous_by_object.get(record.id)
        previous_by_object[record.id] = record
        kind = _HISTORY_TYPES.get(record.history_type, EntryKind.CHANGED)
        changes = _changes(fields, record, previous, kind, fmt)
        if kind is EntryKind.CHANGED and not changes:
            continue  # only bookkeeping fields changed
        round_number = rounds.get(getattr(record, "round_id", None))
        what = subject
        if hasattr(record, "round_id"):
            what = _("%(object)s, %(round)s") % {
                "object": subject,
                "round": round_name(round_number),
            }
        user = _user_name(record.history_user)
        reason = reason_text(record.history_change_reason)
        entries.append(
            TimelineEntry(
                when=record.history_date,
                who=user or reason or system,
                note=reason if user else "",
                what=what,
                kind=kind,
                round=round_number,
                changes=changes,
                model=model._meta.model_name or "",
                history_id=record.history_id,
            )
        )
    return entries


def initiative_timeline(initiative: Initiative) -> list[TimelineEntry]:
    """Return every change of the initiative, its milestones, economy and submissions, and,
    for an initiative carried over, those of the earlier agreements' initiative before it
    (each marked with where it was), newest first."""
    entries = _timeline_of(initiative)
    seen = {initiative.pk}
    earlier = initiative.carried_from
    while earlier is not None and earlier.pk not in seen:
        seen.add(earlier.pk)
        where = f"{earlier.agreement.name}, {earlier.number}"
        entries += [dataclasses.replace(e, earlier=where) for e in _timeline_of(earlier)]
        earlier = earlier.carried_from
    order = {model._meta.model_name: index for index, model in enumerate(_TRACKED)}
    entries.sort(key=lambda e: (e.when, order[e.model], e.history_id), reverse=True)
    return entries


def _timeline_of(initiative: Initiative) -> list[TimelineEntry]:
    """Return the timeline of one initiative row (unsorted)."""
    rows: dict[type[models.Model], list[Any]] = {
        Initiative: _history_rows(Initiative, id=initiative.pk),
        Milestone: _history_rows(Milestone, initiative_id=initiative.pk),
        EconomyStatus: _history_rows(EconomyStatus, initiative_id=initiative.pk),
        Submission: _history_rows(Submission, initiative_id=initiative.pk),
    }
    rounds = dict(
        Round.objects.filter(agreement_id=initiative.agreement_id).values_list("id", "number")
    )
    own = rows[Initiative]
    names = {
        Center: _names(Center, (r.center_id for r in own)),
        Committee: _names(Committee, (r.committee_id for r in own)),
        Theme: _names(Theme, (r.theme_id for r in own)),
    }
    fmt = _Formatter(names)
    system = _("System")
    entries: list[TimelineEntry] = []
    for model in _TRACKED:
        entries.extend(_entries(model, rows[model], rounds, fmt, system))
    return entries


def initiative_timeline_page(
    initiative: Initiative, *, page: int = 1, per_page: int | None = None
) -> TimelinePage:
    """Return one page of the initiative's timeline, newest first; past the end is empty."""
    per_page = per_page or PER_PAGE
    entries = initiative_timeline(initiative)
    page = max(page, 1)
    start = (page - 1) * per_page
    return TimelinePage(
        entries=entries[start : start + per_page],
        number=page,
        per_page=per_page,
        total=len(entries),
        has_older=start + per_page < len(entries),
    )
