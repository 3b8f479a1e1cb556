"""Shared fixtures: a database path in tmp_path and the command line as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Return a path for a fresh DuckDB file (not yet created)."""
    return tmp_path / "db" / "followup.duckdb"


def run_cli(*args: str, env: dict | None = None, cwd: Path = ROOT,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m followup ARGS` in a fresh process; return the completed process."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "followup", *map(str, args)], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def cli():
    """Return the command-line runner."""
    return run_cli
