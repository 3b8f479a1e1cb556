"""A page opened by its own address (`/grants`) connects without two 404s in the console.

Streamlit 1.67's frontend does not know where the app's root is: on `/grants` it first asks
`/grants/_stcore/health` and `/grants/_stcore/host-config`, which the server answers with 404
on purpose (its reserved paths), and only then the root's. The browser logs each 404 as an
error in the console. The frontend takes the root from `window.__streamlit.BACKEND_BASE_URL`
when a page sets it before the frontend's script runs (its embedding seam): the page's own
HTML (index.html, served for every page's address) is given a one-line script that sets it
to the address without its last part when that part is one of the app's pages, so a path
prefix in front of the app (a proxy's) is kept. A value set already is kept. Every other
answer passes unchanged.

Put in front of the static files' mount of the running server at the first script run, once
per process (as followup.ui.compat.static_files; the very first page of a new server is
served before it, with Streamlit's own probing): written for streamlit 1.67, whose server is a
Starlette app with one Mount named `static-assets` and whose frontend reads
`window.__streamlit`; otherwise it steps aside (followup.ui.compat.gate).
tests/ui/test_page_address_browser.py counts the 404s in Chromium.
"""

from __future__ import annotations

import json
from pathlib import Path

from streamlit import file_util

from followup.ui.compat import gate, server, static_files

PATCH = "page_address"
WRITTEN_FOR = {"streamlit": "1.67"}
HEAD = b"<head>"
SCRIPT = """<script>(() => {{
  const parts = location.pathname.replace(/\\/+$/, "").split("/");
  if ({pages}.includes(parts[parts.length - 1])) parts.pop();
  const root = location.origin + parts.join("/") + "/";
  window.__streamlit = Object.assign({{BACKEND_BASE_URL: root}}, window.__streamlit || {{}});
}})();</script>"""
_done: list[bool] = []


def script(pages: list[str]) -> bytes:
    """Return the script that sets the frontend's root for an address ending in one of pages."""
    return SCRIPT.format(pages=json.dumps(sorted(pages))).encode()


def with_script(body: bytes, tag: bytes) -> bytes:
    """Return the HTML with the script right after its `<head>` (unchanged without one)."""
    at = body.find(HEAD)
    return body if at < 0 else body[:at + len(HEAD)] + tag + body[at + len(HEAD):]


def _html(headers) -> bool:
    return any(n.lower() == b"content-type" and v.startswith(b"text/html") for n, v in headers)


class PageAddress:
    """An ASGI app in front of Streamlit's static files that puts the script in the page."""

    def __init__(self, app, pages: list[str]):
        self.app, self.tag = app, script(pages)

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        # the page is read as body messages (not handed to the server as a file to send)
        extensions = {k: v for k, v in (scope.get("extensions") or {}).items()
                      if k != "http.response.pathsend"}
        held: dict = {}

        async def edit(message):
            kind = message["type"]
            if kind == "http.response.start" and message.get("status") == 200 \
                    and _html(message.get("headers", ())):
                held.update(start=message, body=[])
                return
            if kind != "http.response.body" or "start" not in held:
                await send(message)
                return
            held["body"].append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = with_script(b"".join(held["body"]), self.tag)
            headers = [(n, v) for n, v in held["start"].get("headers", ())
                       if n.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            gate.in_force(PATCH, "a page opened by its address connects to the app's root")
            await send({**held["start"], "headers": headers})
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app({**scope, "extensions": extensions}, receive, edit)


def _shape() -> str:
    found = static_files.mount_shape()  # the one static mount, as static_files finds it
    if found:
        return found
    static = Path(file_util.get_static_dir())
    if HEAD not in (static / "index.html").read_bytes():
        return "index.html has no <head>"
    if not any(b"window.__streamlit" in p.read_bytes()
               for p in (static / "static" / "js").glob("index.*.js")):
        return "the frontend does not read window.__streamlit"
    return ""


def install(pages: list[str]) -> None:
    """Put PageAddress in front of the running server's static files (once per process)."""
    if _done or server.under_apptest():
        return
    _done.append(True)
    if not gate.fits(PATCH, WRITTEN_FOR, _shape):
        return
    for _router, route in server.routes_where(static_files.is_static_mount):
        if not isinstance(route.app, PageAddress):
            route.app = PageAddress(route.app, pages)
