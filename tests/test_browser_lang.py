"""`<html lang>` follows the language shown, in real headless Chromium (Streamlit's own page
says `lang="en"` whatever it shows)."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser import VIEWPORT, chromium, require_chromium, running
from tests.builders import two_rounds

pytestmark = pytest.mark.browser
PAGES = ["", "followup", "recommendations", "grants", "portfolio", "upload"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("lang")
    with running(two_rounds(folder / "db" / "followup.duckdb", folder)) as server:
        yield server


@pytest.fixture(scope="module")
def page(server):
    with chromium() as browser:
        yield browser.new_context(viewport=VIEWPORT).new_page()


def document_lang(page, wanted: str) -> str:
    """Return <html lang> once it is `wanted` (or whatever it is after 20 s)."""
    with contextlib.suppress(PlaywrightError):  # the assertion after it says what was found
        page.wait_for_function(f"document.documentElement.lang === '{wanted}'", timeout=20_000)
    return page.evaluate("document.documentElement.lang")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_the_document_language_is_the_language_shown(page, server, lang, path):
    page.goto(f"{server.url}/{path}?lang={lang}")
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    assert document_lang(page, lang) == lang


def test_switching_the_language_changes_the_document_language(page, server):
    page.goto(f"{server.url}/?lang=nb")
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    assert document_lang(page, "nb") == "nb"
    page.get_by_text("Norsk nynorsk", exact=True).click()
    page.get_by_role("heading", name="Oversikt", level=1).wait_for(timeout=30_000)
    assert document_lang(page, "nn") == "nn"
    assert page.get_by_text("Del gjennomført").first.is_visible()
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Overview", level=1).wait_for(timeout=30_000)
    assert document_lang(page, "en") == "en"
