"""The load run of bench/serving_bench.py: N viewers at once, and an import beside 25 of them.

For N = 10 and 25, N simulated viewers (bench/viewers.py, Streamlit's websocket protocol)
open the overview at the same moment, then each adds a region in the sidebar. Prints p50/p95
of the seconds to the last chart of each, the errors (exceptions or warnings drawn), the
server's CPU seconds for it all and its resident memory.

Then 25 viewers keep rerunning the overview while a new round (5,000 grants, 50,000
disbursements) is imported by the command line; the time the import holds the database (its
writer lock, around the transaction) is recorded by the import process itself. Prints the
longest a viewer waited for the next message (a stall) in a rerun that overlapped the import,
against that time and against the reruns before and after, the errors, and whether every
viewer's round picker then offers the new round.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT
from bench.make_workbook import build
from bench.serving_bench import cpu_seconds, rss_mb, settle
from bench.viewers import Viewer

NEW_ROUND = "31.01.2013"
# The import as the command line runs it, noting when it held the database for writing.
IMPORT = """
import contextlib, json, os, sys, time
from followup.store import locks
original = locks.exclusive
@contextlib.contextmanager
def timed(db, timeout):  # in whichever process writes (the ingest's forked child)
    with original(db, timeout):
        held = {"start": time.time()}
        try:
            yield
        finally:
            held["end"] = time.time()
            with open(os.environ["HELD_FILE"], "w") as out:
                json.dump(held, out)
locks.exclusive = timed
from followup.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


async def _crowd(url: str, n: int) -> dict:
    viewers = [Viewer(url) for _ in range(n)]
    opened = await asyncio.gather(*(v.open() for v in viewers), return_exceptions=True)
    ok = [(v, r) for v, r in zip(viewers, opened) if not isinstance(r, BaseException)]
    regions = list(ok[0][0].widgets["region"].options) if ok else []
    changed = await asyncio.gather(*(v.run({"region": [regions[i % len(regions)]]})
                                     for i, (v, _) in enumerate(ok)), return_exceptions=True)
    await asyncio.gather(*(v.close() for v in viewers), return_exceptions=True)
    runs = [r for r in (*opened, *changed) if not isinstance(r, BaseException)]
    failed = len(opened) + len(changed) - len(runs)
    return {"open": [r.last_chart or r.finished for r in opened if r in runs],
            "change": [r.last_chart or r.finished for r in changed if r in runs],
            "errors": failed + sum(len(r.errors) for r in runs),
            "charts": all(r.charts == 3 for r in runs)}


def crowd(server, n: int) -> None:
    """Print what N viewers opening the overview at once, then changing a filter, cost."""
    pid = server.process.pid
    before = settle(pid)
    result = asyncio.run(_crowd(server.url, n))
    cpu = settle(pid) - before
    now, peak = rss_mb(pid)
    for what in ("open", "change"):
        times = result[what]
        print(f"  N={n:2} {what:6} time to the last chart: p50 {statistics.median(times):5.2f} s"
              f"  p95 {_pct(times, 0.95):5.2f} s")
    print(f"  N={n:2} errors {result['errors']}, every run drew its 3 charts: "
          f"{result['charts']}; server CPU {cpu:.2f} s ({cpu / n:.3f} s a viewer); "
          f"RSS {now:.0f} MB (peak {peak:.0f} MB)")


async def _keep_rerunning(viewer: Viewer, stop: asyncio.Event, runs: list) -> None:
    while not stop.is_set():
        start = time.time()
        run = await viewer.run()
        runs.append((start, time.time(), run, viewer))
        await asyncio.sleep(0.2)


async def _until(runs: list, after: float, n: int) -> None:
    """Wait until each of the n viewers has finished a rerun that started after `after`."""
    while len({id(r[3]) for r in runs if r[0] > after}) < n:
        await asyncio.sleep(0.1)


async def _import_beside(url: str, n: int, command: list[str],
                         new_round: str = NEW_ROUND) -> dict:
    viewers = [Viewer(url) for _ in range(n)]
    await asyncio.gather(*(v.open() for v in viewers))
    stop, runs = asyncio.Event(), []
    loops = [asyncio.create_task(_keep_rerunning(v, stop, runs)) for v in viewers]
    await _until(runs, 0, n)
    started = time.time()
    held_file = Path(command[command.index("--db") + 1]).with_name("held.json")
    done = await asyncio.to_thread(subprocess.run, command, cwd=ROOT, capture_output=True,
                                   text=True, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                   "HELD_FILE": str(held_file)})
    ended = time.time()
    await _until(runs, ended, n)
    stop.set()
    await asyncio.gather(*loops)
    final = await asyncio.gather(*(v.run() for v in viewers))
    await asyncio.gather(*(v.close() for v in viewers))
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    held = json.loads(held_file.read_text())
    during = [r.silence for s, e, r, _ in runs if s < held["end"] and e > held["start"]]
    calm = [r.silence for s, e, r, _ in runs if e < started or s > ended]
    return {"process": ended - started, "held": held["end"] - held["start"],
            "during": during, "calm": calm,
            "errors": sum(len(r.errors) for *_, r, _ in runs)
            + sum(len(r.errors) for r in final),
            "see_new": sum(any(new_round in o for o in v.widgets["round"].options)
                           for v in viewers)}


def import_beside(server, db: Path, folder: Path, n: int = 25, book: Path | None = None,
                  as_of: str = "2013-01-31", new_round: str = NEW_ROUND) -> None:
    """Print how an import (by default a new round of 5,000 grants) beside n rerunning
    viewers goes, and what they then see."""
    book = book or build(folder / "next.xlsx", 5_000, 50_000, 2_000, seed=9)
    command = [sys.executable, "-c", IMPORT, "ingest", str(book), "--db", str(db),
               "--as-of", as_of]
    result = asyncio.run(_import_beside(server.url, n, command, new_round))
    print(f"  import beside {n} rerunning viewers: {result['process']:.2f} s as a process, "
          f"holding the database {result['held']:.2f} s")
    print(f"  reruns overlapping the import: {len(result['during'])}; the longest a viewer "
          f"waited for the next message in one: {max(result['during'], default=0):.2f} s "
          f"(in the reruns before and after: p50 {statistics.median(result['calm']):.2f} s, "
          f"max {max(result['calm']):.2f} s)")
    print(f"  errors {result['errors']}; viewers whose round picker offers the new round: "
          f"{result['see_new']} of {n}")


def report(server, db: Path, folder: Path) -> None:
    """Print the load run: N = 10 and 25 at once, then the import beside 25."""
    print("load run (websocket protocol, every viewer a new session)")
    for n in (10, 25):
        crowd(server, n)
    import_beside(server, db, folder)
    print(f"  server CPU in all: {cpu_seconds(server.process.pid):.1f} s")
