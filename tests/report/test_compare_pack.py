"""The meeting pack compares with the round chosen (`--compare`, the app's "Compare with"),
by default the round just before; the key figures stay against the round just before.

On the three rounds of tests/builders.py (ids follow ingest order): R1 16.01.2012 (id 1),
R2 29.06.2012 (id 3), R3 14.12.2012 (id 2, the latest). Statuses R1 / R2 / R3 (see
test_action_rounds): B1 ongoing ×3, B2 not started / ongoing / ongoing, B3 ongoing / done /
done, B4 not started / absent / not started, B5 not applicable ×3, "uten id" partial ×3,
B6 ongoing / partial / ongoing, B7 only in R3 (ongoing). So, by hand:
  R3 against R2 (the default): B6 partial -> ongoing, B4 new, B7 new
  R3 against R1: B2 not started -> ongoing, B3 ongoing -> done, B7 new (B4 and B6 have the
    same status in R1 and R3; nothing was removed)
  R2 against R1 (R2's default): B2 -> ongoing, B3 -> done, B6 -> partial, B4 removed
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from followup import store
from tests.support.cli import run_cli
from tests.support.htmldoc import parse, table_rows

R1, R3, R2 = 1, 2, 3
AGAINST_R1 = [["B2", "b2", "Hum", "Ikke gjort", "Pågår", "Ny status"],
              ["B3", "b3", "IOM", "Pågår", "Gjennomført", "Ny status"],
              ["B7", "b7", "Hum", "", "Pågår", "Nytt tiltak"]]
AGAINST_R2 = [["B6", "b6", "IOM", "Delvis gjennomført", "Pågår", "Ny status"],
              ["B4", "b4", "IOM", "", "Ikke gjort", "Nytt tiltak"],
              ["B7", "b7", "Hum", "", "Pågår", "Nytt tiltak"]]
HEADER = ["ID", "Tiltak", "Ansvarlig", "Før", "Status", "Endring"]


def test_the_fixture_holds_r1_r2_r3_in_date_order(three_rounds_module_db):
    with store.reader(three_rounds_module_db) as con:  # newest first
        assert [r["snapshot_id"] for r in store.snapshots(con)] == [R3, R2, R1]


def made(db, folder, command: str, suffix: str, *options):
    out = folder / f"{command}{suffix}"
    done = run_cli(command, "--db", db, "--out", out, *options)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("out")


def brief(db, out, *options):
    name = "-".join(options).replace("--", "") or "default"
    return parse(made(db, out, "brief", f"-{name}.html", *options).read_text(encoding="utf-8"))


def test_the_briefing_lists_the_changes_since_the_round_chosen(three_rounds_module_db, out):
    doc = brief(three_rounds_module_db, out, "--compare", str(R1))
    section = doc.one(id="s-changes")
    assert section.one("h2").text == "Hva er endret siden runden per 16.01.2012"
    assert table_rows(doc, "t-changes") == AGAINST_R1
    assert section.one(cls="summary").text == "2 har endret status · 1 nye · 0 fjernet"
    assert section.one(cls="caption").text == "Sammenlignet med runden per 16.01.2012."
    # the key figures stay against the round just before, as on the overview
    assert "forrige runde (29.06.2012)" in doc.one(id="s-first").one(cls="caption").text


def test_the_briefing_compares_with_the_round_just_before_by_default(three_rounds_module_db, out):
    doc = brief(three_rounds_module_db, out)
    section = doc.one(id="s-changes")
    assert section.one("h2").text == "Hva er endret siden forrige runde"
    assert table_rows(doc, "t-changes") == AGAINST_R2
    assert section.one(cls="caption").text == "Sammenlignet med runden per 29.06.2012."


def test_choosing_the_round_just_before_is_the_default(three_rounds_module_db, out):
    doc = brief(three_rounds_module_db, out, "--snapshot", str(R2), "--compare", str(R1))
    assert doc.one(id="s-changes").one("h2").text == "Hva er endret siden forrige runde"
    assert table_rows(doc, "t-changes") == [
        ["B2", "b2", "Hum", "Ikke gjort", "Pågår", "Ny status"],
        ["B3", "b3", "IOM", "Pågår", "Gjennomført", "Ny status"],
        ["B6", "b6", "IOM", "Pågår", "Delvis gjennomført", "Ny status"],
        ["B4", "b4", "IOM", "Ikke gjort", "", "Fjernet"]]


def test_the_briefing_in_nynorsk_names_the_round_chosen(three_rounds_module_db, out):
    doc = brief(three_rounds_module_db, out, "--compare", str(R1), "--lang", "nn")
    section = doc.one(id="s-changes")
    assert section.one("h2").text == "Kva er endra sidan runden per 16.01.2012"
    assert section.one(cls="caption").text == "Samanlikna med runden per 16.01.2012."


def sheet_rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_export_has_the_changes_since_the_round_chosen(three_rounds_module_db, out):
    wb = load_workbook(
        made(three_rounds_module_db, out, "export", "-r1.xlsx", "--compare", str(R1))
    )
    assert wb.sheetnames == [
        "Sammendrag",
        "Portefølje",  # the round has three evaluations (the default, Eval A and Eval B)
        "Tiltak",
        "Endringer",
        "Anbefalinger",
        "Står stille",
        "Frister",
        "Tilskudd",
        "Utbetalinger",
    ]
    assert sheet_rows(wb["Endringer"]) == [
        HEADER,
        *([None if v == "" else v for v in row] for row in AGAINST_R1),
    ]
    facts = {row[0].value: row[1] for row in wb["Sammendrag"].iter_rows(min_row=2)}
    assert facts["Sammenlignet med runden per"].value == dt.datetime(2012, 1, 16)
    assert facts["Sammenlignet med runden per"].number_format == "DD.MM.YYYY"
    assert facts["Rapporteringsrunde per"].value == dt.datetime(2012, 12, 14)


def test_the_export_compares_with_the_round_just_before_by_default(three_rounds_module_db, out):
    wb = load_workbook(made(three_rounds_module_db, out, "export", "-default.xlsx", "--lang", "en"))
    assert [r[0] for r in sheet_rows(wb["Changes"])] == ["ID", "B6", "B4", "B7"]
    facts = {row[0].value: row[1].value for row in wb["Summary"].iter_rows(min_row=2)}
    assert facts["Compared with the round as of"] == dt.datetime(2012, 6, 29)


def test_the_export_of_the_first_round_has_no_changes(three_rounds_module_db, out):
    wb = load_workbook(
        made(three_rounds_module_db, out, "export", "-first.xlsx", "--snapshot", str(R1))
    )
    assert sheet_rows(wb["Endringer"]) == [HEADER]
    facts = {row[0].value for row in wb["Sammendrag"].iter_rows(min_row=2)}
    assert "Sammenlignet med runden per" not in facts


def slide_texts(page) -> list[str]:
    return [s.text_frame.text for s in page.shapes if s.has_text_frame]


def test_the_deck_lists_the_changes_since_the_round_chosen(three_rounds_module_db, out):
    prs = Presentation(
        str(made(three_rounds_module_db, out, "slides", "-r1.pptx", "--compare", str(R1)))
    )
    (page,) = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith("Hva er")]
    assert page.shapes.title.text_frame.text == "Hva er endret siden runden per 16.01.2012"
    grid = next(shape.table for shape in page.shapes if shape.has_table)
    assert [[cell.text for cell in row.cells] for row in grid.rows] == [HEADER, *AGAINST_R1]
    assert slide_texts(page)[1] == (
        "2 har endret status · 1 nye · 0 fjernet · sammenlignet med runden per 16.01.2012"
    )


def test_the_deck_compares_with_the_round_just_before_by_default(three_rounds_module_db, out):
    prs = Presentation(
        str(made(three_rounds_module_db, out, "slides", "-default.pptx", "--lang", "en"))
    )
    (page,) = [
        s
        for s in prs.slides
        if s.shapes.title.text_frame.text == "What changed since the previous round"
    ]
    grid = next(shape.table for shape in page.shapes if shape.has_table)
    assert [row.cells[0].text for row in grid.rows] == ["ID", "B6", "B4", "B7"]
    assert slide_texts(page)[1].endswith("compared with the round as of 2012-06-29")


@pytest.mark.parametrize(
    ("command", "suffix"), [("brief", ".html"), ("slides", ".pptx"), ("export", ".xlsx")]
)
def test_an_unknown_comparison_round_names_the_rounds_there_are(
    three_rounds_module_db, tmp_path, command, suffix
):
    done = run_cli(
        command, "--db", three_rounds_module_db, "--out", tmp_path / f"x{suffix}", "--compare", "9"
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "Ingen runde 9. Tilgjengelige: 1, 2, 3."
    assert not (tmp_path / f"x{suffix}").exists()


@pytest.mark.parametrize(
    ("lang", "options", "message"),
    [
        (
            "nb",
            (),
            "Runde 2 (per 14.12.2012) er ikke før runde 2 (per 14.12.2012); --compare må "
            "være en tidligere runde. Tidligere runder: 1, 3.",
        ),
        (
            "nn",
            ("--snapshot", str(R1)),
            "Runde 2 (per 14.12.2012) er ikkje før runde 1 (per "
            "16.01.2012); --compare må vere ein tidlegare runde. Tidlegare rundar: –.",
        ),
        (
            "en",
            ("--snapshot", str(R2)),
            "Round 2 (as of 2012-12-14) is not before round 3 (as of "
            "2012-06-29); --compare must be an earlier round. Earlier rounds: 1.",
        ),
    ],
)
def test_a_comparison_round_not_before_the_chosen_one_is_refused(
    three_rounds_module_db, tmp_path, lang, options, message
):
    done = run_cli(
        "export",
        "--db",
        three_rounds_module_db,
        "--out",
        tmp_path / "x.xlsx",
        "--compare",
        str(R3),
        "--lang",
        lang,
        *options,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == message
    assert not (tmp_path / "x.xlsx").exists()
