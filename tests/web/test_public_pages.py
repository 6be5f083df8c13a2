"""The public pages: published rounds only, for everyone, with search, filters and a dashboard."""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opfolgning.accounts.models import Role
from opfolgning.agreements import public_selectors as ps
from opfolgning.agreements.models import Center, Milestone, Round, Submission
from opfolgning.agreements.services import report_import
from opfolgning.agreements.workflow_services import round_open, round_publish, status_save
from opfolgning.followup.document import (
    AgreementRef,
    Contact,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from opfolgning.followup.smileys import Smiley
from opfolgning.importers.text import parse_text
from opfolgning.web import public_views
from tests import factories
from tests.personas import make_user

pytestmark = pytest.mark.django_db

LIST = "/aftaler/2019/indsatser/"
DASHBOARD = "/aftaler/2019/overblik/"
OPEN_ROUND_TEXT = "HEMMELIG-KLADDE-4471"
# People who act in the workflow: none of their names may reach a public page.
STAFF = [
    ("zqokonomi", Role.FINANCE_OFFICER, "Zephyrine", "Quorkvist"),
    ("zqcenter", Role.DEPARTMENT_EDITOR, "Balthazar", "Wigglesworth"),
]
CONTACT = ("Kathrine Dahl Marcussen", "okonomi@balk.dk", "2498 1032")
_INITIATIVE_LINK = re.compile(r'href="/aftaler/(\d+)/indsatser/([^/"?]+)/"')


def _numbers(page: str, year: int = 2019) -> list[str]:
    """Return the initiative numbers a list page links to, in page order."""
    return [n for y, n in _INITIATIVE_LINK.findall(page) if int(y) == year]


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def seed(seed_path):
    """The seed (round 3) imported and published; round 4 open with statuses by named staff."""
    doc = parse_text(seed_path.read_bytes(), source=seed_path.name)
    (u1, r1, f1, l1), (u2, r2, f2, l2) = STAFF
    officer = make_user(u1, r1, first_name=f1, last_name=l1)
    report_import(actor=officer, document=doc, source_name=seed_path.name)
    center = Center.objects.get(name="Ejendomme")
    editor = make_user(u2, r2, centers=(center,), first_name=f2, last_name=l2)
    round_publish(actor=officer, round_obj=Round.objects.get(agreement__year=2019, number=3))
    round_open(actor=officer, round_obj=Round.objects.get(agreement__year=2019, number=4))
    for index, submission in enumerate(
        Submission.objects.filter(round__agreement__year=2019, round__number=4).select_related(
            "initiative", "round"
        )
    ):
        version = (
            Milestone.objects.filter(initiative=submission.initiative, round=submission.round)
            .values_list("version", flat=True)
            .first()
        )
        status_save(
            actor=editor,
            submission=submission,
            base_version=version or 0,
            text=f"{OPEN_ROUND_TEXT} milepæl {index}",
            status_note=f"{OPEN_ROUND_TEXT} status {index}",
            smiley="sad",
            corrective_action=f"{OPEN_ROUND_TEXT} handling",
        )
    assert Milestone.objects.filter(status_note__startswith=OPEN_ROUND_TEXT).count() == 27
    return doc


def _at_round_3(doc: ReportDocument, ini: InitiativeDoc) -> Smiley | None:
    return next(m.smiley for m in ini.milestones if m.round == 3)


def _every_public_url(client: Any) -> list[str]:
    agreement = ps.public_agreement(year=2019)
    urls = ["/", "/aftaler/2019/", LIST, DASHBOARD, f"{LIST}?q=skole"]
    for name, values in {
        "udvalg": [slug for slug, _name in agreement.committees()],
        "center": agreement.centers(),
        "tema": [t.number for t in agreement.themes],
        "smiley": list(ps.SMILEY_FILTERS),
        "oekonomi": ["happy", "sad", "none"],
        "type": list(ps.KINDS),
    }.items():
        urls += [f"{LIST}?{urlencode({name: v})}" for v in values]
    urls += [f"{LIST}{ini.number}/" for ini in agreement.initiatives()]
    return urls


def test_no_public_page_shows_the_open_round_or_a_persons_name(seed, client):
    names = [part for _u, _r, first, last in STAFF for part in (first, last)]
    names += [u for u, *_rest in STAFF] + [f"{u}@kommune.example" for u, *_rest in STAFF]
    urls = _every_public_url(client)
    assert len(urls) > 27 + 20
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = _text(response)
        assert OPEN_ROUND_TEXT not in page, url
        for secret in (*names, *CONTACT):
            assert secret not in page, (url, secret)
    # The open round's sad smileys are counted nowhere: the dashboard stops at round 3.
    dashboard = _text(client.get(DASHBOARD))
    assert "Pr. 31.12." not in dashboard
    assert "3. opfølgning" in dashboard


def test_an_agreement_with_nothing_published_is_404_on_every_public_page(seed, client):
    report_import(actor=None, document=factories.report(year=2021), source_name="r.txt")
    for url in (
        "/aftaler/2021/indsatser/",
        "/aftaler/2021/indsatser/1.1/",
        "/aftaler/2021/overblik/",
    ):
        assert client.get(url).status_code == 404, url
    # The agreement page stays, without links to public pages that do not exist.
    page = _text(client.get("/aftaler/2021/"))
    assert "/aftaler/2021/indsatser/" not in page
    assert "/aftaler/2021/overblik/" not in page
    home = _text(client.get("/"))
    assert "/aftaler/2019/indsatser/" in home and "/aftaler/2021/indsatser/" not in home


def test_list_shows_every_published_initiative_by_theme_with_the_newest_smileys(seed, client):
    page = _text(client.get(LIST))
    assert _numbers(page) == [ini.number for ini in seed.initiatives()]
    assert "27 af 27 indsatser" in page
    for theme in seed.themes:
        assert f'id="theme-{theme.number}"' in page
    assert 'class="smiley smiley-happy"' in page and "mellemfornøjet" in page


@pytest.mark.parametrize(
    ("param", "value", "keep"),
    [
        ("tema", "3", lambda ini, doc: ini.number.startswith("3.")),
        ("center", "Ejendomme", lambda ini, doc: ini.center == "Ejendomme"),
        ("center", "ejendomme", lambda ini, doc: ini.center == "Ejendomme"),
        ("type", "capital", lambda ini, doc: ini.kind == "capital"),
        ("type", "operating", lambda ini, doc: ini.kind == "operating"),
        ("smiley", "neutral", lambda ini, doc: _at_round_3(doc, ini) is Smiley.NEUTRAL),
        ("smiley", "happy", lambda ini, doc: _at_round_3(doc, ini) is Smiley.HAPPY),
        ("smiley", "none", lambda ini, doc: _at_round_3(doc, ini) is None),
        ("oekonomi", "sad", lambda ini, doc: ini.economy.smiley is Smiley.SAD),
        ("oekonomi", "none", lambda ini, doc: ini.economy.smiley is None),
        ("udvalg", "oekonomiudvalget", lambda ini, doc: True),
    ],
)
def test_each_filter_narrows_the_list(seed, client, param, value, keep):
    expected = [ini.number for ini in seed.initiatives() if keep(ini, seed)]
    assert 0 < len(expected) <= 27
    page = _text(client.get(LIST, {param: value}))
    assert _numbers(page) == expected
    assert f"{len(expected)} af 27 indsatser" in page


def test_filters_combine(seed, client):
    expected = [
        ini.number
        for ini in seed.initiatives()
        if ini.center == "Ejendomme" and ini.kind == "capital" and ini.number.startswith("3.")
    ]
    page = _text(client.get(LIST, {"center": "Ejendomme", "type": "capital", "tema": "3"}))
    assert _numbers(page) == expected == ["3.17", "3.18", "3.21"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Toftehaven", ["1.11"]),
        ("toftehaven plejecenter", ["1.11"]),
        ("3.17", ["3.17"]),
        ("Legeplads Skovlunde", ["3.17"]),
    ],
)
def test_search_finds_by_title_words_and_number(seed, client, q, expected):
    page = _text(client.get(LIST, {"q": q}))
    assert _numbers(page) == expected
    assert f'value="{q}"' in page  # the search stays in the box


