"""Oppfølging: the dashboard's entry point (`streamlit run dashboard.py`)."""

import streamlit as st

from followup import ui

st.set_page_config(page_title="Oppfølging", page_icon=ui.ICON, layout="wide",
                   initial_sidebar_state="auto")  # closed on a phone
ui.navigation().run()
