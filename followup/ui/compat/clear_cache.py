"""`clear_cache` refused to a session whose user may not clear the caches (issue 22 #9).

Streamlit 1.67 clears every cache of the process (`st.cache_data`, `st.cache_resource`: every
user's) when any websocket session sends the `clear_cache` back message, signed in or not; the
sign-in page stops no one who speaks the protocol. Here the session's own user claims (what
the server took from the sign-in cookie when the websocket connected) must allow the action
`clear_cache` (editors and admins; anyone when sign-in is off, as every action), checked by
`auth.permits`, the rule the pages use; otherwise the message is ignored and, once per
session, one line is logged.

Written for streamlit 1.67, whose `AppSession.handle_backmsg` calls
`self._handle_clear_cache_request()` for that message and whose sessions keep the claims in
`_user_info`; otherwise it steps aside (followup.ui.compat.gate).
"""

from __future__ import annotations

import inspect
import weakref

from followup.ui import auth
from followup.ui.compat import gate, server

PATCH = "clear_cache"
WRITTEN_FOR = {"streamlit": "1.67"}
_done: list[bool] = []
_told: weakref.WeakSet = weakref.WeakSet()


def _session_class():
    from streamlit.runtime.app_session import AppSession

    return AppSession


def _shape() -> str:
    session = _session_class()
    handler = getattr(session, "_handle_clear_cache_request", None)
    if handler is None or list(inspect.signature(handler).parameters) != ["self"]:
        return "no AppSession._handle_clear_cache_request(self)"
    if "self._handle_clear_cache_request()" not in inspect.getsource(session.handle_backmsg):
        return "handle_backmsg does not call _handle_clear_cache_request"
    if "self._user_info = user_info" not in inspect.getsource(session.__init__):
        return "AppSession keeps no _user_info"
    return ""


def guarded(original):
    """Return the handler that clears the caches only for a session allowed to."""

    def handle(session) -> None:
        claims = dict(getattr(session, "_user_info", None) or {})
        if auth.permits(claims, "clear_cache"):
            original(session)
            return
        if session not in _told:
            _told.add(session)
            gate.LOG.warning("followup.ui.compat: clear_cache refused to a session of %s",
                             auth.identity_in(claims) or "nobody signed in")

    handle.refuses = True
    return handle


def install() -> None:
    """Guard the clear_cache handler of every session (once per process)."""
    if _done or server.under_apptest():
        return
    _done.append(True)
    if not gate.fits(PATCH, WRITTEN_FOR, _shape):
        return
    session = _session_class()
    if not getattr(session._handle_clear_cache_request, "refuses", False):
        session._handle_clear_cache_request = guarded(session._handle_clear_cache_request)
    gate.in_force(PATCH, "clear_cache obeys the role of the session's user")
