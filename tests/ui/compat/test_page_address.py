"""A page's own HTML gets the script that tells Streamlit's frontend where the app's root is
(followup.ui.compat.page_address); every other answer passes unchanged."""

from __future__ import annotations

import warnings
from pathlib import Path

from streamlit import file_util
from streamlit.web.server.starlette.starlette_static_routes import (
    create_streamlit_static_handler,
)

from followup.ui.compat.page_address import PageAddress, script

with warnings.catch_warnings():  # Starlette now prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

STATIC = Path(file_util.get_static_dir())
PAGES = ["grants", "upload"]


def clients():
    handler = create_streamlit_static_handler(str(STATIC), None)
    return TestClient(handler), TestClient(PageAddress(handler, PAGES))


def test_a_pages_address_gets_the_script_right_after_head_and_its_length():
    streamlit, patched = clients()
    for address in ("/", "/grants", "/upload?lang=nn"):
        before, after = streamlit.get(address), patched.get(address)
        assert after.status_code == 200 == before.status_code
        tag = script(PAGES)
        assert after.content == before.content.replace(b"<head>", b"<head>" + tag, 1)
        assert after.content.count(b"BACKEND_BASE_URL") == 1
        assert int(after.headers["content-length"]) == len(before.content) + len(tag)
    assert b'["grants", "upload"].includes' in script(PAGES)


def test_every_other_answer_passes_unchanged():
    streamlit, patched = clients()
    bundle = next((STATIC / "static" / "js").glob("index.*.js"))
    for address in (f"/static/js/{bundle.name}", "/manifest.json", "/favicon.png"):
        before, after = streamlit.get(address), patched.get(address)
        assert (after.status_code, after.content) == (before.status_code, before.content)
        assert dict(after.headers) == dict(before.headers)
