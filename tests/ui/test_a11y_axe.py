"""WCAG 2.1 A and AA measured in real Chromium: axe-core (axe-playwright-python) over every page
in nb, nn and en on a laptop (1366 px) and a phone (390 px), and in presentation mode on a
projector; one server and one browser for all, a page reused from view to view."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from followup import ui
from tests.support.browser import settled

pytestmark = pytest.mark.browser
PAGES = ["" if name == "overview" else url for name, url, _ in ui.PAGES] + ["upload"]
# the rules of WCAG 2.0 and 2.1, levels A and AA, and axe's best practices (heading order,
# one h1, landmarks, …)
RULES = {"runOnly": {"type": "tag",
                     "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
         "resultTypes": ["violations"]}
VIEWS = {  # viewport, languages, what the address adds
    "laptop": ((1366, 768), ("nb", "nn", "en"), ""),
    "phone": ((390, 844), ("nb", "nn", "en"), ""),
    "projector": ((1920, 1080), ("nb",), "&present=1"),
}

OPEN_TABLES = "() => document.querySelectorAll('details.chart-table').forEach(d => d.open = true)"


def violations(page) -> list[str]:
    """Return axe's violations on the page as it is, one line each: rule, impact, how many
    elements, the first of them."""
    found = Axe().run(page, options=RULES).response["violations"]
    return [f"{v['id']} ({v['impact']}) ×{len(v['nodes'])}: {v['nodes'][0]['html'][:160]}"
            for v in found]


@pytest.mark.parametrize("view", VIEWS)
def test_no_page_breaks_a_wcag_rule_axe_checks(browser, sample_server, view):
    (width, height), langs, extra = VIEWS[view]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    found = {}
    for lang in langs:
        for path in PAGES:
            address = f"/{path}?lang={lang}{extra}"
            page.goto(sample_server.url + address)
            settled(page)
            page.evaluate(OPEN_TABLES)  # the charts' table views are checked open
            found[address] = violations(page)
    context.close()
    assert len(found) == len(langs) * len(PAGES)
    assert {address: lines for address, lines in found.items() if lines} == {}
