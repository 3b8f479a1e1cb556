"""A workbook in, a reporting round out: check everything first, then load in one transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import math
import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from followup.settings import SAMPLE_ROUNDS, SAMPLE_WHO, Limits
from followup.store import leftovers, review
from followup.store.errors import Damaged, DiskFull, is_damage, is_disk_full
from followup.workbook import asof, container, formats, reader, validate
from followup.workbook.problems import Problem, Rejected
from followup.workbook.problems import count as problem_count

ARCHIVE_DIR = leftovers.ARCHIVE_DIR
_SAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")
# a deleted round's id stays in the audit log and is never given to another round
if TYPE_CHECKING:
    import duckdb

# duckdb is imported where it is first needed (followup.store does not import it): in `check`
# that is after the largest sheet has started to parse, so the import overlaps the parsing.
NEXT_SNAPSHOT = ("SELECT greatest((SELECT max(snapshot_id) FROM target.snapshots), "
                 "(SELECT max(snapshot_id) FROM target.audit_log), 0) + 1")


@dataclass
class Checked:
    """A workbook read and validated in memory: nothing written anywhere yet."""

    file_name: str
    sha256: str
    data: bytes
    con: duckdb.DuckDBPyConnection | None
    sheets: dict[str, reader.Sheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stop the load."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Return the problems that are reported but do not stop the load."""
        return [p for p in self.problems if not p.is_error]

    @property
    def found_as_of(self) -> asof.Found | None:
        """Return the as-of date the title rows give (first sheet that has one), or None."""
        return next((s.title_date for s in self.sheets.values() if s.title_date), None)

    def close(self) -> None:
        """Release the in-memory staging database."""
        if self.con is not None:
            self.con.close()
            self.con = None


@dataclass
class Loaded:
    """The outcome of a load: the round's id, or the id of the round that already holds it."""

    snapshot_id: int
    as_of: dt.date
    counts: dict[str, int]
    warnings: list[Problem]
    duplicate: bool = False
    as_of_source: str = "given"
    found: asof.Found | None = None
    covers: list[dict] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)
    since: dict | None = None
    proposed: list[dict] = field(default_factory=list)


def round_date(checked: Checked, as_of: dt.date | None) -> tuple[dt.date, str]:
    """Return the round's date and where it came from: `given`, `workbook` or `today`."""
    if as_of is not None:
        return as_of, "given"
    found = checked.found_as_of
    return (found.as_of, "workbook") if found else (dt.date.today(), "today")


def display_name(name: str) -> str:
    """Return a file name safe to show and store: no directories, no control characters."""
    base = _SAFE_NAME.sub("_", Path(str(name).replace("\\", "/")).name).strip() or "workbook.xlsx"
    return base[:200]


def _counts(con) -> dict[str, int]:
    return dict(zip((*formats.DATA_KINDS, formats.CONTACTS), con.execute(
        "SELECT (SELECT count(*) FROM stg_actions), (SELECT count(*) FROM stg_grants), "
        "(SELECT count(DISTINCT (grant_id, year)) FROM stg_disbursements "
        "WHERE amount_nok IS NOT NULL), (SELECT count(*) FROM stg_recommendations), "
        "(SELECT count(*) FROM stg_evaluations), "
        "(SELECT count(DISTINCT (actor, address)) FROM (SELECT actor, unnest(emails) AS address "
        "FROM stg_contacts))").fetchall()[0]))


def _in_sheet_order(problems: list[Problem]) -> list[Problem]:
    """Return the problems sheet by sheet (actions, grants, disbursements), then row by row."""
    def key(problem: Problem) -> tuple:
        kind = formats.sheet_kind(problem.sheet) if problem.sheet else None
        return (formats.KINDS.index(kind) if kind else -1,
                problem.row if problem.row is not None else math.inf)

    return sorted(problems, key=key)


def _staging(checked: Checked):
    """Open the in-memory staging database (with its macros) for a workbook being checked."""
    import duckdb

    checked.con = duckdb.connect()
    validate.prepare(checked.con)
    return checked.con


def check(data: bytes, file_name: str, limits: Limits | None = None) -> Checked:
    """Read and validate a workbook in memory; every problem is in the result, none raised."""
    checked = Checked(display_name(file_name), hashlib.sha256(data).hexdigest(), data, None)
    try:
        parts = container.inspect(data, limits or Limits.from_env())
        checked.sheets, problems = reader.read(
            parts, lambda: _staging(checked),
            lambda kind, sheet: validate.stage_sheet(checked.con, kind, sheet))
    except Rejected as rejected:
        checked.close()
        checked.problems = rejected.problems
        return checked
    validate.finish(checked.con, checked.sheets)
    checked.problems = _in_sheet_order(problems + validate.check(checked.con, checked.sheets))
    checked.counts = _counts(checked.con)
    if not checked.errors and not any(checked.counts[k] for k in formats.DATA_KINDS):
        checked.problems.append(Problem("error", "no_rows", args={
            "sheets": ", ".join(s.name for s in checked.sheets.values())}))
    return checked


