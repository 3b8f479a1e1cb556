"""Tilskudd: multi-year against one-year agreements, in number and NOK, and the agreements."""

import streamlit as st

from followup import ui
from followup.i18n import t
from followup.report.figures import charts, tables

ui.through_navigation()

f = ui.filters()
lg, sc = ui.lang(), ui.scale()
ui.header("grants", f)

by_type = ui.query("grants_by_type", f)
if by_type.empty:
    ui.empty("empty.grants")
    st.stop()
left, right = st.columns(2)
with left:
    st.header(t("h.by_type_count", lg), anchor=False)
    ui.chart(ui.figure(charts.grants_by_type_count, by_type, lg, scale=sc), "type_count")
with right:
    st.header(t("h.by_type_amount", lg), anchor=False)
    ui.chart(ui.figure(charts.grants_by_type_amount, by_type, lg, scale=sc), "type_amount")

st.header(t("h.multi_share", lg), anchor=False)
st.caption(t("h.multi_caption", lg))
ui.chart(ui.figure(charts.multi_year_share, ui.query("multi_year_share", f), lg, scale=sc),
         "share")

st.header(t("h.grant_table", lg), anchor=False)
grants = ui.query("grant_list", f, limit=ui.TABLE_ROWS)
st.caption(tables.row_note(grants, "total_grants", lg))
ui.grid(grants, tables.GRANT_COLUMNS)
