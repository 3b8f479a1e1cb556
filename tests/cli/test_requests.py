"""Requests for a status (`python -m followup requests`): one workbook per actor with open
actions, recorded; a request filled in and loaded back is a round that covers that actor and
keeps everything it was not asked about."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest
from openpyxl import load_workbook

from followup import store
from followup.filters import Filters
from followup.store import requested
from tests.support.builders import (
    ACTION_HEADER,
    STANDARD_ACTIONS,
    Text,
    load,
    standard_workbook,
    write_workbook,
)

HEADER = ["Nr.", "Evaluering", "Anbefaling nr", "Anbefaling", "Tiltak", "Part", "Ansvarlig",
          "Seksjon", "Region", "Frist", "Status", "Kommentar", "Dokumentasjon"]


@pytest.fixture
def standard_db(db, tmp_path):
    load(db, standard_workbook(tmp_path / "in" / "standard.xlsx"), "2012-12-14")
    return db


def made(cli, db, out, *args):
    done = cli("requests", "--out", out, "--db", db, "--who", "ola@mfa.no", "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def sheet_rows(path):
    ws = load_workbook(path)["Tiltak"]
    return ws, [list(r) for r in ws.iter_rows(values_only=True)]


def test_one_request_per_actor_with_open_actions_recorded_with_who_and_the_state(
        cli, standard_db, tmp_path):
    # open: A2 (Hum), A5 and A6 (IOM), A8 (MR/DEM, not reported); A1, A3, A4, A7 are closed
    got = made(cli, standard_db, tmp_path / "out")
    assert got["snapshot_id"] == 1 and got["request_id"] == 1
    assert [(r["actor"], r["actions"]) for r in got["requests"]] == [
        ("Hum", 1), ("IOM", 2), ("MR/DEM", 1)]
    today = dt.date.today().isoformat()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"statusforespørsel-{a}-{today}.xlsx" for a in ("Hum", "IOM", "MR-DEM")]
    con = duckdb.connect(str(standard_db), read_only=True)
    try:
        assert con.execute("SELECT request_id, made_by, snapshot_id, actor, evaluation, actions "
                           "FROM requests ORDER BY actor").fetchall() == [
            (1, "ola@mfa.no", 1, "Hum", "", 1), (1, "ola@mfa.no", 1, "IOM", "", 2),
            (1, "ola@mfa.no", 1, "MR/DEM", "", 1)]
        assert con.execute("SELECT who, event, snapshot_id, recipients FROM audit_log "
                           "WHERE event = 'request' ORDER BY recipients").fetchall() == [
            ("ola@mfa.no", "request", 1, a) for a in ("Hum", "IOM", "MR/DEM")]
    finally:
        con.close()


def test_the_request_holds_all_the_actors_actions_only_the_open_ones_editable(
        cli, standard_db, tmp_path):
    made(cli, standard_db, tmp_path / "out", "--actor", "Hum")
    ws, rows = sheet_rows(next((tmp_path / "out").iterdir()))
    assert rows[0][0] == f"Status per {dt.date.today():%d.%m.%Y}"
    assert rows[2] == HEADER
    # the open action first, then the closed ones (kept when the return is loaded)
    assert rows[3:] == [
        ["A2", None, None, None, "a2", None, "Hum", "Hum", "Europa",
         dt.datetime(2012, 12, 31), "Pågår", None, None],
        ["A1", None, None, None, "a1", None, "Hum", "Hum", "Globalt",
         dt.datetime(2012, 6, 30), "Gjennomført", None, None],
        ["A3", None, None, None, "a3", None, "Hum", "Hum", "Europa", None, "Bortfalt", None,
         None]]
    assert ws.protection.sheet
    unlocked = [c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked]
    assert unlocked == ["A1", "K4", "L4", "M4"]
    (rule,) = ws.data_validations.dataValidation
    assert str(rule.sqref) == "K4"
    assert rule.formula1 == ('"Gjennomført,Delvis gjennomført,Pågår,Ikke gjort,'
                             'Ikke rapportert,Bortfalt"')


def test_a_request_in_english_has_the_english_words(cli, standard_db, tmp_path):
    made(cli, standard_db, tmp_path / "out", "--actor", "IOM", "--lang", "en")
    (path,) = (tmp_path / "out").iterdir()
    assert path.name.startswith("status-request-IOM-")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Instructions", "Actions"]
    rows = [list(r) for r in wb["Actions"].iter_rows(values_only=True)]
    assert rows[0][0] == f"Status as of {dt.date.today().isoformat()}"
    assert [r[10] for r in rows[3:]] == ["Not done", "Partly done", "Done"]


def test_a_filled_request_loaded_back_covers_that_actor_and_keeps_the_rest(
        cli, standard_db, tmp_path):
    made(cli, standard_db, tmp_path / "out", "--actor", "IOM")
    (path,) = (tmp_path / "out").iterdir()
    wb = load_workbook(path)
    ws = wb["Tiltak"]
    ws["A1"] = "Status per 15.01.2013"
    ws["K4"], ws["L4"], ws["M4"] = "Gjennomført", "Ferdig i januar", "2013/4567-2"
    wb.save(tmp_path / "iom.xlsx")
    done = cli("ingest", tmp_path / "iom.xlsx", "--db", standard_db, "--json")
    assert done.returncode == 0, done.stderr
    with store.reader(standard_db) as con:
        _, rows = store.run_query(con, "action_list", Filters(snapshot=2).params())
    got = {r[0]: (r[2], r[3], r[5], r[6], r[8], r[9]) for r in rows}
    # IOM's A5 done with its comment and evidence; A4 (done, not asked about) kept; A5's
    # section stays Hum (not the actor); Hum and MR/DEM keep their last report
    assert got == {
        "A1": ("Hum", "done", None, None, "Hum", "Globalt"),
        "A2": ("Hum", "ongoing", None, None, "Hum", "Europa"),
        "A3": ("Hum", "not_applicable", None, None, "Hum", "Europa"),
        "A4": ("IOM", "done", None, None, "Hum", "Afrika"),
        "A5": ("IOM", "done", "Ferdig i januar", "2013/4567-2", "Hum", "Globalt"),
        "A6": ("IOM", "partial", None, None, "Hum", "Globalt"),
        "A7": ("MR/DEM", "done", None, None, "MR/DEM", "Europa"),
        "A8": ("MR/DEM", "no_report", None, None, "MR/DEM", "Europa")}
    with store.reader(standard_db) as con:
        _, by_actor = store.run_query(con, "completion_by_actor", Filters(snapshot=2).params())
    # IOM: A4, A5 done of 3 → 66.7 %
    assert [(r[0], r[1], r[2]) for r in by_actor if r[0] == "IOM"] == [("IOM", 3, 2)]


def test_an_actor_without_open_actions_stops_before_anything_is_written(
        cli, standard_db, tmp_path):
    done = cli("requests", "--out", tmp_path / "out", "--db", standard_db, "--actor", "Nobody")
    assert done.returncode == 2
    assert "«Nobody»" in done.stderr and "Hum; IOM; MR/DEM" in done.stderr
    assert not (tmp_path / "out").exists()
    con = duckdb.connect(str(standard_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM requests").fetchone() == (0,)
    finally:
        con.close()


def test_nothing_open_means_no_request(cli, db, tmp_path):
    closed = [[*r[:5], "Gjennomført", *r[6:]] for r in STANDARD_ACTIONS]
    load(db, write_workbook(tmp_path / "done.xlsx", {"Tiltak": [ACTION_HEADER, *closed]}),
         "2012-12-14")
    done = cli("requests", "--out", tmp_path / "out", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "Ingen åpne tiltak i runde 1" in done.stdout
    assert not (tmp_path / "out").exists()


def test_hostile_actor_names_and_texts_stay_text_in_a_safe_file_name(cli, db, tmp_path):
    actor = "../../x/<b>=1+2 \u202e"
    load(db, write_workbook(tmp_path / "h.xlsx", {"Tiltak": [
        ["ID", "Tiltak", "Ansvarlig", "Status", "Kommentar"],
        ["H1", Text("=HYPERLINK(\"http://evil.example\")"), Text(actor), "Pågår",
         Text("+47 22 24 36 00")]]}), "2012-12-14")
    made(cli, db, tmp_path / "out")
    (path,) = (tmp_path / "out").iterdir()
    assert path.parent == tmp_path / "out"
    assert path.name == f"statusforespørsel-x-b-1-2-{dt.date.today()}.xlsx"
    ws, rows = sheet_rows(path)
    assert rows[3][4] == '=HYPERLINK("http://evil.example")' and ws["E4"].data_type == "s"
    assert rows[3][11] == "+47 22 24 36 00" and ws["L4"].data_type == "s"


def status_rows(db, snapshot):
    with store.reader(db) as con:
        return store.run_query(con, "reporting_status", Filters(snapshot=snapshot).params())


def test_reporting_status_says_who_was_asked_when_and_who_has_returned(
        cli, standard_db, tmp_path):
    columns, rows = status_rows(standard_db, 1)
    assert columns[-2:] == ["requested", "returned"]
    assert {r[0]: r[-2:] for r in rows} == {"Hum": (None, None), "IOM": (None, None),
                                            "MR/DEM": (None, None)}
    made(cli, standard_db, tmp_path / "out")
    with store.reader(standard_db) as con:
        asked = store.one(con, "SELECT max(made_at) FROM requests")[0]
    assert {r[0]: r[-2:] for r in status_rows(standard_db, 1)[1]} == {
        "Hum": (asked, False), "IOM": (asked, False), "MR/DEM": (asked, False)}
    # IOM sends its request back: a round covering IOM, loaded after the request
    path = next(p for p in (tmp_path / "out").iterdir() if "-IOM-" in p.name)
    wb = load_workbook(path)
    wb["Tiltak"]["A1"] = "Status per 15.01.2013"
    wb.save(tmp_path / "iom.xlsx")
    assert cli("ingest", tmp_path / "iom.xlsx", "--db", standard_db).returncode == 0
    _, rows = status_rows(standard_db, 2)
    # ordered by the last report: Hum and MR/DEM on 14.12.2012, IOM on 15.01.2013
    assert [(r[0], r[2], r[4], r[-2], r[-1]) for r in rows] == [
        ("Hum", dt.date(2012, 12, 14), 1, asked, False),
        ("MR/DEM", dt.date(2012, 12, 14), 1, asked, False),
        ("IOM", dt.date(2013, 1, 15), 2, asked, True)]
    # the state as of the first round knows of no return yet
    assert [r[-1] for r in status_rows(standard_db, 1)[1]] == [False, False, False]


def test_a_load_and_a_request_within_one_second_keep_their_order(standard_db, tmp_path,
                                                                   monkeypatch):
    """Times are kept to the second; a script that loads a round, asks for a status and loads
    the return within one second must still read the return as after the request, and the
    round before it as before it."""
    frozen = dt.datetime(2013, 1, 10, 9, 0, 0)
    monkeypatch.setattr(store, "now", lambda: frozen)

    def status_round(name, title):
        path = standard_workbook(tmp_path / "in" / name)
        wb = load_workbook(path)
        wb["Tiltak"]["A1"] = title  # another file: the same file twice is refused
        wb.save(path)
        return path

    load(standard_db, status_round("again.xlsx", "Status 10.01"), "2013-01-10")
    requested.record(standard_db, 2, "ola@mfa.no", store.now(),
                     [("IOM", "foresporsel-IOM.xlsx", {"": 2})])
    with store.reader(standard_db) as con:
        loaded, asked = store.one(con, "SELECT (SELECT max(loaded_at) FROM snapshots), "
                                       "(SELECT max(made_at) FROM requests)")
    assert loaded >= frozen and asked == loaded + dt.timedelta(seconds=1)
    assert {r[0]: r[-1] for r in status_rows(standard_db, 2)[1]} == {
        "Hum": None, "IOM": False, "MR/DEM": None}
    load(standard_db, status_round("back.xlsx", "Status 11.01"), "2013-01-11")
    assert {r[0]: r[-1] for r in status_rows(standard_db, 3)[1]} == {
        "Hum": None, "IOM": True, "MR/DEM": None}
