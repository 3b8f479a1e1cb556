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


CHART_PAGES = {"": 3, "evaluations": 2, "followup": 2, "recommendations": 1, "grants": 3,
               "portfolio": 3}
TIES_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => {
  const sentence = document.getElementById(chart.getAttribute('aria-labelledby'));
  const key = [...chart.closest('[data-testid="stElementContainer"]').classList]
    .find(c => c.startsWith('st-key-')).slice(7);
  return {key, role: chart.getAttribute('role'), sentence: sentence && sentence.textContent,
          said: sentence && sentence.dataset.chart,
          svgs: chart.querySelectorAll('svg.main-svg').length,
          hidden: chart.querySelectorAll('svg.main-svg[aria-hidden="true"]').length};
})"""


def test_every_chart_is_a_figure_named_by_its_sentence_with_its_svg_text_hidden(
    laptop_page, sample_server, two_rounds_server
):
    for path, count in CHART_PAGES.items():
        open_page(laptop_page, sample_server, f"/{path}")
        ties = laptop_page.evaluate(TIES_JS)
        assert len(ties) == count, path
        for tie in ties:
            assert tie["role"] == "figure" and tie["said"] == tie["key"], tie
            assert tie["sentence"] and tie["hidden"] == tie["svgs"] > 0, tie
            expect(laptop_page.get_by_role("figure", name=tie["sentence"])).to_be_visible()
    sentence = ("Liggende stolper: status for 8 tiltak fordelt på 3 ansvarlige. Høyest andel "
                "gjennomført har Hum (50\u00a0%).")
    open_page(laptop_page, two_rounds_server, "/followup")
    expect(laptop_page.get_by_role("figure", name=sentence)).to_be_visible()


def test_a_charts_table_view_opens_from_the_keyboard_and_reads_as_a_table(
    laptop_page, two_rounds_server
):
    page = laptop_page
    open_page(page, two_rounds_server, "/followup")
    summary = page.locator("details.chart-table summary").first  # the actors' chart
    summary.focus()
    page.keyboard.press("Enter")
    table = page.get_by_role("table").first
    expect(table).to_be_visible()
    rows = table.locator("tr").evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.textContent))")
    assert rows[:2] == [
        ["Ansvarlig", "Gjennomført", "Delvis gjennomført", "Pågår", "Ikke gjort",
         "Ikke rapportert", "Bortfalt", "Andel gjennomført"],
        ["Hum", "1", "0", "1", "0", "0", "1", "50\u00a0%"],  # A1 done, A2 ongoing, A3 dropped
    ]
    page.keyboard.press("Enter")
    expect(table).to_be_hidden()


def test_a_widget_is_named_by_its_label_as_shown_not_by_its_markdown(laptop_page, sample_server):
    # regression: the label's escapes (followup.i18n.plain) were read out, `sample\.xlsx`
    open_page(laptop_page, sample_server, "/upload")
    name = "Ja, slett runde 2 (sample.xlsx). Dataene fjernes; originalfilen og loggen beholdes."
    expect(laptop_page.get_by_role("checkbox", name=name, exact=True, include_hidden=True)
           ).to_be_attached()


def test_a_grid_toolbars_tooltip_is_in_the_language_shown(laptop_page, two_rounds_server):
    # regression: the tooltip said "Show/hide columns" on a Norwegian page
    open_page(laptop_page, two_rounds_server, "/followup")
    laptop_page.get_by_role("button", name="Vis eller skjul kolonner").first.focus()
    expect(laptop_page.get_by_role("tooltip")).to_have_text("Vis eller skjul kolonner",
                                                            timeout=10_000)
