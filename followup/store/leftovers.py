"""What a killed server or import leaves behind, cleaned when the next one starts.

The app hands an upload to its child (followup.cli.jobs) in a temporary folder named after
the server's process, `followup-check-<pid>-…` or `followup-upload-<pid>-…` (and has the
requests for a status written to `followup-requests-<pid>-…`, the reminders' drafts with
them to `followup-reminders-<pid>-…`); a server killed meanwhile
leaves it. An import writes the original to `originals/.incoming-<sha256>-<pid>-…` and gives
it its name `<sha256>.xlsx` only once its round is committed, so a kill leaves only an
incoming file, never a `<sha256>.xlsx` that no round owns.

A folder or incoming file is left over when the process named in it is gone, or started after
it was made (its number was reused). Such a folder of ours is removed; an incoming file is
removed, or, when the round it was written for was committed (a kill between the commit and
the rename), given its name after its bytes are proven to hash to it. Files named
`<sha256>.xlsx` are never removed: they may be the only copy of a round deleted or of a
database being rebuilt from them. The app sweeps when it first opens a database, an import or
deletion when it holds the database for writing (a concurrent import waits for the lock or is
still alive: its files are kept).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from followup.store import locks
from followup.store.errors import is_damage

ARCHIVE_DIR = "originals"
_TEMP = re.compile(r"followup-(?:check|upload|requests|reminders)-(\d+)-[A-Za-z0-9_]+")
_LEGACY_TEMP = re.compile(r"followup-(?:check|upload)-[A-Za-z0-9_]{8}")
_INCOMING = re.compile(r"\.incoming-([0-9a-f]{64})-(\d+)-[A-Za-z0-9_]+")
# a folder or file of an earlier version names no process: left over once older than any job
LEGACY_SECONDS = 3600
_LOG = logging.getLogger(__name__)


def temp_prefix(kind: str) -> str:
    """Return the prefix of this process's temporary folder for an upload being checked or
    imported (`followup-upload-<pid>-`)."""
    return f"followup-{kind}-{os.getpid()}-"


def incoming_prefix(sha256: str) -> str:
    """Return the prefix of an original being written by this process for its round."""
    return f".incoming-{sha256}-{os.getpid()}-"


def _boot_time() -> float:
    with open("/proc/stat", encoding="ascii") as stat:
        return next(float(line.split()[1]) for line in stat if line.startswith("btime "))


def started(pid: int) -> float | None:
    """Return when a process started (seconds since the epoch), or None when there is none
    (or only its exit status is left: a zombie)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    if fields[0] in ("Z", "X"):
        return None
    return _boot_time() + int(fields[19]) / os.sysconf("SC_CLK_TCK")


def left_over(pid: int, made: float) -> bool:
    """Return True when the process that made something at `made` is gone (or is another
    process that got its number later)."""
    began = started(pid)
    return began is None or began > made + 1


def sweep_temp(root: Path | None = None) -> list[Path]:
    """Remove this user's upload folders whose server is gone; return those removed."""
    root = Path(root or tempfile.gettempdir())
    removed = []
    with contextlib.suppress(OSError), os.scandir(root) as entries:
        for entry in entries:
            named, legacy = _TEMP.fullmatch(entry.name), _LEGACY_TEMP.fullmatch(entry.name)
            if not (named or legacy) or not entry.is_dir(follow_symlinks=False):
                continue
            info = entry.stat(follow_symlinks=False)
            gone = (left_over(int(named.group(1)), info.st_mtime) if named
                    else time.time() - info.st_mtime > LEGACY_SECONDS)
            if info.st_uid == os.getuid() and gone:
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
    return removed


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(2**20), b""):
            digest.update(block)
    return digest.hexdigest()


def sweep_originals(folder: Path, owned: set[str]) -> list[Path]:
    """Remove (or, when a round owns it, name) the incoming originals whose writer is gone;
    call it holding the database for writing. Return the files removed or named."""
    try:
        candidates = sorted(p for p in folder.iterdir() if p.name.startswith(".incoming-"))
    except FileNotFoundError:
        return []
    done = []
    for path in candidates:
        named = _INCOMING.fullmatch(path.name)
        with contextlib.suppress(FileNotFoundError):
            made = path.stat().st_mtime
            if named and not left_over(int(named.group(2)), made):
                continue
            if not named and time.time() - made <= LEGACY_SECONDS:
                continue
            final = folder / f"{named.group(1)}.xlsx" if named else None
            if final and named.group(1) in owned and not final.exists() \
                    and _hash(path) == named.group(1):
                os.replace(path, final)
            else:
                path.unlink()
            done.append(path)
    return done


def sweep(db: Path) -> None:
    """At the start of a server: sweep the upload folders and, when the database can be held
    for writing at once, its incoming originals (else the next writer does)."""
    import duckdb

    sweep_temp()
    if not db.exists() or not (db.parent / ARCHIVE_DIR).is_dir():
        return
    try:
        with locks.exclusive(db, timeout=0):
            con = duckdb.connect(str(db), read_only=True)
            try:
                owned = {r[0] for r in con.execute("SELECT sha256 FROM snapshots").fetchall()}
            finally:
                con.close()
            sweep_originals(db.parent / ARCHIVE_DIR, owned)
    except (locks.Busy, OSError) as exc:
        _LOG.info("originals not swept now: %s", exc)
    except duckdb.Error as exc:
        if not is_damage(exc) and not isinstance(exc, duckdb.IOException):
            raise
        _LOG.warning("originals not swept: %s", str(exc).splitlines()[0])
