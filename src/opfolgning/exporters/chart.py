"""The overview as SVG bar charts (pygal), sanitised so they are safe to inline in HTML and PDF.

A chart never carries meaning by colour alone: every series has its own hatch pattern, a
legend with the Danish word, the count printed on each bar, and the report puts a table with
the same numbers beside it.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import pygal
from defusedxml.ElementTree import fromstring
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pygal.style import Style

from opfolgning.followup.overview import Counts, Overview
from opfolgning.followup.vocabulary import NO_SMILEY, round_name, smiley_word

# pygal 3.0 appends a finder for its map plugins (unused here) to sys.meta_path, and that
# finder has no find_spec: pytest 9 calls find_spec on every finder while importing a
# conftest.py and fails. Nothing here needs it.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"

# (attribute of Counts, fill colour, hatch drawn over it): the hatch tells the series apart
# in greyscale print and for readers who do not see the colours.
SERIES: tuple[tuple[str, str, str], ...] = (
    ("happy", "#8fd18f", ""),
    ("neutral", "#f7d54a", "M0 4 H8"),
    ("sad", "#f08a80", "M0 8 L8 0 M-2 2 L2 -2 M6 10 L10 6"),
    ("none", "#d9d9d9", "M2 2 h1 v1 h-1 z M6 6 h1 v1 h-1 z"),
)

_ALLOWED_TAGS = {
    "svg",
    "g",
    "defs",
    "style",
    "title",
    "desc",
    "rect",
    "path",
    "line",
    "circle",
    "text",
    "tspan",
    "pattern",
}
_COUNTER = itertools.count()


def series_word(key: str) -> str:
    """Return the legend word of a series: the smiley's word, or 'ingen' (active language)."""
    language = get_language() or "da"
    return NO_SMILEY.in_language(language) if key == "none" else smiley_word(key, language)


def round_label(number: int) -> str:
    """Return the short name of a follow-up round in the active language ("3. opfølgning")."""
    return round_name(number, get_language() or "da")


def overview_svg(overview: Overview) -> str:
    """Return the effort smileys per theme at the report's round as a safe inline SVG."""
    labels = [f"{_('Tema')} {theme.number}" for theme in overview.themes]
    counts = [theme.effort for theme in overview.themes]
    title = _("Smileys for indsats pr. tema ved %(round)s") % {"round": round_label(overview.round)}
    return _bar_svg(title, labels, counts)


def rounds_svg(overview: Overview) -> str:
    """Return the effort smileys per round, 1 to the report's round, as a safe inline SVG."""
    rounds = sorted(overview.rounds)
    title = _("Smileys for indsats pr. opfølgning")
    return _bar_svg(title, [round_label(r) for r in rounds], [overview.rounds[r] for r in rounds])


def _bar_svg(title: str, labels: Sequence[str], counts: Sequence[Counts]) -> str:
    rows = tuple(tuple(getattr(c, key) for key, _colour, _hatch in SERIES) for c in counts)
    return _bar_svg_cached(get_language() or "", title, tuple(labels), rows)


# Drawing a chart costs ~90 ms in pygal, more than the rest of a report page; the same
# counts in the same language always give the same chart, so keep the recent ones.
@functools.lru_cache(maxsize=512)
def _bar_svg_cached(
    language: str, title: str, labels: tuple[str, ...], rows: tuple[tuple[int, ...], ...]
) -> str:
    chart_id = f"ovchart{next(_COUNTER)}"
    style = Style(
        colors=tuple(colour for _key, colour, _hatch in SERIES),
        font_family='"DejaVu Sans", sans-serif',
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#6b6b6b",
        legend_font_size=13,
        label_font_size=12,
        major_label_font_size=12,
        value_font_size=12,
        title_font_size=15,
    )
    chart = pygal.Bar(
        js=[],
        style=style,
        title=title,
        width=720,
        height=340,
        explicit_size=False,
        print_values=True,
        print_zeroes=True,
        print_values_position="top",
        legend_at_bottom=True,
        legend_at_bottom_columns=len(SERIES),
        show_y_guides=True,
        min_scale=1,
        max_scale=6,
        include_x_axis=True,
        disable_xml_declaration=True,
        no_prefix=False,
    )
    chart.x_labels = list(labels)
    for index, (key, _colour, _hatch) in enumerate(SERIES):
        chart.add(series_word(key), [row[index] for row in rows])
    raw = chart.render(is_unicode=True)
    summary = "; ".join(
        f"{label}: "
        + ", ".join(
            f"{row[index]} {series_word(key)}"
            for index, (key, _colour, _hatch) in enumerate(SERIES)
        )
        for label, row in zip(labels, rows, strict=True)
    )
    return sanitise_svg(raw, chart_id=chart_id, label=f"{title}. {summary}.")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_SAFE_URL = re.compile(r"url\(\s*['\"]?#[\w-]+['\"]?\s*\)")


