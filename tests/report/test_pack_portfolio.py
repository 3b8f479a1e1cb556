"""The meeting pack shows how far each evaluation has come when a round holds more than one
(the briefing's section, the deck's slide, the export's sheet), made by the real command line
from the five rounds of tests/support/portfolio_fixture.py. By hand, as of R5 (14.12.2012):

  E1: last reported 14.12.2012; 5 actions (A1 A2 A3 done, A4 ongoing, A6 not started): 3 done,
      60 %; 3 recommendations, all answered, 2 accepted (Enig, Delvis enig) = 67 %; of those,
      recommendation 1 (A1, A2 done) implemented, 2 (A3 done, A4 ongoing) not: 50 %, 1 open;
      report 2011, response 15.09.2011, owner Hum, an https link.
  E2: last reported 01.09.2012 (R2); 2 actions, B2 done: 50 %; no recommendations: –.
  Neither is overdue with the default 12 months (E2's 01.09.2012 is 3½ months before).
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from tests.support.cli import run_cli
from tests.support.htmldoc import parse, table_rows
from tests.support.portfolio_fixture import portfolio_rounds

EN_ROWS = [["E1", "2012-12-14", "", "5", "60%", "3", "67%", "50%", "1"],
           ["E2", "2012-09-01", "", "2", "50%", "0", "–", "–", "0"]]
NB_SLIDE = [["Evaluering", "Sist rapportert", "Rapport", "Gjennomført", "Akseptert",
             "Aksepterte gjennomført", "Åpne anbefalinger"],
            ["E1", "14.12.2012", "", "60\u00a0%", "67\u00a0%", "50\u00a0%", "1"],
            ["E2", "01.09.2012", "", "50\u00a0%", "–", "–", "0"]]


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    folder = tmp_path_factory.mktemp("portfolio")
    db = folder / "db" / "followup.duckdb"
    portfolio_rounds(db, folder / "in")
    return db, folder


def made(portfolio, command: str, name: str, *options):
    db, folder = portfolio
    out = folder / name
    done = run_cli(command, "--db", db, "--out", out, *options)
    assert done.returncode == 0, done.stderr
    return out


def test_the_briefing_has_a_row_per_evaluation(portfolio):
    doc = parse(made(portfolio, "brief", "brief-en.html", "--lang", "en")
                .read_text(encoding="utf-8"))
    section = doc.one("section", id="s-portfolio")
    assert section.one("h2").text == "How far each evaluation has come"
    assert [th.text for th in section.find_all("th")] == [
        "Evaluation", "Last reported", "Report", "Actions", "Done", "Recommendations",
        "Accepted", "Accepted implemented", "Open recommendations"]
    assert table_rows(doc, "t-portfolio") == EN_ROWS
    assert section.find_all("div", id="chart-portfolio")


def test_an_evaluation_long_unreported_is_flagged(portfolio):
    db, folder = portfolio
    done = run_cli("brief", "--db", db, "--out", folder / "brief-late.html",
                   env={"FOLLOWUP_REPORT_MONTHS": "3"})
    assert done.returncode == 0, done.stderr
    doc = parse((folder / "brief-late.html").read_text(encoding="utf-8"))
    assert [row[:3] for row in table_rows(doc, "t-portfolio")] == [
        ["E1", "14.12.2012", ""], ["E2", "01.09.2012", "Forfalt"]]


def test_a_briefing_of_one_evaluation_has_no_portfolio_section(portfolio):
    doc = parse(made(portfolio, "brief", "brief-e2.html", "--evaluation", "E2")
                .read_text(encoding="utf-8"))
    assert not doc.find_all("section", id="s-portfolio")
    assert doc.find_all("section", id="s-actions")


def test_the_deck_has_the_portfolio_slide_after_the_key_figures(portfolio):
    prs = Presentation(str(made(portfolio, "slides", "deck.pptx")))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles[1:3] == ["Nøkkeltall", "Hvor langt hver evaluering har kommet"]
    grid = next(shape.table for shape in prs.slides[2].shapes if shape.has_table)
    assert [[cell.text for cell in row.cells] for row in grid.rows] == NB_SLIDE
    one = Presentation(str(made(portfolio, "slides", "deck-e1.pptx", "--evaluation", "E1")))
    assert "Hvor langt hver evaluering har kommet" not in [
        s.shapes.title.text_frame.text for s in one.slides]


def test_the_export_has_a_portfolio_sheet_of_typed_cells(portfolio):
    wb = load_workbook(made(portfolio, "export", "data-en.xlsx", "--lang", "en"))
    assert wb.sheetnames[:3] == ["Summary", "Portfolio", "Actions"]
    rows = [[c.value for c in row] for row in wb["Portfolio"].iter_rows()]
    assert rows[0] == ["Evaluation", "Last reported", "Report overdue", "Actions",
                       "Actions done", "Done", "Recommendations", "Accepted",
                       "Accepted implemented", "Open recommendations", "Report year",
                       "Management response (date)", "Owner", "Report"]
    assert rows[1] == ["E1", dt.datetime(2012, 12, 14), "No", 5, 3, 0.6, 3, 0.667, 0.5, 1,
                       2011, dt.datetime(2011, 9, 15), "Hum", "https://norad.example/iom"]
    assert rows[2] == ["E2", dt.datetime(2012, 9, 1), "No", 2, 1, 0.5, 0, None, None, 0,
                       2012, None, "Regionalavdelingen", "www.example.org/rapport"]
    assert wb["Portfolio"]["F2"].number_format == "0.0%"
    one = load_workbook(made(portfolio, "export", "data-e2.xlsx", "--evaluation", "E2"))
    assert one.sheetnames[:2] == ["Sammendrag", "Tiltak"]
