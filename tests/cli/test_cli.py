"""The command line, run as a subprocess: exit codes, summaries, problems, formats, databases."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from followup import store
from followup.settings import DEFAULT_DB, ROOT, db_path
from tests.support.builders import (
    MINIMAL_ACTIONS,
    SheetSpec,
    load,
    patch_member,
    snapshot_tables,
    standard_workbook,
    stored,
    write_workbook,
    zip_of,
    zip_parts,
)

REJECTED_NB = "Ingenting er lastet inn: {n} feil må rettes i arbeidsboken."


@pytest.fixture
def standard(tmp_path):
    return standard_workbook(tmp_path / "standard.xlsx")


@pytest.fixture
def loaded_db(db, standard, cli):
    done = cli("ingest", standard, "--db", db, "--as-of", "2012-12-14")
    assert done.returncode == 0, done.stderr
    return db


def no_traceback(done) -> None:
    assert "Traceback" not in done.stderr
    assert "Error:" not in done.stderr


# --- ingest ------------------------------------------------------------------------------

def test_ingest_prints_round_counts_and_warnings(db, standard, cli):
    done = cli("ingest", standard, "--db", db, "--as-of", "2012-12-14")
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "Lastet inn som runde 1 per 14.12.2012 fra «standard.xlsx».",
        "  Tiltak: 8 · Tilskudd: 3 · Utbetalinger: 6",
        "Runden dekker: tiltakene til Hum, IOM, MR/DEM i standardevalueringen; "
        "tilskuddsporteføljen.",
        "  Advarsler (2):",
        "    Tiltak, rad 11, kolonne Status: status er tom; registrert som «Ikke rapportert».",
        "    Utbetalinger, rad 5, kolonne Beløp: negativt beløp «-100000» (tilbakebetaling?); "
        "tatt med som det står.",
    ]
    assert done.stderr == ""
    assert stored(db, "SELECT snapshot_id, as_of::VARCHAR, actions FROM snapshots") == [
        (1, "2012-12-14", 8)]


def test_ingest_in_english(db, standard, cli):
    done = cli("ingest", standard, "--db", db, "--as-of", "2012-12-14", "--lang", "en")
    assert done.returncode == 0
    assert done.stdout.splitlines()[:4] == [
        "Loaded as round 1 as of 2012-12-14 from “standard.xlsx”.",
        "  Actions: 8 · Grants: 3 · Disbursements: 6",
        "The round covers: the actions of Hum, IOM, MR/DEM in the default evaluation; the "
        "grant portfolio.",
        "  Warnings (2):",
    ]
    assert done.stdout.splitlines()[4] == (
        "    Tiltak, row 11, column Status: the status is empty; recorded as “Not reported”.")


def test_the_language_may_come_from_the_environment(db, standard, cli):
    done = cli("ingest", standard, "--db", db, env={"FOLLOWUP_LANG": "en"})
    assert done.stdout.startswith("Loaded as round 1 as of ")


def test_ingest_without_as_of_uses_today(db, standard, cli):
    import datetime as dt

    done = cli("ingest", standard, "--db", db)
    assert done.returncode == 0
    assert f"per {dt.date.today():%d.%m.%Y} fra" in done.stdout.splitlines()[0]


def test_a_rejected_workbook_exits_2_with_one_problem_per_line_and_no_traceback(
        db, tmp_path, cli):
    bad = write_workbook(tmp_path / "feil.xlsx", {
        "Tiltak": [["ID", "Tiltak", "Ansvarlig", "Status", "Notat"],
                   ["A1", "a", "Hum", "Nesten ferdig", None], ["A1", "b", "Hum", None, None]],
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til", 2011],
                     ["G1", "IOM", 2011, 2012, "åtte millioner"]]})
    done = cli("ingest", bad, "--db", db)
    assert done.returncode == 2
    assert done.stdout == ""
    no_traceback(done)
    lines = done.stderr.splitlines()
    assert lines[0] == "Advarsel: Tiltak, rad 1: ukjente kolonner blir ikke lest: Notat."
    assert lines[1].startswith("Tiltak, rad 2, kolonne Status: «Nesten ferdig» er ikke en "
                               "kjent status. Bruk en av: Gjennomført, Delvis gjennomført, "
                               "Pågår, Ikke gjort, Ikke rapportert, Bortfalt (også godtatt: "
                               "Ferdig,")
    assert lines[2:] == [
        "Tiltak, rad 3, kolonne ID: ID «A1» finnes også i rad 2; hver ID skal være unik.",
        "Advarsel: Tiltak, rad 3, kolonne Status: status er tom; registrert som "
        "«Ikke rapportert».",
        "Tilskudd, rad 2, kolonne 2011: «åtte millioner» er ikke et beløp (skriv f.eks. "
        "1 250 000 eller kr 1 250 000,50).",
        REJECTED_NB.format(n=3),
    ]
    assert not db.exists()


def test_a_rejection_in_english(db, tmp_path, cli):
    bad = write_workbook(tmp_path / "feil.xlsx", {"Ark1": MINIMAL_ACTIONS})
    done = cli("ingest", bad, "--db", db, "--lang", "en")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "No recognised sheet (found: Ark1). Accepted names: Tiltak | Actions | Oppfølging; "
        "Tilskudd | Tilskot | Grants | Avtaler | Avtalar; Utbetalinger | Utbetalingar | "
        "Disbursements; "
        "Anbefalinger | Recommendations | Anbefalingar | Tilrådingar | Tilrådinger; "
        "Evalueringer | Evalueringar | Evaluations.",
        "Nothing was loaded: 1 error must be fixed in the workbook.",
    ]


@pytest.mark.parametrize("case", ["empty", "random", "truncated", "bad-crc", "lying-size"])
def test_broken_and_hostile_files_exit_2_without_traceback(db, tmp_path, standard, cli, case):
    data = standard.read_bytes()
    parts = zip_parts(data)
    body = {
        "empty": b"",
        "random": b"\x00\x01 not a workbook " * 50,
        "truncated": data[: len(data) // 2],
        "bad-crc": zip_of(parts, stored=("xl/workbook.xml",)).replace(b"Tiltak", b"Tiltax", 1),
        "lying-size": patch_member(zip_of(parts), "xl/styles.xml", size=10),
    }[case]
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(body)
    done = cli("ingest", path, "--db", db)
    assert done.returncode == 2
    no_traceback(done)
    assert len(done.stderr.splitlines()) == 2
    assert done.stderr.splitlines()[-1] == REJECTED_NB.format(n=1)


def test_ingest_of_a_missing_file(db, tmp_path, cli):
    done = cli("ingest", tmp_path / "finnes-ikke.xlsx", "--db", db)
    assert done.returncode == 2
    assert done.stderr.strip() == f"Fant ikke filen {tmp_path / 'finnes-ikke.xlsx'}."
    assert not db.exists()


def test_ingest_with_an_unreadable_date_option(db, standard, cli):
    done = cli("ingest", standard, "--db", db, "--as-of", "14.12.2012")
    assert done.returncode == 2
    assert "14.12.2012 er ikke en dato på formen ÅÅÅÅ-MM-DD." in done.stderr
    assert not db.exists()


def test_the_same_file_again_says_so_and_exits_0(loaded_db, standard, cli):
    before = snapshot_tables(loaded_db)
    done = cli("ingest", standard, "--db", loaded_db)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "Filen er allerede lastet inn som runde 1 (per 14.12.2012); ingenting er endret."]
    assert snapshot_tables(loaded_db) == before
    english = cli("ingest", standard, "--db", loaded_db, "--lang", "en")
    assert english.stdout.strip() == (
        "The file is already loaded as round 1 (as of 2012-12-14); nothing changed.")


def test_ingest_into_a_missing_database_creates_it_empty_then_loads_the_file(
        tmp_path, standard, cli):
    db = tmp_path / "ny" / "mappe" / "f.duckdb"
    done = cli("ingest", standard, "--db", db, "--as-of", "2012-12-14")
    assert done.returncode == 0
    assert stored(db, "SELECT snapshot_id, file_name FROM snapshots") == [(1, "standard.xlsx")]
    sha = hashlib.sha256(standard.read_bytes()).hexdigest()
    assert (db.parent / "originals" / f"{sha}.xlsx").exists()


def test_a_busy_database_exits_3(db, standard, cli):
    with store.writer_lock(db):
        done = cli("ingest", standard, "--db", db, env={"FOLLOWUP_LOCK_TIMEOUT": "0.3"})
    assert done.returncode == 3
    assert done.stderr.strip() == (
        "Databasen er opptatt (en annen import pågår). Prøv igjen om litt.")


# --- snapshots ---------------------------------------------------------------------------

def test_snapshots_as_json(loaded_db, standard, cli):
    done = cli("snapshots", "--db", loaded_db, "--format", "json")
    assert done.returncode == 0
    (row,) = json.loads(done.stdout)
    assert {k: row[k] for k in ("snapshot_id", "as_of", "file_name", "actions", "grants",
                                "disbursements", "warnings", "sha256")} == {
        "snapshot_id": 1, "as_of": "2012-12-14", "file_name": "standard.xlsx", "actions": 8,
        "grants": 3, "disbursements": 6, "warnings": 2,
        "sha256": hashlib.sha256(standard.read_bytes()).hexdigest()}
    assert set(row) == {"snapshot_id", "as_of", "file_name", "loaded_at", "actions", "grants",
                        "disbursements", "warnings", "sha256"}


def test_snapshots_as_csv_and_table(loaded_db, cli):
    done = cli("snapshots", "--db", loaded_db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["snapshot_id"], r["as_of"], r["file_name"], r["disbursements"]) for r in rows] \
        == [("1", "2012-12-14", "standard.xlsx", "6")]
    table = cli("snapshots", "--db", loaded_db).stdout.splitlines()
    assert table[0].split() == ["snapshot_id", "as_of", "file_name", "loaded_at", "actions",
                                "grants", "disbursements", "warnings", "sha256"]
    assert set(table[1]) <= {"-", " "}
    assert table[2].split()[:3] == ["1", "2012-12-14", "standard.xlsx"]


def test_snapshots_newest_as_of_first(loaded_db, tmp_path, cli):
    older = write_workbook(tmp_path / "juni.xlsx", {"Tiltak": MINIMAL_ACTIONS})
    assert cli("ingest", older, "--db", loaded_db, "--as-of", "2012-06-29").returncode == 0
    rows = json.loads(cli("snapshots", "--db", loaded_db, "--format", "json").stdout)
    assert [(r["snapshot_id"], r["as_of"]) for r in rows] == [(1, "2012-12-14"),
                                                             (2, "2012-06-29")]


# --- query -------------------------------------------------------------------------------

def test_query_as_json_is_a_list_of_objects(loaded_db, cli):
    done = cli("query", "spend_by_year", "--db", loaded_db, "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout) == [
        {"year": 2011, "amount_nok": 1500000, "grants": 2, "planned": False},
        {"year": 2012, "amount_nok": 2500000.5, "grants": 2, "planned": False},
        {"year": 2013, "amount_nok": 650000, "grants": 2, "planned": True},
    ]


def test_query_filtered_by_region_and_section(loaded_db, cli):
    done = cli("query", "completion_by_actor", "--db", loaded_db, "--region", "Europa",
               "--section", "Hum", "--format", "json")
    assert json.loads(done.stdout) == [
        {"actor": "Hum", "actions": 1, "done": 0, "completion_pct": 0.0}]
    done = cli("query", "spend_by_year", "--db", loaded_db, "--region", "Europa",
               "--region", "Globalt", "--section", "MR/DEM", "--format", "json")
    assert json.loads(done.stdout) == [
        {"year": 2011, "amount_nok": 500000, "grants": 1, "planned": False},
        {"year": 2012, "amount_nok": 500000, "grants": 1, "planned": False},
        {"year": 2013, "amount_nok": 750000, "grants": 1, "planned": True},
    ]


def test_query_as_csv_and_table(loaded_db, cli):
    done = cli("query", "grants_by_type", "--db", loaded_db, "--format", "csv")
    assert done.stdout.splitlines() == [
        "year,grant_type,grants,amount_nok,planned", "2011,multi-year,2,1500000,False",
        "2012,multi-year,1,2000000.5,False", "2012,one-year,1,500000,False",
        "2013,multi-year,2,650000,True"]  # the round is of 14.12.2012: 2013 is a plan
    table = cli("query", "grants_by_type", "--db", loaded_db).stdout.splitlines()
    assert table[0].split() == ["year", "grant_type", "grants", "amount_nok", "planned"]
    assert table[3].split() == ["2012", "multi-year", "1", "2000000.50", "False"]


def test_query_a_named_round(loaded_db, tmp_path, cli):
    newer = write_workbook(tmp_path / "jan.xlsx", {"Tilskudd": [
        ["Avtalenr", "Partner", "Fra", "Til", 2013], ["G9", "ILO", 2013, 2013, 42]]})
    assert cli("ingest", newer, "--db", loaded_db, "--as-of", "2013-01-31").returncode == 0
    latest = json.loads(cli("query", "spend_by_year", "--db", loaded_db,
                            "--format", "json").stdout)
    # a round of 31.01.2013: 2013 is its own year, no plan
    assert latest == [{"year": 2013, "amount_nok": 42, "grants": 1, "planned": False}]
    first = json.loads(cli("query", "spend_by_year", "--db", loaded_db, "--snapshot", "1",
                           "--format", "json").stdout)
    assert [(r["year"], r["planned"]) for r in first] == [
        (2011, False), (2012, False), (2013, True)]


def test_query_an_unknown_round(loaded_db, cli):
    done = cli("query", "spend_by_year", "--db", loaded_db, "--snapshot", "7")
    assert done.returncode == 2
    assert done.stderr.strip() == "Ingen runde 7. Tilgjengelige: 1."


def test_an_unknown_query_name(loaded_db, cli):
    done = cli("query", "drop_everything", "--db", loaded_db)
    assert done.returncode == 2
    assert done.stderr.strip() == ("Ukjent spørring drop_everything. Tilgjengelige: "
                                   + ", ".join(sorted(p.stem for p in
                                                      (ROOT / "queries").glob("*.sql"))) + ".")
    assert "completion_by_actor, " in done.stderr
    for name in ("../queries/spend_by_year", "SPEND_BY_YEAR", "spend_by_year.sql"):
        assert cli("query", name, "--db", loaded_db).returncode == 2


# --- which database ----------------------------------------------------------------------

def test_followup_db_from_the_environment(tmp_path, standard, cli):
    db = tmp_path / "env" / "f.duckdb"
    assert cli("ingest", standard, env={"FOLLOWUP_DB": str(db)}).returncode == 0
    done = cli("snapshots", "--format", "json", env={"FOLLOWUP_DB": str(db)})
    assert [r["file_name"] for r in json.loads(done.stdout)] == ["standard.xlsx"]
    other = tmp_path / "flag.duckdb"
    done = cli("snapshots", "--db", other, "--format", "json", env={"FOLLOWUP_DB": str(db)})
    assert other.exists()
    assert [r["file_name"] for r in json.loads(done.stdout)] == [
        "sample.xlsx", "sample-retur-2012-10.xlsx", "sample-2012-06.xlsx"]


def test_the_default_database_is_in_data(monkeypatch):
    monkeypatch.delenv("FOLLOWUP_DB", raising=False)
    assert db_path() == DEFAULT_DB == ROOT / "data" / "followup.duckdb"


@pytest.mark.parametrize("command", [("snapshots",), ("query", "completion_by_actor")])
def test_first_use_of_a_reading_command_loads_the_sample_rounds(tmp_path, cli, command):
    db = tmp_path / "ny" / "f.duckdb"
    done = cli(*command, "--db", db, "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout)
    assert stored(db, "SELECT as_of::VARCHAR, file_name FROM snapshots ORDER BY as_of") == [
        ("2012-06-29", "sample-2012-06.xlsx"), ("2012-10-15", "sample-retur-2012-10.xlsx"),
        ("2012-12-14", "sample.xlsx")]


# --- delete ------------------------------------------------------------------------------

def test_delete_a_round(loaded_db, tmp_path, cli):
    older = write_workbook(tmp_path / "juni.xlsx", {"Tiltak": MINIMAL_ACTIONS})
    cli("ingest", older, "--db", loaded_db, "--as-of", "2012-06-29")
    done = cli("delete", "1", "--db", loaded_db)
    assert done.returncode == 0
    assert done.stdout.strip() == "Runde 1 er slettet. Gjeldende runde er nå 2."
    assert stored(db := loaded_db, "SELECT snapshot_id FROM snapshots") == [(2,)]
    assert stored(db, "SELECT count(*) FROM actions WHERE snapshot_id = 1") == [(0,)]


def test_delete_an_unknown_round_lists_the_rounds_there_are(loaded_db, cli):
    done = cli("delete", "5", "--db", loaded_db)
    assert done.returncode == 2
    assert done.stderr.strip() == "Ingen runde 5. Tilgjengelige: 1."


def test_delete_on_a_missing_database_creates_nothing(tmp_path, cli):
    # regression: a mistyped --db was filled with the sample rounds and round 1 then deleted
    db = tmp_path / "ny" / "f.duckdb"
    done = cli("delete", "1", "--db", db)
    assert done.returncode == 2
    assert done.stderr.strip() == f"Databasen {db} finnes ikke."
    assert not db.exists()


def test_a_read_command_on_a_new_database_says_it_loaded_the_sample(tmp_path, cli):
    db = tmp_path / "ny" / "f.duckdb"
    done = cli("snapshots", "--db", db, "--format", "json")
    assert done.returncode == 0
    assert len(json.loads(done.stdout)) == 3
    assert done.stderr.strip() == (f"Databasen {db} fantes ikke; den er opprettet med "
                                   "eksempelrundene (illustrative tall).")


def test_a_merged_and_messy_workbook_through_the_cli(db, tmp_path, cli):
    rows = [["Oppfølgingsplan"], None, ["Nr.", "Tiltak", "Ansvarlig", "Status"],
            [1, "a", "Hum", "ferdig"], [2, "b", None, " PÅGÅR "], ["Sum", None, None, None]]
    path = write_workbook(tmp_path / "rotete.xlsx", {"Tiltak": SheetSpec(rows,
                                                                           merges=("C4:C5",))})
    done = cli("ingest", path, "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "  Tiltak: 2 · Tilskudd: 0 · Utbetalinger: 0"
    query = cli("query", "completion_by_actor", "--db", db, "--format", "json")
    assert json.loads(query.stdout) == [
        {"actor": "Hum", "actions": 2, "done": 1, "completion_pct": 50.0}]


def test_ingest_then_query_sees_the_loaded_round_not_the_samples(db, standard, cli):
    load(db, standard, "2012-12-14")
    done = cli("snapshots", "--db", db, "--format", "json")
    assert [r["file_name"] for r in json.loads(done.stdout)] == ["standard.xlsx"]


def test_problems_stay_one_per_line_when_cells_hold_line_breaks(db, tmp_path, cli):
    bad = write_workbook(tmp_path / "linjer.xlsx", {"Tilskudd": [
        ["Avtalenr", "Partner", "Fra", "Til", "Avtale-\nbeløp"],
        ["G1", "IOM", "i fjor\nkanskje", 2012, "mye\npenger"]]})
    done = cli("ingest", bad, "--db", db)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "Tilskudd, rad 2, kolonne Fra: «i fjor ↵ kanskje» er ikke en dato (skriv f.eks. "
        "31.12.2012, 2012-12-31 eller 2012).",
        "Tilskudd, rad 2, kolonne Avtale- ↵ beløp: «mye ↵ penger» er ikke et beløp (skriv "
        "f.eks. 1 250 000 eller kr 1 250 000,50).",
        REJECTED_NB.format(n=2),
    ]


def test_a_filter_value_no_round_has_is_named_with_the_known_ones(loaded_db, cli):
    # regression: `--region afrika` (wrong case) gave an empty result and no hint
    done = cli("query", "spend_by_year", "--db", loaded_db, "--region", "afrika")
    assert done.returncode == 2
    assert done.stderr.strip().startswith("--region «afrika» finnes ikke i noen runde. "
                                          "Kjente verdier: ")
    done = cli("query", "spend_by_year", "--db", loaded_db, "--from-year", "2013",
               "--to-year", "2011")
    assert done.returncode == 2
    assert done.stderr.strip() == "--from-year 2013 er etter --to-year 2011."
