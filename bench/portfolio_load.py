"""The load run of bench/portfolio_bench.py: fifty viewers opening the link within a minute,
and an import beside fifty viewers.

Each viewer (bench/viewers.py: Streamlit's websocket protocol, a new session) arrives at a
random moment within the minute (the same moments every run), opens the link (the
overview), goes to the Evalueringer page and there chooses one evaluation. Prints p50 and
p95 of the seconds to the last chart of each step and of all of them, the errors
(exceptions, and any warning a page does not show a quiet viewer: "busy" would be one), the
server's CPU seconds and its resident memory before and after each of two such minutes.
Then fifty viewers open the link at the same moment (no minute to spread over). Then
bench/serving_load.py's import beside the viewers: the grant system's next export (2,000
grants) imported by the command line while fifty viewers keep rerunning the overview.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from pathlib import Path

from bench import serving_load
from bench.make_portfolio import export
from bench.serving_bench import cpu_seconds, rss_mb, settle
from bench.viewers import Viewer

STEPS = (("open", "", None), ("evaluations", "evaluations", None),
         ("choose", "evaluations", "evaluation"))
NEXT_EXPORT = ("2013-06-30", "30.06.2013")


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


async def _visit(url: str, delay: float, evaluation: int, quiet: dict) -> dict:
    """One viewer: wait, open the link, go to the evaluations page, choose an evaluation."""
    await asyncio.sleep(delay)
    viewer, times, errors = Viewer(url), {}, []
    try:
        for step, page, widget in STEPS:
            viewer.page = page
            if widget is None:
                run = await (viewer.open() if step == "open" else viewer.run())
            else:
                options = list(viewer.widgets[widget].options)
                run = await viewer.run({widget: [options[evaluation % len(options)]]})
            times[step] = run.last_chart or run.finished
            errors += [e for e in run.errors if e not in quiet.get(page, ())]
    except Exception as exc:  # a refused or broken connection is an error of this viewer
        errors.append(repr(exc))
    finally:
        await viewer.close()
    return {"times": times, "errors": errors}


async def _quiet(url: str) -> dict[str, list[str]]:
    """Return the warnings each page shows one viewer on a quiet server (not errors)."""
    out = {}
    for _, page, _ in STEPS:
        viewer = Viewer(url, page)
        out[page] = (await viewer.open()).errors
        await viewer.close()
    return out


async def _minute(url: str, n: int, within: float, seed: int) -> list[dict]:
    rng = random.Random(seed)
    quiet = await _quiet(url)
    delays = sorted(rng.uniform(0, within) for _ in range(n))
    return await asyncio.gather(*(_visit(url, d, i, quiet) for i, d in enumerate(delays)))


def crowd(server, n: int = 50, within: float = 60.0, seed: int = 50) -> dict:
    """Print what n viewers arriving within `within` seconds cost; return the figures."""
    pid = server.process.pid
    before, rss_before = settle(pid), rss_mb(pid)[0]
    start = time.perf_counter()
    visits = asyncio.run(_minute(server.url, n, within, seed))
    wall = time.perf_counter() - start
    cpu = settle(pid) - before
    now, peak = rss_mb(pid)
    everything = []
    for step, _, _ in STEPS:
        times = [v["times"][step] for v in visits if step in v["times"]]
        everything += times
        print(f"  {step:12} time to the last chart: p50 {statistics.median(times):5.2f} s"
              f"  p95 {_pct(times, 0.95):5.2f} s  max {max(times):5.2f} s ({len(times)} runs)")
    errors = [e for v in visits for e in v["errors"]]
    print(f"  all steps    p50 {statistics.median(everything):5.2f} s  p95 "
          f"{_pct(everything, 0.95):5.2f} s; errors {len(errors)} {errors[:3]}")
    print(f"  {n} viewers within {within:.0f} s (took {wall:.0f} s): server CPU {cpu:.1f} s "
          f"({cpu / n:.3f} s a viewer); RSS {rss_before:.0f} -> {now:.0f} MB (peak {peak:.0f})")
    return {"p95": _pct(everything, 0.95), "errors": len(errors), "rss": now}


async def _at_once(url: str, n: int) -> list:
    viewers = [Viewer(url) for _ in range(n)]
    runs = await asyncio.gather(*(v.open() for v in viewers), return_exceptions=True)
    await asyncio.gather(*(v.close() for v in viewers), return_exceptions=True)
    return runs


def at_once(server, n: int = 50) -> None:
    """Print what n viewers opening the link at the same moment see."""
    runs = asyncio.run(_at_once(server.url, n))
    done = [r for r in runs if not isinstance(r, BaseException)]
    times = [r.last_chart or r.finished for r in done]
    errors = len(runs) - len(done) + sum(len(r.errors) for r in done)
    print(f"  {n} at the same moment: time to the last chart p50 {statistics.median(times):5.2f}"
          f" s  p95 {_pct(times, 0.95):5.2f} s; errors {errors}")


def report(server, db: Path, folder: Path, n: int = 50) -> None:
    """Print the load run: two minutes of n arriving viewers, n at once, an import beside n."""
    print(f"load run ({n} viewers a minute; websocket protocol, every viewer a new session)")
    for minute in (1, 2):
        print(f" minute {minute}")
        crowd(server, n, seed=50 + minute)
    at_once(server, n)
    day, shown = NEXT_EXPORT
    book = folder / "tilskudd-2013-06.xlsx"
    book.write_bytes(export(2000, 2013, random.Random(9)))
    serving_load.import_beside(server, db, folder, n, book, day, shown)
    print(f"  server CPU in all: {cpu_seconds(server.process.pid):.1f} s; RSS "
          f"{rss_mb(server.process.pid)[0]:.0f} MB")
