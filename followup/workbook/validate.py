"""Type the sheets' cells in DuckDB and collect every problem, column-wise, never raise-first."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from followup.workbook import blocks, formats
from followup.workbook.problems import Problem
from followup.workbook.reader import Sheet

SQL = Path(__file__).parent / "sql"
WARNINGS = {"empty_status", "negative_amount", "unknown_columns", "unnamed_column", "no_address",
            "sheet_not_read", "unknown_contact_actor", "empty_response",
            "no_recommendations_sheet", "link_not_https"}
SHOWN_PER_KIND = 50


@cache
def sql(name: str) -> str:
    """Return the text of followup/workbook/sql/NAME.sql."""
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def _word_tables(con) -> None:
    for table, words in (("status_words", formats.STATUS_WORDS),
                         ("grant_type_words", formats.GRANT_TYPE_WORDS),
                         ("response_words", formats.RESPONSE_WORDS)):
        pairs = formats.word_map(words)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT word_key(unnest($words)) "
                    "AS word, unnest($codes) AS code",
                    {"words": list(pairs), "codes": list(pairs.values())})


def _cells_view(con, kind: str, sheet: Sheet | None) -> None:
    """Create `cells_<kind>`: every field of the kind (NULL where the sheet lacks it), and
    only data rows: blank rows and totals rows (a sum word, identifying cells empty) skipped."""
    names = [f.name for f in formats.FIELDS[kind]]
    if sheet is None:
        cols = ", ".join(f'NULL::VARCHAR AS "{n}"' for n in names)
        con.execute(f"CREATE OR REPLACE TEMP TABLE cells_{kind} AS "
                    f"SELECT NULL::INTEGER AS _row, {cols} LIMIT 0")
        return
    ids = [f for f in formats.IDENTIFYING[kind] if sheet.has(f)]
    others = " AND ".join(f'("{f}" IS NULL OR "{f}" = _first)' for f in ids) or "true"
    cols = ", ".join(f'"{n}"' if sheet.has(n) else f'NULL::VARCHAR AS "{n}"' for n in names)
    years = "".join(f', "{c.field}"' for c in sheet.years)
    end = f"_row < {int(second)}" if (second := _second_table(con, kind, sheet)) else "true"
    con.execute(f"CREATE OR REPLACE TEMP VIEW cells_{kind} AS SELECT _row, {cols}{years} "
                f"FROM {sheet.table} WHERE NOT (_blank OR (is_total(_first) AND {others})) "
                f"AND {end}")


def _second_table(con, kind: str, sheet: Sheet) -> int | None:
    """Return the row where a second table starts under the sheet's (found once per sheet)."""
    known = con.execute("SELECT row FROM second_tables WHERE kind = $kind", {"kind": kind})
    if (row := known.fetchone()) is not None:
        return row[0]
    found = blocks.start(con, sheet)
    con.execute("INSERT INTO second_tables VALUES ($kind, $row, $first)",
                {"kind": kind, "row": found and found[0], "first": found and found[1]})
    return found and found[0]


def prepare(con) -> None:
    """Create the conversion macros and the tables of accepted words and headers, amount
    scales and second tables."""
    con.execute("CREATE OR REPLACE TEMP TABLE amount_scales "
                "(kind VARCHAR, field VARCHAR, factor BIGINT)")
    con.execute("CREATE OR REPLACE TEMP TABLE second_tables "
                "(kind VARCHAR, row INTEGER, first VARCHAR)")
    blocks.header_words(con)
    con.execute(sql("macros"))
    _word_tables(con)


def _empty_wide(con) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE cells_wide "
                "(_row INTEGER, grant_id VARCHAR, field VARCHAR, amount VARCHAR, factor BIGINT)")


def _scales(con, kind: str, sheet: Sheet | None) -> None:
    """Keep the scale of each amount column stated in thousands or millions (see `scale`)."""
    scaled = [c for c in sheet.columns if c.scale != 1] if sheet is not None else []
    if scaled:
        con.execute("INSERT INTO amount_scales SELECT $kind, unnest($fields), unnest($factors)",
                    {"kind": kind, "fields": [c.field for c in scaled],
                     "factors": [c.scale for c in scaled]})


def stage_sheet(con, kind: str, sheet: Sheet | None) -> None:
    """Type one sheet as soon as it is read (the disbursements wait for `finish`)."""
    _scales(con, kind, sheet)
    _cells_view(con, kind, sheet)
    if kind == formats.GRANTS:
        con.execute(sql("cells_wide")) if sheet is not None and sheet.years else _empty_wide(con)
    if kind != formats.DISBURSEMENTS:
        con.execute(sql(f"stage_{kind}"))


def finish(con, sheets: dict[str, Sheet]) -> None:
    """Stage the kinds the workbook lacks as empty, then every disbursement cell."""
    for kind in formats.KINDS:
        if kind not in sheets and kind != formats.DISBURSEMENTS:
            stage_sheet(con, kind, None)
    _cells_view(con, formats.DISBURSEMENTS, sheets.get(formats.DISBURSEMENTS))
    con.execute(sql("stage_disbursements"))


def stage(con, sheets: dict[str, Sheet]) -> None:
    """Create the typed staging tables stg_actions, stg_grants, stg_disbursements and
    stg_recommendations."""
    prepare(con)
    for kind, sheet in sheets.items():
        stage_sheet(con, kind, sheet)
    finish(con, sheets)


def _header(sheet: Sheet | None, field: str) -> str:
    if formats.is_year_field(field):
        return field[1:]
    return sheet.header(field) if sheet else field


