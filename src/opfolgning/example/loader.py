"""Load Eksempel Kommune through the same services the browser and the importers use.

The year runs as it would in the municipality:

- Aftale om budget 2026 is adopted, its 1st follow-up comes in as the committees' reports
  (imported like an old Word report, with the smileys an import cannot be sure of), and is
  published;
- the 2nd and 3rd follow-ups are done in the app: opened, written and submitted by each
  center's editor, approved by the finance office, closed and published; two initiatives
  (3.6 and 6.7: their cells are empty) never answered at the 3rd, so it is closed with a
  reason;
- the follow-up per 31.12 is open, with statuses in every state;
- Aftale om budget 2027 is adopted with initiatives carried on from 2026, and its 1st
  follow-up is open with a few drafts.

Everything is written by the demo people, so each page's history names a person. What
happened before the open rounds is stamped at the time it would have happened (the 2nd
follow-up opened in May 2026, published on 10 June, …): while it is stored, Django's clock
(``timezone.now``) reads that moment. The open rounds are written now.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from opfolgning.accounts.models import Role
from opfolgning.accounts.services import user_create
from opfolgning.agreements.audit import audited_save
from opfolgning.agreements.budget_services import economy_figures_save
from opfolgning.agreements.models import (
    Agreement,
    Initiative,
    Milestone,
    Round,
    Submission,
    SubmissionState,
)
from opfolgning.agreements.services import report_import
from opfolgning.agreements.setup_services import carry_over_reason
from opfolgning.agreements.workflow_selectors import round_close_check
from opfolgning.agreements.workflow_services import (
    round_close,
    round_open,
    round_publish,
    round_update,
    status_approve,
    status_findings,
    status_return,
    status_save,
    status_submit,
)
from opfolgning.followup.document import (
    AgreementRef,
    Contact,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
    budget_from_dict,
)
from opfolgning.followup.rules import Severity
from opfolgning.followup.smileys import Smiley
from opfolgning.followup.vocabulary import round_label, round_title

DATA = Path(__file__).with_name("eksempel_kommune.json")
PASSWORD = "opfolgning-demo"
SOURCE = "Eksempel Kommune (eksempeldata)"

# When each follow-up of a budget year is reported (month, day); the 31.12 one the next January.
REPORT_DATES = {1: (3, 25), 2: (6, 10), 3: (9, 30), 4: (1, 27)}
# The deadline of the open rounds: fixed, or two (four) weeks ahead once that has passed.
OPEN_DEADLINES = {(2026, 4): dt.date(2027, 1, 13), (2027, 1): dt.date(2027, 3, 10)}
CLOSE_REASON = (
    "Indsats 3.6 og 6.7 har ikke svaret, selv om centrene er rykket. De følges op ved "
    "opfølgningen pr. 31.12., og udvalgene er orienteret."
)


@dataclass(frozen=True)
class Person:
    """A demo person: who they are and what they may do."""

    username: str
    role: Role
    first_name: str
    last_name: str
    centers: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    demo: bool = True  # signs in with the demo password; the others sign in by SSO only


FINANCE = Person("okonomi", Role.FINANCE_OFFICER, "Birgitte", "Lykkegaard Holm")
PEOPLE = (
    FINANCE,
    Person(
        "skole",
        Role.DEPARTMENT_EDITOR,
        "Anders",
        "Kjær",
        centers=("Center for Dagtilbud og Skole",),
    ),
    Person(
        "teknik",
        Role.DEPARTMENT_EDITOR,
        "Sofie",
        "Brandt",
        centers=("Center for Teknik og Miljø",),
    ),
    Person(
        "politiker",
        Role.COMMITTEE_READER,
        "Henrik",
        "Dahl",
        committees=("Teknik- og Miljøudvalget",),
    ),
)
# The other centers' editors write their statuses; they have no demo password.
STAFF = (
    ("oekdig", "Lars", "Winther", "Center for Økonomi og Digitalisering"),
    ("hr", "Maja", "Sørensen", "Center for HR og Organisation"),
    ("boernefamilie", "Camilla", "Vestergaard", "Center for Børn og Familie"),
    ("sundhed", "Peter", "Holm", "Center for Sundhed og Omsorg"),
    ("handicap", "Rikke", "Juhl", "Center for Handicap og Psykiatri"),
    ("ejendomme", "Morten", "Skov", "Center for Ejendomme"),
    ("kultur", "Louise", "Bech", "Center for Kultur og Fritid"),
    ("job", "Thomas", "Frost", "Center for Job og Erhverv"),
)


@cache
def example_data() -> dict[str, Any]:
    """Return the example municipality as written in ``eksempel_kommune.json``."""
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def is_loaded() -> bool:
    """Return whether the example's agreements are stored already."""
    agreements = example_data()["agreements"]
    return Agreement.objects.filter(
        year__in=[a["year"] for a in agreements], name__in=[a["name"] for a in agreements]
    ).exists()


