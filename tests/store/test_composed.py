"""The state kept composed per database generation (followup.store.composed) answers every
query exactly as the macros composing it per query do, and an import is never answered from
a state kept before it."""

from __future__ import annotations

import pandas as pd
import pytest

from followup import store
from followup.filters import Filters
from followup.store.composed import Composed, needed
from tests.support.builders import load
from tests.support.portfolio_fixture import portfolio_rounds, workbooks

R1, R2, R3, R4, R5 = 1, 2, 3, 4, 5


@pytest.fixture(scope="module")
def portfolio_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("composed")
    db = folder / "db" / "followup.duckdb"
    assert portfolio_rounds(db, folder / "in") == [R1, R2, R3, R4, R5]
    return db


def _both(con, kept: Composed, name: str, params: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    sql, bound = store.bind(name, params)
    plain = con.execute(sql, bound).df()
    cur = con.cursor()
    try:
        kept.prepare(cur, "v1", sql, bound)
        return plain, cur.execute(sql, bound).df()
    finally:
        cur.close()


@pytest.mark.parametrize("name", store.query_names())
def test_every_query_answers_the_same_from_the_kept_state(portfolio_db, name):
    kept = Composed()
    with store.reader(portfolio_db) as con:
        for snapshot in (R1, R2, R3, R4, R5):
            for chosen in ([], ["E1"], ["E2"]):
                params = Filters(snapshot=snapshot, evaluations=chosen).params(
                    previous=store.previous_snapshot(con, snapshot), action="A3",
                    action_evaluation="E1")
                plain, from_kept = _both(con, kept, name, params)
                pd.testing.assert_frame_equal(from_kept, plain, check_exact=True)


def test_the_queries_that_read_the_state_read_it_kept(portfolio_db):
    kept = Composed()
    with store.reader(portfolio_db) as con:
        for name in ("status_trend", "action_kpis", "recommendation_kpis", "stalled_actions"):
            _both(con, kept, name, Filters(snapshot=R5).params(previous=R4))
        # a second time: every state is kept (actions_at, recommendations_at, linked_actions
        # for R5 and R4, action_states and action_reports for R5)
        composed = kept.composed
        assert composed == 8
        _both(con, kept, "recommendation_kpis", Filters(snapshot=R5).params(previous=R4))
        assert kept.composed == composed


def test_a_state_macro_called_with_anything_but_a_parameter_is_left_alone():
    assert needed("SELECT * FROM actions_at(3)", {}) is None
    assert needed("SELECT * FROM actions_in(s.snapshot_id, [], [], [])", {}) is None
    assert needed("SELECT * FROM actions_in($snapshot, $r, $s, $e)",
                  {"snapshot": 4, "r": [], "s": [], "e": []}) == {"actions_at": [4]}
    # the macros built on a kept one need it for the same round; no round, nothing composed
    assert needed("SELECT * FROM recommendations_rated($snapshot, [], [], []) UNION ALL "
                  "SELECT * FROM recommendations_rated($previous, [], [], [])",
                  {"snapshot": 5, "previous": None}) == {
        "actions_at": [5], "recommendations_at": [5], "linked_actions": [5]}
    assert needed("SELECT * FROM grants_in($snapshot, [], [], [])", {"snapshot": 5}) == {}


def test_an_import_that_changes_a_rounds_state_is_not_answered_from_the_state_kept_before(
        db, tmp_path, monkeypatch):
    from followup.ui import data

    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    portfolio_rounds(db, tmp_path / "in", upto=3)
    data.ANSWERS.clear()
    as_of_r3 = Filters(snapshot=R3)
    assert data.query("completion_by_actor", as_of_r3).values.tolist() == [
        ["Regionalavdelingen", 1, 1, 100.0], ["Hum", 3, 1, 33.3], ["IOM", 2, 0, 0.0],
        ["MR/DEM", 1, 0, 0.0]]
    composed = data.STATES.composed
    # IOM's own return (A3 done, A4 ongoing), dated before R3: R3's state holds it now
    load(db, workbooks(tmp_path / "late")[3], "2012-10-01", whole_plan=False)
    assert data.query("completion_by_actor", as_of_r3).values.tolist() == [
        ["Regionalavdelingen", 1, 1, 100.0], ["IOM", 2, 1, 50.0], ["Hum", 3, 1, 33.3],
        ["MR/DEM", 1, 0, 0.0]]
    assert data.STATES.composed == composed + 1
