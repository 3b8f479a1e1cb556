"""`python -m followup slides`: a 16:9 deck whose native charts hold exactly the query results.

The rounds (tests/builders.py, two_rounds_commented): 29.06.2012, and the standard workbook
with comments on 14.12.2012. Figures by hand for 14.12.2012:
  by actor (share done of the applicable): Hum 1 of 2 (A1 done, A2 ongoing, A3 not
    applicable) 50 %, MR/DEM 1 of 2 (A7 done, A8 not reported) 50 %, IOM 1 of 3 (A4 done,
    A5 not done, A6 partly) 33 %; ordered by share, then applicable, then name
  agreements with a disbursement: multi-year 2011 G1+G3, 2012 G1, 2013 G1 (-100 000)+G3;
    one-year 2012 G2. NOK: multi-year 1 500 000 / 2 000 000,50 / 650 000, one-year 500 000
  spend per year 1 500 000 / 2 500 000,50 / 650 000; the portfolio level 60 000 000 each year
  stalled (K = 2): A2 ongoing and A5 not done in both rounds, since 29.06.2012
  deadlines (90 days): A5 due 01.03.2012, 288 days over; A2 due 31.12.2012, in 17 days
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.dml import MSO_FILL
from pptx.util import Emu

from followup import store
from followup.filters import Filters
from followup.i18n import percent
from followup.report.documents import slide_kit, slide_tables
from tests.support.builders import (
    ACTION_HEADER,
    GRANT_HEADER,
    STANDARD_GRANTS,
    crowded_workbook,
    load,
    three_rounds,
    write_workbook,
)
from tests.support.cli import run_cli

NB = "\u00a0"


def expected(db, name: str, **extra) -> list[dict]:
    """Return the rows of a query for the latest round, unfiltered, as the app runs it."""
    with store.reader(db) as con:
        snapshot = store.latest_snapshot(con)
        params = Filters(snapshot=snapshot).params(
            previous=store.previous_snapshot(con, snapshot), **extra)
        columns, found = store.run_query(con, name, params)
    return [dict(zip(columns, row)) for row in found]


def make_deck(db, out: Path, *options):
    done = run_cli("slides", "--db", db, "--out", out, *options)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    return Presentation(str(out))


@pytest.fixture(scope="module")
def deck(two_rounds_commented_db, tmp_path_factory):
    """Return the Norwegian deck of the latest round, unfiltered, and its path."""
    out = tmp_path_factory.mktemp("out") / "deck.pptx"
    return make_deck(two_rounds_commented_db, out), out


def title(page) -> str:
    return page.shapes.title.text_frame.text


def titled(prs, text: str) -> list:
    return [s for s in prs.slides if title(s).startswith(text)]


def charts(page) -> list:
    return [shape.chart for shape in page.shapes if shape.has_chart]


def data(chart, plot: int = 0) -> tuple[list[str], dict[str, tuple]]:
    """Return a chart plot's categories and its values by series name, top-down."""
    drawn = chart.plots[plot]
    return list(drawn.categories), {s.name: tuple(s.values) for s in drawn.series}


def rows(page) -> list[list[str]]:
    grid = next(shape.table for shape in page.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in grid.rows]


def test_deck_is_16_9_with_a_slide_per_part(deck):
    prs = deck[0]
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    assert [title(s) for s in prs.slides] == [
        "Statusorientering", "Nøkkeltall", "Gjennomføring per ansvarlig",
        "Flerårige og ettårige avtaler per år", "Utbetalt per år mot porteføljenivået",
        "Hva er endret siden forrige runde", "Tiltak som står stille",
        "Forfalte og snart forfalte tiltak"]
    assert [s.slide_layout.name for s in prs.slides] == ["Title Slide"] + ["Title Only"] * 7


def test_title_slide_names_the_round_and_the_filters(deck, two_rounds_commented_db, tmp_path):
    lines = deck[0].slides[0].placeholders[1].text_frame.text.split("\n")
    assert lines == ["Oppfølging av evalueringer og tilskudd",
                     "Runde per 14.12.2012 (commented.xlsx)", "Hele porteføljen"]
    filtered = make_deck(two_rounds_commented_db, tmp_path / "f.pptx", "--region", "Europa")
    assert filtered.slides[0].placeholders[1].text_frame.text.split("\n")[2] == (
        "Utvalg: Region: Europa")


