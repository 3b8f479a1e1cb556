"""The upload page reviews a returned request (AppTest): it says which actions someone else
reported on after the request was made, and the editor refuses single proposed changes,
which keep their previous report when imported."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from followup import store
from followup.filters import Filters
from followup.store import rounds
from tests.support import APP
from tests.support.builders import load, standard_workbook, write_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def page(db, tmp_path, monkeypatch, cli):
    load(db, standard_workbook(tmp_path / "in" / "standard.xlsx"), "2012-12-14")
    assert cli("requests", "--out", tmp_path / "out", "--db", db, "--actor", "IOM",
               "--lang", "en").returncode == 0
    (path,) = (tmp_path / "out").iterdir()
    wb = load_workbook(path)
    ws = wb["Actions"]
    ws["A1"] = "Status as of 2013-01-15"
    ws["K4"], ws["K5"] = "Done", "Ongoing"
    wb.save(tmp_path / "iom.xlsx")
    # after the request, a compiled sheet says A6 is done
    load(db, write_workbook(tmp_path / "compiled.xlsx", {"Tiltak": [
        ["ID", "Tiltak", "Ansvarlig", "Seksjon", "Region", "Status"],
        ["A4", "a4", "IOM", "Hum", "Afrika", "Ferdig"],
        ["A5", "a5", "IOM", "Hum", "Globalt", "Ikke gjort"],
        ["A6", "a6", "IOM", "Hum", "Globalt", "Gjennomført"]]}), "2013-01-10",
        whole_plan=False)
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/upload.py").run()
    at.file_uploader(key="workbook").upload("iom.xlsx", (tmp_path / "iom.xlsx").read_bytes(),
                                            XLSX).run()
    assert not at.exception
    return at


def test_the_preview_says_what_changed_since_the_request(page):
    (warning,) = [re.sub(r"\\(.)", r"\1", w.value) for w in page.warning
                  if "forespørsel 1" in w.value]
    assert warning.splitlines()[1] == (
        "- A6 (IOM): Delvis gjennomført da forespørselen ble laget, nå Gjennomført "
        "(rapportert 10.01.2013)")


def test_a_refused_change_leaves_the_preview_and_keeps_its_report(page, db):
    at = page
    assert at.multiselect(key="upload_refused").options == ["A5", "A6"]
    at.multiselect(key="upload_refused").select("A6").run()
    assert not at.exception
    (changes,) = [d.value for d in at.dataframe if "Endring" in d.value.columns]
    assert list(changes["ID"]) == ["A5"]
    at.button(key="import").click().run()
    assert not at.exception
    with store.reader(db) as con:
        _, rows = store.run_query(con, "action_list", Filters().params(
            snapshot=store.latest_snapshot(con)))
        log = [(r["event"], r["detail"]) for r in rounds.audit_log(con) if r["snapshot_id"] == 3]
    assert {r[0]: r[3] for r in rows if r[2] == "IOM"} == {
        "A4": "done", "A5": "done", "A6": "done"}
    assert sorted(log, key=str) == [("import", None),
                                    ("refused", "A6 (IOM): Ongoing → Gjennomført")]


@pytest.fixture
def notes_only(db, tmp_path, monkeypatch, cli):
    """IOM's return (Norwegian) keeps every status: a comment on A5, a link on A6."""
    load(db, standard_workbook(tmp_path / "in" / "standard.xlsx"), "2012-12-14")
    assert cli("requests", "--out", tmp_path / "out", "--db", db, "--actor", "IOM"
               ).returncode == 0
    (path,) = (tmp_path / "out").iterdir()
    wb = load_workbook(path)
    ws = wb["Tiltak"]
    ws["A1"] = "Status per 15.01.2013"
    assert [ws["A4"].value, ws["A5"].value] == ["A5", "A6"]
    ws["L4"], ws["M5"] = "Venter på **partneren**", "https://arkiv.example.org/2013/7"
    wb.save(tmp_path / "iom.xlsx")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/upload.py").run()
    at.file_uploader(key="workbook").upload("iom.xlsx", (tmp_path / "iom.xlsx").read_bytes(),
                                            XLSX).run()
    assert not at.exception
    return at


def proposed_rows(at):
    (grid,) = [d.value for d in at.dataframe if "Felt" in d.value.columns]
    return grid.values.tolist()


def test_a_changed_comment_or_evidence_is_shown_and_can_be_refused(notes_only, db):
    at = notes_only
    assert any(m.value == "Tiltak: 0 ny status · 0 nye · 0 fjernet" for m in at.markdown)
    assert any(m.value.startswith("**Arbeidsboken foreslår 2 endringer i tiltak som alt er "
                                  "rapportert**") for m in at.markdown)
    assert proposed_rows(at) == [
        ["A5", "IOM", "Kommentar", "–", "Venter på **partneren**", ""],
        ["A6", "IOM", "Dokumentasjon", "–", "https://arkiv.example.org/2013/7", ""]]
    # before, the field offered only the actions whose status changed: here none
    assert at.multiselect(key="upload_refused").options == ["A5", "A6"]
    at.multiselect(key="upload_refused").select("A5").run()
    assert not at.exception
    assert [r[5] for r in proposed_rows(at)] == ["Avvist", ""]
    assert at.multiselect(key="upload_refused").options == ["A5", "A6"]
    at.button(key="import").click().run()
    assert not at.exception
    with store.reader(db) as con:
        _, rows = store.run_query(con, "action_list", Filters().params(
            snapshot=store.latest_snapshot(con)))
    assert {r[0]: (r[3], r[5], r[6]) for r in rows if r[2] == "IOM"} == {
        "A4": ("done", None, None), "A5": ("not_started", None, None),
        "A6": ("partial", None, "https://arkiv.example.org/2013/7")}
