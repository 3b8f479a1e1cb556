"""Read a workbook's sheets into DuckDB tables of text, one column per recognised field.

Each sheet is parsed once, whole (calamine via fastexcel; sheets in parallel threads), and
scanned into DuckDB through Arrow. The header row is found within the first rows; a year row
under a merged heading extends it. Cells stay text here; `validate` types them. Merged blocks
are filled down in SQL. SQL identifiers below come from the fixed field list, never from cells.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

import fastexcel

from followup.workbook import asof, formats, scale
from followup.workbook.container import (
    Container,
    Proven,
    SheetPart,
    column_letters,
    is_panic,
)
from followup.workbook.problems import Problem, Rejected

HEADER_SCAN_ROWS = 20
logging.getLogger("fastexcel").setLevel(logging.ERROR)
_LOG = logging.getLogger(__name__)


@dataclass
class Column:
    """A column of a sheet: canonical field (or `y2011` for a year), header as written, index,
    and the factor its amounts are stated in (1000 for `2011 (1000 NOK)`; see `scale`)."""

    field: str
    header: str
    index: int
    scale: int = 1


@dataclass
class Sheet:
    """One recognised sheet, read into the DuckDB table `raw_<kind>` with a `_row` column."""

    kind: str
    name: str
    header_row: int
    columns: list[Column] = field(default_factory=list)
    formulas: list[tuple[int, str, str]] = field(default_factory=list)
    title_date: asof.Found | None = None

    @property
    def table(self) -> str:
        """Return the name of the DuckDB table holding this sheet's cells."""
        return f"raw_{self.kind}"

    def header(self, field_name: str) -> str:
        """Return the header as written for a field, or the field's first alias."""
        for column in self.columns:
            if column.field == field_name:
                return column.header
        return next(f.aliases[0] for f in formats.FIELDS[self.kind] if f.name == field_name)

    def has(self, field_name: str) -> bool:
        """Return True when the sheet has a column for the field."""
        return any(c.field == field_name for c in self.columns)

    def position(self, field_name: str) -> int:
        """Return the column index of a field (for ordering problems), or a large number."""
        return next((c.index for c in self.columns if c.field == field_name), 10**6)

    @property
    def years(self) -> list[Column]:
        """Return the year (disbursement) columns of a wide grants sheet."""
        return [c for c in self.columns if formats.is_year_field(c.field)]


