"""Reads for setting up a year (issue 15): an agreement's set-up page and the organisation's
names to choose from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from .models import Agreement, Center, Committee, Initiative, Round, Theme
from .selectors import agreement_get

__all__ = [
    "AgreementSetup",
    "CarryOverChoice",
    "OrganisationNames",
    "agreement_setup",
    "carry_over_choice",
    "organisation_names",
]


@dataclass(frozen=True)
class OrganisationNames:
    """The centers and committees to choose from, by name."""

    centers: list[str]
    committees: list[str]


def organisation_names() -> OrganisationNames:
    """Return the names of every center and committee, sorted."""
    return OrganisationNames(
        centers=list(Center.objects.order_by("name").values_list("name", flat=True)),
        committees=list(Committee.objects.order_by("name").values_list("name", flat=True)),
    )


@dataclass(frozen=True)
class AgreementSetup:
    """What the set-up page shows: the agreement, its themes (with counts), its rounds in
    order, and its initiatives."""

    agreement: Agreement
    themes: list[Any]  # Theme rows annotated with initiative_count
    rounds: list[Round]
    initiatives: list[Initiative]


def agreement_setup(*, year: int) -> AgreementSetup:
    """Return the set-up page of an agreement, in four queries."""
    agreement = agreement_get(year=year)
    themes = list(
        Theme.objects.filter(agreement=agreement)
        .annotate(initiative_count=Count("initiatives"))
        .order_by("position", "number")
    )
    rounds = list(Round.objects.filter(agreement=agreement).order_by("number"))
    initiatives = list(
        Initiative.objects.filter(agreement=agreement)
        .select_related("theme", "center", "committee")
        .order_by("sort_key")
    )
    return AgreementSetup(agreement, themes, rounds, initiatives)


@dataclass(frozen=True)
class CarryOverChoice:
    """What the carry-over page offers: the earlier agreements, the chosen one, and its
    initiatives not yet carried over into this agreement."""

    agreement: Agreement
    sources: list[Agreement]
    source: Agreement | None
    candidates: list[Initiative]
    already: int  # how many of the source's initiatives this agreement has carried over


def carry_over_choice(*, year: int, source_year: int | None = None) -> CarryOverChoice:
    """Return the carry-over page of an agreement: by default from the newest earlier one."""
    agreement = agreement_get(year=year)
    sources = list(Agreement.objects.filter(year__lt=year).order_by("-year"))
    source = next((a for a in sources if a.year == source_year), None)
    if source is None and source_year is None and sources:
        source = sources[0]
    candidates: list[Initiative] = []
    already = 0
    if source is not None:
        carried = set(
            Initiative.objects.filter(
                agreement=agreement, carried_from__agreement=source
            ).values_list("carried_from_id", flat=True)
        )
        every = list(
            Initiative.objects.filter(agreement=source)
            .select_related("theme", "center", "committee")
            .order_by("sort_key")
        )
        candidates = [i for i in every if i.pk not in carried]
        already = len(carried)
    return CarryOverChoice(agreement, sources, source, candidates, already)
