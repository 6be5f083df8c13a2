"""The overview charts: safe to inline, accessible, and the same numbers as overview()."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from opfolgning.exporters.chart import (
    SERIES,
    SVG_NS,
    overview_svg,
    rounds_svg,
    sanitise_svg,
)
from opfolgning.followup.overview import Counts, overview
from opfolgning.importers import parse_path
from tests import factories

NS = {"svg": SVG_NS}


@pytest.fixture
def seed_overview(seed_path):
    return overview(parse_path(seed_path))


def _bar_values(svg: str) -> list[list[int]]:
    """Return the printed value of every bar, per series, in x order."""
    root = ET.fromstring(svg)
    overlay = next(
        g for g in root.iter(f"{{{SVG_NS}}}g") if "text-overlay" in (g.get("class") or "")
    )
    series = [g for g in overlay if "series" in (g.get("class") or "")]
    return [[int(t.text or "0") for t in g.iter(f"{{{SVG_NS}}}text")] for g in series]


def _expected(counts: list[Counts]) -> list[list[int]]:
    return [[getattr(c, key) for c in counts] for key, _colour, _hatch in SERIES]


def _assert_safe(svg: str) -> None:
    assert "<script" not in svg.lower()
    assert not re.search(r"\son\w+\s*=", svg)
    assert set(re.findall(r"https?://[^\s\"')<]+", svg)) == {SVG_NS}
    assert "href" not in svg
    assert "<!--" not in svg


def test_theme_chart_numbers_equal_the_overview(seed_overview):
    svg = overview_svg(seed_overview)
    assert _bar_values(svg) == _expected([t.effort for t in seed_overview.themes])


def test_round_chart_numbers_equal_the_overview(seed_overview):
    svg = rounds_svg(seed_overview)
    rounds = sorted(seed_overview.rounds)
    assert rounds == [1, 2, 3]
    assert _bar_values(svg) == _expected([seed_overview.rounds[r] for r in rounds])


def test_charts_have_no_script_no_links_and_no_remote_urls(seed_overview):
    for svg in (overview_svg(seed_overview), rounds_svg(seed_overview)):
        _assert_safe(svg)


def test_chart_is_an_image_with_an_accessible_name_listing_the_numbers(seed_overview):
    root = ET.fromstring(overview_svg(seed_overview))
    assert root.get("role") == "img"
    label = root.get("aria-label") or ""
    first = seed_overview.themes[0]
    assert f"Tema {first.number}: {first.effort.happy} glad" in label
    title = root.find("svg:title", NS)
    assert title is not None and title.text == label


def test_series_differ_by_pattern_and_word_not_only_colour(seed_overview):
    svg = overview_svg(seed_overview)
    assert svg.count("<pattern") == len(SERIES)
    assert len(set(re.findall(r'<path d="([^"]+)" stroke="#1a1a1a"', svg))) == len(SERIES) - 1
    for word in ("glad", "mellemfornøjet", "sur", "ingen"):
        assert f">{word}<" in svg


def test_two_charts_on_one_page_have_distinct_ids(seed_overview):
    ids = re.findall(r' id="([^"]+)"', overview_svg(seed_overview) + rounds_svg(seed_overview))
    assert len(ids) == len(set(ids))


def test_the_same_counts_reuse_the_drawn_chart_and_a_new_language_draws_anew(seed_overview):
    from django.utils import translation

    from opfolgning.exporters import chart

    chart._bar_svg_cached.cache_clear()
    first = overview_svg(seed_overview)
    assert overview_svg(seed_overview) is first  # drawn once, not per page view
    assert chart._bar_svg_cached.cache_info().hits == 1
    with translation.override("en"):
        english = overview_svg(seed_overview)
    assert english != first and "happy" in english


def test_hostile_theme_numbers_are_escaped():
    doc = factories.report(initiatives=1)
    doc.themes[0].number = '1"><script>alert(1)</script>'
    svg = overview_svg(overview(doc))
    _assert_safe(svg)
    ET.fromstring(svg)


def test_sanitiser_strips_scripts_events_links_and_remote_css():
    hostile = (
        f'<svg xmlns="{SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" id="x" '
        'onload="alert(1)"><title>t</title><script>alert(2)</script>'
        "<style>@import url(http://evil.example/a.css);#x rect{fill:url(http://evil/p.svg)}</style>"
        "<foreignObject><p>hi</p></foreignObject>"
        '<a xlink:href="http://evil.example/"><rect width="1" height="1"/></a>'
        '<image href="https://evil.example/i.png"/>'
        '<rect width="2" height="2" style="fill:url(https://evil/x)" onclick="x()"/>'
        '<x:rect xmlns:x="urn:other" width="3" height="3"/></svg>'
    )
    svg = sanitise_svg(hostile, chart_id="c1", label="L")
    _assert_safe(svg)
    assert "evil" not in svg
    assert "foreignObject" not in svg
    assert "urn:other" not in svg
    assert 'role="img"' in svg and 'aria-label="L"' in svg


def test_chart_keeps_a_plain_svg_namespace_when_other_modules_register_theirs(
    seed_overview, monkeypatch
):
    monkeypatch.setattr(ET, "_namespace_map", dict(ET._namespace_map))  # restored afterwards
    ET.register_namespace("", "urn:example:other")  # as a DOCX or XLSX module might
    svg = overview_svg(seed_overview)
    assert svg.startswith(f'<svg xmlns="{SVG_NS}"')
    assert "ns0:" not in svg and svg.count("<pattern") == len(SERIES)
