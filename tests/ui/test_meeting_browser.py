"""Meeting grade, measured in real Chromium: axes, labels, signs, text alternatives, widths."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import expect

from tests.support.browser import require_chromium, running
from tests.support.builders import crowded_workbook, load, two_rounds

pytestmark = pytest.mark.browser
IOM = quote_plus("Norad: IOMs innsats mot menneskehandel")  # the sample's first evaluation
CHART_PAGES = {"": 3, "followup": 2, "grants": 3, "portfolio": 3}
CROWDED_ROUND = 3  # dated before the two others, so it is only shown when chosen

CHARTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const texts = sel => [...plot.querySelectorAll(sel)].map(e => e.textContent.trim());
  const box = e => { const r = e.getBoundingClientRect();
                     return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const key = [...plot.closest('[data-testid="stElementContainer"]').classList]
                .find(c => c.startsWith('st-key-'));
  return {
    key: key ? key.slice(7) : null,
    x: texts('.xaxislayer-above .xtick text'), y: texts('.xaxislayer-above ~ * .ytick text, '
                                                       + '.yaxislayer-above .ytick text'),
    xtitle: texts('.g-xtitle text').join(' '), ytitle: texts('.g-ytitle text').join(' '),
    ylabels: [...plot.querySelectorAll('.yaxislayer-above .ytick text')].map(
      t => [...t.querySelectorAll('tspan.line')].map(s => s.textContent).join(' ')
           || t.textContent),
    plot: box(plot.querySelector('.nsewdrag')),
    svg: box(plot.querySelector('.main-svg')),
    points: [...plot.querySelectorAll('.scatterlayer .textpoint text')].map(
      t => ({text: t.textContent, ...box(t)})),
    bars: [...plot.querySelectorAll('.barlayer .point path')].map(box),
    notes: [...plot.querySelectorAll('.annotation-text')].map(t => t.textContent),
    legend: [...plot.querySelectorAll('.legendtext')].map(t => ({text: t.textContent,
                                                                 ...box(t)})),
  };
})"""


