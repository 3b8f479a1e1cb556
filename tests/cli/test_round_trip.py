"""The round trip as the users make it, on the sample's IOM rounds: requests to four actors;
IOM fills its request in (openpyxl), the embassies fill theirs and open and save it in
LibreOffice, the regional department fills its own; MR/DEM stays silent; one of IOM's
proposed changes is refused. Figures computed by hand below."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from followup import store
from followup.filters import Filters
from followup.settings import SAMPLE_AS_OF, SAMPLE_WORKBOOKS
from followup.store import rounds
from tests.support.builders import load

LINK = "https://www.iom.int/sites/g/files/handbok-2013.pdf"
ASKED = ("IOM", "Ambassadene", "Regionalavdelingen", "MR/DEM-seksjonen")


def fill(path: Path, out: Path, as_of: str, rows: dict[str, tuple]) -> Path:
    """Fill a request as its actor would: the date, then status, comment, evidence by ID."""
    wb = load_workbook(path)
    ws = wb["Tiltak"]
    ws["A1"] = f"Status per {as_of}"
    for row in ws.iter_rows(min_row=4):
        if row[0].value in rows:
            for cell, value in zip(row[10:13], rows[row[0].value]):
                if value is not None:
                    cell.value = value
    wb.save(out)
    return out


def through_libreoffice(path: Path, folder: Path) -> Path:
    """Open and save the workbook in LibreOffice (headless), as an .xlsx again."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder.mkdir()
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}",
                           "--headless", "--convert-to", "xlsx", "--outdir", str(folder),
                           str(path)], capture_output=True, text=True, timeout=240)
    saved = folder / path.name
    assert done.returncode == 0 and saved.exists(), done.stderr
    with zipfile.ZipFile(saved) as written:
        assert b"LibreOffice" in written.read("docProps/app.xml")
    return saved


def test_requests_out_returns_in_one_refused_one_silent(db, tmp_path, cli):
    for path, as_of in zip(SAMPLE_WORKBOOKS, SAMPLE_AS_OF):  # the sample's IOM rounds: the
        load(db, path, as_of)  # state as of round 2 (14.12.2012)
    args = [a for actor in ASKED for a in ("--actor", actor)]
    made = cli("requests", "--out", tmp_path / "out", "--db", db, "--json", *args)
    assert made.returncode == 0, made.stderr
    files = {r["actor"]: tmp_path / "out" / r["file"] for r in json.loads(made.stdout)["requests"]}
    assert {a: r["actions"] for a, r in zip(files, json.loads(made.stdout)["requests"])} == {
        "Ambassadene": 1, "IOM": 4, "MR/DEM-seksjonen": 1, "Regionalavdelingen": 1}

    # IOM: IOM-1 and IOM-3 done (a link, an archive reference), IOM-2 done (to be refused),
    # IOM-5 still ongoing with a new comment
    iom = fill(files["IOM"], tmp_path / "iom.xlsx", "15.01.2013", {
        "IOM-1": ("Gjennomført", "Håndboken er revidert", LINK),
        "IOM-2": ("Gjennomført", "Ferdig", None),
        "IOM-3": ("Gjennomført", None, "2013/4567-2"),
        "IOM-5": (None, "Dokumentasjonen pågår fortsatt", None)})
    done = cli("ingest", iom, "--db", db, "--keep-previous", "IOM-2", "--who", "kari", "--json")
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    assert (loaded["snapshot_id"], loaded["as_of"], loaded["since"]) == (3, "2013-01-15", None)
    assert [(r["action_id"], r["proposed"], r["kept"]) for r in loaded["refused"]] == [
        ("IOM-2", "Gjennomført", "Pågår")]

    # the embassies: UD-4 done; the workbook opened and saved in LibreOffice
    embassies = through_libreoffice(
        fill(files["Ambassadene"], tmp_path / "ambassadene.xlsx", "20.01.2013",
             {"UD-4": ("Gjennomført", "Tatt opp på ambassadørmøtet", None)}),
        tmp_path / "libreoffice")
    done = cli("ingest", embassies, "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    # the state moved since the request (IOM's return), but none of the embassies' actions
    assert (loaded["snapshot_id"], loaded["as_of"]) == (4, "2013-01-20")
    assert loaded["since"]["actions"] == [] and loaded["since"]["snapshot_id"] == 2

    # the regional department: UD-3 under way, with a reference
    regional = fill(files["Regionalavdelingen"], tmp_path / "regional.xlsx", "22.01.2013",
                    {"UD-3": ("Pågår", "Sak opprettet", "2013/99-1")})
    assert cli("ingest", regional, "--db", db).returncode == 0

    with store.reader(db) as con:
        latest = store.latest_snapshot(con)
        params = Filters(snapshot=latest).params()
        by_actor = {r[0]: r[1:] for r in store.run_query(con, "completion_by_actor", params)[1]}
        status = {r[0]: (r[2], r[6] is not None, r[7])
                  for r in store.run_query(con, "reporting_status", params)[1]}
        actions = {r[0]: (r[3], r[5], r[6])
                   for r in store.run_query(con, "action_list", params)[1]}
        refused = [r["detail"] for r in rounds.audit_log(con) if r["event"] == "refused"]
    assert latest == 5
    # by hand: before, IOM had 1 of 5 done (IOM-4; IOM-6 is not applicable), now IOM-1 and
    # IOM-3 too (IOM-2 refused): 3 of 5; the embassies 1 of 1; the regional department 0 of
    # 1; Hum (2 of 2), Russia (1 of 2) and MR/DEM (0 of 1) as they were
    assert by_actor == {
        "Hum-seksjonen": (2, 2, 100.0), "Ambassadene": (1, 1, 100.0), "IOM": (5, 3, 60.0),
        "Seksjon for Russland, Eurasia og regionalt samarbeid": (2, 1, 50.0),
        "MR/DEM-seksjonen": (1, 0, 0.0), "Regionalavdelingen": (1, 0, 0.0)}
    assert actions["IOM-1"] == ("done", "Håndboken er revidert", LINK)
    assert actions["IOM-2"][0] == "ongoing"
    assert actions["IOM-3"][0::2] == ("done", "2013/4567-2")
    assert actions["UD-4"][:2] == ("done", "Tatt opp på ambassadørmøtet")
    assert actions["UD-3"] == ("ongoing", "Sak opprettet", "2013/99-1")
    # who has answered: three returned, MR/DEM silent, Hum and Russia never asked
    assert status == {
        "Ambassadene": (dt.date(2013, 1, 20), True, True),
        "IOM": (dt.date(2013, 1, 15), True, True),
        "Regionalavdelingen": (dt.date(2013, 1, 22), True, True),
        "MR/DEM-seksjonen": (dt.date(2012, 12, 14), True, False),
        "Hum-seksjonen": (dt.date(2012, 12, 14), False, None),
        "Seksjon for Russland, Eurasia og regionalt samarbeid": (
            dt.date(2012, 12, 14), False, None)}
    assert refused == ["IOM-2 (IOM): Gjennomført → Pågår"]
