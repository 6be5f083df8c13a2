"""The PDF export (Typst): A4, numbered pages, extractable text, vector smileys, the project's own
font, tagged, no fetching. Read with PyPI libraries only (pypdf, pypdfium2, fontTools), so the
tests need no program or font from the operating system."""

from __future__ import annotations

import functools
import io
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import typst
from django.utils import translation
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from opfolgning import exporters
from opfolgning.exporters import pdf
from opfolgning.exporters.html import _FILLS, paragraphs_html
from opfolgning.followup.document import ReportDocument
from opfolgning.followup.smileys import CANONICAL_GLYPH, Smiley
from opfolgning.importers import parse_path
from tests import factories
from tests.conftest import SEED_TEXT

A4 = (595.28, 841.89)
# Emoji (😐 🙂 …, U+1F000 and above) and the emoji variation selector: an emoji font's
# characters. ☺ ☹ ⚠ (U+2600 block) are characters of DejaVu Sans and may be printed.
EMOJI = re.compile("[\U0001f000-\U0001faff\ufe0f]")


@pytest.fixture(scope="module")
def seed_doc() -> ReportDocument:
    if not SEED_TEXT.exists():
        pytest.fail(f"the example report is missing: {SEED_TEXT}")
    return parse_path(SEED_TEXT)


@pytest.fixture(scope="module")
def seed_bytes(seed_doc: ReportDocument) -> bytes:
    with translation.override("da"):
        return pdf.render_report_pdf(seed_doc)


@pytest.fixture(scope="module")
def seed_pdf(seed_bytes: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(seed_bytes))


def _page_texts(reader: PdfReader) -> list[str]:
    return [
        page.extract_text().replace("\ufe0e", "").replace("\ufe0f", "") for page in reader.pages
    ]


@pytest.fixture(scope="module")
def seed_text(seed_pdf: PdfReader) -> str:
    return "\n".join(_page_texts(seed_pdf))


