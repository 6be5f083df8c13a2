"""Writes of the economy: budgets, budget changes and their decisions, the economy smiley.

One function per action, keyword-only `actor`, in a transaction (all or nothing); the rules
are followup.budget's, and every refusal is one `BudgetRefused` naming the initiative, the
years and the amounts. simple-history records who did it and why on every row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from opfolgning.followup import budget as rules
from opfolgning.followup import vocabulary
from opfolgning.followup.vocabulary import CHANGE_KIND_WORDS

from .audit import Actor, audited_bulk_create, audited_delete, audited_save, change_set, user_of
from .budget_selectors import approved_rules, rules_of
from .models import (
    MAX_AMOUNT,
    BudgetChange,
    BudgetChangeAmount,
    BudgetLine,
    ChangeKind,
    ChangeStatus,
    EconomyStatus,
    Initiative,
    Kind,
    MoneyKind,
    Round,
    RoundState,
)

__all__ = [
    "BudgetRefused",
    "budget_set",
    "change_approve",
    "change_propose",
    "change_reject",
    "economy_figures_save",
    "economy_rejudge",
]


class BudgetRefused(ValueError):
    """A budget, change or economy judgement the rules refuse; nothing was stored.

    `str()` is the Danish message; `message_en` is its English twin; `problems` are the
    rules' reasons.
    """

    def __init__(
        self, initiative: Initiative, what_da: str, what_en: str, problems: Sequence[rules.Problem]
    ) -> None:
        self.initiative = initiative
        self.problems = list(problems)
        name = f"{initiative.number} {initiative.title}".strip()
        self.message_da = f"{what_da} for indsats {name} kan ikke gemmes: " + " ".join(
            p.message_da for p in self.problems
        )
        self.message_en = f"{what_en} of initiative {name} cannot be saved: " + " ".join(
            p.message_en for p in self.problems
        )
        super().__init__(self.message_da)


def _problem(where: str, message_da: str, message_en: str) -> rules.Problem:
    return rules.Problem(where, message_da, message_en)


def _locked(initiative: Initiative) -> Initiative:
    """Return the initiative re-read and locked, so two writes of one budget take turns."""
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("agreement")
        .get(pk=initiative.pk)
    )


def _is_kroner(value: object) -> bool:
    # bool is an int subclass, and a float is never money.
    return isinstance(value, int) and not isinstance(value, bool)


def _kroner_problem(where: str, what_da: str, what_en: str, value: object) -> rules.Problem:
    return _problem(
        where,
        f"{what_da} skal være et helt antal kroner, ikke {value!r}.",
        f"{what_en} must be a whole number of kroner, not {value!r}.",
    )


def _kind_da(kind: str) -> str:
    return str(MoneyKind(kind).label).lower() if kind in MoneyKind.values else kind


def _change_words(
    kind: str, kind_of_money: str, amounts: Iterable[tuple[int, int]]
) -> tuple[str, str]:
    """Return what a change is, e.g. "Budgetændringen (udskydelse, anlæg: -1 mio. kr. i 2019)"."""
    kind_da = str(ChangeKind(kind).label) if kind in ChangeKind.values else kind
    kind_en = kind.replace("_", " ")
    items = [(y, a) for y, a in amounts if _is_kroner(a) and isinstance(y, int)]
    da = ", ".join(f"{vocabulary.signed_amount(a)} i {y}" for y, a in items)
    en = ", ".join(f"{vocabulary.signed_amount(a, 'en')} in {y}" for y, a in items)
    money_da, money_en = _kind_da(kind_of_money), kind_of_money
    return (
        f"Budgetændringen ({kind_da}, {money_da}: {da})" if da else f"Budgetændringen ({kind_da})",
        f"The budget change ({kind_en}, {money_en}: {en})"
        if en
        else f"The budget change ({kind_en})",
    )


def _stored_change_words(change: rules.BudgetChange) -> tuple[str, str]:
    return _change_words(
        change.kind.value, change.kind_of_money.value, [(a.year, a.amount) for a in change.amounts]
    )


# --- the adopted budget -------------------------------------------------------------------


@change_set()
def budget_set(
    *,
    actor: Actor,
    initiative: Initiative,
    lines: Sequence[tuple[int, str, int]],
    no_money: bool,
    reviewed: bool = False,
) -> Initiative:
    """Set an initiative's adopted budget (year, kind, kroner) or mark it as without money.

    `reviewed`: a person has checked what the import could not read (`budget_review`), so
    those notes are cleared; the history keeps them.
    """
    what = ("Budgettet", "The budget")
    with transaction.atomic():
        initiative = _locked(initiative)
        problems: list[rules.Problem] = []
        for index, (year, kind, amount) in enumerate(lines):
            where = f"lines[{index}]"
            if not isinstance(year, int) or isinstance(year, bool):
                problems.append(
                    _problem(where, f"Året {year!r} er ikke et år.", f"{year!r} is no year.")
                )
            if kind not in MoneyKind.values:
                problems.append(
                    _problem(
                        where,
                        f"{kind!r} er hverken anlæg eller drift.",
                        f"{kind!r} is neither capital nor operating.",
                    )
                )
            if not _is_kroner(amount):
                problems.append(
                    _kroner_problem(where, f"Beløbet for {year}", f"The amount for {year}", amount)
                )
        if problems:
            raise BudgetRefused(initiative, *what, problems)
        if no_money and lines:
            raise BudgetRefused(
                initiative,
                *what,
                [
                    _problem(
                        "no_money",
                        "Der står både, at der ikke er afsat økonomi, og at der er afsat "
                        f"{vocabulary.amount(sum(a for _, _, a in lines))}. Vælg det ene.",
                        "It says both that no money is set aside and that "
                        f"{vocabulary.amount(sum(a for _, _, a in lines), 'en')} is. Choose one.",
                    )
                ],
            )
        budget = rules.Budget(
            lines=tuple(rules.BudgetLine(y, rules.BudgetKind(k), a) for y, k, a in lines),
            no_money=no_money,
        )
        period = initiative.agreement.period
        problems = rules.validate_budget(budget, period)
        if problems:
            raise BudgetRefused(initiative, *what, problems)
        # The approved changes must still be covered by the new budget.
        _, keyed = rules_of(initiative)
        for pk, change in keyed:
            if change.status is rules.ChangeStatus.APPROVED:
                found = rules.validate_change(
                    change, budget=budget, approved=approved_rules(keyed, skip=pk), period=period
                )
                if found:
                    words_da, _words_en = _stored_change_words(change)
                    problems.extend(
                        _problem(
                            p.where,
                            f"{words_da}, som er godkendt, passer ikke længere: {p.message_da}",
                            f"An approved change no longer fits: {p.message_en}",
                        )
                        for p in found
                    )
        if problems:
            raise BudgetRefused(initiative, *what, problems)
        reason = "Budget sat"
        _replace_lines(initiative, {(y, k): a for y, k, a in lines}, actor, reason)
        changed = initiative.no_money != no_money
        initiative.no_money = no_money
        if reviewed and initiative.budget_review:
            initiative.budget_review = ""
            changed = True
        if changed:
            audited_save(initiative, actor, reason)
    return initiative


def _replace_lines(
    initiative: Initiative, wanted: Mapping[tuple[int, str], int], actor: Actor, reason: str
) -> bool:
    """Make the stored budget lines equal `wanted`, writing only what differs; True if any."""
    stored = {
        (line.year, line.kind): line for line in BudgetLine.objects.filter(initiative=initiative)
    }
    changed = False
    for key, line in stored.items():
        if key not in wanted:
            audited_delete(line, actor, reason)
            changed = True
        elif line.amount != wanted[key]:
            line.amount = wanted[key]
            audited_save(line, actor, reason)
            changed = True
    creates = [
        BudgetLine(initiative=initiative, year=year, kind=kind, amount=amount)
        for (year, kind), amount in sorted(wanted.items())
        if (year, kind) not in stored
    ]
    if creates:
        audited_bulk_create(creates, BudgetLine, actor, reason)
        changed = True
    return changed


# --- budget changes -----------------------------------------------------------------------


def _amount_items(amounts: Mapping[int, int] | Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    items = amounts.items() if isinstance(amounts, Mapping) else amounts
    return [(year, amount) for year, amount in items]


def _choice(words: Iterable[str], last: str = "eller") -> str:
    items = list(words)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


@change_set()
def change_propose(
    *,
    actor: Actor,
    initiative: Initiative,
    kind: str,
    kind_of_money: str,
    amounts: Mapping[int, int] | Iterable[tuple[int, int]],
    financing: str,
    note: str = "",
    round_number: int | None = None,
) -> BudgetChange:
    """Record a proposed budget change with its alternative financing (signed kroner per year).

    `kind` is a change kind's key, or its word ("forhøjelse", also a former word such as
    "tilførsel"; docs/glossary.md).
    """
    kind = vocabulary.change_kind_key(str(kind)) or kind
    items = _amount_items(amounts)
    what = _change_words(str(kind), str(kind_of_money), items)
    with transaction.atomic():
        initiative = _locked(initiative)
        problems: list[rules.Problem] = []
        if kind not in ChangeKind.values:
            problems.append(
                _problem(
                    "kind",
                    f"{kind!r} er ikke en slags budgetændring; vælg "
                    f"{_choice([w.da for w in CHANGE_KIND_WORDS.values()])}.",
                    f"{kind!r} is no kind of budget change; choose "
                    f"{_choice([w.en for w in CHANGE_KIND_WORDS.values()], 'or')}.",
                )
            )
        if kind_of_money not in MoneyKind.values:
            problems.append(
                _problem(
                    "kind_of_money",
                    f"{kind_of_money!r} er hverken anlæg eller drift.",
                    f"{kind_of_money!r} is neither capital nor operating.",
                )
            )
        for index, (year, amount) in enumerate(items):
            if not isinstance(year, int) or isinstance(year, bool):
                problems.append(
                    _problem(
                        f"amounts[{index}]", f"{year!r} er ikke et år.", f"{year!r} is no year."
                    )
                )
            if not _is_kroner(amount):
                problems.append(
                    _kroner_problem(
                        f"amounts[{index}]", f"Beløbet for {year}", f"The amount for {year}", amount
                    )
                )
        if round_number is not None and round_number not in (1, 2, 3, 4):
            problems.append(
                _problem(
                    "round_number",
                    f"Opfølgning {round_number!r} findes ikke; vælg 1, 2, 3 eller 4.",
                    f"Round {round_number!r} does not exist; choose 1, 2, 3 or 4.",
                )
            )
        if problems:
            raise BudgetRefused(initiative, *what, problems)
        change = rules.BudgetChange(
            kind=rules.ChangeKind(kind),
            kind_of_money=rules.BudgetKind(kind_of_money),
            amounts=tuple(rules.YearAmount(y, a) for y, a in items),
            financing=financing.strip(),
            status=rules.ChangeStatus.PROPOSED,
            decided_on=None,
            reference="",
            note=note.strip(),
            proposed_in_round=round_number,
        )
        budget, keyed = rules_of(initiative)
        problems = rules.validate_change(
            change,
            budget=budget,
            approved=approved_rules(keyed),
            period=initiative.agreement.period,
        )
        if problems:
            raise BudgetRefused(initiative, *what, problems)
        # The same proposal sent again (a double click, a resent form) is the one stored:
        # the initiative is locked, so of identical requests at once one stores it.
        if (twin := _same_proposal(initiative, actor, change, items)) is not None:
            return twin
        stored = BudgetChange(
            initiative=initiative,
            kind=kind,
            kind_of_money=kind_of_money,
            financing=change.financing,
            status=ChangeStatus.PROPOSED,
            note=change.note,
            proposed_in_round=round_number,
            created_by=user_of(actor),
        )
        reason = "Budgetændring foreslået"
        audited_save(stored, actor, reason)
        audited_bulk_create(
            [BudgetChangeAmount(change=stored, year=y, amount=a) for y, a in items],
            BudgetChangeAmount,
            actor,
            reason,
        )
    return stored


#: How long an identical proposal by the same user counts as the same one sent again.
RESENT_WITHIN = dt.timedelta(minutes=2)


def _same_proposal(
    initiative: Initiative, actor: Actor, change: rules.BudgetChange, items: list[tuple[int, int]]
) -> BudgetChange | None:
    """Return a proposal identical to `change` that the same user made just now, if any."""
    user = user_of(actor)
    if user is None:
        return None
    recent = BudgetChange.objects.filter(
        initiative=initiative,
        created_by=user,
        status=ChangeStatus.PROPOSED,
        kind=change.kind.value,
        kind_of_money=change.kind_of_money.value,
        financing=change.financing,
        note=change.note,
        proposed_in_round=change.proposed_in_round,
        created_at__gte=timezone.now() - RESENT_WITHIN,
    ).prefetch_related("amounts")
    wanted = sorted(items)
    for candidate in recent:
        if sorted((a.year, a.amount) for a in candidate.amounts.all()) == wanted:
            return candidate
    return None


def _locked_change(change: BudgetChange) -> BudgetChange:
    return (
        BudgetChange.objects.select_for_update(of=("self",))
        .select_related("initiative", "initiative__agreement")
        .get(pk=change.pk)
    )


def _decision_problem(change: BudgetChange, verb_da: str, verb_en: str) -> rules.Problem | None:
    if change.status == ChangeStatus.PROPOSED:
        return None
    return _problem(
        "status",
        f"Ændringen er allerede {change.get_status_display()}, så den kan ikke {verb_da}. "
        "Foreslå en ny ændring i stedet.",
        f"The change is already {change.status}, so it cannot be {verb_en}. Propose a new "
        "change instead.",
    )


@change_set()
def change_approve(
    *, actor: Actor, change: BudgetChange, decided_on: dt.date | None, reference: str
) -> BudgetChange:
    """Record the city council's approval (date and case/agenda reference) of a proposed change.

    The open rounds' economy smileys of the initiative are judged again afterwards.
    """
    with transaction.atomic():
        change = _locked_change(change)
        initiative = _locked(change.initiative)
        budget, keyed = rules_of(initiative)
        current = dict(keyed)[change.pk]
        what = _stored_change_words(current)
        problem = _decision_problem(change, "godkendes", "approved")
        if problem is not None:
            raise BudgetRefused(initiative, *what, [problem])
        if decided_on is not None and not isinstance(decided_on, dt.date):
            raise BudgetRefused(
                initiative,
                *what,
                [
                    _problem(
                        "decided_on",
                        f"{decided_on!r} er ikke en dato.",
                        f"{decided_on!r} is not a date.",
                    )
                ],
            )
        reference = (reference or "").strip()
        approved = rules.BudgetChange(
            kind=current.kind,
            kind_of_money=current.kind_of_money,
            amounts=current.amounts,
            financing=current.financing,
            status=rules.ChangeStatus.APPROVED,
            decided_on=decided_on,
            reference=reference,
            note=current.note,
            proposed_in_round=current.proposed_in_round,
        )
        problems = rules.validate_change(
            approved,
            budget=budget,
            approved=approved_rules(keyed, skip=change.pk),
            period=initiative.agreement.period,
        )
        if problems:
            raise BudgetRefused(initiative, *what, problems)
        change.status = ChangeStatus.APPROVED
        change.decided_on = decided_on
        change.reference = reference
        audited_save(change, actor, f"Budgetændring godkendt ({reference})")
        economy_rejudge(actor=actor, initiative=initiative)
    return change


@change_set()
def change_reject(
    *, actor: Actor, change: BudgetChange, decided_on: dt.date | None, reference: str = ""
) -> BudgetChange:
    """Record that the city council rejected a proposed change (it never alters the budget)."""
    with transaction.atomic():
        change = _locked_change(change)
        initiative = change.initiative
        _, keyed = rules_of(initiative)
        what = _stored_change_words(dict(keyed)[change.pk])
        problem = _decision_problem(change, "afvises", "rejected")
        if problem is None and not isinstance(decided_on, dt.date):
            problem = _problem(
                "decided_on",
                "En afvist ændring skal have datoen for Kommunalbestyrelsens beslutning. "
                "Angiv datoen.",
                "A rejected change needs the date of the city council's decision. Give the date.",
            )
        if problem is not None:
            raise BudgetRefused(initiative, *what, [problem])
        change.status = ChangeStatus.REJECTED
        change.decided_on = decided_on
        change.reference = (reference or "").strip()
        audited_save(change, actor, "Budgetændring afvist")
    return change


# --- the economy smiley -------------------------------------------------------------------


def _judge(
    initiative: Initiative,
    round_obj: Round,
    budget: rules.Budget,
    changes: Sequence[rules.BudgetChange],
    *,
    spent: int | None,
    expected: int | None,
    saving_achieved: bool | None,
    officer_smiley: str = "",
    officer_note: str = "",
) -> rules.EconomyVerdict:
    # The rounds of an agreement follow up on its own budget year, so that is the round's year;
    # the amended budget counts the changes approved by the round's date (all, when undated).
    return rules.judge_economy(
        budget=budget,
        changes=changes,
        year=initiative.agreement.year,
        as_of=round_obj.date,
        spent=spent,
        expected=expected,
        saving_achieved=saving_achieved,
        officer_smiley=officer_smiley or None,
        officer_note=officer_note,
    )


def _budget_known(budget: rules.Budget, changes: Sequence[rules.BudgetChange]) -> bool:
    return (
        budget.no_money or bool(budget.lines) or bool(rules.approved_changes(changes, as_of=None))
    )


def _generated_text(
    budget: rules.Budget,
    changes: Sequence[rules.BudgetChange],
    round_obj: Round,
    fallback: str,
    *,
    kind: str,
) -> str:
    if not (budget.no_money or budget.lines):
        return fallback  # nothing to say from data; keep the text as written
    return rules.economy_text(budget, changes, as_of=round_obj.date, name_kinds=kind == Kind.BOTH)


@change_set()
def economy_figures_save(
    *,
    actor: Actor,
    initiative: Initiative,
    round_obj: Round,
    spent: int | None,
    expected: int | None,
    saving_achieved: bool | None,
    officer_smiley: str = "",
    officer_note: str = "",
    note: str = "",
) -> EconomyStatus:
    """Store the round's economy figures and the smiley judged from them (or the officer's)."""
    with transaction.atomic():
        initiative = _locked(initiative)
        round_obj = Round.objects.get(pk=round_obj.pk)
        what = (f"Økonomien ved {round_obj}", f"The economy at round {round_obj.number}")
        problems: list[rules.Problem] = []
        if round_obj.agreement_id != initiative.agreement_id:
            problems.append(
                _problem(
                    "round",
                    f"{round_obj} hører til en anden aftale end indsatsen.",
                    "The round belongs to another agreement than the initiative.",
                )
            )
        elif round_obj.state not in (RoundState.PLANNED, RoundState.OPEN):
            problems.append(
                _problem(
                    "round",
                    f"{round_obj} er {round_obj.get_state_display()}; en frosset rapport ændres "
                    "ikke.",
                    f"Round {round_obj.number} is {round_obj.state}; a frozen report never "
                    "changes.",
                )
            )
        for name, da, en, value in (
            ("spent", "Forbruget", "The spending", spent),
            ("expected", "Det forventede forbrug", "The expected spending", expected),
        ):
            if value is None:
                continue
            if not _is_kroner(value):
                problems.append(_kroner_problem(name, da, en, value))
            elif not 0 <= value <= MAX_AMOUNT:
                problems.append(
                    _problem(
                        name,
                        f"{da} på {vocabulary.amount(value)} skal ligge mellem 0 kr. og "
                        f"{vocabulary.amount(MAX_AMOUNT)}.",
                        f"{en} of {vocabulary.amount(value, 'en')} must lie between DKK 0 and "
                        f"{vocabulary.amount(MAX_AMOUNT, 'en')}.",
                    )
                )
        if saving_achieved is not None and not isinstance(saving_achieved, bool):
            problems.append(
                _problem(
                    "saving_achieved",
                    "Om sparemålet er nået, skal være ja, nej eller ikke angivet.",
                    "Whether the saving target is met must be yes, no or not stated.",
                )
            )
        if problems:
            raise BudgetRefused(initiative, *what, problems)
        budget, keyed = rules_of(initiative)
        changes = [c for _, c in keyed]
        if not officer_smiley and not _budget_known(budget, changes):
            raise BudgetRefused(
                initiative,
                *what,
                [
                    _problem(
                        "budget",
                        "Der er ikke registreret et budget, så økonomien kan ikke vurderes. "
                        "Registrér budgettet, eller sæt smileyen med en begrundelse.",
                        "No budget is recorded, so the economy cannot be judged. Record the "
                        "budget, or set the smiley with a note.",
                    )
                ],
            )
        try:
            verdict = _judge(
                initiative,
                round_obj,
                budget,
                changes,
                spent=spent,
                expected=expected,
                saving_achieved=saving_achieved,
                officer_smiley=officer_smiley,
                officer_note=officer_note,
            )
        except rules.ProblemError as error:
            raise BudgetRefused(initiative, *what, [error.problem]) from error
        status = (
            EconomyStatus.objects.select_for_update(of=("self",))
            .filter(initiative=initiative, round=round_obj)
            .order_by()
            .first()
        ) or EconomyStatus(initiative=initiative, round=round_obj)
        status.smiley = verdict.smiley.value if verdict.smiley else ""
        status.reason = verdict.reason_da
        status.set_by_officer = verdict.set_by_officer
        status.spent, status.expected, status.saving_achieved = spent, expected, saving_achieved
        status.note = note.strip()
        status.text = _generated_text(budget, changes, round_obj, status.text, kind=initiative.kind)
        # The smiley is now judged here: the source's glyph and its doubt no longer apply.
        status.glyph, status.needs_review = "", False
        audited_save(status, actor, "Økonomi vurderet")
    return status


@change_set()
def economy_rejudge(*, actor: Actor, initiative: Initiative) -> int:
    """Judge again the economy smileys of the initiative's open rounds; return how many changed.

    Only statuses with figures and without an officer's smiley are judged again; frozen
    rounds never change.
    """
    with transaction.atomic():
        statuses = list(
            EconomyStatus.objects.select_for_update(of=("self",))
            .select_related("round")
            .filter(initiative=initiative, round__state=RoundState.OPEN, set_by_officer=False)
            .exclude(spent__isnull=True, expected__isnull=True)
        )
        if not statuses:
            return 0
        budget, keyed = rules_of(initiative)
        changes = [c for _, c in keyed]
        changed = 0
        for status in statuses:
            verdict = _judge(
                initiative,
                status.round,
                budget,
                changes,
                spent=status.spent,
                expected=status.expected,
                saving_achieved=status.saving_achieved,
            )
            smiley = verdict.smiley.value if verdict.smiley else ""
            text = _generated_text(budget, changes, status.round, status.text, kind=initiative.kind)
            if (status.smiley, status.reason, status.text) != (smiley, verdict.reason_da, text):
                status.smiley, status.reason, status.text = smiley, verdict.reason_da, text
                audited_save(status, actor, "Økonomi vurderet igen efter godkendt budgetændring")
                changed += 1
    return changed
