"""The follow-up views the pages share: what changed against a chosen round, stalled actions,
deadlines, the recommendations, and an action's history across rounds.

A click on a row of an action table keeps that action (plain key `f_action`, in the URL as
`action=`), and `action_detail` draws its status and comment in every round below.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from followup.filters import Filters
from followup.i18n import date, plain, t, tn
from followup.report.figures import action_list, followup_charts, kpis, tables
from followup.settings import DUE_SOON_DAYS, STALLED_ROUNDS
from followup.ui import a11y, grids, state
from followup.ui.data import previous_round, query, round_info
from followup.ui.shared import action_rows, figure, markup, table
from followup.ui.sidebar import as_list, compare_picker, presenting, scale
from followup.ui.state import lang

RATE_QUERY = tables.RATE_QUERY
PHONE = 640  # px: at this width or less a table is a list (a phone; the page's own CSS agrees)


def _empty(key: str, **values) -> None:
    st.info(t(key, lang(), **values), icon=":material/filter_alt_off:")


def changes(f: Filters) -> None:
    """Draw what changed since the round chosen in "Compare with" (the previous by default)."""
    lg = lang()
    heading = st.empty()
    with st.columns([2, 3])[0]:
        compare = compare_picker(f.snapshot)
    if compare is None:
        heading.header(t("h.changes", lg), anchor=False)
        _empty("empty.changes_first")
        return
    before = date(round_info(compare)["as_of"], lg)
    default = compare == previous_round(f.snapshot)
    heading.header(t("h.changes", lg) if default else t("h.changes_since", lg, as_of=before),
                   anchor=False)
    found = query("action_changes", f, previous=compare)
    if found.empty:
        st.success(t("empty.no_changes", lg, as_of=before) if default
                   else t("empty.no_changes_since", lg, as_of=before))
        return
    st.markdown("**" + t("h.changes_summary", lg, **tables.change_counts(found)) + "**")
    st.caption(t("h.changes_caption", lg, as_of=before))
    action_table(found, tables.CHANGE_COLUMNS, "changes_table")


def _picked(key: str, ids: list, labels: list) -> None:
    """Selection callback: keep the action of the clicked row (or forget it when none is)."""
    rows = st.session_state[key].selection.rows
    at = rows[0] if rows else None
    if at is None or at >= len(ids) or not isinstance(ids[at], str):
        state.put("action", None)
        return
    state.put("action", ids[at])
    st.session_state["_action_label"] = labels[at]


def action_table(df: pd.DataFrame, columns: list[str], key: str, **options) -> None:
    """Draw an action table whose rows can be clicked to show the action's history; as a
    list in large type instead when that is chosen or in presentation mode."""
    if as_list():
        st.html(markup(action_list.render, df, lang(), 24 if presenting() else 18))
        return
    st.html(phone_list(markup(action_list.render, df, lang(), 18), key))
    ids, labels = action_rows(df)
    grids.draw(table(df, tables.deciding_first(tables.with_evidence(columns, df)), lang(),
                     selectable=True), key=key,
               on_select=lambda: _picked(key, ids, labels), selection_mode="single-row",
               **options)


def phone_list(body: str, grid_key: str) -> str:
    """Return a list to show instead of the grid drawn with key `grid_key` on a screen of
    PHONE px or less (the grid is hidden there; the list is hidden elsewhere)."""
    return (f"<style>.phone-list {{ display: none; }} @media (max-width: {PHONE}px) {{ "
            f".phone-list {{ display: block; }} .st-key-{grid_key} {{ display: none; }} }}"
            f'</style><div class="phone-list">{body}</div>')


def _close() -> None:
    state.put("action", None)
    st.session_state.pop("_action_label", None)


def action_detail(f: Filters) -> None:
    """Draw the kept action's status and comment in every round, or a hint to click a row."""
    lg = lang()
    action = state.get("action")
    history = query("action_history", f, action=action) if action else pd.DataFrame()
    if history.empty:
        st.caption(t("detail.hint", lg))
        return
    label = st.session_state.get("_action_label") or action
    with st.container(border=True, key="action_detail"):
        head, close = st.columns([4, 1], vertical_alignment="center")
        head.subheader(t("detail.heading", lg, action=plain(label)), anchor=False)
        close.button(t("detail.close", lg), on_click=_close, icon=":material/close:",
                     key="detail_close")
        st.caption(tn("detail.caption", len(history), lg))
        a11y.chart(figure(followup_charts.action_timeline, history, lg, scale=scale()),
                   "timeline", lg, config={"displayModeBar": False})
        grids.draw(table(history, tables.with_evidence(tables.HISTORY_COLUMNS, history), lg))


def stalled(f: Filters) -> None:
    """Draw the actions that have had the same status for STALLED_ROUNDS rounds or more."""
    lg = lang()
    st.header(t("h.stalled", lg), anchor=False)
    found = query("stalled_actions", f, rounds=STALLED_ROUNDS)
    if found.empty:
        st.success(t("empty.stalled", lg))
        return
    st.caption(tn("h.stalled_caption", STALLED_ROUNDS, lg))
    action_table(found, tables.STALLED_COLUMNS, "stalled_table")


def deadlines(f: Filters) -> None:
    """Draw the open actions overdue or due within DUE_SOON_DAYS of the round's date."""
    lg = lang()
    st.header(t("h.deadlines", lg), anchor=False)
    found = query("deadlines", f, days=DUE_SOON_DAYS)
    if found.empty:
        st.success(t("empty.deadlines", lg))
        return
    until = round_info(f.snapshot)["as_of"] + dt.timedelta(days=DUE_SOON_DAYS)
    st.caption(tn("h.deadlines_caption", DUE_SOON_DAYS, lg, until=date(until, lg)))
    action_table(found, tables.DEADLINE_COLUMNS, "deadlines_table")


def implementation_cards(f: Filters) -> list:
    """Return the implementation-rate card of the round, against the previous round."""
    return kpis.implementation_cards(
        query(RATE_QUERY, f, previous=previous_round(f.snapshot)), lang())


def rejected_note(f: Filters) -> None:
    """Say how many recommendations were rejected (reported apart, never counted as failures)."""
    rates = query(RATE_QUERY, f, previous=previous_round(f.snapshot))
    rejected = int(rates.iloc[0]["rejected"]) if len(rates) else 0
    if rejected:
        st.caption(tn("rec.rejected_note", rejected, lang()))


def recommendation_table(recs: pd.DataFrame) -> None:
    """Draw the recommendations: response and status on their colours, progress as a bar; as
    a list in large type instead when that is chosen or in presentation mode."""
    lg = lang()
    if as_list():
        st.html(markup(action_list.render_recommendations, recs, lg,
                       24 if presenting() else 18))
        return
    st.html(phone_list(markup(action_list.render_recommendations, recs, lg, 18),
                       "recommendations_table"))
    grids.draw(table(recs, tables.deciding_first(tables.RECOMMENDATION_COLUMNS), lg),
               key="recommendations_table")
