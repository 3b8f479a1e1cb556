"""A page's own address, asked for first on a new server, runs through dashboard.py.

While no script has run yet, Streamlit (1.67) treats a `pages/` folder (the folder the
product names, kept) as an old-style multipage app: a new server's first visitor who opens a
page's own address gets that page file run alone, with a navigation of bare file names and
without dashboard.py (so without the sign-in gate). Leaving that mode (the class attribute
`PagesManager.uses_pages_directory`, which st.navigation itself sets to False) and rerunning
sends the visit through dashboard.py. AppTest restarts that mode before every run it makes, so
under AppTest this does nothing (a rerun would swallow the clicks a test makes).

Written for streamlit 1.67, where the attribute is a bool or None on the class; otherwise it
steps aside (followup.ui.compat.gate) and that first visit runs the page alone, as Streamlit
does: the canary (tests/ui/compat/test_canaries.py) and the sign-in tests then fail.
"""

from __future__ import annotations

import streamlit as st

from followup.ui.compat import gate, server

PATCH = "pages_directory"
WRITTEN_FOR = {"streamlit": "1.67"}
_checked: list[bool] = []


def _shape() -> str:
    from streamlit.runtime.pages_manager import PagesManager

    value = getattr(PagesManager, "uses_pages_directory", "missing")
    return "" if value is None or isinstance(value, bool) else (
        f"PagesManager.uses_pages_directory is {value!r}")


def _fits() -> bool:
    if not _checked:
        _checked.append(gate.fits(PATCH, WRITTEN_FOR, _shape))
    return _checked[0]


def through_navigation() -> None:
    """Make sure a page runs inside dashboard.py's navigation; call first in every page."""
    if server.under_apptest() or not _fits():
        return
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        gate.in_force(PATCH, "a page's own address sent through dashboard.py")
        st.rerun()
