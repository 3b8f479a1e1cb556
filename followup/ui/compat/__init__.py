"""Every use of a framework internal, in one place: what Streamlit (1.67) and pandas (3.1)
offer no supported seam for, patched behind a gate.

Each module here patches one thing and says in its docstring what, why, and what it was
written for. Its `install()` first passes `gate.fits`: the installed streamlit (and pandas)
must be the release it was written for and what it patches must have the shape it expects
(the function, attribute or route is there, with the signature it had); otherwise it logs
one line (`followup.ui.compat: <patch> stepped aside …`) and changes nothing, so the app
runs on Streamlit's own behaviour: slower, or with the address open, never broken. When a
patch first takes effect in a process it logs one line saying so (`… in force: …`).
`tests/ui/test_compat.py` proves against a running server that each one is in force, and
`tests/test_layout.py` keeps every private name of Streamlit and pandas (a `_`-prefixed
attribute, `streamlit.runtime`, `streamlit.web`, `gc.get_objects`, `PagesManager`, the
server's Starlette) inside this folder.

Why not `st.App(script_path, middleware=..., routes=...)`, Streamlit 1.67's supported seam
for the server? `streamlit run dashboard.py` serves an st.App only when dashboard.py itself
assigns one (`app = st.App(...)`, found by reading the file), and then imports dashboard.py
as a module under uvicorn and runs the script named in it per session: dashboard.py would
hold the server's set-up beside (and guarded apart from) the page configuration and the
navigation, and a page file run as the script would no longer be dashboard.py. The README's
command and a dashboard.py that is set_page_config + navigation only are kept instead, so
the server's middleware (static files kept in memory, closed routes) is put in place here,
on the running server, at the first script run.
"""

from __future__ import annotations

from followup.ui.compat import arrow_bytes, metrics, static_files


def install() -> None:
    """Put every patch in place that fits this Streamlit (once per process; call at every run)."""
    metrics.install()
    static_files.install()
    arrow_bytes.install()
