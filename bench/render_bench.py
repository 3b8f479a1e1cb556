"""Page rendering cost on the sample data against a database with 200,000 disbursements.

    python -m bench.render_bench [--repeat 3] [--no-browser]

For each database, in a fresh process (cold caches): AppTest renders every page once; the
time is the sum over pages. Then a real server in Debian's Chromium: the time from opening
the overview to the first drawn chart. Prints both, and the ratios large / sample.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, big_workbook, median

RENDER = """
import json, sys, time
from streamlit.testing.v1 import AppTest
pages = ["pages/overview.py", "pages/followup.py", "pages/grants.py", "pages/portfolio.py",
         "pages/upload.py"]
start = time.perf_counter()
at = AppTest.from_file(sys.argv[1], default_timeout=300)
at.run()
for page in pages[1:]:
    at.switch_page(page).run()
assert not at.exception, at.exception
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def render_seconds(db: Path) -> float:
    """Return the seconds a fresh process takes to render every page once via AppTest."""
    done = subprocess.run([sys.executable, "-c", RENDER, str(ROOT / "dashboard.py")],
                          cwd=ROOT, capture_output=True, text=True, check=True,
                          env={"FOLLOWUP_DB": str(db), "PYTHONPATH": str(ROOT),
                               "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def first_chart_seconds(db: Path) -> float:
    """Return the seconds from opening the overview in Chromium to its first drawn chart."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import Server, launch

    server = Server(db)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1440, "height": 950})
            start = time.perf_counter()
            page.goto(server.url)
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
            seconds = time.perf_counter() - start
            browser.close()
    finally:
        server.stop()
    return seconds


def databases(folder: Path) -> dict[str, Path]:
    """Create the sample database and the large one (through the real ingest)."""
    from followup.store import ingest

    sample = folder / "sample" / "followup.duckdb"
    ingest.ensure_database(sample)
    large = folder / "large" / "followup.duckdb"
    path = big_workbook()
    ingest.ingest(path.read_bytes(), path.name, large, dt.date(2012, 12, 14))
    return {"sample": sample, "large": large}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        dbs = databases(Path(folder))
        render = {name: median([render_seconds(db) for _ in range(args.repeat)])
                  for name, db in dbs.items()}
        for name, seconds in render.items():
            print(f"render all pages, cold, {name:6}: {seconds:6.2f} s (median of {args.repeat})")
        print(f"ratio large / sample:              {render['large'] / render['sample']:6.2f}x"
              "  (target <= 3x)")
        if not args.no_browser:
            chart = {name: median([first_chart_seconds(db) for _ in range(args.repeat)])
                     for name, db in dbs.items()}
            for name, seconds in chart.items():
                print(f"first chart in Chromium, {name:6}: {seconds:6.2f} s  (target <= 5 s)")


if __name__ == "__main__":
    main()
