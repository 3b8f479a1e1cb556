"""Portefølje: spend over time by partner, section or region; the change; the largest partners."""

import streamlit as st

from followup import ui
from followup.i18n import t
from followup.report.figures import charts, planned

ui.through_navigation()

f = ui.filters()
lg, sc = ui.lang(), ui.scale()
ui.header("portfolio", f)

spend = ui.query("spend_by_year", f)
if spend.empty:
    ui.empty("empty.grants")
    st.stop()
plans = charts.period(sorted(planned.years(spend)), lg) if planned.years(spend) else None
st.header(t("h.spend", lg), anchor=False)
if plans:
    st.caption(t("h.spend_planned", lg, years=plans))
by_group = ui.query("spend_by_group", f, dimension=ui.split_picker())
ui.chart(ui.figure(charts.spend_over_time, by_group, lg, ui.portfolio_level(f), scale=sc),
         "spend")

left, right = st.columns(2)
with left:
    st.header(t("h.spend_change", lg), anchor=False)
    if plans:
        st.caption(t("h.change_planned", lg, years=plans))
    ui.chart(ui.figure(charts.spend_change, spend, lg, scale=sc), "change")
with right:
    st.header(t("h.partners_in", lg, period=charts.period(spend["year"], lg)), anchor=False)
    ui.chart(ui.figure(charts.largest_partners, ui.query("largest_partners", f), lg, scale=sc),
             "partners")
