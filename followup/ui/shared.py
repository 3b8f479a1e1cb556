"""What every viewer of a round and filters shares: figures and tables, built once per process.

A figure or a table depends only on its query result and its options, so it is built the
first time any viewer needs it and then handed to every session (followup.ui.memo: no copy,
no pickling; st.cache_resource for a frame that is no query's answer, hashed by Streamlit).
Query results are keyed on the database's generation, so an import makes new ones at once.
Nobody changes a shared object after it is built: st.plotly_chart and st.dataframe only
read it.
"""

from __future__ import annotations

import gc
import re
import sys

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas import get_option
from pandas.api.types import infer_dtype
from pandas.io.formats.style import Styler

from followup.report.figures import tables
from followup.ui.compat.arrow_bytes import freeze
from followup.ui.data import answer_of
from followup.ui.memo import Memo

_CELL = re.compile(r"row(\d+)_col(\d+)")
FIGURES, TABLES, ROWS = Memo(1000), Memo(500), Memo(500)


def _shared(memo: Memo, make, key: tuple, *rest):
    """Return make(*key, *rest), made once: through the memo when the key names a query's
    answer, else through Streamlit's cache (which hashes a frame that answers no query)."""
    if not any(isinstance(part, pd.DataFrame) for part in key):
        try:
            hash(key)
        except TypeError:  # an option that cannot be a key: Streamlit hashes it
            pass
        else:
            return memo.get((make.__name__, *key), lambda: make(*key, *rest))
    return _hashed(make.__name__, key, rest)


@st.cache_resource(show_spinner=False, max_entries=200)
def _hashed(name: str, key: tuple, _rest: tuple):
    return _MAKERS[name](*key, *_rest)


def _figure(name: str, source: tuple | pd.DataFrame, args: tuple, options: tuple, df,
            build) -> go.Figure:
    return build(df, *args, **dict(options))


def _source(df: pd.DataFrame) -> tuple | pd.DataFrame:
    """What identifies a frame's content: the query it answers (no hashing of its rows), or
    the frame itself (hashed by Streamlit) when it is not a query's answer."""
    return answer_of(df) or df


def figure(build, df: pd.DataFrame, *args, **options) -> go.Figure:
    """Return build(df, *args, **options), built once for every viewer of the same data."""
    name = f"{build.__module__}.{build.__qualname__}"
    return _shared(FIGURES, _figure, (name, _source(df), args, tuple(sorted(options.items()))),
                   df, build)


def _rendered(styler: Styler) -> Styler:
    """Return the Styler with its styles worked out once, for every later st.dataframe.

    Streamlit (1.67) reads a Styler through pandas' `_compute()` and `_translate(False,
    False)`, which work out every cell's style and display text again on every call, and
    then writes each cell's display text over the frame's own text (for a table of 1,200
    actions, 80 + 40 ms of every rerun). The data never changes after this point, so this is
    done here once, and only what Streamlit uses is kept: the cell styles grouped as pandas
    groups them, and the cells whose display text differs from the frame's own text, looked
    for only in the columns that are not all text (pandas shows text as it is). Streamlit
    sends exactly what it sent before (tests/test_shared.py compares it with pandas' own).
    """
    data = styler.data
    if data.size > get_option("styler.render.max_elements"):
        return _translated_once(styler)  # pandas trims what it shows: leave it to pandas
    styler._compute()
    groups: dict[tuple, list[str]] = {}
    for (row, col), props in sorted(styler.ctx.items()):
        if props:
            groups.setdefault(tuple(props), []).append(f"row{row}_col{col}")
    body = []
    for col in range(data.shape[1]):
        column = data.iloc[:, col]
        if infer_dtype(column, skipna=False) == "string":
            continue
        texts = column.astype(str).tolist()
        for row, value in enumerate(column.tolist()):
            shown = styler._display_funcs[(row, col)](value)
            if str(shown) != texts[row]:
                body.append([{"id": f"row{row}_col{col}", "display_value": shown}])
    kept = {"table_styles": list(styler.table_styles or []),
            "cellstyle": [{"props": list(props), "selectors": cells}
                          for props, cells in groups.items()], "body": body}
    return _kept(styler, kept)


def _translated_once(styler: Styler) -> Styler:
    """The same through pandas' own translation (a table larger than pandas shows whole)."""
    styler._compute()
    translated = styler._translate(False, False)
    as_text = styler.data.astype(str).to_numpy().tolist()  # rows of the frame's own texts
    body = [[cell for cell in row if _differs(cell, as_text)]
            for row in translated.get("body", [])]
    return _kept(styler, {"table_styles": translated.get("table_styles", []),
                          "cellstyle": translated.get("cellstyle", []),
                          "body": [r for r in body if r]})


def _kept(styler: Styler, kept: dict) -> Styler:
    styler._compute = lambda: styler
    styler._translate = lambda *_args, **_kwargs: kept
    styler.ctx.clear()  # a style and a formatter per cell, needed no more
    styler._display_funcs.clear()
    return styler


def _differs(cell: dict, as_text: list[list[str]]) -> bool:
    """Return True when a body cell's display text is not the frame's own text there."""
    at = _CELL.match(cell.get("id") or "")
    if at is None:
        return False
    row, col = map(int, at.groups())
    return str(cell.get("display_value")) != as_text[row][col]


def _table(source: tuple | pd.DataFrame, columns: tuple[str, ...], lang: str,
           bars: tuple[str, ...], df: pd.DataFrame) -> Styler | pd.DataFrame:
    styler = _rendered(tables.styled(df, list(columns), lang, bars=bars))
    kept = styler._translate(False, False)
    text_only = all(pd.api.types.is_string_dtype(kind) for kind in styler.data.dtypes)
    freeze(styler.data)  # nobody changes it: its Arrow bytes are made once (compat.arrow_bytes)
    if text_only and not any(kept.values()):
        return styler.data  # no colour, no other display text: the frame shows the same
    return styler


def table(df: pd.DataFrame, columns: list[str], lang: str,
          bars: tuple[str, ...] = ()) -> Styler | pd.DataFrame:
    """Return tables.styled(df, columns, lang) for st.dataframe, built once for every viewer
    of the same data (the plain frame of text when the Styler adds nothing to it)."""
    return _shared(TABLES, _table, (_source(df), tuple(columns), lang, tuple(bars)), df)


def _rows(source: tuple | pd.DataFrame, df: pd.DataFrame) -> tuple[list, list[str]]:
    ids = list(df["action_key"] if "action_key" in df else df["action_id"])
    labels = [f"{i} · {a}" if isinstance(i, str) else str(a)
              for i, a in zip(df["action_id"], df["action"])]
    return ids, labels


def action_rows(df: pd.DataFrame) -> tuple[list, list[str]]:
    """Return each row's action (its key, else its ID) and its label `ID · text`, once for
    every viewer of the same data."""
    return _shared(ROWS, _rows, (_source(df),), df)


_MAKERS = {make.__name__: make for make in (_figure, _table, _rows)}


_FROZEN = [0]


def freeze_startup_heap() -> None:
    """Keep what the runs so far loaded (modules, classes, plotly's validators) out of the
    garbage collector's sight; again only when a run has imported more modules.

    Streamlit runs a full collection after every script run; with pandas, plotly and DuckDB
    loaded, walking those long-lived objects was a sixth of a rerun's CPU. They live as long
    as the process, so the collector gains nothing by walking them (gc.freeze); what later
    runs create is collected as before.
    """
    if len(sys.modules) != _FROZEN[0]:
        _FROZEN[0] = len(sys.modules)
        gc.collect()
        gc.freeze()
