"""A damaged database, a read-only data folder and a full disk (issue 12, points 4, 5, 8):
each said in words, with an exit code of its own, never a traceback or "busy"."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.builders import standard_workbook
from tests.workbook.test_hostile_files import incompressible_workbook

DAMAGED = ("Databasen {path} er skadet og kan ikke leses. Legg tilbake en sikkerhetskopi av "
           "mappen den ligger i (se «Reporting rounds, back-up and restore» i README).")
APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    """A database holding the sample rounds, made by the command line."""
    from tests.support.cli import run_cli

    db = tmp_path_factory.mktemp("sample") / "followup.duckdb"
    assert run_cli("snapshots", "--db", db).returncode == 0
    return db


def damaged_copy(sample_db: Path, folder: Path, how: str) -> Path:
    """Return a copy of the sample database, truncated, with bad blocks, or overwritten."""
    data = bytearray(sample_db.read_bytes())
    if how == "truncated":
        data = data[:100_000]
    elif how == "bad-blocks":
        for at in range(3 * 4096, len(data), 4096):  # past the three file headers
            data[at:at + 64] = b"\xff" * 64
    else:
        data[:4096] = bytes(4096)
    db = folder / how / "followup.duckdb"
    db.parent.mkdir()
    db.write_bytes(bytes(data))
    return db


@pytest.mark.parametrize("how", ["truncated", "bad-blocks", "overwritten-header"])
@pytest.mark.parametrize("command", [["snapshots"], ["query", "completion_by_actor"],
                                     ["delete", "1"]])
def test_a_damaged_database_is_named_with_its_own_exit_code(sample_db, tmp_path, cli, how,
                                                             command):
    db = damaged_copy(sample_db, tmp_path, how)
    done = cli(*command, "--db", db)
    assert (done.returncode, done.stderr.strip()) == (4, DAMAGED.format(path=db))


def test_an_import_into_a_damaged_database_leaves_no_original_behind(sample_db, tmp_path, cli):
    db = damaged_copy(sample_db, tmp_path, "truncated")
    done = cli("ingest", standard_workbook(tmp_path / "ny.xlsx"), "--db", db)
    assert (done.returncode, done.stderr.strip()) == (4, DAMAGED.format(path=db))
    assert not (db.parent / "originals").exists() or not any((db.parent / "originals").iterdir())


def test_the_app_says_the_database_is_damaged(sample_db, tmp_path, monkeypatch):
    db = damaged_copy(sample_db, tmp_path, "truncated")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1 and not at.warning
    shown = at.error[0].value.replace("\\", "")  # Markdown escapes in the path
    assert shown == DAMAGED.format(path=db)


# --- a read-only folder: a real read-only bind mount (root) --------------------------------

def _require_root(what: str) -> None:
    if os.geteuid() != 0:
        message = f"{what} needs root (mount)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_a_read_only_data_folder_can_still_be_read(sample_db, tmp_path, cli):
    _require_root("a read-only bind mount")
    folder = tmp_path / "snapshot"
    shutil.copytree(sample_db.parent, folder)
    for lock in folder.glob("*.gate"), folder.glob("*.lock"):
        for path in lock:
            path.unlink()  # a back-up copied without the lock files: none can be made here
    db = folder / "followup.duckdb"
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
        with pytest.raises(OSError):
            (folder / "probe").write_text("x")
        rounds = cli("snapshots", "--db", db, "--format", "json")
        assert rounds.returncode == 0, rounds.stderr
        assert [r["snapshot_id"] for r in json.loads(rounds.stdout)] == [2, 3, 1]
        done = cli("query", "completion_by_actor", "--db", db, "--format", "json")
        assert done.returncode == 0, done.stderr
        brief = cli("brief", "--db", db, "--out", tmp_path / "brief.html")
        assert brief.returncode == 0, brief.stderr
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_read_only_folder_with_lock_files_is_read_under_them(sample_db, tmp_path, cli):
    _require_root("a read-only bind mount")
    folder = tmp_path / "snapshot"
    shutil.copytree(sample_db.parent, folder)
    assert sorted(p.name for p in folder.glob("followup.duckdb.*")) == [
        "followup.duckdb.gate", "followup.duckdb.lock"]
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
        done = cli("snapshots", "--db", folder / "followup.duckdb", "--format", "json")
        assert done.returncode == 0, done.stderr
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


# --- a full disk: a real tmpfs that is too small (root) -------------------------------------

DISK_FULL = ("Disken er full; ingenting er lastet inn, og databasen er uendret. Frigjør plass "
             "der databasen ligger ({path}) og prøv igjen.")


def test_a_full_disk_says_so_and_leaves_no_orphan_in_originals(sample_db, tmp_path, cli):
    _require_root("a small tmpfs")
    disk = tmp_path / "disk"
    disk.mkdir()
    size = sample_db.stat().st_size + 1_500_000
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
                   check=True)
    try:
        db = disk / "followup.duckdb"
        shutil.copy(sample_db, db)
        before = cli("snapshots", "--db", db, "--format", "json").stdout
        big = incompressible_workbook(tmp_path / "stor.xlsx", 3)
        done = cli("ingest", big, "--db", db)
        assert (done.returncode, done.stderr.strip()) == (5, DISK_FULL.format(path=disk))
        assert not (disk / "originals").exists() or list((disk / "originals").iterdir()) == []
        assert [p.name for p in disk.iterdir() if p.name.startswith(".")] == []
        assert cli("snapshots", "--db", db, "--format", "json").stdout == before
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)
