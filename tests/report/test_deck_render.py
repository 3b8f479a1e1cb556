"""The deck as LibreOffice draws it: no number, percentage, date or word breaks across lines
(issue 24 #7), in nb, nn and en and filtered, on the sample rounds.

Before the deck named Arial and sized its boxes from Arial's widths, LibreOffice drew the theme's
Calibri with a wider fallback and broke 54 places in these five decks: `29,4 / %` in the key
figures, `Recommendati / ons`, `Gjennomf / ørt` in a header, `29.06.201 / 2` and
`2012-06- / 29` in the stalled and deadline tables, `Regionalavdelinge / n`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from followup.report.documents import slide_kit, slide_tables, text_width
from tests.support.cli import run_cli
from tests.support.deck_text import broken, have_libreoffice, pdf_of

DECKS = {"nb": (), "nn": ("--lang", "nn"), "en": ("--lang", "en"),
         "nb-region": ("--region", "Afrika"),
         "en-region": ("--lang", "en", "--region", "Europa og Sentral-Asia")}
LIBERATION = Path("/usr/share/fonts/truetype/liberation2")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Make the sample's deck in each language and filter and render each with LibreOffice."""
    if not have_libreoffice():
        pytest.skip("LibreOffice or pdftotext is not installed")
    out = tmp_path_factory.mktemp("decks")
    made = {}
    for name, options in DECKS.items():
        deck = out / f"{name}.pptx"
        done = run_cli("slides", "--db", out / "sample.duckdb", "--out", deck, *options)
        assert done.returncode == 0, done.stderr
        made[name] = (deck, pdf_of(deck, out))
    return made


@pytest.mark.parametrize("name", DECKS)
def test_libreoffice_breaks_no_number_date_or_word_of_the_deck(rendered, name):
    deck, pdf = rendered[name]
    assert broken(deck, pdf) == []


def test_the_checker_finds_the_breaks_of_a_deck_in_a_wider_font(rendered, tmp_path):
    deck, _ = rendered["en"]
    prs = Presentation(deck)
    for page in prs.slides:
        for shape in page.shapes:
            frames = ([shape.text_frame] if shape.has_text_frame else
                      [c.text_frame for r in shape.table.rows for c in r.cells]
                      if shape.has_table else [])
            for run in (r for f in frames for p in f.paragraphs for r in p.runs):
                run.font.name = "DejaVu Sans"  # a third wider than Arial
    wide = tmp_path / "wide.pptx"
    prs.save(wide)
    found = broken(wide, pdf_of(wide, tmp_path))
    assert "page 2: 29.4 / %" in found


def test_every_text_of_the_deck_is_set_in_arial(rendered):
    deck, _ = rendered["nb-region"]
    runs = [r for page in Presentation(deck).slides for shape in page.shapes
            if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs]
    assert runs and {r.font.name for r in runs} == {"Arial"}


def test_a_column_narrower_than_its_widest_word_takes_room_from_the_others():
    header, rows = ["ID", "Tiltak", "Frist"], [["UD-1", "kort", "31.12.2012"]]
    design = (0.8, 4.0, 0.6)  # 0.6 in is too narrow for a date at 16 pt
    widths, size = slide_tables.fit_widths(header, rows, design)
    date_needs = slide_tables.least_width(["31.12.2012"], 16)
    id_needs = slide_tables.least_width(["UD-1"], 16)
    assert size == 16 and sum(widths) == pytest.approx(sum(design))
    assert widths[2] == pytest.approx(date_needs) and widths[2] > 1.0
    taken = date_needs - 0.6  # from ID and Tiltak, in proportion to their spare room
    spare = (0.8 - id_needs, 4.0 - slide_tables.least_width(["Tiltak"], 16, bold=True))
    assert widths[0] == pytest.approx(0.8 - taken * spare[0] / sum(spare))
    assert widths[1] == pytest.approx(4.0 - taken * spare[1] / sum(spare))


def test_a_table_whose_words_cannot_fit_at_16_pt_steps_down_not_below_12():
    header = ["Anbefalingsstatus"] * 6  # 2.19 in wide in bold at 16 pt, 1.93 in at 14 pt
    widths, size = slide_tables.fit_widths(header, [], (2.0,) * 6)
    assert size == 14 and widths == [2.0] * 6
    assert slide_tables.least_width(header, 15, bold=True) > 2.0
    assert slide_tables.fit_widths(["Oppfølgingsansvarlig"] * 6, [], (2.0,) * 6)[1] == 12


def test_key_figure_values_fit_their_cards_on_one_line():
    cards = [("Anbefalinger gjennomført", "100,0\u00a0%", "+11,1 p.p.")] * 6
    text_pt, value_pt = slide_kit.tile_sizes(cards, slide_kit.Inches(1.9), narrow=True)
    inner = (1.9 - 0.12) * 72
    assert text_width.width_pt("100,0\u00a0%", value_pt, bold=True) <= inner
    assert text_width.width_pt("100,0\u00a0%", value_pt + 1, bold=True) > inner * slide_kit.SLACK
    assert text_width.widest_word_pt("gjennomført", text_pt) <= inner


@pytest.mark.skipif(not (LIBERATION / "LiberationSans-Regular.ttf").exists()
                    or shutil.which("fc-list") is None, reason="Liberation Sans is missing")
def test_the_width_table_is_liberation_sans_which_has_arials_widths():
    table = text_width.measure(str(LIBERATION / "LiberationSans-Regular.ttf"),
                               str(LIBERATION / "LiberationSans-Bold.ttf"))
    stored = text_width.json.loads(text_width.TABLE.read_text(encoding="utf-8"))
    assert table == stored
    assert stored["regular"][str(ord("0"))] == 1139  # Arial's digits: 1139 of 2048 units
