"""The command line as the user runs it: `python -m followup ARGS` in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT


def run_cli(*args: str, env: dict | None = None, cwd: Path = ROOT,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m followup ARGS` in a fresh process; return the completed process."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "followup", *map(str, args)], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=timeout)
