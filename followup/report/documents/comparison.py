"""Which earlier round the meeting pack's "what changed" compares with, and how it is said.

The app's "Compare with" and the command line's `--compare` choose any round before the chosen
one (by as-of date); without a choice it is the round just before. The key figures stay
against the round just before, as on the overview.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followup import store
from followup.i18n import date, t


@dataclass(frozen=True)
class Comparison:
    """The round compared with (None for the first round), its date, and whether it is the
    round just before the chosen one."""

    snapshot: int | None = None
    as_of: dt.date | None = None
    previous: bool = True

    def since(self, lang: str) -> str:
        """Return the round's date as written in the language ("" for the first round)."""
        return date(self.as_of, lang) if self.as_of else ""

    def heading(self, lang: str, key: str = "h.changes") -> str:
        """Return "What changed since the previous round" (key), or since the round's date."""
        return t(key, lang) if self.previous else t("h.changes_since", lang,
                                                     as_of=self.since(lang))

    def nothing(self, lang: str, key: str = "empty.no_changes") -> str:
        """Return "No changes since the previous round (date)" (key), or since the date."""
        return t(key if self.previous else "empty.no_changes_since", lang,
                 as_of=self.since(lang))


def earlier(con, snapshot: int) -> list[int]:
    """Return the ids of the rounds before the given one by as-of date, the previous first."""
    ids = [r["snapshot_id"] for r in store.snapshots(con)]
    return ids[ids.index(snapshot) + 1:] if snapshot in ids else []


def choose(con, snapshot: int, compare: int | None = None) -> Comparison:
    """Return the comparison of a round with `compare` (default: the round just before);
    ValueError when `compare` is not a round before it."""
    before = earlier(con, snapshot)
    if compare is None:
        compare = before[0] if before else None
    elif compare not in before:
        raise ValueError(compare)
    if compare is None:
        return Comparison()
    as_of = next(r["as_of"] for r in store.snapshots(con) if r["snapshot_id"] == compare)
    return Comparison(compare, as_of, compare == before[0])
