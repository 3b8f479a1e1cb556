"""Anbefalinger: the recommendations with management's response, their status and progress."""

import streamlit as st

from followup import ui
from followup.i18n import t
from followup.report.figures import followup_charts
from followup.ui import views

ui.through_navigation()

f = ui.filters()
lg, sc = ui.lang(), ui.scale()
ui.header("recommendations", f)

recs = ui.query("recommendation_status", f)
if recs.empty:
    ui.empty("empty.recommendations")
    st.stop()
rate = views.implementation_cards(f)
if rate:
    ui.cards(rate)
views.rejected_note(f)
st.header(t("h.by_response", lg), anchor=False)
ui.chart(ui.figure(followup_charts.recommendations_by_response, recs, lg, scale=sc),
         "by_response")
st.header(t("h.recommendations", lg), anchor=False)
views.recommendation_table(recs)