@pytest.fixture(scope="module")
def crowded_server(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("meeting")
    db = two_rounds(folder / "db" / "followup.duckdb", folder)
    load(db, crowded_workbook(folder / "crowded.xlsx"), "2012-01-01")
    with running(db) as server:
        yield server


def visit(browser, server, path: str, charts: int = 0, width: int = 1366, height: int = 768):
    """Open a page in a fresh session at the given viewport; wait for its charts."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server.url}/{path}")
    page.get_by_role("heading", level=1).first.wait_for(timeout=60_000)
    if charts:
        expect(page.locator(".js-plotly-plot")).to_have_count(charts, timeout=60_000)
        expect(page.locator(".js-plotly-plot .main-svg").nth(charts - 1)).to_be_attached()
        page.wait_for_timeout(800)
    return page


def overlaps(a: dict, b: dict) -> bool:
    """Return True when two client rectangles share any area."""
    return a["left"] < b["right"] and b["left"] < a["right"] and \
        a["top"] < b["bottom"] and b["top"] < a["bottom"]


def number_of(label: str) -> float:
    """Return a tick label's number (`1 250,5` and `1,250.5` alike; − as minus)."""
    text = label.replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").rstrip("%")
    return float(text.replace(",", "."))


COUNT_TITLES = ("Antall tiltak", "Antall avtaler")


@pytest.mark.parametrize(("path", "charts"), CHART_PAGES.items())
def test_no_axis_repeats_a_label_and_counts_are_whole(browser, crowded_server, path, charts):
    page = visit(browser, crowded_server, path, charts)
    for chart in page.evaluate(CHARTS_JS):
        for axis, title in ((chart["x"], chart["xtitle"]), (chart["y"], chart["ytitle"])):
            assert len(axis) == len(set(axis)), (chart["key"], title, axis)
            if title in COUNT_TITLES:
                assert all(number_of(v) == int(number_of(v)) for v in axis), (title, axis)
                assert all("," not in v for v in axis), (title, axis)
    page.close()


def test_the_small_amounts_get_the_decimals_they_need(browser, crowded_server):
    page = visit(browser, crowded_server, "grants", 3)
    amount = next(c for c in page.evaluate(CHARTS_JS) if c["key"] == "type_amount")
    # 2,5 million at most: steps of 0,5 million
    assert amount["y"] == ["0,0", "0,5", "1,0", "1,5", "2,0", "2,5"]
    count = next(c for c in page.evaluate(CHARTS_JS) if c["key"] == "type_count")
    assert count["y"] == ["0", "1", "2"]
    page.close()


def test_the_100_percent_label_is_inside_the_chart_not_clipped(browser, crowded_server):
    page = visit(browser, crowded_server, "grants", 3)
    share = next(c for c in page.evaluate(CHARTS_JS) if c["key"] == "share")
    top = next(p for p in share["points"] if p["text"] == "100\u00a0%")
    assert top["top"] >= share["plot"]["top"], (top, share["plot"])
    assert top["bottom"] <= share["plot"]["bottom"]
    page.close()


def test_spend_bars_carry_their_totals_and_the_level_label_stays_off_the_bars(browser,
                                                                             crowded_server):
    page = visit(browser, crowded_server, "portfolio", 3)
    spend = next(c for c in page.evaluate(CHARTS_JS) if c["key"] == "spend")
    # 2011: 1 000 000 + 300 000 + 200 000; 2012: 2 000 000,50 + 500 000; 2013: 750 000 − 100 000
    assert spend["notes"] == ["1,5", "2,5", "0,7"]
    level = next(entry for entry in spend["legend"] if entry["text"].startswith("Porteføljenivå"))
    assert not overlaps(level, spend["plot"])
    assert not any(overlaps(level, bar) for bar in spend["bars"])
    expect(page.get_by_role("heading", name="Største partnere, 2011–2013")).to_be_visible()
    page.close()


HYPHEN_MINUS = re.compile(r"(?<![\w\d])-\s?\d")


@pytest.mark.parametrize("path", ["", "portfolio"])
def test_negative_figures_use_the_minus_sign(browser, crowded_server, path):
    page = visit(browser, crowded_server, path, CHART_PAGES[path])
    text = page.evaluate(
        "() => document.body.innerText + ' ' + [...document.querySelectorAll("
        "'.js-plotly-plot text')].map(t => t.textContent).join(' ')"
    )
    if not path:  # Oversikt has negative figures: −20,0 p.p. (Portefølje has none since the
        assert "\u2212" in text  # planned 2013 is no longer drawn as a fall)
    assert not HYPHEN_MINUS.findall(text), HYPHEN_MINUS.findall(text)
    page.close()


def test_every_chart_has_a_text_alternative(browser, crowded_server):
    for path, charts in CHART_PAGES.items():
        page = visit(browser, crowded_server, path, charts)
        keys = [c["key"] for c in page.evaluate(CHARTS_JS)]
        words = dict(
            page.evaluate(
                "() => [...document.querySelectorAll('.sr-only[data-chart]')]"
                ".map(p => [p.dataset.chart, p.textContent])"
            )
        )
        assert set(keys) <= set(words), (path, keys, words)
        if path == "followup":
            assert words["actor_chart"] == (
                "Liggende stolper: status for 8 tiltak fordelt på 3 ansvarlige. Høyest andel "
                "gjennomført har Hum (50 %).".replace(" %", "\u00a0%")
            )
        hidden = page.locator(".sr-only").first.bounding_box()
        assert hidden["width"] <= 1 and hidden["height"] <= 1
        page.close()


def test_long_actor_names_wrap_on_two_lines_instead_of_being_cut(browser, crowded_server):
    page = visit(browser, crowded_server, f"?round={CROWDED_ROUND}", 3, width=1920, height=1080)
    small = next(c for c in page.evaluate(CHARTS_JS) if c["key"] == "small_actor")
    lines = page.evaluate("""() => [...document.querySelectorAll(
        '.st-key-small_actor .yaxislayer-above .ytick text')].map(
        t => [...t.querySelectorAll('tspan.line')].map(s => s.textContent))""")
    # "Seksjon for 2. saksfelt & <b>regionalt</b> samarbeid", drawn as written: a whole first
    # line, then the rest, shortened only where two lines cannot hold it
    second = next(label for label in lines if label and label[0] == "Seksjon for 2. saksfelt")
    assert len(second) == 2 and second[1].startswith("& <b>regionalt</b>"), second
    assert not any(label[0].endswith("…") for label in lines if label), lines
    assert "</script><script>alert(1)</script>" in small["ylabels"]
    page.close()


CUT_JS = """sel => [...document.querySelectorAll(sel)].flatMap(box =>
  [box, ...box.querySelectorAll('*')].filter(e => e.clientWidth > 0
     && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim().slice(0, 40)))"""


@pytest.mark.parametrize(
    ("width", "lang"),
    [(1280, "nb"), (1366, "nb"), (1400, "nb"), (1280, "nn"), (1280, "en"), (1366, "en")],
)
def test_key_figure_labels_values_and_changes_fit_from_1280_px(
    browser, crowded_server, width, lang
):
    page = visit(browser, crowded_server, f"?lang={lang}", 3, width=width, height=900)
    expect(page.locator("[data-testid='stMetric']")).to_have_count(5)
    assert page.evaluate(CUT_JS, "[data-testid='stMetric']") == []
    labels = page.locator("[data-testid='stMetricLabel']").all_inner_texts()
    spend = {"nb": "Utbetalt 2012, mill.\u00a0kr", "nn": "Utbetalt 2012, mill.\u00a0kr",
             "en": "Disbursed 2012, NOK\u00a0m"}
    assert labels[3].replace("\n", " ") == spend[lang]  # whole, on two lines if need be
    assert page.evaluate(CUT_JS, "[data-testid='stDownloadButton']") == []
    page.close()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_at_phone_width_the_sidebar_starts_closed_and_nothing_is_wider_than_the_screen(
    browser, crowded_server, lang
):
    for path, charts in CHART_PAGES.items():
        page = visit(browser, crowded_server, f"{path}?lang={lang}", charts, width=390, height=844)
        box = page.locator("[data-testid='stSidebar']").bounding_box()
        assert box is None or box["x"] + box["width"] <= 1, box
        assert page.evaluate(
            "() => document.elementFromPoint(195, 420)"
            ".closest('[data-testid=\"stSidebar\"]') === null"
        )
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        for chart in page.evaluate(CHARTS_JS):
            assert chart["svg"]["left"] >= 0 and chart["svg"]["right"] <= 390, chart["key"]
            assert chart["plot"]["right"] - chart["plot"]["left"] >= 150, chart["key"]
        assert page.evaluate(CUT_JS, "[data-testid='stMetric']") == []
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot .xtick text')]"
            ".map(t => parseFloat(getComputedStyle(t).fontSize))"
        )
        assert sizes and min(sizes) >= 14
        page.close()


