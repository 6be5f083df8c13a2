"""Writes: one function per action, in a transaction, recording who did it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction

from opfolgning.followup import budget as budget_rules
from opfolgning.followup.document import (
    KINDS,
    MONEY_KINDS,
    ROUND_NUMBERS,
    BudgetChangeDoc,
    BudgetDoc,
    ReportDocument,
    budget_model,
)
from opfolgning.followup.smileys import Smiley
from opfolgning.followup.text import one_line, plain_text, whole_number

from .audit import (
    Actor,
    audited_bulk_create,
    audited_bulk_update,
    audited_delete,
    audited_save,
    user_of,
)
from .budget_selectors import KeyedChange, changes_by_initiative
from .models import (
    MAX_AMOUNT,
    Agreement,
    BudgetChange,
    BudgetChangeAmount,
    BudgetLine,
    Center,
    ChangeKind,
    ChangeStatus,
    Committee,
    CommitteeReport,
    EconomyStatus,
    Initiative,
    Milestone,
    Round,
    RoundState,
    Theme,
    number_sort_key,
)

_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


class ImportRejected(ValueError):
    """The report document breaks an invariant; nothing was stored."""


def committee_slug(name: str) -> str:
    """Return a URL slug for a committee name (Økonomiudvalget → oekonomiudvalget)."""
    text = name.translate(_TRANSLITERATE).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "udvalg"


@dataclass
class ImportResult:
    """What an import changed, counted per kind of record."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    kept: int = 0  # earlier rounds' stored milestones that the import left as they were

    def count(self, bucket: str, kind: str, n: int = 1) -> None:
        target = self.created if bucket == "created" else self.updated
        target[kind] = target.get(kind, 0) + n

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def validate_document(doc: ReportDocument) -> None:
    """Refuse a document that breaks the model's invariants, naming initiative and round."""
    if doc.round not in ROUND_NUMBERS:
        raise ImportRejected(f"round {doc.round} is not a follow-up round; use 1, 2, 3 or 4")
    if not one_line(doc.committee):
        raise ImportRejected("the report names no committee")
    if not 1970 <= doc.agreement.year <= 2200:
        raise ImportRejected(f"agreement year {doc.agreement.year} is not plausible")
    seen: set[str] = set()
    for ini in doc.initiatives():
        where = f"initiative {ini.number}"
        if not ini.number or ini.number in seen:
            raise ImportRejected(f"{where}: the number is empty or appears twice")
        seen.add(ini.number)
        if ini.kind not in KINDS:
            raise ImportRejected(
                f"{where}: kind {ini.kind!r} is not capital, operating or capital_and_operating"
            )
        rounds = [m.round for m in ini.milestones]
        if sorted(rounds) != sorted(set(rounds)) or not set(rounds) <= set(ROUND_NUMBERS):
            raise ImportRejected(f"{where}: milestone rounds {rounds} must be distinct, 1–4")
        if ini.economy.smiley is Smiley.NEUTRAL:
            raise ImportRejected(
                f"{where}, round {doc.round}: the economy smiley has two levels (happy, sad)"
            )
        economy = ini.economy
        for name, figure in (("spent", economy.spent), ("expected", economy.expected)):
            if figure is not None and not (
                isinstance(figure, int)
                and not isinstance(figure, bool)
                and 0 <= figure <= MAX_AMOUNT
            ):
                raise ImportRejected(
                    f"{where}, round {doc.round}: economy {name} {figure!r} is not 0 or more "
                    "whole kroner"
                )
        if economy.set_by_officer and not (economy.smiley and economy.reason.strip()):
            raise ImportRejected(
                f"{where}, round {doc.round}: an economy smiley set by the officer needs the "
                "smiley and its reason"
            )


def _get_or_create_named(
    model: type[models.Model], names: Iterable[str], result: ImportResult, actor: Actor, reason: str
) -> dict[str, Any]:
    wanted = {n for n in names if n}
    existing = {obj.name: obj for obj in model._default_manager.filter(name__in=wanted)}  # type: ignore[attr-defined]
    missing = sorted(wanted - existing.keys())
    if missing:
        new: list[Any] = (
            [Committee(name=n, slug=_unique_slug(n)) for n in missing]
            if model is Committee
            else [model(name=n) for n in missing]
        )
        audited_bulk_create(new, model, actor, reason)
        existing.update({obj.name: obj for obj in model._default_manager.filter(name__in=missing)})  # type: ignore[attr-defined]
        result.count("created", model._meta.model_name or "", len(missing))
    return existing