def fault_point(name: str) -> None:
    """Pause here for the number of seconds in $name (fault-injection for the kill tests),
    having said so on stderr and, when $FOLLOWUP_FAULT_MARK names a file, by creating it (a
    test whose import's stderr goes to a server it kills waits for that file)."""
    seconds = os.environ.get(name)
    if seconds:
        import sys
        import time

        print(f"fault point {name}", file=sys.stderr, flush=True)
        if mark := os.environ.get("FOLLOWUP_FAULT_MARK"):
            Path(mark).write_text(name)
        time.sleep(float(seconds))


def read_upload(path: Path, limits: Limits | None = None) -> bytes:
    """Return a file's bytes; Rejected, before reading it, when it is over the size limit."""
    limits = limits or Limits.from_env()
    container.check_size(path.stat().st_size, limits)
    with open(path, "rb") as handle:
        data = handle.read(limits.max_file_bytes + 1)
    container.check_size(len(data), limits)
    return data


def archive_path(db: Path, sha256: str) -> Path:
    """Return where the original file with this hash is kept, beside the database."""
    return db.parent / ARCHIVE_DIR / f"{sha256}.xlsx"


def _archive(con, db: Path, checked: Checked) -> Future:
    """Start writing the original as an incoming file in originals/, to be named once its
    round is committed; return the writing's future (its result: the file, None when the
    original is kept already). What killed imports left is swept first (leftovers). The
    writing and its fsync overlap the round's inserts; the commit waits for them."""
    target = archive_path(db, checked.sha256)
    owned = {r[0] for r in con.execute("SELECT sha256 FROM target.snapshots").fetchall()}
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(_write_original, target, owned, checked)
    finally:
        pool.shutdown(wait=False)


