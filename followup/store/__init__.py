"""Stage 2, the store: checked workbooks in, reporting rounds in one DuckDB file out.

This module holds the schema (`sql/`), the short-lived connections, the rounds and the query
runner over `queries/`; `locks` orders writers before readers between processes, `ingest`
checks and loads a workbook as one transaction, `preview` says what an import would change,
`rounds` deletes rounds and reads the audit log, `jobs` runs imports as the command line in
a child process, `leftovers` cleans what a killed server or import left. It may import
`workbook`, `filters`, `i18n` and `settings`: never `report`, `ui` or streamlit.

DuckDB lets one process write a database file, and a writer cannot open it while a reader
holds it. So no reader holds the file while a writer waits: the command line takes a
read-only connection per query batch (`reader`); the app keeps one open between reads and
gives it up the moment a writer closes the gate (`kept_reader`, followup.store.keeper).
Writers hold the database only for the load transaction, and followup.store.locks orders
the two (writers first). Opening still retries briefly if some other tool holds the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from followup.settings import DUE_SOON_DAYS, QUERIES, REPORT_MONTHS, STALLED_ROUNDS
from followup.store import locks
from followup.store.errors import Damaged, DiskFull, is_damage
from followup.store.keeper import KEEPER

# DuckDB is imported where a connection is first made, not with the store: an import from
# the command line reads the workbook's largest sheet before it needs DuckDB, and importing
# DuckDB (~0.1 s) then overlaps the parsing (followup.workbook.reader.read)
if TYPE_CHECKING:
    import duckdb
SQL = Path(__file__).parent / "sql"
LOCK_TIMEOUT = float(os.environ.get("FOLLOWUP_LOCK_TIMEOUT", "30"))
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NOISE = re.compile(r"--[^\n]*|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Values for the parameters that are not filters, when the caller leaves them out.
DEFAULT_PARAMS = {"previous": None, "search": "", "dimension": "partner", "actors": [],
                  "limit": 100_000, "rounds": STALLED_ROUNDS, "days": DUE_SOON_DAYS,
                  "action": None, "action_evaluation": None, "report_months": REPORT_MONTHS}


Busy = locks.Busy
__all__ = ["Busy", "Damaged", "DiskFull"]


@cache
def sql(name: str) -> str:
    """Return the text of followup/store/sql/NAME.sql."""
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def statements(text: str) -> list[str]:
    """Return the statements of a SQL file (each ends with `;` at the end of a line)."""
    return [s.strip() for s in re.split(r";\s*(?:\n|$)", text) if s.strip()
            and not all(line.strip().startswith("--") for line in s.strip().splitlines())]


def one(con, sql: str, params: dict | None = None) -> tuple | None:
    """Return the first row of a statement, or None (the result is always read to the end)."""
    rows = con.execute(sql, params or {}).fetchall()
    return rows[0] if rows else None


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflict" in text or "could not set" in text)


def _retry(open_file, timeout: float, path: Path):
    """Return open_file(), retried while another program holds the file, then Busy; Damaged
    when the file is not a readable database."""
    import duckdb

    deadline, pause = time.monotonic() + timeout, 0.01
    while True:
        try:
            return open_file()
        except duckdb.Error as exc:
            if is_damage(exc):
                raise Damaged(path, str(exc).splitlines()[0]) from None
            if not isinstance(exc, duckdb.IOException):
                raise
            if not _is_lock_conflict(exc) or time.monotonic() > deadline:
                raise Busy(str(exc).splitlines()[0]) from None
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _connect(path: Path, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    import duckdb

    return _retry(lambda: duckdb.connect(str(path), read_only=read_only), timeout, path)


@contextlib.contextmanager
def reader(db: Path, timeout: float = LOCK_TIMEOUT):
    """Yield a read-only connection to the database, closed afterwards; Damaged when the
    file proves damaged while it is read."""
    import duckdb

    with locks.shared(db, timeout):
        con = _connect(db, True, timeout)
        try:
            yield con
        except duckdb.Error as exc:
            if is_damage(exc):
                raise Damaged(db, str(exc).splitlines()[0]) from None
            raise
        finally:
            con.close()


@contextlib.contextmanager
def kept_reader(db: Path, timeout: float = LOCK_TIMEOUT):
    """Yield a cursor on the read-only connection this process keeps open between reads
    (followup.store.keeper), or, while a writer waits, a connection of its own as reader()
    does; Damaged when the file proves damaged while it is read."""
    import duckdb

    cursor = KEEPER.cursor(db, timeout, lambda: _connect(db, True, timeout))
    if cursor is None:
        with reader(db, timeout) as con:
            yield con
        return
    try:
        yield cursor
    except duckdb.Error as exc:
        if is_damage(exc):
            KEEPER.release(db)
            raise Damaged(db, str(exc).splitlines()[0]) from None
        raise
    finally:
        KEEPER.done(db, cursor)


def writer_lock(db: Path, timeout: float = LOCK_TIMEOUT):
    """Return the context that holds the database for writing (see followup.store.locks)."""
    return locks.exclusive(db, timeout)


@contextlib.contextmanager
def attached(con: duckdb.DuckDBPyConnection, db: Path, timeout: float = LOCK_TIMEOUT):
    """Attach the database file read-write as `target` to con (schema ensured), then detach."""
    _retry(lambda: con.execute("ATTACH $path AS target", {"path": str(db)}), timeout, db)
    try:
        con.execute("USE target")
        ensure_schema(con)
        con.execute("USE memory")
        yield con
    finally:
        con.execute("USE memory")
        con.execute("DETACH target")


@contextlib.contextmanager
def writer(db: Path, timeout: float = LOCK_TIMEOUT):
    """Yield a read-write connection under the writer lock, schema ensured, closed afterwards."""
    import duckdb

    with writer_lock(db, timeout):
        con = _connect(db, False, timeout)
        try:
            ensure_schema(con)
            yield con
        except duckdb.Error as exc:
            if is_damage(exc):
                raise Damaged(db, str(exc).splitlines()[0]) from None
            raise
        finally:
            con.close()


def create(db: Path) -> None:
    """Create an empty database with the schema (no-op when it exists)."""
    import duckdb

    with writer_lock(db):
        con = duckdb.connect()
        try:
            with attached(con, db):
                pass
        finally:
            con.close()


SCHEMA_FILES = ("schema", "state")
_VERSION = "SELECT value FROM about WHERE key = 'schema'"


@cache
def schema_version() -> str:
    """Return the fingerprint of this release's schema and state macros."""
    text = "".join(sql(name) for name in SCHEMA_FILES)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def ensure_schema(con) -> None:
    """Create what this release's schema has and the database lacks (tables, columns, the
    state macros; rounds from before scoped rounds get their coverage) and record its
    version; idempotent. One transaction: all of it or nothing (and one commit, not one per
    statement: a new file's schema in 27 ms, was 35)."""
    con.execute("BEGIN TRANSACTION")
    try:
        for name in SCHEMA_FILES:
            for statement in statements(sql(name)):
                con.execute(statement)
        con.execute("CREATE TABLE IF NOT EXISTS about (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute("INSERT OR REPLACE INTO about VALUES ('schema', $version)",
                    {"version": schema_version()})
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):  # a failed COMMIT (disk full) ended it already
            con.execute("ROLLBACK")
        raise


