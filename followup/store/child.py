"""Untrusted workbooks are read in a forked child with a memory and a time limit.

A reader that is handed a hostile or damaged file may ask for hundreds of gigabytes (a Rust
allocation that fails aborts the whole process), panic, or spin. So `ingest` and `check` do
their work in a child of the command line: its address space is capped (RLIMIT_AS,
`FOLLOWUP_PARSE_MEMORY_MB`) and an alarm ends it after `FOLLOWUP_PARSE_SECONDS`. A child
that dies is reported as a file too large or damaged to read, never as a crash; the database
is untouched because a load is one transaction, and flocks die with their holder; the child
dies with its parent (a killed command line stops its import). Messages a
Rust reader prints when it panics go to the server log (the child's fd 2 is redirected),
while the child's own messages still reach stderr.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass

MEMORY_MB = float(os.environ.get("FOLLOWUP_PARSE_MEMORY_MB") or 3072)
SECONDS = int(float(os.environ.get("FOLLOWUP_PARSE_SECONDS") or 240))
_OUT_OF_MEMORY = 86  # the child's exit code when Python or DuckDB ran out of memory
_HIDDEN = "FOLLOWUP_RUST_LOG"  # where the child's fd 2 goes (default /dev/null)
_PR_SET_PDEATHSIG = 1
# The dynamic loader ends a process with 127 when it cannot map or bind a native library's
# code (its message went to the muted stderr): under the cap that is memory, as
# "failed to map segment" is for an import (seen: a symbol DuckDB or calamine binds lazily)
_LOADER_FAILED = 127


@dataclass
class Died(Exception):
    """The child was stopped: `memory`, `time`, or `crash` (a signal, e.g. a Rust abort)."""

    reason: str
    detail: str = ""


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when its parent dies (a killed CLI stops its import)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _limit() -> None:
    """Cap this process's address space and run time."""
    limit = int(MEMORY_MB * 2**20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(SECONDS)


def _quiet_rust() -> None:
    """Send fd 2 (where a Rust panic prints) away; keep sys.stderr on the real stderr."""
    sys.stderr.flush()
    real = os.dup(2)
    target = os.open(os.environ.get(_HIDDEN, os.devnull), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(target, 2)
    os.close(target)
    sys.stderr = os.fdopen(real, "w", buffering=1, encoding="utf-8", errors="replace")


def _out_of_memory(exc: BaseException) -> bool:
    """Return True for Python or DuckDB out of memory, and for a native module that could not
    be mapped under the cap (DuckDB is imported while the sheets parse, see store.ingest)."""
    return (isinstance(exc, MemoryError) or type(exc).__name__ == "OutOfMemoryException"
            or (isinstance(exc, ImportError) and "failed to map segment" in str(exc)))


def _child(work: Callable[[], int]) -> int:
    try:
        _limit()
        _quiet_rust()
        return work()
    except BaseException as exc:  # the child must end with an exit code, whatever happened
        if _out_of_memory(exc):
            return _OUT_OF_MEMORY
        import traceback

        traceback.print_exc(file=sys.stderr)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def run(work: Callable[[], int]) -> int:
    """Run work() in a forked child under the limits; return its exit code, or raise Died."""
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            _die_with(parent)
            code = _child(work)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        raise Died("time" if sig in (signal.SIGALRM, signal.SIGXCPU) else "crash",
                   signal.Signals(sig).name)
    code = os.WEXITSTATUS(status)
    if code in (_OUT_OF_MEMORY, _LOADER_FAILED):
        raise Died("memory")
    return code
