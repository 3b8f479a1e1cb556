"""Recommendations, management responses and their status, on the three rounds of
builders.three_rounds (figures by hand).

Recommendations and their actions (statuses R1 / R2 / R3; see test_action_rounds):
  1 r1: B3 ongoing / done / done, B5 not applicable  -> ongoing, implemented, implemented
  2 r2: B2 not started / ongoing / ongoing, "uten id" partial  -> partial in every round
  3 r3: no action                                    -> no_actions
  4 r4: B4 not started / (absent) / not started      -> not_started, no_actions, not_started
  5 r5: no action                                    -> no_actions
  6 r6: B1 ongoing, B6 ongoing / partial / ongoing, B7 (R3) ongoing
                                                     -> ongoing, partial, ongoing
Responses: 1, 4 and 6 accepted (4 rejected in R2), 2 partly, 3 rejected, 5 left empty.
Implementation rate (implemented among accepted or partly accepted):
  R1 0 of 4 = 0.0; R2 1 of 3 (1, 2, 6) = 33.3; R3 1 of 4 (1, 2, 4, 6) = 25.0.
"""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from followup import store
from followup.filters import Filters
from followup.store import rounds as rounds_
from followup.workbook import formats
from tests.support.builders import (
    ROUND_DATES,
    load,
    load_sheets,
    round_workbook,
    snapshot_tables,
    stored,
)

R1, R2, R3 = (dt.date.fromisoformat(d) for d in ROUND_DATES)


def query(db, name, snapshot, **params):
    filters = {k: params.pop(k) for k in ("regions", "sections", "evaluations") if k in params}
    with store.reader(db) as con:
        return store.run_query(con, name, Filters(snapshot=snapshot, **filters).params(**params))