def _flat(text: str) -> str:
    """Collapse line breaks, hyphenation breaks and runs of spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[\u2010-]\n", "", text))


def _text_of(content: bytes) -> str:
    return _flat("\n".join(_page_texts(PdfReader(io.BytesIO(content)))))


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


# --- page setup ---------------------------------------------------------------------------


def test_seed_pdf_is_a4_and_runs_over_several_pages(seed_pdf):
    assert len(seed_pdf.pages) > 1
    for page in seed_pdf.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1


def test_every_page_says_side_x_af_y(seed_pdf):
    total = len(seed_pdf.pages)
    for number, text in enumerate(_page_texts(seed_pdf), start=1):
        assert f"Side {number} af {total}" in text


def test_pages_after_the_first_carry_the_title_and_date_and_every_page_the_case_number(
    seed_doc, seed_pdf
):
    texts = _page_texts(seed_pdf)
    assert "9. oktober 2019" in texts[1] and seed_doc.title in texts[1]
    assert all(seed_doc.case_number in text for text in texts)


def test_pdf_is_pdf_ua_1_tagged_in_danish_with_the_report_title(seed_pdf, seed_bytes):
    root = seed_pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "da"
    assert seed_pdf.metadata is not None
    assert (
        seed_pdf.metadata.title == "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget"
    )
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(>|=\")1", xmp)


def test_english_report_is_tagged_english_with_english_words():
    doc = factories.report(initiatives=1)
    with translation.override("en"):
        content = pdf.render_report_pdf(doc)
    reader = PdfReader(io.BytesIO(content))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    text = _text_of(content)
    assert "Overview" in text and "Overblik" not in text
    assert "happy" in text


def test_pdf_exporter_is_registered():
    doc = factories.report(initiatives=1)
    content = exporters.get("pdf").render(doc)
    assert isinstance(content, bytes) and content.startswith(b"%PDF-")


# --- content, mirroring the HTML report ----------------------------------------------------


def test_header_facts_title_and_reading_guide_come_first(seed_doc, seed_text):
    flat = _flat(seed_text)
    for fact in ("Dato 9. oktober 2019", "Tlf. dir. 2498 1032", "okonomi@balk.dk", "Sagsid"):
        assert fact in flat
    assert flat.index("Sagsid") < flat.index(seed_doc.title) < flat.index("Læsevejledning")


def test_every_initiative_number_and_title_of_the_seed_is_in_the_pdf(seed_doc, seed_text):
    flat = _flat(seed_text).replace("- ", "-")
    for ini in seed_doc.initiatives():
        assert f"{ini.number}. {ini.title}".replace("- ", "-") in flat, ini.number


def test_overview_tables_come_before_the_themes_with_the_html_reports_counts(seed_doc, seed_text):
    flat = _flat(seed_text)
    first_theme = f"{seed_doc.themes[0].number}. {seed_doc.themes[0].title}"
    assert flat.index("Overblik") < flat.index("Regeltjek") < flat.rindex(first_theme)
    assert "Smileys pr. tema ved 3. opfølgning" in flat
    assert "Smileys for indsats pr. opfølgning" in flat
    # the totals row of the themes table: 18 happy, 8 neutral, 0 sad, 1 none; economy 7 2 18
    assert re.search(r"I alt 18 8 0 1 7 2 18", flat)


def test_smileys_are_words_in_the_text_with_no_emoji(seed_text):
    flat = _flat(seed_text)
    # the overview's column heads: each face is a drawing, its word the text beside it
    assert "Tema glad mellemfornøjet sur ingen glad sur ingen" in flat
    assert "Opfølgning glad mellemfornøjet sur ingen I alt" in flat
    assert "mellemfornøjet → glad" in flat  # "what changed" names the smileys too
    assert not EMOJI.search(seed_text), EMOJI.findall(seed_text)[:5]
    assert CANONICAL_GLYPH[Smiley.NEUTRAL] not in seed_text  # 😐 needed Symbola
    # the guide's definitions name the smileys by their words (issue 14), whatever the glyphs
    assert "Glad: Milepælen er nået." in flat
    assert "Mellemfornøjet: Milepælen er ikke fuldt nået" in flat


def _rgb_at(bitmap: pdfium.PdfBitmap, x: float, y: float) -> tuple[int, int, int]:
    offset = int(y) * bitmap.stride + int(x) * bitmap.n_channels
    r, g, b = bytes(bitmap.buffer[offset : offset + 3])
    return r, g, b


def _faces_left_of(content: bytes, page_index: int, word: str) -> list[set[str]]:
    """Return, for each occurrence of `word` on the page, the face colours drawn just left of it.

    The face is 10 pt (9 pt in column heads) and stands 20 % below the baseline, so its middle
    row lies about 3 pt above the word's baseline and the face ends a space before the word.
    """
    scale = 4
    document = pdfium.PdfDocument(content)
    try:
        page = document[page_index]
        height = page.get_height()
        bitmap = page.render(scale=scale, rev_byteorder=True)
        textpage = page.get_textpage()
        colours = {value: bytes.fromhex(fill[1:]) for value, fill in _FILLS.items()}
        found = []
        searcher = textpage.search(word, match_case=True, match_whole_word=True)
        while (occurrence := searcher.get_next()) is not None:
            left, bottom, _right, _top = textpage.get_charbox(occurrence[0])
            y = (height - (bottom + 3)) * scale
            seen = set()
            for step in range(2, 13 * scale):
                pixel = _rgb_at(bitmap, left * scale - step, y)
                for value, rgb in colours.items():
                    if all(abs(a - b) <= 3 for a, b in zip(pixel, rgb, strict=True)):
                        seen.add(value)
            found.append(seen)
        return found
    finally:
        document.close()


def test_each_smiley_is_a_vector_face_in_its_colour_beside_its_word(seed_bytes, seed_pdf):
    """The faces are drawn (no font has them): the face's fill colour is left of each word."""
    page = next(i for i, t in enumerate(_page_texts(seed_pdf)) if "Smileys pr. tema ved" in t)
    for value, word in (("happy", "glad"), ("neutral", "mellemfornøjet"), ("sad", "sur")):
        faces = _faces_left_of(seed_bytes, page, word)
        # the two overview tables head their columns with the face and the word
        assert sum(value in seen for seen in faces) >= 2, (word, faces)
        assert all(seen <= {value} for seen in faces), (word, faces)  # never another face


