"""Where a page's run spends its time, at a ministry's scale: per page, the CPU seconds of a
rerun and of a new filter (one evaluation chosen that no run chose yet), the queries the new
filter ran with their seconds, and the functions of the app that took most of the reruns.

    python -m bench.profile_pages [--pages overview,followup] [--app OTHER_CHECKOUT]
                                  [--top 8]

In-process, with AppTest (the script's own work: no websocket, no frontend), on a copy of
bench/make_portfolio.py's database. CPU seconds are the process's (DuckDB's threads
included), measured without the profiler; the queries' seconds are wall-clock around each
uncached query; the functions are then profiled over more reruns and another evaluation.
--app profiles another checkout's code (its followup/ and pages/) with this bench.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT
from bench.make_portfolio import database

PAGES = ("overview", "evaluations", "followup", "recommendations", "grants", "portfolio")
RERUNS = 5


def _profiled_script_thread(profile: list[cProfile.Profile], on: list[bool]) -> None:
    """Profile the script thread of AppTest's runs into profile[0] while on[0] is true."""
    from streamlit.testing.v1 import local_script_runner as runner

    original = runner.LocalScriptRunner._run_script_thread

    def run(self):
        if not on[0]:
            return original(self)
        profile[0].enable()
        try:
            return original(self)
        finally:
            profile[0].disable()

    runner.LocalScriptRunner._run_script_thread = run


def _timed_queries(data, log: list) -> None:
    """Record the name and seconds of every uncached query of the app."""
    original = data._query

    def query(db, *args):
        start = time.perf_counter()
        try:
            return original(db, *args)
        finally:
            log.append((args[-2], time.perf_counter() - start))

    data._query = query


def _own(stats: pstats.Stats, top: int) -> list[str]:
    """Return the app's functions that took most of the profiled time (cumulative)."""
    rows = [(cum, f"{Path(file).name}:{name}") for (file, _, name), (_, _, _, cum, _)
            in stats.stats.items() if "followup" in file or "/pages/" in file]
    return [f"{where} {cum:.3f} s" for cum, where in sorted(rows, reverse=True)[:top]]


def profile(app: Path, pages: list[str], top: int) -> None:
    """Print each page's rerun and new-filter CPU, its queries and where its reruns go."""
    from streamlit.testing.v1 import AppTest

    from followup.ui import data

    log, prof, on = [], [cProfile.Profile()], [False]
    _timed_queries(data, log)
    _profiled_script_thread(prof, on)
    at = AppTest.from_file(str(app / "dashboard.py"), default_timeout=300)
    at.run()
    for n, page in enumerate(pages):
        if page != "overview":
            at.switch_page(f"pages/{page}.py")
        at.run()
        start = time.process_time()
        for _ in range(RERUNS):
            at.run()
        rerun = (time.process_time() - start) / RERUNS
        options = at.multiselect(key="evaluation").options
        del log[:]
        start = time.process_time()
        at.multiselect(key="evaluation").set_value([options[2 * n]]).run()
        chosen = time.process_time() - start
        assert not at.exception, [e.value for e in at.exception]
        queries = sorted(log, key=lambda q: -q[1])
        at.multiselect(key="evaluation").set_value([]).run()
        # then the same under the profiler (which slows Python down, not the figures above)
        prof[0], on[0] = cProfile.Profile(), True
        for _ in range(RERUNS):
            at.run()
        reruns = _own(pstats.Stats(prof[0]), top)
        prof[0] = cProfile.Profile()
        at.multiselect(key="evaluation").set_value([options[2 * n + 1]]).run()
        on[0] = False
        print(f"{page}: rerun {rerun:.3f} s CPU; new filter {chosen:.3f} s CPU, of which "
              f"{len(queries)} queries {sum(s for _, s in queries):.3f} s: "
              + ", ".join(f"{name} {s * 1000:.0f} ms" for name, s in queries))
        print(f"  under the profiler, a rerun's own functions (cumulative over {RERUNS}): "
              + "; ".join(reruns))
        print("  another new filter's: " + "; ".join(_own(pstats.Stats(prof[0]), top)))
        at.multiselect(key="evaluation").set_value([]).run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--app", type=Path, default=ROOT)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    app = args.app.resolve()
    sys.path.insert(0, str(app))
    for name in [m for m in sys.modules if m == "followup" or m.startswith("followup.")]:
        del sys.modules[name]  # make_portfolio loaded this checkout's; profile --app's
    folder = Path(tempfile.mkdtemp(prefix="profile-pages-"))
    try:
        db = folder / "followup.duckdb"
        shutil.copyfile(database(), db)
        os.environ["FOLLOWUP_DB"] = str(db)
        profile(app, args.pages.split(","), args.top)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
