"""Evalueringer: the portfolio of evaluations followed up: how far each has come, the accepted
recommendations still open by age, and who has not reported within the reporting rule."""

import streamlit as st

from followup import ui
from followup.i18n import t
from followup.report.figures import portfolio_charts
from followup.ui import evaluations

ui.through_navigation()

f = ui.filters()
lg, sc = ui.lang(), ui.scale()
ui.header("evaluations", f)
info = ui.round_info(f.snapshot)
portfolio = ui.query("evaluation_portfolio", f)
if portfolio.empty:
    ui.empty("empty.evaluations")
    st.stop()
evaluations.overdue(portfolio, info["as_of"])
st.header(t("h.portfolio", lg), anchor=False)
ui.chart(ui.figure(portfolio_charts.evaluations_progress, portfolio, lg, scale=sc),
         "portfolio_progress")
evaluations.portfolio_table(portfolio)
st.header(t("h.open_by_age", lg), anchor=False)
open_recs = ui.query("open_recommendations", f)
if open_recs.empty:
    ui.empty("empty.open_recommendations")
else:
    ui.chart(ui.figure(portfolio_charts.open_by_age, open_recs, lg, scale=sc), "open_by_age")
st.header(t("h.not_reported", lg), anchor=False)
evaluations.not_reported(ui.query("reporting_status", f))
