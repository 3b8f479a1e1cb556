"""The upload page for an editor who is not technical (issue 24, point 9), measured in real
Chromium on the sample rounds: a file that is not an Excel workbook is answered in the page's
language with how to save it as .xlsx, Streamlit's own English words are gone from the
uploader and the date picker, and after an import the round just imported is the one offered
for deletion."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from followup.i18n import quote, t, tn
from followup.settings import ROOT
from tests.support.browser import grids, settled

pytestmark = pytest.mark.browser

VIEWPORTS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
# Streamlit 1.67's English in and around the uploader and the date picker
ENGLISH = ("Upload", "Browse", "Drag and drop", "Limit", "per file", "Add files", "Remove",
           "not allowed", "Error", "add icon", "Choose date", "Clear date", "Select all")
# the calendar's English words (its weekdays' initials, S M T W T F S, are checked apart)
CALENDAR_ENGLISH = ("January", "February", "March", "April", "May", "June", "July", "August",
                    "September", "October", "November", "December", "Sunday", "Monday",
                    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Choose",
                    "Previous", "Next month", "selected", "day,", "month", "year")
# what the uploader and the date input show and name: their texts (the icons' ligatures, such
# as `upload`, are glyphs, not words) and their labels
WORDS_JS = """() => {
  const found = [];
  for (const box of document.querySelectorAll(
      '[data-testid="stFileUploader"], [data-testid="stDateInput"]')) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeValue.trim() && !node.parentElement.closest('[data-testid="stIconMaterial"]'))
        found.push(node.nodeValue.trim());
    }
    for (const el of box.querySelectorAll('[aria-label], [title], [placeholder]'))
      for (const attr of ['aria-label', 'title', 'placeholder'])
        if (el.getAttribute(attr)) found.push(el.getAttribute(attr));
  }
  return found;
}"""
ALERTS_JS = """() => [...document.querySelectorAll(
  '[data-testid="stAlertContentError"] [data-testid="stMarkdownContainer"]')]
  .map(e => e.innerText.trim())"""


def english(words: list[str]) -> list[str]:
    """Return the words that hold Streamlit's English."""
    return [w for w in words if any(e.lower() in w.lower() for e in ENGLISH)]


def open_calendar(page) -> tuple[list[str], list[str]]:
    """Open the date picker's calendar; return its words and its weekday initials."""
    page.get_by_test_id("stDateInputCalendarButton").click()
    page.get_by_test_id("stDateInputCalendar").wait_for()
    settled(page)
    calendar = page.evaluate(WORDS_JS.replace('[data-testid="stDateInput"]',
                                              '[data-testid="stDateInputCalendar"]'))
    heads = page.get_by_test_id("stDateInputCalendar").locator("thead th")
    return calendar, heads.all_inner_texts()


def upload(page, server, lang: str, *files) -> None:
    """Open the upload page in lang and choose the files in its uploader."""
    page.goto(f"{server.url}/upload?lang={lang}")
    settled(page)
    page.locator("input[type='file']").set_input_files([str(f) for f in files])
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stFileChip]').length"
                           f" === {len(files)}")
    settled(page)


@pytest.fixture(scope="module")
def others(tmp_path_factory):
    """Return an OpenDocument spreadsheet and a CSV file, as an editor might upload them."""
    folder = tmp_path_factory.mktemp("others")
    ods, csv = folder / "Status høst.ods", folder / "status.csv"
    ods.write_bytes(b"PK\x03\x04 an OpenDocument spreadsheet")
    csv.write_text("Tiltak;Ansvarlig;Status\nNytt tiltak;Hum;Pågår\n", encoding="utf-8")
    return ods, csv


@pytest.mark.parametrize("view", VIEWPORTS)
@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_an_ods_or_csv_is_answered_in_the_pages_language_with_how_to_save_it_as_xlsx(
        browser, sample_server, others, lang, view):
    context = browser.new_context(viewport=VIEWPORTS[view])
    page = context.new_page()
    ods, csv = others
    upload(page, sample_server, lang, ods, csv)
    page.wait_for_function("() => document.querySelectorAll("
                           "'[data-testid=stAlertContentError]').length === 2")
    settled(page)
    alerts = page.evaluate(ALERTS_JS)
    words = page.evaluate(WORDS_JS)
    context.close()
    assert alerts == [t("up.not_xlsx.ods", lang, file=quote(ods.name, lang)),
                      t("up.not_xlsx.csv", lang, file=quote(csv.name, lang))]
    assert all("Excel 2007-365 (.xlsx)" in alert for alert in alerts)
    assert not any("files are not allowed" in w for w in words)
    if lang != "en":
        assert english(words) == []
        assert t("aria.remove_file", lang, name=ods.name) in words