def _unique_slug(name: str) -> str:
    base = committee_slug(name)
    slug, n = base, 2
    while Committee.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set `values` on `obj`; return the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _save_rows(
    model: type[models.Model],
    creates: list[Any],
    updates: list[tuple[Any, list[str]]],
    result: ImportResult,
    actor: Actor,
    reason: str,
) -> None:
    kind = model._meta.model_name or ""
    if creates:
        audited_bulk_create(creates, model, actor, reason, batch_size=500)
        result.count("created", kind, len(creates))
    if updates:
        fields = sorted({f for _, fs in updates for f in fs})
        audited_bulk_update(
            [obj for obj, _ in updates], model, fields, actor, reason, batch_size=500
        )
        result.count("updated", kind, len(updates))


@dataclass
class _Import:
    """One import in progress: the document, who imports it and why, and what it changed."""

    doc: ReportDocument
    actor: Actor
    source_name: str
    plan: bool
    reason: str = field(init=False)  # the change reason of every history row it writes
    result: ImportResult = field(default_factory=ImportResult)

    def __post_init__(self) -> None:
        self.reason = f"import: {self.source_name}" if self.source_name else "import"


@transaction.atomic
def report_import(
    *, actor: Actor, document: ReportDocument, source_name: str = "", plan: bool = False
) -> ImportResult:
    """Store a report document: all or nothing; re-importing the same document changes nothing.

    With ``plan`` the document is an adopted agreement, not a finished report: every new round
    is planned (none closed) and no economy status is stored for its round.

    The report's own round always takes the document's values; later rounds (the plan) take
    them too unless a later report of the same committee is already stored; every other round
    keeps what is stored (from its own report) and is only filled where still empty.
    """
    validate_document(document)
    job = _Import(document, actor, source_name, plan)
    agreement = _import_agreement(job)
    committees = _import_committees(job)
    centers = _import_centers(job)
    rounds = _import_rounds(job, agreement)
    committee = committees[one_line(document.committee)]
    is_latest = _is_latest_report(job, agreement, committee)
    _import_committee_report(job, rounds[document.round], committee)
    themes = _import_themes(job, agreement)
    initiatives = _import_initiatives(job, agreement, themes, committees, centers)
    _import_milestones(job, initiatives, rounds, is_latest)
    _import_economy(job, initiatives, rounds[document.round])
    _store_budgets(document, initiatives, agreement.period, job.result, actor, job.reason)
    if sum(job.result.created.values()) >= ANALYZE_AFTER_ROWS:
        transaction.on_commit(_analyze)
    return job.result


def _import_agreement(job: _Import) -> Agreement:
    """Return the agreement of the document's budget year, created when new (never renamed)."""
    doc = job.doc
    agreement = Agreement.objects.filter(year=doc.agreement.year).first()
    agreement_name = one_line(doc.agreement.name) or f"Aftale om budget {doc.agreement.year}"
    if agreement is None:
        agreement = Agreement(name=agreement_name, year=doc.agreement.year)
        audited_save(agreement, job.actor, job.reason)
        job.result.count("created", "agreement")
    return agreement


def _import_committees(job: _Import) -> dict[str, Any]:
    """Return the report's and the initiatives' committees by name, creating the new ones."""
    names = {one_line(job.doc.committee)} | {one_line(i.committee) for i in job.doc.initiatives()}
    return _get_or_create_named(Committee, names, job.result, job.actor, job.reason)


def _import_centers(job: _Import) -> dict[str, Any]:
    """Return the initiatives' responsible centers by name, creating the new ones."""
    names = {one_line(i.center) for i in job.doc.initiatives()}
    return _get_or_create_named(Center, names, job.result, job.actor, job.reason)


