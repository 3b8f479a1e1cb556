"""The editor's review of a return: a refused change keeps the previous report (`ingest
--keep-previous ID`, the preview), and the audit log says so."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from followup import store
from followup.filters import Filters
from followup.store import ingest, preview, rounds
from tests.support.builders import load, standard_workbook


@pytest.fixture
def iom_return(db, tmp_path, cli):
    """The standard round, and IOM's filled request: A5 done, A6 from Delvis to Pågår."""
    load(db, standard_workbook(tmp_path / "in" / "standard.xlsx"), "2012-12-14")
    done = cli("requests", "--out", tmp_path / "out", "--db", db, "--actor", "IOM")
    assert done.returncode == 0, done.stderr
    (path,) = (tmp_path / "out").iterdir()
    wb = load_workbook(path)
    ws = wb["Tiltak"]
    ws["A1"] = "Status per 15.01.2013"
    assert [ws["A4"].value, ws["A5"].value] == ["A5", "A6"]
    ws["K4"], ws["L4"] = "Gjennomført", "Ferdig i januar"
    ws["K5"], ws["L5"], ws["M5"] = "Pågår", "Vi har begynt", "2013/1-1"
    wb.save(tmp_path / "iom.xlsx")
    return tmp_path / "iom.xlsx"


def state(db, snapshot):
    with store.reader(db) as con:
        _, rows = store.run_query(con, "action_list", Filters(snapshot=snapshot).params())
    return {r[0]: (r[3], r[5], r[6]) for r in rows if r[2] == "IOM"}


def test_a_refused_change_keeps_the_previous_report_and_is_in_the_audit_log(
        db, iom_return, cli):
    done = cli("ingest", iom_return, "--db", db, "--keep-previous", "A6", "--who", "kari")
    assert done.returncode == 0, done.stderr
    assert "Avvist: A6 (IOM) beholder «Delvis» (foreslått: «Pågår»)." in done.stdout
    assert state(db, 2) == {"A4": ("done", None, None),
                            "A5": ("done", "Ferdig i januar", None),
                            "A6": ("partial", None, None)}
    with store.reader(db) as con:
        log = [(r["who"], r["event"], r["snapshot_id"], r["detail"])
               for r in rounds.audit_log(con) if r["snapshot_id"] == 2]
        history = store.run_query(con, "action_history", Filters(snapshot=2).params(
            action="A6"))[1]
    assert sorted(log) == [("kari", "import", 2, None),
                           ("kari", "refused", 2, "A6 (IOM): Pågår → Delvis")]
    # the return is a report of A6 all the same, with the kept status
    assert [(r[1], r[2]) for r in history] == [(dt.date(2012, 12, 14), "partial"),
                                               (dt.date(2013, 1, 15), "partial")]


def test_without_refusals_the_return_changes_both(db, iom_return, cli):
    done = cli("ingest", iom_return, "--db", db)
    assert done.returncode == 0, done.stderr
    assert state(db, 2)["A6"] == ("ongoing", "Vi har begynt", "2013/1-1")


def test_refusing_an_id_the_return_lacks_stops_and_loads_nothing(db, iom_return, cli):
    done = cli("ingest", iom_return, "--db", db, "--keep-previous", "A6", "--keep-previous",
               "A2", "--keep-previous", "Z9")
    assert done.returncode == 2
    assert done.stderr.splitlines()[:2] == [
        "Tiltak: --keep-previous «A2»: ingen rad i arbeidsboken har dette tiltaksnummeret og "
        "en tidligere rapport å beholde.",
        "Tiltak: --keep-previous «Z9»: ingen rad i arbeidsboken har dette tiltaksnummeret og "
        "en tidligere rapport å beholde."]
    with store.reader(db) as con:
        assert [r["snapshot_id"] for r in store.snapshots(con)] == [1]


def test_the_preview_shows_the_return_with_the_refusal(db, iom_return):
    checked = ingest.check(iom_return.read_bytes(), "iom.xlsx")
    try:
        plain = preview.preview(checked, db, dt.date(2013, 1, 15))
        refused = preview.preview(checked, db, dt.date(2013, 1, 15),
                                  ingest.Scope(keep_previous=("A6",)))
    finally:
        checked.close()
    assert [(r.action_id, r.previous_status, r.status) for r in plain.actions.itertuples()] == [
        ("A5", "not_started", "done"), ("A6", "partial", "ongoing")]
    assert [(r.action_id, r.previous_status, r.status)
            for r in refused.actions.itertuples()] == [("A5", "not_started", "done")]


def test_a_return_made_from_an_older_state_lists_what_changed_in_between(
        db, iom_return, cli, tmp_path):
    # after the request, the coordinator loads a compiled sheet in which A6 is done
    from tests.support.builders import write_workbook

    compiled = write_workbook(tmp_path / "compiled.xlsx", {"Tiltak": [
        ["ID", "Tiltak", "Ansvarlig", "Seksjon", "Region", "Status", "Kommentar"],
        ["A4", "a4", "IOM", "Hum", "Afrika", "Ferdig", None],
        ["A5", "a5", "IOM", "Hum", "Globalt", "Ikke gjort", None],
        ["A6", "a6", "IOM", "Hum", "Globalt", "Gjennomført", "Meldt på telefon"]]})
    assert cli("ingest", compiled, "--db", db, "--as-of", "2013-01-10").returncode == 0
    done = cli("ingest", iom_return, "--db", db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("Endret etter")))
    assert lines[at:at + 2] == [
        f"Endret etter forespørsel 1 ({dt.date.today():%d.%m.%Y}), som arbeidsboken svarer på "
        "(1 tiltak):",
        "  A6 (IOM): Delvis gjennomført da forespørselen ble laget, nå Gjennomført "
        "(rapportert 10.01.2013)"]
    done = cli("query", "action_history", "--action", "A6", "--db", db, "--format", "json")
    assert [r["status"] for r in json.loads(done.stdout)] == [
        "partial", "done", "ongoing"]


def test_a_return_from_the_current_state_lists_nothing(db, iom_return, cli):
    done = cli("ingest", iom_return, "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["since"] is None


def test_ingest_lists_each_proposed_change_field_by_field_the_refused_marked(
        db, iom_return, cli):
    done = cli("ingest", iom_return, "--db", db, "--keep-previous", "A6")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("Arbeidsboken foreslår")))
    assert lines[at:at + 7] == [
        "Arbeidsboken foreslår 5 endringer i tiltak som alt er rapportert (før → foreslått):",
        "  A5 (IOM): status «Ikke gjort» → «Gjennomført»",
        "  A5 (IOM): kommentar – → «Ferdig i januar»",
        "  A6 (IOM): status «Delvis gjennomført» → «Pågår» (avvist)",
        "  A6 (IOM): kommentar – → «Vi har begynt» (avvist)",
        "  A6 (IOM): dokumentasjon – → «2013/1-1» (avvist)",
        "Avvist: A6 (IOM) beholder «Delvis» (foreslått: «Pågår»)."]


def test_ingest_json_has_the_proposed_changes_with_codes(db, iom_return, cli):
    done = cli("ingest", iom_return, "--db", db, "--json", "--keep-previous", "A5")
    assert done.returncode == 0, done.stderr
    assert [(c["action_id"], c["field"], c["before"], c["after"], c["refused"])
            for c in json.loads(done.stdout)["proposed"]] == [
        ("A5", "status", "not_started", "done", True),
        ("A5", "comment", None, "Ferdig i januar", True),
        ("A6", "status", "partial", "ongoing", False),
        ("A6", "comment", None, "Vi har begynt", False),
        ("A6", "evidence", None, "2013/1-1", False)]
