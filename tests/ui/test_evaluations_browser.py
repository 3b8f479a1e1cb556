"""The Evalueringer page in real headless Chromium, in each language: it draws without an
error, its table has a row per evaluation and fits the screen, and a click on a row opens the
follow-up filtered to that evaluation (tests/support/portfolio_fixture.py: E1 with five
actions as of R5, E2 with two, B1 and B2)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import settled

pytestmark = pytest.mark.browser
HEADER_PX, ROW_PX = 35, 35  # the height of st.dataframe's header and rows
# the text of each row's cell in the column headed ID (or Evaluering), in the order shown
ROWS = """(t, name) => {
  const at = [...t.querySelectorAll('thead th')].findIndex(h => h.textContent === name);
  return [...t.querySelectorAll('tbody tr')].map(r => r.querySelectorAll('td')[at].textContent);
}"""
WIDE = "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
HEADINGS = {"nb": "Evalueringer", "nn": "Evalueringar", "en": "Evaluations"}


def grid(page):
    return page.locator(".st-key-portfolio_table [data-testid='stDataFrame']")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_page_shows_each_evaluation_in_each_language(laptop_page, portfolio_server, lang):
    laptop_page.goto(f"{portfolio_server.url}/evaluations?lang={lang}")
    settled(laptop_page)
    assert laptop_page.locator("[data-testid='stException']").count() == 0
    assert laptop_page.get_by_role("heading", level=1).first.inner_text().startswith(
        HEADINGS[lang])
    table = grid(laptop_page).locator("table")
    expect(table.locator("tbody tr")).to_have_count(2, timeout=20_000)
    assert table.evaluate(ROWS, {"nb": "Evaluering", "nn": "Evaluering",
                                 "en": "Evaluation"}[lang]) == ["E1", "E2"]
    assert laptop_page.locator(".js-plotly-plot").count() >= 1
    assert laptop_page.evaluate(WIDE) <= 0


def test_a_click_on_an_evaluation_opens_its_follow_up(fresh_page, portfolio_server):
    fresh_page.goto(f"{portfolio_server.url}/evaluations")
    settled(fresh_page)
    table = grid(fresh_page)
    expect(table.locator("table tbody tr")).to_have_count(2, timeout=20_000)
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    fresh_page.mouse.click(box["x"] + 14, box["y"] + HEADER_PX + ROW_PX * 1 + ROW_PX / 2)
    fresh_page.wait_for_url("**/followup?*evaluation=E2*", timeout=30_000)
    settled(fresh_page)
    actions = fresh_page.locator(".st-key-actions_table [data-testid='stDataFrame'] table")
    expect(actions.locator("tbody tr")).to_have_count(2, timeout=20_000)
    assert sorted(actions.evaluate(ROWS, "ID")) == ["B1", "B2"]


# the register's box against its scrolling width, and the headers it shows
FIT = """() => {
  const g = document.querySelector('.st-key-portfolio_table [data-testid="stDataFrame"]');
  const s = g.querySelector('.dvn-scroller');
  return {sideways: s.scrollWidth - s.clientWidth,
          heads: [...g.querySelectorAll('[role=columnheader]')].map(h => h.textContent.trim())};
}"""
FIRST = {"nb": ["Evaluering", "Gjennomført", "Akseptert", "Aksepterte gjennomført",
                "Åpne anbefalinger", "Rapport"],
         "nn": ["Evaluering", "Gjennomført", "Godteke", "Godtekne gjennomførte",
                "Opne tilrådingar", "Rapport"],
         "en": ["Evaluation", "Done", "Accepted", "Accepted implemented",
                "Open recommendations", "Report"]}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_register_does_not_scroll_sideways_at_1366(browser, portfolio_server, lang):
    """Issue 24 #1: its twelve columns scrolled sideways inside its box; the deciding ones
    are shown, the rest are in the grid's column menu."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{portfolio_server.url}/evaluations?lang={lang}")
    settled(page)
    expect(grid(page).locator("table tbody tr")).to_have_count(2, timeout=20_000)
    fit = page.evaluate(FIT)
    context.close()
    assert fit["sideways"] <= 0
    assert [h for h in fit["heads"] if h][:6] == FIRST[lang]
