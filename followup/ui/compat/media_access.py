"""Downloads served only to whom they were made for, and a document made on a click only for
seconds (issue 22 #8).

Streamlit 1.67 serves every file of `st.download_button` at `/media/<id>.<ext>` to anyone who
asks, with no cookie, signed in or not: a file given as data for as long as a session shows
its button, a document made on a click (the briefing, the slides, the data) until a cleanup
minutes later. Here, in front of that route:

- A download is served while a session's page holds its button, and for `DOWNLOAD_SECONDS`
  after it was made or last given to a button (the browser asks for it at once; a click that
  reruns the page may give the button a new file); after that it is answered like an unknown
  file, with sign-in on or off. A document made on a click is held by no page: seconds only.
- With sign-in on, a download is served only to a request whose sign-in cookie names the user
  of a session it was made for: the session whose click made it or whose run gave it to a
  button, or a session whose page holds it. Anyone else (no cookie, another user) gets the
  answer of an unknown file.

Other media (the page icon) are served as before. Written for streamlit 1.67: one GET route
`/media/{file_id:path}`, a MediaFileManager with `add(…, is_for_static_download)` and
`execute_deferred(file_id)`, keeping its storage, lock, deferred callables and files per
session as `_storage`, `_lock`, `_deferred_callables`, `_files_by_session_and_coord`, and the
websocket's helpers for the sign-in cookie; otherwise it steps aside
(followup.ui.compat.gate).
"""

from __future__ import annotations

import inspect
import os
import threading
import time
from urllib.parse import urlsplit

import streamlit as st

from followup.ui import auth
from followup.ui.compat import gate, server

PATCH = "media_access"
WRITTEN_FOR = {"streamlit": "1.67"}
ROUTE = "/media/{file_id:path}"
DOWNLOAD_SECONDS = 15
KEPT_SECONDS = 3600  # how long what made a document is remembered
MANAGER = ("_storage", "_lock", "_deferred_callables", "_files_by_session_and_coord")
_made: dict[str, tuple[str | None, float]] = {}  # file id: (for whom, when) of a made document
_lock = threading.Lock()
_done: list[bool] = []


def _manager():
    from streamlit import runtime

    return runtime.get_instance().media_file_mgr


def _cookies():
    from streamlit.web.server.starlette import starlette_websocket

    return starlette_websocket


def _media(route) -> bool:
    return getattr(route, "path", "").endswith(ROUTE) and "GET" in (
        getattr(route, "methods", None) or ())


def _shape() -> str:
    if not server.running_apps():
        return "no Starlette app found for the running server"
    if len(server.routes_where(_media)) != 1:
        return f"not one GET route {ROUTE}"
    manager = _manager()
    missing = [name for name in MANAGER if not hasattr(manager, name)]
    if missing or list(inspect.signature(manager.execute_deferred).parameters) != ["file_id"]:
        return f"MediaFileManager without {missing or 'execute_deferred(file_id)'}"
    if "is_for_static_download" not in inspect.signature(manager.add).parameters:
        return "MediaFileManager.add without is_for_static_download"
    helpers = ("_get_signed_cookie_with_chunks", "_parse_decoded_user_cookie")
    if not all(hasattr(_cookies(), name) for name in helpers):
        return "no sign-in cookie helpers in starlette_websocket"
    return ""


def _file_id(name: str) -> str:
    return os.path.splitext(os.path.basename(name))[0]


def _session_user(session_id: str) -> str | None:
    from streamlit import runtime

    session = runtime.get_instance().get_app_session(session_id)
    return auth.identity_in(dict(getattr(session, "_user_info", None) or {}))


def _note(url: str, who: str | None) -> None:
    """Remember for whom and when the file at url was made (forgetting what is an hour old)."""
    now = time.monotonic()
    with _lock:
        for stale in [k for k, (_, made) in _made.items() if now - made > KEPT_SECONDS]:
            del _made[stale]
        _made[_file_id(url)] = (who, now)


def recording_deferred(original):
    """Return execute_deferred noting for whom and when each document was made."""

    def execute_deferred(manager, file_id: str) -> str:
        with manager._lock:
            entry = manager._deferred_callables.get(file_id)
        url = original(manager, file_id)
        _note(url, _session_user(entry["session_id"]) if entry else None)
        return url

    execute_deferred.records = True
    return execute_deferred


def recording_added(original):
    """Return add noting for whom and when each file given to a download button was added."""

    def add(manager, *args, **kwargs) -> str:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        url = original(manager, *args, **kwargs)
        bound = inspect.signature(original).bind(manager, *args, **kwargs)
        if bound.arguments.get("is_for_static_download"):
            ctx = get_script_run_ctx()
            _note(url, _session_user(ctx.session_id) if ctx else None)
        return url

    add.records = True
    return add


def _requester(scope) -> str | None:
    """Return the identity the request's sign-in cookie names (None without a valid one)."""
    from starlette.requests import HTTPConnection

    helpers = _cookies()
    raw = helpers._get_signed_cookie_with_chunks(dict(HTTPConnection(scope).cookies),
                                                 helpers.USER_COOKIE_NAME)
    redirect = urlsplit(str((st.secrets.get("auth") or {}).get("redirect_uri", "")))
    claims = helpers._parse_decoded_user_cookie(
        raw, f"{redirect.scheme}://{redirect.netloc}") if raw else {}
    return auth.identity_in(claims)


def allowed(manager, name: str, scope) -> bool:
    """Return True when the file may be served to this request (see the module)."""
    from streamlit.runtime.media_file_storage import MediaFileKind

    try:
        kind = manager._storage.get_file(name).kind
    except Exception:  # not there: Streamlit answers as for any unknown file
        return True
    if kind != MediaFileKind.DOWNLOADABLE:
        return True
    file_id = _file_id(name)
    with manager._lock:
        sessions = [sid for sid, files in manager._files_by_session_and_coord.items()
                    if file_id in files.values()]
    with _lock:
        made = _made.get(file_id)
    fresh = made is not None and time.monotonic() - made[1] <= DOWNLOAD_SECONDS
    if not sessions and not fresh:
        return False
    if not auth.configured():
        return True
    owners = {_session_user(sid) for sid in sessions} | ({made[0]} if fresh else set())
    who = _requester(scope)
    return who is not None and who in owners


class OwnedMedia:
    """An ASGI app in front of Streamlit's media route, answering a download that may not be
    served as Streamlit answers an unknown file."""

    def __init__(self, app, manager):
        self.app = app
        self.manager = manager

    async def __call__(self, scope, receive, send):
        name = (scope.get("path_params") or {}).get("file_id")
        if scope.get("type") == "http" and name and not allowed(self.manager, name, scope):
            scope = {**scope, "path_params": {**scope["path_params"], "file_id": "refused"}}
        await self.app(scope, receive, send)


def install() -> None:
    """Guard the running server's media route (once per process)."""
    if _done or server.under_apptest():
        return
    _done.append(True)
    if not gate.fits(PATCH, WRITTEN_FOR, _shape):
        return
    manager = _manager()
    kind = type(manager)
    if not getattr(kind.execute_deferred, "records", False):
        kind.execute_deferred = recording_deferred(kind.execute_deferred)
    if not getattr(kind.add, "records", False):
        kind.add = recording_added(kind.add)
    for _router, route in server.routes_where(_media):
        if not isinstance(route.app, OwnedMedia):
            route.app = OwnedMedia(route.app, manager)
    gate.in_force(PATCH, f"{ROUTE} serves a download only to whom it was made for")
