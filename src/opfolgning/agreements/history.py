"""Reads of an initiative's history: every change of every field, who, when, newest first.

The history rows come from django-simple-history (one snapshot per save, written in bulk by
the import). One entry is one save: the rows of one change set (agreements/audit.py), or,
for rows from before change sets, those one person wrote with one reason at once. Each
object it touched shows its fields from the snapshot before the save to the last one in it.
The query count is fixed: one query per history table plus the names behind
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
from django.utils.text import capfirst, get_text_list
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from opfolgning.followup.textdiff import diff_html
from opfolgning.followup.vocabulary import round_phrase

from .audit import CHANGE_SET_FIELD
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

#: History rows from before change sets were kept are one save when one person wrote them
#: with one reason within this time (a service's rows are milliseconds apart).
SAVE_WINDOW = dt.timedelta(seconds=2)

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
class EntryPart:
    """What one save did to one object: the initiative, a milestone, an economy status or a
    submission."""

    what: str  # "Milepæl, 3. opfølgning"
    kind: EntryKind
    round: int | None
    changes: tuple[FieldChange, ...]
    model: str = ""
    subject: str = ""  # "Milepæl"
    subject_plural: str = ""  # "Milepæle"
    has_round: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    """One save: who, when, and what it changed in each object it touched (`parts`; the
    fields `what`, `kind`, `round` and `changes` sum them up)."""

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
    parts: tuple[EntryPart, ...] = ()


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


@dataclass(frozen=True)
class _Record:
    """One history row, with the snapshot of the same object before it (None: the first)."""

    model: type[models.Model]
    row: Any
    previous: Any | None

    @property
    def key(self) -> tuple[str, Any]:
        return (self.model._meta.label, self.row.id)


def _records(
    rows: dict[type[models.Model], list[Any]], order: dict[str | None, int]
) -> list[_Record]:
    """Return every history row with its previous snapshot, oldest first across tables."""
    records: list[_Record] = []
    for model, model_rows in rows.items():
        previous_by_object: dict[Any, Any] = {}
        for row in model_rows:
            records.append(_Record(model, row, previous_by_object.get(row.id)))
            previous_by_object[row.id] = row
    records.sort(
        key=lambda r: (r.row.history_date, order[r.model._meta.model_name], r.row.history_id)
    )
    return records


def _saves(records: list[_Record]) -> list[list[_Record]]:
    """Return the records grouped by the save that wrote them, oldest first.

    A save is the rows of one change set (agreements/audit.py). A row from before change
    sets were kept joins the save before it when the same person wrote it with the same
    reason within SAVE_WINDOW and it did not touch an object that save already touched.
    """
    saves: list[list[_Record]] = []
    by_change_set: dict[Any, list[_Record]] = {}
    open_save: list[_Record] | None = None
    for record in records:
        row = record.row
        change_set = getattr(row, CHANGE_SET_FIELD, None)
        if change_set is not None:
            save = by_change_set.get(change_set)
            if save is None:
                save = by_change_set[change_set] = []
                saves.append(save)
            save.append(record)
            continue
        if open_save is not None and _same_old_save(open_save, record):
            open_save.append(record)
            continue
        open_save = [record]
        saves.append(open_save)
    return saves


def _same_old_save(save: list[_Record], record: _Record) -> bool:
    first, row = save[0].row, record.row
    return (
        row.history_user_id is not None
        and row.history_user_id == first.history_user_id
        and (row.history_change_reason or "") == (first.history_change_reason or "")
        and row.history_date - first.history_date <= SAVE_WINDOW
        and all(r.key != record.key for r in save)
    )


def _part(
    records: list[_Record],
    rounds: dict[Any, int],
    fmt: _Formatter,
) -> EntryPart | None:
    """Return what one save did to one object (its rows in the save, oldest first)."""
    first, last = records[0], records[-1]
    model = first.model
    first_type, last_type = first.row.history_type, last.row.history_type
    if first_type == "+" and last_type == "-":
        return None  # made and removed in the same save: nothing to show
    if first_type == "+":
        kind = EntryKind.CREATED
    else:
        kind = _HISTORY_TYPES.get(last_type, EntryKind.CHANGED)
    changes = _changes(_shown_fields(model), last.row, first.previous, kind, fmt)
    if kind is EntryKind.CHANGED and not changes:
        return None  # only bookkeeping fields changed
    subject = capfirst(str(model._meta.verbose_name))
    round_number = rounds.get(getattr(last.row, "round_id", None))
    what = subject
    if hasattr(last.row, "round_id"):
        what = _("%(object)s, %(round)s") % {"object": subject, "round": round_name(round_number)}
    return EntryPart(
        what=what,
        kind=kind,
        round=round_number,
        changes=changes,
        model=model._meta.model_name or "",
        subject=subject,
        subject_plural=capfirst(str(model._meta.verbose_name_plural)),
        has_round=hasattr(last.row, "round_id"),
    )


def _entry(
    save: list[_Record],
    rounds: dict[Any, int],
    fmt: _Formatter,
    system: str,
    order: dict[str | None, int],
) -> TimelineEntry | None:
    """Return one save as one entry: who, when and what it changed in each object."""
    by_object: dict[tuple[str, Any], list[_Record]] = {}
    for record in save:
        by_object.setdefault(record.key, []).append(record)
    parts = [
        part
        for records in sorted(
            by_object.values(),
            key=lambda rs: (order[rs[0].model._meta.model_name], rs[0].row.history_date),
        )
        if (part := _part(records, rounds, fmt)) is not None
    ]
    if not parts:
        return None
    rows = [r.row for r in save]
    user = next((_user_name(r.history_user) for r in rows if r.history_user_id is not None), "")
    reasons = list(dict.fromkeys(t for r in rows if (t := reason_text(r.history_change_reason))))
    reason = "; ".join(reasons)
    last = max(rows, key=lambda r: (r.history_date, r.history_id))
    return TimelineEntry(
        when=last.history_date,
        who=user or reason or system,
        note=reason if user else "",
        what=_what(parts),
        kind=_kind(parts),
        round=_round(parts),
        changes=tuple(c for part in parts for c in part.changes),
        model=parts[0].model,
        history_id=last.history_id,
        parts=tuple(parts),
    )


def _kind(parts: list[EntryPart]) -> EntryKind:
    kinds = {part.kind for part in parts}
    return kinds.pop() if len(kinds) == 1 else EntryKind.CHANGED


def _round(parts: list[EntryPart]) -> int | None:
    rounds = {part.round for part in parts}
    return rounds.pop() if len(rounds) == 1 else None


def _what(parts: list[EntryPart]) -> str:
    """Return what a save touched: "Milepæl, 3. opfølgning", "Milepæl og indberetning, 3.
    opfølgning" (one round), "Indsats og milepæle" (several)."""
    if len(parts) == 1:
        return parts[0].what
    counts: dict[str, int] = {}
    plurals: dict[str, str] = {}
    for part in parts:
        counts[part.subject] = counts.get(part.subject, 0) + 1
        plurals[part.subject] = part.subject_plural
    names = [plurals[s] if n > 1 else s for s, n in counts.items()]
    names = names[:1] + [name.lower() for name in names[1:]]
    objects = get_text_list(names, _("og"))
    rounds = {part.round for part in parts}
    if len(rounds) == 1 and all(part.has_round for part in parts):
        return _("%(object)s, %(round)s") % {"object": objects, "round": round_name(rounds.pop())}
    return objects


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
    order = _table_order()
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
    order = _table_order()
    entries: list[TimelineEntry] = []
    for save in _saves(_records(rows, order)):
        entry = _entry(save, rounds, fmt, system, order)
        if entry is not None:
            entries.append(entry)
    return entries


def _table_order() -> dict[str | None, int]:
    return {model._meta.model_name: index for index, model in enumerate(_TRACKED)}


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
