"""Oversikt: the key figures, a small version of each headline chart, and what changed."""

import streamlit as st

from followup import ui
from followup.i18n import date, t
from followup.report import charts, kpis, tables

ui.through_navigation()

f = ui.filters()
lg, sc = ui.lang(), ui.scale()
ui.header("overview", f)
info = ui.round_info(f.snapshot)
previous = ui.previous_round(f.snapshot)
spend = ui.query("spend_by_year", f)
share = ui.query("multi_year_share", f)
ui.cards(kpis.action_cards(ui.query("action_kpis", f, previous=previous), lg)
         + kpis.spend_cards(spend, share, info["as_of"], lg))

left, middle, right = st.columns([4, 3, 3])
with left:
    by_actor = ui.query("status_by_actor", f)
    if ui.panel("h.small_completion", by_actor, "empty.actions",
                lambda df: charts.completion_by_actor(df, lg, compact=True, scale=sc),
                "small_actor"):
        st.html(charts.status_legend_html(list(by_actor["status"]), lg))
with middle:
    ui.panel("h.small_spend", spend, "empty.grants",
             lambda df: charts.spend_totals(df, lg, ui.portfolio_level(f), scale=sc),
             "small_spend")
with right:
    ui.panel("h.small_type", ui.query("grants_by_type", f), "empty.grants",
             lambda df: charts.grants_by_type_amount(df, lg, compact=True, scale=sc),
             "small_type")

st.subheader(t("h.changes", lg))
if previous is None:
    ui.empty("empty.changes_first")
else:
    changes = ui.query("action_changes", f, previous=previous)
    before = date(ui.round_info(previous)["as_of"], lg)
    if changes.empty:
        st.success(t("empty.no_changes", lg, as_of=before))
    else:
        st.markdown("**" + t("h.changes_summary", lg, **tables.change_counts(changes)) + "**")
        st.caption(t("h.changes_caption", lg, as_of=before))
        st.dataframe(tables.styled(changes, tables.CHANGE_COLUMNS, lg), hide_index=True)
