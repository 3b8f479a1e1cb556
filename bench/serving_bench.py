"""What one viewer costs the server, against a hello-world page, and 10 or 25 viewers at once.

    python -m bench.serving_bench [--repeat 5] [--no-load]

Starts the real server (`streamlit run dashboard.py`) on a database like
bench/render_bench.py's (the 200,000-disbursement round, after a smaller earlier round so
the overview lists the ~40 actions that changed), and `streamlit run bench/hello_app.py`
(one plotly chart) the same way. For each, the server process's CPU seconds (utime + stime
of it and its children, /proc/PID/stat) are read around:

- a warm visit: a new Chromium context (a new session, nothing cached in the browser) opens
  the page; done when every chart is drawn and the server is idle again;
- a rerun: the same tab reruns (the `r` key), same filters;
- a new session's first run without a browser (Streamlit's websocket protocol: the script's
  work, without the frontend's files that each new browser fetches);
- a filter change: a region is added in the sidebar (the websocket protocol, the same message
  the browser sends); a combination nobody chose yet, then one already chosen.

Medians of --repeat samples (each the mean of 3), after a warm-up sample. CPU seconds of
the server are robust to other work on the machine; wall-clock figures are not (the machine
is shared), so only medians and ratios are printed. Then the load run (bench/serving_load.py).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, big_workbook, median
from bench.make_workbook import build
from bench.viewers import Viewer

CHARTS = ".js-plotly-plot .main-svg"
IDLE_SAMPLE = 0.1


def cpu_seconds(pid: int) -> float:
    """Return the CPU seconds a process and its waited-for children have used."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2:].split()
    ticks = sum(int(v) for v in fields[11:15])
    import os

    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> tuple[float, float]:
    """Return the resident memory of a process now and at its peak, in MB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text()
                  .splitlines() if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def settle(pid: int, timeout: float = 30) -> float:
    """Wait until the server has used no CPU for two samples in a row; return its CPU."""
    last, still, deadline = cpu_seconds(pid), 0, time.monotonic() + timeout
    while still < 2 and time.monotonic() < deadline:
        time.sleep(IDLE_SAMPLE)
        now = cpu_seconds(pid)
        still = still + 1 if now == last else 0
        last = now
    return last


def databases(folder: Path) -> Path:
    """Return a database with the large round of render_bench after an earlier, smaller one
    whose actions are the same but for every 40th, then ongoing (so about 40 changed)."""
    from followup.store import ingest

    db = folder / "serving" / "followup.duckdb"
    earlier = build(folder / "earlier.xlsx", 2_000, 20_000, 2_000, ongoing_every=40)
    ingest.ingest(earlier.read_bytes(), earlier.name, db, dt.date(2012, 6, 29))
    large = big_workbook()
    ingest.ingest(large.read_bytes(), large.name, db, dt.date(2012, 12, 14))
    return db


def _drawn(page, charts: int) -> None:
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n && document.querySelector("
        "'[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'",
        arg=[CHARTS, charts], timeout=120_000, polling=50)


def browser_costs(browser, server, charts: int, repeat: int, batch: int = 3,
                  path: str = "") -> dict[str, float]:
    """Return the median server CPU seconds of a warm visit and of a rerun, in Chromium, of
    the page at `path` ("" the default page).

    Each sample is `batch` visits (and `batch` reruns in each), divided by their number: the
    kernel counts CPU time in ticks of 10 ms, too coarse for one rerun of a small page.
    """
    pid = server.process.pid
    visits, reruns = [], []
    for i in range(repeat + 1):
        visit = rerun = 0.0
        for _ in range(batch):
            context = browser.new_context(viewport={"width": 1440, "height": 950})
            page = context.new_page()
            before = settle(pid)
            page.goto(f"{server.url}/{path}")
            _drawn(page, charts)
            after = settle(pid)
            for _ in range(batch):
                page.locator("body").press("r")
                page.wait_for_timeout(50)
                _drawn(page, charts)
            rerun += (settle(pid) - after) / batch
            visit += after - before
            context.close()
        if i:  # the first sample warms the server's caches
            visits.append(visit / batch)
            reruns.append(rerun / batch)
    return {"visit": median(visits), "rerun": median(reruns)}


async def _session_starts(url: str, pid: int, repeat: int, batch: int = 3,
                          page: str = "") -> float:
    samples = []
    for i in range(repeat + 1):
        before = settle(pid)
        for _ in range(batch):
            viewer = Viewer(url, page)
            await viewer.open()
            await viewer.close()
        if i:
            samples.append((settle(pid) - before) / batch)
    return median(samples)


def region_choices(options: list[str], repeat: int, page: str = "") -> list[list[str]]:
    """Return the regions added in each filter change: the first one, the first two, …"""
    return [options[: i % len(options) + 1] for i in range(repeat)]


async def _filter_changes(url: str, pid: int, repeat: int, page: str = "",
                          widget: str = "region", choices=region_choices) -> dict[str, float]:
    viewer = Viewer(url, page)
    first = await viewer.open()
    fresh, seen = [], []
    for chosen in choices(list(viewer.widgets[widget].options), repeat, page):
        for costs in (fresh, seen):  # a new combination, then the same one again
            await viewer.run({widget: []})
            before = settle(pid)
            run = await viewer.run({widget: chosen})
            assert run.charts == first.charts and not run.errors, run.errors
            costs.append(settle(pid) - before)
    await viewer.close()
    return {"new filter": median(fresh), "filter seen before": median(seen)}


def protocol_costs(server, repeat: int, filters: bool, page: str = "",
                   **change) -> dict[str, float]:
    """Return the median server CPU seconds of a new session's first run without a browser
    (no frontend files served), and of a filter change (new, and seen before; `change`
    names the widget and the choices, see _filter_changes)."""
    url, pid = server.url, server.process.pid
    costs = {"visit, script only": asyncio.run(_session_starts(url, pid, repeat, page=page))}
    if filters:
        costs.update(asyncio.run(_filter_changes(url, pid, repeat, page, **change)))
    return costs


def _server(server_class, db: Path, checkout: Path):
    """Start `streamlit run dashboard.py` in a checkout (this one, or another to compare)."""
    import importlib.util

    if checkout.resolve() == ROOT:
        return server_class(db)
    helper = next(path for path in (checkout / "tests" / "support" / "browser.py",
                                    checkout / "tests" / "browser.py") if path.exists())
    spec = importlib.util.spec_from_file_location("other", helper)
    other = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(other)
    return other.Server(db)


def main() -> None:
    from playwright.sync_api import sync_playwright

    from bench import serving_load
    from tests.support.browser import Server, launch

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--app", type=Path, default=ROOT,
                        help="the checkout whose dashboard.py to serve (another one to compare)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = databases(Path(folder))
        app = _server(Server, db, args.app)
        hello = Server(db, app=str(ROOT / "bench" / "hello_app.py"))
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                ours = browser_costs(browser, app, 3, args.repeat)
                base = browser_costs(browser, hello, 1, args.repeat)
                browser.close()
            ours.update(protocol_costs(app, args.repeat, filters=True))
            base.update(protocol_costs(hello, args.repeat, filters=False))
            print(f"server CPU seconds per viewer action, median of {args.repeat} "
                  "(overview / hello-world page with one plotly chart)")
            for what, seconds in ours.items():
                against = base.get(what)
                ratio = f"{base[what]:6.3f} s  {seconds / against:5.2f}x" if against else ""
                print(f"  {what:20} {seconds:6.3f} s  {ratio}")
            print("  targets: visit and rerun <= 1.5x the hello-world page; "
                  "a filter change <= 0.25 s")
            print(f"  server RSS {rss_mb(app.process.pid)[0]:.0f} MB")
            hello.stop()
            hello = None
            if not args.no_load:
                serving_load.report(app, db, Path(folder))
        finally:
            app.stop()
            if hello:
                hello.stop()


if __name__ == "__main__":
    main()
