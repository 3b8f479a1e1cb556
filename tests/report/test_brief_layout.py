"""The briefing on a tablet and on paper (issue 24 #8), on the sample rounds in nb, nn and en and
filtered by a region, measured in Chromium.

At 794 px (A4 portrait, a tablet) the page was 1029 px wide: charts were drawn 1000 px wide and
clipped at 765, the portfolio and action tables pushed past the screen. Printed on A4 landscape
the deadlines' last row and the action table's last row each stood alone on a page, and the
deadlines' heading touched the stalled table above it.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.report.test_brief import CHROMIUM_ARGS, chromium
from tests.support.cli import run_cli
from tests.support.htmldoc import parse

BRIEFS = {"nb": (), "nn": ("--lang", "nn"), "en": ("--lang", "en"),
          "nb-region": ("--region", "Afrika")}
TABLET = 794  # A4 portrait at 96 px per inch
DRAWN = "document.querySelectorAll('.js-plotly-plot .main-svg').length >= {n}"


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> dict:
    """Make the sample's briefing in each language and filter; return name -> (path, html)."""
    out = tmp_path_factory.mktemp("briefs")
    made = {}
    for name, options in BRIEFS.items():
        path = out / f"{name}.html"
        done = run_cli("brief", "--db", out / "sample.duckdb", "--out", path, *options)
        assert done.returncode == 0, done.stderr
        made[name] = (path, path.read_text(encoding="utf-8"))
    return made


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def opened(browser, path, html: str, width: int):
    tab = browser.new_page(viewport={"width": width, "height": 1123})
    tab.goto(path.as_uri())
    charts = html.count('class="plotly-graph-div"')
    tab.wait_for_function(DRAWN.format(n=charts), timeout=30_000)
    return tab


@pytest.mark.browser
@pytest.mark.parametrize("name", BRIEFS)
def test_at_794_px_nothing_scrolls_sideways_and_every_chart_fits(briefs, browser, name):
    path, html = briefs[name]
    tab = opened(browser, path, html, TABLET)
    try:
        assert tab.evaluate("document.documentElement.scrollWidth") <= TABLET
        charts = tab.evaluate("""[...document.querySelectorAll('.js-plotly-plot')].map(e => {
            const box = e.closest('figure').getBoundingClientRect();
            const page = e.closest('section').getBoundingClientRect();
            const svg = e.querySelector('.main-svg').getBoundingClientRect();
            return [e.id, svg.left >= box.left - 0.5 && box.left >= page.left,
                    svg.right <= box.right + 0.5 && box.right <= page.right, svg.width];
        })""")
        assert charts and all(left and right for _, left, right, _ in charts), charts
        assert min(w for *_, w in charts) > 300  # scaled to the container, not to nothing
    finally:
        tab.close()


PHONE = 390
# what a phone shows: the page's width, every text under 12 px (the charts' too), and each
# table against the box it scrolls in and the section around that
PHONE_JS = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const e = walker.currentNode.parentElement;
    if (!walker.currentNode.nodeValue.trim() || e.closest('script, style, .hidden')) continue;
    if (e.getBoundingClientRect().width < 1) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 12) small.push(`${size}px ${walker.currentNode.nodeValue.trim().slice(0, 30)}`);
  }
  const tables = [...document.querySelectorAll('table.data')].map(t => {
    const box = t.parentElement, page = t.closest('section').getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return [t.id, box.classList.contains('table-box')
            && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX),
            b.left >= page.left && b.right <= page.right,
            t.getBoundingClientRect().width <= b.width + 0.5 || box.scrollWidth > box.clientWidth];
  });
  return {wide: document.documentElement.scrollWidth, small, tables};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("name", BRIEFS)
def test_at_390_px_only_a_tables_own_box_scrolls_and_no_text_is_under_12_px(briefs, browser,
                                                                             name):
    # issue 24: on a phone the briefing was 704 px wide (its tables pushed the page sideways)
    # and its table headers were 11 px
    path, html = briefs[name]
    tab = opened(browser, path, html, PHONE)
    try:
        seen = tab.evaluate(PHONE_JS)
    finally:
        tab.close()
    assert seen["wide"] <= PHONE
    assert seen["small"] == []
    assert len(seen["tables"]) >= 3
    assert [t for t in seen["tables"] if not all(t[1:])] == []


@pytest.mark.browser
@pytest.mark.parametrize("name", BRIEFS)
def test_printed_no_page_holds_a_lone_row_and_headings_keep_with_what_follows(
        briefs, browser, name, tmp_path):
    path, html = briefs[name]
    tab = opened(browser, path, html, 1280)
    try:
        tab.emulate_media(media="print")
        gaps = tab.evaluate("""[...document.querySelectorAll('h3')]
            .filter(h => h.previousElementSibling)
            .map(h => h.getBoundingClientRect().top
                      - h.previousElementSibling.getBoundingClientRect().bottom)""")
        pdf = tmp_path / "brief.pdf"
        tab.pdf(path=str(pdf), format="A4", landscape=True)
    finally:
        tab.close()
    assert gaps and min(gaps) >= 12, gaps  # the deadlines' heading apart from what is above
    doc = parse(html)
    headings = [h.text.strip() for h in doc.walk() if h.tag in ("h2", "h3")
                and "hidden" not in (h.attrs.get("class") or "")]
    title = doc.one("h1").text.strip()[:20]
    keys = {row.find_all("td")[0].text.split()[0] for table in doc.find_all("table")
            for row in table.find_all("tr") if row.find_all("td")}
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()]
             for page in text.split("\f")]
    pages = [p for p in pages if p]
    assert len(pages) >= 8
    for n, lines in enumerate(pages, start=1):
        assert not any(lines[-1].startswith(h) for h in headings), (n, lines[-1])
        if lines[0].startswith(title) or any(lines[0].startswith(h) for h in headings):
            continue  # a section's own page
        rows = [line for line in lines if line.split()[0] in keys]
        assert len(rows) >= 2, (n, lines)  # a continued table brings more than one row


def test_the_briefings_key_figures_are_the_overviews_six_in_its_order(briefs):
    doc = parse(briefs["nb"][1])
    first = doc.one(id="s-first")
    cards = [(k.one(cls="label").text, k.one(cls="value").text) for k in
             first.find_all("div", cls="kpi")]
    assert cards == [("Tiltak", "18"), ("Andel gjennomført", "29,4 %"), ("Forfalt", "3"),
                     ("Anbefalinger gjennomført", "11,1 %"), ("Utbetalt 2012, mill. kr", "62,1"),
                     ("Flerårig andel 2012", "93,9 %")]


def test_a_filtered_briefing_has_the_overviews_cards_too(briefs):
    doc = parse(briefs["nb-region"][1])
    labels = [k.one(cls="label").text for k in doc.one(id="s-first").find_all("div", cls="kpi")]
    assert labels == ["Tiltak", "Andel gjennomført", "Forfalt", "Anbefalinger gjennomført",
                      "Utbetalt 2012, mill. kr", "Flerårig andel 2012"]
    assert re.search(r"Region: Afrika", doc.one(id="scope").text)
