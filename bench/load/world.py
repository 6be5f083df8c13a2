"""Build the load test's world in the configured database, and count lost writes afterwards.

Needs a configured Django (`django.setup()`); run.py calls it in a child process with the
same environment as gunicorn, since session hashes depend on SECRET_KEY.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from bench.generate import generate
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.crypto import get_random_string

from opfolgning.accounts.models import Role
from opfolgning.accounts.services import user_create
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import (
    Agreement,
    Center,
    Committee,
    Initiative,
    Milestone,
    Round,
    RoundState,
)
from opfolgning.agreements.services import report_import

YEAR = 2019
_BACKEND = "django.contrib.auth.backends.ModelBackend"


class WorldError(ValueError):
    """The requested world cannot be built (e.g. more editors than initiatives)."""


@dataclass
class Editor:
    """A department editor: the cookies of a signed-in session and the initiatives to edit."""

    username: str
    center: str
    cookies: dict[str, str]
    initiatives: list[str]


@dataclass
class Reader:
    """A committee reader: the cookies of a signed-in session and the report paths to read."""

    username: str
    committee: str
    cookies: dict[str, str]
    paths: dict[str, str]


@dataclass
class Finance:
    """A finance officer: the cookies of a signed-in session and the statuses to review."""

    username: str
    cookies: dict[str, str]
    initiatives: list[str]


@dataclass
class Plan:
    """What the locust users act on: the open round, the editors and the readers."""

    year: int
    open_round: int
    published_round: int
    editors: list[Editor]
    readers: list[Reader]
    # Initiatives of the published round: what anonymous citizens read (public pages, API).
    public_initiatives: list[str] = dataclasses.field(default_factory=list)
    # Finance officers: the open round's board and its statuses in review mode (issue 16).
    finance: list[Finance] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the plan as JSON-ready data."""
        return dataclasses.asdict(self)


def center_names(count: int) -> list[str]:
    """Return the names of the synthetic centers."""
    return [f"Center {k:02d}" for k in range(1, count + 1)]


def import_agreement(*, initiatives: int, centers: int) -> None:
    """Import a synthetic round-3 agreement whose initiatives are spread evenly over centers."""
    names = center_names(centers)
    docs = generate(initiatives, year=YEAR)
    position = 0
    for doc in docs:
        for ini in doc.initiatives():
            ini.center = names[position % centers]
            position += 1
    for index, doc in enumerate(docs, start=1):
        report_import(actor=None, document=doc, source_name=f"load-{index}.txt")


