"""The state as of a round, composed once per database generation for every reader of a
long-running process (the app), instead of once per query.

Every query reads the state through the persistent table macros of sql/state.sql, and each
call composes it again from all the rounds up to the one asked for: at a ministry's scale
(30 evaluations of 8 rounds) that was most of a page's work whenever a viewer chose a new
filter (the trend over rounds alone 0.2 s). `Composed.prepare` looks at the macros a query
calls (directly or through the macros built on them) and the rounds it calls them with,
composes each of the expensive ones (sql/kept_state.sql) once per round and *version* (what
changes whenever the database changes: the caller's generation of its files), keeps its
rows as an Arrow table, and puts on the query's cursor a temporary macro of the same name
that reads the kept rows. The query's text and its answer stay the same; an import changes
the version, so the next query composes the new state (kept states of older versions leave
as new ones come, `size` at most). A query that calls a state macro with anything but a
bound parameter is left alone (it composes as before).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import cache
from typing import TYPE_CHECKING

from followup.store import SQL, statements

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

_MACRO = re.compile(r"CREATE OR REPLACE (?:TEMP )?MACRO (\w+)\(")
_NOISE = re.compile(r"--[^\n]*|'(?:[^']|'')*'")


@cache
def _kept() -> dict[str, tuple[str, str]]:
    """Return each kept macro's statements (compose, temporary macro), in building order."""
    found = statements((SQL / "kept_state.sql").read_text(encoding="utf-8"))
    return {_MACRO.search(shadow).group(1): (compose, shadow)
            for compose, shadow in zip(found[::2], found[1::2], strict=True)}


@cache
def _uses() -> dict[str, frozenset[str]]:
    """Return, per state macro, every state macro it calls (directly or not), itself too."""
    bodies = {_MACRO.search(s).group(1): _NOISE.sub(" ", s) for s in
              statements((SQL / "state.sql").read_text(encoding="utf-8")) if _MACRO.search(s)}
    calls = {name: {other for other in bodies if re.search(rf"\b{other}\(", body)}
             for name, body in bodies.items()}
    uses = {}
    for name in bodies:
        seen, todo = {name}, [name]
        while todo:
            for other in calls[todo.pop()] - seen:
                seen.add(other)
                todo.append(other)
        uses[name] = frozenset(seen)
    return uses


def needed(sql: str, params: dict) -> dict[str, list] | None:
    """Return, per kept macro, the rounds a query needs it composed for (building order);
    None when the query calls a state macro with anything but a bound parameter."""
    uses, kept, text = _uses(), _kept(), _NOISE.sub(" ", sql)
    out: dict[str, set] = {}
    for name, arg in re.findall(r"\b(\w+)\(\s*([^,)]*)", text):
        if not uses.get(name, frozenset()) & kept.keys():
            continue
        bound = re.fullmatch(r"\$(\w+)(?:::\w+)?", arg.strip())
        if bound is None or bound.group(1) not in params:
            return None
        if params[bound.group(1)] is not None:
            for macro in uses[name]:
                out.setdefault(macro, set()).add(params[bound.group(1)])
    return {m: sorted(out[m]) for m in kept if m in out}


class Composed:
    """The kept states of one process: at most `size` (macro, round, version) rows."""

    def __init__(self, size: int = 64):
        self.size = size
        self._rows: OrderedDict = OrderedDict()
        self._making: dict = {}
        self._lock = threading.Lock()
        self.composed = 0  # how many times a state was composed (for the tests)

    def prepare(self, cur: duckdb.DuckDBPyConnection, version, sql: str, params: dict) -> None:
        """Put on cur, for the query sql with params, the kept state macros it calls,
        composed for version where they are not kept yet (cur: a cursor of its own)."""
        import pyarrow as pa

        wanted = needed(sql, params)
        for macro, rounds in (wanted or {}).items():
            compose, shadow = _kept()[macro]
            tables = [self._kept_rows(cur, (version, macro, snap), compose, snap)
                      for snap in rounds]
            cur.register(f"kept_{macro}", pa.concat_tables(tables))
            cur.execute(shadow)

    def _kept_rows(self, cur, key: tuple, compose: str, snap) -> pa.Table:
        """Return the rows kept for key, composing them once (one thread at a time per key)."""
        with self._lock:
            if key in self._rows:
                self._rows.move_to_end(key)
                return self._rows[key]
            making = self._making.setdefault(key, threading.Lock())
        try:
            with making:
                with self._lock:
                    if key in self._rows:
                        return self._rows[key]
                rows = cur.sql(compose, params={"snap": snap}).to_arrow_table()
                with self._lock:
                    self.composed += 1
                    self._rows[key] = rows
                    while len(self._rows) > self.size:
                        self._rows.popitem(last=False)
                return rows
        finally:
            with self._lock:
                self._making.pop(key, None)

    def clear(self) -> None:
        """Forget every kept state."""
        with self._lock:
            self._rows.clear()
