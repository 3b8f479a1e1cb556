"""One read-only connection a long-running reader (the app) keeps between reads, given up as
soon as a writer waits.

Opening the database file costs about 20 ms of CPU (DuckDB reads its catalog again), a cursor
on an open connection 0.4 ms: for a page of a dozen queries that was a third of the server's
work when a viewer chose a new filter. So the app keeps one connection per database open and
gives every batch of reads its own cursor. While it is open, the keeper holds the database
shared like any reader (followup.store.locks), and a watcher thread looks at the gate every
POLL seconds: the moment a writer has closed it, no new batch uses the connection, and it is
closed when the batches in progress end. The writer so waits for those batches and at most
POLL more, as it would for readers with their own connections; readers that come while it
waits go through the gate as before (followup.store.reader), and the next read after the
write opens the connection again, on the new data. After IDLE seconds without a read it is
closed too, so an idle app holds nothing. Each query runs on one thread: the app's queries
are small, and DuckDB's second thread cost a fifth more CPU than it saved in time, where
the viewers' runs go side by side anyway.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from followup.store import locks

if TYPE_CHECKING:
    import duckdb

POLL = 0.05
IDLE = 2.0


@dataclass
class _Kept:
    con: duckdb.DuckDBPyConnection
    held: contextlib.ExitStack
    gate: object  # the gate's lock file, to look at without waiting (None: no lock files)
    users: int = 0
    closing: bool = False
    used: float = field(default_factory=time.monotonic)


class Keeper:
    """The kept connections of one process, by database path."""

    def __init__(self):
        self._state = threading.Condition()
        self._kept: dict[str, _Kept] = {}
        self._watcher: threading.Thread | None = None

    def cursor(self, db: Path, timeout: float, connect) -> duckdb.DuckDBPyConnection | None:
        """Return a cursor on the kept connection to db (opened with connect() under the
        shared lock when there is none), or None while a writer waits: the caller then reads
        through the gate like any reader. Every cursor returned is given back with done()."""
        key = str(db)
        with self._state:
            kept = self._kept.get(key)
            if kept is not None and not kept.closing and locks.writer_at_gate(kept.gate):
                kept.closing = True
            if kept is not None and kept.closing:
                return None
            if kept is None:
                kept = self._open(db, timeout, connect)
                self._kept[key] = kept
                self._watch()
            kept.users += 1
            kept.used = time.monotonic()
            try:
                return kept.con.cursor()
            except BaseException:
                kept.users -= 1
                raise

    def done(self, db: Path, cursor: duckdb.DuckDBPyConnection) -> None:
        """Give a cursor back; close the connection when a writer waits and this was the last."""
        cursor.close()
        with self._state:
            kept = self._kept.get(str(db))
            if kept is None:
                return
            kept.users -= 1
            kept.used = time.monotonic()
            if kept.closing and kept.users == 0:
                self._close(str(db))

    def release(self, db: Path | None = None) -> None:
        """Close the kept connection to db (to every database when None) once it is unused."""
        with self._state:
            for key, kept in list(self._kept.items()):
                if db is None or key == str(db):
                    kept.closing = True
                    if kept.users == 0:
                        self._close(key)

    def held(self, db: Path) -> bool:
        """Return True while a connection to db is kept open."""
        with self._state:
            return str(db) in self._kept

    @staticmethod
    def _open(db: Path, timeout: float, connect) -> _Kept:
        held = contextlib.ExitStack()
        with held:
            held.enter_context(locks.shared(db, timeout))
            con = connect()
            con.execute("SET threads = 1")  # viewers' queries run side by side instead
            gate = locks.gate_file(db)
            kept = _Kept(con, held.pop_all(), gate)
        return kept

    def _close(self, key: str) -> None:
        kept = self._kept.pop(key)
        try:
            kept.con.close()
        finally:
            if kept.gate is not None:
                kept.gate.close()
            kept.held.close()  # the shared lock goes only after the file is closed

    def _watch(self) -> None:
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._run, name="followup-keeper",
                                             daemon=True)
            self._watcher.start()

    def _run(self) -> None:
        """Close connections a writer waits for (when unused) or nobody used for IDLE s."""
        while True:
            with self._state:
                if not self._kept:
                    self._watcher = None
                    return
                now = time.monotonic()
                for key, kept in list(self._kept.items()):
                    idle = kept.users == 0 and now - kept.used > IDLE
                    if idle or (not kept.closing and locks.writer_at_gate(kept.gate)):
                        kept.closing = True
                    if kept.closing and kept.users == 0:
                        self._close(key)
            time.sleep(POLL)


KEEPER = Keeper()