def test_ambiguous_smileys_are_marked_for_review_as_in_html(seed_doc, seed_text):
    flat = _flat(seed_text)
    reviews = [m for ini in seed_doc.initiatives() for m in ini.milestones if m.needs_review]
    assert reviews
    assert flat.count("⚠ skal kontrolleres (kilde: ☹)") == len(reviews)


def test_printable_names_smiley_emoji_by_their_words_and_keeps_dejavu_characters():
    with translation.override("da"):
        assert pdf.printable("☹\ufe0f") == "☹"  # the variation selector is dropped
        assert pdf.printable("☺ ☹ ⚠ æøå ÆØÅ – … → «»") == "☺ ☹ ⚠ æøå ÆØÅ – … → «»"
        assert pdf.printable("😊 😐 🙁") == "glad mellemfornøjet sur"
        assert pdf.printable("tegn: 🦄 中 \uf04a") == "tegn: \ufffd \ufffd \ufffd"
        assert pdf.printable("a\u200bb\nc\td") == "a\u200bb\nc\td"
    with translation.override("en"):
        assert pdf.printable("😊") == "happy"


def test_an_emoji_source_glyph_is_named_by_its_word_and_never_printed():
    doc = factories.report(initiatives=1)
    milestone = doc.themes[0].initiatives[0].milestones[0]
    milestone.smiley, milestone.glyph, milestone.needs_review = Smiley.HAPPY, "😊", True
    with translation.override("da"):
        text = _text_of(pdf.render_report_pdf(doc))
    assert "⚠ skal kontrolleres (kilde: glad)" in text
    assert "Smileyen glad er læst som glad" in text  # the rule check quotes the source glyph
    assert not EMOJI.search(text), EMOJI.findall(text)


def test_emoji_and_other_characters_without_a_glyph_in_report_text_do_not_stop_the_pdf():
    # Typst's PDF/UA-1 export refuses text its fonts cannot draw; printable() replaces it.
    doc = factories.report(initiatives=1)
    ini = doc.themes[0].initiatives[0]
    ini.description = "Vi er glade 🙂 og stolte 🦄"
    ini.title = "Indsats \uf04a med Wingdings-tegn"
    doc.reading_guide = "☺ betyder nået, ☹️ betyder ikke nået"
    with translation.override("da"):
        text = _text_of(pdf.render_report_pdf(doc))
    assert "Vi er glade glad og stolte \ufffd" in text
    assert "Indsats \ufffd med Wingdings-tegn" in text
    assert "☺ betyder nået, ☹ betyder ikke nået" in text
    assert not EMOJI.search(text), EMOJI.findall(text)


def test_the_probes_characters_in_a_status_note_render_as_visible_replacements():
    # Issue 18's probe: 进, ＝ (U+FF1D), ESC and U+FFFE in a note stopped the whole PDF.
    doc = factories.report(initiatives=1)
    milestone = doc.themes[0].initiatives[0].milestones[0]
    milestone.status_note = "Noten: 进 ＝ \x1b \ufffe slut; græsk αβγ, kyrillisk Привет"
    with translation.override("da"):
        text = _text_of(pdf.render_report_pdf(doc))
    assert "Noten: \ufffd \ufffd \ufffd \ufffd slut" in " ".join(text.split())
    assert "αβγ" in text and "Привет" in text  # DejaVu Sans draws these


