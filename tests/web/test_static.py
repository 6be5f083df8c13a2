"""The look: Det Fælles Designsystem from node_modules, collected and served locally; the frame."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.template import engines
from django.test import Client

from opfolgning.agreements.services import report_import
from opfolgning.web import staticfiles
from tests import factories

WEB_TEMPLATES = Path(staticfiles.__file__).parent / "templates" / "web"
PAGES = [
    "/",
    "/aftaler/2019/",
    "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/",
    "/aftaler/2019/opfolgning/3/",
]
_STATIC_TAG = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]\s*%\}""")
_REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


class _Resources(HTMLParser):
    """Collect the URLs a page loads: stylesheets, scripts, images, fonts, icons."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" or tag in {"use", "image"}:
            self.urls.append(values.get("href", ""))
        if tag in {"script", "img", "source", "iframe", "embed", "video", "audio", "input"}:
            self.urls.append(values.get("src", ""))
        if tag in {"img", "source"} and values.get("srcset"):
            self.urls.extend(part.split()[0] for part in values["srcset"].split(","))
        if "style" in values:
            self.urls.extend(_css_urls(values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls.extend(_css_urls(data))


def _css_urls(css: str) -> list[str]:
    urls = re.findall(r"""url\(\s*["']?([^"')]+)""", css)
    urls += re.findall(r"""@import\s+["']([^"']+)""", css)
    return urls


def _resources(html: str) -> list[str]:
    parser = _Resources()
    parser.feed(html)
    return [url for url in parser.urls if url]


def test_every_static_file_the_page_templates_name_is_found():
    names = {
        name
        for template in WEB_TEMPLATES.glob("*.html")
        for name in _STATIC_TAG.findall(template.read_text(encoding="utf-8"))
    }
    assert {"dkfds/css/dkfds.min.css", "web/site.css"} <= names
    missing = sorted(name for name in names if not finders.find(name))
    assert missing == [], f"not found by the staticfiles finders: {missing}"


def test_the_design_system_is_served_from_node_modules_but_only_what_its_css_uses(settings):
    dist = Path(settings.NODE_MODULES_DIR) / "dkfds" / "dist"
    assert finders.find("dkfds/css/dkfds.min.css") == str(dist / "css" / "dkfds.min.css")
    woff2 = "dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2"
    assert finders.find(woff2) == str(dist / woff2.removeprefix("dkfds/"))
    assert finders.find("dkfds/img/svg-icons/close.svg")
    # present in the package, never served: other themes, source maps, Sass, split fonts
    for unused in [
        "dkfds/css/dkfds-borgerdk.min.css",
        "dkfds/css/dkfds.min.css.map",
        "dkfds/scss/dkfds.scss",
        "dkfds/fonts/IBMPlexSans/split/woff/IBMPlexSans-Bold-Latin1.woff",
        "dkfds/LICENSE.md",
        "dkfds/../package.json",
    ]:
        assert not finders.find(unused), unused


def test_stylesheet_references_resolve_relative_local_urls_only():
    css = (
        "a{background:url(../img/svg-icons/plus.svg)}"
        "@font-face{src:url('../fonts/x.eot?#iefix') format('eot'),url(\"../fonts/x.woff2\")}"
        "b{background:url(data:image/png;base64,AAAA)}c{background:url(https://cdn.example/x.png)}"
        "d{background:url(/abs.png)}e{behavior:url(#default#VML)}"
    )
    assert staticfiles.stylesheet_references(css) == {
        "img/svg-icons/plus.svg",
        "fonts/x.eot",
        "fonts/x.woff2",
    }


def test_a_missing_design_system_is_a_check_error_that_says_what_to_run(settings, tmp_path):
    settings.NODE_MODULES_DIR = tmp_path
    finder = staticfiles.DesignSystemFinder()
    [error] = finder.check()
    assert error.id == "opfolgning.E001"
    assert str(tmp_path) in error.msg
    assert "make install" in (error.hint or "")
    assert list(finder.list(None)) == []
    assert finder.find("dkfds/css/dkfds.min.css") == []


def test_collectstatic_gathers_the_design_system_and_whitenoise_serves_it(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.DEBUG = False
    # the admin's own files are Django's business (and slow to compress): left out here
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])

    css = tmp_path / "dkfds" / "css" / "dkfds.min.css"
    assert css.is_file() and (tmp_path / "web" / "site.css").is_file()
    assert (tmp_path / "dkfds" / "css" / "dkfds.min.css.gz").is_file()
    assert not (tmp_path / "dkfds" / "css" / "dkfds-borgerdk.min.css").exists()
    assert not (tmp_path / "dkfds" / "scss").exists()
    # every font and icon the stylesheet names was collected, and none is remote
    text = css.read_text(encoding="utf-8")
    refs = staticfiles.stylesheet_references(text)
    assert any(ref.endswith(".woff2") for ref in refs)
    assert [r for r in refs if not (tmp_path / "dkfds" / r).is_file()] == []
    assert [u for u in _css_urls(text) if _REMOTE.match(u)] == []

    # WhiteNoise (as under gunicorn, DEBUG off) serves the collected files, compressed
    response = Client().get("/static/dkfds/css/dkfds.min.css", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert response["Content-Encoding"] == "gzip"
    font = Client().get("/static/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Bold.woff2")
    assert font.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["da", "en"])
def test_pages_load_nothing_from_other_hosts(admin_client, language):
    report_import(actor=None, document=factories.report(initiatives=2))
    admin_client.post("/i18n/setlang/", {"language": language, "next": "/"})
    for url in PAGES:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        resources = _resources(html)
        assert any(u.endswith("/dkfds/css/dkfds.min.css") for u in resources), url
        assert [u for u in resources if _REMOTE.match(u)] == [], url


def test_resource_scan_sees_remote_stylesheets_scripts_fonts_and_images():
    html = (
        '<link rel="stylesheet" href="https://cdn.example/a.css"><script src="//cdn.example/b.js">'
        '</script><img src="http://x.example/c.png" alt=""><style>@font-face{src:url(https://f.example/d.woff2)}'
        "</style><svg><use href='https://x.example/e.svg#i'></use></svg>"
        '<a href="https://example.org/">a link is not a resource</a>'
    )
    assert len([u for u in _resources(html) if _REMOTE.match(u)]) == 5


def _render_base(rf, *notes: tuple[int, str]) -> str:
    request = rf.get("/")
    request.user = AnonymousUser()
    request._messages = CookieStorage(request)
    for level, text in notes:
        messages.add_message(request, level, text)
    return engines["django"].get_template("web/base.html").render({}, request)


def test_messages_are_design_system_alerts_with_an_icon_label_and_a_live_role(rf):
    html = _render_base(
        rf,
        (messages.SUCCESS, "Gemt."),
        (messages.ERROR, "Kunne ikke gemme."),
        (messages.WARNING, "Fristen er i morgen."),
        (messages.INFO, "Opfølgningen er åbnet."),
    )
    alerts = re.findall(
        r'<div class="alert (alert-\w+)" role="(\w+)"><svg[^>]*aria-label="([^"]+)"', html
    )
    assert alerts == [
        ("alert-success", "status", "Succes"),
        ("alert-error", "alert", "Fejl"),
        ("alert-warning", "alert", "Advarsel"),
        ("alert-info", "status", "Information"),
    ]
    for text in ["Gemt.", "Kunne ikke gemme.", "Fristen er i morgen.", "Opfølgningen er åbnet."]:
        assert f'<p class="alert-text">{text}</p>' in html
    assert 'class="messages"' not in _render_base(rf)


def test_base_template_renders_the_skip_link_landmarks_and_language_form(rf):
    html = _render_base(rf)
    assert html.index('class="skipnav" href="#main"') < html.index("<header")
    assert '<main id="main"' in html and "<footer" in html
    assert re.search(r'<nav class="nav" aria-label="[^"]+"', html)
    assert '<label class="form-label" for="language">' in html
    assert '<option value="en" lang="en">English</option>' in html
    assert '<option value="da" lang="da" selected>Dansk</option>' in html
    assert 'action="/i18n/setlang/" method="post"' in html


@pytest.mark.django_db
def test_the_waiting_page_polls_with_a_local_script_and_refreshes_only_without_it(
    admin_client, settings
):
    settings.REPORT_SYNC_MAX_INITIATIVES = 0
    report_import(actor=None, document=factories.report(initiatives=1))
    response = admin_client.get(PAGES[2] + "?format=docx")
    assert response.status_code == 202
    html = response.content.decode()
    # a timed meta refresh fails WCAG 2.2.1 (axe: meta-refresh); only browsers without
    # JavaScript get it, the others ask for the progress in the background
    assert re.search(r'<noscript><meta http-equiv="refresh" content="\d+"></noscript>', html)
    assert html.count('http-equiv="refresh"') == 1
    # Besides every page's menu.js (the phone header, issue 14): the page's own poller.
    scripts = [u for u in _resources(html) if u.endswith(".js")]
    assert sorted(scripts) == ["/static/web/menu.js", "/static/web/report_pending.js"]
    assert finders.find("web/report_pending.js")
    assert '<span id="progress-text">0 %</span>' in html