def _import_rounds(job: _Import, agreement: Agreement) -> dict[int, Round]:
    """Store rounds 1–4 of the agreement (labels from the milestone rows); return them by number."""
    doc = job.doc
    labels: dict[int, str] = {}
    for ini in doc.initiatives():
        for m in ini.milestones:
            if m.label and m.round not in labels:
                labels[m.round] = one_line(m.label)
    rounds = {r.number: r for r in Round.objects.filter(agreement=agreement)}
    round_creates, round_updates = [], []
    for number in ROUND_NUMBERS:
        values: dict[str, Any] = {}
        if labels.get(number):
            values["label"] = labels[number]
        if number == doc.round and doc.date:
            values["date"] = doc.date
        if number not in rounds:
            # The imported report's round and those before it are finished documents:
            # closed (the finance office publishes them); later rounds are still planned.
            finished = number <= doc.round and not job.plan
            state = RoundState.CLOSED if finished else RoundState.PLANNED
            rounds[number] = Round(agreement=agreement, number=number, state=state, **values)
            round_creates.append(rounds[number])
        else:
            stored = rounds[number]
            # A later report must not relabel a round that its own report already named.
            if stored.label and number != doc.round:
                values.pop("label", None)
            if stored.date and number != doc.round:
                values.pop("date", None)
            changed = _apply(stored, values)
            if changed:
                round_updates.append((stored, changed))
    _save_rows(Round, round_creates, round_updates, job.result, job.actor, job.reason)
    return {r.number: r for r in Round.objects.filter(agreement=agreement)}


def _is_latest_report(job: _Import, agreement: Agreement, committee: Committee) -> bool:
    """Return whether no later report of the committee than the document's is stored."""
    latest_round = (
        CommitteeReport.objects.filter(round__agreement=agreement, committee=committee)
        .order_by("-round__number")
        .values_list("round__number", flat=True)
        .first()
    )
    return latest_round is None or job.doc.round >= latest_round


def _import_committee_report(job: _Import, report_round: Round, committee: Committee) -> None:
    """Store the report's header facts: title, date, case number, contact, reading guide."""
    doc = job.doc
    report_values = {
        "title": one_line(doc.title),
        "date": doc.date,
        "case_number": one_line(doc.case_number),
        "contact_name": one_line(doc.contact.name),
        "contact_email": one_line(doc.contact.email),
        "contact_phone": one_line(doc.contact.phone),
        "reading_guide": plain_text(doc.reading_guide),
    }
    report = CommitteeReport.objects.filter(round=report_round, committee=committee).first()
    if report is None:
        report = CommitteeReport(
            round=report_round, committee=committee, source_name=job.source_name, **report_values
        )
        _save_rows(CommitteeReport, [report], [], job.result, job.actor, job.reason)
    else:
        changed = _apply(report, report_values)
        if changed:
            _apply(report, {"source_name": job.source_name})
            updates = [(report, [*changed, "source_name"])]
            _save_rows(CommitteeReport, [], updates, job.result, job.actor, job.reason)


def _import_themes(job: _Import, agreement: Agreement) -> dict[str, Theme]:
    """Store the document's themes (a stored title is replaced, never emptied); return by number."""
    themes = {t.number: t for t in Theme.objects.filter(agreement=agreement)}
    theme_creates, theme_updates = [], []
    for theme_doc in job.doc.themes:
        title = one_line(theme_doc.title)
        position = whole_number(theme_doc.number) or 0
        if theme_doc.number not in themes:
            themes[theme_doc.number] = Theme(
                agreement=agreement, number=theme_doc.number, title=title, position=position
            )
            theme_creates.append(themes[theme_doc.number])
        elif title and title != themes[theme_doc.number].title:
            stored_theme = themes[theme_doc.number]
            theme_updates.append((stored_theme, _apply(stored_theme, {"title": title})))
    _save_rows(Theme, theme_creates, theme_updates, job.result, job.actor, job.reason)
    return {t.number: t for t in Theme.objects.filter(agreement=agreement)}


