"""Template helpers: accessible smiley icons and Danish formats."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any
from urllib.parse import quote

from django import template
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from opfolgning.exporters import html as html_export
from opfolgning.followup import guide, vocabulary
from opfolgning.followup.vocabulary import long_date as vocabulary_long_date

register = template.Library()


@register.simple_tag
def smiley(value: str | None, glyph: str | None = None, size: int = 22) -> SafeString:
    """Render a smiley as a face icon (shape, not only colour) with its word beside it."""
    return mark_safe(html_export.smiley_html(value, glyph, size))


@register.filter
def effort_meaning(value: str | None) -> str:
    """Return what an effort smiley means, in the reading guide's words ("" for none)."""
    word = vocabulary.EFFORT_MEANINGS.get(value or "")
    return gettext(word.da) if word else ""


@register.filter
def economy_meaning(value: str | None) -> str:
    """Return what an economy smiley means, in the reading guide's words ("" for none)."""
    word = vocabulary.ECONOMY_MEANINGS.get(value or "")
    return gettext(word.da) if word else ""


@register.filter
def finding_text(finding: Any) -> str:
    """Return a rule finding's message in the active language."""
    english = (get_language() or "").startswith("en")
    return str(finding.message_en if english else finding.message_da)


@register.filter
def smiley_word(value: str | None) -> str:
    """Return the word for a smiley value."""
    return html_export.smiley_word(value)


@register.filter
def long_date(value: dt.date | None) -> str:
    """Format a date the Danish way (9. oktober 2019) or per the active language."""
    if not value:
        return ""
    return vocabulary_long_date(value, get_language() or "da")


@register.simple_tag
def theme_name(number: str, title: str) -> str:
    """Return a theme's heading; a theme without a title reads "Tema 2"."""
    return vocabulary.theme_name(number, title or "", get_language() or "da")


@register.filter
def round_name(number: int | None) -> str:
    """Return a round's short name in the active language: "3. opfølgning", "Pr. 31.12."."""
    return vocabulary.round_name(number, get_language() or "da") if number else ""


@register.filter
def place(where: str) -> str:
    """An importer's place ("line 12, initiative 1.1, round 3") in the reader's language."""
    return vocabulary.place(where or "", get_language() or "da")


@register.filter
def round_phrase(number: int | None) -> str:
    """Return a round as named mid-sentence: "3. opfølgning", "opfølgningen pr. 31.12."."""
    return vocabulary.round_phrase(number, get_language() or "da") if number else ""


@register.filter
def reading_guide(value: str) -> SafeString:
    """Render a reading guide: its smiley definitions with the app's own smileys (face and
    word), whatever glyphs the source had (followup.guide)."""
    parts = []
    for block in guide.reading_guide(value or ""):
        if block.definitions:
            items = "".join(
                f"<li>{html_export.smiley_html(smiley.value, None, 20)} {escape(text)}</li>"
                for smiley, text in block.definitions
            )
            parts.append(f'<ul class="guide-legend">{items}</ul>')
        else:
            parts.append(html_export.paragraphs_html(block.text))
    return mark_safe("".join(parts))  # every text escaped above


@register.filter
def paragraphs(value: str) -> SafeString:
    """Render plain text with blank-line paragraphs as escaped <p> elements."""
    return mark_safe(html_export.paragraphs_html(value))


@register.filter
def anchor(number: str) -> str:
    """Return the fragment id of an initiative."""
    return html_export.anchor(number)


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """Return mapping[key], or None (for counters looked up by a loop variable)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


#: The mark beside each state's word, so a state is told apart without its colour.
STATE_MARKS = {"not_started": "○", "draft": "◐", "submitted": "●", "returned": "↩", "approved": "✓"}


@register.simple_tag
def state(value: str) -> SafeString:
    """Render where a status is in the round: its mark (hidden from screen readers) and word."""
    word = vocabulary.SUBMISSION_STATE_WORDS.get(value)
    text = word.in_language(get_language() or "da") if word else value
    return mark_safe(
        f'<span class="state state-{escape(value)}"><span class="state-mark" aria-hidden="true">'
        f"{STATE_MARKS.get(value, '')}</span> {escape(text)}</span>"
    )


@register.filter
def status_of(url: str, number: str) -> str:
    """Return an initiative's status page from the URL reversed once with "-" for its number.

    A list of 200 initiatives reverses the URL once, not 200 times; quoted as reverse() does.
    """
    if not url.endswith("/-/"):
        raise ValueError(f"{url!r} is not a status URL reversed with '-' for the number")
    return f"{url[:-2]}{quote(str(number), safe=RFC3986_SUBDELIMS + '/~:@')}/"