def test_recommendation_status_of_the_last_round(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    columns, data = query(db, "recommendation_status", r3)
    assert columns == ["recommendation_id", "recommendation", "response", "actions", "done",
                       "status", "completion_pct"]
    assert data == [("1", "r1", "accepted", 1, 1, "implemented", 100.0),
                    ("2", "r2", "partial", 2, 0, "partial", 0.0),
                    ("3", "r3", "rejected", 0, 0, "no_actions", None),
                    ("4", "r4", "accepted", 1, 0, "not_started", 0.0),
                    ("5", "r5", "no_response", 0, 0, "no_actions", None),
                    ("6", "r6", "accepted", 3, 0, "ongoing", 0.0)]


def test_recommendation_status_of_the_earlier_rounds(three_rounds_db):
    db, (r1, r2, _) = three_rounds_db
    assert [r[2:6] for r in query(db, "recommendation_status", r2)[1]] == [
        ("accepted", 1, 1, "implemented"), ("partial", 2, 0, "partial"),
        ("rejected", 0, 0, "no_actions"), ("rejected", 0, 0, "no_actions"),
        ("no_response", 0, 0, "no_actions"), ("accepted", 2, 0, "partial")]
    assert [r[2:6] for r in query(db, "recommendation_status", r1)[1]] == [
        ("accepted", 1, 0, "ongoing"), ("partial", 2, 0, "partial"),
        ("rejected", 0, 0, "no_actions"), ("accepted", 1, 0, "not_started"),
        ("no_response", 0, 0, "no_actions"), ("accepted", 2, 0, "ongoing")]


def test_recommendation_status_with_a_region_counts_only_the_actions_there(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    # Europa: B5 (not applicable) of 1, B2 and "uten id" of 2; the others have none there
    assert query(db, "recommendation_status", r3, regions=["Europa"])[1] == [
        ("1", "r1", "accepted", 0, 0, "no_actions", None),
        ("2", "r2", "partial", 2, 0, "partial", 0.0)]


def test_recommendation_status_by_the_recommendations_evaluation(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    assert [r[0] for r in query(db, "recommendation_status", r3, evaluations=["Eval B"])[1]] \
        == ["3"]
    assert [r[0] for r in query(db, "recommendation_status", r3, evaluations=["Eval A"])[1]] \
        == ["1", "2", "4", "5", "6"]


def test_a_recommendation_without_evaluation_takes_its_actions(db):
    load_sheets(db, {
        "Tiltak": [["Tiltak", "Ansvarlig", "Status", "Evaluering", "Rec. ID"],
                   ["a", "Hum", "Ferdig", "Eval X", "R1"], ["b", "Hum", "Pågår", "Eval Y", "R2"],
                   ["c", "Hum", "Pågår", "Eval Y", "R2"]],
        "Recommendations": [["ID", "Recommendation", "Response"], ["R1", "one", "Agreed"],
                            ["R2", "two", "Agreed"], ["R3", "three", "Agreed"]]})
    assert query(db, "recommendation_status", 1, evaluations=["Eval X"])[1] == [
        ("R1", "one", "accepted", 1, 1, "implemented", 100.0)]
    assert query(db, "recommendation_status", 1, evaluations=["Eval Y"])[1] == [
        ("R2", "two", "accepted", 2, 0, "ongoing", 0.0)]


def test_response_summary_one_row_per_response_present(three_rounds_db):
    db, (_, r2, r3) = three_rounds_db
    columns, data = query(db, "response_summary", r3)
    assert columns == ["response", "recommendations", "implemented"]
    assert data == [("accepted", 3, 1), ("partial", 1, 0), ("rejected", 1, 0),
                    ("no_response", 1, 0)]
    assert query(db, "response_summary", r2)[1] == [
        ("accepted", 2, 1), ("partial", 1, 0), ("rejected", 2, 0), ("no_response", 1, 0)]
    assert query(db, "response_summary", r3, regions=["Europa"])[1] == [
        ("accepted", 1, 0), ("partial", 1, 0)]


def test_implementation_rate_against_the_previous_round(three_rounds_db):
    db, (r1, r2, r3) = three_rounds_db
    columns, data = query(db, "recommendation_kpis", r3, previous=r2)
    assert columns == ["snapshot_id", "as_of", "recommendations", "accepted", "implemented",
                       "implementation_pct", "rejected", "no_response"]
    assert data == [(r3, R3, 6, 4, 1, 25.0, 1, 1), (r2, R2, 6, 3, 1, 33.3, 2, 1)]
    assert query(db, "recommendation_kpis", r1)[1] == [(r1, R1, 6, 4, 0, 0.0, 1, 1)]
    assert query(db, "recommendation_kpis", r3, evaluations=["Eval A"])[1] == [
        (r3, R3, 5, 4, 1, 25.0, 0, 1)]


def test_the_rate_of_a_round_without_recommendations_is_empty_not_zero(db, tmp_path):
    load(db, round_workbook(tmp_path / "plain.xlsx", 2, recommendations=False), ROUND_DATES[2])
    assert query(db, "recommendation_kpis", 1)[1] == [(1, R3, 0, 0, 0, None, 0, 0)]
    assert query(db, "recommendation_status", 1)[1] == []
    assert query(db, "response_summary", 1)[1] == []


def test_the_recommendations_are_stored_with_their_texts_and_links(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    assert stored(db, "SELECT recommendation_id, response, response_text, evaluation, "
                      "responsible FROM recommendations WHERE snapshot_id = $s AND row_no <= 4 "
                      "ORDER BY row_no", {"s": r3}) == [
        ("1", "accepted", None, "Eval A", "Hum"), ("2", "partial", None, "Eval A", "Hum"),
        ("3", "rejected", "Begrunnet", "Eval B", "Hum")]
    assert stored(db, "SELECT action_id, recommendation_id FROM actions WHERE snapshot_id = $s "
                      "ORDER BY row_no LIMIT 3", {"s": r3}) == [
        ("B1", "6"), ("B2", "2"), ("B3", "1")]


def test_an_empty_response_is_no_response_with_a_warning(db, tmp_path):
    loaded = load(db, round_workbook(tmp_path / "r3.xlsx", 2), ROUND_DATES[2])
    assert loaded.counts == {"actions": 8, "grants": 0, "disbursements": 0,
                             "recommendations": 6, "evaluations": 0, "contacts": 0}
    assert [p.text() for p in loaded.warnings] == [
        "Anbefalinger, rad 6, kolonne Ledelsens svar: ledelsens svar er tomt; registrert som "
        "«Ikke besvart»."]
    assert [p.text("en") for p in loaded.warnings] == [
        "Anbefalinger, row 6, column Ledelsens svar: the management response is empty; "
        "recorded as “No response”."]


def test_deleting_a_round_deletes_its_recommendations(three_rounds_db):
    db, (_, _, r3) = three_rounds_db
    rounds_.delete(db, r3)
    assert stored(db, "SELECT DISTINCT snapshot_id FROM recommendations ORDER BY 1") == [(1,),
                                                                                         (3,)]


# --- refused workbooks write nothing ----------------------------------------------------


REC_ACTIONS = [["ID", "Tiltak", "Ansvarlig", "Status", "Anbefaling nr"],
               ["A1", "a", "Hum", "Pågår", 1], ["A2", "b", "Hum", "Pågår", 2]]


def refused(cli, db, sheets, tmp_path):
    from tests.support.builders import write_workbook

    before = snapshot_tables(db)
    path = write_workbook(tmp_path / "bad.xlsx", sheets)
    done = cli("ingest", path, "--db", db, "--as-of", "2013-01-01")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert snapshot_tables(db) == before
    return done.stderr.strip().splitlines()


def test_a_bad_response_word_is_refused_located_and_nothing_written(three_rounds_db, cli, tmp_path):
    db, _ = three_rounds_db
    lines = refused(cli, db, {"Tiltak": REC_ACTIONS, "Anbefalinger": [
        ["Nr", "Anbefaling", "Svar"], [1, "r1", "Enig"], [2, "r2", "Kanskje"]]}, tmp_path)
    assert lines[0].startswith("Anbefalinger, rad 3, kolonne Svar: «Kanskje» er ikke et kjent "
                               "svar. Godtatte: Enig, Akseptert, Godtatt, ")
    assert lines[-1] == "Ingenting er lastet inn: 1 feil må rettes i arbeidsboken."


def test_an_unknown_recommendation_number_is_refused_with_the_numbers_there_are(
        three_rounds_db, cli, tmp_path):
    db, _ = three_rounds_db
    lines = refused(cli, db, {"Tiltak": [*REC_ACTIONS, ["A3", "c", "Hum", "Pågår", "9"]],
                              "Anbefalinger": [["Nr", "Anbefaling", "Svar"], [1, "r1", "Enig"],
                                               [2, "r2", "Uenig"]]}, tmp_path)
    assert lines == ["Tiltak, rad 4, kolonne Anbefaling nr: anbefaling nr. «9» står ikke i "
                     "arket Anbefalinger. Numrene der er: 1, 2.",
                     "Ingenting er lastet inn: 1 feil må rettes i arbeidsboken."]


def test_a_repeated_or_missing_recommendation_number_is_refused(three_rounds_db, cli, tmp_path):
    db, _ = three_rounds_db
    lines = refused(cli, db, {"Tiltak": REC_ACTIONS, "Tilrådingar": [
        ["Nr", "Tilråding", "Svar"], [1, "r1", "Einig"], [2, "r2", "Ikkje akseptert"],
        [2, "r3", "Einig"], [None, "r4", "Einig"]]}, tmp_path)
    assert lines[:2] == [
        "Tilrådingar, rad 4, kolonne Nr: anbefaling nr. «2» finnes også i rad 3; hvert nummer "
        "skal være unikt.",
        "Tilrådingar, rad 5, kolonne Nr: mangler verdi; kolonnen er påkrevd."]


def test_numbers_without_a_recommendations_sheet_load_with_a_warning(db, tmp_path):
    loaded = load(db, round_workbook(tmp_path / "plain.xlsx", 2, recommendations=False),
                  ROUND_DATES[2])
    assert [p.text("en") for p in loaded.warnings] == [
        "Tiltak, row 2, column Recommendation ID: the actions refer to recommendation numbers, "
        "but the workbook has no Recommendations sheet; the numbers are linked to the "
        "recommendations with those numbers already loaded for the evaluation."]


def test_the_free_text_recommendation_column_works_without_the_sheet(db):
    load_sheets(db, {"Tiltak": [["Tiltak", "Ansvarlig", "Status", "Anbefaling"],
                                ["a", "Hum", "Pågår", "Styrke samordningen"]]})
    assert stored(db, "SELECT recommendation, recommendation_id FROM actions") == [
        ("Styrke samordningen", None)]
    assert stored(db, "SELECT count(*) FROM recommendations") == [(0,)]


# --- an existing database from before the recommendations ---------------------------------


def old_database(db, tmp_path):
    """Return a database as the version before recommendations left it: one round."""
    load(db, round_workbook(tmp_path / "old.xlsx", 0, recommendations=False), ROUND_DATES[0])
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE recommendations")
    con.execute("ALTER TABLE actions DROP COLUMN recommendation_id")
    con.close()
    return db


def test_an_old_database_opens_and_is_upgraded_on_first_use(db, tmp_path, cli):
    old_database(db, tmp_path)
    done = cli("query", "recommendation_status", "--db", db, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert stored(db, "SELECT count(*), count(recommendation_id) FROM actions") == [(7, 0)]
    loaded = load(db, round_workbook(tmp_path / "new.xlsx", 2), ROUND_DATES[2])
    assert [r[5] for r in query(db, "recommendation_status", loaded.snapshot_id)[1]] == [
        "implemented", "partial", "no_actions", "not_started", "no_actions", "ongoing"]


def test_an_old_database_takes_a_new_round_directly(db, tmp_path):
    old_database(db, tmp_path)
    loaded = load(db, round_workbook(tmp_path / "new.xlsx", 2), ROUND_DATES[2])
    assert query(db, "recommendation_kpis", loaded.snapshot_id, previous=1)[1] == [
        (loaded.snapshot_id, R3, 6, 4, 1, 25.0, 1, 1), (1, R1, 0, 0, 0, None, 0, 0)]


# --- the command line --------------------------------------------------------------------


def test_cli_recommendation_queries_as_json(three_rounds_db, cli):
    db, (_, r2, _) = three_rounds_db
    done = cli("query", "recommendation_status", "--db", db, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0] == {
        "recommendation_id": "1", "recommendation": "r1", "response": "accepted", "actions": 1,
        "done": 1, "status": "implemented", "completion_pct": 100.0}
    done = cli("query", "response_summary", "--db", db, "--format", "json", "--snapshot", r2)
    assert json.loads(done.stdout)[0] == {"response": "accepted", "recommendations": 2,
                                          "implemented": 1}
    done = cli("query", "recommendation_kpis", "--db", db, "--format", "json",
               "--evaluation", "Eval B")
    assert json.loads(done.stdout)[0]["rejected"] == 1


def test_cli_ingest_counts_the_recommendations(db, tmp_path, cli):
    done = cli("ingest", round_workbook(tmp_path / "r.xlsx", 1), "--db", db, "--as-of",
               ROUND_DATES[1])
    assert done.returncode == 0, done.stderr
    assert "  Anbefalinger: 6" in done.stdout.splitlines()


RESPONSE_CASES = [(code, word) for code, words in formats.RESPONSE_WORDS.items()
                  for word in words]


@pytest.mark.parametrize(("code", "word"), RESPONSE_CASES, ids=[w for _, w in RESPONSE_CASES])
def test_every_response_word_maps_to_its_code_whatever_the_case_and_spaces(db, code, word):
    variants = [word, f"  {word.upper()}  ", word.lower(), word.replace(" ", "  ")]
    rows = [["Nr", "Anbefaling", "Ledelsens svar"]]
    rows += [[i, "r", v] for i, v in enumerate(variants, start=1)]
    load_sheets(db, {"Anbefalinger": rows})
    assert stored(db, "SELECT response FROM recommendations ORDER BY row_no") == [(code,)] * 4


# --- the sample rounds and the template ----------------------------------------------------


def test_the_sample_rounds_carry_recommendations_and_responses(db):
    from followup.settings import SAMPLE_AS_OF, SAMPLE_WORKBOOKS

    ids = [load(db, path, as_of).snapshot_id for path, as_of in zip(SAMPLE_WORKBOOKS,
                                                                      SAMPLE_AS_OF)]
    june, december = ids
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in
            query(db, "recommendation_status", december)[1]] == [
        ("1", "accepted", 3, 2, "partial"), ("2", "accepted", 2, 0, "not_started"),
        ("3", "partial", 1, 1, "implemented"), ("4", "accepted", 3, 1, "partial"),
        ("5", "accepted", 2, 0, "ongoing"), ("6", "accepted", 1, 0, "partial"),
        ("7", "rejected", 0, 0, "no_actions")]
    assert query(db, "recommendation_kpis", december, previous=june)[1] == [
        (december, dt.date(2012, 12, 14), 7, 6, 1, 16.7, 1, 0),
        (june, dt.date(2012, 6, 29), 7, 7, 0, 0.0, 0, 0)]


def test_the_template_has_the_recommendations_sheet_with_a_response_list():
    from openpyxl import load_workbook

    from followup.settings import DATA

    wb = load_workbook(DATA / "template.xlsx")
    ws = wb["Anbefalinger"]
    assert [c.value for c in ws[1]] == ["Nr", "Anbefaling", "Ledelsens svar", "Begrunnelse",
                                        "Ansvarlig", "Evaluering"]
    assert [(v.formula1, str(v.sqref)) for v in ws.data_validations.dataValidation] == [
        ('"Enig,Delvis enig,Uenig"', "C2:C200")]
    assert "Anbefaling nr" in [c.value for c in wb["Tiltak"][3]]  # under the title row
