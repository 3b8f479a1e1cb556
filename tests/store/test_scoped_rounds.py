"""Each upload replaces only what it covers: two evaluations in separate spreadsheets, the grant
system's export, an actor's own return and a revised whole plan (tests/support/
portfolio_fixture.py), with every figure worked out by hand from the fixture's docstring."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from followup import store
from followup.filters import Filters
from followup.store import rounds
from tests.support.builders import load, stored
from tests.support.portfolio_fixture import DATES, portfolio_rounds, workbooks

R1, R2, R3, R4, R5 = 1, 2, 3, 4, 5


@pytest.fixture
def portfolio_db(db, tmp_path):
    assert portfolio_rounds(db, tmp_path / "in") == [R1, R2, R3, R4, R5]
    return db


def query(db, name, snapshot, **params):
    filters = {k: params.pop(k) for k in ("regions", "sections", "evaluations") if k in params}
    with store.reader(db) as con:
        if "previous" not in params:
            params["previous"] = store.previous_snapshot(con, snapshot)
        return store.run_query(con, name, Filters(snapshot=snapshot, **filters)
                               .params(**params))[1]


def test_a_second_evaluation_joins_the_first_instead_of_replacing_it(portfolio_db):
    # as of R2: E1's five actions (R1) and E2's two; the grants of R1 still there
    assert query(portfolio_db, "completion_by_actor", R2) == [
        ("Regionalavdelingen", 1, 1, 100.0), ("Hum", 3, 1, 33.3), ("IOM", 2, 0, 0.0),
        ("MR/DEM", 1, 0, 0.0)]
    # rounds of 2012: what 2013 has is a plan
    assert query(portfolio_db, "spend_by_year", R2) == [(2011, 10, 1, False), (2012, 25, 2, False),
                                                         (2013, 30, 1, True)]
    assert query(portfolio_db, "action_changes", R2) == [
        ("B1", "Kartlegge returprogrammer", "Hum", None, "ongoing", "new"),
        ("B2", "Orientere ambassadene", "Regionalavdelingen", None, "done", "new")]


def test_rows_without_an_evaluation_belong_to_the_workbooks(portfolio_db):
    assert stored(portfolio_db, "SELECT DISTINCT evaluation FROM actions WHERE snapshot_id = "
                                "$s", {"s": R2}) == [("E2",)]
    assert query(portfolio_db, "round_evaluations", R2) == [("E1", 5), ("E2", 2)]


def test_the_grant_systems_export_replaces_the_portfolio_and_nothing_else(portfolio_db):
    assert query(portfolio_db, "completion_by_actor", R3) == query(
        portfolio_db, "completion_by_actor", R2)
    assert query(portfolio_db, "spend_by_year", R3) == [(2011, 10, 1, False), (2012, 20, 1, False),
                                                         (2013, 33, 2, True)]
    assert query(portfolio_db, "action_changes", R3) == []
    with store.reader(portfolio_db) as con:
        changes = store.run_query(con, "grant_changes", {"snapshot": R3, "previous": R2})[1]
    # G1's agreement is the same (its 2013 disbursement is what changed)
    assert changes == [("G3", "Norad", None, "new"), ("G2", "ILO", None, "removed")]


def test_an_actors_own_return_replaces_its_actions_only(portfolio_db):
    assert query(portfolio_db, "completion_by_actor", R4) == [
        ("Regionalavdelingen", 1, 1, 100.0), ("IOM", 2, 1, 50.0), ("Hum", 3, 1, 33.3),
        ("MR/DEM", 1, 0, 0.0)]
    assert query(portfolio_db, "action_changes", R4) == [
        ("A3", "Flerårig avtale med IOM", "IOM", "ongoing", "done", "changed"),
        ("A4", "Resultatrammeverk", "IOM", "not_started", "ongoing", "changed")]
    assert query(portfolio_db, "reporting_status", R4) == [
        ("Hum", "E1", dt.date(2012, 6, 29), 2, 1, False, None, None),
        ("MR/DEM", "E1", dt.date(2012, 6, 29), 1, 1, False, None, None),
        ("IOM", "E1", dt.date(2012, 11, 1), 2, 1, False, None, None),
        ("Hum", "E2", dt.date(2012, 9, 1), 1, 1, False, None, None),
        ("Regionalavdelingen", "E2", dt.date(2012, 9, 1), 1, 0, False, None, None)]
    # with a three-month rule, the June reports are overdue on 01.11.2012
    assert [r[5] for r in query(portfolio_db, "reporting_status", R4, report_months=3)] == [
        True, True, False, False, False]


def test_a_revised_whole_plan_drops_what_it_lacks(portfolio_db):
    assert query(portfolio_db, "completion_by_actor", R5) == [
        ("Regionalavdelingen", 1, 1, 100.0), ("Hum", 4, 2, 50.0), ("IOM", 2, 1, 50.0)]
    assert query(portfolio_db, "action_changes", R5) == [
        ("A1", "Drøfte anbefalingene med IOM", "Hum", "ongoing", "done", "changed"),
        ("A6", "Oppfølging i ambassadenes planer", "Hum", None, "not_started", "new"),
        ("A5", "Menneskerettighetsanalyse", "MR/DEM", "partial", None, "removed")]
    # the grants are still the export's
    assert query(portfolio_db, "spend_by_year", R5) == query(portfolio_db, "spend_by_year", R3)


def test_changes_between_any_two_rounds_compare_their_states(portfolio_db):
    assert query(portfolio_db, "action_changes", R5, previous=R1) == [
        ("A1", "Drøfte anbefalingene med IOM", "Hum", "ongoing", "done", "changed"),
        ("A3", "Flerårig avtale med IOM", "IOM", "ongoing", "done", "changed"),
        ("A4", "Resultatrammeverk", "IOM", "not_started", "ongoing", "changed"),
        ("A6", "Oppfølging i ambassadenes planer", "Hum", None, "not_started", "new"),
        ("B1", "Kartlegge returprogrammer", "Hum", None, "ongoing", "new"),
        ("B2", "Orientere ambassadene", "Regionalavdelingen", None, "done", "new"),
        ("A5", "Menneskerettighetsanalyse", "MR/DEM", "partial", None, "removed")]
    assert query(portfolio_db, "action_changes", R4, previous=R2) == query(
        portfolio_db, "action_changes", R4, previous=R3)


def test_stalled_counts_the_reports_of_each_action(portfolio_db):
    # A4: not started (R1), ongoing in IOM's return (R4) and in the plan (R5): two reports.
    # A1 is not reported by IOM's return, so R4 is no report of it.
    assert query(portfolio_db, "stalled_actions", R5, rounds=2) == [
        ("A4", "Resultatrammeverk", "IOM", "ongoing", 2, dt.date(2012, 11, 1))]
    assert query(portfolio_db, "stalled_actions", R4, rounds=2) == []
    assert query(portfolio_db, "stalled_actions", R5, rounds=3) == []


def test_deadlines_of_the_state(portfolio_db):
    # as of 01.11.2012, 90 days: A1 31 days over, A5 in 30 days, B1 in 75; A3 is done
    assert query(portfolio_db, "deadlines", R4, days=90) == [
        ("A1", "Drøfte anbefalingene med IOM", "Hum", "ongoing", dt.date(2012, 10, 1), 31),
        ("A5", "Menneskerettighetsanalyse", "MR/DEM", "partial", dt.date(2012, 12, 1), -30),
        ("B1", "Kartlegge returprogrammer", "Hum", "ongoing", dt.date(2013, 1, 15), -75)]


def test_history_lists_the_reports_that_hold_the_action(portfolio_db):
    assert query(portfolio_db, "action_history", R5, action="A3") == [
        (R1, dt.date(2012, 6, 29), "ongoing", "IOM", None, None),
        (R4, dt.date(2012, 11, 1), "done", "IOM", None, None),
        (R5, dt.date(2012, 12, 14), "done", "IOM", None, None)]
    assert query(portfolio_db, "action_history", R5, action="A3",
                 action_evaluation="E2") == []


def test_recommendations_link_across_rounds_in_their_evaluation(portfolio_db):
    # R5 has no recommendations sheet: E1's are R1's; A1 and A2 (rec 1) are done by then
    assert query(portfolio_db, "recommendation_status", R5) == [
        ("1", "Bruk evalueringen i dialogen", "accepted", 2, 2, "implemented", 100.0),
        ("2", "Flerårige avtaler", "partial", 2, 1, "partial", 50.0),
        ("3", "Overlat rettshåndhevelse til andre", "rejected", 0, 0, "no_actions", None)]
    assert query(portfolio_db, "recommendation_kpis", R5, previous=R4)[0] == (
        R5, dt.date(2012, 12, 14), 3, 2, 1, 50.0, 1, 0)


def test_deleting_a_return_gives_the_actor_its_previous_report(db, tmp_path):
    assert portfolio_rounds(db, tmp_path / "in", upto=4) == [R1, R2, R3, R4]
    assert rounds.delete(db, R4) == R3
    assert query(db, "completion_by_actor", R3) == [
        ("Regionalavdelingen", 1, 1, 100.0), ("Hum", 3, 1, 33.3), ("IOM", 2, 0, 0.0),
        ("MR/DEM", 1, 0, 0.0)]
    assert stored(db, "SELECT count(*) FROM coverage WHERE snapshot_id = $s", {"s": R4}) == [
        (0,)]


def test_without_whole_plan_a_revised_plan_keeps_the_actors_it_lacks(db, tmp_path):
    paths = workbooks(tmp_path / "in")
    load(db, paths[0], DATES[0])
    revised = load(db, paths[4], DATES[4], whole_plan=False).snapshot_id
    assert query(db, "completion_by_actor", revised) == [
        ("Hum", 3, 2, 66.7), ("IOM", 2, 1, 50.0), ("MR/DEM", 1, 0, 0.0)]


def test_the_cli_takes_evaluation_and_whole_plan(db, tmp_path, cli):
    paths = workbooks(tmp_path / "in")
    for path, day, options in ((paths[0], DATES[0], ["--whole-plan"]),
                               (paths[1], DATES[1], ["--evaluation", "  E2  "]),
                               (paths[4], DATES[4], ["--whole-plan"])):
        done = cli("ingest", path, "--db", db, "--as-of", day, "--json", *options)
        assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["covers"] == [
        {"scope": "plan", "evaluation": "E1", "actor": None, "year": None},
        {"scope": "actions", "evaluation": "E1", "actor": "Hum", "year": None},
        {"scope": "actions", "evaluation": "E1", "actor": "IOM", "year": None}]
    done = cli("query", "completion_by_actor", "--db", db, "--format", "json")
    assert json.loads(done.stdout) == [
        {"actor": "Regionalavdelingen", "actions": 1, "done": 1, "completion_pct": 100.0},
        {"actor": "Hum", "actions": 4, "done": 2, "completion_pct": 50.0},
        {"actor": "IOM", "actions": 2, "done": 1, "completion_pct": 50.0}]
    assert stored(db, "SELECT DISTINCT evaluation FROM actions WHERE snapshot_id = 2") == [
        ("E2",)]


def test_disbursements_alone_replace_the_years_they_hold(portfolio_db, tmp_path):
    from tests.support.builders import write_workbook

    path = write_workbook(tmp_path / "utbetalinger-2013.xlsx", {
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], ["G1", 2013, 27], ["G3", 2013, 9],
                         ["G3", 2014, 12]]})
    later = load(db := portfolio_db, path, "2013-01-10").snapshot_id
    # a round of 10.01.2013: 2013 is its own year, 2014 a plan
    assert query(db, "spend_by_year", later) == [(2011, 10, 1, False), (2012, 20, 1, False),
                                                 (2013, 36, 2, False), (2014, 12, 1, True)]
    assert query(db, "completion_by_actor", later) == query(db, "completion_by_actor", R5)


def test_the_preview_says_what_is_replaced_kept_and_removed(db, tmp_path):
    from followup.store import ingest, preview

    paths = workbooks(tmp_path / "in")
    for path, day in zip(paths[:3], DATES[:3]):
        load(db, path, day, whole_plan=path.name.startswith("e1"),
             evaluation="E2" if path.name.startswith("e2") else None)
    checked = ingest.check(paths[3].read_bytes(), paths[3].name)  # IOM's return
    shown = preview.preview(checked, db, dt.date(2012, 11, 1))
    assert shown.current["snapshot_id"] == R3
    assert shown.scopes.to_dict("records") == [
        {"scope": "actions", "evaluation": "E1", "actor": "IOM", "year": None,
         "previous_as_of": pd.Timestamp(2012, 6, 29)}]
    assert shown.kept.to_dict("records") == [
        {"evaluation": "E1", "actor": "Hum", "last_report": pd.Timestamp(2012, 6, 29),
         "actions": 2},
        {"evaluation": "E1", "actor": "MR/DEM", "last_report": pd.Timestamp(2012, 6, 29),
         "actions": 1}]
    assert list(shown.actions["change"]) == ["changed", "changed"]
    assert shown.removed == (0, 0) and not shown.removes_many
    # the same file as E1's whole plan: Hum's A1, A2 and MR/DEM's A5 leave the state
    whole = preview.preview(checked, db, dt.date(2012, 11, 1), ingest.Scope(whole_plan=True))
    assert whole.kept.empty
    assert list(whole.actions["action_id"][whole.actions["change"] == "removed"]) == [
        "A1", "A2", "A5"]
    assert whole.removed == (3, 0) and not whole.removes_many
    checked.close()


def test_a_preview_warns_when_a_workbook_would_remove_many(db, tmp_path):
    from followup.store import ingest, preview
    from tests.support.builders import write_workbook

    load(db, workbooks(tmp_path / "in")[0], DATES[0])
    small = write_workbook(tmp_path / "mal.xlsx", {"Tiltak": [
        ["Tiltak", "Ansvarlig", "Status", "Evaluering"], ["Ny plan", "Hum", "Pågår", "E1"]],
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til"], ["G9", "UNDP", 2013, 2013]]})
    checked = ingest.check(small.read_bytes(), small.name)
    shown = preview.preview(checked, db, dt.date(2012, 12, 1), ingest.Scope(whole_plan=True))
    assert shown.removed == (5, 2) and shown.removes_many
    checked.close()


def test_the_portfolio_of_evaluations(portfolio_db):
    assert query(portfolio_db, "evaluation_portfolio", R5) == [
        ("E1", dt.date(2012, 12, 14), 5, 3, 60.0, 3, 66.7, 50.0, 1, 2011, dt.date(2011, 9, 15),
         "Hum", "https://norad.example/iom", False),
        ("E2", dt.date(2012, 9, 1), 2, 1, 50.0, 0, None, None, 0, 2012, None,
         "Regionalavdelingen", "www.example.org/rapport", False)]
    overdue = query(portfolio_db, "evaluation_portfolio", R5, report_months=3)
    assert [(r[0], r[-1]) for r in overdue] == [("E1", False), ("E2", True)]
    assert [r[0] for r in query(portfolio_db, "evaluation_portfolio", R5,
                                evaluations=("E2",))] == ["E2"]


def test_open_recommendations_and_their_age(portfolio_db):
    assert query(portfolio_db, "open_recommendations", R5) == [
        ("E1", "2", "Flerårige avtaler", "partial", "partial", 2, 1, dt.date(2011, 9, 15), 1)]


def test_the_register_warns_of_a_link_that_is_not_https(tmp_path):
    from followup.store import ingest

    path = workbooks(tmp_path / "in")[0]
    checked = ingest.check(path.read_bytes(), path.name)
    assert [p.text("en") for p in checked.warnings] == [
        "Evalueringer, row 3, column Lenke: “www.example.org/rapport” is not an https link; "
        "it is shown as text."]
    checked.close()
