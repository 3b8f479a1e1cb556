"""The round's date read from a workbook's title rows, and who the audit log names."""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.builders import (
    ACTION_HEADER,
    GRANT_HEADER,
    STANDARD_ACTIONS,
    STANDARD_GRANTS,
    earlier_workbook,
    load,
    standard_workbook,
    stored,
    write_workbook,
)

TITLES = {
    "Oppfølgingsplan per 14.12.2012": "2012-12-14",
    "Status pr. 14.12.2012": "2012-12-14",
    "Tiltaksplan, status per 14. desember 2012": "2012-12-14",
    "Follow-up plan as of 2012-12-14": "2012-12-14",
    "Follow-up plan as of 3 June 2013": "2013-06-03",
    "Status as of December 14, 2012": "2012-12-14",
    "Oppfølgingsplan pr. 1. mars 2013": "2013-03-01",
    "Tiltaksplan (nynorsk), pr. 30. juni 2012": "2012-06-30",
}


def titled(path, title_rows: list, grant_titles: list | None = None):
    """Write the standard figures with the given rows above the actions' header."""
    return write_workbook(path, {
        "Tiltak": [*title_rows, ACTION_HEADER, *STANDARD_ACTIONS],
        "Tilskudd": [*(grant_titles or []), GRANT_HEADER, *STANDARD_GRANTS],
    })


