"""Where an import's time goes: the bench's workbook through `python -m followup ingest`, each
step timed where it runs (the thread, or the forked copy's answer), medians of fresh processes.

    python -m bench.ingest_steps [--repeat 7]

Prints, for each step, when it began and ended (seconds since the command was started) and
how long it took, in the order they began: what overlaps shows, and what waits. It wraps the
functions named in STEPS, so it measures this checkout only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.common import ROOT, big_workbook, median

# (module, function, label): what is timed in the command's child
STEPS = [
    ("followup.workbook.container", "Container.prove", "prove a sheet part"),
    ("followup.workbook.reader", "_load", "parse a sheet into Arrow"),
    ("followup.store.ingest", "_staging", "import DuckDB, staging set up"),
    ("followup.workbook.container", "Proven.survey", "wait for a part's survey"),
    ("followup.workbook.reader", "_read_sheet", "copy a sheet into DuckDB"),
    ("followup.workbook.validate", "stage_sheet", "type a sheet"),
    ("followup.workbook.validate", "finish", "type the disbursements"),
    ("followup.workbook.validate", "check", "check every cell"),
    ("followup.store.ingest", "_counts", "count the rows"),
    ("followup.store", "ensure_schema", "load: the schema"),
    ("followup.store.ingest", "_insert", "load: insert and commit"),
    ("followup.store.ingest", "_load_unlocked", "load, in all (the file let go included)"),
    ("followup.cli.rounds", "cmd_ingest", "the command, printing included"),
]

CHILD = """
import functools, importlib, json, os, sys, threading, time
events = []
def timed(owner, name, label):
    inner = getattr(owner, name)
    @functools.wraps(inner)
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            second = args[1] if len(args) > 1 else ""
            what = getattr(second, "name", second if isinstance(second, str) else "")
            events.append((label, str(what), threading.current_thread().name, began,
                           time.perf_counter()))
            if name == "cmd_ingest":
                with open(os.environ["STEPS_OUT"], "w") as out:
                    json.dump(events, out)
    setattr(owner, name, wrapper)
for module, dotted, label in json.loads(sys.argv[1]):
    owner = importlib.import_module(module)
    *path, name = dotted.split(".")
    for part in path:
        owner = getattr(owner, part)
    timed(owner, name, label)
from followup.cli import main
sys.exit(main(sys.argv[2:]))
"""


def run_once(path: Path) -> tuple[float, list]:
    """Run the command once, timed; return its wall seconds and its steps (since its start)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "steps.json"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "STEPS_OUT": str(out)}
        start = time.perf_counter()  # CLOCK_MONOTONIC: the same clock in every process
        done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(STEPS), "ingest",
                               str(path), "--db", str(Path(folder) / "bench.duckdb")],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"the import failed: {done.stderr[-2000:]}")
        events = json.loads(out.read_text())
    return wall, [(label, what, thread, began - start, ended - start)
                  for label, what, thread, began, ended in events]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    path = big_workbook()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "followup")],
                   check=True)
    walls, steps = [], defaultdict(list)
    for _ in range(args.repeat):
        wall, events = run_once(path)
        walls.append(wall)
        seen: dict[tuple, int] = defaultdict(int)
        for label, what, thread, began, ended in events:
            key = (label, what, seen[(label, what)])
            seen[(label, what)] += 1
            steps[key].append((began, ended, thread))
    print(f"{path.name}: medians of {args.repeat} runs of python -m followup ingest; "
          f"seconds since the command was started")
    print(f"{'step':<48}{'sheet':<15}{'began':>7}{'ended':>7}{'took':>7}")
    rows = [(median([b for b, _, _ in v]), median([e for _, e, _ in v]), key)
            for key, v in steps.items() if len(v) == args.repeat]
    for began, ended, (label, what, _) in sorted(rows):
        print(f"{label:<48}{what:<15}{began:7.3f}{ended:7.3f}{ended - began:7.3f}")
    print(f"{'the whole command, as a process':<63}{median(walls):14.3f}")


if __name__ == "__main__":
    main()
