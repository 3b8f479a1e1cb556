"""The app's grids: typed tables (followup.report.figures.tables.typed) with each column's format
in the user's language, so a click on a header sorts by value and a cell reads as before.

Dates are written as the app writes them (`31.12.2012` in Norwegian, `2012-12-31` in English,
and a time after them on a 24-hour clock),
amounts in whole kroner with the language's grouping (`1 250 000`, `1,250,000`), days past a
due date with their sign (`+12` overdue, `-30` to go), shares as bars, and a status as a chip
on its colour (its label says it too: status is never colour alone).

A grid fits the page beside the sidebar on a 1366 px laptop (followup.report.figures.sizing):
each short column as wide as its header and values, the long texts sharing what is left and
wrapping, every row shown up to MAX_ROWS. On a phone the grid gives way to a list of its rows
(followup.ui.phone).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from followup.i18n import is_norwegian, t
from followup.report.figures import links, sizing, tables


class Grid(NamedTuple):
    """A typed table, the column formats st.dataframe draws it with, and its row height."""

    data: pd.DataFrame
    config: dict
    row_height: int | None = None


def date_format(lang: str) -> str:
    """Return the grid's date format (momentJS) that writes a date as followup.i18n.date does."""
    return "DD.MM.YYYY" if is_norwegian(lang) else "YYYY-MM-DD"


def amount_format(lang: str) -> str:
    """Return the grid's format (sprintf-js) for whole kroner, grouped as Babel groups them:
    a no-break space in Norwegian, a comma in English."""
    return "%'\u00a0,d" if is_norwegian(lang) else "%,d"


def _column(col: str, columns: list[str], lang: str, width: int):
    if col in tables.SECONDARY:  # shown from the grid's column menu
        return {**st.column_config.Column(width=width), "hidden": True}
    if col in tables.STATUSES:
        labels, colors = tables.status_chips(lang, recommendations="response" in columns)
        return st.column_config.MultiselectColumn(options=labels, color=colors, width=width)
    if col in tables.DATES:
        return st.column_config.DateColumn(format=date_format(lang), width=width)
    if col in tables.TIMESTAMPS:  # the audit log's times to the second
        clock = " HH:mm:ss" if col == "logged_at" else " HH:mm"
        return st.column_config.DatetimeColumn(format=date_format(lang) + clock, width=width)
    if col in tables.AMOUNTS:
        return st.column_config.NumberColumn(format=amount_format(lang), width=width)
    if col == "disbursed_nok":
        return st.column_config.NumberColumn(format=amount_format(lang), width=width,
                                             help=t("col.disbursed_nok_help", lang))
    if col == "days_overdue":
        return st.column_config.NumberColumn(format="%+d", help=t("col.days_overdue_help", lang),
                                             width=width)
    if col == "file_name":
        return st.column_config.Column(width=width, help=t("col.file_name_help", lang))
    if col == "sha256":
        return st.column_config.Column(width=width, help=t("col.sha256_help", lang))
    if col == "evidence_link":  # https links only (tables.typed); anything else is text
        return st.column_config.LinkColumn(validate=links.GRID_LINK, width=width)
    if col == "completion_pct":
        return st.column_config.ProgressColumn(
            format="%.0f %%" if is_norwegian(lang) else "%.0f%%", min_value=0, max_value=100,
            width=width)
    return st.column_config.Column(width=width)


def grid(df: pd.DataFrame, columns: list[str], lang: str, selectable: bool = False) -> Grid:
    """Return the typed table of these columns (less those with no value in any row), their
    formats and widths in the user's language (less the row markers' width when its rows can
    be clicked), and the row height its long texts need."""
    shown = [c for c in columns if not sizing.blank(df[c])] if len(df) else list(columns)
    data = tables.typed(df, shown, lang)
    codes = [c for col in shown for c in ((col, "evidence_link") if col == "evidence" else (col,))]
    budget = sizing.BUDGET - (sizing.MARKERS if selectable else 0)
    plan = sizing.plan(data, codes, tables.SECONDARY, budget)
    for c in sizing.SHORTENED:
        if c in codes:
            head = t(f"col.{c}", lang)
            data[head] = data[head].map(lambda v, w=plan.widths[c]: sizing.shortened(v, w))
    config = {t(f"col.{c}", lang): _column(c, codes, lang, plan.widths[c]) for c in codes}
    return Grid(data, config, plan.row_height)


def fitted(data: pd.DataFrame, columns: list[str], budget: int = sizing.BUDGET) -> Grid:
    """Return a grid of a table already written out for people (its headers in `data`, their
    codes in `columns`, in the same order), each column sized to fit the page (or `budget`
    pixels)."""
    plan = sizing.plan(data, columns, budget=budget)
    config = {head: st.column_config.Column(width=plan.widths[c])
              for c, head in zip(columns, data.columns)}
    return Grid(data, config, plan.row_height)


def height(table: Grid) -> int:
    """Return the grid's height in pixels: every row up to sizing.MAX_ROWS, then scrolling."""
    return sizing.height(len(table.data), table.row_height)


def draw(table: Grid, **options):
    """Draw a grid with st.dataframe (index hidden), every row shown up to a height; return
    what st.dataframe returns."""
    options.setdefault("height", height(table))
    if table.row_height:
        options.setdefault("row_height", table.row_height)
    return st.dataframe(table.data, column_config=table.config, hide_index=True, **options)