def test_title_slide_names_the_evaluations_of_the_round(tmp_path):
    header = [*ACTION_HEADER, "Evaluering"]
    actions = [["E1", "e1", "Hum", "Hum", "Globalt", "Pågår", None, "Norads evaluering av IOM"],
               ["E2", "e2", "Hum", "Hum", "Europa", "Pågår", None, "Norads evaluering av IOM"],
               ["E3", "e3", "IOM", "Hum", "Europa", "Pågår", None, "Midtveisgjennomgang"]]
    db = tmp_path / "db" / "followup.duckdb"
    load(db, write_workbook(tmp_path / "e.xlsx", {"Tiltak": [header, *actions]}), "2012-12-14")
    prs = make_deck(db, tmp_path / "e.pptx")
    assert prs.slides[0].placeholders[1].text_frame.text.split("\n")[0] == (
        "Evaluering: Norads evaluering av IOM, Midtveisgjennomgang")
    prs = make_deck(db, tmp_path / "m.pptx", "--evaluation", "Midtveisgjennomgang")
    assert prs.slides[0].placeholders[1].text_frame.text.split("\n")[0] == (
        "Evaluering: Midtveisgjennomgang")


def test_key_figures_are_the_briefings(deck):
    page = deck[0].slides[1]
    texts = [shape.text_frame.text.split("\n") for shape in page.shapes
             if shape.has_text_frame and shape.shape_type == 1]  # the rounded cards
    assert [t[1] for t in texts] == ["8", f"42,9{NB}%", "1", "2,5", f"80,0{NB}%"]
    assert [t[2] for t in texts] == ["uendret", "+14,3 p.p.", "uendret", f"+1,0 (66,7{NB}%)",
                                     "\u221220,0 p.p."]


def test_completion_chart_holds_the_status_counts_per_actor(deck, two_rounds_commented_db):
    (chart,) = charts(titled(deck[0], "Gjennomføring")[0])
    categories, values = data(chart)
    # horizontal bars are stored bottom-up, so the first actor of the query is drawn on top
    assert categories[::-1] == [f"Hum\n50{NB}% gjennomført", f"MR/DEM\n50{NB}% gjennomført",
                                f"IOM\n33{NB}% gjennomført"]
    assert {k: v[::-1] for k, v in values.items()} == {
        "Gjennomført": (1, 1, 1), "Delvis gjennomført": (None, None, 1),
        "Pågår": (1, None, None), "Ikke gjort": (None, None, 1),
        "Ikke rapportert": (None, 1, None), "Bortfalt": (1, None, None)}
    shares = {r["actor"]: r["completion_pct"]
              for r in expected(two_rounds_commented_db, "status_by_actor")}
    assert [c.split("\n")[0] for c in categories[::-1]] == list(shares)
    assert [c.split("\n")[1] for c in categories[::-1]] == [
        f"{percent(p, 'nb', 0)} gjennomført" for p in shares.values()
    ]
    colours = [str(s.format.fill.fore_color.rgb) for s in chart.plots[0].series]
    assert colours == ["009E73", "56B4E9", "0072B2", "D55E00", "8C8C8C", "D4D4D4"]


def striped(chart) -> list[list[bool]]:
    """Return, per bar series, whether each of its bars is drawn striped (a planned year)."""
    return [[s.points[i].format.fill.type == MSO_FILL.PATTERNED
             for i in range(len(s.values))] for s in chart.plots[0].series]


def test_agreement_charts_hold_number_and_nok_per_type_and_year(deck, two_rounds_commented_db):
    count, amount = charts(titled(deck[0], "Flerårige")[0])
    assert data(count) == (  # the round is of 14.12.2012: 2013 is a plan
        ["2011", "2012", "2013 (plan)"],
        {"Flerårig": (2, 1, 2), "Ettårig": (None, 1, None)},
    )
    assert data(amount) == (
        ["2011", "2012", "2013 (plan)"],
        {"Flerårig": (1_500_000, 2_000_000.5, 650_000), "Ettårig": (None, 500_000, None)},
    )
    by_type = expected(two_rounds_commented_db, "grants_by_type")
    assert sum(v for s in data(amount)[1].values() for v in s if v) == pytest.approx(
        sum(float(r["amount_nok"]) for r in by_type)
    )
    assert amount.plots[0].series[0].data_labels.number_format == "[$-414]#,##0.0,,"
    assert striped(count) == striped(amount) == [[False, False, True]] * 2
    # tenths on the axis below 5 MNOK (2,5 here), so no two ticks read the same
    assert amount.value_axis.tick_labels.number_format == "[$-414]#,##0.0,,"


