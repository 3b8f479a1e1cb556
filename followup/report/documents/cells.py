"""Values for files a spreadsheet opens: JSON-ready values, and text Excel would read as a
formula (written with a `'` in front, by the export and the command line's CSV)."""

from __future__ import annotations

import datetime as dt
import decimal
import re

# A text cell matching this (Python's re and DuckDB's regexp_matches alike) would be read by
# Excel as a formula or a command, so it is written with a `'` in front: also when spaces or
# line breaks come before the `=` (Excel drops them on import).
FORMULA = r"^(\s*[=+\-@]|[\t\r])"
_FORMULA = re.compile(FORMULA)


def plain(value):
    """Return a JSON-ready value: whole decimals as int, other decimals as float, dates ISO."""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def formula_like(text: str) -> bool:
    """Return True when Excel would read the text as a formula (see FORMULA)."""
    return bool(_FORMULA.match(text))
