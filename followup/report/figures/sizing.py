"""How wide a grid's columns are and how tall its rows, so a table fits the page beside the
sidebar on a 1366 px laptop (875 px) without scrolling sideways (pure: typed table in, pixels
out).

A short column (an ID, a status chip, a date, an amount, days) is as wide as its header or its
widest value; a long text (an action, a comment, a recommendation, a title) shares what is left
and wraps, on as many lines as its longest value needs (at most MAX_LINES); a file name, one
long word, is shortened in its middle to its column instead. The widths are
measured in the grid's type (14 px Source Sans): the estimate errs on the wide side.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import pandas as pd

# The grid's width beside the sidebar on a 1366 px screen, less its border.
BUDGET = 868
# What an expander's padding and border take of it (a grid inside one is this much narrower).
EXPANDER = 40
# The row markers (a checkbox) of a grid whose rows can be clicked.
MARKERS = 34
# Long texts: they take what the short columns leave, and wrap.
WRAPPED = ("action", "comment", "recommendation", "title", "evaluation", "message", "emails",
           "ids", "was", "proposed", "file_name", "who", "recipients", "detail")
# Their share of what is left (a comment is read after the action).
WEIGHT = {"comment": 0.7}
MIN_WRAPPED = 150
# ... but narrower rather than wider than the page, down to this (then the grid scrolls sideways)
MIN_SQUEEZED = 100
# Short texts (an actor, a partner, a section) at most this many characters wide; they wrap too.
MAX_TEXT = 16
CHAR, DIGIT, PAD = 7.2, 8.0, 26
CHIP_CHAR, CHIP = 6.5, 16
HEADER_CHAR = 7.8
LINE, ROW_PAD, ROW = 19, 14, 35
MAX_LINES = 4
# st.dataframe wraps a text only in rows taller than 4rem: 68 px at the theme's 17 px (a row of
# 65 px showed two lines' room and cut the text on one)
WRAPS = 69
# A text that cannot wrap (a file name is one long word) is shortened in its middle to fit its
# column, its end (the extension) kept; the page shows it whole elsewhere (the column says where).
SHORTENED = ("file_name",)
ELLIPSIS = "…"
# Every row is shown up to this many; a longer table scrolls inside its box.
MAX_ROWS = 25


class Plan(NamedTuple):
    """Each column's width in pixels, and the row height (None: one line, the grid's own)."""

    widths: dict[str, int]
    row_height: int | None


def blank(column: pd.Series) -> bool:
    """Return True when a column has no value in any row (all missing or empty text)."""
    return all(v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT
               or (isinstance(v, str) and not v.strip()) for v in column)


def _chars(value) -> int:
    if isinstance(value, list | tuple):
        return max((len(str(v)) for v in value), default=0)
    if isinstance(value, pd.Timestamp):
        return 16 if value.hour or value.minute or value.second else 10
    if isinstance(value, float) and math.isnan(value):
        return 0
    if isinstance(value, int | float):
        return len(f"{value:,.0f}") + 1
    return len(str(value)) if value is not None else 0


def _short_width(header: str, column: pd.Series, code: str) -> int:
    values = max((_chars(v) for v in column), default=0)
    chip = any(isinstance(v, list | tuple) for v in column)
    figures = (pd.api.types.is_numeric_dtype(column)
               or pd.api.types.is_datetime64_any_dtype(column))
    if not chip and not figures:
        values = min(values, MAX_TEXT)
    body = values * (DIGIT if figures else CHIP_CHAR if chip else CHAR)
    if code == "completion_pct":
        body = max(body, 90)
    return math.ceil(max(len(header) * HEADER_CHAR, body + (CHIP if chip else 0)) + PAD)


def plan(data: pd.DataFrame, columns: list[str], hidden: tuple[str, ...] = (),
         budget: int = BUDGET) -> Plan:
    """Return the widths of a typed table's columns (its headers in `data`, their codes in
    `columns`, in the same order) within `budget` pixels, and the row height its long texts
    need; `hidden` columns take no room."""
    headers = dict(zip(columns, data.columns))
    widths = {c: _short_width(headers[c], data[headers[c]], c) for c in columns
              if c not in WRAPPED}
    wrapped = [c for c in columns if c in WRAPPED]
    left = budget - sum(w for c, w in widths.items() if c not in hidden)
    if not wrapped:
        return Plan(widths, None)
    weights = sum(WEIGHT.get(c, 1) for c in wrapped)
    for c in wrapped:
        share = int(left * WEIGHT.get(c, 1) / weights)
        width = share if MIN_SQUEEZED <= share < MIN_WRAPPED else max(MIN_WRAPPED, share)
        header = math.ceil(len(headers[c]) * HEADER_CHAR + PAD)
        widths[c] = max(width, header)
    _fit_words(widths, {c: data[headers[c]] for c in wrapped})
    lines = 1
    for c in wrapped:
        per_line = max(1, int((widths[c] - PAD) / CHAR))
        texts = data[headers[c]].map(lambda v, w=widths[c], c=c: shortened(v, w)
                                     if c in SHORTENED else v)
        longest = max((len(v) for v in texts if isinstance(v, str)), default=0)
        lines = max(lines, math.ceil(longest / per_line))
    if lines <= 1:
        return Plan(widths, None)
    return Plan(widths, max(WRAPS, ROW_PAD + LINE * min(lines, MAX_LINES)))


def shortened(text, width: int):
    """Return a text with each word too long for a column `width` px wide shortened in its
    middle, its end kept (`sample-ret…2-10.xlsx`); anything else as it is."""
    if not isinstance(text, str):
        return text
    room = max(5, int((width - PAD) / CHAR))
    tail = (room - 1) // 2
    return " ".join(w if len(w) <= room else w[:room - 1 - tail] + ELLIPSIS + w[len(w) - tail:]
                    for w in text.split(" "))


def _fit_words(widths: dict[str, int], texts: dict[str, pd.Series]) -> None:
    """Widen a wrapped column whose longest word (a link, a case number) does not fit it, by
    what the other wrapped columns have beyond their own longest word and MIN_WRAPPED."""
    need = {c: math.ceil(max((len(w) for v in col if isinstance(v, str) for w in v.split()),
                             default=0) * CHAR + PAD) for c, col in texts.items()}
    short = {c: need[c] - widths[c] for c in texts if need[c] > widths[c]}
    spare = {c: widths[c] - max(need[c], MIN_WRAPPED) for c in texts
             if c not in short and widths[c] > max(need[c], MIN_WRAPPED)}
    if not short or sum(short.values()) > sum(spare.values()):
        return
    total = sum(spare.values())
    for c, lack in short.items():
        widths[c] += lack
    taken = sum(short.values())
    for c, room in spare.items():
        widths[c] -= math.ceil(taken * room / total)


def height(rows: int, row_height: int | None) -> int:
    """Return a grid's height in pixels that shows every row (up to MAX_ROWS) and its header."""
    return ROW + (row_height or ROW) * max(1, min(rows, MAX_ROWS)) + 4