_COLUMNS = "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal"


@cache
def _schema_columns() -> frozenset[tuple[str, str]]:
    import duckdb

    con = duckdb.connect()
    try:
        ensure_schema(con)
        return frozenset(con.execute(_COLUMNS).fetchall())
    finally:
        con.close()


def upgrade(db: Path) -> bool:
    """Bring a database from an earlier release up to this one's schema (tables, columns,
    the state macros, the coverage of its rounds); True when it did."""
    import duckdb

    with reader(db) as con:
        try:
            row = one(con, _VERSION)
        except duckdb.CatalogException:
            row = None
        have = set(con.execute(_COLUMNS).fetchall())
    if row is not None and row[0] == schema_version() and _schema_columns() <= have:
        return False
    create(db)
    return True


_SNAPSHOTS = ("SELECT snapshot_id, as_of, file_name, sha256, loaded_at, loaded_by, actions, "
              "grants, disbursements, warnings FROM snapshots "
              "ORDER BY as_of DESC, snapshot_id DESC")


def snapshots(con) -> list[dict]:
    """Return every reporting round, newest first by as-of date."""
    cur = con.execute(_SNAPSHOTS)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def snapshot_rows(con, columns: list[str]) -> duckdb.DuckDBPyRelation:
    """Return the reporting rounds as a relation of the given columns, newest first."""
    return con.sql(_SNAPSHOTS).select(*columns)


