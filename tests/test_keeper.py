"""The app's kept read-only connection (followup.store.keeper): one connection for many reads,
given up at once when a writer waits (in another process or in this one), closed when idle,
and the new round read after the write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bench.make_workbook import build
from followup import store
from followup.filters import Filters
from followup.store import keeper, locks
from followup.store.keeper import KEEPER
from tests.builders import earlier_workbook, load, standard_workbook
from tests.conftest import ROOT
from tests.reliability_tools import rounds


@pytest.fixture
def base(db, tmp_path) -> Path:
    load(db, standard_workbook(tmp_path / "standard.xlsx"), "2012-06-29")
    yield db
    KEEPER.release(db)


def _round_count(db: Path) -> int:
    with store.kept_reader(db) as con:
        return store.one(con, "SELECT count(*) FROM snapshots")[0]


def test_reads_share_one_connection_which_is_closed_when_idle(base, monkeypatch):
    monkeypatch.setattr(keeper, "IDLE", 0.3)
    opened = []
    real = store._connect
    monkeypatch.setattr(store, "_connect", lambda *a: opened.append(a) or real(*a))
    assert [_round_count(base) for _ in range(5)] == [1] * 5
    assert len(opened) == 1 and KEEPER.held(base)
    deadline = time.monotonic() + 5
    while KEEPER.held(base) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not KEEPER.held(base)
    assert _round_count(base) == 1
    assert len(opened) == 2


def test_threads_read_at_once_through_their_own_cursors(base):
    counts, errors = [], []

    def work():
        try:
            for _ in range(20):
                with store.kept_reader(base) as con:
                    counts.append(len(store.run_query(
                        con, "spend_by_year", Filters(snapshot=1).params())[1]))
        except Exception as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and len(counts) == 80 and len(set(counts)) == 1


def test_a_writer_in_this_process_gets_the_file_and_the_next_read_sees_its_round(base,
                                                                               tmp_path):
    assert _round_count(base) == 1 and KEEPER.held(base)
    started = time.monotonic()
    load(base, earlier_workbook(tmp_path / "later.xlsx"), "2012-12-14")
    assert time.monotonic() - started < 10
    assert _round_count(base) == 2


def test_a_read_while_a_writer_holds_the_gate_waits_like_any_reader(base):
    assert _round_count(base) == 1
    with locks.exclusive(base, 5):  # a writer inside: the kept connection was given up
        assert not KEEPER.held(base)
        with pytest.raises(store.Busy), store.kept_reader(base, timeout=0.2):
            pass
    assert _round_count(base) == 1


KEPT_READER_LOOP = """
import json, sys, time
from pathlib import Path
from followup import store
from followup.filters import Filters
db, seconds = Path(sys.argv[1]), float(sys.argv[2])
errors, waits, runs, seen = [], [], 0, set()
end = time.monotonic() + seconds
while time.monotonic() < end:
    start = time.monotonic()
    try:
        with store.kept_reader(db) as con:
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


def test_processes_keeping_connections_neither_block_an_import_nor_fail_during_it(
        base, tmp_path):
    medium = build(tmp_path / "medium.xlsx", 4_000, 40_000, 400)
    readers = [subprocess.Popen([sys.executable, "-c", KEPT_READER_LOOP, str(base), "6"],
                                cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.PIPE, text=True) for _ in range(3)]
    time.sleep(1.0)
    started = time.perf_counter()
    ingest = subprocess.run([sys.executable, "-m", "followup", "ingest", str(medium), "--db",
                             str(base)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT),
                                 "FOLLOWUP_LOCK_TIMEOUT": "10"})
    took = time.perf_counter() - started
    assert ingest.returncode == 0, ingest.stderr
    reports = [json.loads(r.communicate(timeout=60)[0]) for r in readers]
    assert all(report["errors"] == [] for report in reports)
    assert all(report["runs"] > 20 for report in reports)
    assert all(report["seen"] == [1, 2] for report in reports)  # the new round, read after
    assert took < 30
    assert len(rounds(base)) == 2

