"""Rows out of the CLI: an aligned table, or JSON and CSV written by DuckDB, safe for Excel.

JSON and CSV are converted and written by DuckDB itself (no Python object per row): whole
decimals become integers and other decimals floats, timestamps ISO text (`2012-12-14T10:00:00`),
dates `2012-12-14`; in CSV an empty text is an empty cell, booleans are `True`/`False`, and a
text cell that Excel would read as a formula (FORMULA) gets a `'` in front.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from followup import store
from followup.report.documents.cells import FORMULA, plain

# DuckDB's expressions are imported where they are built: the command line imports this
# module for every command, and an import reads its workbook before it needs DuckDB (importing
# it, ~0.1 s, overlaps the parsing: followup.workbook.reader.read)
if TYPE_CHECKING:
    from duckdb import sqltypes

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ISO_SECONDS = "%Y-%m-%dT%H:%M:%S"


def _number(column, as_text: bool):
    """A decimal as an integer when it is whole, else as a float (JSON, or text for CSV)."""
    from duckdb import CaseExpression, FunctionExpression, sqltypes

    def convert(kind):
        value = column.cast(kind)
        return value.cast(sqltypes.VARCHAR) if as_text else FunctionExpression("to_json", value)
    whole = column == FunctionExpression("trunc", column)
    return CaseExpression(whole, convert(sqltypes.HUGEINT)).otherwise(convert(sqltypes.DOUBLE))


def _iso(column):
    """A timestamp as Python's isoformat() writes it: `T`, microseconds only when there are."""
    from duckdb import CaseExpression, ConstantExpression, FunctionExpression

    whole = FunctionExpression("epoch_us", column) % ConstantExpression(1_000_000) \
        == ConstantExpression(0)
    return CaseExpression(whole, FunctionExpression("strftime", column,
                                                    ConstantExpression(_ISO_SECONDS))) \
        .otherwise(FunctionExpression("strftime", column,
                                      ConstantExpression(_ISO_SECONDS + ".%f")))


def _csv_text(column):
    """Text with a `'` in front when it looks like a formula; an empty text as an empty cell."""
    from duckdb import CaseExpression, ConstantExpression, FunctionExpression

    risky = FunctionExpression("regexp_matches", column, ConstantExpression(FORMULA))
    return CaseExpression(risky, FunctionExpression("concat", ConstantExpression("'"), column)) \
        .otherwise(FunctionExpression("nullif", column, ConstantExpression("")))


def _converted(fmt: str, name: str, kind: sqltypes.DuckDBPyType):
    from duckdb import CaseExpression, ColumnExpression, ConstantExpression

    column = ColumnExpression(name)
    if kind.id == "decimal":
        value = _number(column, fmt == "csv")
    elif kind.id == "timestamp":
        value = _iso(column)
    elif fmt == "csv" and kind.id == "varchar":
        value = _csv_text(column)
    elif fmt == "csv" and kind.id == "boolean":
        value = CaseExpression(column, ConstantExpression("True")) \
            .when(~column, ConstantExpression("False"))
    else:
        return column
    return value.alias(name)


def write(fmt: str, con, relation, path: Path) -> None:
    """Write a relation's rows to path as JSON (a list of objects) or CSV with a header."""
    rows = relation.select(*[_converted(fmt, name, kind)
                             for name, kind in zip(relation.columns, relation.types)])
    if fmt == "csv":
        rows.write_csv(str(path), header=True)
    else:
        store.write_json(con, rows, path)


def escaped(text: str) -> str:
    """Return text with control characters (ESC, NUL, line breaks) shown as `\\x1b`."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _cell(value) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return escaped(str(value))


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


@contextlib.contextmanager
def rows_out(fmt: str, stdout):
    """Yield keep(con, relation), which keeps the relation's rows; they go to stdout at the end.

    JSON and CSV are written by DuckDB to a file while the database is open and copied to
    stdout once the block (and with it the connection) is closed, so a slow reader of stdout
    never holds up an import; a table is formatted in Python.
    """
    table = []
    with tempfile.TemporaryDirectory(prefix="followup-") as folder:
        path = Path(folder) / f"rows.{fmt}"

        def keep(con, relation) -> None:
            if fmt == "table":
                table.append(as_table(relation.columns, relation.fetchall()))
            else:
                write(fmt, con, relation, path)

        yield keep
        stdout.flush()
        if table:
            stdout.write(table[0] + "\n")
        elif path.exists():
            with path.open("rb") as rows:
                shutil.copyfileobj(rows, stdout.buffer, 1 << 20)
        stdout.flush()
