"""The page's top row and the overview's three small charts (issue 24, point 11), measured in
real Chromium on the sample rounds in nb, nn and en: the three download buttons stay on one
row at 1366 (and 1280) and inside the screen at 390; the three small charts' headings, and
the charts under them, start on one line whichever heading wraps."""

from __future__ import annotations

import pytest

from tests.support.browser import settled

pytestmark = pytest.mark.browser

LANGS = ("nb", "nn", "en")
# the briefing, the slides and the data (followup.ui.DOWNLOADS' keys)
BUTTONS_JS = """() => [...document.querySelectorAll(['dl_brief', 'dl_slides', 'dl_data']
    .map(key => `.st-key-${key} [data-testid="stDownloadButton"]`).join(', '))]
  .map(b => b.getBoundingClientRect())
  .map(r => [Math.round(r.top), r.left, r.right])"""
SMALL_JS = """() => ['small_actor', 'small_spend', 'small_type'].map(key => {
  const column = document.querySelector('.st-key-' + key).closest('[data-testid="stColumn"]');
  const heading = column.querySelector('h2').getBoundingClientRect();
  const chart = column.querySelector('[data-testid="stPlotlyChart"]').getBoundingClientRect();
  return [Math.round(heading.top), Math.round(chart.top)];
})"""


@pytest.fixture(scope="module")
def context(browser):
    """Yield a browser context for the module (its viewport set per test)."""
    made = browser.new_context(viewport={"width": 1366, "height": 768})
    yield made
    made.close()


def measure(context, server, width: int, path: str, script: str) -> dict[str, list]:
    """Open the page at the width in each language and return what script measures."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 768})
    found = {}
    for lang in LANGS:
        page.goto(f"{server.url}/{path}?lang={lang}")
        settled(page)
        found[lang] = page.evaluate(script)
    page.close()
    return found


@pytest.mark.parametrize("width", [1366, 1280])
@pytest.mark.parametrize("path", ["", "followup", "recommendations"])
def test_the_three_download_buttons_stay_on_one_row(context, sample_server, width, path):
    found = measure(context, sample_server, width, path, BUTTONS_JS)
    assert {lang: len(buttons) for lang, buttons in found.items()} == dict.fromkeys(LANGS, 3)
    assert {lang: len({top for top, _, _ in buttons}) for lang, buttons in found.items()} == \
        dict.fromkeys(LANGS, 1)


def test_the_download_buttons_stay_inside_a_phones_screen(context, sample_server):
    found = measure(context, sample_server, 390, "", BUTTONS_JS)
    assert all(len(buttons) == 3 for buttons in found.values())
    assert all(left >= 0 and right <= 390 for buttons in found.values()
               for _, left, right in buttons)


@pytest.mark.parametrize("width", [1366, 1280])
def test_the_three_small_charts_headings_and_charts_start_on_one_line(context, sample_server,
                                                                      width):
    found = measure(context, sample_server, width, "", SMALL_JS)
    # at 1280 "Fleirårig og eittårig" (nn) and "Disbursed per year" (en) take two lines
    assert {lang: len({heading for heading, _ in small}) for lang, small in found.items()} == \
        dict.fromkeys(LANGS, 1)
    assert {lang: len({chart for _, chart in small}) for lang, small in found.items()} == \
        dict.fromkeys(LANGS, 1)