def _import_initiatives(
    job: _Import,
    agreement: Agreement,
    themes: dict[str, Theme],
    committees: dict[str, Any],
    centers: dict[str, Any],
) -> dict[str, Initiative]:
    """Store the document's initiatives (identity: agreement + number); return them by number."""
    stored_initiatives = {i.number: i for i in Initiative.objects.filter(agreement=agreement)}
    ini_creates, ini_updates = [], []
    for theme_doc in job.doc.themes:
        for ini in theme_doc.initiatives:
            values = {
                "theme_id": themes[theme_doc.number].pk,
                "title": one_line(ini.title),
                "kind": ini.kind,
                "description": plain_text(ini.description),
                "center_id": centers[one_line(ini.center)].pk if one_line(ini.center) else None,
                "committee_id": (
                    committees[one_line(ini.committee)].pk if one_line(ini.committee) else None
                ),
                "contributors": plain_text(ini.contributors),
                "involved_committees": plain_text(ini.involved_committees),
                "notes": plain_text(ini.notes),
                "heading": one_line(ini.heading),
                "sort_key": number_sort_key(ini.number),
            }
            if ini.budget is not None:
                # A document that knows the budget settles these; one that does not keeps them.
                values["no_money"] = ini.budget.no_money
                values["budget_review"] = "\n".join(one_line(r) for r in ini.budget.review)
            if ini.number not in stored_initiatives:
                obj = Initiative(agreement=agreement, number=ini.number, **values)
                stored_initiatives[ini.number] = obj
                ini_creates.append(obj)
            else:
                obj = stored_initiatives[ini.number]
                changed = _apply(obj, values)
                if changed:
                    ini_updates.append((obj, changed))
    _save_rows(Initiative, ini_creates, ini_updates, job.result, job.actor, job.reason)
    numbers = [i.number for i in job.doc.initiatives()]
    return {i.number: i for i in Initiative.objects.filter(agreement=agreement, number__in=numbers)}


def _import_milestones(
    job: _Import, by_number: dict[str, Initiative], rounds: dict[int, Round], is_latest: bool
) -> None:
    """Store the initiatives' milestones of every round the document has.

    The report's own round takes the document's values; a later round too while it is planned
    and this is the committee's newest report; any other round only where it is still empty.
    """
    doc = job.doc
    ids = [i.pk for i in by_number.values()]
    stored_ms = {
        (m.initiative_id, m.round_id): m for m in Milestone.objects.filter(initiative_id__in=ids)
    }
    ms_creates, ms_updates = [], []
    for ini in doc.initiatives():
        initiative = by_number[ini.number]
        for m in ini.milestones:
            round_obj = rounds[m.round]
            values = {
                "text": plain_text(m.text),
                "status_note": plain_text(m.status_note),
                "smiley": m.smiley.value if m.smiley else "",
                "glyph": m.glyph or "",
                "needs_review": m.needs_review,
                "corrective_action": plain_text(m.corrective_action),
            }
            key = (initiative.pk, round_obj.pk)
            stored_m = stored_ms.get(key)
            if stored_m is None:
                ms_creates.append(Milestone(initiative=initiative, round=round_obj, **values))
                continue
            # A later round's plan comes from the newest report, but only while that round is
            # planned: once opened, its statuses are written in the app, not by an import.
            authoritative = m.round == doc.round or (
                m.round > doc.round and is_latest and round_obj.state == RoundState.PLANNED
            )
            if not authoritative and (stored_m.text or stored_m.status_note or stored_m.smiley):
                if any(getattr(stored_m, k) != v for k, v in values.items()):
                    job.result.kept += 1
                continue
            changed = _apply(stored_m, values)
            if changed:
                # A form opened before the import must not overwrite it (optimistic locking).
                stored_m.version += 1
                ms_updates.append((stored_m, [*changed, "version"]))
    _save_rows(Milestone, ms_creates, ms_updates, job.result, job.actor, job.reason)


def _unknown_economy_keys(economy: Any, stored: EconomyStatus) -> list[str]:
    """Return the economy fields a document leaves unsaid and the stored row has: a text
    export or a hand-made report knows no figures, override or reason, and keeps them."""
    keys = []
    if economy.spent is None and economy.expected is None:
        keys += ["spent", "expected"]
        if economy.saving_achieved is None:
            keys.append("saving_achieved")
        if not economy.set_by_officer:
            keys.append("set_by_officer")
    if not economy.reason.strip() and stored.reason:
        keys.append("reason")
    return keys


