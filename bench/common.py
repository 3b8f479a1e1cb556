"""Helpers for the benchmarks: run a command in a fresh process and measure it."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


# A small parent that times the command and reports its CPU time (its own and its children's)
# and peak memory: a child's ru_maxrss includes the size of the process it was forked from,
# so that process must stay small.
TIMER = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(child.pid, 0)
elapsed = time.perf_counter() - start
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(child.stderr.read().decode()[-2000:])
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
"""


class Run(NamedTuple):
    """One run of a command: wall seconds, CPU seconds (user + system) and peak resident MB."""

    seconds: float
    cpu: float
    peak: float


def measure(args: list[str], env: dict | None = None, cwd: Path = ROOT) -> Run:
    """Run a command in a fresh process (importing from cwd); return what it took."""
    full = {**os.environ, "PYTHONPATH": str(cwd), **(env or {})}
    done = subprocess.run([sys.executable, "-c", TIMER, *args], cwd=cwd, env=full,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed: {done.stderr}")
    return Run(*map(float, done.stdout.split()))


def run(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """Run a command in a fresh process; return (wall seconds, peak resident MB of it)."""
    seconds, _, peak = measure(args, env)
    return seconds, peak


TIMER_ANY = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss / 1024)
"""


def run_any(args: list[str], env: dict | None = None) -> tuple[int, float, float]:
    """Run a command that may fail; return (exit code, wall seconds, peak resident MB)."""
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    done = subprocess.run([sys.executable, "-c", TIMER_ANY, *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, check=True)
    code, seconds, peak = done.stdout.split()
    return int(code), float(seconds), float(peak)


def python(code: str, *args: str) -> list[str]:
    """Return the command that runs code in a fresh Python, with arguments."""
    return [sys.executable, "-c", code, *args]


def median(values: list[float]) -> float:
    """Return the median."""
    return statistics.median(values)


def big_workbook(grants: int = 20_000, disbursements: int = 200_000,
                 actions: int = 2_000) -> Path:
    """Return the benchmark workbook of the given size, generating it once."""
    from bench.make_workbook import build

    path = OUT / f"workbook-{grants}-{disbursements}-{actions}.xlsx"
    if not path.exists():
        build(path, grants, disbursements, actions)
    return path
