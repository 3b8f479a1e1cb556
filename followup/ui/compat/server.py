"""The running server's Starlette app, which Streamlit keeps no public reference to.

`streamlit run` builds its Starlette app inside the server's start-up and hands it to uvicorn;
no public name leads to it, so it is found once per process among the objects the garbage
collector tracks. Under AppTest no server runs: patches of the server have nothing to do.
"""

from __future__ import annotations

import gc
import sys
from functools import cache


def under_apptest() -> bool:
    """Return True when the script runs under Streamlit's AppTest (no server)."""
    return "streamlit.testing.v1" in sys.modules


@cache
def running_apps() -> tuple:
    """Return the Starlette apps of the running server, looked for once per process."""
    try:
        from starlette.applications import Starlette
    except ImportError:
        return ()
    return tuple(o for o in gc.get_objects() if isinstance(o, Starlette))


def routes_where(test) -> list[tuple]:
    """Return (router, route) for each route of the running server for which test(route)."""
    return [(app.router, route) for app in running_apps()
            for route in getattr(getattr(app, "router", None), "routes", ()) if test(route)]
