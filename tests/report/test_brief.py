"""`python -m followup brief`: one self-contained HTML file, figures equal to the queries.

The rounds (tests/builders.py, two_rounds_commented): 29.06.2012, and the standard workbook
with comments on 14.12.2012.
  actions 8 both times; done 2 of 7 applicable (28,6 %) -> 3 of 7 (42,9 %), +14,3 p.p.
  overdue 1 both times (A5, due 01.03.2012, not done)
  disbursed 2012: 2 500 000,50 = 2,5 mill. kr; 2011: 1 500 000 -> +1,0 mill. kr (66,7 %)
  multi-year share 2012: 2 000 000,50 / 2 500 000,50 = 80,0 %; 2011: 100 % -> -20,0 p.p.
  changes: A1 ongoing -> done, A6 ongoing -> partial, A8 new, A9 removed
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from followup import store
from followup.filters import Filters
from followup.i18n import date, number, percent, status_label
from followup.report.documents import brief
from tests.support.builders import (
    HOSTILE_ACTOR,
    TRICKY_ACTION_A7,
    TRICKY_COMMENTS,
    crowded_workbook,
    load,
)
from tests.support.cli import run_cli
from tests.support.htmldoc import parse, table_rows

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
# A4 landscape less the @page margins (12 mm, 10 mm) in CSS pixels (96 per inch).
PRINT_WIDTH, PRINT_HEIGHT = (297 - 24) / 25.4 * 96, (210 - 20) / 25.4 * 96
CHARTS = ["chart-completion", "chart-trend", "chart-by-type", "chart-multi-share", "chart-spend"]
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def make_brief(db, out, *options) -> str:
    done = run_cli("brief", "--db", db, "--out", out, *options)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def brief_page(two_rounds_commented_db, tmp_path_factory):
    """Return the Norwegian briefing of the latest round, unfiltered, and its path."""
    out = tmp_path_factory.mktemp("out") / "brief.html"
    return make_brief(two_rounds_commented_db, out), out


@pytest.fixture(scope="module")
def crowded_page(tmp_path_factory):
    """Return the briefing of a round with twelve actors, one named like HTML, and its path."""
    folder = tmp_path_factory.mktemp("crowded")
    db = folder / "db" / "followup.duckdb"
    load(db, crowded_workbook(folder / "crowded.xlsx"), "2012-12-14")
    return make_brief(db, folder / "crowded.html"), folder / "crowded.html"


def expected(db, name, **filters):
    with store.reader(db) as con:
        snapshot = store.latest_snapshot(con)
        params = Filters(snapshot=snapshot, **filters).params(
            previous=store.previous_snapshot(con, snapshot))
        columns, rows = store.run_query(con, name, params)
    return [dict(zip(columns, row)) for row in rows]


def squash(text: str) -> str:
    return " ".join(text.split())


def test_brief_references_nothing_outside_the_file(brief_page):
    doc = parse(brief_page[0])
    for node in doc.walk():
        for attr in ("src", "href", "srcset", "data", "poster", "action", "xlink:href"):
            value = node.attrs.get(attr)
            assert value is None or not REMOTE.match(value), (node.tag, attr, value)
        assert not (node.tag == "script" and "src" in node.attrs)
        assert "url(" not in (node.attrs.get("style") or "")
    assert doc.find_all("link") == []
    assert doc.find_all("img") == [] and doc.find_all("iframe") == []
    for style in doc.find_all("style"):
        assert "@import" not in style.text
        assert all(u.startswith("data:") for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)",
                                                              style.text))
    csp = [m for m in doc.find_all("meta") if m.attrs.get("http-equiv") ==
           "Content-Security-Policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0].attrs["content"]


def test_brief_inlines_plotly_once_and_draws_every_chart(brief_page):
    html = brief_page[0]
    assert html.count("* plotly.js v") == 1
    doc = parse(html)
    scripts = doc.find_all("script")
    assert sum("* plotly.js v" in s.text for s in scripts) == 1
    assert [d.attrs["id"] for d in doc.find_all("div", cls="plotly-graph-div")] == CHARTS
    assert len(scripts) == 1 + len(CHARTS)
    trend = next(s.text for s in scripts if '"chart-trend"' in s.text)
    assert '"29.06.2012","14.12.2012"' in trend


def test_brief_key_figures_equal_the_queries(brief_page, two_rounds_commented_db):
    doc = parse(brief_page[0])
    cards = [(k.one(cls="label").text, k.one(cls="value").text, k.one(cls="delta").text)
             for k in doc.find_all("div", cls="kpi")]
    now = expected(two_rounds_commented_db, "action_kpis")[0]
    spend = {r["year"]: r["amount_nok"] for r in expected(two_rounds_commented_db, "spend_by_year")}
    share = {r["year"]: r["multi_year_pct"]
             for r in expected(two_rounds_commented_db, "multi_year_share")}
    assert [v for _, v, _ in cards] == [
        squash(s)
        for s in (
            number(now["actions"]),
            percent(now["completion_pct"]),
            number(now["overdue"]),
            number(float(spend[2012]) / 1_000_000, 1),
            percent(share[2012]),
        )
    ]
    assert cards == [
        ("Tiltak", "8", "uendret"),
        ("Andel gjennomført", "42,9 %", "+14,3 p.p."),
        ("Forfalt", "1", "uendret"),
        ("Utbetalt 2012, mill. kr", "2,5", "+1,0 (66,7 %)"),
        ("Flerårig andel 2012", "80,0 %", "−20,0 p.p."),
    ]
    assert "forrige runde (29.06.2012) og fra 2011" in doc.one(id="s-first").text


def test_brief_action_table_equals_the_query_and_keeps_text_verbatim(
    brief_page, two_rounds_commented_db
):
    doc = parse(brief_page[0])
    want = [
        [
            r["action_id"],
            r["action"],
            r["actor"],
            status_label(r["status"]),
            date(r["due_date"]) if r["due_date"] else "",
            r["comment"] or "",
        ]
        for r in expected(two_rounds_commented_db, "action_list")
    ]
    for row, source in zip(want, expected(two_rounds_commented_db, "action_list")):
        if source["overdue"]:
            row[4] += " forfalt"
    rows = table_rows(doc, "t-actions")
    assert rows == [[squash(c) for c in r] for r in want]
    assert rows[0] == ["A1", "a1", "Hum", "Gjennomført", "30.06.2012", TRICKY_COMMENTS["A1"]]
    assert rows[4][4] == "01.03.2012 forfalt"
    assert rows[6][1] == TRICKY_ACTION_A7
    assert "<script>alert" not in brief_page[0] and "<img src=" not in brief_page[0]


def test_brief_lists_what_changed_since_the_previous_round(brief_page, two_rounds_commented_db):
    doc = parse(brief_page[0])
    rows = table_rows(doc, "t-changes")
    assert [r[0] for r in rows] == [
        r["action_id"] for r in expected(two_rounds_commented_db, "action_changes")
    ]
    assert rows == [
        ["A1", "a1", "Hum", "Pågår", "Gjennomført", "Ny status"],
        ["A6", "a6", "IOM", "Pågår", "Delvis gjennomført", "Ny status"],
        ["A8", "a8", "MR/DEM", "", "Ikke rapportert", "Nytt tiltak"],
        ["A9", "a9", "Hum", "Pågår", "", "Fjernet"],
    ]
    assert doc.one(cls="summary").text == "2 har endret status · 1 nye · 1 fjernet"


def test_brief_header_names_round_and_filters_and_rows_follow_them(
    two_rounds_commented_db, tmp_path
):
    html = make_brief(
        two_rounds_commented_db, tmp_path / "b.html", "--region", "Europa", "--section", "Hum"
    )
    doc = parse(html)
    assert doc.one(id="round").text == "Runde per 14.12.2012 (commented.xlsx)"
    assert doc.one(id="scope").text == "Utvalg: Region: Europa; Seksjon: Hum"
    assert [r[0] for r in table_rows(doc, "t-actions")] == ["A2", "A3"]
    html = make_brief(two_rounds_commented_db, tmp_path / "c.html", "--region", "Europa")
    doc = parse(html)
    assert [r[0] for r in table_rows(doc, "t-actions")] == ["A2", "A3", "A7", "A8"]
    assert [r[0] for r in table_rows(doc, "t-changes")] == ["A8"]


def test_brief_in_english(two_rounds_commented_db, tmp_path):
    doc = parse(make_brief(two_rounds_commented_db, tmp_path / "en.html", "--lang", "en"))
    assert doc.one("html").attrs["lang"] == "en"
    assert [h.text for h in doc.find_all("h2")] == [
        "Key figures",
        "Completion by actor",
        "Status over reporting rounds",
        "What changed since the previous round",
        "Stalled and deadlines",
        "Multi-year and one-year agreements",
        "Disbursed over time",
        "The actions",
    ]
    assert [k.one(cls="value").text for k in doc.find_all("div", cls="kpi")] == [
        "8",
        "42.9%",
        "1",
        "2.5",
        "80.0%",
    ]
    assert doc.one(id="scope").text == "The whole portfolio"


def test_brief_of_the_first_round_has_nothing_to_compare(two_rounds_commented_db, tmp_path):
    doc = parse(make_brief(two_rounds_commented_db, tmp_path / "first.html", "--snapshot", "1"))
    assert doc.one(id="round").text == "Runde per 29.06.2012 (earlier.xlsx)"
    assert "første runde" in doc.one(id="s-changes").text
    assert doc.find_all("table", id="t-changes") == []


def test_brief_of_an_unknown_round_fails_without_writing(two_rounds_commented_db, tmp_path):
    done = run_cli(
        "brief", "--db", two_rounds_commented_db, "--out", tmp_path / "x.html", "--snapshot", "99"
    )
    assert done.returncode == 2
    assert "Ingen runde 99" in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_brief_escapes_names_in_tables_and_charts(crowded_page):
    html = crowded_page[0]
    assert HOSTILE_ACTOR not in html and "<b>regionalt</b>" not in html
    doc = parse(html)
    assert len(doc.find_all("script")) == 1 + len(CHARTS)
    actors = [row[2] for row in table_rows(doc, "t-actions")]
    assert actors[0] == HOSTILE_ACTOR
    assert actors[1] == "Seksjon for 2. saksfelt & <b>regionalt</b> samarbeid"


def test_brief_draws_many_actors_compactly_with_a_legend(crowded_page):
    doc = parse(crowded_page[0])
    first = doc.one("section", id="s-first")
    assert "Gjennomført" in first.text and "Pågår" in first.text
    assert [d.attrs["id"] for d in doc.find_all("div", cls="plotly-graph-div")] == CHARTS


def test_render_without_rounds_says_so():
    doc = parse(brief.render(None, Filters(), "en"))
    assert "No reporting rounds are loaded yet" in doc.one("main").text


def chromium() -> str:
    """Return Chromium's path; skip when it is missing locally, fail when it is missing in CI."""
    in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if in_ci:
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    if not CHROMIUM.exists():
        if in_ci:
            pytest.fail(f"{CHROMIUM} is missing; the browser tests must run in CI")
        pytest.skip(f"{CHROMIUM} is missing")
    return str(CHROMIUM)


