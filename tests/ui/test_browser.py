"""The dashboard in real headless Chromium: every page, a click on a chart, an upload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from tests.support.browser import Server
from tests.support.builders import earlier_workbook, standard_workbook, two_rounds, write_workbook

pytestmark = pytest.mark.browser
PAGES = {"": 3, "followup": 2, "grants": 3, "portfolio": 3}


def open_page(page, server, path: str, charts: int = 0) -> None:
    page.goto(f"{server.url}/{path}")
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    if charts:
        expect(page.locator(".js-plotly-plot")).to_have_count(charts, timeout=30_000)
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)


@pytest.mark.parametrize(("path", "charts"), PAGES.items())
def test_every_page_opens_with_its_charts_and_no_exception(
    laptop_page, two_rounds_server, path, charts
):
    open_page(laptop_page, two_rounds_server, path, charts)
    assert laptop_page.locator("[data-testid='stException']").count() == 0
    marks = laptop_page.locator(
        ".js-plotly-plot .barlayer .point, .js-plotly-plot .scatterlayer .trace"
    )
    expect(marks.first).to_be_visible()


def test_a_link_with_filters_opens_the_same_view(laptop_page, two_rounds_server):
    open_page(laptop_page, two_rounds_server, "grants?section=MR%2FDEM&lang=en", 3)
    expect(laptop_page.get_by_role("heading", level=1).first).to_have_text("Grants")
    expect(laptop_page.get_by_text("Filters: Section: MR/DEM")).to_be_visible()


def test_clicking_an_actors_bar_filters_the_action_table(laptop_page, two_rounds_server):
    open_page(laptop_page, two_rounds_server, "followup", 2)
    first_bar = laptop_page.locator(".js-plotly-plot").first.locator(".barlayer .point path").first
    first_bar.click(force=True)  # the drag layer above the bars takes the click, as for a user
    expect(laptop_page.get_by_text("Viser tiltak for Hum.")).to_be_visible(timeout=20_000)
    expect(laptop_page.get_by_text("3 tiltak", exact=True)).to_be_visible()


def test_the_briefing_downloads_as_one_offline_file(laptop_page, two_rounds_server, tmp_path):
    open_page(laptop_page, two_rounds_server, "", 3)
    with laptop_page.expect_download(timeout=60_000) as download:
        laptop_page.get_by_role("button", name="Briefing (HTML)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert saved.name == "oppfolging-briefing-2012-12-14.html"
    assert html.count("* plotly.js v") == 1
    assert "14.12.2012" in html


def test_the_slides_download_as_a_deck_made_on_click(laptop_page, two_rounds_server, tmp_path):
    open_page(laptop_page, two_rounds_server, "grants", 3)
    with laptop_page.expect_download(timeout=60_000) as download:
        laptop_page.get_by_role("button", name="Lysbilder (pptx)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "oppfolging-lysbilder-2012-12-14.pptx"
    deck = Presentation(str(saved))
    assert deck.slides[0].shapes.title.text_frame.text == "Statusorientering"
    assert sum(shape.has_chart for s in deck.slides for shape in s.shapes) == 4


def test_upload_shows_the_located_error_then_imports_a_good_file(
    laptop_page, two_rounds_server, tmp_path
):
    bad = write_workbook(
        tmp_path / "feil.xlsx",
        {
            "Tilskudd": [
                ["Avtalenr", "Partner", "Fra", "Til", 2011],
                ["G1", "IOM", "2011", "2012", "åtte millioner"],
            ]
        },
    )
    open_page(laptop_page, two_rounds_server, "upload")
    laptop_page.locator("input[type='file']").set_input_files(str(bad))
    expect(
        laptop_page.get_by_text(
            "Tilskudd, rad 2, kolonne 2011: «åtte millioner» er ikke et beløp", exact=False
        )
    ).to_be_visible(timeout=30_000)
    expect(laptop_page.get_by_role("button", name="Importer")).to_be_disabled()

    good = standard_workbook(tmp_path / "runde-3.xlsx")
    laptop_page.locator("input[type='file']").set_input_files(str(good))
    importer = laptop_page.get_by_role("button", name="Importer")
    expect(importer).to_be_enabled(timeout=30_000)
    importer.click()
    expect(laptop_page.get_by_text("Importert som runde 3")).to_be_visible(timeout=60_000)
    open_page(laptop_page, two_rounds_server, "", 3)
    expect(laptop_page.get_by_text("(runde-3.xlsx)", exact=False)).to_be_visible()


def test_an_import_from_the_command_line_while_the_app_is_open(
    laptop_page, two_rounds_server, tmp_path, cli
):
    open_page(laptop_page, two_rounds_server, "", 3)
    workbook = earlier_workbook(tmp_path / "fra-kommandolinjen.xlsx")
    done = cli("ingest", workbook, "--db", two_rounds_server.db, "--as-of", "2030-01-01")
    assert done.returncode == 0, done.stderr
    laptop_page.reload()
    expect(laptop_page.get_by_text("(fra-kommandolinjen.xlsx)", exact=False)).to_be_visible(
        timeout=30_000
    )
    assert laptop_page.locator("[data-testid='stException']").count() == 0


def test_a_deep_link_as_a_new_servers_first_visit_finds_its_page(laptop_page, tmp_path):
    db = two_rounds(tmp_path / "db" / "followup.duckdb", tmp_path)
    fresh = Server(db)
    context = laptop_page.context.browser.new_context()
    try:
        visit = context.new_page()
        open_page(visit, fresh, "grants", 3)
        visit.wait_for_timeout(1000)
        assert visit.get_by_text("Page not found").count() == 0
        expect(visit.get_by_role("heading", level=1).first).to_have_text("Tilskudd")
        # the navigation is dashboard.py's, not a list of the files in pages/
        navigation = visit.locator("[data-testid='stSidebarNav']")
        expect(navigation).to_contain_text("Oppfølging")
        expect(navigation).not_to_contain_text("portfolio")
    finally:
        context.close()
        fresh.stop()
