"""`<html lang>` follows the language shown, in real headless Chromium (Streamlit's own page
says `lang="en"` whatever it shows)."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.browser
PAGES = ["", "followup", "recommendations", "grants", "portfolio", "upload"]


def document_lang(page, wanted: str) -> str:
    """Return <html lang> once it is `wanted` (or whatever it is after 20 s)."""
    with contextlib.suppress(PlaywrightError):  # the assertion after it says what was found
        page.wait_for_function(f"document.documentElement.lang === '{wanted}'", timeout=20_000)
    return page.evaluate("document.documentElement.lang")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_the_document_language_is_the_language_shown(laptop_page, two_rounds_server, lang, path):
    laptop_page.goto(f"{two_rounds_server.url}/{path}?lang={lang}")
    laptop_page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    assert document_lang(laptop_page, lang) == lang


def test_switching_the_language_changes_the_document_language(laptop_page, two_rounds_server):
    laptop_page.goto(f"{two_rounds_server.url}/?lang=nb")
    laptop_page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    assert document_lang(laptop_page, "nb") == "nb"
    laptop_page.get_by_text("Norsk nynorsk", exact=True).click()
    laptop_page.get_by_role("heading", name="Oversikt", level=1).wait_for(timeout=30_000)
    assert document_lang(laptop_page, "nn") == "nn"
    assert laptop_page.get_by_text("Del gjennomført").first.is_visible()
    laptop_page.get_by_text("English", exact=True).click()
    laptop_page.get_by_role("heading", name="Overview", level=1).wait_for(timeout=30_000)
    assert document_lang(laptop_page, "en") == "en"