def _import_economy(job: _Import, by_number: dict[str, Initiative], report_round: Round) -> None:
    """Store the initiatives' economy at the report's round (a plan stores no new ones)."""
    ids = [i.pk for i in by_number.values()]
    stored_eco = {
        e.initiative_id: e
        for e in EconomyStatus.objects.filter(initiative_id__in=ids, round=report_round)
    }
    eco_creates, eco_updates = [], []
    for ini in job.doc.initiatives():
        initiative = by_number[ini.number]
        eco_values = {
            "text": plain_text(ini.economy.text),
            "smiley": ini.economy.smiley.value if ini.economy.smiley else "",
            "glyph": ini.economy.glyph or "",
            "needs_review": ini.economy.needs_review,
            "note": plain_text(ini.economy.note),
            "spent": ini.economy.spent,
            "expected": ini.economy.expected,
            "saving_achieved": ini.economy.saving_achieved,
            "set_by_officer": ini.economy.set_by_officer,
            "reason": plain_text(ini.economy.reason),
        }
        stored_e = stored_eco.get(initiative.pk)
        if job.plan and stored_e is None:
            continue
        if stored_e is not None:
            for key in _unknown_economy_keys(ini.economy, stored_e):
                del eco_values[key]
        if stored_e is None:
            eco_creates.append(
                EconomyStatus(initiative=initiative, round=report_round, **eco_values)
            )
        else:
            changed = _apply(stored_e, eco_values)
            if changed:
                eco_updates.append((stored_e, changed))
    _save_rows(EconomyStatus, eco_creates, eco_updates, job.result, job.actor, job.reason)


# After an import of this many new rows PostgreSQL's statistics are stale until autovacuum
# comes by: it then estimates 2 rows for 1,000 and picks nested loops (a 1,000-initiative
# report page took 0.7 s instead of 0.4 s). ANALYZE takes a few milliseconds per table.
ANALYZE_AFTER_ROWS = 500
_ANALYZED_TABLES = (
    Initiative,
    Milestone,
    EconomyStatus,
    Round,
    Theme,
    Committee,
    Center,
)


