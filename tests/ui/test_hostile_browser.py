"""The running app in Chromium over two rounds whose every text field is hostile (issue 22 #3):
with every request intercepted, no page asks any host but the app's own, and no page holds an
element the workbook's text would make if read as Markdown or HTML (an image or link outside,
KaTeX, an icon, an emoji, a colour); the hostile text is shown as written; the meeting pack and
the reminders' drafts download."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support.browser import require_chromium, running, settled
from tests.support.hostile import HOSTILE, OUTSIDE, hostile_rounds

pytestmark = pytest.mark.browser
WORD_JOINER = "\u2060"
# the pages (query string included) and whether each draws charts
PAGES = {"": True, "followup": True, "followup?list=1": True, "followup?present=1": True,
         "recommendations": True, "grants": True, "portfolio": True, "upload": False}
# elements that workbook text read as Markdown or HTML would make; the app itself makes none
FOREIGN = """() => {
  const local = (url) => url.startsWith(location.origin) || /^(data|blob):/.test(url);
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const fetched = /^(src|srcset|href|xlink:href|action|formaction|poster|data|background)$/
        .test(attr.name) || (attr.name === 'style' && attr.value.includes('url('));
      if (fetched && attr.value.includes(OUTSIDE))
        found.push(el.tagName + ' ' + attr.name + '=' + attr.value);
    }
    if (el.tagName === 'IMG' && !local(el.src)) found.push('img ' + el.src);
    if (el.tagName === 'A' && el.href && !local(el.href)) found.push('a ' + el.href);
    if (el.tagName === 'IFRAME' || el.tagName === 'OBJECT' || el.tagName === 'EMBED')
      found.push(el.tagName);
  }
  const md = '[data-testid="stMarkdownContainer"] ';
  for (const sel of ['.katex', md + 'img', md + '[role="img"]', 'streamlit-help-icon',
                     md + 'blockquote']) {
    for (const el of document.querySelectorAll(sel))
      found.push(sel + ' ' + el.outerHTML.slice(0, 80));
  }
  if (document.body.innerText.includes('\\u{1F604}')) found.push('emoji');
  return found;
}""".replace("OUTSIDE", repr(OUTSIDE))


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("hostile-browser")
    db = folder / "db" / "followup.duckdb"
    hostile_rounds(db, folder / "in")
    with running(db) as server:
        yield server


@pytest.fixture
def guarded_page(browser, hostile_server):
    """Yield a fresh page whose every request outside the app's server is recorded and
    refused, and the list of those requests."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000},
                                  accept_downloads=True)
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(hostile_server.url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("websocket", lambda ws: None if ws.url.startswith(
        hostile_server.url.replace("http", "ws")) else outside.append(ws.url))
    yield page, outside
    context.close()


def open_page(page, server, path: str, charts: bool) -> None:
    page.goto(f"{server.url}/{path}")
    page.get_by_role("heading", level=1).first.wait_for(timeout=60_000)
    if charts:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")


def shown(page) -> str:
    return page.evaluate("document.body.innerText").replace(WORD_JOINER, "")


@pytest.mark.parametrize("path", list(PAGES))
def test_no_request_leaves_the_server_and_no_foreign_element_appears(
        guarded_page, hostile_server, path):
    page, outside = guarded_page
    open_page(page, hostile_server, path, PAGES[path])
    opened = "[data-testid='stExpander'] summary, details.chart-table summary"
    for summary in page.locator(opened).all():
        summary.click()  # the reminders' previews, the upload's problems, the charts' tables
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.evaluate(FOREIGN) == []
    assert outside == []


def test_hostile_text_is_shown_as_written(guarded_page, hostile_server):
    page, outside = guarded_page
    open_page(page, hostile_server, "followup", True)
    for summary in page.locator("[data-testid='stExpander'] summary").all():
        summary.click()
    text = shown(page)
    for written in (HOSTILE[0], HOSTILE[6], HOSTILE[11], "$\\href{https://evil.example}{x}$",
                    ":smile: :streamlit: :material/home:"):
        assert written in text
    assert outside == []


def test_the_meeting_pack_and_the_drafts_download(guarded_page, hostile_server):
    page, outside = guarded_page
    open_page(page, hostile_server, "followup", True)
    names = []
    for label in ("Briefing (HTML)", "Lysbilder (pptx)", "Data (xlsx)",
                  "Last ned e-postene (.eml i zip)"):
        settled(page)  # a click during the previous click's rerun may be lost
        try:
            with page.expect_download(timeout=45_000) as download:
                page.get_by_role("button", name=label).click()
            download.value  # noqa: B018 (raises when nothing came)
        except PlaywrightTimeout:  # KNOWN FLAKE (about 1 in 4 runs): a click that starts no
            settled(page)  # download; clicked once more, and noted on the issue to be found
            with page.expect_download(timeout=60_000) as download:
                page.get_by_role("button", name=label).click()
        names.append(download.value.suggested_filename)
        assert download.value.failure() is None
    assert names == ["oppfolging-briefing-2012-12-14.html", "oppfolging-lysbilder-2012-12-14.pptx",
                     "oppfolging-data-2012-12-14.xlsx", "purringer-2012-12-14.zip"]
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    assert outside == []