@dataclass
class Loaded:
    """What loading the example stored, as lines to print."""

    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)


def load_example(*, today: dt.date | None = None) -> Loaded:
    """Store Eksempel Kommune: people, two agreements and a year of follow-ups. All or nothing.

    ``today`` sets the deadlines of the open rounds (default: today).
    """
    today = today or timezone.localdate()
    loaded = Loaded()
    with transaction.atomic():
        # The finance office imports the first reports; the centers' people come with them.
        first, second = example_data()["agreements"]
        with _clock(_moment(_report_date(first["year"], 1), -2, 9)):
            people = _people([FINANCE])
            _adopt(first, people, loaded)
            people |= _people([p for p in EVERYONE if p is not FINANCE])
        _round_in_app(first, 2, people, today, loaded)
        _round_in_app(first, 3, people, today, loaded)
        _round_in_app(first, 4, people, today, loaded, finish=False)
        _adopt(second, people, loaded, plan=True)
        _carry_over(first, second, people)
        _round_in_app(second, 1, people, today, loaded, finish=False)
    return loaded


def _carry_over(first: dict[str, Any], second: dict[str, Any], people: dict[str, Any]) -> None:
    """Link the initiatives that continue from the first agreement (same identity, perhaps a
    new number), as the finance office's carry-over does."""
    earlier = {i.number: i for i in Initiative.objects.filter(agreement__year=first["year"])}
    for item in second["initiatives"]:
        source = earlier.get(item.get("carried_from") or "")
        if source is None:
            continue
        initiative = Initiative.objects.get(agreement__year=second["year"], number=item["number"])
        initiative.carried_from = source
        audited_save(
            initiative, people[FINANCE.username], carry_over_reason(source, initiative.number)
        )


# People ---------------------------------------------------------------------------------------


EVERYONE = (
    *PEOPLE,
    *(
        Person(u, Role.DEPARTMENT_EDITOR, first, last, centers=(center,), demo=False)
        for u, first, last, center in STAFF
    ),
)


def demo_accounts() -> list[str]:
    """Return one line per demo account that exists: username, role and where."""
    users = get_user_model()._default_manager
    lines = []
    for person in PEOPLE:
        if users.filter(username=person.username).exists():
            where = ", ".join((*person.centers, *person.committees))
            lines.append(
                f"{person.username} / {PASSWORD}: {person.role.label}"
                + (f" ({where})" if where else "")
            )
    return lines


def _people(persons: list[Person]) -> dict[str, Any]:
    """Create demo people; return the user objects by username and by center name."""
    users = get_user_model()._default_manager
    found: dict[str, Any] = {}
    for person in persons:
        user = users.filter(username=person.username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=person.username,
                email=f"{person.username}@eksempel-kommune.dk",
                role=person.role,
                centers=person.centers,
                committees=person.committees,
                password=PASSWORD if person.demo else None,
                first_name=person.first_name,
                last_name=person.last_name,
            )
        found[person.username] = user
        for center in person.centers:
            found.setdefault(center, user)
    return found


# Adopting an agreement: its first report (or its plan) comes in as documents ------------------


def _report_date(year: int, number: int) -> dt.date:
    month, day = REPORT_DATES[number]
    return dt.date(year + 1 if number == 4 else year, month, day)


def _smiley(value: str | None) -> Smiley | None:
    return Smiley(value) if value else None


