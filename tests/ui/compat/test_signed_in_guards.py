"""Canaries of the guards that need sign-in (issue 22 #8, #9), on a running server with a real
OpenID Connect provider and Chromium: a download is served only to the user it was made for,
a document made on a click only for seconds (compat/media_access.py), and `clear_cache` is
refused before sign-in and to a viewer (compat/clear_cache.py)."""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.viewers import Viewer
from followup.ui.compat import media_access
from tests.support.browser import VIEWPORT, Provider, Server, free_port, require_chromium
from tests.support.builders import two_rounds
from tests.ui.test_signin import SECRETS, sign_in

pytestmark = pytest.mark.browser
CLEAR_CACHE = list(BackMsg(clear_cache=True).SerializeToString())
# a second websocket from a signed-in page, with its cookies and XSRF token, as the app's own
SEND = """async (bytes) => {
  const xsrf = decodeURIComponent((document.cookie.split('; ')
    .find(c => c.startsWith('_streamlit_xsrf=')) || '=').split('=').slice(1).join('='));
  const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/_stcore/stream',
                           ['streamlit', xsrf]);
  ws.binaryType = 'arraybuffer';
  await new Promise((done, failed) => { ws.onopen = done; ws.onerror = failed; });
  ws.send(new Uint8Array(bytes));
  await new Promise(done => setTimeout(done, 1500));
  ws.close();
}"""


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("guards")
    db = two_rounds(folder / "db" / "followup.duckdb", folder)
    provider = Provider(folder)
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(SECRETS.format(port=port, provider=provider.url), encoding="utf-8")
    server = Server(db, options=["--secrets.files", str(secrets)], port=port)
    server.provider = provider
    yield server
    server.stop()
    provider.stop()


@pytest.fixture
def signed_in(browser, guarded_server):
    """Return sign_in_as(sub) -> a page of a new browser context signed in as sub."""
    contexts = []

    def sign_in_as(sub: str):
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, guarded_server, sub)
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        return page

    yield sign_in_as
    for context in contexts:
        context.close()


def anonymous(url: str) -> tuple[int, bytes]:
    """Return the status and body of a GET without any cookie."""
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def as_user(page, url: str) -> tuple[int, bytes]:
    """Return the status and body of a GET with the page's cookies."""
    reply = page.request.get(url)
    return reply.status, reply.body()


def logged(server) -> str:
    server.log.flush()
    return (server.db.parent / f"streamlit-{server.port}.log").read_text(encoding="utf-8")


def test_a_document_made_on_a_click_is_served_only_to_its_user_and_only_for_seconds(
        guarded_server, signed_in):
    viewer = signed_in("leder@mfa.no")
    with viewer.expect_download(timeout=120_000) as download:
        viewer.get_by_role("button", name="Data (xlsx)").click()
    made = time.monotonic()
    url = download.value.url
    unknown = anonymous(f"{guarded_server.url}/media/{'0' * 56}.xlsx")
    assert unknown[0] == 404
    assert anonymous(url) == unknown
    status, body = as_user(viewer, url)
    assert status == 200 and body == download.value.path().read_bytes()
    other = signed_in("annen@mfa.no")
    assert as_user(other, url) == unknown
    time.sleep(max(0.0, made + media_access.DOWNLOAD_SECONDS + 1 - time.monotonic()))
    assert as_user(viewer, url) == unknown
    assert "media_access in force" in logged(guarded_server)


def test_a_file_a_page_holds_is_served_only_to_the_user_of_that_page(guarded_server, signed_in):
    editor = signed_in("kari@mfa.no")
    editor.locator("[data-testid='stSidebarNav']").get_by_text("Last opp").click()
    with editor.expect_download(timeout=120_000) as download:  # the same file on every run
        editor.get_by_role("button", name="Last ned mal (xlsx)").click()
    url = download.value.url
    time.sleep(media_access.DOWNLOAD_SECONDS + 1)  # held by the page: no time limit
    status, body = as_user(editor, url)
    assert status == 200 and body == download.value.path().read_bytes()
    assert anonymous(url)[0] == 404
    assert as_user(signed_in("leder@mfa.no"), url)[0] == 404


async def _clear_cache_unsigned(url: str) -> None:
    viewer = Viewer(url)
    try:
        run = await viewer.open()
        assert "Logg inn" in " ".join(run.texts) or run.errors == []
        await viewer.socket.send(bytes(CLEAR_CACHE))
        await asyncio.sleep(1.5)
    finally:
        await viewer.close()


def test_clear_cache_is_refused_before_sign_in_and_to_a_viewer_not_to_an_editor(
        guarded_server, signed_in):
    with ThreadPoolExecutor(1) as apart:  # Playwright's loop runs in this thread
        apart.submit(asyncio.run, _clear_cache_unsigned(guarded_server.url)).result()
    signed_in("leder@mfa.no").evaluate(SEND, CLEAR_CACHE)
    signed_in("kari@mfa.no").evaluate(SEND, CLEAR_CACHE)
    log = logged(guarded_server)
    assert "clear_cache in force" in log
    assert "clear_cache refused to a session of nobody signed in" in log
    assert "clear_cache refused to a session of leder@mfa.no" in log
    assert "refused to a session of kari@mfa.no" not in log
