"""The Arrow bytes of the tables every viewer shares, made once.

st.dataframe turns its frame into Arrow IPC bytes on every run, and for a Styler also a frame
of its display texts: for the overview's three action tables, a fifth of a rerun's CPU and
more of a new viewer's first run. The tables followup.ui.shared hands to every session are
never changed (`freeze` registers them), so their bytes are the same every time: Streamlit's
two conversion functions are wrapped, once per process, to make a registered frame's bytes
the first time and hand out the same bytes after. Any other frame goes through Streamlit as
before. Where Streamlit is not laid out as this expects, nothing is wrapped.
"""

from __future__ import annotations

import weakref

import pandas as pd

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


def install() -> None:
    """Wrap Streamlit's frame-to-Arrow conversions for frozen frames (once per process)."""
    if _done:
        return
    _done.append(True)
    try:
        from streamlit import dataframe_util
        from streamlit.elements.lib import pandas_styler_utils
        to_bytes = dataframe_util.convert_pandas_df_to_arrow_bytes
        display_values = pandas_styler_utils._marshall_display_values
    except (ImportError, AttributeError):
        return

    def convert(df, *, downcast_large_types: bool = False) -> bytes:
        kept = _kept(df)
        if kept is None:
            return to_bytes(df, downcast_large_types=downcast_large_types)
        key = ("data", downcast_large_types)
        if key not in kept:
            kept[key] = to_bytes(df, downcast_large_types=downcast_large_types)
        return kept[key]

    def display(proto, df, styles) -> None:
        kept = _kept(df)
        if kept is None or kept.get("styles", styles) is not styles:
            display_values(proto, df, styles)
            return
        if "display" not in kept:
            display_values(proto, df, styles)
            kept["styles"], kept["display"] = styles, proto.styler.display_values
        proto.styler.display_values = kept["display"]

    dataframe_util.convert_pandas_df_to_arrow_bytes = convert
    pandas_styler_utils._marshall_display_values = display
