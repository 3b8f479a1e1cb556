"""No 404 in the browser's console when a page is opened by its own address (issue 24, point
11), counted in real Chromium on the sample rounds at 1366 and 390 px, each address in a new
tab in one of nb, nn and en (in turn): every answer of 400 or more and every console error
(followup.ui.compat.page_address)."""

from __future__ import annotations

import pytest

from followup import ui
from tests.support.browser import settled

pytestmark = pytest.mark.browser

ADDRESSES = [url for name, url, _ in ui.PAGES if name != "overview"] + ["upload"]
VIEWPORTS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("view", VIEWPORTS)
def test_no_404_when_a_page_is_opened_by_its_own_address(browser, sample_server, view):
    context = browser.new_context(viewport=VIEWPORTS[view])
    page = context.new_page()
    page.goto(sample_server.url)  # the server's first script run puts the patch in place
    settled(page)
    failed, errors, opened = [], [], 0
    for i, address in enumerate(ADDRESSES):
        lang = ("nb", "nn", "en")[i % 3]
        fresh = context.new_page()  # a new tab: the address typed, not a click in the app
        fresh.on("response",
                 lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
        fresh.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        fresh.goto(f"{sample_server.url}/{address}?lang={lang}")
        settled(fresh)
        fresh.wait_for_timeout(300)
        assert fresh.locator("h1").first.is_visible()
        opened += 1
        fresh.close()
    context.close()
    assert opened == len(ADDRESSES)
    assert failed == []
    assert errors == []
