"""Public pages for citizens: published rounds only, read through public_selectors.

These views read nothing but `agreements.public_selectors` (the frozen reports of published
rounds), so an open round, a draft or a user's name cannot reach them. Everyone, signed in or
not, sees the same published data; only the links to the staff pages differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from opfolgning.accounts.permissions import can
from opfolgning.agreements import history
from opfolgning.agreements import public_selectors as ps
from opfolgning.agreements.selectors import NotFound
from opfolgning.exporters import chart
from opfolgning.exporters.economy import initiative_economy
from opfolgning.followup.document import InitiativeDoc
from opfolgning.followup.overview import Counts
from opfolgning.followup.vocabulary import kind_words

ECONOMY_FILTERS = ("happy", "sad", "none")


def _kind_words() -> dict[str, str]:
    return kind_words(get_language() or "da")


def _smiley_words() -> dict[str, str]:
    return {
        "happy": _("glad"),
        "neutral": _("mellemfornøjet"),
        "sad": _("sur"),
        "none": _("ingen smiley"),
    }


def _agreement(year: int) -> ps.PublicAgreement:
    return ps.public_agreement(year=year)


@dataclass(frozen=True)
class Choice:
    """One option of a filter's select list."""

    value: str
    label: str


@dataclass(frozen=True)
class FilterField:
    """A filter of the list: its query parameter, label, options and the value chosen."""

    name: str
    label: str
    choices: tuple[Choice, ...]
    value: str


def _filter_fields(agreement: ps.PublicAgreement, query: QueryDict) -> list[FilterField]:
    smileys = _smiley_words()
    kinds = _kind_words()
    options = {
        "udvalg": (
            _("Udvalg"),
            tuple(Choice(slug, name) for slug, name in agreement.committees()),
        ),
        "center": (_("Center"), tuple(Choice(c, c) for c in agreement.centers())),
        "tema": (
            _("Tema"),
            tuple(
                Choice(t.number, f"{t.number}. {t.title}" if t.title else t.number)
                for t in agreement.themes
            ),
        ),
        "smiley": (
            _("Smiley for indsats"),
            tuple(Choice(v, smileys[v]) for v in ps.SMILEY_FILTERS),
        ),
        "oekonomi": (
            _("Smiley for økonomi"),
            tuple(Choice(v, smileys[v]) for v in ECONOMY_FILTERS),
        ),
        "type": (_("Type"), tuple(Choice(v, kinds[v]) for v in ps.KINDS)),
    }
    return [
        FilterField(name, label, choices, query.get(name, "").strip())
        for name, (label, choices) in options.items()
    ]


def _known(field: FilterField) -> str:
    """Return the chosen value as its option spells it, or "" where it is not an option."""
    wanted = field.value.casefold()
    for choice in field.choices:
        if wanted in (choice.value.casefold(), choice.label.casefold()):
            return choice.value
    return ""


#: Initiatives per page of the list.
PAGE_SIZE = 100


@require_safe
def initiative_list(request: HttpRequest, year: int) -> HttpResponse:
    """List and search the published initiatives of an agreement."""
    agreement = _agreement(year)
    fields = _filter_fields(agreement, request.GET)
    chosen: dict[str, str] = {}
    ignored = []
    for field in fields:
        if not field.value:
            continue
        value = _known(field)
        if value:
            chosen[field.name] = value
        else:
            ignored.append(
                {
                    "label": field.label,
                    "value": field.value,
                    "options": ", ".join(c.label for c in field.choices),
                }
            )
    fields = [FilterField(f.name, f.label, f.choices, chosen.get(f.name, "")) for f in fields]
    q = request.GET.get("q", "").strip()[:200]
    criteria = ps.InitiativeFilter(
        committee=chosen.get("udvalg", ""),
        center=chosen.get("center", ""),
        theme=chosen.get("tema", ""),
        smiley=chosen.get("smiley", ""),
        economy=chosen.get("oekonomi", ""),
        kind=chosen.get("type", ""),
        q=q,
    )
    found = ps.initiatives_filtered(agreement, criteria)
    # A page of PAGE_SIZE rows: an agreement of 1,000 initiatives is not one page.
    paginator = Paginator(found, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("side"))
    wanted = {id(ini) for ini in page.object_list}
    groups = [
        (theme, [ini for ini in theme.initiatives if id(ini) in wanted])
        for theme in agreement.themes
    ]
    query = request.GET.copy()
    query.pop("side", None)
    context = {
        "agreement": agreement,
        "fields": fields,
        "q": q,
        "ignored": ignored,
        "filtered": not criteria.is_empty(),
        "groups": [(theme, rows) for theme, rows in groups if rows],
        "found": len(found),
        "page": page,
        "page_query": query.urlencode(),
        "total": len(agreement.initiatives()),
        "kinds": _kind_words(),
    }
    return render(request, "web/public/initiative_list.html", context)


