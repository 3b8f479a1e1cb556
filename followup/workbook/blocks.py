"""Where a sheet's one table ends: a second table under it, after blank rows.

Real sheets put a summary (`Oppsummering per region`, then `Region | 2011 | 2012` and a row
per region), notes (`Kilde: …`) or a second listing with its own header under the data,
after one or more blank rows. Read as data, every such row was a string of "missing value"
errors. A second table starts at the first non-blank row that follows blank rows under the
data and either
- looks like a header: two or more of its cells are headers the sheet accepts (or a year,
  outside the columns of dates and amounts, where a year is a value), or
- is a title, a note or a summary line: at most one of the sheet's required columns holds a
  value, and its first filled cell is text (not a number or a date). Not on the contacts
  sheet, where a name alone is an actor without address.
The rows from there on are not data; one located error says where the second table starts.
"""

from __future__ import annotations

from followup.workbook import formats
from followup.workbook.problems import Problem

# columns whose values may look like years: dates (a bare year is one) and amounts
DATES = frozenset({"start_date", "end_date", "due_date", "year"})


def header_words(con) -> None:
    """Create the table of every accepted header's matching key, by sheet kind."""
    pairs = [(kind, key) for kind in formats.KINDS for key in formats.alias_map(kind)]
    con.execute("CREATE OR REPLACE TEMP TABLE header_words AS "
                "SELECT unnest($kinds) AS kind, unnest($keys) AS key",
                {"kinds": [k for k, _ in pairs], "keys": [key for _, key in pairs]})


def _header_cells(sheet) -> str:
    """Return the SQL that counts a row's cells that read as headers (fields are fixed)."""
    terms = []
    for column in sheet.columns:
        cell = f'"{column.field}"'
        terms.append(f"coalesce(is_header({cell}, $kind), false)::INTEGER")
        if column.field not in DATES and column.field != "amount" \
                and not formats.is_year_field(column.field):
            terms.append(f"coalesce(is_year_header({cell}), false)::INTEGER")
    return " + ".join(terms) or "0"


def start(con, sheet) -> tuple[int, str] | None:
    """Return the Excel row where a second table starts and its first cell, or None.

    One scan finds the blank rows (most sheets have none, and that is all they cost); only
    the rows right under blank rows are then looked at closely."""
    blank, first_data = con.execute(f"SELECT list(_row) FILTER (WHERE _blank), "
                                    f"min(_row) FILTER (WHERE NOT _blank) "
                                    f"FROM {sheet.table}").fetchone()
    if not blank or first_data is None:
        return None
    required = [f.name for f in formats.FIELDS[sheet.kind] if f.required and sheet.has(f.name)]
    filled = " + ".join(f'("{name}" IS NOT NULL)::INTEGER' for name in required) or "0"
    found = con.execute(f"""
        SELECT _row, _first FROM {sheet.table}
        WHERE _row IN (SELECT unnest($blank) + 1) AND NOT _blank AND _row > $first_data
          AND ({_header_cells(sheet)} >= 2
               OR ($titles AND {filled} <= 1 AND try_cast(_first AS DOUBLE) IS NULL
                   AND parse_date(_first, false) IS NULL))
        ORDER BY _row LIMIT 1
    """, {"kind": sheet.kind, "titles": sheet.kind != formats.CONTACTS, "blank": blank,
          "first_data": first_data}).fetchall()
    return found[0] if found else None


def problem(sheet, row: int, first: str) -> Problem:
    """Return the one error that says where the second table starts."""
    return Problem("error", "second_table", sheet.name, row, value=first)
