"""The process-wide memo (followup.ui.memo): one value per key, made once even when several
threads ask for it at the same moment (fifty viewers after an import)."""

from __future__ import annotations

import threading

import pytest

from followup.ui.memo import Memo


def test_threads_asking_for_the_same_answer_at_once_make_it_once():
    memo, started, release, made = Memo(10), threading.Event(), threading.Event(), []

    def make():
        made.append(1)
        started.set()
        release.wait(5)
        return object()

    got = []
    threads = [threading.Thread(target=lambda: got.append(memo.get("answer", make)))
               for _ in range(8)]
    threads[0].start()
    assert started.wait(5)
    for thread in threads[1:]:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(5)
    assert len(made) == 1 and len(got) == 8 and all(value is got[0] for value in got)


def test_another_key_is_not_held_up_while_one_is_made():
    memo, release = Memo(10), threading.Event()
    slow = threading.Thread(target=lambda: memo.get("slow", lambda: release.wait(5)))
    slow.start()
    assert memo.get("quick", lambda: 42) == 42  # not waiting for the slow one
    release.set()
    slow.join(5)
    assert memo.get("slow", lambda: None) is True


def test_a_failed_make_keeps_nothing_and_the_next_caller_makes_it():
    memo = Memo(10)

    def fail():
        raise RuntimeError("busy")

    with pytest.raises(RuntimeError):
        memo.get("answer", fail)
    assert len(memo) == 0 and memo.get("answer", lambda: 7) == 7
    assert memo._making == {}


def test_the_oldest_entries_go_first_beyond_the_size():
    memo = Memo(2)
    for key in "abc":
        memo.get(key, lambda k=key: k.upper())
    assert memo.get("a", lambda: "made again") == "made again"
    assert memo.get("c", lambda: "not made") == "C"
