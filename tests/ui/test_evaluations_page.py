"""The Evalueringer page on two evaluations (tests/support/portfolio_fixture.py), AppTest."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.support import APP
from tests.support.portfolio_fixture import portfolio_rounds


@pytest.fixture
def portfolio_app(db, tmp_path, monkeypatch):
    portfolio_rounds(db, tmp_path / "in")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/evaluations.py").run()
    assert not at.exception
    return at


def test_the_portfolio_table_has_one_typed_row_per_evaluation(portfolio_app):
    table = portfolio_app.dataframe(key="portfolio_table").value
    assert list(table["evaluation"]) == ["E1", "E2"]
    assert list(table["last_report"]) == [pd.Timestamp(2012, 12, 14), pd.Timestamp(2012, 9, 1)]
    assert list(table["completion_pct"]) == [60.0, 50.0]
    assert list(table["acceptance_pct"].fillna(-1)) == [66.7, -1]
    assert list(table["link"].fillna("")) == ["https://norad.example/iom", ""]  # no https: none
    assert [s.value for s in portfolio_app.main.get("header")] == [
        "Hvor langt hver evaluering har kommet", "Åpne anbefalinger etter alder",
        "Hvem har ikke rapportert"]


def test_a_shorter_reporting_rule_flags_the_second_evaluation(db, tmp_path, monkeypatch):
    portfolio_rounds(db, tmp_path / "in")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/evaluations.py")
    at.session_state["f_evaluation"] = []
    at.run()
    assert not at.exception
    assert at.success[0].value == ("Every evaluation was reported on in the 12 months before "
                                   "2012-12-14.")
