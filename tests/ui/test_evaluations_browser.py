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
