"""A database from before scoped rounds answers every query exactly as that release did.

tests/store/golden/before_scoped_rounds.json holds what every query of the earlier release
(b9e5af1) answered on the sample and on the three-round fixture, for every round and several
filters (tests/support/make_golden.py wrote it in a checkout of that release). Here the same
databases are built with this release, what this release added is taken away again (the
coverage, the evaluations' table, the state macros, the schema version), the upgrade
migrates the file (its rounds become whole rounds), and every answer must equal the old one
(columns this release added to a query's rows are not compared).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup import store
from followup.settings import SAMPLE_AS_OF, SAMPLE_WORKBOOKS
from tests.support import make_golden
from tests.support.builders import load, three_rounds

GOLDEN = json.loads((Path(__file__).parent / "golden" / "before_scoped_rounds.json")
                    .read_text(encoding="utf-8"))


def as_earlier_release(db: Path) -> None:
    """Take away what this release added to a database file."""
    with store.writer(db) as con:
        macros = con.execute("SELECT DISTINCT function_name, function_type "
                             "FROM duckdb_functions() WHERE NOT internal "
                             "AND function_type IN ('macro', 'table_macro')").fetchall()
        for name, kind in macros:
            con.execute(f"DROP MACRO {'TABLE ' if kind == 'table_macro' else ''}{name}")
        for table in ("coverage", "evaluations", "about"):
            con.execute(f"DROP TABLE {table}")


def build(case: str, folder: Path) -> Path:
    db = folder / case / "followup.duckdb"
    if case == "sample":  # the IOM rounds the golden answers were made from
        for path, as_of in zip(SAMPLE_WORKBOOKS, SAMPLE_AS_OF):
            load(db, path, as_of)
    else:
        three_rounds(db, folder / "in")
    return db


def same_as_before(db: Path, case: str) -> list[str]:
    """Return where this release's answers differ from the golden ones (old columns only)."""
    now = make_golden.answers(db, sorted({k.split("|")[0] for k in GOLDEN[case]}))
    wrong = []
    for key, rows in GOLDEN[case].items():
        got = [{k: row[k] for k in old} for row, old in zip(now[key], rows)]
        if len(now[key]) != len(rows) or got != rows:
            wrong.append(key)
    return wrong


@pytest.mark.parametrize("case", ["sample", "three_rounds"])
def test_a_file_from_before_scoped_rounds_answers_as_before(tmp_path, case):
    db = build(case, tmp_path)
    as_earlier_release(db)
    with store.reader(db) as con:
        assert con.execute("SELECT count(*) FROM duckdb_tables() "
                           "WHERE table_name = 'coverage'").fetchone()[0] == 0
    assert store.upgrade(db)
    with store.reader(db) as con:  # every round became a whole round
        whole = con.execute("SELECT DISTINCT evaluation FROM coverage "
                            "WHERE scope IN ('plan', 'recommendations')").fetchall()
        assert whole == [("*",)]
    assert same_as_before(db, case) == []
    assert not store.upgrade(db)  # once


@pytest.mark.parametrize("case", ["sample", "three_rounds"])
def test_whole_plans_loaded_by_this_release_answer_as_before(tmp_path, case):
    db = build(case, tmp_path)
    assert same_as_before(db, case) == []