def test_presentation_mode_lists_every_action_whole_at_projector_size(browser, crowded_server):
    page = visit(browser, crowded_server, "followup?present=1", 2, width=1920, height=1080)
    items = page.locator("ol.action-list > li")
    expect(items).to_have_count(8)
    assert page.locator("[data-testid='stDataFrame']").count() == 0
    rows = page.evaluate("""() => [...document.querySelectorAll('ol.action-list > li')].map(li => ({
      id: li.querySelector('.id')?.textContent, text: li.querySelector('.text').textContent,
      actor: li.querySelector('.actor').textContent, chip: li.querySelector('.chip').textContent,
      due: li.querySelector('.due')?.textContent || null,
      sizes: [...li.querySelectorAll('*')].filter(e => e.textContent.trim())
               .map(e => parseFloat(getComputedStyle(e).fontSize))}))""")
    assert [(r["id"], r["text"], r["actor"], r["chip"]) for r in rows][:3] == [
        ("A1", "a1", "Hum", "Gjennomført"),
        ("A2", "a2", "Hum", "Pågår"),
        ("A3", "a3", "Hum", "Bortfalt"),
    ]
    assert rows[0]["due"] == "Frist 30.06.2012"
    assert rows[4]["due"] == "Frist 01.03.2012 · forfalt"  # A5, not started, due before 14.12.
    assert min(min(r["sizes"]) for r in rows) >= 18
    assert page.evaluate(CUT_JS, "ol.action-list") == []
    page.close()


