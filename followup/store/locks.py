"""Readers and writers of one database file, across processes and threads (flock).

Two lock files sit beside the database, `<db>.gate` and `<db>.lock`. A writer takes the gate
exclusively (new readers now wait at the gate), then the lock exclusively (it waits for the
readers already inside). A reader passes the gate (shared, released at once) and holds the
lock shared while it reads. So a busy app never starves an import, and a reader never meets
a writer inside the file. Every acquisition polls until its deadline, then raises Busy.
Reading needs no write access: on a read-only folder (a mounted snapshot, a back-up medium)
a reader locks the lock files opened read-only, or reads without them where none exist.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import time
from pathlib import Path


class Busy(Exception):
    """Another process holds the database longer than we are willing to wait."""


def _path(db: Path, name: str) -> Path:
    return db.with_name(f"{db.name}.{name}")


_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)


def _lock_file(path: Path, exclusive: bool):
    """Open the lock file for flock; on a folder we may not write, a reader opens it
    read-only, or goes without when it does not exist (then no writer can be there either)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "a+")
    except OSError as exc:
        if exclusive or exc.errno not in _READ_ONLY:
            raise
    try:
        return open(path)
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def _flock(path: Path, exclusive: bool, deadline: float):
    handle = _lock_file(path, exclusive)
    if handle is None:
        yield
        return
    with handle:
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        pause = 0.005
        while True:
            try:
                fcntl.flock(handle, mode)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy(f"{path.name} is held by another process") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def shared(db: Path, timeout: float):
    """Hold the database for reading: wait at the gate while a writer is in or waiting."""
    deadline = time.monotonic() + timeout
    stack = contextlib.ExitStack()
    with stack:
        with _flock(_path(db, "gate"), False, deadline):
            stack.enter_context(_flock(_path(db, "lock"), False, deadline))
        yield


@contextlib.contextmanager
def exclusive(db: Path, timeout: float):
    """Hold the database for writing: close the gate, then wait for the readers inside."""
    deadline = time.monotonic() + timeout
    with _flock(_path(db, "gate"), True, deadline), _flock(_path(db, "lock"), True, deadline):
        yield


def gate_file(db: Path):
    """Return the gate's lock file opened for writer_at_gate (None where there is none)."""
    return _lock_file(_path(db, "gate"), False)


def writer_at_gate(gate) -> bool:
    """Return True when a writer has closed the gate (it is writing, or waits for readers),
    looking without waiting; never on a gate of None (no lock files: no writer either)."""
    if gate is None:
        return False
    try:
        fcntl.flock(gate, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    fcntl.flock(gate, fcntl.LOCK_UN)
    return False
