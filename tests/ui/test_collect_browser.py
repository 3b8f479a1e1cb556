"""Collecting the status (issue 23) in real Chromium at 1366 px, in nb, nn and en: Oppfølging's
section Forespørsler om status (who was asked, who has answered), the upload preview of a
return (each proposed change, before → proposed, and the field that refuses them), and
several returns uploaded at once (each in its expander with its date and refuse field, one
left out, named). Measured in the DOM: the texts in the
language chosen, and no text cut (a label, heading or message no wider than its box; each
grid cell's text, measured with the grid's own font, within its column)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from followup.i18n import quote, t, tn
from tests.support.browser import grids, require_chromium, running, settled
from tests.support.builders import load, standard_workbook, write_workbook
from tests.support.cli import run_cli

pytestmark = pytest.mark.browser

EVIDENCE = "https://arkiv.example.org/sak/2013/17"
COMMENT = "Venter på svar fra partneren i Genève før vi lukker tiltaket"


def filled(path: Path, out: Path, as_of: str, cells: dict) -> Path:
    """Write an actor's request filled in as a return dated as_of."""
    wb = load_workbook(path)
    ws = wb["Tiltak"]
    ws["A1"] = f"Status per {as_of}"
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(out)
    return out


def collected(folder: Path) -> tuple[Path, dict[str, Path]]:
    """Build the database: the standard round, requests to IOM and Hum, IOM's return loaded
    (Hum silent); return it and the files to upload: Hum's return and a broken workbook."""
    db = folder / "db" / "followup.duckdb"
    load(db, standard_workbook(folder / "in" / "standard.xlsx"), "2012-12-14")
    done = run_cli("requests", "--out", folder / "out", "--db", db, "--actor", "IOM",
                   "--actor", "Hum")
    assert done.returncode == 0, done.stderr
    asked = {p.name.split("-")[1]: p for p in (folder / "out").iterdir()}
    iom = filled(asked["IOM"], folder / "iom.xlsx", "15.01.2013", {"K4": "Gjennomført"})
    assert run_cli("ingest", iom, "--db", db).returncode == 0
    files = {
        "hum": filled(asked["Hum"], folder / "hum-retur.xlsx", "20.01.2013",
                      {"K4": "Gjennomført", "L4": COMMENT, "M4": EVIDENCE}),
        "broken": write_workbook(folder / "ødelagt-retur.xlsx", {"Tiltak": [
            ["ID", "Tiltak", "Ansvarlig", "Status", "Frist"],
            ["Z1", "z1", "Hum", "Pågår", "neste år"]]})}
    return db, files


@pytest.fixture(scope="module")
def collect_server(tmp_path_factory):
    """Yield the dashboard on the collected database, and the files to upload."""
    require_chromium()
    folder = tmp_path_factory.mktemp("collect-server")
    db, files = collected(folder)
    with running(db) as server:
        yield server, files


