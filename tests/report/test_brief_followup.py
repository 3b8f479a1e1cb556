"""The briefing and the export carry the stalled actions and the deadlines (and, when the round
has them, the recommendations), read back with exact rows against the queries.

On the three rounds of tests/builders.py; figures by hand in test_action_rounds and
test_pages_followup (R3, 14.12.2012, is the latest round).
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from followup import store
from followup.filters import Filters
from followup.i18n import date, status_label
from tests.support.cli import run_cli
from tests.support.htmldoc import parse, table_rows


@pytest.fixture(scope="module")
def brief(three_rounds_module_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "brief.html"
    done = run_cli("brief", "--db", three_rounds_module_db, "--out", out)
    assert done.returncode == 0, done.stderr
    return parse(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def book(three_rounds_module_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "data.xlsx"
    done = run_cli("export", "--db", three_rounds_module_db, "--out", out)
    assert done.returncode == 0, done.stderr
    return load_workbook(out)


def rows_of(db, name: str, **params) -> list[dict]:
    with store.reader(db) as con:
        snapshot = store.latest_snapshot(con)
        columns, rows = store.run_query(con, name, Filters(snapshot=snapshot).params(**params))
    return [dict(zip(columns, row)) for row in rows]


def sheet_rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_brief_lists_the_stalled_actions_as_the_query_does(brief, three_rounds_module_db):
    want = [[r["action_id"] or "", r["action"], r["actor"], status_label(r["status"]),
             str(r["rounds_unchanged"]), date(r["since"])]
            for r in rows_of(three_rounds_module_db, "stalled_actions", rounds=2)]
    assert table_rows(brief, "t-stalled") == want == [
        ["B1", "b1", "IOM", "Pågår", "3", "16.01.2012"],
        ["", "uten id", "MR/DEM", "Delvis gjennomført", "3", "16.01.2012"],
        ["B2", "b2", "Hum", "Pågår", "2", "29.06.2012"]]


def test_brief_lists_the_deadlines_as_the_query_does(brief, three_rounds_module_db):
    assert [r[0] for r in table_rows(brief, "t-deadlines")] == [
        r["action_id"] or "" for r in rows_of(three_rounds_module_db, "deadlines", days=90)]
    assert table_rows(brief, "t-deadlines") == [
        ["B1", "b1", "IOM", "Pågår", "01.10.2012", "74 dager over"],
        ["", "uten id", "MR/DEM", "Delvis gjennomført", "14.12.2012", "i dag"],
        ["B2", "b2", "Hum", "Pågår", "31.01.2013", "om 48 dager"],
        ["B7", "b7", "Hum", "Pågår", "14.03.2013", "om 90 dager"]]
    section = brief.one(id="s-followup")
    assert "frist senest 14.03.2013 (rundens dato og 90 dager)" in section.text
    assert "minst 2 runder på rad" in section.text


def test_export_has_the_stalled_actions_as_the_query_does(book, three_rounds_module_db):
    rows = sheet_rows(book["Står stille"])
    assert rows[0] == ["ID", "Tiltak", "Ansvarlig", "Status", "Runder uendret", "Siden"]
    assert rows[1:] == [[r["action_id"], r["action"], r["actor"], status_label(r["status"]),
                         r["rounds_unchanged"], dt.datetime.combine(r["since"], dt.time())]
                        for r in rows_of(three_rounds_module_db, "stalled_actions", rounds=2)]
    assert rows[1] == ["B1", "b1", "IOM", "Pågår", 3, dt.datetime(2012, 1, 16)]
    assert book["Står stille"]["F2"].number_format == "DD.MM.YYYY"


def test_export_has_the_deadlines_with_days_as_numbers(book, three_rounds_module_db):
    rows = sheet_rows(book["Frister"])
    assert rows[0] == ["ID", "Tiltak", "Ansvarlig", "Status", "Frist", "Dager på overtid"]
    assert [r[5] for r in rows[1:]] == [
        r["days_overdue"] for r in rows_of(three_rounds_module_db, "deadlines")
    ]
    assert [(r[0], r[4], r[5]) for r in rows[1:]] == [
        ("B1", dt.datetime(2012, 10, 1), 74),
        (None, dt.datetime(2012, 12, 14), 0),
        ("B2", dt.datetime(2013, 1, 31), -48),
        ("B7", dt.datetime(2013, 3, 14), -90),
    ]


def test_export_and_brief_follow_the_filters(three_rounds_module_db, tmp_path):
    out = tmp_path / "europa.xlsx"
    done = run_cli("export", "--db", three_rounds_module_db, "--out", out, "--region", "Europa")
    assert done.returncode == 0, done.stderr
    wb = load_workbook(out)
    assert [r[0] for r in sheet_rows(wb["Står stille"])[1:]] == [None, "B2"]
    assert [r[0] for r in sheet_rows(wb["Frister"])[1:]] == [None, "B2"]


def test_brief_of_the_first_round_says_nothing_has_stalled(three_rounds_module_db, tmp_path):
    out = tmp_path / "first.html"
    done = run_cli(
        "brief", "--db", three_rounds_module_db, "--out", out, "--snapshot", "1", "--lang", "en"
    )
    assert done.returncode == 0, done.stderr
    section = parse(out.read_text(encoding="utf-8")).one(id="s-followup")
    assert "No action has stalled." in section.text
    assert "No deadline has passed or is near." in section.text


def test_brief_carries_the_recommendations_as_the_query_does(brief, three_rounds_module_db):
    want = rows_of(three_rounds_module_db, "recommendation_status")
    rows = table_rows(brief, "t-recommendations")
    assert [r[0] for r in rows] == [r["recommendation_id"] for r in want]
    assert rows == [
        ["1", "r1", "Enig", "Gjennomført", "1", "1", "100 %"],
        ["2", "r2", "Delvis enig", "Delvis gjennomført", "2", "0", "0 %"],
        ["3", "r3", "Uenig", "Uten tiltak", "0", "0", "–"],
        ["4", "r4", "Enig", "Ikke gjort", "1", "0", "0 %"],
        ["5", "r5", "Ikke besvart", "Uten tiltak", "0", "0", "–"],
        ["6", "r6", "Enig", "Pågår", "3", "0", "0 %"],
    ]
    section = brief.one(id="s-recommendations")
    cards = [
        (k.one(cls="label").text, k.one(cls="value").text, k.one(cls="delta").text)
        for k in section.find_all("div", cls="kpi")
    ]
    assert cards == [("Anbefalinger gjennomført", "25,0 %", "\u22128,3 p.p.")]
    assert brief.find_all("div", id="chart-recommendations")


def test_export_carries_the_recommendations_as_the_query_does(book, three_rounds_module_db):
    rows = sheet_rows(book["Anbefalinger"])
    assert rows[0] == [
        "Nr",
        "Anbefaling",
        "Ledelsens svar",
        "Status",
        "Tiltak",
        "Gjennomførte tiltak",
        "Gjennomført",
    ]
    want = rows_of(three_rounds_module_db, "recommendation_status")
    assert [r[0] for r in rows[1:]] == [r["recommendation_id"] for r in want]
    assert rows[1:3] == [
        ["1", "r1", "Enig", "Gjennomført", 1, 1, 1.0],
        ["2", "r2", "Delvis enig", "Delvis gjennomført", 2, 0, 0.0],
    ]
    assert rows[3][6] is None
    assert book["Anbefalinger"]["G2"].number_format == "0.0 %"
    facts = {row[0].value: row[1] for row in book["Sammendrag"].iter_rows(min_row=2)}
    assert facts["Anbefalinger gjennomført"].value == pytest.approx(0.25)  # 1 of 4
    assert facts["Anbefalinger gjennomført"].number_format == "0.0 %"
    assert book.sheetnames[:7] == [  # three evaluations: the portfolio's sheet
        "Sammendrag",
        "Portefølje",
        "Tiltak",
        "Endringer",
        "Anbefalinger",
        "Står stille",
        "Frister",
    ]


@pytest.mark.browser
def test_brief_with_recommendations_draws_its_charts_and_prints_a_section_per_page(
    three_rounds_module_db, tmp_path
):
    from playwright.sync_api import sync_playwright

    from tests.report.test_brief import CHROMIUM_ARGS, PRINT_HEIGHT, PRINT_WIDTH, chromium

    out = tmp_path / "brief.html"
    assert run_cli("brief", "--db", three_rounds_module_db, "--out", out).returncode == 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(out.as_uri())
            tab.wait_for_function(
                "document.querySelectorAll('#chart-recommendations .main-svg').length > 0",
                timeout=30_000,
            )
            bars = tab.locator("#chart-recommendations .barlayer .point").count()
            tab.emulate_media(media="print")
            tab.set_viewport_size({"width": int(PRINT_WIDTH), "height": int(PRINT_HEIGHT)})
            sheets = tab.eval_on_selector_all(
                "section.sheet", "els => els.map(e => [e.id, e.getBoundingClientRect().height])"
            )
        finally:
            browser.close()
    assert bars == 5 * 4  # five statuses, a bar (maybe empty) for each of the four responses
    assert [s for s, _ in sheets] == [
        "s-first",
        "s-portfolio",  # the fixture's last round has three evaluations
        "s-trend",
        "s-changes",
        "s-followup",
        "s-recommendations",
        "s-multi",
        "s-spend",
        "s-actions",
    ]
    assert all(h <= PRINT_HEIGHT for _, h in sheets), sheets
