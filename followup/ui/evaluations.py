"""The Evalueringer page's parts: the portfolio table (a click opens the follow-up of that
evaluation), the evaluations and actors whose last report is overdue."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from followup.i18n import date, plain, t, tn
from followup.report.figures import links, sizing
from followup.report.figures.coverage import evaluation_name
from followup.settings import REPORT_MONTHS
from followup.ui import state
from followup.ui.state import lang


def _open(key: str, names: list) -> None:
    """Selection callback: filter every page to the clicked evaluation and open Oppfølging."""
    rows = st.session_state[key].selection.rows
    if not rows or rows[0] >= len(names) or not isinstance(names[rows[0]], str):
        return
    state.put("evaluation", [names[rows[0]]])
    st.session_state["_open_followup"] = True


PROGRESS = 110  # a share's bar and its figure

# The register's columns, the deciding ones first; the rest are in the grid's column menu, so
# the table fits a 1366 px laptop without scrolling sideways (their headers alone need more).
SHOWN = ("evaluation", "completion_pct", "acceptance_pct", "implementation_pct",
         "open_recommendations", "overdue")
IN_MENU = ("last_report", "actions", "recommendations", "report_year", "owner", "link")


def _config(lg: str, widths: dict[str, int]) -> dict:
    fmt = "DD.MM.YYYY" if lg != "en" else "YYYY-MM-DD"
    share = {"min_value": 0, "max_value": 100,
             "format": "%.0f %%" if lg != "en" else "%.0f%%"}
    config = {
        "evaluation": st.column_config.TextColumn(t("col.evaluation", lg)),
        "completion_pct": st.column_config.ProgressColumn(t("col.completion_pct", lg), **share),
        "acceptance_pct": st.column_config.ProgressColumn(t("col.acceptance", lg), **share),
        "implementation_pct": st.column_config.ProgressColumn(t("col.implementation", lg),
                                                              **share),
        "open_recommendations": st.column_config.NumberColumn(t("col.open_recs", lg),
                                                              format="%d"),
        "overdue": st.column_config.TextColumn(t("col.report_overdue", lg)),
        "last_report": st.column_config.DateColumn(t("col.last_report", lg), format=fmt),
        "actions": st.column_config.NumberColumn(t("col.actions", lg), format="%d"),
        "recommendations": st.column_config.NumberColumn(t("col.recommendations", lg),
                                                         format="%d"),
        "report_year": st.column_config.NumberColumn(t("col.report_year", lg), format="%d"),
        "owner": st.column_config.TextColumn(t("col.owner", lg)),
        "link": st.column_config.LinkColumn(t("col.link", lg), validate=links.GRID_LINK,
                                            display_text=t("portfolio.report_link", lg)),
    }
    return {code: {**column, "width": widths[code], **({"hidden": True} if code in IN_MENU
                                                        else {})}
            for code, column in config.items()}


def portfolio_table(df: pd.DataFrame) -> None:
    """Draw one row per evaluation, typed (dates as dates, shares as bars, https links as
    links), sized to fit the page; a click on a row opens the follow-up filtered to that
    evaluation."""
    lg = lang()
    shown = pd.DataFrame({
        "evaluation": [e if isinstance(e, str) else t("evaluation.default_title", lg)
                       for e in df["evaluation"]],
        "completion_pct": df["completion_pct"], "acceptance_pct": df["acceptance_pct"],
        "implementation_pct": df["implementation_pct"],
        "open_recommendations": df["open_recommendations"],
        "overdue": [t("portfolio.overdue", lg) if o else "" for o in df["report_overdue"]],
        "last_report": df["last_report"], "actions": df["actions"],
        "recommendations": df["recommendations"], "report_year": df["report_year"],
        "owner": df["owner"].fillna(""),
        "link": [links.https_link(x) for x in df["link"]]})
    codes = list(shown.columns)
    heads = {"completion_pct": "col.completion_pct", "acceptance_pct": "col.acceptance",
             "implementation_pct": "col.implementation", "open_recommendations": "col.open_recs",
             "overdue": "col.report_overdue"}
    headed = shown.set_axis([t(heads.get(c, f"col.{c}"), lg) for c in codes], axis=1)
    budget = sizing.BUDGET - sizing.MARKERS
    plan = sizing.plan(headed, codes, IN_MENU, budget)
    bars = {c: max(plan.widths[c], PROGRESS) for c in codes if c.endswith("_pct")}
    plan = sizing.plan(headed, codes, IN_MENU,  # the bars' room taken from the names
                       budget - sum(w - plan.widths[c] for c, w in bars.items()))
    widths = {**plan.widths, **bars}
    names = list(df["evaluation"])
    st.dataframe(shown, hide_index=True, column_config=_config(lg, widths),
                 key="portfolio_table", on_select=lambda: _open("portfolio_table", names),
                 selection_mode="single-row", row_height=plan.row_height,
                 height=sizing.height(len(shown), plan.row_height))
    st.caption(t("portfolio.click", lg))
    if st.session_state.pop("_open_followup", False):
        st.switch_page("pages/followup.py")


def overdue(df: pd.DataFrame, as_of) -> None:
    """Say which evaluations were last reported on longer ago than REPORT_MONTHS."""
    lg = lang()
    late = df[df["report_overdue"].fillna(False)]
    if late.empty:
        st.success(tn("portfolio.none_overdue", REPORT_MONTHS, lg, as_of=date(as_of, lg)))
        return
    st.warning(tn("portfolio.overdue_intro", REPORT_MONTHS, lg, as_of=date(as_of, lg)) + "\n"
               + "\n".join("- " + plain(t("portfolio.overdue_line", lg,
                                          evaluation=evaluation_name(r.evaluation, lg),
                                          since=date(r.last_report, lg)))
                           for r in late.itertuples()),
               icon=":material/schedule:")


def not_reported(df: pd.DataFrame) -> None:
    """Draw the actors whose last report on an evaluation is overdue, oldest first."""
    lg = lang()
    late = df[df["report_overdue"].fillna(False)].sort_values("last_report")
    if late.empty:
        st.success(tn("portfolio.all_reported", REPORT_MONTHS, lg))
        return
    fmt = "DD.MM.YYYY" if lg != "en" else "YYYY-MM-DD"
    shown = pd.DataFrame({
        "actor": late["actor"], "evaluation": [
            e if isinstance(e, str) else t("evaluation.default_title", lg)
            for e in late["evaluation"]],
        "last_report": late["last_report"], "open_actions": late["open_actions"]})
    st.dataframe(shown, hide_index=True, column_config={
        "actor": st.column_config.TextColumn(t("col.actor", lg)),
        "evaluation": st.column_config.TextColumn(t("col.evaluation", lg)),
        "last_report": st.column_config.DateColumn(t("col.last_report", lg), format=fmt),
        "open_actions": st.column_config.NumberColumn(t("col.open_actions", lg), format="%d")})
