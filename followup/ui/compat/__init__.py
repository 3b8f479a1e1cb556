"""Every use of a framework internal, in one place: what Streamlit (1.67) offers no supported
seam for, patched behind a gate (pandas' internals, once used for its Styler, are no longer
needed: the grids get typed values and column_config, followup.ui.grids).

Each module here patches one thing and says in its docstring what, why, and what it was
written for. Its `install()` first passes `gate.fits`: the installed streamlit (and pandas)
must be the release it was written for and what it patches must have the shape it expects
(the function, attribute or route is there, with the signature it had); otherwise it logs
one line (`followup.ui.compat: <patch> stepped aside …`) and changes nothing, so the app
runs on Streamlit's own behaviour: slower, or with the metrics address open, or (pages_directory)
a new server's first visit to a page's address running that page alone. When a patch first
takes effect in a process it logs one line saying so (`… in force: …`).
`tests/ui/compat/test_canaries.py` proves against a running server that each one is in force, and
`tests/test_layout.py` keeps every private name of Streamlit and pandas (a `_`-prefixed
attribute, `streamlit.runtime`, `streamlit.web`, `gc.get_objects`, `PagesManager`, the
server's Starlette) inside this folder.

Why not `st.App(script_path, middleware=...)`, Streamlit 1.67's supported seam for the server?
`streamlit run dashboard.py` serves an st.App only when dashboard.py itself assigns one
(`app = st.App(...)`, found by reading the file); it then imports dashboard.py as a module
under uvicorn and runs the script the App names for each session. Tried with dashboard.py
naming itself: it works (every page draws, and middleware answers from the first request,
before any script ran), but dashboard.py must then hold the server's set-up and keep its page
configuration and navigation under `if __name__ == "__main__":`, and importing the app outside
a script run has Streamlit warn that no runtime exists. The README's command and a
dashboard.py that is set_page_config + navigation only are kept instead, so the patches that
are middleware in all but name (static_files, metrics, page_address) are put on the running
server here, at the first script run. arrow_bytes (a conversion inside a script run) and
pages_directory (the script runner's mode) have no st.App seam at all.
"""

from __future__ import annotations

from followup.ui.compat import (
    arrow_bytes,
    clear_cache,
    media_access,
    metrics,
    page_address,
    static_files,
)


def install(pages: list[str]) -> None:
    """Put every patch in place that fits this Streamlit (once per process; call at every run);
    pages are the last parts of the pages' addresses."""
    metrics.install()
    static_files.install()
    page_address.install(pages)
    arrow_bytes.install()
    media_access.install()
    clear_cache.install()