def signed_in_cookies(user: Any) -> dict[str, str]:
    """Create a database session for the user; return its cookie and a CSRF cookie."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = _BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    return {settings.SESSION_COOKIE_NAME: str(session.session_key), settings.CSRF_COOKIE_NAME: csrf}


def _assign(items: list[str], holders: int) -> list[list[str]]:
    """Split items into `holders` disjoint, non-empty shares (round-robin)."""
    return [items[k::holders] for k in range(holders)]


def build_users(
    *, year: int, open_round: int, editors: int, readers: int, finance: int = 0
) -> Plan:
    """Create department editors, committee readers and finance officers; return the plan.

    Editor i belongs to center i mod (number of centers); the initiatives of a center are
    split between its editors so no two editors edit the same initiative. Reader i reads
    committee i mod (number of committees): its report at the open round (computed live)
    and at the last published round (a stored snapshot), and the published whole report.
    The agreement's initiatives are split between the finance officers, whose statuses each
    reads in review mode beside the round's board.
    """
    agreement = Agreement.objects.get(year=year)
    centers = list(Center.objects.filter(initiatives__agreement=agreement).distinct())
    committees = list(Committee.objects.filter(initiatives__agreement=agreement).distinct())
    if editors and not centers:
        raise WorldError("the agreement has no centers; import an agreement first")
    if readers and not committees:
        raise WorldError("the agreement has no committees; import an agreement first")
    published = (
        Round.objects.filter(agreement=agreement, state=RoundState.PUBLISHED)
        .order_by("-number")
        .first()
    )
    by_center: dict[int, list[Any]] = defaultdict(list)
    for k in range(editors):
        by_center[centers[k % len(centers)].pk].append(k)
    editor_rows: list[Editor | None] = [None] * editors
    for center in centers:
        slots = by_center.get(center.pk, [])
        if not slots:
            continue
        numbers = list(
            Initiative.objects.filter(agreement=agreement, center=center)
            .order_by("sort_key")
            .values_list("number", flat=True)
        )
        if len(numbers) < len(slots):
            raise WorldError(
                f"{center.name} has {len(numbers)} initiatives for {len(slots)} editors; "
                "use more initiatives or fewer editors"
            )
        for k, share in zip(slots, _assign(numbers, len(slots)), strict=True):
            user = user_create(
                actor=None,
                username=f"editor{k + 1:03d}",
                email=f"editor{k + 1:03d}@example.dk",
                role=Role.DEPARTMENT_EDITOR,
                centers=[center],
            )
            editor_rows[k] = Editor(user.username, center.name, signed_in_cookies(user), share)
    reader_rows = []
    for k in range(readers):
        committee = committees[k % len(committees)]
        user = user_create(
            actor=None,
            username=f"reader{k + 1:03d}",
            email=f"reader{k + 1:03d}@example.dk",
            role=Role.COMMITTEE_READER,
            committees=[committee],
        )
        slug = committee.slug
        paths = {
            "report: committee, open round (live)": (
                f"/aftaler/{year}/udvalg/{slug}/opfolgning/{open_round}/"
            )
        }
        if published is not None:
            paths["report: committee, published round (snapshot)"] = (
                f"/aftaler/{year}/udvalg/{slug}/opfolgning/{published.number}/"
            )
            paths["report: agreement, published round (snapshot)"] = (
                f"/aftaler/{year}/opfolgning/{published.number}/"
            )
        reader_rows.append(Reader(user.username, committee.name, signed_in_cookies(user), paths))
    numbers = list(
        Initiative.objects.filter(agreement=agreement)
        .order_by("sort_key")
        .values_list("number", flat=True)
    )
    finance_rows = []
    for k, share in enumerate(_assign(numbers, finance) if finance else []):
        user = user_create(
            actor=None,
            username=f"finance{k + 1:03d}",
            email=f"finance{k + 1:03d}@example.dk",
            role=Role.FINANCE_OFFICER,
        )
        finance_rows.append(Finance(user.username, signed_in_cookies(user), share or numbers))
    return Plan(
        year=year,
        open_round=open_round,
        published_round=published.number if published is not None else 0,
        editors=[e for e in editor_rows if e is not None],
        readers=reader_rows,
        public_initiatives=numbers if published is not None else [],
        finance=finance_rows,
    )


def build_world(
    *, initiatives: int, centers: int, editors: int, readers: int, finance: int = 0
) -> Plan:
    """Import the agreement, publish its last closed round, open the next one, add users."""
    if initiatives < editors:
        raise WorldError(f"{editors} editors need at least as many initiatives ({initiatives})")
    import_agreement(initiatives=initiatives, centers=centers)
    agreement = Agreement.objects.get(year=YEAR)
    closed = (
        Round.objects.filter(agreement=agreement, state=RoundState.CLOSED)
        .order_by("-number")
        .first()
    )
    if closed is not None:
        wf.round_publish(actor=None, round_obj=closed)
    planned = (
        Round.objects.filter(agreement=agreement, state=RoundState.PLANNED)
        .order_by("number")
        .first()
    )
    if planned is None:
        raise WorldError("the imported agreement has no planned round to open")
    wf.round_open(actor=None, round_obj=planned)
    return build_users(
        year=YEAR,
        open_round=planned.number,
        editors=editors,
        readers=readers,
        finance=finance,
    )


@dataclass
class WriteCheck:
    """Acknowledged saves compared with what the database holds after the run."""

    acknowledged: int
    initiatives: int
    lost: int
    final_mismatch: int
    examples: list[str]


def count_lost_writes(*, year: int, round_number: int, acks: list[dict[str, Any]]) -> WriteCheck:
    """Return how many acknowledged saves are missing from the milestones' history.

    `acks` holds {"initiative", "note", "seq"} for every save the server acknowledged. Each
    must appear in the milestone's history, and each milestone's stored status must equal
    the last acknowledged note of its initiative.
    """
    round_obj = Round.objects.get(agreement__year=year, number=round_number)
    numbers = {a["initiative"] for a in acks}
    ids = dict(
        Initiative.objects.filter(agreement=round_obj.agreement, number__in=numbers).values_list(
            "number", "pk"
        )
    )
    stored = dict(
        Milestone.objects.filter(round=round_obj, initiative_id__in=ids.values()).values_list(
            "initiative_id", "status_note"
        )
    )
    history: set[tuple[int, str]] = set(
        Milestone.history.model.objects.filter(
            round_id=round_obj.pk, initiative_id__in=ids.values()
        ).values_list("initiative_id", "status_note")
    )
    last: dict[str, dict[str, Any]] = {}
    lost, examples = 0, []
    for ack in sorted(acks, key=lambda a: a["seq"]):
        last[ack["initiative"]] = ack
        pk = ids.get(ack["initiative"])
        if pk is None or (pk, ack["note"]) not in history:
            lost += 1
            if len(examples) < 5:
                examples.append(f"{ack['initiative']}: {ack['note']!r} not in the history")
    mismatch = 0
    for number, ack in last.items():
        pk = ids.get(number)
        if pk is None or stored.get(pk) != ack["note"]:
            mismatch += 1
            if len(examples) < 10:
                examples.append(
                    f"{number}: stored {stored.get(pk)!r}, last acknowledged {ack['note']!r}"
                )
    return WriteCheck(len(acks), len(last), lost, mismatch, examples)
