"""Searches of a large part on the second core: a forked copy of this process runs them.

Python's regular expressions hold the GIL, so a second thread would only take turns with the
first. A forked copy shares the part's bytes (copy-on-write) and has a GIL of its own; it
runs the searches it is given one after the other and sends each result back as soon as it
has it (marshal: plain tuples, lists, numbers and text). The copy ends when it is done, when
its time is up (the limit of the parsing child, `followup.store.child`), or with this process.
If it cannot be made, or dies before it answers, the searches it did not answer are run here:
the answers are the same, only later.
"""

from __future__ import annotations

import contextlib
import ctypes
import marshal
import os
import signal
from collections.abc import Callable

_SECONDS = 240  # the parsing child's default time limit; the copy never outlives it
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this copy when the thread that forked it ends (the parsing
    child's main thread: `Container.prove` runs there)."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the time limit ends it
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(1)


class Forked:
    """Searches run in a forked copy of this process; `result(i)` waits for the i-th."""

    def __init__(self, *searches: Callable[[], object]):
        self._searches = searches
        self._results: list[object] = []
        self._pid: int | None = None
        self._pipe = None
        try:
            read, write = os.pipe()
        except OSError:
            return
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the copy: search, answer, and leave without running anything else
            code = 1
            try:
                os.close(read)
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.alarm(max(1, int(float(os.environ.get("FOLLOWUP_PARSE_SECONDS")
                                              or _SECONDS))))
                _die_with_parent(parent)
                with os.fdopen(write, "wb") as pipe:
                    for search in searches:
                        payload = marshal.dumps(search())
                        pipe.write(len(payload).to_bytes(8, "little") + payload)
                        pipe.flush()
                code = 0
            finally:
                os._exit(code)
        self._pid = pid
        os.close(write)
        self._pipe = os.fdopen(read, "rb")

    def result(self, index: int) -> object:
        """Return the index-th search's result (run here if the copy did not give it)."""
        while len(self._results) <= index:
            self._results.append(self._next(len(self._results)))
        if len(self._results) == len(self._searches):
            self.close()
        return self._results[index]

    def _next(self, index: int) -> object:
        if self._pipe is not None:
            head = self._pipe.read(8)
            if len(head) == 8:
                payload = self._pipe.read(int.from_bytes(head, "little"))
                try:
                    return marshal.loads(payload)
                except (EOFError, ValueError, TypeError):
                    pass
            self.close()  # the copy died: what it has not answered is done here
        return self._searches[index]()

    def close(self) -> None:
        """Stop the copy if it still runs, and reap it."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):  # reaped already (SIGCHLD ignored)
                os.waitpid(self._pid, 0)
            self._pid = None