def test_after_an_import_delete_offers_the_round_just_imported(browser, sample_server,
                                                               tmp_path):
    # the sample's return, saved again (another file): a round of its own, not the latest
    book = load_workbook(ROOT / "data" / "sample-retur-2012-10.xlsx")
    book.properties.title = "saved again"
    copy = tmp_path / "retur-kopi.xlsx"
    book.save(copy)
    context = browser.new_context(viewport=VIEWPORTS["laptop"])
    page = context.new_page()
    upload(page, sample_server, "nb", copy)
    importer = page.get_by_role("button", name="Importer")
    expect(importer).to_be_enabled(timeout=30_000)
    settled(page)  # the date picker's words come after the run (failed once in two runs)
    words = page.evaluate(WORDS_JS)
    assert t("aria.choose_date", "nb") in words, words
    assert english(words) == []
    # the calendar: its heading, months, days and buttons (the return is as of 15.10.2012)
    calendar, initials = open_calendar(page)
    page.keyboard.press("Escape")
    # the weekdays' initials in bokmål (the week starts where the browser's English starts it:
    # søndag, mandag, tirsdag, onsdag, torsdag, fredag, lørdag); they were S M T W T F S
    assert initials == ["S", "M", "T", "O", "T", "F", "L"]
    assert {"Velg dato, oktober 2012", "Forrige måned", "Neste måned", "oktober 2012",
            "mandag 15. oktober 2012 (valgt)", "tirsdag 16. oktober 2012"} <= set(calendar)
    assert [w for w in calendar if any(e in w for e in CALENDAR_ENGLISH)] == []
    chosen = page.get_by_role("combobox", name="Runde")
    before = chosen.input_value()
    importer.click()
    notice = page.get_by_text("Importert som runde", exact=False)
    expect(notice).to_be_visible(timeout=60_000)
    settled(page)
    snapshot = int(notice.inner_text().split("Importert som runde ")[1].split(" ")[0])
    after = chosen.input_value()
    confirm = page.get_by_test_id("stCheckbox").last.inner_text()
    context.close()
    assert not before.startswith(f"{snapshot} · ")  # the latest round was offered before
    assert after.startswith(f"{snapshot} · ") and after.endswith("retur-kopi.xlsx")
    assert confirm.startswith(f"Ja, slett runde {snapshot} (retur-kopi.xlsx)")


def test_after_several_returns_are_imported_delete_offers_the_last_one(browser, sample_server,
                                                                       tmp_path):
    copies = []
    for name in ("retur-a.xlsx", "retur-b.xlsx"):  # the sample's return, saved again twice
        book = load_workbook(ROOT / "data" / "sample-retur-2012-10.xlsx")
        book.properties.title = name
        book.save(tmp_path / name)
        copies.append(tmp_path / name)
    context = browser.new_context(viewport=VIEWPORTS["laptop"])
    page = context.new_page()
    upload(page, sample_server, "nb", *copies)
    importer = page.get_by_role("button", name=tn("up.import_all", 2, "nb"))
    expect(importer).to_be_enabled(timeout=60_000)
    importer.click()
    notice = page.get_by_text("retur-b.xlsx: Importert som runde", exact=False)
    expect(notice).to_be_visible(timeout=90_000)
    settled(page)
    snapshot = int(notice.inner_text().split("retur-b.xlsx: Importert som runde ")[1]
                   .split(" ")[0])
    after = page.get_by_role("combobox", name="Runde").input_value()
    context.close()
    assert after.startswith(f"{snapshot} · ") and after.endswith("retur-b.xlsx")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_rounds_and_the_audit_log_show_every_value_whole_at_1366(browser, sample_server,
                                                                     lang):
    """Issue 24: at 1366 the rounds grid cut "sample-retur-2012-10.xlsx" after 16 characters,
    the audit log the sample's "who" and the file's SHA-256; each cell's text, measured with
    the grid's own font, now fits its column (wrapped where it has words, a file name too long
    shortened in its middle), no grid scrolls sideways, and the fingerprint shows its first 12
    characters."""
    context = browser.new_context(viewport=VIEWPORTS["laptop"])
    page = context.new_page()
    page.goto(f"{sample_server.url}/upload?lang={lang}")
    settled(page)
    rounds, audit = grids(page)
    context.close()
    assert [(g["cut"], g["wide"]) for g in (rounds, audit)] == [([], False), ([], False)]
    files = [row[rounds["heads"].index(t("col.file_name", lang))] for row in rounds["rows"]]
    names = ["sample-2012-06.xlsx", "sample-retur-2012-10.xlsx", "sample.xlsx"]  # and others'
    # whole, or shortened in the middle with its start and its extension kept
    assert {n for n in names for f in files if f == n or ("…" in f and len(f) < len(n)
            and n.startswith(f.split("…")[0]) and n.endswith(f.split("…")[1]))} == set(names)
    sha = [row[audit["heads"].index("SHA-256")] for row in audit["rows"]]
    assert sha and all(re.fullmatch("[0-9a-f]{12}", s) for s in sha)


def test_in_a_norwegian_browser_the_calendar_keeps_its_own_words_and_says_its_heading(
        browser, sample_server, tmp_path):
    # the calendar speaks the browser's language: in a Norwegian browser its days and initials
    # are Norwegian already (the week from Monday), and its heading was left half English
    # ("Choose date, oktober 2012": the pattern knew only English months)
    book = load_workbook(ROOT / "data" / "sample-retur-2012-10.xlsx")
    book.properties.title = "a Norwegian browser"
    copy = tmp_path / "retur-norsk.xlsx"
    book.save(copy)
    context = browser.new_context(viewport=VIEWPORTS["laptop"], locale="nb-NO")
    page = context.new_page()
    upload(page, sample_server, "nb", copy)
    calendar, initials = open_calendar(page)
    context.close()
    assert initials == ["M", "T", "O", "T", "F", "L", "S"]
    # (react-aria's own Norwegian for the chosen day: "… valgt")
    assert {"Velg dato, oktober 2012", "mandag 15. oktober 2012 valgt"} <= set(calendar)
    assert [w for w in calendar if any(e in w for e in CALENDAR_ENGLISH)] == []
