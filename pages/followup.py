"""Oppfølging: completion by actor (click a bar to filter the table), the trend, the actions
(click a row for the action's status and comment in every round)."""

import streamlit as st

from followup import ui
from followup.i18n import plain, t
from followup.report.figures import charts, tables
from followup.ui import reminders, requests, views

ui.through_navigation()

f = ui.filters()
lg, sc = ui.lang(), ui.scale()
ui.header("followup", f)

st.header(t("h.completion", lg), anchor=False)
by_actor = ui.query("status_by_actor", f)
if by_actor.empty:
    ui.empty("empty.actions")
    st.stop()
event = ui.chart(ui.figure(charts.completion_by_actor, by_actor, lg, scale=sc), "actor_chart",
                 select=True)
actor = ui.clicked(event)

st.header(t("h.trend", lg), anchor=False)
ui.chart(ui.figure(charts.status_trend, ui.query("status_trend", f), lg, scale=sc), "trend")

st.header(t("h.action_table", lg), anchor=False)
search = ui.search_box()
actions = ui.query("action_list", f, actors=[actor] if actor else [], search=search,
                   limit=ui.TABLE_ROWS)
if actor:
    st.info(t("table.showing_actor", lg, actor=plain(actor)), icon=":material/filter_alt:")
else:
    st.caption(t("table.click_hint", lg))
st.caption(tables.row_note(actions, "total_actions", lg))
views.action_table(actions, tables.ACTION_COLUMNS, "actions_table")
views.action_detail(f)

requests.section(f)
reminders.section(f)
