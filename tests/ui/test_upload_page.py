"""The upload page through AppTest: a good file, a bad file, the preview, Importer, deletion."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup.i18n import plain
from tests.support.builders import earlier_workbook, load, standard_workbook, write_workbook
from tests.support.reliability_tools import digest, rounds

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def upload_app(db, tmp_path, monkeypatch):
    load(db, earlier_workbook(tmp_path / "earlier.xlsx"), "2012-06-29")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/upload.py").run()
    return at


def upload(at, path: Path):
    at.file_uploader(key="workbook").upload(path.name, path.read_bytes(), XLSX).run()
    assert not at.exception
    return at


def test_a_good_file_is_summarised_previewed_and_imported(upload_app, db, tmp_path):
    upload(upload_app, standard_workbook(tmp_path / "runde-2.xlsx"))
    assert {m.label: m.value for m in upload_app.metric} == {
        "Tiltak": "8", "Avtaler": "3", "Utbetalinger (avtale og år)": "6"}
    assert "Tiltak: 2 ny status · 1 nye · 1 fjernet" in [m.value for m in upload_app.markdown]
    assert upload_app.button(key="import").disabled is False
    assert len(rounds(db)) == 1
    upload_app.date_input(key="as_of").set_value(dt.date(2012, 12, 14)).run()
    upload_app.button(key="import").click().run()
    assert not upload_app.exception
    assert upload_app.success[0].value.startswith("Importert som runde 2 per 14.12.2012")
    loaded = rounds(db)
    assert [r["file_name"] for r in loaded] == ["runde-2.xlsx", "earlier.xlsx"]


def test_a_bad_file_shows_every_located_problem_and_cannot_be_imported(upload_app, db, tmp_path):
    before = digest(db)
    bad = write_workbook(tmp_path / "feil.xlsx", {
        "Tiltak": [["Tiltak", "Ansvarlig", "Status"], ["a", "Hum", "Kanskje"]],
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til", 2011],
                     ["G1", "IOM", "2011", "2012", "åtte millioner"]]})
    upload(upload_app, bad)
    assert upload_app.error[0].value.startswith("2 feil må rettes")
    listed = upload_app.markdown[0].value.replace("\\", "")  # shown as written: Markdown escaped
    assert "Tiltak, rad 2, kolonne Status: «Kanskje» er ikke en kjent status" in listed
    assert "Tilskudd, rad 2, kolonne 2011: «åtte millioner» er ikke et beløp" in listed
    assert upload_app.button(key="import").disabled is True
    assert digest(db) == before


def test_the_same_file_twice_is_recognised_when_checked_before_importer(upload_app, db, tmp_path):
    upload(upload_app, tmp_path / "earlier.xlsx")  # the very file the fixture loaded
    assert next(i.value for i in upload_app.info) == (
        "Denne filen er allerede importert som runde 1 (per 29.06.2012). En ny import ville "
        "ikke endre noe.")
    assert upload_app.button(key="import").disabled is True
    assert len(rounds(db)) == 1


def test_deleting_a_round_needs_the_confirmation(upload_app, db, tmp_path):
    load(db, standard_workbook(tmp_path / "runde-2.xlsx"), "2012-12-14")
    upload_app.run()
    upload_app.selectbox(key="manage_round").set_value(2).run()
    assert upload_app.button(key="delete").disabled is True
    upload_app.checkbox(key="confirm_delete_2").check().run()
    upload_app.button(key="delete").click().run()
    assert not upload_app.exception
    assert upload_app.success[0].value == "Runde 2 er slettet."
    assert [r["snapshot_id"] for r in rounds(db)] == [1]


def test_the_template_and_the_originals_can_be_downloaded(upload_app):
    labels = [b.label for b in upload_app.get("download_button")]
    assert labels == ["Last ned mal (xlsx)", "Last ned originalfilen"]


def test_markdown_in_a_workbook_is_shown_as_text_not_as_a_link_or_image(upload_app, tmp_path):
    # regression: cell values went into st.markdown, so `![](url)` loaded an outside image
    bad = write_workbook(tmp_path / "lenke.xlsx", {
        "Tiltak": [["Tiltak", "Ansvarlig", "Status"],
                   ["a", "Hum", "![x](https://evil.example/p.png) [Skjema](https://evil)"]]})
    upload(upload_app, bad)
    listed = upload_app.markdown[0].value
    assert plain("![x](https://evil.example/p.png)") in listed
    assert "](https://evil)" not in listed


def test_a_recommendations_sheet_is_counted_in_the_summary(upload_app, tmp_path):
    from tests.support.builders import round_workbook

    upload(upload_app, round_workbook(tmp_path / "runde-3.xlsx", 2))
    assert {m.label: m.value for m in upload_app.metric} == {
        "Tiltak": "8", "Avtaler": "0", "Utbetalinger (avtale og år)": "0", "Anbefalinger": "6"}
