"""The app's kept read-only connection (followup.store.keeper): one connection for many reads,
given up at once when a writer waits (in another process or in this one), closed when idle,
and the new round read after the write."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from followup import store
from followup.filters import Filters
from followup.store import keeper, locks
from followup.store.keeper import KEEPER
from tests.support.builders import earlier_workbook, load, standard_workbook


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
