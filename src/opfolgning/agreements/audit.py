"""Who did it and why: the one way a write records its actor and reason in the history.

django-simple-history takes the user and the change reason of a history row from the
instance (`_history_user`, `_change_reason`) or, in bulk, from `default_user` and
`default_change_reason`. Every service writes through these helpers, so every row names
its user the same way: the signed-in user, or nobody (a command, cron, an anonymous actor).

One save is one change set: every history row written inside `change_set()` (a service
call; in the web and the API, the whole request) carries the same `history_change_set`
id, so the timeline shows a status saved and submitted, or an initiative with its
milestones, as one entry (agreements/history.py).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

if TYPE_CHECKING:
    # django-stubs resolves this stub-only alias to settings.AUTH_USER_MODEL.
    from django.contrib.auth.models import _User as User
else:
    from django.contrib.auth.base_user import AbstractBaseUser as User

#: Who does a write: a user (settings.AUTH_USER_MODEL), an anonymous visitor or nobody.
Actor: TypeAlias = User | AnonymousUser | None

_M = TypeVar("_M", bound=models.Model)

#: The longest change reason a history row holds (django-simple-history's column).
REASON_MAX = 100


#: The history rows' field that names their change set (agreements.models.ChangeSetHistory).
CHANGE_SET_FIELD = "history_change_set"

_current: ContextVar[uuid.UUID | None] = ContextVar("opfolgning_change_set", default=None)


@contextmanager
def change_set() -> Iterator[uuid.UUID]:
    """Give every history row written inside one change-set id, and yield it.

    Nested, the inner one is part of the outer one: a request that saves a status and then
    submits it is one change set, and so one entry in the timeline. Also a decorator
    (`@change_set()`), as every service that writes is.
    """
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    token = _current.set(uuid.uuid4())
    try:
        current = _current.get()
        assert current is not None
        yield current
    finally:
        _current.reset(token)


def current_change_set() -> uuid.UUID | None:
    """Return the id of the change set being written, or None outside one."""
    return _current.get()


@functools.cache
def _marks_change_sets(history_model: type[models.Model]) -> bool:
    return any(f.name == CHANGE_SET_FIELD for f in history_model._meta.concrete_fields)


def _change_set_attrs(model: type[models.Model]) -> dict[str, Any] | None:
    """Return the bulk history rows' extra values: the change set, if any and kept."""
    current = _current.get()
    history_model = model.history.model  # type: ignore[attr-defined]
    if current is None or not _marks_change_sets(history_model):
        return None
    return {CHANGE_SET_FIELD: current}


@receiver(pre_create_historical_record, dispatch_uid="opfolgning.audit.change_set")
def _mark_change_set(sender: type[models.Model], history_instance: Any, **kwargs: Any) -> None:
    """Write the current change set on a history row made by a save or a delete."""
    current = _current.get()
    if current is not None and _marks_change_sets(sender):
        setattr(history_instance, CHANGE_SET_FIELD, current)


def _fit(reason: str) -> str:
    """Return the reason shortened to fit its column (… at the end), so a long name in a
    reason never makes a write fail (PostgreSQL refuses what SQLite would keep)."""
    return reason if len(reason) <= REASON_MAX else reason[: REASON_MAX - 1] + "…"


def user_of(actor: Actor) -> User | None:
    """Return the user the history records for `actor`: a signed-in user, otherwise None."""
    return cast("User", actor) if getattr(actor, "is_authenticated", False) else None


def reason_for(actor: Actor, what: str) -> str:
    """Return the change reason `what`, naming the signed-in user: "what (username)"."""
    user = user_of(actor)
    name = user.get_username() if user is not None else ""
    return f"{what} ({name})" if name else what


def mark(obj: models.Model, actor: Actor, reason: str) -> None:
    """Name the actor's user and the reason on `obj` for the history rows its next writes
    make (a save, a delete, or a change of its many-to-many fields)."""
    obj._history_user = user_of(actor)  # type: ignore[attr-defined]
    obj._change_reason = _fit(reason)  # type: ignore[attr-defined]


def audited_save(obj: models.Model, actor: Actor, reason: str) -> None:
    """Save `obj`; its history row names the actor's user and the reason."""
    mark(obj, actor, reason)
    obj.save()


def audited_delete(obj: models.Model, actor: Actor, reason: str) -> None:
    """Delete `obj`; its history row names the actor's user and the reason."""
    mark(obj, actor, reason)
    obj.delete()


def audited_bulk_create(
    objs: Sequence[_M],
    model: type[_M],
    actor: Actor,
    reason: str,
    *,
    batch_size: int | None = None,
) -> list[_M]:
    """Create `objs` in bulk with one history row each, naming the actor's user and the reason."""
    created: list[_M] = bulk_create_with_history(
        objs,
        model,
        batch_size=batch_size,
        default_user=user_of(actor),
        default_change_reason=_fit(reason),
        custom_historical_attrs=_change_set_attrs(model),
    )
    return created


def audited_bulk_update(
    objs: Sequence[_M],
    model: type[_M],
    fields: Sequence[str],
    actor: Actor,
    reason: str,
    *,
    batch_size: int | None = None,
) -> int:
    """Update `fields` of `objs` in bulk with one history row each; return the rows updated."""
    updated: int = bulk_update_with_history(
        objs,
        model,
        fields,
        batch_size=batch_size,
        default_user=user_of(actor),
        default_change_reason=_fit(reason),
        custom_historical_attrs=_change_set_attrs(model),
    )
    return updated
