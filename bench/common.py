"""Helpers for the benchmarks: run a command in a fresh process and measure it."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def run(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """Run a command in a fresh process; return (wall seconds, peak resident MB of the child)."""
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=ROOT, env=full, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{args} failed: {child.stderr.read().decode()[-2000:]}")
    child.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


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