class _Cells:
    """A parsed sheet, exported to Arrow in the parsing thread and scanned once by DuckDB."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.indices = [c.absolute_index for c in sheet.selected_columns]
        self.names = [c.name for c in sheet.selected_columns]
        self._pair = sheet.__arrow_c_array__()

    def __arrow_c_schema__(self):
        return self.sheet.__arrow_c_schema__()

    def __arrow_c_array__(self, requested_schema=None):
        pair, self._pair = self._pair, None
        return pair or self.sheet.__arrow_c_array__()


def _load(container: Container, part: SheetPart) -> _Cells | None:
    """Parse a sheet proven safe whole into Arrow text columns; None when empty."""
    reader = fastexcel.read_excel(container.data)
    name = part.name
    try:
        sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string",
                                  whitespace_as_null=True)
    except fastexcel.InvalidParametersError:
        return None
    return _Cells(sheet) if sheet.selected_columns else None


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _classify(kind: str, text: str | None) -> str | None:
    if text is None:
        return None
    aliases = formats.alias_map(kind)
    for key in formats.header_keys(text):
        if key in aliases:
            return aliases[key]
    year = formats.header_year(text)
    if kind == formats.GRANTS and year is not None:
        return f"y{year}"
    return None


def _find_header(kind: str, rows: list[tuple]) -> int | None:
    best, best_score = None, 0
    required = {f.name for f in formats.FIELDS[kind] if f.required}
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = {_classify(kind, _text(v)) for v in row} - {None}
        score = len(found & required) * 10 + len(found)
        if found & required and score > best_score:
            best, best_score = i, score
    return best


def _year_subheader(kind: str, header: tuple, below: tuple) -> bool:
    """Return True when the row under the header holds only years, under unknown headings."""
    if kind != formats.GRANTS:
        return False
    cells = [_text(v) for v in below]
    years = [i for i, v in enumerate(cells) if formats.header_year(v) is not None]
    others = [v for v in cells if v is not None and formats.header_year(v) is None]
    return bool(years) and not others and all(
        _classify(kind, _text(header[i])) is None for i in years)


def _columns(sheet: Sheet, header: tuple, below: tuple | None, indices: list[int],
             problems: list[Problem]) -> list[int]:
    """Map header cells to fields; return the indices of headerless columns."""
    seen: dict[str, Column] = {}
    unknown, headerless = [], []
    for pos, index in enumerate(indices):
        text = _text(header[pos])
        if below is not None and formats.header_year(_text(below[pos])) is not None:
            text = _text(below[pos])
        name = _classify(sheet.kind, text)
        if name is None:
            (unknown.append(text) if text else headerless.append(index))
            continue
        if name in seen:
            problems.append(Problem("error", "duplicate_column", sheet.name, sheet.header_row + 1,
                                    text, args={"letter": column_letters(index),
                                                "other": f"{column_letters(seen[name].index)} "
                                                         f"({seen[name].header})"}))
            continue
        seen[name] = Column(name, text, index)
    sheet.columns = list(seen.values())
    if unknown:
        problems.append(Problem("warning", "unknown_columns", sheet.name, sheet.header_row + 1,
                                args={"names": ", ".join(unknown)}))
    return headerless


def _missing(sheet: Sheet, problems: list[Problem]) -> None:
    for f in formats.FIELDS[sheet.kind]:
        if f.required and not sheet.has(f.name):
            problems.append(Problem("error", "missing_column", sheet.name, sheet.header_row + 1,
                                    args={"wanted": f.aliases[0],
                                          "accepted": " | ".join(f.aliases)}))


def _raw_table(con, sheet: Sheet, source: str, start: int, headerless: list[int],
               indices: list[int]) -> None:
    """Create the view raw_<kind>: data rows, fields renamed, blank and first-cell flags.

    The first cell is the row's first non-empty cell, read or not (a totals row may say
    `Sum` in a column the format does not know); a row is blank when no read cell has a value.
    """
    cols = [f'c{c.index} AS "{c.field}"' for c in sheet.columns]
    cols += [f"c{i} AS _nohead_{i}" for i in headerless]
    ordered = [f"c{c.index}" for c in sorted(sheet.columns, key=lambda c: c.index)]
    read = f"coalesce({', '.join(ordered)})" if ordered else "NULL::VARCHAR"
    first = f"coalesce({', '.join(f'c{i}' for i in sorted(indices))})"
    select = ", ".join(["CAST(rowid + 1 AS INTEGER) AS _row", *cols,
                        f"{first} AS _first", f"{read} IS NULL AS _blank"])
    con.execute(f"CREATE OR REPLACE TEMP VIEW {sheet.table} AS "
                f"SELECT {select} FROM {source} WHERE rowid >= {int(start)}")


def _fill_merges(con, sheet: Sheet, part: SheetPart, start: int) -> None:
    """Give every row of a merged block the value typed in its top cell."""
    by_index = {c.index: c.field for c in sheet.columns}
    blocks = [(by_index[c1], r1 + 1, r2 + 1) for r1, c1, r2, _ in part.merges
              if c1 in by_index and r2 > r1 and r1 >= start]
    if not blocks:
        return
    con.execute(f"CREATE OR REPLACE TEMP TABLE {sheet.table}_filled AS FROM {sheet.table}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {sheet.table} AS FROM {sheet.table}_filled")
    fields, tops, bottoms = (list(column) for column in zip(*blocks))
    con.execute("CREATE OR REPLACE TEMP TABLE _merges AS SELECT unnest($fields) AS field, "
                "unnest($tops)::INTEGER AS top, unnest($bottoms)::INTEGER AS bottom",
                {"fields": fields, "tops": tops, "bottoms": bottoms})
    for name in sorted({b[0] for b in blocks}):
        con.execute(f"""
            UPDATE {sheet.table}_filled AS t SET "{name}" = src.value
            FROM (SELECT m.top, m.bottom, r."{name}" AS value FROM _merges AS m
                  JOIN {sheet.table}_filled AS r ON r._row = m.top WHERE m.field = $field) AS src
            WHERE t._row > src.top AND t._row <= src.bottom AND t."{name}" IS NULL
        """, {"field": name})


def _cell_errors(sheet: Sheet, part: SheetPart, start: int, problems: list[Problem]) -> None:
    fields = {c.index: c.field for c in sheet.columns}
    headers = {c.index: c.header for c in sheet.columns}
    for row, col, text in part.errors:
        if row >= start and col in headers:
            problems.append(Problem("error", "cell_error", sheet.name, row + 1, headers[col], text))
    sheet.formulas = [(row + 1, fields[col], text) for row, col, text in part.formulas
                      if row >= start and col in fields]


def _headerless_warnings(con, sheet: Sheet, headerless: list[int], problems) -> None:
    """Warn of columns with values but no header: one statement counts them all."""
    if not headerless:
        return
    counts = con.execute("SELECT " + ", ".join(f"count(_nohead_{int(i)})" for i in headerless)
                         + f" FROM {sheet.table}").fetchall()[0]
    problems.extend(Problem("warning", "unnamed_column", sheet.name, sheet.header_row + 1,
                            args={"letter": column_letters(i)})
                    for i, n in zip(headerless, counts) if n)


def _empty_sheet(part: SheetPart, problems: list[Problem]) -> None:
    expected = ", ".join(f.aliases[0] for f in formats.FIELDS[part.kind] if f.required)
    problems.append(Problem("error", "no_header", part.name,
                            args={"rows": HEADER_SCAN_ROWS, "expected": expected}))


def _read_sheet(con, part: SheetPart, cells: _Cells | None,
                problems: list[Problem]) -> Sheet | None:
    if cells is None:
        _empty_sheet(part, problems)
        return None
    source = f"sheet_{part.kind}"
    renames = ", ".join(f'"{n}" AS c{i}' for n, i in zip(cells.names, cells.indices))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {source} AS SELECT {renames} FROM cells")
    rows = con.execute(f"SELECT * FROM {source} WHERE rowid <= $n ORDER BY rowid",
                       {"n": HEADER_SCAN_ROWS}).fetchall()
    at = _find_header(part.kind, rows)
    if at is None:
        _empty_sheet(part, problems)
        return None
    sheet = Sheet(part.kind, part.name, at, title_date=asof.in_rows(part.name, rows[:at]))
    below = rows[at + 1] if at + 1 < len(rows) else None
    two_rows = below is not None and _year_subheader(part.kind, rows[at], below)
    headerless = _columns(sheet, rows[at], below if two_rows else None, cells.indices, problems)
    _missing(sheet, problems)
    scale.apply(sheet, rows[:at], rows[at] if two_rows else None, cells.indices, problems)
    start = at + (2 if two_rows else 1)
    _raw_table(con, sheet, source, start, headerless, cells.indices)
    _fill_merges(con, sheet, part, start)
    _headerless_warnings(con, sheet, headerless, problems)
    _cell_errors(sheet, part, start, problems)
    return sheet


def _pick_sheets(parts: list[SheetPart]) -> dict[str, SheetPart]:
    chosen: dict[str, list[SheetPart]] = {}
    for part in parts:
        if part.kind:
            chosen.setdefault(part.kind, []).append(part)
    if not chosen:
        accepted = "; ".join(" | ".join(formats.SHEET_ALIASES[k]) for k in formats.DATA_KINDS)
        found = ", ".join(p.name for p in parts)
        raise Rejected([Problem("error", "no_sheet", args={"found": found, "accepted": accepted})])
    duplicates = [", ".join(p.name for p in ps) for ps in chosen.values() if len(ps) > 1]
    if duplicates:
        raise Rejected([Problem("error", "duplicate_sheet", args={"names": d})
                        for d in duplicates])
    return {kind: ps[0] for kind, ps in chosen.items()}


def _near_misses(parts: list[SheetPart]) -> list[Problem]:
    """Warn of sheets not read whose names contain a sheet name that is (`Tilskudd 2012`)."""
    problems = []
    for part in parts:
        kind = None if part.kind else formats.sheet_kind_within(part.name)
        if kind:
            problems.append(Problem("warning", "sheet_not_read", part.name, args={
                "accepted": " | ".join(formats.SHEET_ALIASES[kind])}))
    return problems


def read(container: Container, connect, on_sheet=None) -> tuple[dict[str, Sheet], list[Problem]]:
    """Read every recognised sheet into DuckDB; return them and the problems.

    Everything waits for the largest sheet, so it is proven first, alone (the proof holds
    the GIL, the parsing does not), and parses in a thread of its own from then on. The main
    thread then proves the other sheets, each handed to a second thread to parse as soon as
    it is proven, and while they parse it calls `connect()` (importing and setting up DuckDB)
    and returns the connection; then it takes the other sheets, each with what the reader does
    not give (merged ranges, error cells, formulas) read from its part, and
    `on_sheet(kind, sheet)` is called for each at once, so their typing overlaps the parsing
    of the largest; what the largest's part holds besides its cells is read last, while it
    is still parsing.
    """
    problems: list[Problem] = _near_misses(container.sheets)
    chosen = _pick_sheets(container.sheets)
    (first, largest), *others = sorted(chosen.items(), key=lambda kp: -container.size(kp[1]))
    sheets = {}

    def take(kind: str, part: SheetPart, cells: _Cells | None) -> None:
        sheet = _read_sheet(con, part, cells, problems)
        if sheet is not None:
            sheets[kind] = sheet
            if on_sheet is not None:
                on_sheet(kind, sheet)

    proven: list[Proven] = []  # closed whatever happens: no forked copy outlives the reading
    try:
        proven.append(largest_proven := container.prove(largest))
        with ThreadPoolExecutor(max_workers=min(2, len(chosen))) as pool:
            parsing = pool.submit(_load, container, largest)
            others_proven, futures = {}, {}
            for kind, part in others:
                proven.append(others_proven.setdefault(kind, container.prove(part)))
                futures[pool.submit(_load, container, part)] = kind
            con = connect()
            for future in as_completed(futures):
                kind = futures[future]
                others_proven.pop(kind).survey(chosen[kind])
                take(kind, chosen[kind], future.result())
            largest_proven.survey(largest)  # while it still parses
            take(first, largest, parsing.result())
    except fastexcel.FastExcelError as exc:
        _LOG.warning("unreadable workbook: %s", str(exc).splitlines()[0][:200])
        raise Rejected([Problem("error", "damaged")]) from None
    except BaseException as exc:
        if is_panic(exc):
            _LOG.warning("the reader panicked: %s", str(exc)[:200])
            raise Rejected([Problem("error", "damaged")]) from None
        raise
    finally:
        for part in proven:
            part.close()
    return {kind: sheets[kind] for kind in chosen if kind in sheets}, problems
