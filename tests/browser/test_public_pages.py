"""The public pages in the browser, as a citizen: accessible, filters without JS, chart + table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from opfolgning.agreements import public_selectors as ps
from opfolgning.agreements.models import Round
from opfolgning.agreements.services import report_import
from opfolgning.agreements.workflow_services import round_publish
from opfolgning.importers.text import parse_text
from tests.browser.helpers import assert_accessible

LIST = "/aftaler/2019/indsatser/"
DASHBOARD = "/aftaler/2019/overblik/"


@pytest.fixture
def published(seed_path: Path) -> None:
    """The seed imported with its round 3 published."""
    doc = parse_text(seed_path.read_bytes(), source=seed_path.name)
    report_import(actor=None, document=doc, source_name=seed_path.name)
    round_publish(actor=None, round_obj=Round.objects.get(agreement__year=2019, number=3))


def test_public_pages_are_accessible_and_the_filter_form_narrows_the_list(
    published: None, page_as: Any
) -> None:
    page = page_as(None)
    page.goto(LIST)
    expect(page.locator(".public-count")).to_contain_text("27 af 27 indsatser")
    assert_accessible(page, "the public initiative list")

    page.get_by_label("Tema", exact=True).select_option("3")
    page.get_by_label("Type", exact=True).select_option("capital")
    with page.expect_navigation():
        page.get_by_role("button", name="Vis indsatser").click()
    expect(page).to_have_url(re.compile(r"tema=3.*type=capital"))
    expect(page.locator(".public-count")).to_contain_text("3 af 27 indsatser")
    assert_accessible(page, "the public initiative list, filtered")

    with page.expect_navigation():
        page.get_by_role("link", name="Legeplads Skovlunde Skole Nord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "3.17. Legeplads Skovlunde Skole Nord"
    )
    expect(page.locator(".public-timeline tbody tr")).to_have_count(3)
    assert_accessible(page, "the public initiative page")


def test_dashboard_chart_has_a_table_with_the_same_numbers(published: None, page_as: Any) -> None:
    page = page_as(None)
    page.goto(DASHBOARD)
    assert_accessible(page, "the public dashboard")
    counts = [c for c in ps.public_agreement(year=2019).theme_counts() if c.round == 3]
    chart = page.locator("#round-3-heading ~ .overview-pair svg.chart-svg")
    expect(chart).to_have_count(1)
    label = chart.get_attribute("aria-label") or ""
    rows = page.locator("#round-3-table tbody tr")
    expect(rows).to_have_count(len(counts))
    for index, row in enumerate(counts):
        cells = rows.nth(index).locator("td").all_inner_texts()
        numbers = [row.happy, row.neutral, row.sad, row.none, row.total]
        assert [int(c) for c in cells] == numbers
        # The chart's accessible description carries the same numbers as the table row.
        spoken = f"Tema {row.theme_number}: {row.happy} glad, {row.neutral} mellemfornøjet, "
        assert spoken + f"{row.sad} sur, {row.none} ingen" in label
    # A count leads into the filtered list with exactly that many initiatives.
    first = counts[0]
    assert first.happy > 0
    link = page.locator("#round-3-table tbody tr").first.locator("td a").first
    with page.expect_navigation():
        link.click()
    expect(page.locator(".public-count")).to_contain_text(f"{first.happy} af 27 indsatser")


@pytest.mark.parametrize(
    "path",
    [LIST, "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/", "/aftaler/2019/"],
)
def test_on_a_390_px_phone_the_pages_do_not_scroll_sideways(
    published: None, page_as: Any, path: str
) -> None:
    # Issue 14: wide tables scroll inside their own box, the page itself keeps to the screen.
    page = page_as(None, viewport={"width": 390, "height": 844})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for box in page.locator(".table-scroll").all():
        assert box.evaluate("e => e.getBoundingClientRect().right") <= 390
    assert_accessible(page, f"{path} at 390 px")


def test_on_a_phone_an_initiatives_table_stacks_and_names_its_cells(
    published: None, page_as: Any, tmp_path: Path
) -> None:
    # Found in the persona walk: five columns at 390 px broke words mid-word.
    page = page_as(None, viewport={"width": 390, "height": 844})
    page.goto("/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/")
    table = page.locator("table.initiative").first
    assert table.evaluate("e => getComputedStyle(e.querySelector('td')).display") == "block"
    label = table.locator('td[data-label="Tid"]').first
    assert label.evaluate("e => getComputedStyle(e, '::before').content") == '"Tid: "'
    assert table.evaluate("e => e.getBoundingClientRect().right") <= 390
    page.screenshot(path=str(tmp_path / "phone.png"))
    # On a laptop it is a table again.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert table.evaluate("e => getComputedStyle(e.querySelector('td')).display") == "table-cell"


def test_a_citizen_reads_til_beslutning_first_and_follows_se_historik_to_the_public_page(
    published: None, page_as: Any
) -> None:
    page = page_as(None)
    page.goto("/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/")
    decisions = page.locator("#til-beslutning")
    expect(decisions).to_contain_text("Forværret siden sidste opfølgning")
    assert_accessible(page, "the published report with Til beslutning")
    page.get_by_role("link", name="Se historik for indsats 1.11").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1.11.")


def test_on_a_phone_the_header_folds_into_a_menu_button(published: None, page_as: Any) -> None:
    page = page_as(None, viewport={"width": 390, "height": 844})
    page.goto(LIST)
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Log ind")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Log ind")).to_be_visible()
    assert_accessible(page, "the public list on a phone, menu open")
    page.keyboard.press("Escape")  # closes it, and the focus goes back to the button
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Log ind")).to_be_hidden()
    expect(menu).to_be_focused()
    menu.click()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(menu).to_be_hidden()
    expect(page.get_by_role("link", name="Log ind")).to_be_visible()


def test_the_follow_by_email_page_is_accessible_and_says_to_check_the_mail(
    published: None, page_as: Any
) -> None:
    page = page_as(None)
    page.goto(LIST)
    page.get_by_role("link", name="Følg med på e-mail").click()
    assert_accessible(page, "the follow-by-e-mail form")
    page.get_by_label("Din e-mailadresse").fill("borger@example.dk")
    page.get_by_role("button", name="Følg med").click()
    expect(page.locator("main")).to_contain_text("Tjek din e-mail")
    assert_accessible(page, "the follow-by-e-mail receipt")

    # The links in the mails: confirm, then unsubscribe, each a page with one button.
    from opfolgning.agreements.models import Subscription

    token = Subscription.objects.get(email="borger@example.dk").token
    page.goto(f"/abonnement/{token}/bekraeft/")
    assert_accessible(page, "the confirm-subscription page")
    page.get_by_role("button", name=re.compile("Bekræft")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit abonnement er bekræftet")
    assert Subscription.objects.get(token=token).confirmed_at is not None
    assert_accessible(page, "the subscription confirmed page")
    page.goto(f"/abonnement/{token}/afmeld/")
    assert_accessible(page, "the unsubscribe page")
    page.get_by_role("button", name=re.compile("Afmeld")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er afmeldt")
    assert not Subscription.objects.filter(token=token).exists()
    assert_accessible(page, "the unsubscribed page")