@pytest.mark.parametrize(("title", "expected"), TITLES.items())
def test_ingest_json_reports_the_date_found_in_the_title_row(db, tmp_path, cli, title,
                                                             expected):
    workbook = titled(tmp_path / "runde.xlsx", [[title], None])
    done = cli("ingest", workbook, "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["as_of"], out["as_of_source"]) == (expected, "workbook")
    assert out["as_of_found"] == {"as_of": expected, "sheet": "Tiltak", "row": 1, "text": title}
    assert stored(db, "SELECT as_of::VARCHAR FROM snapshots") == [(expected,)]


def test_the_date_may_be_a_date_cell_beside_its_label_in_a_lower_title_row(db, tmp_path, cli):
    workbook = titled(tmp_path / "runde.xlsx", [["Oppfølgingsplan"], None,
                                                ["Status per", dt.date(2012, 12, 14)], None])
    done = cli("ingest", workbook, "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [
        "Lastet inn som runde 1 per 14.12.2012 fra «runde.xlsx».",
        "Rundens dato 14.12.2012 er hentet fra arket Tiltak, rad 3."]


def test_a_date_in_a_title_without_a_word_saying_so_or_below_the_header_is_not_taken(
        db, tmp_path, cli):
    workbook = titled(tmp_path / "runde.xlsx", [["Frist 01.03.2012, plan 2012"]])
    done = cli("ingest", workbook, "--db", db, "--json", "--lang", "en")
    out = json.loads(done.stdout)
    today = dt.date.today()
    assert (out["as_of"], out["as_of_source"], out["as_of_found"]) == (
        today.isoformat(), "today", None)
    warning = (f"Warning: no date was found in the workbook's title rows; the round is dated "
               f"today ({today.isoformat()}). Give --as-of for another date.")
    assert done.stderr.strip() == warning
    assert out["warnings"][-1] == warning


def test_the_grants_sheet_title_counts_when_the_actions_sheet_has_none(db, tmp_path, cli):
    workbook = titled(tmp_path / "runde.xlsx", [], [["Tilskudd per 31.12.2012"]])
    out = json.loads(cli("ingest", workbook, "--db", db, "--json").stdout)
    assert (out["as_of"], out["as_of_found"]["sheet"]) == ("2012-12-31", "Tilskudd")


def test_as_of_given_wins_over_the_title(db, tmp_path, cli):
    workbook = titled(tmp_path / "runde.xlsx", [["Status per 14.12.2012"]])
    out = json.loads(cli("ingest", workbook, "--db", db, "--json", "--as-of",
                         "2013-01-02").stdout)
    assert (out["as_of"], out["as_of_source"]) == ("2013-01-02", "given")
    assert out["as_of_found"]["as_of"] == "2012-12-14"


def test_the_sample_rounds_carry_their_own_dates(db, cli):
    from followup.settings import SAMPLE_AS_OF, SAMPLE_WORKBOOKS

    for path, as_of in zip(SAMPLE_WORKBOOKS, SAMPLE_AS_OF):
        out = json.loads(cli("ingest", path, "--db", db, "--json").stdout)
        assert (out["as_of"], out["as_of_source"]) == (as_of, "workbook")


def test_without_a_title_the_round_is_dated_today_with_a_warning_in_bokmal(db, tmp_path, cli):
    done = cli("ingest", standard_workbook(tmp_path / "standard.xlsx"), "--db", db)
    today = f"{dt.date.today():%d.%m.%Y}"
    assert done.returncode == 0
    assert f"per {today} fra" in done.stdout.splitlines()[0]
    assert done.stderr.strip() == (
        f"Advarsel: fant ingen dato i tittelradene i arbeidsboken; runden er datert i dag "
        f"({today}). Oppgi --as-of for en annen dato.")


def test_the_audit_log_names_the_os_account_when_user_is_unset(db, tmp_path, cli):
    env = {k: v for k, v in os.environ.items() if k not in ("USER", "LOGNAME", "USERNAME")}
    workbook = standard_workbook(tmp_path / "standard.xlsx")
    done = cli("ingest", workbook, "--db", db, "--as-of", "2012-12-14", env=env)
    assert done.returncode == 0, done.stderr
    account = pwd.getpwuid(os.getuid()).pw_name
    assert stored(db, "SELECT who, loaded_by FROM audit_log, snapshots") == [
        (f"local:{account}", f"local:{account}")]


def test_the_audit_table_names_a_local_account_as_such():
    from followup.report.figures import tables

    rows = [{"logged_at": dt.datetime(2012, 12, 14, 9, 0), "who": who, "event": "import",
             "snapshot_id": 1, "as_of": dt.date(2012, 12, 14), "file_name": "a.xlsx",
             "sha256": "ab"} for who in ("local:kari", "kari@example.org", None, "sample")]
    assert list(tables.audit_frame(rows, "nb")["who"]) == [
        "kari (lokal bruker)", "kari@example.org", "–", "eksempeldata (lastet ved første start)"]
    assert list(tables.audit_frame(rows, "nn")["who"]) == [
        "kari (lokal brukar)", "kari@example.org", "–", "eksempeldata (lasta ved første start)"]
    assert list(tables.audit_frame(rows, "en")["who"]) == [
        "kari (local user)", "kari@example.org", "–", "sample data (loaded at first start)"]


def test_the_sample_rounds_loaded_on_first_use_are_logged_as_the_sample(db):
    from followup.store import ingest

    assert ingest.ensure_database(db)
    assert stored(db, "SELECT who, event FROM audit_log ORDER BY logged_at") == [
        ("sample", "import"), ("sample", "import"), ("sample", "import")]


# --- the upload page proposes the date it found -------------------------------------------

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def upload_page(db, tmp_path, monkeypatch):
    load(db, earlier_workbook(tmp_path / "earlier.xlsx"), "2012-06-29")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/upload.py").run()
    return at


def test_the_upload_page_proposes_the_title_date_and_says_where_it_was_found(
        upload_page, db, tmp_path):
    workbook = titled(tmp_path / "runde.xlsx", [["Oppfølging"], ["Status pr. 14.12.2012"]])
    upload_page.file_uploader(key="workbook").upload("runde.xlsx", workbook.read_bytes(),
                                                     XLSX).run()
    assert not upload_page.exception
    assert upload_page.date_input(key="as_of").value == dt.date(2012, 12, 14)
    assert "Datoen er hentet fra arket Tiltak, rad 2: «Status pr. 14.12.2012»" in [
        c.value.replace("\\", "") for c in upload_page.caption]
    upload_page.button(key="import").click().run()
    assert stored(db, "SELECT as_of::VARCHAR FROM snapshots ORDER BY snapshot_id") == [
        ("2012-06-29",), ("2012-12-14",)]


def test_the_upload_page_warns_when_it_proposes_today(upload_page, tmp_path):
    workbook = standard_workbook(tmp_path / "standard.xlsx")
    upload_page.file_uploader(key="workbook").upload("s.xlsx", workbook.read_bytes(), XLSX).run()
    assert upload_page.date_input(key="as_of").value == dt.date.today()
    assert [w.value for w in upload_page.warning][-1].startswith(
        "Fant ingen dato i tittelradene")
