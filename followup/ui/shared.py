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
import sys

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from followup.ui import grids
from followup.ui.compat.arrow_bytes import freeze
from followup.ui.data import answer_of
from followup.ui.memo import Memo

FIGURES, TABLES, ROWS, MARKUP = Memo(1000), Memo(500), Memo(500), Memo(500)


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


def _built(name: str, source: tuple | pd.DataFrame, args: tuple, options: tuple, df,
           build):
    return build(df, *args, **dict(options))


def _source(df: pd.DataFrame) -> tuple | pd.DataFrame:
    """What identifies a frame's content: the query it answers (no hashing of its rows), or
    the frame itself (hashed by Streamlit) when it is not a query's answer."""
    return answer_of(df) or df


def figure(build, df: pd.DataFrame, *args, **options) -> go.Figure:
    """Return build(df, *args, **options), built once for every viewer of the same data."""
    name = f"{build.__module__}.{build.__qualname__}"
    return _shared(FIGURES, _built, (name, _source(df), args, tuple(sorted(options.items()))),
                   df, build)


def markup(build, df: pd.DataFrame, *args) -> str:
    """Return build(df, *args), an HTML text (a list of actions in large type), made once for
    every viewer of the same data: made again on every run, the phone's list under a table of
    600 actions was the most of a rerun's own work."""
    name = f"{build.__module__}.{build.__qualname__}"
    return _shared(MARKUP, _built, (name, _source(df), args, ()), df, build)


def _table(source: tuple | pd.DataFrame, columns: tuple[str, ...], lang: str,
           selectable: bool, df: pd.DataFrame) -> grids.Grid:
    made = grids.grid(df, list(columns), lang, selectable)
    freeze(made.data)  # nobody changes it: its Arrow bytes are made once (compat.arrow_bytes)
    return made


def table(df: pd.DataFrame, columns: list[str], lang: str, selectable: bool = False) -> grids.Grid:
    """Return grids.grid(df, columns, lang, selectable): the typed table, its formats and
    widths, built once for every viewer of the same data."""
    return _shared(TABLES, _table, (_source(df), tuple(columns), lang, selectable), df)


def _rows(source: tuple | pd.DataFrame, df: pd.DataFrame) -> tuple[list, list[str]]:
    ids = list(df["action_key"] if "action_key" in df else df["action_id"])
    labels = [f"{i} · {a}" if isinstance(i, str) else str(a)
              for i, a in zip(df["action_id"], df["action"])]
    return ids, labels


def action_rows(df: pd.DataFrame) -> tuple[list, list[str]]:
    """Return each row's action (its key, else its ID) and its label `ID · text`, once for
    every viewer of the same data."""
    return _shared(ROWS, _rows, (_source(df),), df)


_MAKERS = {make.__name__: make for make in (_built, _table, _rows)}


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
