"""Take screenshots of every page on the sample data (for the README and for review).

    python docs/make_screenshots.py [OUT_DIR]            # the README's screenshots (docs/)
    python docs/make_screenshots.py OUT_DIR --review     # every page at meeting sizes
    python docs/make_screenshots.py OUT_DIR --review --only=grants,390,nn   # some of them

Starts the dashboard on a fresh database with the sample rounds, opens each page in Debian's
headless Chromium and writes one PNG per page. `--review` writes every page at 1366×768, at
1920×1080 in presentation mode and at 390×844, in bokmål, nynorsk and English, each as tall
as the page.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.browser import Server, launch

PAGES = {"overview": "", "followup": "followup", "grants": "grants",
         "portfolio": "portfolio", "upload": "upload", "overview-en": "?lang=en"}
REVIEW_PAGES = {"overview": "", "evaluations": "evaluations", "followup": "followup",
                "recommendations": "recommendations", "grants": "grants",
                "portfolio": "portfolio", "upload": "upload"}
REVIEW_SIZES = {"1366": (1366, 768, ""), "1920-present": (1920, 1080, "present=1"),
                "390": (390, 844, "")}


def _shoot(browser, url: str, path: Path, width: int, height: int, full: bool) -> None:
    """Open url at width×height; write a screenshot as tall as the page when full."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.get_by_role("heading", level=1).first.wait_for(timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]') && "
                           "[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
                           ".every(p => p.querySelector('.main-svg'))", timeout=60_000)
    page.wait_for_timeout(3000)
    if full:  # Streamlit scrolls inside its own container: grow the viewport to the page
        tall = page.evaluate("() => Math.max(...[...document.querySelectorAll("
                             "'[data-testid=\"stMain\"], section.main, .main')]"
                             ".map(e => e.scrollHeight), document.body.scrollHeight)")
        page.set_viewport_size({"width": width, "height": max(height, min(tall, 6000))})
        page.wait_for_timeout(1500)
    page.screenshot(path=str(path))
    page.close()


def main() -> None:
    """Write the screenshots (see the module's docstring)."""
    review = "--review" in sys.argv
    only = {w for a in sys.argv if a.startswith("--only=") for w in a[7:].split(",") if w}

    def wanted(*names: str) -> bool:  # each named kind (page, size, language) given, or all
        groups = (REVIEW_PAGES, REVIEW_SIZES, ("nb", "nn", "en"))
        return all(n in only or not only & set(g) for n, g in zip(names, groups))
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else Path(__file__).parent)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder) / "followup.duckdb")
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                if review:
                    for name, path in REVIEW_PAGES.items():
                        for size, (width, height, extra) in REVIEW_SIZES.items():
                            for lang in ("nb", "nn", "en"):
                                if not wanted(name, size, lang):
                                    continue
                                query = "&".join(q for q in (extra, f"lang={lang}") if q)
                                _shoot(browser, f"{server.url}/{path}?{query}",
                                       out / f"{name}-{size}-{lang}.png", width, height, True)
                else:
                    for name, path in PAGES.items():
                        tall = 950 if name.startswith("overview") else 2100
                        _shoot(browser, f"{server.url}/{path}", out / f"{name}.png", 1500,
                               tall, False)
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
