"""Report document → PDF with WeasyPrint, from the same templates as the HTML report.

The PDF is tagged (PDF/UA-1: structure tree, /Lang, embedded fonts) for screen readers.
Smileys appear as the face icon, the Danish word, and a real text glyph (☺ 😐 ☹) drawn with
fonts from Debian packages (DejaVu Sans for ☺ ☹, Symbola for 😐), so the text can be
searched and read aloud. Nothing is fetched from the network: the URL fetcher allows only
`data:` URLs and `file:` URLs inside the package's own template and static folders.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from opfolgning.followup.document import ReportDocument
from opfolgning.followup.smileys import CANONICAL_GLYPH

from .html import report_context

_WEB = Path(__file__).resolve().parents[1] / "web"
ALLOWED_ROOTS: tuple[Path, ...] = (_WEB / "templates", _WEB / "static")
BASE_URL = (_WEB / "templates" / "web").as_uri() + "/"


class RefusedURL(ValueError):
    """A document asked for a resource the PDF renderer must not fetch."""


class LocalOnlyURLFetcher(URLFetcher):
    """Fetch `data:` URLs and `file:` URLs under the allowed folders; refuse all else."""

    def __init__(self, roots: tuple[Path, ...] = ALLOWED_ROOTS) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        """Return the resource at a permitted URL, or raise RefusedURL."""
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and self.is_allowed_file(url):
            return super().fetch(url, headers)
        self.refused.append(url)
        raise RefusedURL(f"refused to fetch {url[:200]!r}: only data: and local files")

    def is_allowed_file(self, url: str) -> bool:
        """Return whether a file: URL names a file inside one of the allowed folders."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return False
        path = Path(url2pathname(unquote(parts.path))).resolve()
        return path.is_file() and any(path.is_relative_to(root) for root in self.roots)


def glyph_css() -> str:
    """Return the print rules that put each smiley's canonical glyph before its word."""
    # text_presentation() adds U+FE0E after each glyph when the page is rendered.
    rules = [
        f'.smiley-{smiley.value}::before{{content:"{glyph} "}}'
        for smiley, glyph in CANONICAL_GLYPH.items()
    ]
    return "".join(rules)


_EMOJI = re.compile("([\U0001f300-\U0001faff\u2600-\u27bf])[\ufe0e\ufe0f]?")


def text_presentation(html: str) -> str:
    """Ask for the outline (text) form of every emoji, so Symbola draws it, not Noto Color Emoji.

    Without U+FE0E, Pango draws emoji-presentation faces such as 😐 from the colour bitmap
    font whatever font-family says; its bitmaps are not outlines and it is slow to subset.
    """
    return _EMOJI.sub("\\1\ufe0e", html)


def html_to_pdf(html: str, *, url_fetcher: URLFetcher | None = None) -> bytes:
    """Render an HTML string to a tagged PDF/UA-1 without touching the network."""
    document = HTML(
        string=html,
        base_url=BASE_URL,
        url_fetcher=url_fetcher or LocalOnlyURLFetcher(),
        media_type="print",
    )
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, uncompressed_pdf=False)
    assert pdf is not None
    return bytes(pdf)


# The face icons of the HTML page; print.css hides them, and dropping them here keeps ~6 SVG
# elements per smiley out of WeasyPrint's style cascade (the glyph is the face in print).
_FACE_ICON = re.compile(r'<svg class="smiley-icon"[^>]*>.*?</svg>', re.DOTALL)


def report_pdf_html(doc: ReportDocument) -> str:
    """Return the HTML the PDF is rendered from: the report page plus the print stylesheet."""
    context = report_context(doc)
    context["standalone"] = True
    context["pdf"] = True
    context["pdf_css"] = mark_safe(glyph_css())  # built from our own constants only
    html = render_to_string("web/report_standalone.html", context)
    return text_presentation(_FACE_ICON.sub("", html))


def render_report_pdf(doc: ReportDocument) -> bytes:
    """Render the report as an A4 PDF with page numbers, for print and screen readers."""
    return html_to_pdf(report_pdf_html(doc))