@dataclass(frozen=True)
class BudgetRowView:
    """A row of the budget table with its amounts already formatted per year."""

    role: str
    label: str
    cells: tuple[str, ...]
    total: str


def _budget(agreement: ps.PublicAgreement, ini: ps.PublicInitiative) -> dict[str, Any] | None:
    if ini.budget is None:
        return None
    doc = InitiativeDoc(number=ini.number, title=ini.title, kind=ini.kind, budget=ini.budget)
    money = initiative_economy(doc, as_of=agreement.latest_round.date)
    if money is None:
        return None
    rows = []
    for row in money.rows:
        rows.append(
            BudgetRowView(row.role, row.label, tuple(row.cells(money.years)), row.total_text())
        )
    if not rows and not money.no_money and not money.pending:
        return None
    return {"money": money, "rows": rows}


@require_safe
def initiative_detail(request: HttpRequest, year: int, number: str) -> HttpResponse:
    """Show one initiative with its published timeline."""
    agreement = _agreement(year)
    try:
        ini = agreement.initiative(number)
    except NotFound:
        context = {"agreement": agreement, "number": number}
        return render(request, "web/public/initiative_missing.html", context, status=404)
    staff = False
    if request.user.is_authenticated:
        # Only the links to the staff pages depend on who asks; the data never does.
        try:
            staff = can(
                request.user,
                "agreements.view_timeline",
                history.initiative_get(year=year, number=ini.number),
            )
        except NotFound:
            staff = False
    context = {
        "agreement": agreement,
        "ini": ini,
        "here": f"{ini.number}. {ini.title}",
        "source": agreement.latest_round,
        "kind": _kind_words().get(ini.kind, ini.kind),
        "budget": _budget(agreement, ini),
        "staff": staff,
    }
    return render(request, "web/public/initiative_detail.html", context)


@dataclass(frozen=True)
class RoundTotal:
    """The effort smileys of all initiatives at a round, with links for the newest round."""

    round: ps.PublicRound
    name: str
    counts: Counts
    links: dict[str, str]


def _counts(row: ps.ThemeCounts) -> Counts:
    return Counts(happy=row.happy, neutral=row.neutral, sad=row.sad, none=row.none)


def _list_url(year: int, **params: str) -> str:
    base = reverse("web:public-initiatives", args=[year])
    return f"{base}?{urlencode(params)}" if params else base


@require_safe
def dashboard(request: HttpRequest, year: int) -> HttpResponse:
    """Show the agreement's progress over the published rounds: charts with their tables."""
    agreement = _agreement(year)
    newest = agreement.source_round
    by_round: dict[int, list[ps.ThemeCounts]] = {}
    for row in agreement.theme_counts():
        by_round.setdefault(row.round, []).append(row)
    keys = ("happy", "neutral", "sad", "none")
    totals: list[RoundTotal] = []
    for r in agreement.rounds:
        total = Counts()
        for row in by_round.get(r.number, []):
            for key in keys:
                setattr(total, key, getattr(total, key) + getattr(row, key))
        links = {k: _list_url(year, smiley=k) for k in keys} if r.number == newest else {}
        totals.append(RoundTotal(r, chart.round_label(r.number), total, links))
    rounds = []
    for r in agreement.rounds:
        rows = by_round.get(r.number, [])
        name = chart.round_label(r.number)
        title = _("Smileys for indsats pr. tema ved %(round)s") % {"round": name}
        rounds.append(
            {
                "round": r,
                "name": name,
                "title": title,
                # Sanitised by the chart module: drawing elements only, no scripts or links.
                "svg": mark_safe(
                    chart.counts_svg(
                        title,
                        [f"{_('Tema')} {row.theme_number}" for row in rows],
                        [_counts(row) for row in rows],
                    )
                ),
                "rows": [
                    {
                        "theme": row,
                        "counts": row,
                        "theme_url": _list_url(year, tema=row.theme_number),
                        "links": (
                            {k: _list_url(year, tema=row.theme_number, smiley=k) for k in keys}
                            if r.number == newest
                            else {}
                        ),
                    }
                    for row in rows
                ],
                "total": next(t.counts for t in totals if t.round.number == r.number),
            }
        )
    progress_title = _("Smileys for indsats pr. opfølgning")
    context = {
        "agreement": agreement,
        "progress_title": progress_title,
        "progress_svg": mark_safe(
            chart.counts_svg(progress_title, [t.name for t in totals], [t.counts for t in totals])
        ),
        "totals": totals,
        "rounds": list(reversed(rounds)),
        "newest": newest,
        "list_url": _list_url(year),
    }
    return render(request, "web/public/dashboard.html", context)