def _write_original(target: Path, owned: set[str], checked: Checked) -> Path | None:
    leftovers.sweep_originals(target.parent, owned)
    if target.exists() and target.stat().st_size == len(checked.data):
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=leftovers.incoming_prefix(
        checked.sha256))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(checked.data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


@dataclass(frozen=True)
class Scope:
    """What a workbook's round covers besides what its rows say: the evaluation its rows
    without one belong to (None: the default evaluation) and whether it is the whole plan of
    its evaluations (actions it lacks leave the state), not only its actors' part; the IDs
    of the actions whose proposed change the editor refused (they keep their last report)."""

    evaluation: str | None = None
    whole_plan: bool = False
    keep_previous: tuple[str, ...] = ()


# a workbook's round as its rows say: the default evaluation, the actors it has rows for
AS_ROWS_SAY = Scope()


def assign_evaluation(checked: Checked, scope: Scope) -> None:
    """Give the staged rows without an evaluation the workbook's (see Scope)."""
    from followup import store

    for statement in store.statements(store.sql("assign_evaluation")):
        checked.con.execute(statement, {"evaluation": scope.evaluation})


def load(checked: Checked, db: Path, as_of: dt.date | None = None,
         who: str | None = None, scope: Scope = AS_ROWS_SAY) -> Loaded:
    """Load a checked workbook as a new round in one transaction; Rejected if it has errors."""
    import duckdb

    from followup import store

    leftovers.sweep_temp()
    with store.writer_lock(db):
        try:
            return _load_unlocked(checked, db, as_of, who, scope=scope)
        except (OSError, duckdb.Error) as exc:
            if is_disk_full(exc):
                raise DiskFull(str(exc)) from None
            if isinstance(exc, duckdb.Error) and is_damage(exc):
                raise Damaged(db, str(exc)) from None
            raise


def _load_unlocked(checked: Checked, db: Path, as_of: dt.date | None = None,
                   who: str | None = None, checkpoint: bool = False,
                   scope: Scope = AS_ROWS_SAY) -> Loaded:
    from followup import store

    if checked.errors or checked.con is None:
        raise Rejected(checked.errors)
    as_of, source = round_date(checked, as_of)
    con = checked.con
    with store.attached(con, db):
        existing = _find_existing(con, checked.sha256)
        if existing is not None:
            return Loaded(existing[0], existing[1], checked.counts, checked.warnings, True,
                          "loaded", checked.found_as_of)
        assign_evaluation(checked, scope)
        con.execute("USE target")
        try:
            current = _current(con, as_of)
            proposed = review.proposed(con, current, scope.keep_previous)
            problems = (review.keep_previous(con, checked, current, scope.keep_previous)
                        + state_problems(con, checked, current))
            since = review.changed_since_request(con, current)
        finally:
            con.execute("USE memory")
        if problems:
            raise Rejected(problems)
        writing, committed = _archive(con, db, checked), []
        try:
            snapshot = _insert(con, checked, as_of, who, scope, before_commit=writing.result,
                               after_commit=lambda: committed.append(True))
        except BaseException:
            # no round refers to it: leave no orphan in originals/ (one that a round committed
            # before the error refers to is named by the next writer: leftovers)
            incoming = None if committed or writing.exception() else writing.result()
            if incoming:
                incoming.unlink(missing_ok=True)
            raise
        incoming = writing.result()
        if incoming:
            os.replace(incoming, archive_path(db, checked.sha256))
        if checkpoint:
            con.execute("CHECKPOINT target")
        covers = _covers(con, snapshot)
        refused = review.refused(con)
    return Loaded(snapshot, as_of, checked.counts, checked.warnings, False, source,
                  checked.found_as_of, covers, refused, since, proposed)


def insert_round(con, checked: Checked, snapshot: int, as_of: dt.date, who: str | None,
                 scope: Scope, transaction: bool = True,
                 before_commit: Callable[[], object] | None = None,
                 after_commit: Callable[[], object] | None = None) -> None:
    """Insert the staged round into `target` as round `snapshot` (in one transaction of its
    own unless told otherwise: the preview loads into an in-memory copy); before_commit()
    is called before the commit, which does not happen if it raises, and after_commit() at
    once after it."""
    from followup import store

    params = {"snapshot": snapshot, "as_of": as_of, "file_name": checked.file_name,
              "sha256": checked.sha256, "loaded_at": store.stamp(con, "requests", catalog="target"),
              "loaded_by": who,
              "warnings": problem_count(checked.warnings), "whole_plan": scope.whole_plan,
              **checked.counts}
    if transaction:
        con.execute("BEGIN TRANSACTION")
    try:
        for statement in store.statements(store.sql("load_snapshot")):
            con.execute(statement, {k: params[k] for k in store.named_parameters(statement)})
        if before_commit is not None:
            before_commit()
        if transaction:
            fault_point("FOLLOWUP_FAULT_BEFORE_COMMIT")
            con.execute("COMMIT")
            if after_commit is not None:
                after_commit()
            fault_point("FOLLOWUP_FAULT_AFTER_COMMIT")
    except BaseException:
        if transaction:
            with contextlib.suppress(Exception):  # a failed COMMIT (disk full) ended it already
                con.execute("ROLLBACK")
        raise


def _insert(con, checked: Checked, as_of: dt.date, who: str | None, scope: Scope,
            before_commit: Callable[[], object], after_commit: Callable[[], object]) -> int:
    """Insert the staged round into `target` in one transaction; return its id."""
    from followup import store

    snapshot = store.one(con, NEXT_SNAPSHOT)[0]
    insert_round(con, checked, snapshot, as_of, who, scope, before_commit=before_commit,
                 after_commit=after_commit)
    return snapshot


def state_problems(con, checked: Checked, current: int | None) -> list[Problem]:
    """Return the problems of the staged workbook against the state it follows (`target` in
    use): the disbursements of a workbook without grants must be for grants of the portfolio."""
    from followup import store

    rows = con.execute(store.sql("check_state"), {"current": current}).fetchall()
    return [validate.located(checked.sheets, formats.DISBURSEMENTS, row, "grant_id", grant,
                             "grant_not_in_portfolio") for row, grant in rows]


def _covers(con, snapshot: int) -> list[dict]:
    """Return what a loaded round covers, one dict per scope (see state.sql)."""
    from followup import store

    cur = con.execute(store.sql("round_coverage"), {"snapshot": snapshot})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _current(con, as_of: dt.date) -> int | None:
    """Return the round the state is as of before a new round dated as_of is loaded."""
    from followup import store

    row = store.one(con, "SELECT snapshot_id FROM target.snapshots WHERE as_of <= $as_of "
                         "ORDER BY as_of DESC, snapshot_id DESC LIMIT 1", {"as_of": as_of})
    return row[0] if row else None


def _find_existing(con, sha256: str) -> tuple[int, dt.date] | None:
    from followup import store

    return store.one(con, "SELECT snapshot_id, as_of FROM target.snapshots WHERE sha256 = $sha "
                     "LIMIT 1", {"sha": sha256})


def ingest(data: bytes, file_name: str, db: Path, as_of: dt.date | None = None,
           who: str | None = None, limits: Limits | None = None,
           scope: Scope = AS_ROWS_SAY) -> Loaded:
    """Check and load a workbook; raise Rejected with every problem when it has errors."""
    checked = check(data, file_name, limits)
    try:
        if checked.errors:
            raise Rejected(checked.problems)
        return load(checked, db, as_of, who, scope)
    finally:
        checked.close()


def ensure_database(db: Path) -> bool:
    """Create the database on first use, loading the sample rounds; True when it did.

    An existing database from an earlier version gets the tables it lacks."""
    from followup import store

    if db.exists():
        store.upgrade(db)
        return False
    with store.writer_lock(db):
        if db.exists():
            return False
        tmp = db.with_name(db.name + ".new")
        for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
            stale.unlink(missing_ok=True)
        for path, as_of in SAMPLE_ROUNDS:
            checked = check(path.read_bytes(), path.name)
            try:
                _load_unlocked(checked, tmp, dt.date.fromisoformat(as_of), who=SAMPLE_WHO,
                               checkpoint=True, scope=Scope(whole_plan=True))
            finally:
                checked.close()
        os.replace(tmp, db)
    return True
