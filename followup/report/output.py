"""Rows out of the CLI: an aligned table, JSON objects, or CSV that is safe to open in Excel."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(value):
    """Return a JSON-ready value: whole decimals as int, other decimals as float, dates ISO."""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def safe_text(value):
    """Return text that Excel will not read as a formula (a leading `'`); other values as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def as_json(columns: list[str], rows: list[tuple]) -> str:
    """Return the rows as a JSON list of objects, one per row."""
    return json.dumps([{c: plain(v) for c, v in zip(columns, row)} for row in rows],
                      ensure_ascii=False, indent=2)


def as_csv(columns: list[str], rows: list[tuple]) -> str:
    """Return the rows as CSV with a header; text never starts like a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_text(plain(v)) for v in row])
    return buffer.getvalue()


def _cell(value) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def as_table(columns: list[str], rows: list[tuple]) -> str:
    """Return the rows as an aligned text table (numbers right-aligned)."""
    cells = [[_cell(v) for v in row] for row in rows]
    numeric = [all(isinstance(plain(r[i]), (int, float)) or r[i] is None for r in rows)
               for i in range(len(columns))]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def render(fmt: str, columns: list[str], rows: list[tuple]) -> str:
    """Return rows in the named format: table, json or csv."""
    return {"table": as_table, "json": as_json, "csv": as_csv}[fmt](columns, rows)