def latest_snapshot(con) -> int | None:
    """Return the id of the latest reporting round by as-of date, or None when there is none."""
    row = one(con, "SELECT snapshot_id FROM snapshots ORDER BY as_of DESC, snapshot_id DESC "
                   "LIMIT 1")
    return row[0] if row else None


def previous_snapshot(con, snapshot: int) -> int | None:
    """Return the round reported just before the given one, or None."""
    row = one(con, "SELECT s.snapshot_id FROM snapshots s, snapshots c WHERE c.snapshot_id = $id "
              "AND (s.as_of, s.snapshot_id) < (c.as_of, c.snapshot_id) "
              "ORDER BY s.as_of DESC, s.snapshot_id DESC LIMIT 1", {"id": snapshot})
    return row[0] if row else None


def query_names() -> list[str]:
    """Return the names of the queries in queries/."""
    return sorted(p.stem for p in QUERIES.glob("*.sql"))


@cache
def query_sql(name: str) -> str:
    """Return the SQL of queries/NAME.sql; KeyError for an unknown name."""
    if not _QUERY_NAME.match(name) or not (QUERIES / f"{name}.sql").is_file():
        raise KeyError(name)
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def named_parameters(sql: str) -> set[str]:
    """Return the `$name` parameters a statement uses (comments and literals ignored)."""
    return set(_PARAM.findall(_NOISE.sub(" ", sql)))


def bind(name: str, params: dict) -> tuple[str, dict]:
    """Return the SQL of a query and exactly the parameters it names, taken from params."""
    sql = query_sql(name)
    wanted = named_parameters(sql)
    params = {**DEFAULT_PARAMS, **params}
    missing = wanted - params.keys()
    if missing:
        raise ValueError(f"query {name} needs {sorted(missing)}")
    return sql, {k: params[k] for k in wanted}


def run_query(con, name: str, params: dict) -> tuple[list[str], list[tuple]]:
    """Run queries/NAME.sql with bound parameters; return column names and rows."""
    cur = con.execute(*bind(name, params))
    return [d[0] for d in cur.description], cur.fetchall()


def relation(con, name: str, params: dict) -> duckdb.DuckDBPyRelation:
    """Return queries/NAME.sql with bound parameters as a relation (rows stay in DuckDB)."""
    sql, bound = bind(name, params)
    return con.sql(sql, params=bound)


def write_json(con, rows: duckdb.DuckDBPyRelation, path: Path) -> None:
    """Write a relation's rows to path as one JSON list of objects, by DuckDB's JSON writer."""
    con.register("result_rows", rows)
    try:
        con.execute(sql("write_json"), {"path": str(path)})
    finally:
        con.unregister("result_rows")


def now() -> dt.datetime:
    """Return the current local time without microseconds."""
    return dt.datetime.now().replace(microsecond=0)


def stamp(con, after: str, at: dt.datetime | None = None,
          catalog: str | None = None) -> dt.datetime:
    """Return the time (to the second) to stamp a load or a request with, at `at` (default:
    now): one second after the latest event of the other kind (`after`: "requests" for a
    load, "loads" for a request; in `catalog` when given, else the connection's current
    one) when that is not earlier, so that their order survives the second precision:
    whether a round came back after a request is read from it, and a script can make both
    within one second. Events of one kind keep the clock's time."""
    at = at or now()
    query = sql({"requests": "latest_request", "loads": "latest_load"}[after])
    if not catalog:
        latest = one(con, query)[0]
    else:
        current = one(con, "SELECT current_database()")[0].replace('"', '""')
        con.execute(f"USE {catalog}")  # a name from the code (the attached target), not input
        try:
            latest = one(con, query)[0]
        finally:
            con.execute(f'USE "{current}"')
    return max(at, latest + dt.timedelta(seconds=1)) if latest else at
