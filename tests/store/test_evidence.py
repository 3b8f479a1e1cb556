"""Evidence (the optional column Dokumentasjon | Evidence): kept per round, in the action's
history, the action list, the grid, the list view, the briefing and the export; only an https
link is ever a link, and it opens without the opener or the referrer."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pandas as pd

from followup import store
from followup.filters import Filters
from followup.report.figures import action_list, links, tables
from tests.support.builders import load_sheets

HEADER = ["ID", "Tiltak", "Ansvarlig", "Status", "Dokumentasjon"]
LINK = "https://www.regjeringen.no/no/dokumenter/id2345/"
FIRST = [HEADER, ["A1", "a1", "Hum", "Pågår", "2013/4567-2"],
         ["A2", "a2", "Hum", "Gjennomført", None],
         ["A3", "a3", "IOM", "Pågår", "http://arkiv.example/sak/1"]]
SECOND = [HEADER, ["A1", "a1", "Hum", "Gjennomført", LINK],
          ["A2", "a2", "Hum", "Gjennomført", "  "],
          ["A3", "a3", "IOM", "Gjennomført", "javascript:alert(1)"]]


def two_rounds(db):
    load_sheets(db, {"Tiltak": FIRST}, "2012-06-29", "juni.xlsx")
    return load_sheets(db, {"Tiltak": SECOND}, "2012-12-14", "desember.xlsx")


def rows(db, name, **params):
    with store.reader(db) as con:
        return store.run_query(con, name, Filters(snapshot=2).params(**params))[1]


def test_evidence_is_kept_per_round_and_each_report_shows_its_own(db):
    two_rounds(db)
    assert [r[2:] for r in rows(db, "action_history", action="A1")] == [
        ("ongoing", "Hum", None, "2013/4567-2"), ("done", "Hum", None, LINK)]
    # a blank cell is no evidence; the state's evidence is the latest report's
    assert [(r[0], r[6]) for r in rows(db, "action_list")] == [
        ("A1", LINK), ("A2", None), ("A3", "javascript:alert(1)")]


def test_evidence_that_looks_like_a_link_but_is_not_https_is_kept_as_text_with_a_warning(db):
    first = load_sheets(db, {"Tiltak": FIRST}, "2012-06-29")
    assert [p.text("nb") for p in first.warnings] == [
        "Tiltak, rad 4, kolonne Dokumentasjon: «http://arkiv.example/sak/1» er ikke en "
        "https-lenke; den vises som tekst."]
    second = load_sheets(db, {"Tiltak": SECOND}, "2012-12-14", "desember.xlsx")
    assert [(p.row, p.value) for p in second.warnings] == [(4, "javascript:alert(1)")]


def test_the_evidence_is_searched_with_the_rest_of_the_action(db):
    two_rounds(db)
    assert [r[0] for r in rows(db, "action_list", search="id2345")] == ["A1"]


def test_only_an_https_link_is_drawn_as_a_link():
    assert links.evidence_html(LINK) == (
        f'<a href="{LINK}" target="_blank" rel="noopener noreferrer">{LINK}</a>')
    assert links.evidence_html("2013/4567-2") == "2013/4567-2"
    assert links.evidence_html("javascript:alert(1)") == "javascript:alert(1)"
    assert links.evidence_html('https://evil.example/"onmouseover="x') == (
        "https://evil.example/&quot;onmouseover=&quot;x")
    assert links.evidence_html("https://evil.example/<b>") == "https://evil.example/&lt;b&gt;"
    assert links.evidence_html("https://evil.example/\x07") == "https://evil.example/\x07"
    assert links.evidence_html(None) == "" and links.evidence_html(float("nan")) == ""


def test_the_grid_splits_evidence_into_text_and_an_https_link(db):
    two_rounds(db)
    with store.reader(db) as con:
        df = store.relation(con, "action_list", Filters(snapshot=2).params()).df()
    grid = tables.typed(df, tables.ACTION_COLUMNS, "nb")
    assert list(grid.columns)[-3:] == ["Kommentar", "Dokumentasjon", "Lenke til dokumentasjon"]
    assert list(grid["Dokumentasjon"]) == ["", "", "javascript:alert(1)"]
    assert list(grid["Lenke til dokumentasjon"].fillna("")) == [LINK, "", ""]


def test_a_round_without_evidence_gets_no_empty_column():
    without = pd.DataFrame({"action_id": ["A1"], "evidence": [None]})
    assert tables.with_evidence(tables.ACTION_COLUMNS, without) == [
        "action_id", "action", "actor", "status", "due_date", "comment"]
    with_one = pd.DataFrame({"action_id": ["A1"], "evidence": ["2013/1-1"]})
    assert tables.with_evidence(tables.HISTORY_COLUMNS, with_one)[-1] == "evidence"


class Anchors(HTMLParser):
    """Collect every <a> with its attributes and text."""

    def __init__(self):
        super().__init__()
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = [dict(attrs), ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.found.append(tuple(self._open))
            self._open = None


def anchors(html: str) -> list:
    parser = Anchors()
    parser.feed(html)
    return parser.found


def test_the_list_view_links_only_the_https_evidence(db):
    two_rounds(db)
    with store.reader(db) as con:
        df = store.relation(con, "action_list", Filters(snapshot=2).params()).df()
    html = action_list.render(df, "en")
    assert anchors(html) == [({"href": LINK, "target": "_blank",
                               "rel": "noopener noreferrer"}, LINK)]
    assert "Evidence: javascript:alert(1)</p>" in html


def test_the_briefing_and_the_export_carry_the_evidence(db, tmp_path, cli):
    two_rounds(db)
    done = cli("brief", "--out", tmp_path / "b.html", "--db", db)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert [a for a in anchors(page) if a[0].get("href", "").startswith("http")] == [
        ({"href": LINK, "target": "_blank", "rel": "noopener noreferrer"}, LINK)]
    assert '<td class="c-evidence">javascript:alert(1)</td>' in page
    done = cli("export", "--out", tmp_path / "x.xlsx", "--db", db)
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "x.xlsx")["Tiltak"]
    heads = [c.value for c in sheet[1]]
    evidence = [r[heads.index("Dokumentasjon")] for r in sheet.iter_rows(2, values_only=True)]
    assert evidence == [LINK, None, "javascript:alert(1)"]
    assert sheet.cell(2, heads.index("Dokumentasjon") + 1).hyperlink is None


def test_an_old_database_gains_the_column_and_answers_without_evidence(db):
    load_sheets(db, {"Tiltak": [HEADER[:4], ["A1", "a1", "Hum", "Pågår"]]}, "2012-06-29")
    with store.writer(db) as con:
        con.execute("ALTER TABLE actions DROP COLUMN evidence")
        con.execute("DELETE FROM about")
    assert store.upgrade(db)
    with store.reader(db) as con:
        assert store.run_query(con, "action_history", Filters(snapshot=1).params(
            action="A1"))[1] == [(1, dt.date(2012, 6, 29), "ongoing", "Hum", None, None)]
