"""Streamlit's frontend files served from memory once read (followup.ui.compat.static_files):
the same status, headers and bytes as Streamlit's own handler, and everything that must not be
kept (index.html, a Range, a condition, HEAD) still answered by Streamlit."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from streamlit import file_util
from streamlit.web.server.starlette.starlette_static_routes import (
    create_streamlit_static_handler,
)

from followup.ui.compat.static_files import KeptFiles

with warnings.catch_warnings():  # Starlette now prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

STATIC = Path(file_util.get_static_dir())
BUNDLE = sorted((STATIC / "static" / "js").glob("*.js"), key=lambda p: p.stat().st_size)[-1]
URL = f"/static/js/{BUNDLE.name}"


@pytest.fixture
def clients():
    streamlit = create_streamlit_static_handler(str(STATIC), None)
    kept = KeptFiles(create_streamlit_static_handler(str(STATIC), None))
    return TestClient(streamlit), TestClient(kept), kept


def _same(a, b) -> None:
    assert a.status_code == b.status_code
    assert a.content == b.content
    assert dict(a.headers) == dict(b.headers)


def test_a_bundle_is_read_once_then_sent_from_memory_byte_for_byte(clients):
    streamlit, kept, app = clients
    first = kept.get(URL)
    assert first.status_code == 200 and first.content == BUNDLE.read_bytes()
    assert "immutable" in first.headers["cache-control"]
    assert list(app.kept) == [("", URL)]
    again = kept.get(URL)
    _same(again, streamlit.get(URL))
    _same(again, first)


def test_index_ranges_conditions_and_head_go_to_streamlit(clients):
    streamlit, kept, app = clients
    for path in ("/", "/index.html", "/manifest.json", "/some/page"):
        _same(kept.get(path), streamlit.get(path))
    assert app.kept == {}
    etag = streamlit.get(URL).headers["etag"]
    for headers in ({"range": "bytes=0-99"}, {"if-none-match": etag}):
        got, want = kept.get(URL, headers=headers), streamlit.get(URL, headers=headers)
        _same(got, want)
        assert got.status_code in (206, 304)
    _same(kept.head(URL), streamlit.head(URL))
    _same(kept.get("/static/js/nothing-here.js"), streamlit.get("/static/js/nothing-here.js"))
    assert app.kept == {}