def test_the_action_list_shows_workbook_text_as_text(browser, crowded_server):
    from tests.support.builders import HOSTILE_ACTOR

    page = visit(browser, crowded_server, f"followup?round={CROWDED_ROUND}&list=1", 2, width=1366)
    expect(page.locator("ol.action-list > li")).to_have_count(12)
    actors = page.locator("ol.action-list .actor").all_inner_texts()
    assert HOSTILE_ACTOR in actors
    assert "Seksjon for 2. saksfelt & <b>regionalt</b> samarbeid" in actors
    assert page.locator("ol.action-list b, ol.action-list script").count() == 0
    page.close()


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """The dashboard on the sample rounds (six key figures, with the implementation rate)."""
    require_chromium()
    with running(tmp_path_factory.mktemp("sample") / "followup.duckdb") as server:
        yield server


@pytest.mark.parametrize(("width", "lang"), [(1280, "nn"), (1366, "nb"), (1366, "en")])
def test_six_key_figures_beside_the_sidebar_are_not_cut(browser, sample_server, width, lang):
    # regression: six cards in one row at 1366 px cut the values ("33,3…") and broke words
    page = visit(browser, sample_server, f"?lang={lang}", 3, width=width, height=900)
    expect(page.locator("[data-testid='stMetric']")).to_have_count(6)
    assert page.evaluate(CUT_JS, "[data-testid='stMetric']") == []
    tops = page.locator("[data-testid='stMetric']").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 2  # two rows of three
    page.close()


@pytest.mark.parametrize(
    ("lang", "first"),
    [
        ("nb", ("1", "Delvis gjennomført", "Enig", "2 av 3 tiltak gjennomført (67\u00a0%)")),
        ("nn", ("1", "Delvis gjennomført", "Einig", "2 av 3 tiltak gjennomførte (67\u00a0%)")),
    ],
)
def test_presentation_mode_lists_every_recommendation_whole_at_projector_size(
    browser, sample_server, lang, first
):
    page = visit(  # the IOM evaluation's seven (the sample's second evaluation has three more)
        browser, sample_server, f"recommendations?present=1&lang={lang}&evaluation={IOM}", 1,
        width=1920, height=1080
    )
    items = page.locator("ol.recommendation-list > li")
    expect(items).to_have_count(7)
    assert page.locator("[data-testid='stDataFrame']").count() == 0
    rows = page.evaluate("""() => [...document.querySelectorAll('ol.recommendation-list > li')]
      .map(li => ({head: [...li.querySelectorAll('.head > span')].map(s => s.textContent),
                   text: li.querySelector('.text').textContent,
                   sizes: [...li.querySelectorAll('*')].filter(e => e.textContent.trim())
                     .map(e => parseFloat(getComputedStyle(e).fontSize))}))""")
    assert tuple(rows[0]["head"]) == first
    assert rows[0]["text"] == (
        "Legg evalueringens anbefalinger til grunn i dialogen med IOM, sentralt og på prosjektnivå"
    )  # the workbook's own words
    assert len(rows[6]["head"]) == 3  # the rejected one has no actions to count
    assert min(min(r["sizes"]) for r in rows) >= 24
    assert page.evaluate(CUT_JS, "ol.recommendation-list") == []
    page.close()