def _initiative_doc(year: int, data: dict[str, Any], *, reported: bool) -> InitiativeDoc:
    """Return an initiative as its first report has it: round 1 assessed when ``reported``."""
    milestones = []
    for number, cell in enumerate(data["rounds"], start=1):
        assessed = reported and number == 1
        milestones.append(
            MilestoneDoc(
                round=number,
                label=round_label(number, year),
                text=cell["milestone"],
                status_note=cell["status_note"] if assessed else "",
                smiley=_smiley(cell["smiley"]) if assessed else None,
                glyph=cell.get("glyph") if assessed else None,
                needs_review=bool(cell.get("needs_review")) if assessed else False,
                corrective_action=cell["corrective_action"] if assessed else "",
            )
        )
    economy = EconomyDoc()
    first = data["rounds"][0]["economy"]
    if reported and first:
        economy = EconomyDoc(
            text=first["text"],
            smiley=_smiley(first["smiley"]),
            spent=first.get("spent"),
            expected=first.get("expected"),
        )
    return InitiativeDoc(
        number=data["number"],
        title=data["title"],
        kind=data["kind"],
        description=data["description"],
        center=data["center"],
        committee=data["committee"],
        contributors=data["contributors"],
        involved_committees=data["involved_committees"],
        notes=data["notes"],
        milestones=milestones,
        economy=economy,
        budget=budget_from_dict(data["budget"]),
    )


def _report(
    agreement: dict[str, Any], committee: str, number: int, themes: list[ThemeDoc]
) -> ReportDocument:
    data = example_data()
    year = agreement["year"]
    return ReportDocument(
        title=round_title(number, agreement["name"], committee),
        agreement=AgreementRef(name=agreement["name"], year=year),
        committee=committee,
        round=number,
        date=_report_date(year, number),
        case_number=data["case_numbers"][str(year)],
        contact=Contact(**data["contact"]),
        reading_guide=data["reading_guide"],
        themes=themes,
    )


def _adopt(
    agreement: dict[str, Any], people: dict[str, Any], loaded: Loaded, *, plan: bool = False
) -> None:
    """Store an agreement from its committees' documents: round 1 reported, or (plan) planned.

    Every committee also gets the header of its later reports (title, case number, contact).
    """
    year = agreement["year"]
    titles = {t["number"]: t["title"] for t in agreement["themes"]}
    for committee in example_data()["committees"]:
        mine = [i for i in agreement["initiatives"] if i["committee"] == committee]
        themes: list[ThemeDoc] = []
        for theme_number, title in titles.items():
            initiatives = [
                _initiative_doc(year, i, reported=not plan)
                for i in mine
                if i["number"].split(".")[0] == theme_number
            ]
            for ini in initiatives:
                ini.heading = title  # as a report heads them: under their theme's heading
            if initiatives:
                themes.append(ThemeDoc(number=theme_number, title=title, initiatives=initiatives))
        if not themes:
            continue
        for number in (1, 2, 3, 4):
            # Only the 1st follow-up of 2026 came in as documents; the other reports are
            # the app's, and the header (title, case number, contact) is all they take here.
            report_import(
                actor=people[FINANCE.username],
                document=_report(agreement, committee, number, themes if number == 1 else []),
                source_name=SOURCE if number == 1 and not plan else "",
                plan=plan,
            )
    stored = Agreement.objects.get(year=year)
    count = Initiative.objects.filter(agreement=stored).count()
    if plan:
        loaded.say(f"{stored}: adopted, {count} initiatives")
        return
    first = Round.objects.get(agreement=stored, number=1)
    with _clock(_moment(_report_date(year, 1), 1, 8)):
        round_publish(actor=people[FINANCE.username], round_obj=first)
    loaded.say(f"{stored}: {count} initiatives; {first} imported and published")


# A round in the app ---------------------------------------------------------------------------


def _write(
    submission: Submission, cell: dict[str, Any], editor: Any, finance: Any, state: str
) -> None:
    """Write one initiative's status as its center's editor, and take it to ``state``."""
    if state == SubmissionState.NOT_STARTED:
        return
    milestone = Milestone.objects.filter(
        initiative=submission.initiative, round=submission.round
    ).first()
    # No milestone this round after a happy one: the smiley carried forward at opening stands.
    carried = milestone.smiley if milestone is not None and milestone.carried_forward else ""
    if not (cell["milestone"] or cell["status_note"] or cell["smiley"] or carried):
        return  # an empty cell: the center never answered, the status stays not started
    status_save(
        actor=editor,
        submission=submission,
        base_version=milestone.version if milestone else 0,
        text=cell["milestone"],
        status_note=cell["status_note"],
        smiley=cell["smiley"] or carried,
        corrective_action=cell["corrective_action"],
    )
    _economy(submission, cell, editor)
    if state == SubmissionState.DRAFT:
        return
    if any(f.severity is Severity.ERROR for f in status_findings(submission=submission)):
        return  # a status that breaks a rule stays a draft: it cannot be submitted
    status_submit(actor=editor, submission=submission)
    if state == SubmissionState.APPROVED:
        status_approve(actor=finance, submission=submission)
    elif state == SubmissionState.RETURNED:
        status_return(actor=finance, submission=submission, comment=cell["comment"])


