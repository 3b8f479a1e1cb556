"""Last opp: check a workbook, preview what changes, and import it as a new round."""

import streamlit as st

from followup import ui
from followup.i18n import t

ui.filters()
st.title(t("page.upload", ui.lang()))