def _mini_font(path: Path, text: str) -> None:
    """Write a tiny TrueType font with a glyph for each character of `text`."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"g{ord(ch):x}" for ch in text]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(ch): f"g{ord(ch):x}" for ch in text})
    builder.setupGlyf({name: TTGlyphPen(None).glyph() for name in names})
    builder.setupHorizontalMetrics({name: (500, 0) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Mini", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


@pytest.mark.parametrize("text", ["aæø☺–", "aæ☺😊"], ids=["bmp-format-4", "with-format-12"])
def test_the_cmap_reader_agrees_with_fonttools(text, tmp_path):
    path = tmp_path / "mini.ttf"
    _mini_font(path, text)
    assert pdf.font_characters(path) == {ord(ch) for ch in text}
    for font in sorted(pdf.FONT_DIR.glob("*.ttf")):
        assert pdf.font_characters(font) == set(TTFont(font).getBestCmap()), font.name


def test_rule_assessment_is_printed_per_milestone(seed_text):
    flat = _flat(seed_text)
    assert "Regelvurdering" in flat
    assert "sat ved denne opfølgning" in flat


def test_text_blocks_split_lines_and_dash_lists_like_the_html_report():
    text = "Første linje\nAnden linje\n\n- punkt et\n- punkt to\nEfter"
    assert pdf.text_blocks(text) == [
        "Første linje",
        "Anden linje",
        ["punkt et", "punkt to"],
        "Efter",
    ]
    html = paragraphs_html(text)
    assert html.count("<p>") == 3 and html.count("<li>") == 2


def test_dash_lines_become_a_tagged_list_in_the_pdf():
    doc = factories.report(initiatives=1)
    doc.themes[0].initiatives[0].description = "Indledning\n- første punkt\n- andet punkt"
    reader = PdfReader(io.BytesIO(pdf.render_report_pdf(doc)))
    roles = [str(e["/S"]) for e in _struct_elements(reader.trailer["/Root"]["/StructTreeRoot"], [])]
    assert roles.count("/LI") >= 2
    flat = _flat("\n".join(_page_texts(reader)))
    assert "første punkt" in flat and "- første punkt" not in flat


# --- fonts ---------------------------------------------------------------------------------


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


@functools.cache
def _bundled_fonts() -> dict[str, Path]:
    """The project's font files by PostScript name (what a PDF's /BaseFont names)."""
    return {
        str(TTFont(path)["name"].getDebugName(6)): path
        for path in sorted(pdf.FONT_DIR.glob("*.ttf"))
    }


def _base_name(name: str) -> str:
    """Return "DejaVuSans-Bold" for "/ABCDEF+DejaVuSans-Bold" (drop the subset tag)."""
    return name.lstrip("/").split("+", 1)[-1]


def _drawn_characters(font: DictionaryObject) -> set[str]:
    """Return the characters a PDF font draws, from its ToUnicode map."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    chars: set[str] = set()
    for section in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for target in re.findall(r"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", section):
            chars.update(bytes.fromhex(target).decode("utf-16-be"))
    for section in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section
        ):
            first = ord(bytes.fromhex(start).decode("utf-16-be"))
            chars.update(chr(first + n) for n in range(int(high, 16) - int(low, 16) + 1))
    return chars


def test_the_fonts_are_the_projects_own_with_their_licence():
    fonts = _bundled_fonts()
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} <= set(fonts)
    assert all(folder.is_relative_to(pdf.TEMPLATE_DIR) for _family, folder in pdf.FONTS)
    assert pdf.font_paths() == (str(pdf.FONT_DIR),)
    licence = (pdf.FONT_DIR / "LICENSE").read_text()
    assert "Bitstream Vera Fonts Copyright" in licence and "Arev Fonts Copyright" in licence


def test_every_font_is_embedded_and_comes_from_the_project(seed_pdf):
    fonts = _fonts(seed_pdf)
    assert fonts
    bundled = _bundled_fonts()
    for name, font in fonts.items():
        descriptor = _descriptor(font)
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name
        assert _base_name(name) in bundled, name
        assert not re.search(r"symbola|emoji|noto|libertinus|computer ?modern", name, re.I)
    used = {_base_name(name) for name in fonts}
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} <= used


@pytest.mark.parametrize("content", ["seed", "english"])
def test_every_character_is_drawn_from_a_font_that_has_it(content, seed_pdf):
    """No missing-glyph boxes: each character a PDF font draws is in that font's file."""
    if content == "seed":
        reader = seed_pdf
    else:
        doc = factories.report(initiatives=2)
        doc.title = "Æble, øl og Åen – æøå ÆØÅ … «citat» “citat” é ü ß"
        with translation.override("en"):
            reader = PdfReader(io.BytesIO(pdf.render_report_pdf(doc)))
        assert doc.title in _page_texts(reader)[0].replace("\n", " ")
    bundled = _bundled_fonts()
    for name, font in _fonts(reader).items():
        cmap = TTFont(bundled[_base_name(name)]).getBestCmap()
        drawn = _drawn_characters(font)
        assert drawn, name
        missing = sorted(ch for ch in drawn if ord(ch) not in cmap and not ch.isspace())
        assert not missing, (name, missing)


