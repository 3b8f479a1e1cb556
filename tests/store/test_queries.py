"""The three headline queries against figures computed by hand from the standard workbook.

Actions (A3 not applicable, A8 empty status -> no_report):
  Hum: A1 done, A2 ongoing, (A3 n/a)     -> 2 actions, 1 done, 50.0
  IOM: A4 done, A5 not done, A6 partial  -> 3 actions, 1 done, 33.3
  MR/DEM: A7 done, A8 no report          -> 2 actions, 1 done, 50.0
Disbursements (G1 wide 2011-2012 + a 2013 refund, G2 wide 2012, G3 long, two 2011 rows summed):
  2011: G1 1 000 000 + G3 500 000 = 1 500 000 (2 grants)
  2012: G1 2 000 000,50 + G2 500 000 = 2 500 000,50 (2 grants)
  2013: G3 750 000 + G1 -100 000 = 650 000 (2 grants)
G1 and G3 are multi-year (start year before end year), G2 one-year.
"""

from __future__ import annotations

import pytest

from followup import store
from followup.filters import Filters
from tests.support.builders import load, standard_workbook


@pytest.fixture
def standard_db(db, tmp_path):
    load(db, standard_workbook(tmp_path / "standard.xlsx"), "2012-12-14")
    return db


def rows(db, name, **filters):
    with store.reader(db) as con:
        snapshot = store.latest_snapshot(con)
        return store.run_query(con, name, Filters(snapshot=snapshot, **filters).params())


def test_completion_by_actor_counts_done_over_applicable_actions(standard_db):
    columns, data = rows(standard_db, "completion_by_actor")
    assert columns == ["actor", "actions", "done", "completion_pct"]
    assert data == [("Hum", 2, 1, 50.0), ("MR/DEM", 2, 1, 50.0), ("IOM", 3, 1, 33.3)]


def test_completion_by_actor_filtered_by_region_and_section(standard_db):
    assert rows(standard_db, "completion_by_actor", regions=("Europa",))[1] == [
        ("MR/DEM", 2, 1, 50.0), ("Hum", 1, 0, 0.0)]
    assert rows(standard_db, "completion_by_actor", sections=("MR/DEM",))[1] == [
        ("MR/DEM", 2, 1, 50.0)]


def test_spend_by_year_sums_wide_and_long_layouts(standard_db):
    columns, data = rows(standard_db, "spend_by_year")
    assert columns == ["year", "amount_nok", "grants", "planned"]
    # the round is of 14.12.2012: what 2013 has is a plan
    assert [(y, float(a), g, p) for y, a, g, p in data] == [
        (2011, 1_500_000.0, 2, False), (2012, 2_500_000.5, 2, False),
        (2013, 650_000.0, 2, True)]


def test_spend_by_year_filters_disbursements_by_their_grant(standard_db):
    data = rows(standard_db, "spend_by_year", sections=("MR/DEM",))[1]
    assert [(y, float(a), g) for y, a, g, _ in data] == [
        (2011, 500_000.0, 1), (2012, 500_000.0, 1), (2013, 750_000.0, 1)]


def test_grants_by_type_splits_multi_and_one_year(standard_db):
    columns, data = rows(standard_db, "grants_by_type")
    assert columns == ["year", "grant_type", "grants", "amount_nok", "planned"]
    assert [(y, t, g, float(a), p) for y, t, g, a, p in data] == [  # the round is of 14.12.2012:
        (2011, "multi-year", 2, 1_500_000.0, False),              # 2013's sums are plans
        (2012, "multi-year", 1, 2_000_000.5, False),
        (2012, "one-year", 1, 500_000.0, False),
        (2013, "multi-year", 2, 650_000.0, True),
    ]


def test_grants_by_type_filtered_by_region(standard_db):
    data = rows(standard_db, "grants_by_type", regions=("Europa",))[1]
    assert [(y, t, g, float(a)) for y, t, g, a, _ in data] == [
        (2011, "multi-year", 2, 1_500_000.0),
        (2012, "multi-year", 1, 2_000_000.5),
        (2013, "multi-year", 2, 650_000.0),
    ]


@pytest.mark.parametrize("name", store.query_names())
def test_every_query_binds_exactly_the_parameters_it_names(name):
    sql = store.query_sql(name)
    wanted = store.named_parameters(sql)
    assert wanted <= set(Filters().params(**store.DEFAULT_PARAMS))
    assert "snapshot" in wanted or name == "filter_options"


def test_disbursement_list_has_one_row_per_grant_and_year(standard_db):
    columns, data = rows(standard_db, "disbursement_list")
    assert columns == ["grant_id", "partner", "section", "region", "grant_type", "year",
                       "amount_nok"]
    assert [(g, y, float(a)) for g, _p, _s, _r, _t, y, a in data] == [
        ("G1", 2011, 1_000_000.0), ("G1", 2012, 2_000_000.5), ("G1", 2013, -100_000.0),
        ("G2", 2012, 500_000.0), ("G3", 2011, 500_000.0), ("G3", 2013, 750_000.0)]


def test_disbursement_list_filtered_by_section_and_years(standard_db):
    data = rows(standard_db, "disbursement_list", sections=("MR/DEM",), year_from=2012)[1]
    assert [(g, y, float(a)) for g, _p, _s, _r, _t, y, a in data] == [
        ("G2", 2012, 500_000.0), ("G3", 2013, 750_000.0)]