@pytest.fixture(scope="module")
def laptop(browser):
    """Yield one page at 1366 × 768."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    yield context.new_page()
    context.close()


# Every label, heading, message, caption and button text in the main part: cut when its text
# is wider than its box and the box hides the rest (what only a screen reader reads, in a box
# of 1 px, and icons drawn from a font's ligatures, hidden from it, left out).
CUT_JS = """() => [...document.querySelectorAll(
    '[data-testid=stMain] :is(h1, h2, h3, p, li, label, button, summary, span)')]
  .filter(e => e.textContent.trim() && !e.closest('[aria-hidden=true]')
          && e.getBoundingClientRect().width > 1
          && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
  .map(e => e.textContent.trim().slice(0, 60))"""


def texts(page, selector: str) -> list[str]:
    """Return the text of every element of the main part matching selector."""
    return [e.strip() for e in page.locator(f"[data-testid=stMain] {selector}").all_inner_texts()]


LANGS = ["nb", "nn", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_who_was_asked_and_who_answered_in_the_followup_section(laptop, collect_server, lang):
    server, _ = collect_server
    laptop.goto(f"{server.url}/followup?lang={lang}")
    settled(laptop)
    assert {"nb": "Forespørsler om status", "nn": "Førespurnader om status",
            "en": "Requests for a status"}[lang] in texts(laptop, "h2")
    assert tn("req.ui.answered", 2, lang, answered=1) in texts(laptop, "p")
    (asked,) = [g for g in grids(laptop) if t("col.returned", lang) in g["heads"]]
    assert asked["heads"] == [t(f"col.{c}", lang) for c in (
        "actor", "evaluation", "requested", "returned", "last_report", "open_actions")]
    # Hum has not answered (first), IOM has; Hum's open action A2, IOM's A6 (its return
    # made A5 done)
    assert [(r[0], r[3], r[5]) for r in asked["rows"]] == [
        ("Hum", t("export.no", lang), "1"), ("IOM", t("export.yes", lang), "1")]
    assert (asked["cut"], asked["wide"]) == ([], False)
    assert laptop.evaluate(CUT_JS) == []


def upload(page, server, lang: str, *paths: Path) -> None:
    """Open the upload page in the language and give it the files."""
    page.goto(f"{server.url}/upload?lang={lang}")
    settled(page)
    page.locator("input[type='file']").set_input_files([str(p) for p in paths])


@pytest.mark.parametrize("lang", LANGS)
def test_the_preview_of_a_return_shows_each_proposed_change_and_the_refuse_field(
        laptop, collect_server, lang):
    server, files = collect_server
    upload(laptop, server, lang, files["hum"])
    refuse = laptop.get_by_text(t("up.refuse", lang), exact=True)
    refuse.wait_for(timeout=60_000)
    settled(laptop)
    # the message's bold part, as drawn
    assert tn("up.proposed", 3, lang).split("**")[1] in texts(laptop, "p strong")
    (proposed,) = [g for g in grids(laptop) if t("col.field", lang) in g["heads"]]
    assert proposed["heads"] == [t(f"col.{c}", lang) for c in (
        "action_id", "actor", "field", "was", "proposed", "refused")]
    assert proposed["rows"] == [
        ["A2", "Hum", t("col.status", lang), t("status.ongoing", lang), t("status.done", lang),
         ""],
        ["A2", "Hum", t("col.comment", lang), "–", COMMENT, ""],
        ["A2", "Hum", t("col.evidence", lang), "–", EVIDENCE, ""]]
    assert (proposed["cut"], proposed["wide"]) == ([], False)
    label = laptop.locator("[data-testid=stMultiSelect] label").filter(
        has_text=t("up.refuse", lang))
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert laptop.evaluate(CUT_JS) == []


@pytest.mark.parametrize("lang", LANGS)
def test_two_returns_at_once_one_left_out_and_named(laptop, collect_server, lang):
    server, files = collect_server
    upload(laptop, server, lang, files["hum"], files["broken"])
    button = laptop.get_by_role("button", name=tn("up.import_all", 1, lang))
    button.wait_for(timeout=60_000)
    settled(laptop)
    # each in its own expander: its date from its title row, its refuse field
    assert texts(laptop, "[data-testid=stExpander] summary [data-testid=stMarkdownContainer]"
                 ) == ["hum-retur.xlsx", "ødelagt-retur.xlsx"]
    assert tn("up.many_left", 1, lang, files="ødelagt-retur.xlsx") in texts(laptop, "p")
    assert t("up.as_of_found", lang, sheet="Tiltak", row=1, text=quote(
        "Status per 20.01.2013", lang)) in texts(laptop, "p")
    # (the input's value; the field draws it as 20 . 01 . 2013)
    assert laptop.locator("[data-testid=stDateInput] input").input_value() == "2013-01-20"
    # the proposed changes fit inside the expander too
    (proposed,) = [g for g in grids(laptop) if t("col.field", lang) in g["heads"]]
    assert len(proposed["rows"]) == 3
    assert (proposed["cut"], proposed["wide"]) == ([], False)
    label = laptop.locator("[data-testid=stMultiSelect] label").filter(
        has_text=t("up.refuse", lang))
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert laptop.evaluate(CUT_JS) == []
