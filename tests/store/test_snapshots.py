"""Snapshots: all or nothing, idempotent, archived, the latest by as-of date, deletable."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import duckdb
import pytest

from followup import store
from followup.filters import Filters
from followup.settings import SAMPLE_ROUNDS
from followup.store import ingest, rounds
from followup.workbook.problems import Rejected
from tests.support.builders import (
    MINIMAL_ACTIONS,
    MINIMAL_GRANTS,
    load,
    load_sheets,
    snapshot_tables,
    standard_workbook,
    stored,
    write_workbook,
)


@pytest.fixture
def standard(tmp_path):
    return standard_workbook(tmp_path / "standard.xlsx")


def spend(db, snapshot=None):
    """Return spend_by_year of a round (the latest when None) as (year, float, grants)."""
    with store.reader(db) as con:
        chosen = snapshot or store.latest_snapshot(con)
        _, rows = store.run_query(con, "spend_by_year", Filters(snapshot=chosen).params())
    return [(y, float(a), g) for y, a, g, *_ in rows]  # year, amount_nok, grants, ...


def round_with(tmp_path, name, amount):
    """Write a one-grant workbook whose only disbursement is `amount` in 2012."""
    return write_workbook(tmp_path / name, {
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til", 2012], ["G1", "IOM", 2012, 2012,
                                                                  amount]]})


# --- all or nothing ----------------------------------------------------------------------

def test_a_rejected_workbook_leaves_the_database_file_untouched(db, tmp_path, standard):
    load(db, standard, "2012-06-29")
    before_bytes, before = db.read_bytes(), snapshot_tables(db)
    bad = write_workbook(tmp_path / "bad.xlsx", {
        "Tiltak": [["Tiltak", "Ansvarlig", "Status"], ["ok", "Hum", "Ferdig"],
                   ["feil", "Hum", "Nesten"]],
        "Tilskudd": MINIMAL_GRANTS})
    with pytest.raises(Rejected):
        load(db, bad, "2012-12-14")
    assert db.read_bytes() == before_bytes
    assert snapshot_tables(db) == before
    sha = hashlib.sha256(bad.read_bytes()).hexdigest()
    assert not ingest.archive_path(db, sha).exists()


def test_a_rejected_workbook_does_not_create_a_missing_database(db, tmp_path):
    bad = write_workbook(tmp_path / "bad.xlsx", {"Ark1": MINIMAL_ACTIONS})
    with pytest.raises(Rejected):
        load(db, bad)
    assert not db.exists()


def test_a_load_that_fails_midway_is_rolled_back_whole(db, tmp_path):
    # the last insert of the load (disbursements) fails on a constraint this database has
    db.parent.mkdir(parents=True)
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE disbursements (snapshot_id BIGINT NOT NULL, grant_id VARCHAR "
                "NOT NULL, year INTEGER NOT NULL, amount_nok DECIMAL(18, 2) NOT NULL "
                "CHECK (amount_nok < 1000000))")
    con.close()
    load(db, round_with(tmp_path, "liten.xlsx", 1000), "2012-06-29")
    before = snapshot_tables(db)
    big = round_with(tmp_path, "big.xlsx", 5_000_000)
    with pytest.raises(duckdb.ConstraintException):
        load(db, big, "2012-12-14")
    assert snapshot_tables(db) == before


# --- idempotent re-ingest ----------------------------------------------------------------

def test_the_same_file_again_adds_nothing_and_says_which_round_holds_it(db, standard):
    first = load(db, standard, "2012-12-14")
    before = snapshot_tables(db)
    again = load(db, standard, "2013-01-31")
    assert (again.duplicate, again.snapshot_id, again.as_of) == (
        True, first.snapshot_id, dt.date(2012, 12, 14))
    assert snapshot_tables(db) == before


def test_the_same_bytes_under_another_name_are_the_same_round(db, tmp_path, standard):
    first = load(db, standard)
    copy = tmp_path / "kopi av standard.xlsx"
    copy.write_bytes(standard.read_bytes())
    assert load(db, copy).snapshot_id == first.snapshot_id
    assert stored(db, "SELECT count(*), min(file_name) FROM snapshots") == [(1, "standard.xlsx")]


def test_the_same_content_saved_again_is_a_new_round(db, tmp_path):
    load_sheets(db, {"Tiltak": MINIMAL_ACTIONS}, name="a.xlsx")
    load_sheets(db, {"Tiltak": MINIMAL_ACTIONS, "Ark2": [["x"]]}, name="b.xlsx")
    assert stored(db, "SELECT count(*) FROM snapshots") == [(2,)]


# --- what a round records ----------------------------------------------------------------

def test_a_round_records_as_of_file_hash_time_counts_and_warnings(db, standard):
    before = dt.datetime.now().replace(microsecond=0)
    loaded = load(db, standard, "2012-12-14")
    (row,) = stored(db, "SELECT snapshot_id, as_of, file_name, sha256, loaded_at, actions, "
                        "grants, disbursements, warnings FROM snapshots")
    sid, as_of, name, sha, loaded_at, actions, grants, disbursements, warnings = row
    assert (sid, as_of, name) == (loaded.snapshot_id, dt.date(2012, 12, 14), "standard.xlsx")
    assert sha == hashlib.sha256(standard.read_bytes()).hexdigest()
    assert before <= loaded_at <= dt.datetime.now()
    # G1 2011, 2012, 2013; G2 2012; G3 2011 (two rows summed), 2013
    assert (actions, grants, disbursements, warnings) == (8, 3, 6, 2)
    assert stored(db, "SELECT count(*) FROM disbursements") == [(6,)]


def test_the_counts_reported_are_the_counts_recorded(db, standard):
    loaded = load(db, standard)
    assert stored(db, "SELECT actions, grants, disbursements FROM snapshots") == [
        tuple(loaded.counts[k] for k in ("actions", "grants", "disbursements"))]


def test_as_of_defaults_to_today(db, standard):
    assert load(db, standard).as_of == dt.date.today()
    assert stored(db, "SELECT as_of FROM snapshots") == [(dt.date.today(),)]


def test_the_original_is_archived_beside_the_database_under_its_hash(db, standard):
    load(db, standard)
    sha = hashlib.sha256(standard.read_bytes()).hexdigest()
    archived = db.parent / "originals" / f"{sha}.xlsx"
    assert ingest.archive_path(db, sha) == archived
    assert archived.read_bytes() == standard.read_bytes()


def test_an_original_that_cannot_be_written_stops_the_round_before_its_commit(
        db, standard, monkeypatch):
    # the original is written beside the round's inserts; the commit waits for it
    import errno
    import os

    from followup.store.errors import DiskFull

    load(db, standard, "2012-06-30")
    before = stored(db, "SELECT count(*) FROM snapshots")
    real = os.fsync

    def full(fd):
        if os.readlink(f"/proc/self/fd/{fd}").rsplit("/", 1)[-1].startswith(".incoming-"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(os, "fsync", full)
    other = write_workbook(db.parent / "other.xlsx", {"Tiltak": MINIMAL_ACTIONS})
    with pytest.raises(DiskFull):
        ingest.ingest(other.read_bytes(), "other.xlsx", db)
    assert stored(db, "SELECT count(*) FROM snapshots") == before
    assert [p.name for p in (db.parent / "originals").iterdir()] == [
        f"{hashlib.sha256(standard.read_bytes()).hexdigest()}.xlsx"]


def test_an_error_right_after_the_commit_leaves_the_original_to_its_round(
        db, standard, monkeypatch):
    # found in review: the error path removed the incoming original of a committed round
    def fault(name):
        if name == "FOLLOWUP_FAULT_AFTER_COMMIT":
            raise RuntimeError("interrupted after the commit")

    monkeypatch.setattr(ingest, "fault_point", fault)
    with pytest.raises(RuntimeError):
        ingest.ingest(standard.read_bytes(), "standard.xlsx", db)
    assert stored(db, "SELECT count(*) FROM snapshots") == [(1,)]
    kept = [p for p in (db.parent / "originals").iterdir() if p.name.startswith(".incoming-")]
    assert [p.read_bytes() for p in kept] == [standard.read_bytes()]  # named by the next writer


def test_a_file_name_is_stored_without_directories_or_control_characters(db, standard):
    data = standard.read_bytes()
    ingest.ingest(data, "../../hemmelig/runde\n2012.xlsx", db)
    assert stored(db, "SELECT file_name FROM snapshots") == [("runde_2012.xlsx",)]


def test_the_import_is_written_to_the_audit_log(db, standard):
    loaded = ingest.ingest(standard.read_bytes(), "standard.xlsx", db,
                           dt.date(2012, 12, 14), who="kari")
    assert stored(db, "SELECT who, event, snapshot_id, file_name, as_of FROM audit_log") == [
        ("kari", "import", loaded.snapshot_id, "standard.xlsx", dt.date(2012, 12, 14))]


# --- which round queries read ------------------------------------------------------------

def test_queries_read_the_latest_round_by_as_of_date_not_by_load_order(db, tmp_path):
    newer = load(db, round_with(tmp_path, "desember.xlsx", 2000), "2012-12-14")
    older = load(db, round_with(tmp_path, "juni.xlsx", 1000), "2012-06-29")
    assert older.snapshot_id > newer.snapshot_id
    with store.reader(db) as con:
        assert store.latest_snapshot(con) == newer.snapshot_id
        assert store.previous_snapshot(con, newer.snapshot_id) == older.snapshot_id
        assert store.previous_snapshot(con, older.snapshot_id) is None
        assert [s["snapshot_id"] for s in store.snapshots(con)] == [
            newer.snapshot_id, older.snapshot_id]
    assert spend(db) == [(2012, 2000.0, 1)]


def test_a_named_round_is_read_instead_of_the_latest(db, tmp_path):
    older = load(db, round_with(tmp_path, "juni.xlsx", 1000), "2012-06-29")
    load(db, round_with(tmp_path, "desember.xlsx", 2000), "2012-12-14")
    assert spend(db, older.snapshot_id) == [(2012, 1000.0, 1)]


def test_two_rounds_on_the_same_day_the_last_loaded_is_latest(db, tmp_path):
    load(db, round_with(tmp_path, "morgen.xlsx", 1000), "2012-12-14")
    evening = load(db, round_with(tmp_path, "kveld.xlsx", 3000), "2012-12-14")
    with store.reader(db) as con:
        assert store.latest_snapshot(con) == evening.snapshot_id
    assert spend(db) == [(2012, 3000.0, 1)]


def test_rounds_keep_their_own_rows(db, tmp_path):
    first = load(db, round_with(tmp_path, "juni.xlsx", 1000), "2012-06-29")
    second = load(db, round_with(tmp_path, "desember.xlsx", 2000), "2012-12-14")
    assert stored(db, "SELECT snapshot_id, amount_nok FROM disbursements ORDER BY 1") == [
        (first.snapshot_id, Decimal("1000.00")), (second.snapshot_id, Decimal("2000.00"))]


# --- deleting a round --------------------------------------------------------------------

def test_deleting_a_round_removes_its_rows_and_logs_it(db, tmp_path):
    june = load(db, round_with(tmp_path, "juni.xlsx", 1000), "2012-06-29")
    december = load(db, round_with(tmp_path, "desember.xlsx", 2000), "2012-12-14")
    assert rounds.delete(db, december.snapshot_id, who="kari") == june.snapshot_id
    for table in ("snapshots", "grants", "disbursements"):
        assert stored(db, f"SELECT DISTINCT snapshot_id FROM {table}") == [(june.snapshot_id,)]
    assert stored(db, "SELECT event, snapshot_id, who, file_name FROM audit_log "
                      "WHERE event = 'delete'") == [
        ("delete", december.snapshot_id, "kari", "desember.xlsx")]
    assert spend(db) == [(2012, 1000.0, 1)]


def test_deleting_an_unknown_round(db, standard):
    load(db, standard)
    before = snapshot_tables(db)
    with pytest.raises(KeyError):
        rounds.delete(db, 99)
    assert snapshot_tables(db) == before


def test_a_deleted_round_can_be_loaded_again(db, standard):
    first = load(db, standard, "2012-12-14")
    rounds.delete(db, first.snapshot_id)
    again = load(db, standard, "2012-12-14")
    assert not again.duplicate
    assert stored(db, "SELECT count(*) FROM actions") == [(8,)]


def test_the_id_of_a_deleted_round_is_never_given_to_another(db, tmp_path):
    load(db, round_with(tmp_path, "juni.xlsx", 1000), "2012-06-29")
    december = load(db, round_with(tmp_path, "desember.xlsx", 2000), "2012-12-14")
    rounds.delete(db, december.snapshot_id)
    other = load(db, round_with(tmp_path, "rettet.xlsx", 2500), "2012-12-14")
    assert other.snapshot_id == december.snapshot_id + 1
    assert stored(db, "SELECT event, snapshot_id, file_name FROM audit_log "
                      "ORDER BY snapshot_id, event = 'delete'") == [
        ("import", 1, "juni.xlsx"), ("import", 2, "desember.xlsx"),
        ("delete", 2, "desember.xlsx"), ("import", 3, "rettet.xlsx")]


# --- first use ---------------------------------------------------------------------------

def test_first_use_creates_the_database_with_the_sample_rounds(db):
    ingest.ensure_database(db)
    rows = stored(db, "SELECT as_of, file_name, actions FROM snapshots ORDER BY as_of")
    assert rows == [(dt.date(2012, 6, 29), "sample-2012-06.xlsx", 13),
                    (dt.date(2012, 10, 15), "sample-retur-2012-10.xlsx", 5),
                    (dt.date(2012, 12, 14), "sample.xlsx", 13)]
    assert sorted(p.name for p in (db.parent / "originals").iterdir()) == sorted(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}.xlsx" for p, _ in SAMPLE_ROUNDS)
    assert not db.with_name(db.name + ".new").exists()


def test_first_use_leaves_an_existing_database_alone(db, standard):
    load(db, standard)
    before = snapshot_tables(db)
    ingest.ensure_database(db)
    assert snapshot_tables(db) == before


def test_an_ingest_into_a_missing_database_creates_it_empty_first(db, standard):
    load(db, standard, "2012-12-14")
    assert stored(db, "SELECT file_name FROM snapshots") == [("standard.xlsx",)]


def test_the_same_action_twice_without_an_id_is_followed_as_two_actions(db, tmp_path):
    # regression: two rows with the same actor and text and no ID shared one key, so the
    # comparison between rounds multiplied them
    from tests.support.builders import load, write_workbook

    rows = [["Tiltak", "Ansvarlig", "Status"], ["Rapportere", "Hum", "Pågår"],
            ["Rapportere", "Hum", "Ikke gjort"]]
    load(db, write_workbook(tmp_path / "a.xlsx", {"Tiltak": rows}), "2012-06-29")
    rows[2][2] = "Gjennomført"
    load(db, write_workbook(tmp_path / "b.xlsx", {"Tiltak": rows}), "2012-12-14")
    from followup import store
    from followup.filters import Filters

    with store.reader(db) as con:
        keys = con.execute("SELECT DISTINCT action_key FROM actions").fetchall()
        _, changes = store.run_query(con, "action_changes",
                                     Filters(snapshot=2).params(previous=1))
    assert len(keys) == 2
    assert [(c[3], c[4], c[5]) for c in changes] == [("not_started", "done", "changed")]
