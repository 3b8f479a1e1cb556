"""The Forespørsler section on Oppfølging: who was asked for a status, when, and who has
answered (query reporting_status); for editors, a button that makes and records a request
per actor with open actions and offers the workbooks as a zip.

The requests are made by `python -m followup requests` in a child process (followup.jobs),
the command line's path and audit log; the role is checked on the server right before it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from followup.cli import jobs
from followup.filters import Filters
from followup.i18n import is_norwegian, plain, t, tn
from followup.ui import auth
from followup.ui.data import database, query
from followup.ui.sidebar import presenting
from followup.ui.state import lang

_ZIP = "requests_zip"


def answers(df: pd.DataFrame, lg: str) -> pd.DataFrame:
    """Return who was asked and who has answered, one row per actor and evaluation, the
    unanswered first (then by the request's time)."""
    asked = df[df["requested"].notna()].copy()
    asked["order"] = asked["returned"].astype(bool)
    asked = asked.sort_values(["order", "requested", "actor"], kind="stable")
    return pd.DataFrame({
        t("col.actor", lg): asked["actor"],
        t("col.evaluation", lg): [e if isinstance(e, str) else t("evaluation.default_title", lg)
                                  for e in asked["evaluation"]],
        t("col.requested", lg): pd.to_datetime(asked["requested"]),
        t("col.returned", lg): [t("export.yes", lg) if r else t("export.no", lg)
                                for r in asked["returned"]],
        t("col.last_report", lg): pd.to_datetime(asked["last_report"]),
        t("col.open_actions", lg): asked["open_actions"]})


def section(f: Filters) -> None:
    """Draw the Forespørsler section for the filters' round (not in presentation mode)."""
    if f.snapshot is None or presenting():
        return
    lg = lang()
    st.header(t("req.ui.title", lg), anchor=False)
    status = query("reporting_status", f)
    asked = status[status["requested"].notna()]
    if asked.empty:
        st.caption(t("req.ui.none", lg))
    else:
        silent = int((~asked["returned"].astype(bool)).sum())
        st.markdown(tn("req.ui.answered", len(asked), lg, answered=len(asked) - silent))
        fmt = "DD.MM.YYYY HH:mm" if is_norwegian(lg) else "YYYY-MM-DD HH:mm"
        day = "DD.MM.YYYY" if is_norwegian(lg) else "YYYY-MM-DD"
        st.dataframe(answers(status, lg), hide_index=True, key="requests_table", column_config={
            t("col.requested", lg): st.column_config.DatetimeColumn(format=fmt),
            t("col.last_report", lg): st.column_config.DateColumn(format=day)})
    if not auth.allowed("request"):
        return
    st.caption(t("req.ui.intro", lg))
    if st.button(t("req.ui.make", lg), key="requests_make", icon=":material/outgoing_mail:"):
        who = auth.require("request")
        with st.spinner(t("req.ui.making", lg)):
            outcome, data = jobs.make_requests(database(), f, who, lg)
        made = outcome.detail.get("requests")
        if outcome.outcome != "ok" or made is None:
            st.error(plain(outcome.message) or t("req.ui.failed", lg), icon=":material/error:")
            return
        if not made:
            st.info(plain(outcome.message) or t("req.ui.nothing", lg),
                    icon=":material/task_alt:")
            return
        st.session_state[_ZIP] = (outcome.detail["request_id"], data, len(made))
    if _ZIP in st.session_state:
        number, data, count = st.session_state[_ZIP]
        st.success(tn("req.ui.made", count, lg, request=number), icon=":material/check_circle:")
        prefix = t("request.file", lg)
        st.download_button(t("req.ui.zip", lg), data, file_name=f"{prefix}-{number}.zip",
                           mime="application/zip", key="requests_zip_button",
                           icon=":material/download:")