def test_the_danish_letters_and_punctuation_come_out_as_text(seed_text):
    flat = _flat(seed_text)
    assert "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget" in flat
    for text in ("æ", "ø", "å", "Æ", "Ø", "–", "Læsevejledning", "Økonomi i alt"):
        assert text in flat, text


@pytest.mark.parametrize("family", ["Libertinus Serif", "DejaVu Sans Mono", "Symbola"])
def test_no_font_outside_the_project_is_used_not_the_compilers_nor_the_systems(family):
    # Libertinus Serif and DejaVu Sans Mono are built into the typst package, and DejaVu Sans
    # Mono and Symbola may be installed on the machine: none of them is ever used.
    with pytest.raises(pdf.PdfFontsMissing, match=r"(?i)unknown font family"):
        pdf.compile_pdf(f'#set document(title: [t])\n#set text(font: "{family}")\nx', {})


def test_a_missing_font_folder_fails_with_a_message_naming_the_folder():
    fonts = (("DejaVu Sans", Path("/nonexistent/fonts")),)
    with pytest.raises(pdf.PdfFontsMissing, match=r"DejaVu Sans \(looked in /nonexistent/fonts\)"):
        pdf.compile_pdf("#set document(title: [t])\nx", {}, fonts=fonts)


# --- tables --------------------------------------------------------------------------------


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
    assert {"/H1", "/H2", "/H3", "/Table", "/THead", "/TH", "/TD", "/Figure", "/L"} <= roles
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) == 2
    assert all(str(f["/Alt"]).startswith("Smileys for indsats") for f in figures)
    assert "Tema 6: 6 glad" in str(figures[0]["/Alt"])  # the numbers, not only the title


def test_a_long_initiative_table_repeats_its_header_row_on_the_next_page():
    doc = factories.report(initiatives=1)
    ini = doc.themes[0].initiatives[0]
    ini.title = "Lang indsats"
    ini.description = "\n".join(f"Afsnit {n} om indsatsen og dens mål." for n in range(120))
    reader = PdfReader(io.BytesIO(pdf.render_report_pdf(doc)))
    pages = [p for p in _page_texts(reader) if f"{ini.number}. Lang indsats" in p]
    assert len(pages) >= 2
    for page in pages:
        assert "Anlæg" in page or "Drift" in page
        assert "Regelvurde" in page


def test_short_tables_are_kept_whole_and_long_ones_may_break():
    with translation.override("da"):
        short = factories.report(initiatives=1)
        data = json.loads(pdf.report_inputs(short)["document"])
        assert data["themes"][0]["items"][0]["keep"] is True
        short.themes[0].initiatives[0].description = "Lang tekst. " * 1500
        data = json.loads(pdf.report_inputs(short)["document"])
        assert data["themes"][0]["items"][0]["keep"] is False


def test_height_estimate_never_falls_below_typsts_layout(seed_doc):
    """The tables kept whole must really fit on a page: the estimate has to be an upper bound."""
    with translation.override("da"):
        inputs = pdf.report_inputs(seed_doc)
    data = json.loads(inputs["document"])
    initiatives = [i for t in data["themes"] for i in t["items"] if "keep" in i]
    compiler = typst.Compiler(
        str(pdf.TEMPLATE),
        root=str(pdf.TEMPLATE_DIR),
        font_paths=list(pdf.font_paths()),
        ignore_system_fonts=True,
        sys_inputs={**inputs, "measure": "1"},
    )
    heights = json.loads(compiler.query("<table-height>", field="value"))
    assert len(heights) == len(initiatives)
    for ini, measured in zip(initiatives, heights, strict=True):
        assert measured["title"] == ini["title"]
        assert pdf.estimate_lines(ini) * 10.5 >= measured["height"], ini["title"]


# --- nothing is read or fetched ------------------------------------------------------------

TYPST_SYNTAX = (
    '#read("/etc/passwd") #image("{base}/x.png") *fed* _kursiv_ $x^2$ <mærke> @ref '
    "= Overskrift #let x = 1 ```kode``` \\ [klamme] // kommentar"
)


