"""Figures and tables shared by every viewer: built once, and sent exactly as before."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from followup.report.figures import charts, tables
from followup.ui import grids, shared

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


def test_a_shared_table_is_the_typed_grid_built_once_and_its_bytes_made_once():
    from streamlit import dataframe_util

    from followup.ui.compat import arrow_bytes

    arrow_bytes.install()  # a shared table's Arrow bytes made once: the same bytes as fresh ones
    for df, columns in ((CHANGES, tables.CHANGE_COLUMNS), (STALLED, tables.STALLED_COLUMNS),
                        (RECS, tables.RECOMMENDATION_COLUMNS)):
        kept = shared.table(df, columns, "nb")
        fresh = grids.grid(df, columns, "nb")
        assert shared.table(df.copy(), columns, "nb") is kept
        assert kept.data.equals(fresh.data) and kept.config == fresh.config
        data = dataframe_util.convert_pandas_df_to_arrow_bytes(kept.data)
        assert data == dataframe_util.convert_pandas_df_to_arrow_bytes(fresh.data)
        assert dataframe_util.convert_pandas_df_to_arrow_bytes(kept.data) is data  # kept


def test_a_grid_holds_typed_values_and_chips_on_the_status_colours():
    changes = grids.grid(CHANGES, tables.CHANGE_COLUMNS, "nb")
    assert changes.data["Før"].tolist() == [["Pågår"], [], ["Gjennomført"], ["Delvis gjennomført"]]
    assert changes.data["Endring"].tolist() == ["Ny status", "Nytt tiltak", "Fjernet", "Ny status"]
    chips = changes.config["Status"]["type_config"]["options"]
    assert {"value": "Gjennomført", "color": "#009E73"} in chips
    assert {"value": "Ikke gjort", "color": "#D55E00"} in chips
    stalled = grids.grid(STALLED, tables.STALLED_COLUMNS, "en")
    assert stalled.data["Since"].tolist() == [pd.Timestamp(2012, 6, 29), pd.Timestamp(2012, 12, 14)]
    assert stalled.config["Since"]["type_config"]["format"] == "YYYY-MM-DD"
    recs = grids.grid(RECS, tables.RECOMMENDATION_COLUMNS, "nb")
    assert recs.data["Gjennomført"].tolist() == [100.0, 33.33333]
    progress = recs.config["Gjennomført"]["type_config"]
    assert (progress["type"], progress["format"], progress["min_value"],
            progress["max_value"]) == ("progress", "%.0f %%", 0, 100)
    assert recs.data["Status"].tolist() == [["Gjennomført"], ["Pågår"]]


def test_a_grant_grid_keeps_amounts_in_whole_kroner_with_the_languages_grouping():
    grants = pd.DataFrame({"grant_id": ["G1"], "partner": ["IOM"], "grant_type": ["one-year"],
                           "amount_nok": [1_250_000.4]})
    columns = ["grant_id", "partner", "grant_type", "amount_nok"]
    nb, en = grids.grid(grants, columns, "nb"), grids.grid(grants, columns, "en")
    assert nb.data.iloc[0].tolist() == ["G1", "IOM", "Ettårig", 1_250_000.0]
    assert nb.config["Avtalebeløp (kr)"]["type_config"]["format"] == "%'\u00a0,d"
    assert en.config["Agreed (NOK)"]["type_config"]["format"] == "%,d"


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


def test_a_status_chip_is_written_in_the_ink_the_status_has_everywhere():
    # regression: "Delvis gjennomført" and "Ikke rapportert" came out white on their colour in
    # the grid (2.3:1 and 3.4:1), written dark in the briefing, the deck and the old table
    from followup.report.figures.charts import STATUS_COLORS

    for code in [*STATUS_COLORS, "implemented", "no_actions"]:
        chip = tables.chip_color(code)
        grid_ink = "#1F2933" if tables.luminance(chip) > 0.5 else "#FFFFFF"  # the grid's rule
        assert grid_ink == tables.status_colors(code)[1], code
    assert tables.chip_color("partial") == "#80C7EE"  # #56B4E9 lightened a quarter
    assert tables.chip_color("done") == "#009E73"
    assert (tables.luminance("#80C7EE") + 0.05) / 0.05 >= 4.5  # black on it


def test_a_list_of_actions_is_the_same_html_made_once():
    from followup.report.figures import action_list

    kept = shared.markup(action_list.render, STALLED, "nb", 18)
    assert kept == action_list.render(STALLED, "nb", 18)
    assert shared.markup(action_list.render, STALLED.copy(), "nb", 18) is kept
    assert shared.markup(action_list.render, STALLED, "en", 18) == action_list.render(
        STALLED, "en", 18) != kept
    assert 'style="--al-size:24px"' in shared.markup(action_list.render, STALLED, "nb", 24)
    recs = shared.markup(action_list.render_recommendations, RECS, "nb", 18)
    assert recs == action_list.render_recommendations(RECS, "nb", 18)


def test_a_rerun_of_a_page_makes_no_list_of_actions_again(two_rounds_app, monkeypatch):
    # regression (issue 26): the phone's list under each action table was made on every run,
    # for 600 actions most of a rerun's own work on Oppfølging at a ministry's scale
    from followup.report.figures import action_list

    made = []
    render = action_list.render
    monkeypatch.setattr(action_list, "render", lambda *a: made.append(a[1:]) or render(*a))
    two_rounds_app.switch_page("pages/followup.py").run()
    assert not two_rounds_app.exception
    first = len(made)
    assert first >= 1 and all(args == ("nb", 18) for args in made)
    two_rounds_app.run()
    assert not two_rounds_app.exception and len(made) == first