def test_an_empty_result_says_what_to_do(seed, client):
    page = _text(client.get(LIST, {"q": "ingen-indsats-hedder-sådan"}))
    assert _numbers(page) == []
    assert "0 af 27 indsatser" in page
    assert "Ingen indsatser passer til søgningen" in page


def test_a_long_list_comes_in_pages_that_keep_the_filters(seed, client, monkeypatch):
    monkeypatch.setattr(public_views, "PAGE_SIZE", 10)
    first = _text(client.get(LIST, {"type": "operating"}))
    operating = int(re.search(r"(\d+) af 27 indsatser", first).group(1))
    assert operating > 10
    assert len(_numbers(first)) == 10
    assert "viser 1–10" in first
    assert 'href="?type=operating&side=2"' in first

    pages = -(-operating // 10)
    seen = []
    for number in range(1, pages + 1):
        seen += _numbers(_text(client.get(LIST, {"type": "operating", "side": str(number)})))
    assert len(seen) == len(set(seen)) == operating
    # A page past the end or not a number shows the nearest page, never an error.
    assert _numbers(_text(client.get(LIST, {"type": "operating", "side": "99"})))[-1] == seen[-1]
    assert _numbers(_text(client.get(LIST, {"type": "operating", "side": "x"})))[0] == seen[0]


def test_a_short_list_has_no_page_links(seed, client):
    page = _text(client.get(LIST))
    assert "side=" not in page
    assert len(_numbers(page)) == 27


@pytest.mark.parametrize(
    ("param", "value"),
    [("smiley", "x"), ("oekonomi", "neutral"), ("type", "bolig"), ("tema", "99"), ("udvalg", "?")],
)
def test_an_unknown_filter_value_is_ignored_with_a_note(seed, client, param, value):
    response = client.get(LIST, {param: value})
    assert response.status_code == 200
    page = _text(response)
    assert "Et filter kunne ikke bruges" in page
    assert f"»{value}« findes ikke" in page
    assert len(_numbers(page)) == 27


def test_initiative_page_shows_the_published_timeline_plan_budget_and_source(seed, client):
    page = _text(client.get(f"{LIST}1.11/"))
    assert "<h1>1.11. Plejecenter Toftehaven</h1>" in page
    ini = next(i for i in seed.initiatives() if i.number == "1.11")
    for value in (ini.center, ini.committee, "Anlæg", ini.description.split("\n")[0][:40]):
        assert value in page
    timeline = page.split('class="table table--compact public-timeline"')[1].split("</table>")[0]
    assert timeline.count("<tr") == 4  # head + rounds 1, 2 and 3
    # Rounds 1 and 2 were never published on their own: the round 3 report is their source.
    assert timeline.count("fra rapporten for 3. opfølgning") == 2
    assert timeline.count("smiley-neutral") == 2 and timeline.count("smiley-happy") == 1
    assert "smiley-sad" in timeline  # the economy smiley of round 3
    planned = next(m for m in ini.milestones if m.round == 4)
    assert "Planlagte milepæle" in page and planned.text[:30] in page
    assert "budget-table" in page and "Vedtaget budget" in page
    assert 'href="/aftaler/2019/opfolgning/3/"' in page and "version 1" in page


def test_staff_pages_are_linked_for_signed_in_staff_only(seed, client):
    url = f"{LIST}1.11/"
    assert "/historik/" not in _text(client.get(url))
    client.force_login(make_user("zqlaeser", Role.FINANCE_OFFICER))
    page = _text(client.get(url))
    assert 'href="/aftaler/2019/indsatser/1.11/historik/"' in page
    assert 'href="/aftaler/2019/indsatser/1.11/oekonomi/"' in page
    assert OPEN_ROUND_TEXT not in page  # signed-in users see the same published data


def test_an_unknown_initiative_is_404_with_a_way_back(seed, client):
    response = client.get(f"{LIST}99.99/")
    assert response.status_code == 404
    page = _text(response)
    assert "Der er ingen offentliggjort indsats med nummeret »99.99«" in page
    assert f'href="{LIST}"' in page


def test_dashboard_tables_carry_the_chart_numbers_and_link_into_the_list(seed, client):
    raw = client.get(DASHBOARD).content.decode()
    # Inline SVG (not escaped text): the progress over rounds and one chart per round.
    assert len(re.findall(r'<svg [^>]*class="chart-svg"', raw)) == 4
    page = html.unescape(raw)
    assert "<script" not in page.split("<main")[1]
    counts = ps.public_agreement(year=2019).theme_counts()
    table = page.split('id="round-3-table"')[1].split("</table>")[0]
    for row in (c for c in counts if c.round == 3):
        cells = re.search(rf"Tema {row.theme_number}\b.*?</th>(.*?)</tr>", table, re.S)
        assert cells is not None, row.theme_number
        numbers = [int(n) for n in re.findall(r">(\d+)<", cells.group(1))]
        assert numbers == [row.happy, row.neutral, row.sad, row.none, row.total]
    # Each linked count of the newest round leads to a list with exactly that many initiatives.
    links = re.findall(
        r'<a href="(/aftaler/2019/indsatser/\?tema=[^"]+&smiley=\w+)">(\d+)</a>', table
    )
    assert links
    for href, n in links:
        assert f"{n} af 27 indsatser" in _text(client.get(href)), href
    totals = Counter()
    for row in (c for c in counts if c.round == 3):
        totals.update(happy=row.happy, neutral=row.neutral, sad=row.sad, none=row.none)
    progress = page.split('id="progress-table"')[1].split("</table>")[0]
    last = progress.split("<tr>")[-1]
    numbers = [int(n) for n in re.findall(r">(\d+)<", last)]
    assert numbers == [totals["happy"], totals["neutral"], totals["sad"], totals["none"], 27]


def test_agreement_page_shows_the_published_themes_to_everyone(seed, client):
    page = _text(client.get("/aftaler/2019/"))
    assert 'href="/aftaler/2019/indsatser/"' in page and 'href="/aftaler/2019/overblik/"' in page
    for theme in seed.themes:
        assert f'href="/aftaler/2019/indsatser/?tema={theme.number}"' in page
    assert "En stærk uddannelsesby" in page


def test_public_pages_work_in_english(seed, client):
    client.post("/i18n/setlang/", {"language": "en", "next": LIST})
    for url in (LIST, f"{LIST}1.11/", DASHBOARD):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.content.decode(), url


def _generated(n: int, year: int) -> ReportDocument:
    """Return a round 2 report of n initiatives over two themes, centers and committees."""
    themes = [ThemeDoc("1", "Tema et"), ThemeDoc("2", "Tema to")]
    for i in range(1, n + 1):
        themes[i % 2].initiatives.append(
            InitiativeDoc(
                number=f"{themes[i % 2].number}.{i}",
                title=f"Indsats nummer {i}",
                kind="capital" if i % 2 else "operating",
                center="Ejendomme" if i % 3 else "Skole og Dagtilbud",
                committee="Økonomiudvalget" if i % 2 else "Børne- og Skoleudvalget",
                milestones=[
                    MilestoneDoc(
                        round=r,
                        text=f"Milepæl {r}",
                        status_note=f"Status {r}" if r <= 2 else "",
                        smiley=(Smiley.HAPPY if i % 2 else Smiley.SAD) if r <= 2 else None,
                        corrective_action="Ny plan" if r <= 2 and not i % 2 else "",
                    )
                    for r in (1, 2, 3, 4)
                ],
            )
        )
    return ReportDocument(
        title=f"Anden opfølgning på Aftale om budget {year}",
        agreement=AgreementRef(name=f"Aftale om budget {year}", year=year),
        committee="Økonomiudvalget",
        round=2,
        contact=Contact("Zephyrine Quorkvist", "zq@kommune.example", "1234 5678"),
        themes=themes,
    )


def _publish_generated(n: int, year: int) -> None:
    report_import(actor=None, document=_generated(n, year), source_name=f"{year}.txt")
    round_publish(actor=None, round_obj=Round.objects.get(agreement__year=year, number=2))


def test_committee_filter_narrows_by_slug_and_name(db, client):
    _publish_generated(6, 2031)
    by_slug = _numbers(
        _text(client.get("/aftaler/2031/indsatser/", {"udvalg": "oekonomiudvalget"})), 2031
    )
    by_name = _numbers(
        _text(client.get("/aftaler/2031/indsatser/", {"udvalg": "Børne- og Skoleudvalget"})), 2031
    )
    assert sorted(by_slug) == ["2.1", "2.3", "2.5"]
    assert sorted(by_name) == ["1.2", "1.4", "1.6"]
    page = _text(client.get("/aftaler/2031/indsatser/1.2/"))
    assert "Zephyrine" not in page and "zq@kommune.example" not in page


def _queries(client: Any, url: str) -> int:
    ps._build.cache_clear()  # a cold start: the snapshot documents are read again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


PAGES = ["indsatser/", "indsatser/1.2/", "overblik/", "indsatser/?q=nummer&type=capital"]


@pytest.mark.parametrize("page", PAGES)
def test_a_public_page_costs_the_same_queries_for_3_and_30_initiatives(db, client, page):
    _publish_generated(3, 2032)
    _publish_generated(30, 2033)
    few = _queries(client, f"/aftaler/2032/{page}")
    many = _queries(client, f"/aftaler/2033/{page}")
    assert few == many, (few, many)
    # The snapshot list, the committee slugs and the one published snapshot's document.
    assert many <= 3, many
