"""Meeting grade, second round (issue 24), measured in real Chromium on the sample rounds: one
server for the module, one page per view, many measurements per page load."""

from __future__ import annotations

import pytest

from tests.support.browser import require_chromium, running, settled

pytestmark = pytest.mark.browser

# Each grid as the a11y table under its canvas gives it: its width, what scrolls, its headers.
GRIDS_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(g => {
  const s = g.querySelector('.dvn-scroller');
  return {scrollWidth: s.scrollWidth, clientWidth: s.clientWidth,
          scrollHeight: s.scrollHeight, clientHeight: s.clientHeight,
          heads: [...g.querySelectorAll('[role=columnheader]')].map(h => h.textContent.trim()),
          rows: g.querySelectorAll('[role=row]').length - 1};
})"""
HEADS_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].every(
  g => g.querySelector('[role=columnheader]'))"""

# The sample's December round: the first headers of each grid (the deciding columns first)
# and its rows, page by page, in nb, nn and en.
FIRST = {
    "nb": {"": [["Før", "Status"], ["Status", "Siden", "Runder uendret"],
                ["Status", "Frist", "Dager over frist"]],
           "followup": [["Status", "Frist"], ["Ansvarlig"]],
           "recommendations": [["Status", "Gjennomført"]],
           "grants": [["Avtalenr", "Partner", "Tittel", "Fra", "Til", "Type", "Utbetalt (kr)"]]},
    "nn": {"": [["Før", "Status"], ["Status", "Sidan", "Rundar uendra"],
                ["Status", "Frist", "Dagar over frist"]],
           "followup": [["Status", "Frist"], ["Ansvarleg"]],
           "recommendations": [["Status", "Gjennomført"]],
           "grants": [["Avtalenr", "Partnar", "Tittel", "Frå", "Til", "Type", "Utbetalt (kr)"]]},
    "en": {"": [["Before", "Status"], ["Status", "Since", "Rounds unchanged"],
                ["Status", "Due", "Days overdue"]],
           "followup": [["Status", "Due"], ["Responsible"]],
           "recommendations": [["Status", "Done"]],
           "grants": [["Agreement", "Partner", "Title", "From", "To", "Type",
                       "Disbursed (NOK)"]]},
}
# changed, stalled, overdue or due soon; the actions and the reminded actors; the
# recommendations; the agreements (Avtalebeløp is empty in every row of the sample: hidden)
ROWS = {"": [10, 2, 5], "followup": [13, 5], "recommendations": [7], "grants": [22]}


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """Yield the dashboard on the sample rounds, the app's own default database."""
    require_chromium()
    with running(tmp_path_factory.mktemp("meeting2") / "followup.duckdb") as server:
        yield server


@pytest.fixture(scope="module")
def laptop(browser):
    """Yield one page at 1366 × 768, the director's laptop."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    yield context.new_page()
    context.close()


def grids_of(page, url: str) -> list[dict]:
    """Open a page and return its grids as GRIDS_JS measures them."""
    page.goto(url)
    settled(page)
    page.wait_for_function(HEADS_JS)
    return page.evaluate(GRIDS_JS)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_no_grid_scrolls_sideways_at_1366_and_the_deciding_columns_come_first(
        laptop, sample_server, lang):
    measured = {path: grids_of(laptop, f"{sample_server.url}/{path}?lang={lang}")
                for path in FIRST[lang]}
    wide = {(path, g["heads"][0]): (g["scrollWidth"], g["clientWidth"])
            for path, found in measured.items() for g in found
            if g["scrollWidth"] > g["clientWidth"]}
    assert wide == {}
    tall = {(path, g["heads"][0]): (g["scrollHeight"], g["clientHeight"])
            for path, found in measured.items() for g in found
            if g["scrollHeight"] > g["clientHeight"]}
    assert tall == {}
    assert {path: [g["heads"][:len(first)] for g, first in zip(found, FIRST[lang][path])]
            for path, found in measured.items()} == FIRST[lang]
    assert {path: [g["rows"] for g in found] for path, found in measured.items()} == ROWS
