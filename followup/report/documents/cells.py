"""Values for files a spreadsheet opens: JSON-ready values, text Excel would read as a formula
(written with a `'` in front, by the export and the command line's CSV), and text an Office
XML part can hold (the deck's slides and charts)."""

from __future__ import annotations

import datetime as dt
import decimal
import re

# A text cell matching this (Python's re and DuckDB's regexp_matches alike) would be read by
# Excel as a formula or a command, so it is written with a `'` in front: also when spaces or
# line breaks come before the `=` (Excel drops them on import).
FORMULA = r"^(\s*[=+\-@]|[\t\r])"
_FORMULA = re.compile(FORMULA)
# What XML 1.0 cannot hold (C0 controls but tab and line breaks, U+FFFE, U+FFFF, surrogates),
# and the C1 controls and DEL, which Office shows as boxes.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


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


def xml_text(value) -> str:
    """Return value as text an XML part can hold: control characters (the BEL a pasted Word
    table cell leaves, an ESC) dropped, line breaks as `\\n`."""
    return _NOT_XML.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
