"""Take screenshots of every page on the sample data (for the README and for review).

    python docs/make_screenshots.py [OUT_DIR]

Starts the dashboard on a fresh database with the sample rounds, opens each page in Debian's
headless Chromium and writes one PNG per page (default: docs/).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import Server, launch

PAGES = {"overview": "", "followup": "followup", "grants": "grants",
         "portfolio": "portfolio", "upload": "upload", "overview-en": "?lang=en"}


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder) / "followup.duckdb")
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                for name, path in PAGES.items():
                    tall = 950 if name.startswith("overview") else 2100
                    page = browser.new_page(viewport={"width": 1500, "height": tall})
                    page.goto(f"{server.url}/{path}")
                    page.get_by_role("heading", level=1).first.wait_for(timeout=60_000)
                    page.wait_for_timeout(2500)
                    page.screenshot(path=str(out / f"{name}.png"))
                    page.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
