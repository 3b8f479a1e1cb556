"""Tables for display: translated headers and labels, status colours (pandas, no Streamlit)."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from followup.charts import STATUS_COLORS
from followup.i18n import date, number, status_label, t

_DARK_TEXT = {"not_applicable", "no_report", "partial"}


def status_css(code: str) -> str:
    """Return the CSS declarations that put a status on its colour ('' for other values)."""
    color = STATUS_COLORS.get(code)
    if color is None:
        return ""
    ink = "#1F2933" if code in _DARK_TEXT else "#FFFFFF"
    return f"background-color: {color}; color: {ink}; font-weight: 600"


def labelled(df: pd.DataFrame, columns: list[str], lang: str) -> pd.DataFrame:
    """Return the columns with statuses, dates, changes, types and amounts written out."""
    out = df[columns].copy()
    for col in ("status", "previous_status"):
        if col in out:
            out[col] = out[col].map(lambda c: status_label(c, lang) if isinstance(c, str) else "")
    for col in ("due_date", "start_date", "end_date"):
        if col in out:
            out[col] = out[col].map(lambda d: date(d, lang) if pd.notna(d) else "")
    if "change" in out:
        out["change"] = out["change"].map(lambda c: t(f"change.{c}", lang))
    if "grant_type" in out:
        out["grant_type"] = out["grant_type"].map(lambda c: t(f"grant_type.{c}", lang))
    for col in ("amount_nok", "disbursed_nok"):
        if col in out:
            out[col] = out[col].map(lambda v: number(float(v), 0, lang) if pd.notna(v) else "")
    return out


def styled(df: pd.DataFrame, columns: list[str], lang: str) -> Styler:
    """Return the columns with readable values and headers, statuses on their colour."""
    headers = {c: t(f"col.{c}", lang) for c in columns}
    css = {headers[c]: df[c].map(lambda v: status_css(v) if isinstance(v, str) else "")
           for c in ("status", "previous_status") if c in columns}
    out = labelled(df, columns, lang).rename(columns=headers)
    styler = out.style
    for col, values in css.items():
        styler = styler.apply(lambda _s, v=values: v.tolist(), subset=[col])
    return styler.hide(axis="index")


ACTION_COLUMNS = ["action_id", "action", "actor", "status", "due_date", "comment"]
CHANGE_COLUMNS = ["action_id", "action", "actor", "previous_status", "status", "change"]
GRANT_COLUMNS = ["grant_id", "partner", "title", "section", "region", "country", "start_date",
                 "end_date", "grant_type", "amount_nok", "disbursed_nok"]


def change_counts(changes: pd.DataFrame) -> dict[str, int]:
    """Return how many actions changed status, are new and were removed."""
    counts = changes["change"].value_counts() if len(changes) else pd.Series(dtype=int)
    return {k: int(counts.get(k, 0)) for k in ("changed", "new", "removed")}
