"""Canaries of followup/ui/compat/: each patch of a framework internal proven in force on a
running server (`streamlit run dashboard.py`), so none can go missing while its own unit
tests still pass, and each steps aside with one line where Streamlit is not as it expects."""

from __future__ import annotations

import asyncio
import logging
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from streamlit import file_util

from bench.viewers import Viewer
from followup.ui.compat import gate, metrics
from tests.support.browser import VIEWPORT, running
from tests.support.builders import two_rounds

STATIC = Path(file_util.get_static_dir()) / "static" / "js"
BUNDLE = max(STATIC.glob("*.js"), key=lambda p: p.stat().st_size)  # no page asks for it first


@pytest.fixture(scope="module")
def opened_server(tmp_path_factory):
    """Yield a running dashboard on the two standard rounds after one script run (a session
    over Streamlit's websocket, so no frontend file has been asked for yet)."""
    folder = tmp_path_factory.mktemp("compat")
    with running(two_rounds(folder / "db" / "followup.duckdb", folder)) as server:
        run = asyncio.run(_one_run(server.url))
        assert run.errors == [] and run.charts > 0
        yield server


async def _one_run(url: str):
    viewer = Viewer(url)
    try:
        return await viewer.open()
    finally:
        await viewer.close()


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Return the status, headers and body of a GET (an error status too)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def logged(server) -> str:
    """Return what the server has written to its log so far."""
    server.log.flush()
    return (server.db.parent / f"streamlit-{server.port}.log").read_text(encoding="utf-8")


def test_metrics_answers_like_an_unknown_path(opened_server):
    status, _, body = get(f"{opened_server.url}/_stcore/metrics")
    assert (status, body) == get(f"{opened_server.url}/_stcore/no-such-address")[::2]
    assert b"cache_memory_bytes" not in body
    assert "followup.ui.compat: metrics in force: /_stcore/metrics removed" in logged(opened_server)
    assert "stepped aside" not in logged(opened_server)


@pytest.fixture
def compat_log():
    """Yield the lines the compat gate logs during a test."""
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    gate.LOG.addHandler(handler)
    yield lines
    gate.LOG.removeHandler(handler)


def test_a_patch_written_for_another_release_steps_aside_with_one_line(compat_log, monkeypatch):
    monkeypatch.setattr(gate, "installed", lambda package: "1.68.0")
    assert not gate.fits(metrics.PATCH, metrics.WRITTEN_FOR, lambda: "")
    assert compat_log == ["followup.ui.compat: metrics stepped aside, Streamlit's own "
                          "behaviour kept: streamlit 1.68.0, written for 1.67"]


def test_a_patch_whose_target_changed_shape_steps_aside_with_one_line(compat_log):
    assert gate.fits("probe", {"streamlit": "1.67"}, lambda: "")
    assert not gate.fits("probe", {"streamlit": "1.67"}, lambda: "no route ending in /x")
    assert not gate.fits("probe", {"streamlit": "1.67"}, lambda: {}["gone"])
    aside = "followup.ui.compat: probe stepped aside, Streamlit's own behaviour kept: "
    assert compat_log == [aside + "no route ending in /x", aside + "KeyError: 'gone'"]


def read_bytes(pid: int) -> int:
    """Return the bytes a process has read so far through read(2) and its kin (disk, pipes,
    sockets): /proc/PID/io's rchar."""
    io = Path(f"/proc/{pid}/io").read_text()
    return int(next(line.split()[1] for line in io.splitlines() if line.startswith("rchar:")))


def test_a_frontend_file_asked_for_again_is_answered_from_memory(opened_server):
    url = f"{opened_server.url}/static/js/{BUNDLE.name}"
    pid, size = opened_server.process.pid, BUNDLE.stat().st_size
    before = read_bytes(pid)
    first = get(url)
    read_first = read_bytes(pid) - before
    again = get(url)
    read_again = read_bytes(pid) - before - read_first
    assert first[0] == 200 and first[2] == BUNDLE.read_bytes() and first == again
    assert read_first >= size > 50 * read_again  # the file read once, then not again
    assert "followup.ui.compat: static_files in force" in logged(opened_server)


def test_a_pages_own_address_is_served_with_the_apps_root_for_the_frontend(opened_server):
    status, _headers, body = get(f"{opened_server.url}/grants")
    assert status == 200
    assert body.count(b"window.__streamlit = Object.assign({BACKEND_BASE_URL: root}") == 1
    assert "followup.ui.compat: page_address in force" in logged(opened_server)


def test_a_shared_tables_arrow_bytes_are_handed_out_again(opened_server):
    assert asyncio.run(_one_run(opened_server.url)).errors == []  # the overview's tables again
    assert "followup.ui.compat: arrow_bytes in force" in logged(opened_server)


@pytest.mark.browser
def test_a_new_servers_first_visit_to_a_pages_address_runs_through_the_navigation(
        browser, tmp_path):
    with running(two_rounds(tmp_path / "db" / "followup.duckdb", tmp_path)) as fresh:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(f"{fresh.url}/grants")
        expect(page.get_by_role("heading", level=1).first).to_have_text("Tilskudd",
                                                                        timeout=30_000)
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav).to_contain_text("Oversikt")  # the navigation's titles, not the file names
        expect(nav).not_to_contain_text("grants")
        context.close()
        assert "followup.ui.compat: pages_directory in force" in logged(fresh)
