"""Universal design beyond what axe checks, in real Chromium: Streamlit's own names in the
language shown, one h1 and headings in order, a title naming the page."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from followup import ui
from tests.support.browser import settled

pytestmark = pytest.mark.browser
PAGES = ["" if name == "overview" else url for name, url, _ in ui.PAGES] + ["upload"]
HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.getClientRects().length).map(h => [Number(h.tagName[1]), h.textContent])"""


def open_page(page, server, address: str) -> None:
    page.goto(server.url + address)
    settled(page)


def test_streamlits_own_names_follow_the_language_shown(laptop_page, two_rounds_server):
    page = laptop_page
    open_page(page, two_rounds_server, "/?lang=nb")
    expect(page.get_by_role("navigation", name="Sider")).to_be_visible()
    close = page.locator("[data-testid='stSidebarCollapseButton'] button")  # shown on hover
    expect(close).to_have_attribute("aria-label", "Skjul sidepanelet")
    expect(page.get_by_role("slider", name="År, fra")).to_be_attached()
    expect(page.get_by_role("button", name="Forklaring: Presentasjonsmodus")).to_be_visible()
    expect(page.get_by_role("link", name="Gå til hovedinnholdet")).to_be_attached()
    page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible(timeout=30_000)
    settled(page)
    expect(page.get_by_role("navigation", name="Pages")).to_be_visible()
    expect(close).to_have_attribute("aria-label", "Collapse sidebar")
    expect(page.get_by_role("slider", name="Years, from")).to_be_attached()
    expect(page.get_by_role("button", name="Help: Presentation mode")).to_be_visible()
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_each_page_has_one_h1_headings_in_order_and_a_title_naming_it(
    laptop_page, two_rounds_server, lang
):
    app = {"nb": "Oppfølging", "en": "Follow-up"}[lang]
    for path in PAGES:
        open_page(laptop_page, two_rounds_server, f"/{path}?lang={lang}")
        levels = laptop_page.evaluate(HEADINGS_JS)
        ones = [text for level, text in levels if level == 1]
        assert len(ones) == 1, (path, levels)
        main = levels[[level for level, _ in levels].index(1):]
        assert all(b <= a + 1 for (a, _), (b, _) in itertools.pairwise(main)), (path, levels)
        title = ones[0] if ones[0] == app else f"{ones[0]} – {app}"
        assert laptop_page.title() == title
