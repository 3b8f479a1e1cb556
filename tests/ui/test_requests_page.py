"""The Forespørsler section on Oppfølging (AppTest): everyone sees who was asked for a status
and who has answered; an editor makes and records the requests with a button and downloads
them as a zip; a viewer gets no button."""

from __future__ import annotations

import io
import zipfile

import duckdb
import pytest

from tests.support.builders import load, standard_workbook
from tests.ui.test_roles import APP, signed_in

PAGE = "pages/followup.py"


@pytest.fixture
def database(db, tmp_path, monkeypatch):
    load(db, standard_workbook(tmp_path / "in" / "standard.xlsx"), "2012-12-14")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    return db


def page(email):
    at = signed_in(APP, email)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def test_a_viewer_sees_that_nobody_was_asked_and_no_button(database):
    at = page("someone@mfa.no")
    assert "Forespørsler om status" in [h.value for h in at.header]
    assert "Ingen er spurt om status ennå." in [c.value for c in at.caption]
    assert "requests_make" not in [b.key for b in at.button]


def test_an_editor_makes_the_requests_records_them_and_sees_who_has_answered(database, cli,
                                                                             tmp_path):
    at = page("kari@mfa.no")
    at.button(key="requests_make").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Forespørsel 1 er registrert: 3 arbeidsbøker."]
    (button,) = [b for b in at.get("download_button") if b.key == "requests_zip_button"]
    con = duckdb.connect(str(database), read_only=True)
    try:
        assert con.execute("SELECT DISTINCT made_by, snapshot_id FROM requests").fetchall() == [
            ("kari@mfa.no", 1)]
        names = [r[0] for r in con.execute("SELECT file_name FROM requests ORDER BY actor")
                 .fetchall()]
    finally:
        con.close()
    at = page("someone@mfa.no")
    assert "0 av 3 spurte har svart siden forespørselen." in [m.value for m in at.markdown]
    (table,) = [d.value for d in at.dataframe if "Svart" in d.value.columns]
    assert list(table["Ansvarlig"]) == ["Hum", "IOM", "MR/DEM"]
    assert list(table["Svart"]) == ["Nei", "Nei", "Nei"]
    assert list(table["Åpne tiltak"]) == [1, 2, 1]
    assert len(names) == 3 and button is not None


def test_the_zip_holds_one_workbook_per_actor(database):
    from followup.cli import jobs
    from followup.filters import Filters

    outcome, data = jobs.make_requests(database, Filters(snapshot=1), "kari@mfa.no", "en")
    assert outcome.outcome == "ok"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert [n.split("-2")[0] for n in archive.namelist()] == [
            "status-request-Hum", "status-request-IOM", "status-request-MR-DEM"]
