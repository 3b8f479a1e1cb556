"""Universal design (WCAG 2.1 AA) the pages share: the styles every page gets, and
Streamlit's own page made accessible in the user's language (followup.ui.compat.aria).

What is met, what is not and why: docs/tilgjengelighetserklaering.md.
"""

from __future__ import annotations

import streamlit as st

from followup.report.figures.charts import MUTED
from followup.ui.compat import aria

# The selected choice of a segmented control: Streamlit writes it in the primary colour on a
# tenth of it (4.2:1 on the sidebar), this darker blue has 5.5:1 there.
SELECTED = "#005F94"
# Streamlit writes captions in its text colour at 60 % opacity (#797F85 on white: 4.0:1);
# text needs 4.5:1, the charts' muted ink has 6.5:1.
CSS = f"""
<style>
[data-testid="stCaptionContainer"] {{ color: {MUTED}; opacity: 1; }}
button[data-variant="segmented_control"][aria-checked="true"] {{ color: {SELECTED} !important; }}
</style>
"""


def install(lg: str) -> None:
    """Draw the shared styles and the script that makes Streamlit's page accessible in lg
    (once per page: the sidebar's foot draws it)."""
    st.html(CSS)
    script = aria.script(lg)
    if script:
        st.html(script, unsafe_allow_javascript=True)
