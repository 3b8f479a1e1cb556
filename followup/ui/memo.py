"""A process-wide memo of what every viewer shares, keyed on plain tuples.

Streamlit's caches hash every argument with their own hasher and, for st.cache_data, pickle
each result on the way in and unpickle it on every hit: half a millisecond a call, some
twenty calls a run, a seventh of a rerun's CPU. What the app shares is keyed on what it
answers (database, its generation, query, parameters; a figure's builder and options), so a
dict with a lock does the same for a hundredth of that. Nothing kept is changed after it is
made (callers build new frames from a query's answer; st.dataframe and st.plotly_chart only
read), so every session gets the same object. The oldest entries go first beyond `size`.
Each value is made by one thread at a time: when an import makes a new generation, the
viewers whose runs ask for the same answer at once wait for the one making it instead of
each making it again (fifty viewers rerunning beside an import made every answer fifty times).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class Memo:
    """At most `size` values, each made once by make() for its key, then handed out."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict = OrderedDict()
        self._making: dict = {}  # key -> the lock of the thread making its value
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], object]):
        """Return the value kept for key, or make it (outside the memo's lock, one thread per
        key; the others asking for it wait), keep it, return it. An exception from make() is
        raised and nothing is kept (a thread that waited then makes it itself)."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            making = self._making.setdefault(key, threading.Lock())
        try:
            with making:
                with self._lock:
                    if key in self._values:
                        self._values.move_to_end(key)
                        return self._values[key]
                value = make()
                with self._lock:
                    self._values[key] = value
                    while len(self._values) > self.size:
                        self._values.popitem(last=False)
                return value
        finally:
            with self._lock:
                if self._making.get(key) is making:
                    del self._making[key]

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
