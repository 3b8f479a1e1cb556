"""The upload page says what a workbook covers: the evaluation of its unnamed rows, the whole
plan or its actors' part, what is replaced, kept and removed (portfolio fixture, AppTest)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import APP
from tests.support.builders import load, stored
from tests.support.portfolio_fixture import DATES, workbooks

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def page(db, tmp_path, monkeypatch):
    paths = workbooks(tmp_path / "in")
    load(db, paths[0], DATES[0])
    load(db, paths[1], DATES[1], whole_plan=False, evaluation="E2")
    load(db, paths[2], DATES[2], whole_plan=False)
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/upload.py").run()
    return at, paths


def texts(at) -> list[str]:
    """Return the page's Markdown as read (workbook text is escaped, `\\:` reads `:`)."""
    return [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]


def test_an_actors_return_replaces_its_actions_and_names_those_kept(page):
    at, paths = page
    at.file_uploader(key="workbook").upload(paths[3].name, paths[3].read_bytes(), XLSX).run()
    at.date_input(key="as_of").set_value(dt.date(2012, 11, 1)).run()
    assert not at.exception
    assert "- Tiltakene til IOM i «E1»: sist rapportert per 29.06.2012, erstattes av denne " \
           "(per 01.11.2012)" in texts(at)
    assert ("Beholder sin siste rapport (arbeidsboka har ingen rader for dem):\n"
            "- Hum i «E1»: 2 tiltak, per 29.06.2012\n"
            "- MR/DEM i «E1»: 1 tiltak, per 29.06.2012") in texts(at)
    assert "Tiltak: 2 ny status · 0 nye · 0 fjernet" in texts(at)
    assert not at.success  # the numbers without a recommendations sheet are a warning
    assert at.warning[0].value == "1 advarsel (arbeidsboken kan likevel importeres)"


def test_the_whole_plan_box_removes_what_the_return_lacks_and_warns(page, db):
    at, paths = page
    at.file_uploader(key="workbook").upload(paths[3].name, paths[3].read_bytes(), XLSX).run()
    at.date_input(key="as_of").set_value(dt.date(2012, 11, 1)).run()
    at.checkbox(key="upload_whole_plan").check().run()
    assert "Tiltak: 2 ny status · 0 nye · 3 fjernet" in texts(at)
    assert not [s.value for s in at.success]  # no green box over a plan that drops three
    at.button(key="import").click().run()
    assert not at.exception
    assert stored(db, "SELECT scope, evaluation FROM coverage WHERE snapshot_id = 4 "
                      "AND scope = 'plan'") == [("plan", "E1")]


def test_unnamed_rows_take_the_evaluation_chosen(page, db, tmp_path):
    from tests.support.builders import write_workbook

    at, _ = page
    new = write_workbook(tmp_path / "ny.xlsx", {"Tiltak": [
        ["ID", "Tiltak", "Ansvarlig", "Status"], ["C1", "Ny rutine", "Hum", "Pågår"]]})
    at.file_uploader(key="workbook").upload(new.name, new.read_bytes(), XLSX).run()
    box = at.selectbox(key="upload_evaluation")
    assert box.options == ["E1", "E2"]
    box.set_value("E2").run()
    at.date_input(key="as_of").set_value(dt.date(2012, 12, 1)).run()
    assert "- Tiltakene til Hum i «E2»: sist rapportert per 01.09.2012, erstattes av denne " \
           "(per 01.12.2012)" in texts(at)
    at.button(key="import").click().run()
    assert not at.exception
    assert stored(db, "SELECT DISTINCT evaluation FROM actions WHERE snapshot_id = 4") == [
        ("E2",)]
