"""Setting up a year in the app (issue 15): a new agreement with its themes and four rounds,
its initiatives one by one, and initiatives carried over from an earlier agreement.

Every write is all-or-nothing and refuses what would break the agreement's invariants with a
Danish message that says what to do: a year that exists, two themes or initiatives with one
number, a carry-over onto a number already taken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from opfolgning.followup.vocabulary import round_label

from .audit import Actor, audited_save, change_set
from .models import Agreement, Center, Committee, Initiative, Kind, Milestone, Round, RoundState
from .models import Theme as ThemeModel

__all__ = [
    "CarryOver",
    "InitiativeFields",
    "SetupError",
    "ThemeFields",
    "agreement_create",
    "carry_over_reason",
    "initiative_create",
    "initiatives_carry_over",
]

_NUMBER_RE = re.compile(r"^[0-9]+(\.[0-9]+){0,2}$")
_THEME_NUMBER_RE = re.compile(r"^[0-9]+$")


class SetupError(ValueError):
    """What cannot be set up, in Danish, with what to do instead; nothing was stored.

    `field` names the form field the error belongs on ("" for the whole form)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ThemeFields:
    """A theme as typed: its number ("2") and title."""

    number: str
    title: str = ""


@dataclass
class InitiativeFields:
    """An initiative as the finance office types it in."""

    number: str
    title: str
    kind: str
    theme: str = ""  # the theme's number; empty: the number's first part ("2" of "2.3")
    description: str = ""
    center: str = ""
    committee: str = ""
    contributors: str = ""
    involved_committees: str = ""
    milestones: Sequence[str] = field(default_factory=lambda: ("", "", "", ""))


def _clean_themes(themes: Iterable[ThemeFields]) -> list[ThemeFields]:
    seen: dict[str, int] = {}
    result = []
    for position, theme in enumerate(themes, start=1):
        number = theme.number.strip().rstrip(".")
        title = theme.title.strip()
        if not number and not title:
            continue
        if not _THEME_NUMBER_RE.match(number):
            raise SetupError(
                f"Tema {position}: nummeret {theme.number!r} er ikke et tal. Skriv temaets "
                "nummer som 1, 2, 3 …",
                "themes",
            )
        if number in seen:
            raise SetupError(
                f"Tema {number} står to gange (linje {seen[number]} og {position}). Giv hvert "
                "tema sit eget nummer.",
                "themes",
            )
        seen[number] = position
        result.append(ThemeFields(number, title))
    return result


@change_set()
def agreement_create(
    *,
    actor: Actor,
    name: str,
    year: int,
    first_year: int | None = None,
    last_year: int | None = None,
    themes: Iterable[ThemeFields] = (),
    deadlines: Sequence[dt.date | None] = (),
) -> Agreement:
    """Create an agreement with its themes and its four rounds (planned, labelled as the
    reports label them); refuse a year that exists."""
    name = name.strip() or f"Aftale om budget {year}"
    first = first_year if first_year is not None else year
    last = last_year if last_year is not None else first + 3
    if not first <= year <= last:
        raise SetupError(
            f"Budgetperioden {first}–{last} skal rumme budgetåret {year}. Ret periodens første "
            "eller sidste år.",
            "first_year",
        )
    cleaned = _clean_themes(themes)
    with transaction.atomic():
        existing = Agreement.objects.filter(year=year).first()
        if existing is not None:
            raise SetupError(
                f"Der findes allerede en aftale for budget {year}: {existing.name}. Vælg et "
                "andet år, eller tilføj indsatserne til den aftale.",
                "year",
            )
        agreement = Agreement(name=name, year=year, first_year=first, last_year=last)
        audited_save(agreement, actor, "Aftalen er oprettet")
        for position, theme in enumerate(cleaned, start=1):
            audited_save(
                ThemeModel(
                    agreement=agreement, number=theme.number, title=theme.title, position=position
                ),
                actor,
                "Temaet er oprettet",
            )
        for number in (1, 2, 3, 4):
            deadline = deadlines[number - 1] if len(deadlines) >= number else None
            audited_save(
                Round(
                    agreement=agreement,
                    number=number,
                    label=round_label(number, year),
                    deadline=deadline,
                    state=RoundState.PLANNED,
                ),
                actor,
                "Opfølgningen er oprettet",
            )
    return agreement


def _named(model: type[Center] | type[Committee], name: str) -> Any:
    """Return the center or committee called `name` (any case), None for "", or refuse."""
    name = name.strip()
    if not name:
        return None
    found = model.objects.filter(name__iexact=name).first()
    if found is None:
        what = "center" if model is Center else "udvalg"
        raise SetupError(
            f"Der er intet {what} ved navn {name!r}. Vælg et {what} fra listen, eller opret "
            "det under Organisation først.",
            "center" if model is Center else "committee",
        )
    return found


