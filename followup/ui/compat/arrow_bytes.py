"""The Arrow bytes of the tables every viewer shares, made once.

st.dataframe turns its frame into Arrow IPC bytes on every run: for the overview's three
action tables, a large part of a rerun's CPU and more of a new viewer's first run. The tables
followup.ui.shared hands to every session are never changed (`freeze` registers them), so
their bytes are the same every time: Streamlit's conversion function is wrapped, once per
process, to make a registered frame's bytes the first time and hand out the same bytes after.
Any other frame goes through Streamlit as before.

Written for streamlit 1.67: `dataframe_util.convert_pandas_df_to_arrow_bytes(df, *,
downcast_large_types)`, looked up on its module at each call; otherwise it steps aside
(followup.ui.compat.gate) and every run makes the bytes again, as Streamlit does.
"""

from __future__ import annotations

import inspect
import weakref

import pandas as pd

from followup.ui.compat import gate

PATCH = "arrow_bytes"
WRITTEN_FOR = {"streamlit": "1.67"}
# id of a frozen frame -> (a weak reference to it, its bytes made so far by kind)
_FROZEN: dict[int, tuple[weakref.ref, dict]] = {}
_done: list[bool] = []


def freeze(df: pd.DataFrame) -> pd.DataFrame:
    """Register a frame nobody changes any more, so its Arrow bytes are made once."""
    ident = id(df)
    _FROZEN[ident] = (weakref.ref(df, lambda _gone: _FROZEN.pop(ident, None)), {})
    return df


def _kept(df) -> dict | None:
    entry = _FROZEN.get(id(df))
    return entry[1] if entry is not None and entry[0]() is df else None


def _shape() -> str:
    from streamlit import dataframe_util

    found = list(inspect.signature(dataframe_util.convert_pandas_df_to_arrow_bytes).parameters)
    return "" if found == ["df", "downcast_large_types"] else (
        f"convert_pandas_df_to_arrow_bytes{tuple(found)}")


def install() -> None:
    """Wrap Streamlit's frame-to-Arrow conversion for frozen frames (once per process)."""
    if _done:
        return
    _done.append(True)
    if not gate.fits(PATCH, WRITTEN_FOR, _shape):
        return
    from streamlit import dataframe_util

    to_bytes = dataframe_util.convert_pandas_df_to_arrow_bytes

    def convert(df, *, downcast_large_types: bool = False) -> bytes:
        kept = _kept(df)
        if kept is None:
            return to_bytes(df, downcast_large_types=downcast_large_types)
        if downcast_large_types in kept:
            gate.in_force(PATCH, "a shared table's Arrow bytes handed out again")
        else:
            kept[downcast_large_types] = to_bytes(df, downcast_large_types=downcast_large_types)
        return kept[downcast_large_types]

    dataframe_util.convert_pandas_df_to_arrow_bytes = convert
