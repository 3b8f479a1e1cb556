"""Nynorsk everywhere bokmål is: every page, the command line, the briefing and the export.

The pages run through AppTest on the two standard fixture rounds, whose data (`a1`, `Hum`,
`Globalt`, `Europa`) holds no Norwegian words, so every word found is the app's own.
"""

from __future__ import annotations

import re
from pathlib import Path

from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from followup import i18n
from tests.support.builders import two_rounds
from tests.support.cli import run_cli

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = ["pages/overview.py", "pages/followup.py", "pages/recommendations.py", "pages/grants.py",
         "pages/portfolio.py", "pages/upload.py"]
# Words only bokmål writes; nynorsk writes ikkje, frå, kva, tilskot, utbetalingar, ...
BOKMAL_ONLY = {
    "ikke", "jeg", "fra", "hva", "hvem", "hvor", "hvordan", "hvilken", "tilskudd",
    "utbetalinger", "ansvarlig", "avtaler", "avtalene", "mulig", "flere", "filen",
    "arbeidsboken", "runder", "rundene", "endringer", "nøkkeltall", "antall", "andel",
    "forrige", "ennå", "bare", "uten", "noen", "tallene", "flerårig", "ettårig", "flerårige",
    "ettårige", "tiltakene", "utvalget", "innlogget", "hendelse", "advarsel", "advarsler",
    "sammenlignet", "sammendrag", "fjernet", "endret", "uendret", "forfalt", "bortfalt",
    "partner", "partnere", "anbefaling", "lastet", "mangler", "finnes", "gjeldende", "kjent",
    "ukjent", "godtatte", "ble", "grafene", "slettinger",
}
WORD = re.compile(r"[a-zæøåA-ZÆØÅ]+")


def strings(value) -> list[str]:
    """Return every string inside a proto turned into a dict (long unspaced blobs left out)."""
    if isinstance(value, dict):  # a widget's id holds its key (`partner`), not a word shown
        return [s for k, v in value.items() if k != "id" for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, str) and (" " in value or len(value) < 200):
        return [value]
    return []


def page_words(at: AppTest) -> set[str]:
    """Return the lower-cased words of every text, label, chart and table the page shows."""
    texts = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            texts += strings(MessageToDict(proto))
    for frame in at.dataframe:
        df = frame.value
        texts += [str(c) for c in df.columns] + [str(v) for v in df.to_numpy().ravel()]
    return {w.lower() for text in texts for w in WORD.findall(text)}


def visit(app: AppTest, lang: str) -> dict[str, set[str]]:
    app.query_params["lang"] = lang
    app.run()
    seen = {}
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, page
        seen[page] = page_words(app)
    return seen


def test_every_page_in_nynorsk_has_no_bokmal_word_left(two_rounds_app):
    before = i18n.missing()
    seen = visit(two_rounds_app, "nn")
    left = {page: sorted(words & BOKMAL_ONLY) for page, words in seen.items()}
    assert left == {page: [] for page in PAGES}
    assert {"ikkje", "tilskot"} <= set().union(*seen.values())
    assert i18n.missing() - before == set()  # no key the pages ask for is missing


def test_the_bokmal_pages_do_show_those_words(two_rounds_app):
    """The check above can fail: bokmål pages hold many of the words it looks for."""
    seen = visit(two_rounds_app, "nb")
    assert len(set().union(*seen.values()) & BOKMAL_ONLY) > 10


def test_the_language_survives_in_the_url_and_the_toggle(two_rounds_app):
    two_rounds_app.query_params["lang"] = "nn"
    two_rounds_app.run()
    assert two_rounds_app.segmented_control(key="lang").value == "nn"
    assert two_rounds_app.sidebar.header[0].value == "Utval"
    two_rounds_app.segmented_control(key="lang").set_value("en").run()
    assert two_rounds_app.sidebar.header[0].value == "Filters"


def test_the_command_line_speaks_nynorsk(tmp_path):
    missing = tmp_path / "none.duckdb"
    by_option = run_cli("delete", "1", "--db", missing, "--lang", "nn")
    by_env = run_cli("delete", "1", "--db", missing, env={"FOLLOWUP_LANG": "nn"})
    assert by_option.returncode == by_env.returncode != 0
    assert by_option.stderr.strip().splitlines()[-1] == f"Databasen {missing} finst ikkje."
    assert by_env.stderr == by_option.stderr


def words_in(texts) -> set[str]:
    return {w.lower() for text in texts for w in WORD.findall(str(text))}


def test_the_briefing_export_and_slides_in_nynorsk(tmp_path):
    import html as htmllib

    from openpyxl import load_workbook
    from pptx import Presentation

    db = two_rounds(tmp_path / "db" / "followup.duckdb", tmp_path)
    for command, out in (("brief", "b.html"), ("export", "x.xlsx"), ("slides", "s.pptx")):
        done = run_cli(command, "--db", db, "--out", tmp_path / out, "--lang", "nn")
        assert done.returncode == 0, done.stderr
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    body = page[page.index("<body"):]
    visible = htmllib.unescape(re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", body,
                                      flags=re.S))
    assert '<html lang="nn">' in page
    assert sorted(words_in([visible]) & BOKMAL_ONLY) == []
    book = load_workbook(tmp_path / "x.xlsx")
    cells = [*book.sheetnames] + [c.value for ws in book for row in ws.iter_rows() for c in row
                                  if isinstance(c.value, str)]
    assert sorted(words_in(cells) & BOKMAL_ONLY) == []
    deck = Presentation(tmp_path / "s.pptx")
    shapes = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
              if shape.has_text_frame]
    assert sorted(words_in(shapes) & BOKMAL_ONLY) == []
    assert {"ikkje", "tiltak"} & words_in([visible, *cells, *shapes])