@change_set()
def initiative_create(
    *, actor: Actor, agreement: Agreement, fields: InitiativeFields
) -> Initiative:
    """Add one initiative to an agreement, with its four planned milestones; refuse a number
    that the agreement has already, or a theme it does not have."""
    number = fields.number.strip().rstrip(".")
    if not _NUMBER_RE.match(number):
        raise SetupError(
            f"Indsatsens nummer {fields.number!r} skal være tema og løbenummer, fx 2.3 "
            "(eller 2.3.1).",
            "number",
        )
    title = fields.title.strip()
    if not title:
        raise SetupError(f"Indsats {number} mangler en titel.", "title")
    if fields.kind not in Kind.values:
        raise SetupError(f"Indsats {number}: vælg anlæg eller drift.", "kind")
    theme_number = fields.theme.strip().rstrip(".") or number.split(".")[0]
    with transaction.atomic():
        theme = ThemeModel.objects.filter(agreement=agreement, number=theme_number).first()
        if theme is None:
            known = ", ".join(
                ThemeModel.objects.filter(agreement=agreement).values_list("number", flat=True)
            )
            raise SetupError(
                f"Indsats {number}: {agreement} har intet tema {theme_number} (temaer: "
                f"{known or 'ingen'}). Opret temaet først, eller ret nummeret.",
                "number",
            )
        if Initiative.objects.filter(agreement=agreement, number=number).exists():
            raise SetupError(
                f"{agreement} har allerede en indsats {number}. Giv den nye indsats et andet "
                "nummer.",
                "number",
            )
        initiative = Initiative(
            agreement=agreement,
            theme=theme,
            number=number,
            title=title,
            kind=fields.kind,
            description=fields.description.strip(),
            center=_named(Center, fields.center),
            committee=_named(Committee, fields.committee),
            contributors=fields.contributors.strip(),
            involved_committees=fields.involved_committees.strip(),
        )
        audited_save(initiative, actor, "Indsatsen er oprettet")
        rounds = {r.number: r for r in Round.objects.filter(agreement=agreement)}
        for number_of_round, text in zip((1, 2, 3, 4), fields.milestones, strict=False):
            round_obj = rounds.get(number_of_round)
            if round_obj is None or not text.strip():
                continue
            audited_save(
                Milestone(initiative=initiative, round=round_obj, text=text.strip()),
                actor,
                "Milepælen er planlagt",
            )
    return initiative


def carry_over_reason(source: Initiative, number: str) -> str:
    """Return the history's words for a carry-over: "Videreført fra Aftale om budget 2025,
    1.11 (nyt nummer 2.4)"."""
    renumbered = "" if number == source.number else f" (nyt nummer {number})"
    return f"Videreført fra {source.agreement.name}, {source.number}{renumbered}"


@dataclass(frozen=True)
class CarryOver:
    """One initiative to carry over: the earlier initiative and its number in the new
    agreement ("" keeps its number)."""

    source: Initiative
    number: str = ""


@change_set()
def initiatives_carry_over(
    *, actor: Actor, agreement: Agreement, items: Sequence[CarryOver]
) -> list[Initiative]:
    """Carry initiatives of an earlier agreement over into `agreement`, all or none.

    Each keeps its identity (`carried_from`), title, kind, description, responsibility and
    notes; its theme is the new agreement's theme of the same number (made, with the earlier
    theme's title, when missing). A new number is allowed and recorded in the history. Two
    items onto one number, a number the agreement has, or an initiative of the agreement
    itself are refused, and nothing is stored.
    """
    if not items:
        raise SetupError("Vælg mindst én indsats at videreføre.")
    wanted: dict[str, CarryOver] = {}
    for item in items:
        source = item.source
        if source.agreement_id == agreement.pk:
            raise SetupError(f"{source.number} hører allerede til {agreement}.")
        number = (item.number.strip().rstrip(".") or source.number).strip()
        if not _NUMBER_RE.match(number):
            raise SetupError(
                f"{source.number}: det nye nummer {item.number!r} skal være tema og løbenummer, "
                "fx 2.3.",
                "number",
            )
        if number in wanted:
            other = wanted[number].source
            raise SetupError(
                f"{other.number} og {source.number} kan ikke begge få nummer {number} i "
                f"{agreement}. Giv den ene et andet nummer."
            )
        wanted[number] = item
    with transaction.atomic():
        taken = set(
            Initiative.objects.filter(agreement=agreement, number__in=list(wanted)).values_list(
                "number", flat=True
            )
        )
        if taken:
            numbers = ", ".join(sorted(taken))
            raise SetupError(
                f"{agreement} har allerede indsats {numbers}. Giv de videreførte indsatser "
                "andre numre, eller fjern dem fra listen."
            )
        themes = {t.number: t for t in ThemeModel.objects.filter(agreement=agreement)}
        made = []
        for number, item in wanted.items():
            source = item.source
            theme_number = number.split(".")[0]
            theme = themes.get(theme_number)
            if theme is None:
                theme = ThemeModel(
                    agreement=agreement,
                    number=theme_number,
                    title=source.theme.title if source.theme.number == theme_number else "",
                    position=len(themes) + 1,
                )
                audited_save(theme, actor, "Temaet er oprettet ved videreførelse")
                themes[theme_number] = theme
            initiative = Initiative(
                agreement=agreement,
                theme=theme,
                number=number,
                title=source.title,
                kind=source.kind,
                description=source.description,
                center_id=source.center_id,
                committee_id=source.committee_id,
                contributors=source.contributors,
                involved_committees=source.involved_committees,
                notes=source.notes,
                carried_from=source,
            )
            audited_save(
                initiative,
                actor,
                carry_over_reason(source, number),
            )
            made.append(initiative)
    return made
