"""Several returns uploaded at once (AppTest): each checked and previewed on its own, a
workbook with errors named and left out, the others imported together, each its own round,
in the order of their dates."""

from __future__ import annotations

import datetime as dt

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
    returns = [filled(asked["IOM"], tmp_path / "iom.xlsx", "15.01.2013",
                      {"K4": "Gjennomført", "L5": "Nesten ferdig"}),
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
    # each in its own expander, named as written (Markdown-escaped: `\.` reads `.`)
    assert [e.label.replace("\\", "") for e in at.expander] == [
        "iom.xlsx", "hum.xlsx", "broken.xlsx"]
    assert [d.value for d in at.date_input] == [dt.date(2013, 1, 15), dt.date(2013, 1, 10)]
    assert "Datoen er hentet fra arket Tiltak, rad 1: «Status per 15.01.2013»" in [
        c.value.replace("\\", "") for c in at.caption]
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


def test_each_workbook_has_its_own_date_and_refusals_and_is_imported_with_them(page, db):
    at = page
    refuse = [m for m in at.multiselect if m.key.startswith("many_refused_")]
    # IOM proposes A5 done and a comment on A6; Hum A2 done
    assert [m.options for m in refuse] == [["A5", "A6"], ["A2"]]
    refuse[0].select("A6").run()
    assert not at.exception
    (hum_date,) = [d for d in at.date_input if d.value == dt.date(2013, 1, 10)]
    assert hum_date.key.startswith("many_as_of_")
    hum_date.set_value(dt.date(2013, 1, 20)).run()
    assert not at.exception
    at.button(key="import_all").click().run()
    assert not at.exception
    with store.reader(db) as con:
        rounds = [(r["snapshot_id"], r["as_of"].isoformat(), r["file_name"])
                  for r in store.snapshots(con)]
        _, rows = store.run_query(con, "action_list", Filters(snapshot=3).params())
    # Hum's return now dated after IOM's: imported second
    assert sorted(rounds) == [(1, "2012-12-14", "standard.xlsx"),
                              (2, "2013-01-15", "iom.xlsx"), (3, "2013-01-20", "hum.xlsx")]
    # A6's comment refused: it keeps its report (no comment); A5 and A2 done
    assert {r[0]: (r[3], r[5]) for r in rows if r[0] in ("A2", "A5", "A6")} == {
        "A2": ("done", None), "A5": ("done", None), "A6": ("partial", None)}


def test_a_hostile_file_name_is_shown_as_written_in_its_expander_and_the_left_out_line(
        db, tmp_path, monkeypatch):
    from followup.i18n import plain

    load(db, standard_workbook(tmp_path / "in" / "standard.xlsx"), "2012-12-14")
    # (a name with a slash is cut to its last part: ingest.display_name)
    name = "**fet** [lenke](javascript:alert(1)) :smile: ![x](data:,x) <img src=x> $x^2$"
    broken = write_workbook(tmp_path / "broken.xlsx", {"Tiltak": [
        ["ID", "Tiltak", "Ansvarlig", "Status", "Frist"], ["Z1", "z1", "Hum", "Pågår", "x"]]})
    good = standard_workbook(tmp_path / "good.xlsx")
    book = load_workbook(good)  # not the loaded standard.xlsx again (the same file when both
    book["Tiltak"]["A1"] = "Status per 15.01.2013"  # were written within one second)
    book.save(good)
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/upload.py").run()
    uploader = at.file_uploader(key="workbook")
    uploader.upload(f"{name}.xlsx", broken.read_bytes(), XLSX)
    uploader.upload("good.xlsx", good.read_bytes(), XLSX)
    uploader.run()
    assert not at.exception
    assert [e.label for e in at.expander] == [plain(f"{name}.xlsx"), plain("good.xlsx")]
    assert f"1 arbeidsbok importeres ikke (den har feil eller er allerede lastet inn): " \
           f"{plain(name + '.xlsx')}." in [c.value for c in at.caption]