def test_spend_chart_draws_the_portfolio_level_as_a_line(deck, two_rounds_commented_db, tmp_path):
    (chart,) = charts(titled(deck[0], "Utbetalt per år")[0])
    # the round is of 14.12.2012: what 2013 shows is a plan
    assert data(chart) == (
        ["2011", "2012", "2013 (plan)"],
        {"Utbetalt": (1_500_000, 2_500_000.5, 650_000)},
    )
    assert data(chart, 1) == (
        ["2011", "2012", "2013 (plan)"],
        {f"Porteføljenivå ca. 60 mill.{NB}kr": (60_000_000,) * 3},
    )
    assert [p.__class__.__name__ for p in chart.plots] == ["BarPlot", "LinePlot"]
    assert striped(chart) == [[False, False, True]]  # 2013 drawn apart, as in the app
    bars = chart.plots[0].series[0]  # its label in ink: white would not read on the stripes
    assert str(bars.points[2].data_label.font.color.rgb) == "1F2933"  # INK
    assert bars.points[2].data_label._dLbl.xpath("c:numFmt/@formatCode") == [
        bars.data_labels.number_format]
    assert [
        r["amount_nok"] for r in expected(two_rounds_commented_db, "spend_by_year")
    ] == pytest.approx(list(data(chart)[1]["Utbetalt"]))
    filtered = make_deck(two_rounds_commented_db, tmp_path / "f.pptx", "--section", "Hum")
    (chart,) = charts(titled(filtered, "Utbetalt per år")[0])
    assert len(chart.plots) == 1  # a slice of the portfolio is not held against its level
    assert data(chart) == (
        ["2011", "2012", "2013 (plan)"],
        {"Utbetalt": (1_000_000, 2_000_000.5, -100_000)},
    )


def test_chart_data_are_embedded_so_the_charts_stay_editable(deck):
    for page in deck[0].slides:
        for chart in charts(page):
            blob = chart.part.chart_workbook.xlsx_part.blob
            sheet = load_workbook(io.BytesIO(blob)).active
            categories, values = data(chart)
            assert [
                sheet.cell(row=r + 2, column=1).value for r in range(len(categories))
            ] == categories
            first = next(iter(values.values()))
            assert tuple(sheet.cell(row=r + 2, column=2).value for r in range(len(first))) == first


def test_changes_table_equals_the_query(deck, two_rounds_commented_db):
    (page,) = titled(deck[0], "Hva er endret")
    assert rows(page) == [
        ["ID", "Tiltak", "Ansvarlig", "Før", "Status", "Endring"],
        ["A1", "a1", "Hum", "Pågår", "Gjennomført", "Ny status"],
        ["A6", "a6", "IOM", "Pågår", "Delvis gjennomført", "Ny status"],
        ["A8", "a8", "MR/DEM", "", "Ikke rapportert", "Nytt tiltak"],
        ["A9", "a9", "Hum", "Pågår", "", "Fjernet"],
    ]
    assert [r[0] for r in rows(page)[1:]] == [
        r["action_id"] for r in expected(two_rounds_commented_db, "action_changes")
    ]
    lead = [s.text_frame.text for s in page.shapes if s.has_text_frame][1]
    assert lead == (
        "2 har endret status · 1 nye · 1 fjernet · sammenlignet med runden per 29.06.2012"
    )


def test_stalled_and_deadline_tables_equal_the_queries(deck, two_rounds_commented_db):
    (stalled,) = titled(deck[0], "Tiltak som står stille")
    assert rows(stalled) == [
        ["ID", "Tiltak", "Ansvarlig", "Status", "Runder uendret", "Siden"],
        ["A2", "a2", "Hum", "Pågår", "2", "29.06.2012"],
        ["A5", "a5", "IOM", "Ikke gjort", "2", "29.06.2012"],
    ]
    assert [r[0] for r in rows(stalled)[1:]] == [
        r["action_id"] for r in expected(two_rounds_commented_db, "stalled_actions", rounds=2)
    ]
    (due,) = titled(deck[0], "Forfalte og snart")
    assert rows(due) == [
        ["ID", "Tiltak", "Ansvarlig", "Status", "Frist", "Dager over frist"],
        ["A5", "a5", "IOM", "Ikke gjort", "01.03.2012", "288 dager over"],
        ["A2", "a2", "Hum", "Pågår", "31.12.2012", "om 17 dager"],
    ]
    assert [r["days_overdue"] for r in expected(two_rounds_commented_db, "deadlines", days=90)] == [
        288,
        -17,
    ]


