"""Atom feeds of published rounds (issue 14): per agreement and per committee.

A feed lists what citizens can read: each round published on its own, newest first, linking
to its report. Nothing unpublished is in a feed; an agreement with nothing published has none
(404, as its public pages).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from opfolgning.agreements import public_selectors as ps
from opfolgning.followup.vocabulary import long_date, round_title


@dataclass(frozen=True)
class _Scope:
    agreement: ps.PublicAgreement
    committee_slug: str = ""
    committee_name: str = ""


@dataclass(frozen=True)
class _Entry:
    title: str
    link: str
    published_at: dt.datetime | None
    summary: str


class AgreementFeed(Feed):
    """The published rounds of an agreement (the whole agreement's reports)."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, year: int, committee: str = "") -> _Scope:
        agreement = ps.public_agreement(year=year)
        if not committee:
            return _Scope(agreement)
        names = dict(agreement.committees())
        if committee not in names:
            raise Http404(f"no published report of the committee {committee!r}")
        return _Scope(agreement, committee, names[committee])

    def title(self, obj: _Scope) -> str:
        name = obj.agreement.name
        if obj.committee_name:
            return _("%(agreement)s: %(committee)s") % {
                "agreement": name,
                "committee": obj.committee_name,
            }
        return name

    def subtitle(self, obj: _Scope) -> str:
        return _("Offentliggjorte opfølgninger på budgetaftalen")

    def link(self, obj: _Scope) -> str:
        # The feed's id and alternate link: the public list, filtered to the committee's
        # initiatives for a committee's feed (so the two feeds have distinct ids).
        url = reverse("web:public-initiatives", args=[obj.agreement.year])
        return f"{url}?udvalg={obj.committee_slug}" if obj.committee_slug else url

    def items(self, obj: _Scope) -> list[_Entry]:
        entries = []
        year = obj.agreement.year
        for r in obj.agreement.rounds:
            if not r.published:
                continue
            if obj.committee_slug:
                link = reverse("web:report", args=[year, obj.committee_slug, r.number])
                title = round_title(r.number, obj.agreement.name, obj.committee_name)
            else:
                link = reverse("web:agreement-report", args=[year, r.number])
                title = round_title(r.number, obj.agreement.name, _("hele aftalen"))
            when = f" ({long_date(r.date)})" if r.date else ""
            summary = _("%(label)s%(when)s er offentliggjort, version %(version)s.") % {
                "label": r.label or title,
                "when": when,
                "version": r.version or 1,
            }
            entries.append(_Entry(title, link, r.published_at, summary))
        return list(reversed(entries))

    def item_title(self, item: _Entry) -> str:
        return item.title

    def item_link(self, item: _Entry) -> str:
        return item.link

    def item_description(self, item: _Entry) -> str:
        return item.summary

    def item_pubdate(self, item: _Entry) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: _Entry) -> dt.datetime | None:
        return item.published_at