def _analyze() -> None:
    """Refresh PostgreSQL's planner statistics of the tables an import fills."""
    if connection.vendor != "postgresql":
        return
    from .models import BudgetChange, BudgetChangeAmount, BudgetLine, Submission

    tables = [m._meta.db_table for m in (*_ANALYZED_TABLES, BudgetLine, BudgetChange)]
    tables += [BudgetChangeAmount._meta.db_table, Submission._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def _change_key(change: BudgetChangeDoc) -> tuple[Any, ...]:
    """Return what makes two changes the same change: kind, money, amounts and financing."""
    amounts = tuple(sorted((a.year, a.amount) for a in change.amounts))
    return (change.kind, change.kind_of_money, amounts, change.financing.strip())


def _budget_problems(
    number: str,
    budget: BudgetDoc,
    new: list[BudgetChangeDoc],
    stored: list[KeyedChange],
    period: tuple[int, int],
) -> None:
    """Refuse a document's budget the rules refuse, naming the initiative (Danish, as shown)."""
    where = f"initiative {number}"
    for line in budget.lines:
        if line.kind not in MONEY_KINDS:
            raise ImportRejected(
                f"{where}: budget line kind {line.kind!r} is not capital or operating"
            )
    for change in budget.changes:
        if (
            change.kind not in ChangeKind.values
            or change.kind_of_money not in MONEY_KINDS
            or change.status not in ChangeStatus.values
        ):
            raise ImportRejected(
                f"{where}: budget change {change.kind!r}/{change.status!r} unknown"
            )
        if change.status == ChangeStatus.PROPOSED and change.decided_on is not None:
            raise ImportRejected(f"{where}: a proposed budget change has no decision date yet")
        if change.status == ChangeStatus.REJECTED and change.decided_on is None:
            raise ImportRejected(f"{where}: a rejected budget change needs its decision date")
    amounts = [(li.year, li.amount) for li in budget.lines] + [
        (a.year, a.amount) for c in budget.changes for a in c.amounts
    ]
    for year, amount in amounts:
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise ImportRejected(f"{where}: the amount {amount!r} for {year} is not whole kroner")
    if budget.no_money and budget.lines:
        raise ImportRejected(f"{where}: the budget has both no money and budget lines")
    adopted, changes = budget_model(budget)
    problems = budget_rules.validate_budget(adopted, period)
    _, stored_rules = budget_model(BudgetDoc(changes=[c for _, c in stored]))
    approved = [
        c for c in [*changes, *stored_rules] if c.status is budget_rules.ChangeStatus.APPROVED
    ]
    new_ids = {id(c) for c in new}
    for doc_change, change in zip(budget.changes, changes, strict=True):
        # Only the changes this import adds are judged; stored ones were judged when stored.
        if id(doc_change) in new_ids:
            problems += budget_rules.validate_change(
                change, budget=adopted, approved=approved, period=period
            )
    if problems:
        raise ImportRejected(f"indsats {number}: " + " ".join(p.message_da for p in problems))


def _store_budgets(
    doc: ReportDocument,
    by_number: dict[str, Initiative],
    period: tuple[int, int],
    result: ImportResult,
    actor: Actor,
    reason: str,
) -> None:
    """Store the budgets the document knows: lines replaced, changes added when not stored."""
    known = {ini.number: ini.budget for ini in doc.initiatives() if ini.budget is not None}
    if not known:
        return
    ids = [by_number[number].pk for number in known]
    initiatives = Initiative.objects.filter(pk__in=ids)
    stored_lines: dict[int, dict[tuple[int, str], BudgetLine]] = {}
    for line in BudgetLine.objects.filter(initiative__in=initiatives):
        stored_lines.setdefault(line.initiative_id, {})[(line.year, line.kind)] = line
    stored_changes = changes_by_initiative(initiatives)
    line_creates: list[BudgetLine] = []
    line_updates: list[tuple[Any, list[str]]] = []
    line_deletes: list[BudgetLine] = []
    change_creates: list[tuple[BudgetChange, BudgetChangeDoc]] = []
    for number, budget in known.items():
        initiative = by_number[number]
        stored = stored_changes.get(initiative.pk, [])
        left = Counter(_change_key(c) for _, c in stored)
        new: list[BudgetChangeDoc] = []
        for change in budget.changes:
            key = _change_key(change)
            if left[key]:
                left[key] -= 1  # already stored (maybe decided since): left as it is
            else:
                new.append(change)
        _budget_problems(number, budget, new, stored, period)
        wanted = {(line.year, line.kind): line.amount for line in budget.lines}
        held = stored_lines.get(initiative.pk, {})
        for key, line in held.items():
            if key not in wanted:
                line_deletes.append(line)
            elif line.amount != wanted[key]:
                line.amount = wanted[key]
                line_updates.append((line, ["amount"]))
        line_creates.extend(
            BudgetLine(initiative=initiative, year=year, kind=kind, amount=amount)
            for (year, kind), amount in wanted.items()
            if (year, kind) not in held
        )
        change_creates.extend(
            (
                BudgetChange(
                    initiative=initiative,
                    kind=c.kind,
                    kind_of_money=c.kind_of_money,
                    financing=c.financing.strip(),
                    status=c.status,
                    decided_on=c.decided_on,
                    reference=one_line(c.reference),
                    note=plain_text(c.note),
                    proposed_in_round=c.proposed_in_round,
                    created_by=user_of(actor),
                ),
                c,
            )
            for c in new
        )
    for line in line_deletes:
        audited_delete(line, actor, reason)
    if line_deletes:
        result.count("updated", "budgetline", len(line_deletes))
    _save_rows(BudgetLine, line_creates, line_updates, result, actor, reason)
    if change_creates:
        # One save each: the amounts need the changes' primary keys on every database.
        for stored_change, _ in change_creates:
            audited_save(stored_change, actor, reason)
        result.count("created", "budgetchange", len(change_creates))
        amounts = [
            BudgetChangeAmount(change=stored_change, year=a.year, amount=a.amount)
            for stored_change, c in change_creates
            for a in c.amounts
        ]
        _save_rows(BudgetChangeAmount, amounts, [], result, actor, reason)