def test_recommendations_by_response_and_status(tmp_path):
    # the last of the three rounds (14.12.2012): accepted r1 implemented, r4 not started,
    # r6 ongoing; partly accepted r2 partial; rejected r3 and unanswered r5 without actions.
    # Implemented of accepted or partly accepted: 1 of 4 = 25,0 %, 29.06.2012: 1 of 3 = 33,3 %
    db = tmp_path / "db" / "followup.duckdb"
    three_rounds(db, tmp_path)
    prs = make_deck(db, tmp_path / "recs.pptx")
    (page,) = titled(prs, "Anbefalinger etter ledelsens svar og status")
    (chart,) = charts(page)
    categories, values = data(chart)
    assert categories[::-1] == [
        "Enig\n1 av 3 gjennomført",
        "Delvis enig\n0 av 1 gjennomført",
        "Uenig\n0 av 1 gjennomført",
        "Ikke besvart\n0 av 1 gjennomført",
    ]
    assert {k: v[::-1] for k, v in values.items()} == {
        "Gjennomført": (1, None, None, None),
        "Delvis gjennomført": (None, 1, None, None),
        "Pågår": (1, None, None, None),
        "Ikke gjort": (1, None, None, None),
        "Uten tiltak": (None, None, 1, 1),
    }
    summary = expected(db, "response_summary")
    assert [sum(v[i] or 0 for v in values.values()) for i in range(4)][::-1] == [
        r["recommendations"] for r in summary
    ]
    card = next(s for s in page.shapes if s.shape_type == 1).text_frame.text.split("\n")
    assert card == ["Anbefalinger gjennomført", f"25,0{NB}%", "\u22128,3 p.p."]
    assert titles_of(prs).index("Anbefalinger etter ledelsens svar og status") == 4
    cards = [
        s.text_frame.text.split("\n")[0] for s in prs.slides[1].shapes if s.shape_type == 1
    ]  # as on Oversikt: the rate after the action figures
    assert cards == ["Tiltak", "Andel gjennomført", "Forfalt", "Anbefalinger gjennomført"]


def titles_of(prs) -> list[str]:
    return [title(s) for s in prs.slides]


def long_changes(folder: Path, count: int, text: str = "") -> Path:
    """Load two rounds where each of `count` actions changes status between them."""

    def actions(status):
        return [
            [f"L{i}", f"{text}l{i}", "Hum", "Hum", "Globalt", status, None]
            for i in range(1, count + 1)
        ]

    db = folder / "db" / "followup.duckdb"
    for name, status, day in (
        ("a.xlsx", "Pågår", "2012-06-29"),
        ("b.xlsx", "Gjennomført", "2012-12-14"),
    ):
        load(
            db,
            write_workbook(
                folder / name,
                {
                    "Tiltak": [ACTION_HEADER, *actions(status)],
                    "Tilskudd": [GRANT_HEADER, *STANDARD_GRANTS],
                },
            ),
            day,
        )
    return db


def test_a_long_table_continues_on_further_slides(tmp_path):
    # one-line rows take 0.4 in; the body leaves 6.8 - 1.45 - 0.6 = 4.75 in under the summary
    # line: the header and 10 rows (4.4 in) fit, an 11th would not
    prs = make_deck(long_changes(tmp_path, 25), tmp_path / "long.pptx")
    pages = titled(prs, "Hva er endret")
    assert [title(p) for p in pages] == [
        f"Hva er endret siden forrige runde ({n} av 3)" for n in (1, 2, 3)
    ]
    assert [len(rows(p)) - 1 for p in pages] == [10, 10, 5]
    assert all(rows(p)[0][0] == "ID" for p in pages)
    assert [r[0] for p in pages for r in rows(p)[1:]] == [f"L{i}" for i in range(1, 26)]


def test_long_texts_are_shortened_to_three_lines_not_shrunk(tmp_path):
    words = "Oppfølgingen av evalueringens anbefaling krever samordning " * 8
    prs = make_deck(long_changes(tmp_path, 6, words), tmp_path / "words.pptx")
    pages = titled(prs, "Hva er endret")
    texts = [r[1] for p in pages for r in rows(p)[1:]]
    assert len(texts) == 6 and all(t.endswith(" …") for t in texts)
    assert all(slide_tables.lines_needed(t, 4.1) <= 3 for t in texts)
    # three lines take 3 × 16 pt × 1.2 + 0.1 in = 0.9 in: the header and 4 rows (4.0 in) fit
    assert [len(rows(p)) - 1 for p in pages] == [4, 2]