def _problem(sheets, kind, row, field, value, code, other) -> Problem | None:
    sheet = sheets.get(kind)
    if sheet is None:
        return None
    if field in {f.name for f in formats.FIELDS[kind]} and not sheet.has(field):
        return None
    severity = "warning" if code in WARNINGS else "error"
    grants = sheets.get(formats.GRANTS)
    disb = sheets.get(formats.DISBURSEMENTS)
    actions = sheets.get(formats.ACTIONS)
    recs = sheets.get(formats.RECOMMENDATIONS)
    args = {"other": other, "start": other, "year": other,
            "actions_sheet": actions.name if actions else formats.SHEET_ALIASES["actions"][0],
            "grants_sheet": grants.name if grants else formats.SHEET_ALIASES["grants"][0],
            "disb_sheet": disb.name if disb else formats.SHEET_ALIASES["disbursements"][0],
            "rec_sheet": recs.name if recs else formats.SHEET_ALIASES["recommendations"][0],
            "accepted": ", ".join(w for words in formats.STATUS_WORDS.values() for w in words),
            "responses": ", ".join(w for words in formats.RESPONSE_WORDS.values() for w in words),
            "known": other}
    return Problem(severity, code, sheet.name, row, _header(sheet, field), value, args)


def located(sheets: dict[str, Sheet], kind: str, row: int, field: str, value: str | None,
            code: str) -> Problem:
    """Return an error at a staged row found after the check (against the state the workbook
    follows), located as the sheet names its columns, else by their first accepted header."""
    sheet = sheets.get(kind) or Sheet(kind, formats.SHEET_ALIASES[kind][0], 0)
    grants = sheets.get(formats.GRANTS)
    return Problem("error", code, sheet.name, row, sheet.header(field), value, args={
        "grants_sheet": grants.name if grants else formats.SHEET_ALIASES["grants"][0]})


def _capped(rows: list[tuple]) -> list[tuple]:
    """Keep the first rows of each (sheet, column, code); note how many more there were."""
    counts: dict[tuple, int] = {}
    kept = []
    for row in rows:
        key = (row[0], row[2], row[4])
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= SHOWN_PER_KIND:
            kept.append(row)
    extra = [(k[0], None, k[1], None, "more_like_this", k[2], n - SHOWN_PER_KIND)
             for k, n in counts.items() if n > SHOWN_PER_KIND]
    return kept + extra


def _with_formulas(con, sheets: dict[str, Sheet], rows: list[tuple]) -> list[tuple]:
    """Add formula cells saved without a result (in data rows), in place of `missing value`."""
    found = []
    for kind, sheet in sheets.items():
        if sheet.formulas:
            data_rows = {r[0] for r in con.execute(
                f"SELECT _row FROM cells_{kind} WHERE list_contains($rows, _row)",
                {"rows": [row for row, _, _ in sheet.formulas]}).fetchall()}
            found += [(kind, row, field, text, "formula_without_value", None)
                      for row, field, text in sheet.formulas if row in data_rows]
    cells = {(kind, row, field) for kind, row, field, *_ in found}
    return [r for r in rows if not (r[4] == "missing_value" and r[:3] in cells)] + found


def _link_problems(con, sheets: dict[str, Sheet]) -> list[tuple]:
    """Return the actions' recommendation numbers the recommendations sheet lacks (or one
    warning when the actions have numbers but the workbook has no recommendations sheet)."""
    actions = sheets.get(formats.ACTIONS)
    if actions is None or not actions.has("recommendation_id"):
        return []
    with_sheet = formats.RECOMMENDATIONS in sheets
    return [(formats.ACTIONS, *row) for row in con.execute(
        sql("check_recommendation_links"), {"with_sheet": with_sheet}).fetchall()]


def check(con, sheets: dict[str, Sheet]) -> list[Problem]:
    """Return every cell-level problem of the staged sheets, ordered by sheet and row."""
    rows = []
    for kind in (formats.ACTIONS, formats.GRANTS, formats.RECOMMENDATIONS, formats.EVALUATIONS,
                 formats.CONTACTS):
        params = ({"email": formats.EMAIL} if kind == formats.CONTACTS else
                  {"link": formats.HTTPS_LINK} if kind in (formats.ACTIONS, formats.EVALUATIONS)
                  else None)
        for row in con.execute(sql(f"check_{kind}"), params).fetchall():
            rows.append((kind, *row))
    rows += _link_problems(con, sheets)
    for layout, *rest in con.execute(sql("check_disbursements")).fetchall():
        rows.append((formats.DISBURSEMENTS if layout == "long" else formats.GRANTS, *rest))
    rows = _with_formulas(con, sheets, rows)
    seconds = [blocks.problem(sheets[kind], row, first) for kind, row, first in con.execute(
        "SELECT kind, row, first FROM second_tables WHERE row IS NOT NULL").fetchall()
        if kind in sheets]

    def order(r):
        sheet = sheets.get(r[0])
        return formats.KINDS.index(r[0]), r[1], sheet.position(r[2]) if sheet else 0

    rows.sort(key=order)
    problems = seconds
    for kind, row, field, value, code, other, *count in _capped(rows):
        if code == "more_like_this":
            sheet = sheets.get(kind)
            problems.append(Problem("error" if other not in WARNINGS else "warning", code,
                                    sheet.name if sheet else kind, None,
                                    _header(sheet, field), args={"count": count[0]}))
            continue
        problem = _problem(sheets, kind, row, field, value, code, other)
        if problem is not None:
            problems.append(problem)
    return problems
