"""Oversikt: the key figures, a small version of each headline chart, what changed against a
chosen round, the stalled actions and the deadlines (click a row for the action's history)."""

import streamlit as st

from followup import ui
from followup.report.figures import charts, kpis, tables
from followup.ui import views

ui.through_navigation()

f = ui.filters()
lg, sc = ui.lang(), ui.scale()
ui.header("overview", f)
info = ui.round_info(f.snapshot)
previous = ui.previous_round(f.snapshot)
spend = ui.query("spend_by_year", f)
share = ui.query("multi_year_share", f)
ui.cards(kpis.overview_cards(ui.query("action_kpis", f, previous=previous),
                             ui.query(tables.RATE_QUERY, f, previous=previous), spend, share,
                             info["as_of"], lg))

left, middle, right = st.container(key="small_charts").columns([4, 3, 3])
with left:
    by_actor = ui.query("status_by_actor", f)
    if ui.panel("h.small_completion", by_actor, "empty.actions",
                lambda df: ui.figure(charts.completion_by_actor, df, lg, compact=True, scale=sc),
                "small_actor"):
        st.html(charts.status_legend_html(list(by_actor["status"]), lg))
with middle:
    ui.panel("h.small_spend", spend, "empty.grants",
             lambda df: ui.figure(charts.spend_totals, df, lg, ui.portfolio_level(f), scale=sc),
             "small_spend")
with right:
    ui.panel("h.small_type", ui.query("grants_by_type", f), "empty.grants",
             lambda df: ui.figure(charts.grants_by_type_amount, df, lg, compact=True,
                                   scale=sc),
             "small_type")

views.changes(f)
views.stalled(f)
views.deadlines(f)
views.action_detail(f)