def _economy(submission: Submission, cell: dict[str, Any], editor: Any) -> None:
    """Enter the round's economy figures; the finance office's smiley where they cannot judge."""
    economy = cell["economy"]
    if not economy:
        return
    figures = economy.get("spent") is not None or economy.get("expected") is not None

    def save(**officer: str) -> str:
        status = economy_figures_save(
            actor=editor,
            initiative=submission.initiative,
            round_obj=submission.round,
            spent=economy.get("spent"),
            expected=economy.get("expected"),
            saving_achieved=None,
            **officer,
        )
        return status.smiley

    judged = save() if figures else ""
    if economy["smiley"] and judged != economy["smiley"]:
        save(officer_smiley=economy["smiley"], officer_note=economy["text"])


def _round_in_app(
    agreement: dict[str, Any],
    number: int,
    people: dict[str, Any],
    today: dt.date,
    loaded: Loaded,
    *,
    finish: bool = True,
) -> None:
    """Open a round, write every status, and (``finish``) approve, close and publish it.

    An open round keeps each initiative in the state the data names; its deadline is the
    one in OPEN_DEADLINES, or two weeks from ``today`` (four for next year's round) once that
    has passed, so the example always has a round to work in.
    """
    finance = people[FINANCE.username]
    year = agreement["year"]
    stored = Agreement.objects.get(year=year)
    round_obj = Round.objects.get(agreement=stored, number=number)
    report_date = _report_date(year, number)
    if finish:
        deadline = report_date - dt.timedelta(days=14)
    else:
        ahead = today + dt.timedelta(days=14 if number == 4 else 28)
        deadline = max(OPEN_DEADLINES[(year, number)], ahead)
    # A finished round happened in the past: opened three weeks before its deadline, written
    # in the last days before it, approved after it, closed and published on the report date.
    past = finish
    with _clock(_moment(deadline, -21, 9), past):
        round_update(actor=finance, round_obj=round_obj, label=round_obj.label, deadline=deadline)
        round_open(actor=finance, round_obj=round_obj)
    submissions = {
        s.initiative.number: s
        for s in Submission.objects.filter(round=round_obj).select_related("initiative", "round")
    }
    with _clock(_moment(deadline, -3, 10), past):
        for data in agreement["initiatives"]:
            cell = data["rounds"][number - 1]
            state = SubmissionState.APPROVED if finish else cell.get("state", "not_started")
            submission = submissions[data["number"]]
            _write(submission, cell, people[data["center"]], finance, state)
    if not finish:
        loaded.say(f"{stored}: {round_obj} is open until {deadline:%d.%m.%Y}")
        return
    with _clock(_moment(report_date, -7, 14), past):
        check = round_close_check(round_obj=round_obj)
        round_close(
            actor=finance, round_obj=round_obj, override_reason="" if check.clear else CLOSE_REASON
        )
    with _clock(_moment(report_date, 0, 8), past):
        round_publish(actor=finance, round_obj=round_obj)
    loaded.say(f"{stored}: {round_obj} written in the app, closed and published")


def _moment(day: dt.date, days: int, hour: int) -> dt.datetime:
    """Return ``hour`` o'clock (local time) ``days`` after ``day``."""
    when = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(hour))
    return timezone.make_aware(when)


@contextmanager
def _clock(start: dt.datetime, active: bool = True) -> Iterator[None]:
    """Let Django's clock read ``start``, one second later at every reading (keeps order)."""
    if not active:
        yield
        return
    moment = start

    def now() -> dt.datetime:
        nonlocal moment
        moment += dt.timedelta(seconds=1)
        return moment

    with mock.patch.object(timezone, "now", now):
        yield
