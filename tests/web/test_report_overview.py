"""The overview at the top of the report page and the HTML export: charts and tables agree."""

from __future__ import annotations

import re

import pytest

from opfolgning.agreements.services import report_import
from opfolgning.exporters.html import render_report_html
from opfolgning.followup.overview import overview
from opfolgning.followup.smileys import Smiley
from opfolgning.importers import parse_path
from tests import factories

pytestmark = pytest.mark.django_db


REPORT_URL = "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/"


def _table(html: str, table_id: str) -> list[list[str]]:
    """Return the body and footer rows of a counts table as lists of cell texts."""
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)
        ]
        for r in rows
    ]


def test_report_page_starts_with_an_overview_chart_and_table(officer_client):
    doc = factories.report(initiatives=3)
    doc.themes[0].initiatives[0].milestones[2].smiley = Smiley.NEUTRAL
    report_import(actor=None, document=doc)
    html = officer_client.get(REPORT_URL).content.decode()
    assert html.index("Overblik") < html.index("Regeltjek") < html.index('class="initiative"')
    assert html.count('class="chart-svg" role="img"') == 2
    rows = _table(html, "overview-themes")
    counts = overview(doc)
    for row, theme in zip(rows, counts.themes, strict=False):
        effort = theme.effort
        assert row[1:5] == [
            str(effort.happy),
            str(effort.neutral),
            str(effort.sad),
            str(effort.none),
        ]
    assert rows[-1][0] == "I alt"
    total = counts.total
    assert rows[-1][1:5] == [str(total.happy), str(total.neutral), str(total.sad), str(total.none)]


def test_seed_overview_table_has_the_same_numbers_as_overview(seed_path, settings):
    doc = parse_path(seed_path)
    html = render_report_html(doc)
    counts = overview(doc)
    rows = _table(html, "overview-themes")
    assert len(rows) == len(counts.themes) + 1
    for row, theme in zip(rows, counts.themes, strict=False):
        # A theme without a title reads "Tema 2" (issue 14).
        assert row[0].startswith((f"{theme.number}.", f"Tema {theme.number}"))
        assert [int(n) for n in row[1:]] == [
            theme.effort.happy,
            theme.effort.neutral,
            theme.effort.sad,
            theme.effort.none,
            theme.economy.happy,
            theme.economy.sad,
            theme.economy.none,
        ]
    by_round = _table(html, "overview-rounds")
    assert [[int(n) for n in row[1:]] for row in by_round] == [
        [c.happy, c.neutral, c.sad, c.none, c.total] for _r, c in sorted(counts.rounds.items())
    ]


def test_html_export_overview_is_self_contained(seed_path):
    html = render_report_html(parse_path(seed_path))
    assert "<script" not in html
    assert set(re.findall(r"https?://[^\s\"'<)]+", html.split("<main", 1)[1])) <= {
        "http://www.w3.org/2000/svg"
    }
