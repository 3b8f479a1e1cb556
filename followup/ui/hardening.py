"""What the Streamlit server offers that this app does not: its `/_stcore/metrics` endpoint.

Streamlit 1.67 serves `/_stcore/metrics` (sessions, caches, memory) to anyone who can reach
the server, signed in or not, and has no setting to turn it off. The app needs none of it, so
on the first run in a process the route is taken out of the running Starlette router; the
address then gets the app's own page like any unknown path.
"""

from __future__ import annotations

import gc
from functools import cache

METRICS = "/_stcore/metrics"
_done: list[bool] = []


@cache
def running_apps() -> tuple:
    """Return the Starlette apps of the running server, looked for once per process (none
    under AppTest, which runs no server)."""
    try:
        from starlette.applications import Starlette
    except ImportError:
        return ()
    return tuple(o for o in gc.get_objects() if isinstance(o, Starlette))


def disable_metrics() -> None:
    """Remove the metrics route from the running server (once per process)."""
    if _done:
        return
    _done.append(True)
    for app in running_apps():
        app.router.routes[:] = [r for r in app.router.routes
                                if not getattr(r, "path", "").endswith(METRICS)]
