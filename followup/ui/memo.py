"""A process-wide memo of what every viewer shares, keyed on plain tuples.

Streamlit's caches hash every argument with their own hasher and, for st.cache_data, pickle
each result on the way in and unpickle it on every hit: half a millisecond a call, some
twenty calls a run, a seventh of a rerun's CPU. What the app shares is keyed on what it
answers (database, its generation, query, parameters; a figure's builder and options), so a
dict with a lock does the same for a hundredth of that. Nothing kept is changed after it is
made (callers build new frames from a query's answer; st.dataframe and st.plotly_chart only
read), so every session gets the same object. The oldest entries go first beyond `size`.
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
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], object]):
        """Return the value kept for key, or make it (outside the lock), keep it, return it.
        An exception from make() is raised and nothing is kept."""
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

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
