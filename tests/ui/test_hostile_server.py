"""The running app against hostile input, in real Chromium (issue 12, points 1, 6, 7): no upload
takes the server down, a name is never a link, and no page asks any host but its own."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import require_chromium, running
from tests.support.builders import (
    ACTION_HEADER,
    GRANT_HEADER,
    XLS_HUGE_ALLOCATION,
    damaged_xls,
    far_cell_workbook,
    load_sheets,
)
from tests.support.cli import run_cli

pytestmark = pytest.mark.browser
LINK = "<a href='//evil.example'>x</a>"
BOLD = "<b>Fet</b> partner"
# the pages, and whether each draws charts (a page is ready when its first one is)
PAGES = {"": True, "followup": True, "grants": True, "portfolio": True, "upload": False}


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A server on a round whose actor and partners are written as pseudo-HTML."""
    require_chromium()
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "db" / "followup.duckdb"
    load_sheets(db, {
        "Tiltak": [ACTION_HEADER, ["A1", "a1", LINK, "Hum", "Globalt", "Pågår", None],
                   ["A2", "a2", "Hum", "Hum", "Globalt", "Gjennomført", None]],
        "Tilskudd": [GRANT_HEADER, ["G1", LINK, "Hum", "Globalt", 2011, 2012, 100, 200],
                     ["G2", BOLD, "Hum", "Globalt", 2011, 2012, 300, 400]],
    }, "2012-12-14")
    with running(db) as server:
        yield server


def open_page(page, server, path: str, charts: bool = False) -> None:
    page.goto(f"{server.url}/{path}")
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    if charts:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")


def svg_links(page) -> int:
    """Return how many link elements the charts' drawings hold (the modebar's are not)."""
    return page.evaluate("document.querySelectorAll('.js-plotly-plot svg a').length")


def svg_text(page) -> str:
    """Return the charts' text, without spaces (a long label is drawn on two lines)."""
    text = page.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot svg text'))"
                         ".map(t => t.textContent).join(' | ')")
    return text.replace(" ", "")


@pytest.mark.parametrize("path", ["followup", "portfolio"])
def test_a_name_written_as_a_link_is_drawn_as_text_not_a_link(fresh_page, hostile_server, path):
    open_page(fresh_page, hostile_server, path, PAGES[path])
    expect(fresh_page.locator(".js-plotly-plot svg text").first).to_be_visible()
    assert svg_links(fresh_page) == 0
    assert LINK.replace(" ", "") in svg_text(fresh_page)
    assert (
        fresh_page.evaluate("document.querySelectorAll('.js-plotly-plot svg text b').length") == 0
    )


def test_a_name_written_as_a_link_is_no_link_in_the_briefing(fresh_page, hostile_server, tmp_path):
    out = tmp_path / "briefing.html"
    done = run_cli("brief", "--db", hostile_server.db, "--out", out)
    assert done.returncode == 0, done.stderr
    fresh_page.goto(out.as_uri())
    fresh_page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
    assert svg_links(fresh_page) == 0
    assert LINK.replace(" ", "") in svg_text(fresh_page)
    assert fresh_page.evaluate("document.querySelectorAll('a[href*=\"evil\"]').length") == 0


def test_every_request_of_every_page_goes_to_the_apps_own_server(fresh_page, hostile_server):
    requests = []
    fresh_page.on("request", lambda request: requests.append(request.url))
    for path, charts in PAGES.items():
        open_page(fresh_page, hostile_server, path, charts)
        fresh_page.wait_for_load_state("networkidle")
    elsewhere = [
        url for url in requests if not url.startswith((hostile_server.url, "data:", "blob:"))
    ]
    assert requests and elsewhere == []
    assert any("/media/" in url for url in requests)  # the page icon, served by the app


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "a1-xfd1048576.xlsx",
            lambda: far_cell_workbook("XFD1048576"),
            "Tiltak: arket går til celle XFD1048576",
        ),
        (
            "skadet.xls",
            lambda: damaged_xls(XLS_HUGE_ALLOCATION),
            "Filen skadet.xls er for stor eller for skadet til å leses",
        ),
    ],
    ids=["a1-and-xfd1048576", "xls-that-aborts-the-reader"],
)
def test_the_server_survives_the_upload_and_still_serves_pages(
    fresh_page, hostile_server, tmp_path, name, data, message
):
    path = tmp_path / name
    path.write_bytes(data())
    if name == "a1-xfd1048576.xlsx":
        assert path.stat().st_size < 5_000
    open_page(fresh_page, hostile_server, "upload")
    fresh_page.locator("input[type='file']").set_input_files(str(path))
    expect(fresh_page.get_by_text(message, exact=False).first).to_be_visible(timeout=60_000)
    expect(fresh_page.get_by_role("button", name="Importer")).to_be_disabled()
    assert hostile_server.process.poll() is None
    open_page(fresh_page, hostile_server, "", PAGES[""])
    assert fresh_page.locator("[data-testid='stException']").count() == 0


def test_the_metrics_endpoint_tells_nothing_about_sessions_or_caches(fresh_page, hostile_server):
    import urllib.request

    open_page(fresh_page, hostile_server, "", PAGES[""])
    with urllib.request.urlopen(f"{hostile_server.url}/_stcore/metrics", timeout=10) as reply:
        body = reply.read().decode()
    assert "session_events" not in body and "cache_memory_bytes" not in body
    with urllib.request.urlopen(f"{hostile_server.url}/_stcore/health", timeout=10) as reply:
        assert reply.read() == b"ok"
