"""The PDF export: A4, numbered pages, extractable text and smiley glyphs, tagged, no fetching."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from opfolgning import exporters
from opfolgning.exporters import pdf
from opfolgning.followup.document import ReportDocument
from opfolgning.followup.smileys import CANONICAL_GLYPH
from opfolgning.importers import parse_path
from tests import factories
from tests.conftest import SEED_TEXT

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def seed_doc() -> ReportDocument:
    if not SEED_TEXT.exists():
        pytest.fail(f"the example report is missing: {SEED_TEXT}")
    return parse_path(SEED_TEXT)


@pytest.fixture(scope="module")
def seed_pdf(seed_doc: ReportDocument) -> PdfReader:
    return PdfReader(io.BytesIO(pdf.render_report_pdf(seed_doc)))


@pytest.fixture(scope="module")
def seed_text(seed_pdf: PdfReader) -> str:
    text = "\n".join(page.extract_text() for page in seed_pdf.pages)
    return text.replace("\ufe0e", "").replace("\ufe0f", "")


def _flat(text: str) -> str:
    """Collapse line breaks, hyphenation breaks and runs of spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[\u2010-]\n", "", text))


class _Recorder(BaseHTTPRequestHandler):
    paths: list[str] = []

    def do_GET(self) -> None:
        type(self).paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request made to it."""
    _Recorder.paths = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.paths
    finally:
        server.shutdown()
        server.server_close()


def test_seed_pdf_is_a4_and_runs_over_several_pages(seed_pdf):
    assert len(seed_pdf.pages) > 1
    for page in seed_pdf.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1


def test_every_page_says_side_x_af_y(seed_pdf):
    total = len(seed_pdf.pages)
    for number, page in enumerate(seed_pdf.pages, start=1):
        assert f"Side {number} af {total}" in page.extract_text()


def test_title_and_every_initiative_number_are_extractable(seed_doc, seed_text):
    flat = _flat(seed_text)
    assert seed_doc.title in flat
    for ini in seed_doc.initiatives():
        assert f"{ini.number}. " in flat, ini.number


def test_overview_is_in_the_pdf_before_the_themes(seed_doc, seed_text):
    flat = _flat(seed_text)
    assert flat.index("Overblik") < flat.index(
        f"{seed_doc.themes[0].number}. {seed_doc.themes[0].title}"
    )
    assert "Smileys pr. tema ved 3. opfølgning" in flat


def test_smileys_are_extractable_glyphs(seed_text):
    for glyph in CANONICAL_GLYPH.values():
        assert glyph in seed_text
    assert "mellemfornøjet" in seed_text


def _fonts(reader: PdfReader) -> dict[str, DictionaryObject]:
    fonts: dict[str, DictionaryObject] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in (resources.get_object().get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def _descriptor(font: DictionaryObject) -> DictionaryObject:
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


def test_every_font_is_embedded_and_the_smileys_use_outline_fonts(seed_pdf):
    fonts = _fonts(seed_pdf)
    assert fonts
    for name, font in fonts.items():
        descriptor = _descriptor(font)
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name
    names = " ".join(fonts)
    assert "DejaVu" in names
    assert "Symbola" in names  # 😐 drawn from outlines
    assert "Color-Emoji" not in names  # not the bitmap emoji font


def test_pdf_is_tagged_for_screen_readers_in_danish(seed_pdf):
    root = seed_pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "da"
    assert seed_pdf.metadata is not None
    assert "Tredje opfølgning" in (seed_pdf.metadata.title or "")


def test_pdf_exporter_is_registered():
    doc = factories.report(initiatives=1)
    content = exporters.get("pdf").render(doc)
    assert isinstance(content, bytes) and content.startswith(b"%PDF-")


def test_fetcher_allows_data_urls_and_the_packages_own_files():
    fetcher = pdf.LocalOnlyURLFetcher()
    assert fetcher.fetch("data:text/plain,hej").read() == b"hej"
    own = pdf.ALLOWED_ROOTS[0] / "web" / "site.css"
    response = fetcher.fetch(own.as_uri())
    assert b"font-family" in response.read()
    response.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "ftp://example.org/x",
        "//example.org/x.png",
        "file:///etc/passwd",
        "file://example.org/etc/passwd",
        (pdf.ALLOWED_ROOTS[0] / ".." / ".." / "settings.py").as_uri(),
        (pdf.ALLOWED_ROOTS[0] / "web" / "nope.css").as_uri(),
    ],
)
def test_fetcher_refuses_remote_urls_and_files_outside_the_package(url):
    fetcher = pdf.LocalOnlyURLFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)


def test_remote_urls_in_html_are_never_fetched(web_server):
    base, requests = web_server
    fetcher = pdf.LocalOnlyURLFetcher()
    html = (
        f'<html lang="da"><head><title>t</title><link rel="stylesheet" href="{base}/a.css">'
        f"<style>@import url({base}/b.css); p{{background:url({base}/c.png)}}</style></head>"
        f'<body><p>tekst</p><img src="{base}/d.png" alt="x">'
        f'<svg><image href="{base}/e.png" width="5" height="5"/></svg></body></html>'
    )
    content = pdf.html_to_pdf(html, url_fetcher=fetcher)
    assert content.startswith(b"%PDF-")
    assert requests == []
    assert {u.rsplit("/", 1)[-1] for u in fetcher.refused} >= {"a.css", "b.css", "d.png"}


def test_imported_text_with_urls_is_printed_not_fetched(web_server):
    base, requests = web_server
    doc = factories.report(initiatives=1)
    ini = doc.themes[0].initiatives[0]
    ini.description = f'<img src="{base}/x.png"> <style>p{{background:url({base}/y.png)}}</style>'
    content = pdf.render_report_pdf(doc)
    assert requests == []
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert f"{base}/x.png" in _flat(text).replace(" ", "")


def test_print_stylesheet_repeats_table_headers_and_keeps_rows_whole():
    css = (Path(pdf.ALLOWED_ROOTS[0]) / "web" / "print.css").read_text()
    assert ".initiative thead{display:table-header-group}" in css
    assert ".initiative tr{break-inside:avoid}" in css
    assert "size:A4" in css


def test_pdf_html_draws_smileys_as_glyph_and_word_without_face_icons():
    doc = factories.report(initiatives=1)
    html = pdf.report_pdf_html(doc)
    assert 'class="smiley-icon"' not in html
    assert '<span class="smiley-label">glad</span>' in html
    assert '.smiley-happy::before{content:"☺' in html


def _struct_elements(node, found: list) -> list:
    node = node.get_object()
    if isinstance(node, dict):
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            _struct_elements(kid, found)
    return found


def test_structure_tree_has_headings_tables_and_charts_with_alt_text(seed_pdf):
    elements = _struct_elements(seed_pdf.trailer["/Root"]["/StructTreeRoot"], [])
    roles = {str(e["/S"]) for e in elements}
    assert {"/H1", "/H2", "/Table", "/THead", "/TH", "/TD", "/Figure"} <= roles
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) == 2
    assert all(str(f["/Alt"]).startswith("Smileys for indsats") for f in figures)
