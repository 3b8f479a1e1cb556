"""Issue 22 #10: a server killed during an upload left the workbook in a temporary folder, and
an import killed during its write left a file in originals/ that no round owns. What a dead
process left is cleaned when the next server starts or the next writer runs; what a live one
is writing is kept."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup.settings import SAMPLE_ROUNDS
from followup.store import ingest, leftovers
from tests.support import ROOT
from tests.support.builders import earlier_workbook, standard_workbook, stored

APP = str(ROOT / "dashboard.py")
SERVER = """
import sys
from pathlib import Path
from followup.cli import jobs
path, db = Path(sys.argv[1]), Path(sys.argv[2])
jobs.import_workbook(path.read_bytes(), path.name, db, None, None, "nb")
"""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def originals(db: Path) -> list[str]:
    return sorted(p.name for p in (db.parent / "originals").iterdir())


def wait_for(found, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := found():
            return result
        time.sleep(0.05)
    raise AssertionError("not found in time")


def sample_originals(db: Path) -> list[str]:
    return sorted(f"{sha(p)}.xlsx" for p, _ in SAMPLE_ROUNDS)


def test_a_server_killed_during_an_upload_leaves_nothing_after_the_next_start(
        db, tmp_path, monkeypatch):
    ingest.ensure_database(db)
    temp = tmp_path / "tmp"
    temp.mkdir()
    upload = standard_workbook(tmp_path / "runde.xlsx")
    paused = tmp_path / "paused"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp),
           "FOLLOWUP_FAULT_BEFORE_COMMIT": "60", "FOLLOWUP_FAULT_MARK": str(paused)}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(upload), str(db)], cwd=ROOT,
                              env=env)
    # killed before the pause, the import's next word to the dead server's pipe fails and it
    # removes its incoming file itself: kill the server once the import waits at the fault
    wait_for(paused.exists)
    incoming = list((db.parent / "originals").glob(".incoming-*"))
    writer = int(incoming[0].name.split("-")[2])
    server.send_signal(signal.SIGKILL)
    server.wait(30)
    os.kill(writer, signal.SIGKILL)
    wait_for(lambda: not Path(f"/proc/{writer}").exists(), 30)  # all its threads
    left = list(temp.iterdir())
    assert [p.name.startswith(f"followup-upload-{server.pid}-") for p in left] == [True]
    assert (left[0] / "upload.xlsx").read_bytes() == upload.read_bytes()
    assert originals(db) == sorted([*sample_originals(db), incoming[0].name])

    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert list(temp.iterdir()) == []
    assert originals(db) == sample_originals(db)
    assert stored(db, "SELECT count(*) FROM snapshots") == [(len(SAMPLE_ROUNDS),)]


def kill_inside(cli_process: subprocess.Popen, db: Path, fault: str) -> None:
    """Kill an import (its child, the writer, dies with it) paused at a fault point."""
    assert cli_process.stderr.readline().strip() == f"fault point {fault}"
    writer = int(next((db.parent / "originals").glob(".incoming-*")).name.split("-")[2])
    cli_process.send_signal(signal.SIGKILL)
    cli_process.wait(30)
    wait_for(lambda: not Path(f"/proc/{writer}").exists(), 30)  # all its threads


def ingest_process(path: Path, db: Path, **env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "followup", "ingest", str(path), "--db",
                             str(db)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                      **env},
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("fault", ["FOLLOWUP_FAULT_BEFORE_COMMIT", "FOLLOWUP_FAULT_AFTER_COMMIT"])
def test_an_import_killed_while_writing_leaves_no_original_without_a_round(db, tmp_path, cli,
                                                                          fault):
    first = earlier_workbook(tmp_path / "juni.xlsx")
    assert cli("ingest", first, "--db", db, "--as-of", "2012-06-29").returncode == 0
    killed = standard_workbook(tmp_path / "desember.xlsx")
    kill_inside(ingest_process(killed, db, **{fault: "60"}), db, fault)
    incoming = [p.name for p in (db.parent / "originals").iterdir()
                if p.name.startswith(f".incoming-{sha(killed)}-")]
    assert len(incoming) == 1 and f"{sha(killed)}.xlsx" not in originals(db)
    committed = fault.endswith("AFTER_COMMIT")
    assert stored(db, "SELECT count(*) FROM snapshots") == [(2 if committed else 1,)]

    done = cli("delete", "1", "--db", db)  # the next writer
    assert done.returncode == 0, done.stderr
    assert originals(db) == sorted([f"{sha(first)}.xlsx", *[f"{sha(killed)}.xlsx"] * committed])
    if committed:
        assert (db.parent / "originals" / f"{sha(killed)}.xlsx").read_bytes() == \
            killed.read_bytes()


def test_an_original_being_written_by_a_live_import_is_kept(db, tmp_path, cli):
    first = earlier_workbook(tmp_path / "juni.xlsx")
    assert cli("ingest", first, "--db", db, "--as-of", "2012-06-29").returncode == 0
    holder = ingest_process(standard_workbook(tmp_path / "desember.xlsx"), db,
                            FOLLOWUP_FAULT_BEFORE_COMMIT="60")
    assert holder.stderr.readline().startswith("fault point")
    before = originals(db)
    assert len(before) == 2
    leftovers.sweep(db)  # a server starting meanwhile: the import holds the database
    assert originals(db) == before
    leftovers.sweep_originals(db.parent / "originals", set())  # even without the lock
    assert originals(db) == before
    writer = int(next((db.parent / "originals").glob(".incoming-*")).name.split("-")[2])
    holder.send_signal(signal.SIGKILL)
    holder.wait(30)
    wait_for(lambda: not Path(f"/proc/{writer}").exists(), 30)  # all its threads
    leftovers.sweep(db)
    assert originals(db) == [f"{sha(first)}.xlsx"]


def test_only_our_folders_of_processes_that_are_gone_are_removed(tmp_path):
    gone, alive = dead_pid(), subprocess.Popen([sys.executable, "-c", "input()"],
                                               stdin=subprocess.PIPE)
    try:
        names = {f"followup-upload-{gone}-ab12cd34": True, f"followup-check-{gone}-x9_y8z7w": True,
                 f"followup-upload-{alive.pid}-ab12cd34": False,
                 f"followup-check-{os.getpid()}-ab12cd34": False,
                 f"followup-upload-{os.getpid()}-reused00": True,
                 "followup-check-legacy00": False, "followup-upload-legacy11": True,
                 "followup-upload-notes": False, "other-upload-1-ab12cd34": False}
        for name in names:
            (tmp_path / name).mkdir()
            (tmp_path / name / "upload.xlsx").write_bytes(b"PK")
        started = leftovers.started(os.getpid())
        os.utime(tmp_path / f"followup-upload-{os.getpid()}-reused00",
                 (started - 60, started - 60))  # made before this process: its number reused
        old = time.time() - leftovers.LEGACY_SECONDS - 60
        os.utime(tmp_path / "followup-upload-legacy11", (old, old))
        link = tmp_path / f"followup-upload-{gone}-link0000"
        link.symlink_to(tmp_path / "other-upload-1-ab12cd34")
        (tmp_path / f"followup-check-{gone}-file0000").write_bytes(b"PK")
        removed = leftovers.sweep_temp(tmp_path)
        assert sorted(p.name for p in removed) == sorted(n for n, gone in names.items() if gone)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [n for n, gone in names.items() if not gone]
            + [f"followup-upload-{gone}-link0000", f"followup-check-{gone}-file0000"])
        assert (tmp_path / "other-upload-1-ab12cd34" / "upload.xlsx").exists()
    finally:
        alive.kill()
        alive.wait()
