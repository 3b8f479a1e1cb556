"""The keyboard alone, in real Chromium (WCAG 2.1.1, 2.4.3, 2.4.7): the main journeys walked
with Tab, Enter and Space (and the keys a select or a grid is used with), and every control
reached by Tab on a page shows where the focus is, measured in pixels."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.support.browser import settled

pytestmark = pytest.mark.browser
FOCUSED_JS = """() => { const f = document.activeElement;
  if (!f || f === document.body) return null;
  const thumb = f.closest('[data-testid="stSlider"]') && f.parentElement.parentElement;
  const shown = thumb || (f.tagName === 'INPUT' && f.closest('label, [data-baseweb="select"], '
    + '[data-testid$="RootElement"], [data-testid="stNumberInputContainer"]')) || f;
  const box = (e) => { const r = e.getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height}; };
  const grid = f.classList.contains('dvn-scroller') || f.closest('[data-testid="stDataFrame"]');
  return {tag: grid && f.tagName !== 'CANVAS' ? 'GRID' : f.tagName,
          name: (f.getAttribute('aria-label') || f.textContent || '').trim(),
          own: box(f), shown: box(shown)}; }"""
PAD = 6  # the ring is drawn 2 px off the control and 3 px wide


def focused(page) -> dict | None:
    """Return the focused element: tag, name, its box and the box of what shows it."""
    return page.evaluate(FOCUSED_JS)


def tab_to(page, name: str, limit: int = 80, back: bool = False) -> dict:
    """Press Tab (Shift+Tab when back) until the focused element's name ends with name (a
    button's text starts with its icon's name); return it."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        found = focused(page)
        if found and found["name"].endswith(name):
            return found
    raise AssertionError(f"{name!r} not reached in {limit} presses of Tab")


def _luminance(pixels: np.ndarray) -> np.ndarray:
    c = pixels / 255.0
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * c[..., 0] + 0.7152 * c[..., 1] + 0.0722 * c[..., 2]


def _shot(page, clip: dict) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB"), float)


def focus_pixels(page, element: dict) -> int:
    """Return how many pixels around the focused element change by 3:1 or more when it loses
    focus (what shows the focus against what is there without it)."""
    box = element["shown"]
    clip = {"x": max(box["x"] - PAD, 0), "y": max(box["y"] - PAD, 0),
            "width": box["width"] + 2 * PAD, "height": box["height"] + 2 * PAD}
    with_focus = _shot(page, clip)
    page.evaluate("() => { window.followupFocus = document.activeElement; "
                  "document.activeElement.blur(); }")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                  "requestAnimationFrame(done)))")
    without = _shot(page, clip)
    page.evaluate("() => window.followupFocus.focus({focusVisible: true})")
    a, b = _luminance(with_focus), _luminance(without)
    return int(((np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05) >= 3).sum())


def open_page(page, server, address: str) -> None:
    page.goto(server.url + address)
    settled(page)


@pytest.mark.parametrize("path", ["/followup", "/upload"])
def test_every_tab_stop_shows_its_focus_by_a_ring_of_3_to_1(laptop_page, sample_server, path):
    # the focus shows when at least a 1 px line around the control changes by 3:1 (2.4.7;
    # the ring drawn is 3 px); the grid (its canvas, its scroller) draws its own focus on the
    # cell, not measured
    page = laptop_page
    open_page(page, sample_server, path)
    page.add_style_tag(content="* { transition: none !important; }")  # the state, not a fade
    seen, weak = [], []
    for _ in range(70):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None or element["tag"] in ("MAIN", "CANVAS", "GRID"):
            continue
        if seen and element["name"] == seen[0]:
            break  # round the page once
        seen.append(element["name"])
        box = element["shown"]
        ring = 2 * (max(box["width"], 1) + max(box["height"], 1))
        found = focus_pixels(page, element)
        if found < ring:
            weak.append((element["tag"], element["name"][:40], found, round(ring)))
    assert len(seen) >= 12, seen
    assert weak == []


def test_region_history_briefing_language_and_presentation_with_the_keyboard(
    laptop_page, two_rounds_server
):
    page = laptop_page
    open_page(page, two_rounds_server, "/followup")
    # filter by region: Tab to the field, Enter opens its list, the name typed and Enter
    tab_to(page, "Region")
    page.keyboard.press("Enter")
    page.keyboard.type("Afrika")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"region=Afrika"))
    settled(page)
    # an action's history: Tab into the actions' grid, a row chosen (an arrow key, then
    # Shift+Space, as the caption under the table says), the history opens; Tab to Close and
    # Enter closes it
    for _ in range(80):
        page.keyboard.press("Tab")
        if (focused(page) or {}).get("tag") == "CANVAS":
            break
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    detail = page.locator(".st-key-action_detail")
    expect(detail.get_by_role("heading", name=re.compile("^Historikk: "))).to_be_visible(
        timeout=30_000)
    expect(page).to_have_url(re.compile(r"action="))
    settled(page)
    tab_to(page, "Lukk historikken")
    page.keyboard.press("Enter")
    expect(detail).to_have_count(0, timeout=30_000)
    settled(page)
    page.keyboard.press("Shift+Tab")  # back from where the history was
    # download the briefing: Tab to its button, Enter
    tab_to(page, "Briefing (HTML)")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".html")
    # change the language: back (Shift+Tab) to the chosen one in the sidebar (a group of
    # radio buttons, one Tab stop), the arrow key to English, Space
    tab_to(page, "Norsk bokmål", back=True)
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    assert focused(page)["name"] == "English"
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", name="Follow-up", level=1)).to_be_visible(timeout=30_000)
    settled(page)
    # presentation mode: Space on its switch, Tab to the next page's link and Enter, and out
    # again by Tab and Enter
    tab_to(page, "Presentation mode")
    page.keyboard.press("Space")
    leave = page.get_by_role("button", name=re.compile("Leave presentation"))
    expect(leave).to_be_visible(timeout=30_000)
    settled(page)
    tab_to(page, "Next: Recommendations")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Recommendations", level=1)).to_be_visible(
        timeout=30_000)
    expect(leave).to_be_visible()
    settled(page)
    tab_to(page, "Leave presentation")
    page.keyboard.press("Enter")
    expect(leave).to_have_count(0, timeout=30_000)


def test_the_upload_pages_controls_are_reached_by_tab(laptop_page, sample_server):
    page = laptop_page
    open_page(page, sample_server, "/upload")
    tab_to(page, "Last ned mal (xlsx)")
    with page.expect_file_chooser() as chooser:
        tab_to(page, "Velg fil")
        page.keyboard.press("Enter")
    assert chooser.value.is_multiple()  # several returns can be uploaded at once (issue 23)
    for name in ("Runde", "Last ned originalfilen", "Ja, slett runde 2 (sample.xlsx). Dataene "
                 "fjernes; originalfilen og loggen beholdes."):
        tab_to(page, name)
