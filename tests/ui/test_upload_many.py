"""Several returns uploaded at once (AppTest): each checked and previewed on its own, a
workbook with errors named and left out, the others imported together, each its own round,
in the order of their dates."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from followup import store
from followup.filters import Filters
from tests.support import APP
from tests.support.builders import load, standard_workbook, write_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filled(path, out, as_of, cells):
    wb = load_workbook(path)
    ws = wb["Tiltak"]
    ws["A1"] = f"Status per {as_of}"
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(out)
    return out


@pytest.fixture
def page(db, tmp_path, monkeypatch, cli):
    load(db, standard_workbook(tmp_path / "in" / "standard.xlsx"), "2012-12-14")
    assert cli("requests", "--out", tmp_path / "out", "--db", db, "--actor", "IOM", "--actor",
               "Hum").returncode == 0
    asked = {p.name.split("-")[1]: p for p in (tmp_path / "out").iterdir()}
    returns = [filled(asked["IOM"], tmp_path / "iom.xlsx", "15.01.2013", {"K4": "Gjennomført"}),
               filled(asked["Hum"], tmp_path / "hum.xlsx", "10.01.2013", {"K4": "Gjennomført"}),
               write_workbook(tmp_path / "broken.xlsx", {"Tiltak": [
                   ["ID", "Tiltak", "Ansvarlig", "Status", "Frist"],
                   ["Z1", "z1", "Hum", "Pågår", "neste år"]]})]
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/upload.py").run()
    uploader = at.file_uploader(key="workbook")
    for path in returns:
        uploader.upload(path.name, path.read_bytes(), XLSX)
    uploader.run()
    assert not at.exception
    return at


def test_each_workbook_is_previewed_and_the_good_ones_imported_in_date_order(page, db):
    at = page
    # file names are Markdown-escaped as every text from a user is (`\.` reads `.`)
    assert [s.value.replace("\\", "") for s in at.subheader] == [
        "iom.xlsx", "hum.xlsx", "broken.xlsx"]
    assert "Per 15.01.2013 (fra arbeidsbokens tittelrad)." in [c.value for c in at.caption]
    assert "1 arbeidsbok importeres ikke (den har feil eller er allerede lastet inn): " \
        "broken.xlsx." in [c.value.replace("\\", "") for c in at.caption]
    assert at.button(key="import_all").label == "Importer alle 2 arbeidsbøkene"
    at.button(key="import_all").click().run()
    assert not at.exception
    with store.reader(db) as con:
        rounds = [(r["snapshot_id"], r["as_of"].isoformat(), r["file_name"])
                  for r in store.snapshots(con)]
        _, rows = store.run_query(con, "action_list", Filters(snapshot=3).params())
    assert sorted(rounds) == [(1, "2012-12-14", "standard.xlsx"),
                              (2, "2013-01-10", "hum.xlsx"), (3, "2013-01-15", "iom.xlsx")]
    # Hum's A2 and IOM's A5 (the first open row of each request) are done now
    assert {r[0]: r[3] for r in rows if r[0] in ("A2", "A5", "A6")} == {
        "A2": "done", "A5": "done", "A6": "partial"}
    assert at.success[0].value.replace("\\", "").startswith(
        "hum.xlsx: Importert som runde 2 per 10.01.2013.")