@pytest.mark.parametrize(
    "ci, outcome", [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_browser_tests_fail_in_ci_and_skip_locally_without_chromium(monkeypatch, ci, outcome):
    monkeypatch.setattr(f"{__name__}.CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome):
        chromium()


@pytest.mark.browser
@pytest.mark.parametrize("which", ["brief_page", "crowded_page"])
def test_brief_opens_offline_in_chromium_draws_the_charts_and_prints(which, request):
    from playwright.sync_api import sync_playwright

    path = request.getfixturevalue(which)[1]
    requested, problems = [], []

    def only_the_file(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    def console(message):
        if message.type == "error":
            problems.append(message.text)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.on("console", console)
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.route("**/*", only_the_file)
            tab.goto(path.as_uri())
            tab.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {len(CHARTS)}",
                timeout=30_000,
            )
            drawn = tab.eval_on_selector_all(
                ".js-plotly-plot",
                "els => els.map(e => [e.id, "
                "e.querySelectorAll('.main-svg').length, e.querySelectorAll('.trace').length])",
            )
            assert [d[0] for d in drawn] == CHARTS
            assert all(svgs > 0 and traces > 0 for _, svgs, traces in drawn), drawn

            tab.emulate_media(media="print")
            tab.set_viewport_size({"width": int(PRINT_WIDTH), "height": int(PRINT_HEIGHT)})
            charts = tab.eval_on_selector_all(
                ".plotly-graph-div", "els => els.map(e => e.getBoundingClientRect().right)"
            )
            assert max(charts) <= PRINT_WIDTH
            sheets = tab.eval_on_selector_all(
                "section.sheet", "els => els.map(e => [e.id, e.getBoundingClientRect().height])"
            )
            assert all(h <= PRINT_HEIGHT for _, h in sheets), sheets
            pdf = tab.pdf(format="A4", landscape=True)
        finally:
            browser.close()
    assert requested == [] and problems == []
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(sheets)