def test_typst_syntax_in_imported_text_is_printed_literally_and_nothing_is_read(web_server):
    base, requests = web_server
    note = TYPST_SYNTAX.format(base=base)
    doc = factories.report(initiatives=1)
    ini = doc.themes[0].initiatives[0]
    ini.title = "#strong[titel] $y$"
    ini.milestones[2].status_note = note
    ini.description = f'<img src="{base}/y.png"> #include "/etc/hostname"'
    doc.reading_guide = '#eval("1 + 1") #link("https://example.org")[her]'
    content = pdf.render_report_pdf(doc)
    text = _text_of(content).replace(" ", "")
    assert requests == []
    assert note.replace(" ", "") in text
    assert "#strong[titel]$y$" in text
    assert f'<imgsrc="{base}/y.png">#include"/etc/hostname"'.replace(" ", "") in text
    assert '#eval("1+1")#link("https://example.org")[her]' in text
    assert "root:x:0:0" not in _text_of(content)
    assert b"/URI" not in content  # no link was made from report text


def test_the_compiler_cannot_read_files_outside_the_template_folder():
    with pytest.raises(pdf.PdfRenderError, match="passwd"):
        pdf.compile_pdf('#set document(title: [t])\n#read("/etc/passwd")', {})
    with pytest.raises(pdf.PdfRenderError):
        pdf.compile_pdf('#set document(title: [t])\n#read("../pdf.py")', {})


def test_the_compiler_fetches_no_urls_and_loads_no_packages(web_server):
    base, requests = web_server
    with pytest.raises(pdf.PdfRenderError):
        pdf.compile_pdf(f'#set document(title: [t])\n#image("{base}/z.png")', {})
    with pytest.raises(pdf.PdfRenderError):
        pdf.compile_pdf('#import "@preview/nonexistent-pkg:0.1.0": *\nx', {})
    assert requests == []


def test_a_typst_error_becomes_a_clear_render_error():
    with pytest.raises(pdf.PdfRenderError, match=r"Typst could not render the PDF: .*unknown"):
        pdf.compile_pdf("#set document(title: [t])\n#unknown-function()", {})


def test_a_second_reader_pdfium_reads_the_words_page_numbers_tags_and_a4(seed_bytes):
    """PDFium (as in Chrome) reads the same text as pypdf: words, not emoji; tagged; A4."""
    document = pdfium.PdfDocument(seed_bytes)
    try:
        assert pdfium_c.FPDFCatalog_IsTagged(document.raw)
        total = len(document)
        texts = []
        for number in range(total):
            page = document[number]
            width, height = page.get_size()
            assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1
            text = page.get_textpage().get_text_bounded()
            assert f"Side {number + 1} af {total}" in text
            texts.append(text)
    finally:
        document.close()
    flat = _flat("\n".join(texts))
    assert "Økonomiudvalget" in flat and "Glad: Milepælen er nået." in flat
    assert "glad" in flat and "mellemfornøjet" in flat and "sur" in flat
    assert not EMOJI.search(flat)


def test_repeated_initiative_and_theme_numbers_render_without_links_to_them():
    doc = factories.report(initiatives=2, themes=1)
    for ini in doc.themes[0].initiatives:
        ini.number = "1.1"
    doc.themes.append(factories.report(initiatives=1, themes=1).themes[0])  # theme 1 again
    text = _text_of(pdf.render_report_pdf(doc))
    assert text.count("1.1. ") >= 2


def test_a_compile_that_runs_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(pdf, "COMPILE_TIMEOUT", 0.001)
    with pytest.raises(pdf.PdfRenderError, match="did not finish"):
        pdf.compile_pdf("#set document(title: [t])\nx", {})


def test_each_initiative_says_what_changed_since_the_previous_round(seed_text):
    # The seed is round 3: 1.11 went from neutral (guessed) to happy, 3.10 is unchanged.
    flat = " ".join(seed_text.split())
    assert "Ændret siden 2. opfølgning: Smiley: mellemfornøjet → glad" in flat
    assert "Uændret siden 2. opfølgning" in flat
