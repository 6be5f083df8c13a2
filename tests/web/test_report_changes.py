"""The report shows what changed since the previous round, per initiative and counted."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from opfolgning.agreements.services import report_import
from opfolgning.exporters.html import anchor, render_report_html, report_context
from opfolgning.followup.document import EconomyDoc
from opfolgning.followup.smileys import Smiley
from opfolgning.importers import parse_path
from tests import factories

pytestmark = pytest.mark.django_db

SEED_URL = "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/"


def _changes_line(html: str, number: str) -> str:
    """Return the text of an initiative's "changes" row, tags removed."""
    table = html.split(f'id="{anchor(number)}"', 1)[1].split("</table>", 1)[0]
    row = table.split('<tr class="changes">', 1)[1].split("</tr>", 1)[0]
    cell = row.split("<td", 1)[1]
    text = re.sub(r'<span class="visually-hidden">.*?</span>', "", cell)
    return re.sub(r"<[^>]+>", "", text.split(">", 1)[1]).strip()


@pytest.fixture
def seed_page(admin_client, seed_path) -> str:
    report_import(actor=None, document=parse_path(seed_path), source_name=seed_path.name)
    # Unpublished rounds are for signed-in roles; a superuser counts as a finance officer.
    response = admin_client.get(SEED_URL)
    assert response.status_code == 200
    return response.content.decode()


# Round 3 against round 2 in the example report, read by hand from the file.
@pytest.mark.parametrize(
    ("number", "line"),
    [
        # ☹ → ☺ and the programoplæg milestone.
        (
            "1.11",
            "Ændret siden 2. opfølgning: Smiley: mellemfornøjet → glad (forbedret); ny milepæl.",
        ),
        # ☺ → ☹ with a new milestone and the first status note.
        (
            "3.20",
            "Ændret siden 2. opfølgning: Smiley: glad → mellemfornøjet (forværret); ny milepæl; "
            "status tilføjet.",
        ),
        # Empty rounds 1 and 2; round 3 starts with ☹.
        (
            "2.6",
            "Ændret siden 2. opfølgning: Smiley: ingen → mellemfornøjet (ny); ny milepæl; "
            "status tilføjet.",
        ),
        ("1.19", "Ændret siden 2. opfølgning: ny status."),
        # 😊 at both rounds, no milestone at round 3.
        ("3.10", "Uændret siden 2. opfølgning."),
    ],
)
def test_seed_report_shows_changes_since_round_2(seed_page, number, line):
    assert _changes_line(seed_page, number).replace("Se historik", "").strip() == line


def test_seed_report_overview_counts_changed_smileys(seed_page):
    # Improved, worsened, unchanged, new and not yet assessed apart (issue 14): 4.24 has no
    # smiley at round 3 and is not counted as changed.
    assert (
        '<p class="changes-summary">Indsatsernes smileys siden 2. opfølgning: 2 forbedret, '
        "2 forværret, 20 uændret, 2 vurderet for første gang, 1 endnu ikke vurderet."
    ) in seed_page
    assert seed_page.index("changes-summary") < seed_page.index("Regeltjek")


def test_every_initiative_table_has_one_changes_row(seed_page):
    assert seed_page.count('class="initiative"') == 27
    assert seed_page.count('<tr class="changes">') == 27


def test_a_first_round_report_says_nothing_about_changes(admin_client):
    report_import(actor=None, document=factories.report(round_number=1, initiatives=2))
    html = admin_client.get("/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/1/").content.decode()
    assert "changes-summary" not in html
    assert "Ændret siden" not in html and "Uændret siden" not in html
    # The live page still links each initiative to its history.
    assert html.count('class="timeline-link') == 2
    standalone = render_report_html(factories.report(round_number=1, initiatives=2))
    assert '<tr class="changes">' not in standalone


def test_standalone_html_shows_changes_without_links(seed_path):
    with translation.override("da"):
        html = render_report_html(parse_path(seed_path))
    assert '<tr class="changes">' in html
    assert "Uændret siden 2. opfølgning." in html
    assert "timeline-link" not in html


def test_changes_are_in_english_when_english_is_chosen(admin_client, seed_path):
    report_import(actor=None, document=parse_path(seed_path))
    admin_client.post("/i18n/setlang/", {"language": "en", "next": SEED_URL})
    html = admin_client.get(SEED_URL).content.decode()
    assert "Smiley: neutral → happy (better); new milestone" in html


def test_report_context_adds_keys_and_keeps_the_existing_ones(seed_path):
    doc = parse_path(seed_path)
    with translation.override("da"):
        context = report_context(doc)
    for key in ["doc", "themes", "errors", "reviews", "overview", "overview_svg", "rounds_svg"]:
        assert key in context
    assert context["changes_summary"].smiley_changed == 6
    assert context["changes"]["1.11"].smiley_changed
    assert context["changes_previous_round_label"] == "2. opfølgning"


def test_report_context_compares_economy_when_given_the_previous_round(seed_path):
    doc = parse_path(seed_path)
    # 1.11 has a sad economy at round 3 (☹ in the economy column).
    assert doc.initiatives()[0].economy.smiley is Smiley.SAD
    with translation.override("da"):
        context = report_context(doc, previous_economy={"1.11": EconomyDoc(smiley=Smiley.HAPPY)})
    assert "Økonomi: glad → sur (forværret)" in context["changes"]["1.11"].text_da
    assert context["changes"]["1.13"].economy is None


def test_changes_rows_add_no_queries_per_initiative(admin_client):
    url = "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/"
    report_import(actor=None, document=factories.report(initiatives=5))
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(url).status_code == 200
    report_import(actor=None, document=factories.report(initiatives=60, themes=6))
    with CaptureQueriesContext(connection) as large:
        html = admin_client.get(url).content.decode()
    assert html.count('<tr class="changes">') == html.count('class="initiative"') >= 60
    assert len(small.captured_queries) == len(large.captured_queries)
