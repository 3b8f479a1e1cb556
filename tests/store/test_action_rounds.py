"""The rules across rounds, on three rounds of one follow-up computed by hand (builders.py).

Rounds by as-of date: R1 16.01.2012, R2 29.06.2012, R3 14.12.2012, loaded R1, R3, R2 (so the
ids are 1, 3, 2 and ingest order is not as-of order). Statuses R1 / R2 / R3:
  B1 ongoing / ongoing / ongoing (actor Hum, then IOM in R3)   -> stalled 3 rounds since R1
  B2 not started / ongoing / ongoing                           -> stalled 2 rounds since R2
  B3 ongoing / done / done                                     -> done: never stalled
  B4 not started / (absent) / not started                      -> the gap ends the run: 1
  B5 not applicable in all three                               -> never stalled
  "uten id" (no ID) partial in all three                       -> stalled 3 rounds since R1
  B6 ongoing / partial / ongoing                               -> 1 (not consecutive)
  B7 only in R3, ongoing                                       -> 1
Due dates against R3's as-of date 14.12.2012 (days_overdue = as-of minus due date):
  B1 01.10.2012: 74 (31 + 30 + 13); "uten id" 14.12.2012: 0; B2 31.01.2013: -48;
  B7 14.03.2013: -90 (17 + 31 + 28 + 14); B6 15.03.2013: -91; B4 30.06.2013: -198;
  B3 (done) and B5 (no date) never listed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from followup import store
from followup.filters import Filters
from tests.support.builders import ROUND_DATES

R1, R2, R3 = (dt.date.fromisoformat(d) for d in ROUND_DATES)
KEYLESS = "auto:" + hashlib.md5(b"mr/dem|uten id").hexdigest()


def query(db, name, snapshot, **params):
    filters = {k: params.pop(k) for k in ("regions", "sections", "evaluations") if k in params}
    with store.reader(db) as con:
        return store.run_query(con, name, Filters(snapshot=snapshot, **filters).params(**params))


def test_the_fixture_ids_follow_ingest_order_not_as_of_order(three_rounds_db):
    assert three_rounds_db[1] == [1, 3, 2]


def test_stalled_actions_have_the_same_open_status_in_two_rounds_by_default(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    columns, data = query(db, "stalled_actions", r3)
    assert columns == ["action_id", "action", "actor", "status", "rounds_unchanged", "since"]
    assert data == [("B1", "b1", "IOM", "ongoing", 3, R1),
                    (None, "uten id", "MR/DEM", "partial", 3, R1),
                    ("B2", "b2", "Hum", "ongoing", 2, R2)]


def test_stalled_actions_with_k_rounds(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    assert [r[0] for r in query(db, "stalled_actions", r3, rounds=3)[1]] == ["B1", None]
    assert query(db, "stalled_actions", r3, rounds=4)[1] == []
    assert [(r[0], r[4], r[5]) for r in query(db, "stalled_actions", r3, rounds=1)[1]] == [
        ("B1", 3, R1), (None, 3, R1), ("B2", 2, R2), ("B4", 1, R3), ("B6", 1, R3),
        ("B7", 1, R3)]


def test_stalled_actions_of_an_earlier_round_ignore_the_later_ones(three_rounds_db):
    db, (_, r2, _) = three_rounds_db
    assert query(db, "stalled_actions", r2)[1] == [("B1", "b1", "Hum", "ongoing", 2, R1),
                                                 (None, "uten id", "MR/DEM", "partial", 2, R1)]


def test_stalled_actions_honour_the_filters(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    assert [r[0] for r in query(db, "stalled_actions", r3, regions=["Europa"])[1]] == [None, "B2"]
    assert [r[0] for r in query(db, "stalled_actions", r3, sections=["MR/DEM"])[1]] == [None]


def test_deadlines_within_90_days_of_the_rounds_date_ordered_by_due_date(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    columns, data = query(db, "deadlines", r3)
    assert columns == ["action_id", "action", "actor", "status", "due_date", "days_overdue"]
    assert data == [("B1", "b1", "IOM", "ongoing", dt.date(2012, 10, 1), 74),
                    (None, "uten id", "MR/DEM", "partial", dt.date(2012, 12, 14), 0),
                    ("B2", "b2", "Hum", "ongoing", dt.date(2013, 1, 31), -48),
                    ("B7", "b7", "Hum", "ongoing", dt.date(2013, 3, 14), -90)]


def test_deadlines_with_other_horizons(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    assert [(r[0], r[5]) for r in query(db, "deadlines", r3, days=91)[1]][-1] == ("B6", -91)
    assert [(r[0], r[5]) for r in query(db, "deadlines", r3, days=365)[1]][-1] == ("B4", -198)
    assert [(r[0], r[5]) for r in query(db, "deadlines", r3, days=0)[1]] == [("B1", 74),
                                                                              (None, 0)]
    assert [(r[0], r[5]) for r in query(db, "deadlines", r3, days=-1)[1]] == [("B1", 74)]


def test_deadlines_are_measured_against_the_rounds_as_of_date(three_rounds_db):
    db, (r1, _, _) = three_rounds_db
    # R1 16.01.2012: B3 (not done yet) due 01.05.2012 is 106 days ahead, B1 259
    assert [(r[0], r[5]) for r in query(db, "deadlines", r1, days=300)[1]] == [
        ("B3", -106), ("B1", -259)]
    assert query(db, "deadlines", r1)[1] == []


def test_deadlines_honour_the_filters(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    assert [r[0] for r in query(db, "deadlines", r3, regions=["Europa"])[1]] == [None, "B2"]


def test_action_history_one_row_per_round_in_as_of_order(three_rounds_db):
    db, (r1, r2, r3) = three_rounds_db
    columns, data = query(db, "action_history", r3, action="B1")
    assert columns == ["snapshot_id", "as_of", "status", "actor", "comment", "evidence"]
    assert data == [(r1, R1, "ongoing", "Hum", "Starter", None),
                    (r2, R2, "ongoing", "Hum", "Venter på IOM", None),
                    (r3, R3, "ongoing", "IOM", "Fortsatt venter", None)]


def test_action_history_skips_rounds_without_the_action_and_later_rounds(three_rounds_db):
    db, (r1, r2, r3) = three_rounds_db
    assert [r[:3] for r in query(db, "action_history", r3, action="B4")[1]] == [
        (r1, R1, "not_started"), (r3, R3, "not_started")]
    assert [r[0] for r in query(db, "action_history", r2, action="B4")[1]] == [r1]
    assert query(db, "action_history", r3, action="B99")[1] == []
    assert query(db, "action_history", r3)[1] == []


def test_action_history_of_an_action_without_id_by_its_key(three_rounds_db):
    db, (r1, r2, r3) = three_rounds_db
    assert [r[:3] for r in query(db, "action_history", r3, action=KEYLESS)[1]] == [
        (r1, R1, "partial"), (r2, R2, "partial"), (r3, R3, "partial")]


def test_action_changes_against_any_earlier_round(three_rounds_db):
    db, (r1, r2, r3) = three_rounds_db
    assert query(db, "action_changes", r3, previous=r2)[1] == [
        ("B6", "b6", "IOM", "partial", "ongoing", "changed"),
        ("B4", "b4", "IOM", None, "not_started", "new"),
        ("B7", "b7", "Hum", None, "ongoing", "new")]
    assert query(db, "action_changes", r3, previous=r1)[1] == [
        ("B2", "b2", "Hum", "not_started", "ongoing", "changed"),
        ("B3", "b3", "IOM", "ongoing", "done", "changed"),
        ("B7", "b7", "Hum", None, "ongoing", "new")]


# --- the command line --------------------------------------------------------------------


def as_json(cli, db, *args):
    done = cli("query", *args, "--db", db, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_cli_stalled_actions_with_rounds(three_rounds_db, cli):
    db, _ = three_rounds_db
    assert as_json(cli, db, "stalled_actions") == [
        {"action_id": "B1", "action": "b1", "actor": "IOM", "status": "ongoing",
         "rounds_unchanged": 3, "since": "2012-01-16"},
        {"action_id": None, "action": "uten id", "actor": "MR/DEM", "status": "partial",
         "rounds_unchanged": 3, "since": "2012-01-16"},
        {"action_id": "B2", "action": "b2", "actor": "Hum", "status": "ongoing",
         "rounds_unchanged": 2, "since": "2012-06-29"}]
    assert [r["action_id"] for r in as_json(cli, db, "stalled_actions", "--rounds", "3")] == [
        "B1", None]
    refused = cli("query", "stalled_actions", "--db", db, "--rounds", "0")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr


def test_cli_deadlines_with_days_and_region(three_rounds_db, cli):
    db, _ = three_rounds_db
    assert as_json(cli, db, "deadlines", "--days", "91", "--region", "Afrika") == [
        {"action_id": "B6", "action": "b6", "actor": "IOM", "status": "ongoing",
         "due_date": "2013-03-15", "days_overdue": -91}]


def test_cli_action_history(three_rounds_db, cli):
    db, (r1, r2, r3) = three_rounds_db
    assert [(r["snapshot_id"], r["as_of"], r["comment"])
            for r in as_json(cli, db, "action_history", "--action", "B1")] == [
        (r1, "2012-01-16", "Starter"), (r2, "2012-06-29", "Venter på IOM"),
        (r3, "2012-12-14", "Fortsatt venter")]


def test_cli_action_changes_with_previous(three_rounds_db, cli):
    db, (r1, r2, _) = three_rounds_db
    assert [r["action_id"] for r in as_json(cli, db, "action_changes")] == ["B6", "B4", "B7"]
    assert [r["action_id"] for r in as_json(cli, db, "action_changes", "--previous", r1)] == [
        "B2", "B3", "B7"]
    assert [r["action_id"] for r in as_json(cli, db, "action_changes", "--snapshot", r2,
                                            "--previous", r1)] == ["B2", "B3", "B6", "B4"]


def test_cli_an_unknown_previous_round_names_the_rounds_there_are(three_rounds_db, cli):
    db, _ = three_rounds_db
    done = cli("query", "action_changes", "--db", db, "--previous", "9")
    assert done.returncode == 2
    assert done.stderr.strip() == "Ingen runde 9. Tilgjengelige: 1, 2, 3."


def test_the_sample_figures_the_readme_gives(db):
    from followup.settings import SAMPLE_AS_OF, SAMPLE_WORKBOOKS
    from tests.support.builders import load

    december = [load(db, p, d).snapshot_id for p, d in zip(SAMPLE_WORKBOOKS, SAMPLE_AS_OF)][-1]
    assert [(r[0], r[4], r[5]) for r in query(db, "stalled_actions", december)[1]] == [
        ("UD-7", 2, dt.date(2012, 6, 29)), ("IOM-2", 2, dt.date(2012, 6, 29))]
    assert [(r[0], r[5]) for r in query(db, "deadlines", december)[1]] == [
        ("UD-3", 288), ("UD-4", 288), ("UD-5", -17), ("IOM-1", -17), ("IOM-3", -17)]
