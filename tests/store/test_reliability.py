"""An ingest killed at any moment leaves the database as it was; writers take turns; the app
never blocks an import nor fails during one; a back-up is one folder and restores."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bench.make_workbook import build
from tests.support import ROOT
from tests.support.builders import earlier_workbook, load, standard_workbook
from tests.support.reliability_tools import complete, digest, rounds


def ingest_process(path: Path, db: Path, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "followup", "ingest", str(path), "--db", str(db)], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def medium(tmp_path_factory) -> Path:
    """A workbook large enough that an ingest takes a while: 40,000 disbursements."""
    return build(tmp_path_factory.mktemp("medium") / "medium.xlsx", 4_000, 40_000, 400)


@pytest.fixture
def base(db, tmp_path) -> Path:
    load(db, standard_workbook(tmp_path / "standard.xlsx"), "2012-06-29")
    return db


def children(pid: int) -> list[int]:
    """Return the processes a process has forked (its import's reading child)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    """Return True while a process runs (a zombie holds no file any more)."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def kill_after(path: Path, db: Path, seconds: float, **env) -> None:
    """Kill an import after `seconds`; return once it and the child it forked are gone (the
    child dies with its parent, a moment later: until then it may hold the database)."""
    process = ingest_process(path, db, **env)
    time.sleep(seconds)
    process.send_signal(signal.SIGSTOP)  # stopped, it forks no child after the list is read
    forked = children(process.pid)  # (one forked in between held the lock: failed in CI)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    deadline = time.monotonic() + 30
    while any(map(alive, forked)) and time.monotonic() < deadline:
        time.sleep(0.01)


def assert_clean_after_kill(db: Path, before: dict[str, str], medium: Path) -> None:
    """The round is either absent (database unchanged) or whole; the next ingest works."""
    after_rounds = rounds(db)
    assert len(after_rounds) in (1, 2)
    if len(after_rounds) == 1:
        assert digest(db) == before
    else:
        assert complete(db, after_rounds[0])
    again = ingest_process(medium, db)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    final = rounds(db)
    assert len(final) == 2 and all(complete(db, r) for r in final)


@pytest.mark.parametrize("fraction", [0.05, 0.25, 0.5, 0.75, 0.9, 1.0, 1.2])
def test_sigkill_at_any_moment_leaves_the_database_as_it_was(base, medium, fraction):
    started = time.perf_counter()
    clean_copy = base.parent.parent / "clean" / base.name
    shutil.copytree(base.parent, clean_copy.parent)
    process = ingest_process(medium, clean_copy)
    assert process.wait(120) == 0
    duration = time.perf_counter() - started
    before = digest(base)
    kill_after(medium, base, duration * fraction)
    assert_clean_after_kill(base, before, medium)


@pytest.mark.parametrize("fault", ["FOLLOWUP_FAULT_BEFORE_COMMIT", "FOLLOWUP_FAULT_AFTER_COMMIT"])
def test_sigkill_inside_the_transaction_and_right_after_the_commit(base, medium, fault):
    before = digest(base)
    process = ingest_process(medium, base, **{fault: "30"})
    assert process.stderr.readline().strip() == f"fault point {fault}"
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    after = rounds(base)
    if fault.endswith("BEFORE_COMMIT"):
        assert len(after) == 1 and digest(base) == before
    else:
        assert len(after) == 2 and complete(base, after[0])
    assert_clean_after_kill(base, before, medium)


def test_two_ingests_at_once_both_land(base, tmp_path, medium):
    other = earlier_workbook(tmp_path / "other.xlsx")
    first, second = ingest_process(medium, base), ingest_process(other, base)
    assert first.wait(120) == 0, first.stderr.read()
    assert second.wait(120) == 0, second.stderr.read()
    loaded = rounds(base)
    assert len(loaded) == 3 and len({r["snapshot_id"] for r in loaded}) == 3
    assert all(complete(base, r) for r in loaded)


def test_a_writer_waits_then_reports_busy(base, medium, tmp_path):
    holder = ingest_process(medium, base, FOLLOWUP_FAULT_BEFORE_COMMIT="20")
    assert holder.stderr.readline().startswith("fault point")
    second = subprocess.run(
        [sys.executable, "-m", "followup", "ingest",
         str(earlier_workbook(tmp_path / "second.xlsx")), "--db", str(base)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "FOLLOWUP_LOCK_TIMEOUT": "1"},
        capture_output=True, text=True, timeout=60)
    holder.send_signal(signal.SIGKILL)
    holder.wait(30)
    assert second.returncode == 3
    assert "opptatt" in second.stderr and "Traceback" not in second.stderr


READER_LOOP = """
import json, sys, time
from pathlib import Path
from followup import store
from followup.filters import Filters
db, seconds, way = Path(sys.argv[1]), float(sys.argv[2]), getattr(store, sys.argv[3])
errors, waits, runs, seen = [], [], 0, set()
end = time.monotonic() + seconds
while time.monotonic() < end:
    start = time.monotonic()
    try:
        with way(db) as con:
            snapshot = store.latest_snapshot(con)
            store.run_query(con, "spend_by_year", Filters(snapshot=snapshot).params())
            seen.add(store.one(con, "SELECT count(*) FROM snapshots")[0])
        runs += 1
    except Exception as exc:
        errors.append(repr(exc))
    waits.append(time.monotonic() - start)
    time.sleep(0.01)
print(json.dumps({"runs": runs, "errors": errors, "max_wait": max(waits),
                  "seen": sorted(seen)}))
"""


@pytest.mark.parametrize("way", ["reader", "kept_reader"])
def test_busy_readers_neither_block_an_import_nor_fail_during_it(base, medium, way):
    """Readers with a connection per batch (the command line) or one kept open between reads
    (the app, followup.store.keeper) read on through an import and then see its round."""
    readers = [subprocess.Popen([sys.executable, "-c", READER_LOOP, str(base), "6", way],
                                cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.PIPE, text=True) for _ in range(3)]
    time.sleep(1.0)
    started = time.perf_counter()
    ingest = ingest_process(medium, base, FOLLOWUP_LOCK_TIMEOUT="10")
    assert ingest.wait(60) == 0, ingest.stderr.read()
    took = time.perf_counter() - started
    reports = [json.loads(r.communicate(timeout=60)[0]) for r in readers]
    assert all(report["errors"] == [] for report in reports)
    assert all(report["runs"] > 10 for report in reports)
    assert all(report["seen"] == [1, 2] for report in reports)  # the new round, read after
    assert took < 30
    assert len(rounds(base)) == 2


def test_backup_is_one_folder_and_restores(base, tmp_path):
    backup = tmp_path / "backup"
    shutil.copytree(base.parent, backup)
    kept = digest(base)
    load(base, earlier_workbook(tmp_path / "later.xlsx"), "2012-12-14")
    store_rounds = rounds(base)
    assert len(store_rounds) == 2
    shutil.rmtree(base.parent)
    shutil.copytree(backup, base.parent)
    assert digest(base) == kept
    restored = rounds(base)
    assert len(restored) == 1
    original = base.parent / "originals" / f"{restored[0]['sha256']}.xlsx"
    assert hashlib.sha256(original.read_bytes()).hexdigest() == restored[0]["sha256"]


def test_the_next_open_after_a_kill_is_clean_even_read_only(base, medium):
    kill_after(medium, base, 0.6)
    deadline = time.monotonic() + 10
    while True:  # the killed import's child lets go of the file a moment after its parent
        try:
            con = duckdb.connect(str(base), read_only=True)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    with con:
        assert con.execute("SELECT count(*) FROM snapshots").fetchall()[0][0] in (1, 2)
