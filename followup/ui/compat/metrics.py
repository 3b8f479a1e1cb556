"""`/_stcore/metrics` closed: the address answers like any unknown path.

Streamlit 1.67 serves `/_stcore/metrics` (sessions, caches, memory) to anyone who can reach
the server, signed in or not, and has no setting to turn it off. The app needs none of it, so
at the first script run in a process the route is taken out of the running server's router;
the address then gets what any unknown path gets. Until that first run (a server nobody has
opened yet) it is still there, with no session or cache to tell of.

Written for streamlit 1.67, whose server is a Starlette app with routes (GET, OPTIONS) whose path
ends in `/_stcore/metrics`; otherwise it steps aside (followup.ui.compat.gate).
"""

from __future__ import annotations

from followup.ui.compat import gate, server

PATCH = "metrics"
WRITTEN_FOR = {"streamlit": "1.67"}
METRICS = "/_stcore/metrics"
_done: list[bool] = []


def _metrics(route) -> bool:
    return isinstance(getattr(route, "path", None), str) and route.path.endswith(METRICS)


def _shape() -> str:
    if not server.running_apps():
        return "no Starlette app found for the running server"
    if not server.routes_where(_metrics):
        return f"no route ending in {METRICS}"
    return ""


def install() -> None:
    """Take the metrics route out of the running server (once per process)."""
    if _done or server.under_apptest():
        return
    _done.append(True)
    if not gate.fits(PATCH, WRITTEN_FOR, _shape):
        return
    for router, route in server.routes_where(_metrics):
        router.routes.remove(route)
    gate.in_force(PATCH, f"{METRICS} removed from the server's routes")
