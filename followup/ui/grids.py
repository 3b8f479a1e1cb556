"""The app's grids: typed tables (followup.report.figures.tables.typed) with each column's format
in the user's language, so a click on a header sorts by value and a cell reads as before.

Dates are written as the app writes them (`31.12.2012` in Norwegian, `2012-12-31` in English,
and a time after them on a 24-hour clock),
amounts in whole kroner with the language's grouping (`1 250 000`, `1,250,000`), days past a
due date with their sign (`+12` overdue, `-30` to go), shares as bars, and a status as a chip
on its colour (its label says it too: status is never colour alone).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from followup.i18n import is_norwegian, t
from followup.report.figures import links, tables


class Grid(NamedTuple):
    """A typed table and the column formats st.dataframe draws it with."""

    data: pd.DataFrame
    config: dict


def date_format(lang: str) -> str:
    """Return the grid's date format (momentJS) that writes a date as followup.i18n.date does."""
    return "DD.MM.YYYY" if is_norwegian(lang) else "YYYY-MM-DD"


def amount_format(lang: str) -> str:
    """Return the grid's format (sprintf-js) for whole kroner, grouped as Babel groups them:
    a no-break space in Norwegian, a comma in English."""
    return "%'\u00a0,d" if is_norwegian(lang) else "%,d"


def _column(col: str, columns: list[str], lang: str):
    if col in tables.STATUSES:
        labels, colors = tables.status_chips(lang, recommendations="response" in columns)
        return st.column_config.MultiselectColumn(options=labels, color=colors)
    if col in tables.DATES:
        return st.column_config.DateColumn(format=date_format(lang))
    if col in tables.TIMESTAMPS:  # the audit log's times to the second
        clock = " HH:mm:ss" if col == "logged_at" else " HH:mm"
        return st.column_config.DatetimeColumn(format=date_format(lang) + clock)
    if col in tables.AMOUNTS:
        return st.column_config.NumberColumn(format=amount_format(lang))
    if col == "days_overdue":
        return st.column_config.NumberColumn(format="%+d", help=t("col.days_overdue_help", lang))
    if col == "evidence_link":  # https links only (tables.typed); anything else is text
        return st.column_config.LinkColumn(validate=links.GRID_LINK)
    if col == "completion_pct":
        return st.column_config.ProgressColumn(
            format="%.0f %%" if is_norwegian(lang) else "%.0f%%", min_value=0, max_value=100)
    return None


def grid(df: pd.DataFrame, columns: list[str], lang: str) -> Grid:
    """Return the typed table of these columns and their formats in the user's language."""
    shown = [*columns, "evidence_link"] if "evidence" in columns else columns
    config = {t(f"col.{c}", lang): _column(c, columns, lang) for c in shown}
    return Grid(tables.typed(df, columns, lang),
                {head: kind for head, kind in config.items() if kind is not None})


def draw(table: Grid, **options):
    """Draw a grid with st.dataframe (index hidden); return what st.dataframe returns."""
    return st.dataframe(table.data, column_config=table.config, hide_index=True, **options)
