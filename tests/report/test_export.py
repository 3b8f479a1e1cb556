"""`python -m followup export`: a tidy workbook read back with openpyxl; no cell is a formula.

Figures of the standard round (tests/builders.py, test_queries.py):
  actions 8, 7 applicable, 3 done (3/7), 1 overdue (A5)
  grants G1 (disbursed 2 900 000,50 = 1 000 000 + 2 000 000,50 - 100 000), G3 (1 250 000),
  G2 (500 000); together 4 650 000,50
  spend 2011 1 500 000, 2012 2 500 000,50, 2013 650 000; multi-year share 1, 0,8, 1
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from followup import store
from followup.filters import Filters
from followup.i18n import status_label
from tests.support.builders import TRICKY_ACTION_A7, TRICKY_COMMENTS
from tests.support.cli import run_cli

NOK = '#,##0.00 "kr"'


def export(db, out, *options):
    done = run_cli("export", "--db", db, "--out", out, *options)
    assert done.returncode == 0, done.stderr
    return load_workbook(out)


@pytest.fixture(scope="module")
def book(two_rounds_commented_db, tmp_path_factory):
    """Return the path of the unfiltered Norwegian export and the workbook read back."""
    out = tmp_path_factory.mktemp("out") / "data.xlsx"
    return out, export(two_rounds_commented_db, out)


def values(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


def column(ws, header: str) -> list:
    at = [c.value for c in ws[1]].index(header)
    return [row[at] for row in values(ws)]


def test_export_sheets_have_a_styled_frozen_filterable_header(book):
    wb = book[1]
    assert wb.sheetnames == ["Sammendrag", "Tiltak", "Endringer", "Står stille", "Frister",
                             "Tilskudd", "Utbetalinger"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions
        assert all(c.font.bold and c.fill.fgColor.rgb.endswith("1F2933") for c in ws[1])
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(6 <= w <= 60 for w in widths), (ws.title, widths)
    actions = wb["Tiltak"]
    assert [c.value for c in actions[1]] == [
        "ID", "Tiltak", "Ansvarlig", "Status", "Frist", "Forfalt", "Kommentar", "Dokumentasjon",
        "Anbefaling", "Seksjon", "Region"]
    assert actions.auto_filter.ref == "A1:K9"
    assert actions.column_dimensions["B"].width > actions.column_dimensions["A"].width


def test_export_actions_round_trip(book, two_rounds_commented_db):
    ws = book[1]["Tiltak"]
    with store.reader(two_rounds_commented_db) as con:
        names, rows = store.run_query(con, "action_list",
                                      Filters(snapshot=store.latest_snapshot(con)).params())
    source = [dict(zip(names, r)) for r in rows]
    got = values(ws)
    assert [r[0] for r in got] == [r["action_id"] for r in source]
    assert [r[3] for r in got] == [status_label(r["status"]) for r in source]
    assert [r[6] for r in got] == [r["comment"] for r in source]
    assert got[0] == ["A1", "a1", "Hum", "Gjennomført", dt.datetime(2012, 6, 30), "Nei",
                      TRICKY_COMMENTS["A1"], None, None, "Hum", "Globalt"]
    assert got[4][4:6] == [dt.datetime(2012, 3, 1), "Ja"]
    assert got[6][1] == TRICKY_ACTION_A7
    assert ws["E2"].number_format == "DD.MM.YYYY"


def test_export_grants_and_disbursements_round_trip_in_nok(book):
    grants, paid = book[1]["Tilskudd"], book[1]["Utbetalinger"]
    assert list(zip(column(grants, "Avtalenr"), column(grants, "Utbetalt i perioden"))) == [
        ("G1", 2_900_000.5), ("G3", 1_250_000), ("G2", 500_000)]
    assert column(grants, "Type") == ["Flerårig", "Flerårig", "Ettårig"]
    assert [(r[0], r[5], r[6]) for r in values(paid)] == [
        ("G1", 2011, 1_000_000), ("G1", 2012, 2_000_000.5), ("G1", 2013, -100_000),
        ("G2", 2012, 500_000), ("G3", 2011, 500_000), ("G3", 2013, 750_000)]
    assert all(row[6].number_format == NOK for row in paid.iter_rows(min_row=2))
    assert all(row[10].number_format == NOK for row in grants.iter_rows(min_row=2))
    assert grants["G2"].number_format == "DD.MM.YYYY"


def test_export_summary_holds_the_key_figures(book):
    ws = book[1]["Sammendrag"]
    facts = {row[0].value: row[1] for row in ws.iter_rows(min_row=2)}
    assert {k: c.value for k, c in facts.items()} == {
        "Rapporteringsrunde per": dt.datetime(2012, 12, 14),
        "Fil": "commented.xlsx",
        "Utvalg": "Hele porteføljen",
        "Sammenlignet med runden per": dt.datetime(2012, 6, 29),
        "Tiltak": 8, "Tiltak som ikke er bortfalt": 7, "Gjennomførte tiltak": 3,
        "Andel gjennomført": pytest.approx(3 / 7), "Forfalt": 1,
        "Avtaler": 3, "Avtalebeløp i alt": None, "Utbetalt i perioden": 4_650_000.5,
        "Utbetalt 2011": 1_500_000, "Flerårig andel 2011": 1,
        "Utbetalt 2012": 2_500_000.5, "Flerårig andel 2012": pytest.approx(0.8),
        "Utbetalt 2013 (plan)": 650_000, "Flerårig andel 2013 (plan)": 1,
    }
    assert facts["Andel gjennomført"].number_format == "0.0 %"
    assert facts["Utbetalt 2012"].number_format == NOK
    assert facts["Rapporteringsrunde per"].number_format == "DD.MM.YYYY"


def test_export_never_writes_a_formula_and_keeps_text_verbatim(book):
    path, wb = book
    for ws in wb:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)
    comments = wb["Tiltak"]["G"][1:]
    for cell, want in zip(comments, TRICKY_COMMENTS.values()):
        assert cell.value == want and cell.data_type == "s"
        assert cell.quotePrefix == want.startswith(("=", "+", "-", "@"))
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n)
                                  for n in sheets)


def test_export_filters_reduce_the_rows(two_rounds_commented_db, tmp_path):
    wb = export(two_rounds_commented_db, tmp_path / "europa.xlsx", "--region", "Europa")
    assert column(wb["Tiltak"], "ID") == ["A2", "A3", "A7", "A8"]
    assert column(wb["Tilskudd"], "Avtalenr") == ["G1", "G3"]
    assert sorted(set(column(wb["Utbetalinger"], "Avtalenr"))) == ["G1", "G3"]
    assert wb["Sammendrag"]["B4"].value == "Region: Europa"  # beside its label Utvalg, once
    wb = export(two_rounds_commented_db, tmp_path / "mrdem.xlsx", "--section", "MR/DEM",
                "--from-year", "2012")
    assert column(wb["Tiltak"], "ID") == ["A7", "A8"]
    assert column(wb["Tilskudd"], "Avtalenr") == ["G3", "G2"]
    assert [(r[0], r[5]) for r in values(wb["Utbetalinger"])] == [("G2", 2012), ("G3", 2013)]


def test_export_in_english(two_rounds_commented_db, tmp_path):
    wb = export(two_rounds_commented_db, tmp_path / "en.xlsx", "--lang", "en")
    assert wb.sheetnames == [
        "Summary",
        "Actions",
        "Changes",
        "Stalled",
        "Deadlines",
        "Grants",
        "Disbursements",
    ]
    assert column(wb["Actions"], "Status")[:2] == ["Done", "Ongoing"]
    assert wb["Disbursements"]["G2"].number_format == '"NOK" #,##0.00'
    assert wb["Actions"]["E2"].number_format == "YYYY-MM-DD"


def test_export_to_a_missing_folder_fails_cleanly(two_rounds_commented_db, tmp_path):
    done = run_cli(
        "export", "--db", two_rounds_commented_db, "--out", tmp_path / "no" / "such" / "x.xlsx"
    )
    assert done.returncode == 1
    assert "Kan ikke skrive" in done.stderr


def test_query_csv_quotes_text_that_excel_would_run(two_rounds_commented_db):
    done = run_cli("query", "action_list", "--db", two_rounds_commented_db, "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    comments = {r["action_id"]: r["comment"] for r in rows}
    assert comments["A1"] == "'" + TRICKY_COMMENTS["A1"]
    assert comments["A2"] == "'+47 22 24 36 00"
    assert comments["A3"] == "'-avklart med IOM"
    assert comments["A4"] == "'@Hum følger opp"
    assert comments["A5"] == TRICKY_COMMENTS["A5"]
    assert comments["A6"] == "Vanlig kommentar"
    assert [r["due_date"] for r in rows][:2] == ["2012-06-30", "2012-12-31"]
