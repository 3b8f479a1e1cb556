"""Figures and tables shared by every viewer: built once, and sent exactly as before."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from followup.report.figures import charts, tables
from followup.ui import shared

CHANGES = pd.DataFrame({
    "action_id": ["A1", None, "A3", "A4"],
    "action": ["Kartlegge", "Rapportere", "=Evaluere", "Følge opp"],
    "actor": ["Hum", "IOM", "MR/DEM", "Hum"],
    "previous_status": ["ongoing", None, "done", "partial"],
    "status": ["done", "not_started", None, "no_report"],
    "change": ["changed", "new", "removed", "changed"],
})
STALLED = pd.DataFrame({
    "action_id": ["A2", "A5"], "action": ["a2", "a5"], "actor": ["IOM", "Hum"],
    "status": ["ongoing", "not_started"], "rounds_unchanged": [3, 2],
    "since": [dt.date(2012, 6, 29), dt.date(2012, 12, 14)],
})
RECS = pd.DataFrame({
    "recommendation_id": ["1", "2"], "recommendation": ["Flerårige avtaler", "Rapportere"],
    "response": ["accepted", "partial"], "status": ["implemented", "ongoing"],
    "actions": [2, 3], "done": [2, 1], "completion_pct": [100.0, 33.33333],
})
SPEND = pd.DataFrame({"year": [2011, 2012], "amount_nok": [1_500_000.0, 2_500_000.5],
                      "grants": [2, 2]})


def _sent(styler) -> ArrowData:
    proto = ArrowData()
    marshall_styler(proto, styler, "uuid")
    return proto


def test_a_shared_table_sends_what_a_fresh_styler_sends():
    from streamlit import dataframe_util

    from followup.ui.compat import arrow_bytes

    arrow_bytes.install()  # a shared table's Arrow bytes made once: the same bytes as fresh ones
    for df, columns, ink, bars in (
            (CHANGES, tables.CHANGE_COLUMNS, "#009E73", ()),
            (STALLED, tables.STALLED_COLUMNS, "#D55E00", ()),
            (RECS, tables.RECOMMENDATION_COLUMNS, "#009E73", ("completion_pct",))):
        fresh = tables.styled(df, columns, "nb", bars=bars)
        kept = shared.table(df, columns, "nb", bars=bars)
        fresh.set_uuid(kept.uuid)
        for _ in range(2):  # and again: nothing is used up by sending it
            assert _sent(kept).styler == _sent(fresh).styler
        assert f"background-color: {ink}" in _sent(kept).styler.styles
        data = dataframe_util.convert_pandas_df_to_arrow_bytes(kept.data)
        assert data == dataframe_util.convert_pandas_df_to_arrow_bytes(fresh.data)
        assert dataframe_util.convert_pandas_df_to_arrow_bytes(kept.data) is data  # kept


def test_a_table_without_a_status_is_a_plain_frame_of_the_same_text():
    grants = pd.DataFrame({"grant_id": ["G1"], "partner": ["IOM"], "grant_type": ["one-year"],
                           "amount_nok": [1_250_000.0]})
    columns = ["grant_id", "partner", "grant_type", "amount_nok"]
    plain = shared.table(grants, columns, "nb")
    assert isinstance(plain, pd.DataFrame)
    assert plain.equals(tables.styled(grants, columns, "nb").data)
    assert plain.iloc[0].tolist() == ["G1", "IOM", "Ettårig", "1\u00a0250\u00a0000"]


def test_a_figure_is_built_once_for_the_same_data_and_options():
    first = shared.figure(charts.spend_totals, SPEND, "nb", None, scale=1.0)
    assert shared.figure(charts.spend_totals, SPEND.copy(), "nb", None, scale=1.0) is first
    assert shared.figure(charts.spend_totals, SPEND, "en", None, scale=1.0) is not first
    assert shared.figure(charts.spend_totals, SPEND, "nb", None, scale=1.35) is not first
    changed = SPEND.assign(amount_nok=[1_500_000.0, 2_600_000.0])
    other = shared.figure(charts.spend_totals, changed, "nb", None, scale=1.0)
    assert other is not first
    assert other.to_json() == charts.spend_totals(changed, "nb", None, scale=1.0).to_json()


def test_two_sessions_get_the_same_answers_and_an_import_makes_new_ones(db, tmp_path,
                                                                     monkeypatch):
    from streamlit.testing.v1 import AppTest

    from followup.ui import data
    from tests.support.builders import earlier_workbook, load, standard_workbook
    from tests.ui.test_pages import APP

    load(db, standard_workbook(tmp_path / "standard.xlsx"), "2012-06-29")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    data.ANSWERS.clear()
    AppTest.from_file(APP, default_timeout=60).run()
    first = {key: value for key, value in data.ANSWERS._values.items() if key[0] == str(db)}
    assert len(first) >= 8  # the overview's queries
    AppTest.from_file(APP, default_timeout=60).run()  # a second viewer: nothing made again
    again = {key: value for key, value in data.ANSWERS._values.items() if key[0] == str(db)}
    assert again.keys() == first.keys()
    assert all(again[key] is first[key] for key in first)
    load(db, earlier_workbook(tmp_path / "later.xlsx"), "2012-12-14")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    after = {key for key in data.ANSWERS._values if key[0] == str(db)} - first.keys()
    assert {key[2] for key in after} >= {"action_kpis", "status_by_actor", "spend_by_year"}
