"""The serving bench at a ministry's scale: every page, against the hello-world page, and
fifty viewers within a minute.

    python -m bench.portfolio_bench [--repeat 5] [--pages overview,followup] [--no-load]
                                    [--app OTHER_CHECKOUT]

The database is bench/make_portfolio.py's (30 evaluations × 8 rounds, 2,000 grants from
three exports: 244 rounds, built once into bench/out/ and copied). For each page, as
bench/serving_bench.py does for the overview: the server's CPU seconds of a warm visit in a
new Chromium context and of a rerun, of a new session's first run without a browser (the
script's work), and of a filter change: one evaluation chosen that no viewer chose yet
(each page gets its own), then the same again. The hello-world page's visit, rerun and
script-only figures are measured in the same run, before and after the pages, and every
ratio is against the mean of the two. Medians of --repeat samples.

Then the load run (bench/portfolio_load.py): fifty viewers opening the link within a minute,
and a new export of the grant system imported beside fifty viewers rerunning.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT
from bench.make_portfolio import database
from bench.serving_bench import _server, browser_costs, protocol_costs, rss_mb

# page -> its URL path ("" the default page)
PAGES = {"overview": "", "evaluations": "evaluations", "followup": "followup",
         "recommendations": "recommendations", "grants": "grants", "portfolio": "portfolio"}
BASE = ("visit", "rerun", "visit, script only")


def evaluation_choices(options: list[str], repeat: int, page: str) -> list[list[str]]:
    """Return the evaluations chosen in each filter change of a page: one nobody chose yet
    on any page (then pairs, when there are more changes than evaluations)."""
    at = list(PAGES.values()).index(page) * repeat
    n = len(options)
    return [[options[j % n]] if j < n else [options[j % n], options[(j + 1 + j // n) % n]]
            for j in range(at, at + repeat)]


def charts_on(server, page: str) -> int:
    """Return how many charts a page draws (a first run over the websocket)."""
    import asyncio

    from bench.viewers import Viewer

    async def count() -> int:
        viewer = Viewer(server.url, page)
        run = await viewer.open()
        await viewer.close()
        return run.charts

    return asyncio.run(count())


def page_costs(app, pages: list[str], repeat: int) -> dict[str, dict[str, float]]:
    """Return, per page, the server CPU seconds of each viewer action (medians)."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch

    charts = {name: charts_on(app, PAGES[name]) for name in pages}
    out = {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name in pages:
            out[name] = browser_costs(browser, app, charts[name], repeat, path=PAGES[name])
            _progress(f"{name}: {charts[name]} charts, in Chromium {out[name]}")
        browser.close()
    for name in pages:
        out[name].update(protocol_costs(app, repeat, filters=True, page=PAGES[name],
                                        widget="evaluation", choices=evaluation_choices))
        _progress(f"{name}: {out[name]}")
    return out


def _progress(line: str) -> None:
    """Say how far the run has come (on stderr: a run takes minutes on a busy machine)."""
    print(f"  ... {line}", file=sys.stderr, flush=True)


def hello_costs(hello, repeat: int) -> dict[str, float]:
    """Return the hello-world page's server CPU seconds of a visit, a rerun, a script run."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        base = browser_costs(browser, hello, 1, repeat)
        browser.close()
    base.update(protocol_costs(hello, repeat, filters=False))
    return base


def report(ours: dict[str, dict[str, float]], base: dict[str, float], repeat: int) -> None:
    """Print each page's figures, the ratios to the hello-world page, and the targets."""
    print(f"server CPU seconds per viewer action, median of {repeat}; ratio to the "
          "hello-world page (one plotly chart) in the same run")
    print(f"  {'hello-world page':16}" + "".join(f"  {what} {base[what]:.3f} s" for what in BASE))
    print(f"  {'page':16} {'visit':>14} {'rerun':>14} {'script only':>14} {'new filter':>11}"
          f" {'seen filter':>11}")
    for page, costs in ours.items():
        cells = "".join(f" {costs[what]:6.3f} {costs[what] / base[what]:5.2f}x"
                        for what in BASE)
        print(f"  {page:16}{cells} {costs['new filter']:9.3f} s"
              f" {costs['filter seen before']:9.3f} s")
    print("  targets: visit and rerun <= 1.0x the hello-world page; a new filter <= 0.25 s")


def main() -> None:
    from bench import portfolio_load
    from tests.support.browser import Server

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--app", type=Path, default=ROOT,
                        help="the checkout whose dashboard.py to serve (another one to compare)")
    args = parser.parse_args()
    pages = args.pages.split(",")
    source = database()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "portfolio" / "followup.duckdb"
        db.parent.mkdir()
        shutil.copyfile(source, db)
        app = _server(Server, db, args.app)
        hello = Server(db, app=str(ROOT / "bench" / "hello_app.py"))
        try:
            base = hello_costs(hello, args.repeat)
            _progress(f"hello-world page: {base}")
            ours = page_costs(app, pages, args.repeat)
            after = hello_costs(hello, args.repeat)
            print("hello-world page before and after the pages: " + ", ".join(
                f"{what} {base[what]:.3f} / {after[what]:.3f} s" for what in BASE))
            report(ours, {what: (base[what] + after[what]) / 2 for what in BASE}, args.repeat)
            print(f"  server RSS {rss_mb(app.process.pid)[0]:.0f} MB")
            hello.stop()
            hello = None
            if not args.no_load:
                portfolio_load.report(app, db, Path(folder))
        finally:
            app.stop()
            if hello:
                hello.stop()


if __name__ == "__main__":
    main()
