"""Streamlit's frontend files, served from memory once read.

Every new browser fetches the frontend's files: for our pages 129 of them, 9.3 MB (the data
grid, the widgets, plotly), against 67 for a hello-world page. Streamlit 1.67 serves each
from disk through Starlette's StaticFiles: a stat, an open, reads and a close, each on a
worker thread, about 1 ms of server CPU a file, two thirds of what a new viewer cost the
server. The files are package content named by their hash and served as immutable, so the
first answer for each one is kept (status, headers and body, byte for byte) and sent again
to the next browser asking the same without conditions. A request with a Range or a
condition (If-None-Match, If-Modified-Since), any method but GET, any answer but 200 or one
that may not be cached for long (index.html, the manifest: no-cache) goes to Streamlit as
before.

Put in front of the static files' mount of the running server at the first script run, once
per process: written for streamlit 1.67, whose server is a Starlette app with one Mount named
`static-assets`; otherwise it steps aside (followup.ui.compat.gate). This is middleware that
`st.App(middleware=...)` could hold, were dashboard.py an st.App (see followup.ui.compat).
"""

from __future__ import annotations

import threading

from followup.ui.compat import gate, server

PATCH = "static_files"
WRITTEN_FOR = {"streamlit": "1.67"}
MOUNT = "static-assets"
IMMUTABLE = b"immutable"
_BYPASS = (b"range", b"if-none-match", b"if-modified-since", b"if-range")
MAX_FILE = 16 * 1024 * 1024
_done: list[bool] = []


class KeptFiles:
    """An ASGI app in front of Streamlit's static files, answering from memory once read."""

    def __init__(self, app):
        self.app = app
        self.kept: dict[tuple[str, str], tuple[list, bytes]] = {}
        self._lock = threading.Lock()

    def _cacheable(self, scope) -> bool:
        if scope.get("type") != "http" or scope.get("method") != "GET":
            return False
        return not any(name.lower() in _BYPASS for name, _ in scope.get("headers", ()))

    async def __call__(self, scope, receive, send):
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        key = (scope.get("root_path", ""), scope.get("path", ""))
        kept = self.kept.get(key)
        if kept is not None:
            headers, body = kept
            gate.in_force(PATCH, "a frontend file answered from memory")
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        start, parts = {}, []

        async def keep(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, start, parts)  # before the browser has the last byte
            await send(message)

        await self.app(scope, receive, keep)

    def _keep(self, key: tuple[str, str], start: dict, parts: list[bytes]) -> None:
        headers = list(start.get("headers", ()))
        cache = b"".join(v for n, v in headers if n.lower() == b"cache-control")
        length = b"".join(v for n, v in headers if n.lower() == b"content-length")
        size = sum(map(len, parts))
        if start.get("status") == 200 and IMMUTABLE in cache and size <= MAX_FILE \
                and length == str(size).encode():  # the whole body came as body messages
            with self._lock:
                self.kept[key] = (headers, b"".join(parts))


def is_static_mount(route) -> bool:
    """Return True for Streamlit's mount of its static files (the frontend)."""
    return getattr(route, "name", None) == MOUNT and hasattr(route, "app")


def mount_shape() -> str:
    """Return why the running server has not exactly one static mount ("" when it has)."""
    if not server.running_apps():
        return "no Starlette app found for the running server"
    if len(server.routes_where(is_static_mount)) != 1:
        return f"not one mount named {MOUNT}"
    return ""


def install() -> None:
    """Put KeptFiles in front of the running server's static files (once per process)."""
    if _done or server.under_apptest():
        return
    _done.append(True)
    if not gate.fits(PATCH, WRITTEN_FOR, mount_shape):
        return
    for _router, route in server.routes_where(is_static_mount):
        if not isinstance(route.app, KeptFiles):
            route.app = KeptFiles(route.app)
