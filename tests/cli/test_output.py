"""The command line's JSON and CSV, written by DuckDB: exact text for every kind of value."""

from __future__ import annotations

import json

import duckdb
import pytest

from followup.cli import output
from followup.report.documents import cells

ROWS = """
SELECT * FROM (VALUES
    (1, '=SUM(A1)', 1500000.00::DECIMAL(18, 2), DATE '2012-12-14',
     TIMESTAMP '2012-12-14 10:00:00', 66.66666666666667, true),
    (2, '+47 22', 2000000.50::DECIMAL(18, 2), NULL, TIMESTAMP '2012-12-14 10:00:00.25', 0.0,
     false),
    (3, '-avklart', -100000.00::DECIMAL(18, 2), DATE '2013-01-31', NULL, NULL, NULL),
    (4, '@Hum', NULL, NULL, NULL, 1e-05, NULL),
    (5, e'\\tfane', NULL, NULL, NULL, NULL, NULL),
    (6, e'\\rretur', NULL, NULL, NULL, NULL, NULL),
    (7, '', NULL, NULL, NULL, NULL, NULL),
    (8, NULL, NULL, NULL, NULL, NULL, NULL),
    (9, e'a, "b"\\nc', NULL, NULL, NULL, NULL, NULL),
    (10, 'æøå 1+1 = 2', NULL, NULL, NULL, NULL, NULL)
) AS t(n, text, amount_nok, due_date, loaded_at, pct, done)
"""


@pytest.fixture
def con():
    con = duckdb.connect()
    yield con
    con.close()


def test_csv_is_what_excel_reads_safely(con, tmp_path):
    path = tmp_path / "rows.csv"
    output.write("csv", con, con.sql(ROWS), path)
    assert path.read_bytes().decode("utf-8") == (
        "n,text,amount_nok,due_date,loaded_at,pct,done\n"
        "1,'=SUM(A1),1500000,2012-12-14,2012-12-14T10:00:00,66.66666666666667,True\n"
        "2,'+47 22,2000000.5,,2012-12-14T10:00:00.250000,0.0,False\n"
        "3,'-avklart,-100000,2013-01-31,,,\n"
        "4,'@Hum,,,,1e-05,\n"
        "5,'\tfane,,,,,\n"
        "6,\"'\rretur\",,,,,\n"
        "7,,,,,,\n"
        "8,,,,,,\n"
        '9,"a, ""b""\nc",,,,,\n'
        "10,æøå 1+1 = 2,,,,,\n")


def test_json_is_a_list_of_objects_with_whole_amounts_as_integers(con, tmp_path):
    path = tmp_path / "rows.json"
    output.write("json", con, con.sql(ROWS), path)
    rows = json.loads(path.read_text(encoding="utf-8"))
    assert rows[:3] == [
        {"n": 1, "text": "=SUM(A1)", "amount_nok": 1500000, "due_date": "2012-12-14",
         "loaded_at": "2012-12-14T10:00:00", "pct": 66.66666666666667, "done": True},
        {"n": 2, "text": "+47 22", "amount_nok": 2000000.5, "due_date": None,
         "loaded_at": "2012-12-14T10:00:00.250000", "pct": 0.0, "done": False},
        {"n": 3, "text": "-avklart", "amount_nok": -100000, "due_date": "2013-01-31",
         "loaded_at": None, "pct": None, "done": None}]
    assert [type(r["amount_nok"]) for r in rows[:3]] == [int, float, int]
    assert [r["text"] for r in rows[4:]] == ["\tfane", "\rretur", "", None, 'a, "b"\nc',
                                             "æøå 1+1 = 2"]


def test_an_empty_result_is_an_empty_list_and_a_header(con, tmp_path):
    empty = con.sql(ROWS).filter("n > 99")
    output.write("json", con, empty, tmp_path / "rows.json")
    assert json.loads((tmp_path / "rows.json").read_text()) == []
    output.write("csv", con, empty, tmp_path / "rows.csv")
    assert (tmp_path / "rows.csv").read_text() == "n,text,amount_nok,due_date,loaded_at,pct,done\n"


@pytest.mark.parametrize(("text", "guarded"), [
    ("=1", True), ("+1", True), ("-1", True), ("@a", True), ("\t=1", True), ("\r=1", True),
    ("a=1", False), ("1-2", False), ("", False), ("'=1", False)])
def test_python_and_duckdb_read_the_formula_guard_alike(con, text, guarded):
    assert cells.formula_like(text) is guarded
    assert con.execute("SELECT regexp_matches($text, $pattern)",
                       {"text": text, "pattern": cells.FORMULA}).fetchone()[0] is guarded
