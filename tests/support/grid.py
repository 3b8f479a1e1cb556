"""Reading the app's grids as a person reads them: a status chip as its label, a date as the
app writes it (the grid's typed values, followup.ui.grids, formatted in the test)."""

from __future__ import annotations

import json

import pandas as pd

from followup.i18n import date


def as_text(df: pd.DataFrame, lang: str = "nb") -> pd.DataFrame:
    """Return the grid's frame with each chip cell as its label ("" for none) and each date
    written as followup.i18n.date writes it ("" for none); numbers stay numbers."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = [date(v.date(), lang) if pd.notna(v) else "" for v in out[col]]
        elif len(out) and all(hasattr(v, "__len__") and not isinstance(v, str)
                              for v in out[col]):
            out[col] = ["".join(v) for v in out[col]]
    return out


def formats(element) -> dict:
    """Return the column formats an st.dataframe element was drawn with, by header."""
    return json.loads(element.proto.columns or "{}")