def _safe_css(text: str) -> str:
    """Drop @import and any url() that does not point inside the document."""
    text = re.sub(r"@import[^;]*;?", "", text, flags=re.IGNORECASE)
    return re.sub(
        r"url\([^)]*\)",
        lambda m: m.group(0) if _SAFE_URL.fullmatch(m.group(0)) else "none",
        text,
        flags=re.IGNORECASE,
    )


def sanitise_svg(raw: str, *, chart_id: str, label: str) -> str:
    """Return an SVG reduced to drawing elements: no scripts, events, links or remote URLs."""
    root = fromstring(raw)
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValueError("not an SVG document")
    old_id = root.get("id", "")
    _clean(root, old_id, chart_id)
    for attribute in ("width", "height", "class"):
        root.attrib.pop(attribute, None)
    root.set("id", chart_id)
    root.set("class", "chart-svg")
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("focusable", "false")
    # The accessible name also as the first <title>, which is what SVG readers look for.
    first = root.find(f"{{{SVG_NS}}}title")
    if first is not None:
        first.text = label
    _add_patterns(root, chart_id)
    # Plain tag names plus an xmlns attribute, not ET.register_namespace: that prefix map is
    # global, and other modules (DOCX, XLSX) register their own default namespace in-process.
    for element in root.iter():
        element.tag = _local(element.tag)
    root.attrib = {"xmlns": SVG_NS, **root.attrib}
    return ET.tostring(root, encoding="unicode")


def _clean(element: ET.Element, old_id: str, new_id: str) -> None:
    for child in list(element):
        if (
            not isinstance(child.tag, str)
            or not child.tag.startswith(f"{{{SVG_NS}}}")
            or _local(child.tag) not in _ALLOWED_TAGS
        ):
            element.remove(child)
            continue
        _clean(child, old_id, new_id)
    if element.get("id", "").startswith("activate-serie"):
        del element.attrib["id"]  # pygal repeats these ids in every chart
    for name in list(element.attrib):
        local = _local(name).lower()
        value = element.attrib[name]
        if (
            local.startswith("on")
            or local in {"href", "src"}
            or name.startswith(f"{{{_XLINK_NS}}}")
            or ("url(" in value.lower() and not _SAFE_URL.search(value))
        ):
            del element.attrib[name]
    if _local(element.tag) == "style" and element.text:
        text = element.text.replace(f"#{old_id}", f"#{new_id}") if old_id else element.text
        element.text = _safe_css(text)
    element.tail = element.tail if element.tail and element.tail.strip() else None


def _add_patterns(root: ET.Element, chart_id: str) -> None:
    """Fill each series (bars and legend boxes) with its colour plus a hatch pattern."""
    defs = root.find(f"{{{SVG_NS}}}defs")
    if defs is None:
        defs = ET.SubElement(root, f"{{{SVG_NS}}}defs")
    fills = []
    for index, (_key, colour, hatch) in enumerate(SERIES):
        pattern_id = f"{chart_id}-p{index}"
        pattern = ET.SubElement(
            defs,
            f"{{{SVG_NS}}}pattern",
            {"id": pattern_id, "width": "8", "height": "8", "patternUnits": "userSpaceOnUse"},
        )
        ET.SubElement(
            pattern,
            f"{{{SVG_NS}}}rect",
            {"width": "8", "height": "8", "fill": colour, "stroke": "none"},
        )
        if hatch:
            ET.SubElement(
                pattern,
                f"{{{SVG_NS}}}path",
                {"d": hatch, "stroke": "#1a1a1a", "stroke-width": "1.2", "fill": "none"},
            )
        fills.append(f"url(#{pattern_id})")
    # Appended after pygal's colour rules and more specific than them, so the hatch wins.
    style = defs.find(f"{{{SVG_NS}}}style")
    if style is None:
        style = ET.SubElement(defs, f"{{{SVG_NS}}}style")
    rules = [
        f"#{chart_id} .color-{index} .rect,#{chart_id} .legend rect.color-{index}"
        f"{{fill:{fill};fill-opacity:1;stroke:#1a1a1a;stroke-width:1}}"
        for index, fill in enumerate(fills)
    ]
    style.text = (style.text or "") + "".join(rules)


def counts_svg(title: str, labels: Sequence[str], counts: Sequence[Counts]) -> str:
    """Return effort smiley counts per label (a theme, a round) as a safe inline SVG."""
    return _bar_svg(title, labels, counts)