def test_many_actors_split_the_completion_chart(tmp_path):
    db = tmp_path / "db" / "followup.duckdb"
    load(db, crowded_workbook(tmp_path / "crowded.xlsx"), "2012-12-14")
    prs = make_deck(db, tmp_path / "crowded.pptx")
    pages = titled(prs, "Gjennomføring per ansvarlig")
    assert [title(p) for p in pages] == [
        "Gjennomføring per ansvarlig (1 av 2)",
        "Gjennomføring per ansvarlig (2 av 2)",
    ]
    assert [len(data(charts(p)[0])[0]) for p in pages] == [6, 6]  # spread evenly, 6 at most


def sizes(xml: str) -> list[int]:
    return [int(v) for v in re.findall(r'<a:(?:rPr|defRPr|endParaRPr)[^>]*\ssz="(\d+)"', xml)]


def test_no_text_is_smaller_than_12_pt(deck):
    with zipfile.ZipFile(deck[1]) as package:
        parts = [
            n
            for n in package.namelist()
            if re.match(r"ppt/(slides/slide|charts/chart)\d+\.xml$", n)
        ]
        assert len(parts) == 8 + 4
        for name in parts:
            xml = package.read(name).decode("utf-8")
            assert sizes(xml) and min(sizes(xml)) >= 1200, name
            if "/slides/" in name:  # every run says its size: nothing falls back to a default
                assert xml.count("<a:r>") == len(re.findall(r"<a:r><a:rPr[^>]*\ssz=", xml))
            else:
                assert re.search(r'<c:chartSpace.*<c:txPr>.*sz="1600"', xml, re.S)


def test_the_package_links_to_nothing_outside_itself(deck):
    with zipfile.ZipFile(deck[1]) as package:
        rels = [n for n in package.namelist() if n.endswith(".rels")]
        assert rels
        for name in rels:
            assert b'TargetMode="External"' not in package.read(name), name
        assert not [n for n in package.namelist() if n.startswith("ppt/media/")]
        embedded = [n for n in package.namelist() if n.startswith("ppt/embeddings/")]
        assert len(embedded) == 4 and all(n.endswith(".xlsx") for n in embedded)


def test_deck_in_english_and_nynorsk(two_rounds_commented_db, tmp_path):
    english = make_deck(two_rounds_commented_db, tmp_path / "en.pptx", "--lang", "en")
    assert [title(s) for s in english.slides][:5] == [
        "Status briefing",
        "Key figures",
        "Completion by actor",
        "Multi-year and one-year agreements per year",
        "Disbursed per year against the portfolio level",
    ]
    (chart,) = charts(english.slides[4])
    assert chart.plots[0].series[0].data_labels.number_format == "[$-409]#,##0.0,,"
    assert data(charts(english.slides[2])[0])[0][-1] == "Hum\n50% done"
    nynorsk = make_deck(two_rounds_commented_db, tmp_path / "nn.pptx", "--lang", "nn")
    assert [title(s) for s in nynorsk.slides][1:4] == [
        "Nøkkeltal",
        "Gjennomføring per ansvarleg",
        "Fleirårige og eittårige avtalar per år",
    ]
    assert charts(nynorsk.slides[4])[0].value_axis.tick_labels.number_format == ("[$-814]#,##0,,")


def test_first_round_has_nothing_to_compare(two_rounds_commented_db, tmp_path):
    prs = make_deck(two_rounds_commented_db, tmp_path / "first.pptx", "--snapshot", "1")
    (page,) = titled(prs, "Hva er endret")
    assert not any(s.has_table for s in page.shapes)
    assert "første runde" in " ".join(s.text_frame.text for s in page.shapes if s.has_text_frame)


def test_unknown_round_fails_without_writing(two_rounds_commented_db, tmp_path):
    done = run_cli(
        "slides", "--db", two_rounds_commented_db, "--out", tmp_path / "x.pptx", "--snapshot", "99"
    )
    assert done.returncode == 2
    assert "Ingen runde 99" in done.stderr
    assert not (tmp_path / "x.pptx").exists()


def test_number_formats_carry_the_language():
    assert slide_kit.number_format("count", "nb") == "[$-414]#,##0"
    assert slide_kit.number_format("mnok", "nn") == "[$-814]#,##0.0,,"
    assert slide_kit.number_format("share", "en") == "[$-409]0%"
