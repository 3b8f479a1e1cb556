"""Reflow and text spacing in real Chromium (WCAG 1.4.10, 1.4.12): every page at 320 CSS px
and at 200 % zoom of a 1280 px screen (640 CSS px at twice the pixels) scrolls only
vertically and cuts no text; with the text spacing of 1.4.12 no text is cut either.

Grids, charts and the charts' tables are two-dimensional content 1.4.10 lets scroll
horizontally; they are left out of the checks (they scroll inside themselves).
"""

from __future__ import annotations

import pytest

from followup import ui
from tests.support.browser import settled

pytestmark = pytest.mark.browser
PAGES = ["" if name == "overview" else url for name, url, _ in ui.PAGES] + ["upload"]
# What 1.4.12 asks a page to bear: line height 1.5, paragraphs 2 em apart, letters 0.12 em,
# words 0.16 em (the W3C's text spacing bookmarklet)
SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""
LOST_JS = """() => {
  const W = document.documentElement.clientWidth;
  const exempt = '[data-testid="stDataFrame"], [data-testid="stPlotlyChart"], '
    + '.chart-table .scroll, .sr-only, [data-testid="stSkipToContent"]';
  const text = 'h1, h2, h3, p, li, label, summary, button, a, [data-testid="stMetricValue"], '
    + '[data-testid="stMetricDelta"], [data-testid="stCaptionContainer"]';
  const scrolls = (overflow) => overflow === 'auto' || overflow === 'scroll';
  const side = document.querySelector('[data-testid="stSidebar"]');
  const closed = side && side.getBoundingClientRect().right <= 0;  // collapsed, off the page
  const clipped = (e, r) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      if (scrolls(s.overflowX) && scrolls(s.overflowY)) return false;  // the page's scroller
      const b = a.getBoundingClientRect();
      const cutX = !scrolls(s.overflowX) && (r.right > b.right + 1 || r.left < b.left - 1);
      const cutY = s.overflowY === 'hidden' || s.overflowY === 'clip'
        ? r.bottom > b.bottom + 1 : false;
      if (cutX || cutY) return true;
    }
    return false;
  };
  const lost = [];
  for (const e of document.querySelectorAll(text)) {
    if (e.closest(exempt) || !e.textContent.trim() || (closed && side.contains(e))) continue;
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const words = e.textContent.trim().slice(0, 50);
    if (r.right > W + 1 || r.left < -1) lost.push(`${e.tagName} outside: ${words}`);
    else if (clipped(e, r)) lost.push(`${e.tagName} cut: ${words}`);
    else if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden')
      lost.push(`${e.tagName} ellipsis: ${words}`);
  }
  return {width: W, scroll: document.documentElement.scrollWidth, lost}; }"""


def lost_on(page, server, path: str) -> dict:
    """Open the page; return its width, how wide it scrolls, and the text it loses."""
    page.goto(f"{server.url}/{path}")
    settled(page)
    return page.evaluate(LOST_JS)


@pytest.mark.parametrize("view", [(320, 640, 1), (640, 400, 2)], ids=["320px", "zoom200"])
def test_no_page_scrolls_sideways_or_cuts_text_at_320_px_or_200_percent(
    browser, sample_server, view
):
    width, height, scale = view
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=scale)
    page = context.new_page()
    found = {path: lost_on(page, sample_server, path) for path in PAGES}
    # the filters, in the sidebar opened over the page
    page.goto(f"{sample_server.url}/followup")
    settled(page)
    page.locator("[data-testid='stExpandSidebarButton'], "
                 "[data-testid='stSidebarCollapsedControl'] button").first.click()
    page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"]')"
                           ".getBoundingClientRect().left >= 0")  # slid in
    page.get_by_role("combobox", name="Region").wait_for()
    found["followup, sidebar"] = page.evaluate(LOST_JS)
    context.close()
    assert {p: f for p, f in found.items() if f["scroll"] > width or f["lost"]} == {}


def test_no_text_is_cut_with_the_text_spacing_of_1_4_12(laptop_page, sample_server):
    found = {}
    for path in PAGES:
        laptop_page.goto(f"{sample_server.url}/{path}")
        settled(laptop_page)
        laptop_page.add_style_tag(content=SPACING)
        settled(laptop_page)
        found[path] = laptop_page.evaluate(LOST_JS)
    assert {p: f["lost"] for p, f in found.items() if f["lost"]} == {}
