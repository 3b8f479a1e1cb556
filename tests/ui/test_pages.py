"""Every page through Streamlit's AppTest, on a real DuckDB file built from fixture workbooks.

Figures for the standard round (14.12.2012), computed by hand (see test_queries):
  8 actions, 7 applicable (A3 not applicable), 3 done (A1, A4, A7) -> 42,9 %
  overdue on 14.12.2012: A5 (due 01.03.2012, not done) -> 1; A2 is due 31.12.2012
  2012 disbursed 2 500 000,50 -> 2,5 mill. kr, of which multi-year (G1) 2 000 000,50 -> 80,0 %
  2011 disbursed 1 500 000 -> change +1,0 mill. kr (66,7 %)
Against the earlier round (29.06.2012: 8 actions, all applicable, 1 done -> 12,5 %; overdue A5):
  A1 and A3 changed status, A4 is new, A9 was removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup import store
from tests.support.grid import as_text

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = ["pages/overview.py", "pages/followup.py", "pages/grants.py", "pages/portfolio.py",
         "pages/upload.py", "pages/recommendations.py"]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_the_rounds_key_figures(two_rounds_app):
    two_rounds_app.run()
    assert not two_rounds_app.exception
    assert metrics(two_rounds_app) == {
        "Tiltak": "8", "Andel gjennomført": "42,9\u00a0%", "Forfalt": "1",
        "Utbetalt 2012, mill.\u00a0kr": "2,5", "Flerårig andel 2012": "80,0\u00a0%"}
    deltas = {m.label: m.delta for m in two_rounds_app.metric}
    assert deltas["Andel gjennomført"] == "+30,4 p.p."  # 42,9 - 12,5
    assert deltas["Forfalt"] == "uendret"
    assert deltas["Utbetalt 2012, mill.\u00a0kr"] == "+1,0 (66,7\u00a0%)"


def test_overview_lists_what_changed_since_the_previous_round(two_rounds_app):
    two_rounds_app.run()
    changes = as_text(two_rounds_app.dataframe[0].value)
    assert list(changes["ID"]) == ["A1", "A3", "A4", "A9"]
    assert list(changes["Endring"]) == ["Ny status", "Ny status", "Nytt tiltak", "Fjernet"]
    assert list(changes["Før"]) == ["Pågår", "Ikke gjort", "", "Pågår"]
    assert list(changes["Status"]) == ["Gjennomført", "Bortfalt", "Gjennomført", ""]


def test_region_filter_changes_the_numbers(two_rounds_app):
    two_rounds_app.run()
    two_rounds_app.multiselect(key="region").set_value(["Europa"]).run()
    assert not two_rounds_app.exception
    figures = metrics(two_rounds_app)
    assert figures["Tiltak"] == "4"            # A2, A3, A7, A8
    assert figures["Andel gjennomført"] == "33,3\u00a0%"  # A7 of A2, A7, A8
    assert figures["Utbetalt 2012, mill.\u00a0kr"] == "2,0"  # G1 only (G2 is Globalt)


def test_url_parameters_restore_the_filters(two_rounds_app):
    two_rounds_app.query_params["region"] = "Europa"
    two_rounds_app.query_params["round"] = "1"
    two_rounds_app.run()
    assert not two_rounds_app.exception
    assert two_rounds_app.multiselect(key="region").value == ["Europa"]
    assert two_rounds_app.selectbox(key="round").value == 1
    figures = metrics(two_rounds_app)
    assert figures["Tiltak"] == "5"            # earlier round: A2, A3, A7, A8, A9
    assert figures["Andel gjennomført"] == "20,0\u00a0%"  # A7 of five applicable


def test_filters_survive_a_page_switch(two_rounds_app):
    two_rounds_app.run()
    two_rounds_app.multiselect(key="section").set_value(["MR/DEM"]).run()
    two_rounds_app.switch_page("pages/grants.py").run()
    assert two_rounds_app.multiselect(key="section").value == ["MR/DEM"]
    grants = two_rounds_app.dataframe[0].value
    assert sorted(grants["Avtalenr"]) == ["G2", "G3"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(two_rounds_app, page):
    two_rounds_app.run()
    two_rounds_app.switch_page(page).run()
    assert not two_rounds_app.exception
    assert not two_rounds_app.error


def test_charts_are_drawn_on_the_chart_pages(two_rounds_app):
    two_rounds_app.run()
    counts = {}
    for page in PAGES[:4]:
        two_rounds_app.switch_page(page).run()
        counts[page] = len(two_rounds_app.get("plotly_chart"))
    assert counts == {"pages/overview.py": 3, "pages/followup.py": 2, "pages/grants.py": 3,
                      "pages/portfolio.py": 3}


def test_follow_up_table_is_searchable(two_rounds_app):
    two_rounds_app.run()
    two_rounds_app.switch_page("pages/followup.py").run()
    assert list(two_rounds_app.dataframe[0].value["ID"]) == [f"A{i}" for i in range(1, 9)]
    two_rounds_app.text_input(key="q").set_value("iom").run()
    assert list(two_rounds_app.dataframe[0].value["ID"]) == ["A4", "A5", "A6"]


def test_a_filter_that_leaves_nothing_shows_an_empty_state(two_rounds_app):
    two_rounds_app.run()
    two_rounds_app.switch_page("pages/portfolio.py").run()
    two_rounds_app.multiselect(key="partner").set_value(["UNODC"]).run()
    two_rounds_app.multiselect(key="region").set_value(["Europa"]).run()
    assert not two_rounds_app.exception
    assert len(two_rounds_app.get("plotly_chart")) == 0
    assert any("Ingen tilskudd" in i.value for i in two_rounds_app.info)


def test_english_toggle_translates_the_page(two_rounds_app):
    two_rounds_app.run()
    two_rounds_app.segmented_control(key="lang").set_value("en").run()
    assert two_rounds_app.title[0].value == "Overview"
    assert metrics(two_rounds_app)["Share done"] == "42.9%"
    assert metrics(two_rounds_app)["Disbursed 2012, NOK\u00a0m"] == "2.5"


def test_portfolio_split_by_section(two_rounds_app):
    two_rounds_app.run()
    two_rounds_app.switch_page("pages/portfolio.py").run()
    two_rounds_app.segmented_control(key="split").set_value("section").run()
    assert not two_rounds_app.exception
    assert len(two_rounds_app.get("plotly_chart")) == 3


def test_empty_database_shows_a_friendly_message(db, monkeypatch):
    store.create(db)
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("Ingen rapporteringsrunder" in i.value for i in at.info)


@pytest.mark.parametrize("page", [*PAGES[:4], "pages/recommendations.py"])
def test_chart_pages_offer_the_briefing_the_slides_and_the_data(two_rounds_app, page):
    two_rounds_app.run()
    two_rounds_app.switch_page(page).run()
    labels = [b.label for b in two_rounds_app.get("download_button")]
    drafts = ["Last ned e-postene (.eml i zip)"] if page == "pages/followup.py" else []
    assert labels == ["Briefing (HTML)", "Lysbilder (pptx)", "Data (xlsx)", *drafts]


def test_presentation_mode_hides_the_sidebar_and_can_be_left(two_rounds_app):
    two_rounds_app.run()
    two_rounds_app.toggle(key="present").set_value(True).run()
    assert not two_rounds_app.exception
    hidden = '[data-testid="stSidebar"]'  # the presentation styles hide it
    assert any(hidden in h.proto.body for h in two_rounds_app.get("html"))
    assert len(two_rounds_app.get("download_button")) == 0
    assert len(two_rounds_app.get("plotly_chart")) == 3
    two_rounds_app.button(key="present_exit").click().run()
    assert not any(hidden in h.proto.body for h in two_rounds_app.get("html"))
    assert len(two_rounds_app.get("download_button")) == 3
