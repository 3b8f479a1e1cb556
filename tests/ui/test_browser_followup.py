"""The follow-up in depth in real headless Chromium: click an action's row, see its timeline.

On the three rounds of tests/builders.py (see test_pages_followup for the figures).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
HEADER_PX, ROW_PX = 35, 35  # the height of st.dataframe's header and rows


def open_page(page, server, path: str, charts: int) -> None:
    page.goto(f"{server.url}/{path}")
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(charts, timeout=30_000)
    expect(page.locator("[data-testid='stDataFrame']").first).to_be_visible(timeout=30_000)


def click_row(page, table, row: int) -> None:
    """Click the row marker (the selection column at the left) of a row of a table."""
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX / 2)


def test_clicking_an_actions_row_shows_its_timeline(laptop_page, three_rounds_server):
    open_page(laptop_page, three_rounds_server, "followup", 2)
    # the action table (the Purringer section below has a table of its own for editors)
    tables = laptop_page.locator(".st-key-actions_table [data-testid='stDataFrame']")
    expect(tables).to_have_count(1)
    click_row(laptop_page, tables.first, 0)
    expect(laptop_page.get_by_role("heading", name="Historikk: B1 · b1")).to_be_visible(
        timeout=20_000
    )
    expect(laptop_page.locator(".js-plotly-plot")).to_have_count(3, timeout=20_000)
    timeline = laptop_page.locator(".st-key-action_detail .js-plotly-plot")
    expect(timeline.locator(".scatterlayer .point")).to_have_count(3, timeout=20_000)
    ticks = timeline.locator(".xtick text").evaluate_all("els => els.map(e => e.textContent)")
    assert ticks == ["16.01.2012", "29.06.2012", "14.12.2012"]
    expect(
        laptop_page.get_by_text("Status og kommentar i hver av de 3 rundene som har tiltaket.")
    ).to_be_visible()
    assert "action=B1" in laptop_page.url
    assert laptop_page.locator("[data-testid='stException']").count() == 0

    click_row(laptop_page, tables.first, 1)
    expect(laptop_page.get_by_role("heading", name="Historikk: B2 · b2")).to_be_visible(
        timeout=20_000
    )
    laptop_page.get_by_role("button", name="Lukk historikken").click()
    expect(
        laptop_page.get_by_text("Klikk på en rad for å se hva tiltaket sa i hver runde (")
    ).to_be_visible(timeout=20_000)
    assert "action=" not in laptop_page.url


def test_clicking_a_stalled_action_on_the_overview_shows_its_history(
    laptop_page, three_rounds_server
):
    open_page(laptop_page, three_rounds_server, "", 1)
    expect(laptop_page.get_by_role("heading", name="Står stille")).to_be_visible()
    stalled = laptop_page.locator(".st-key-stalled_table [data-testid='stDataFrame']")
    click_row(laptop_page, stalled, 2)
    expect(laptop_page.get_by_role("heading", name="Historikk: B2 · b2")).to_be_visible(
        timeout=20_000
    )
    timeline = laptop_page.locator(".st-key-action_detail .js-plotly-plot")
    expect(timeline.locator(".scatterlayer .point")).to_have_count(3, timeout=20_000)
    assert laptop_page.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize(
    ("path", "charts"),
    [
        ("", 1),
        ("followup", 2),
        ("followup?action=B4&compare=1", 3),
        ("recommendations", 1),
        ("recommendations?lang=en&region=Europa", 1),
    ],
)
def test_the_follow_up_views_render_without_exceptions(
    laptop_page, three_rounds_server, path, charts
):
    open_page(laptop_page, three_rounds_server, path, charts)
    assert laptop_page.locator("[data-testid='stException']").count() == 0
    marks = laptop_page.locator(
        ".js-plotly-plot .barlayer .point, .js-plotly-plot .scatterlayer .trace"
    )
    expect(marks.first).to_be_attached()
    assert marks.count() > 0


def test_the_recommendations_chart_draws_a_bar_per_response(laptop_page, three_rounds_server):
    open_page(laptop_page, three_rounds_server, "recommendations", 1)
    expect(laptop_page.get_by_role("heading", level=1)).to_have_text("Anbefalinger")
    ticks = laptop_page.locator(".js-plotly-plot .ytick text").evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().top, e.textContent])"
    )
    assert [text for _, text in sorted(ticks)] == ["Enig", "Delvis enig", "Uenig", "Ikke besvart"]
    expect(
        laptop_page.get_by_text("1 anbefaling ble avvist og telles ikke i andelen.")
    ).to_be_visible()


def test_the_downloads_compare_with_the_round_chosen(laptop_page, three_rounds_server, tmp_path):
    from openpyxl import load_workbook

    from tests.support.htmldoc import parse, table_rows

    open_page(laptop_page, three_rounds_server, "?compare=1", 1)
    expect(
        laptop_page.get_by_role("heading", name="Hva er endret siden runden per 16.01.2012")
    ).to_be_visible()
    saved = {}
    for label in ("Briefing (HTML)", "Data (xlsx)"):
        with laptop_page.expect_download(timeout=60_000) as download:
            laptop_page.get_by_role("button", name=label).click()
        saved[label] = tmp_path / download.value.suggested_filename
        download.value.save_as(saved[label])
    doc = parse(saved["Briefing (HTML)"].read_text(encoding="utf-8"))
    assert doc.one(id="s-changes").one("h2").text == "Hva er endret siden runden per 16.01.2012"
    assert table_rows(doc, "t-changes") == [
        ["B2", "b2", "Hum", "Ikke gjort", "Pågår", "Ny status"],
        ["B3", "b3", "IOM", "Pågår", "Gjennomført", "Ny status"],
        ["B7", "b7", "Hum", "", "Pågår", "Nytt tiltak"],
    ]
    changes = load_workbook(saved["Data (xlsx)"])["Endringer"]
    assert [row[0].value for row in changes.iter_rows(min_row=2)] == ["B2", "B3", "B7"]


ROWS = "t => [...t.querySelectorAll('tbody tr')].map(r => [...r.querySelectorAll('td')]" \
       ".map(c => c.textContent))"


def test_a_click_on_the_due_date_header_sorts_the_actions_by_date(fresh_page, three_rounds_server):
    # regression: the due dates reached the grid as text (01.10.2012 sorted before 14.06.2011)
    open_page(fresh_page, three_rounds_server, "followup", 2)
    grid = fresh_page.locator(".st-key-actions_table [data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    aria = grid.locator("table")  # the grid draws on a canvas; its rows, in order, are here
    expect(aria.locator("th", has_text="Frist")).to_have_count(1, timeout=20_000)
    expect(aria.locator("tbody tr")).to_have_count(8, timeout=20_000)
    header = aria.locator("th").evaluate_all("hs => hs.map(h => h.textContent)")
    due = header.index("Frist")
    before = aria.evaluate(ROWS)
    by_date = sorted(before, key=lambda row: row[due])  # the cells hold ISO dates
    ids = header.index("ID")  # the deciding columns (status, due date) come first
    assert [row[ids] for row in by_date] == ["B5", "B3", "B1", "", "B2", "B7", "B6", "B4"]
    box = grid.bounding_box()
    for x in range(int(box["x"]) + 40, int(box["x"] + box["width"]), 50):  # header by header
        fresh_page.mouse.move(x, box["y"] + HEADER_PX / 2)
        fresh_page.wait_for_timeout(150)
        fresh_page.mouse.click(x, box["y"] + HEADER_PX / 2)
        fresh_page.wait_for_timeout(400)
        if aria.evaluate(ROWS) == by_date:
            break
    assert aria.evaluate(ROWS) == by_date
    shown = [row[due] for row in by_date]  # B5 has none; 2012-05-01 … 2013-06-30
    as_text = sorted(shown, key=lambda iso: ".".join(reversed(iso.split("-"))))
    assert as_text != shown  # sorted as text, the order would differ
