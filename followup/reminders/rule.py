"""Who is reminded of what: per actor, the open actions of a round worth chasing.

An action is chased when it is neither done nor not applicable and is overdue or due within
`days` of the round's as-of date (the query `deadlines`), not reported, or stalled (the query
`stalled_actions`, unchanged in `rounds` rounds or more). The rules live in those queries;
`reminders` gives the open actions with their last comment and their actor's addresses; an
address that is not a plain `local@domain` (`addresses.plain`) is kept apart as refused, so it
costs its actor that address, never the round its reminders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followup import store
from followup.filters import Filters
from followup.reminders import addresses
from followup.settings import DUE_SOON_DAYS, STALLED_ROUNDS

REASONS = ("overdue", "due_soon", "no_report", "stalled", "not_answered")


@dataclass(frozen=True)
class Item:
    """One action in a reminder, with why it is chased."""

    action_id: str | None
    action: str
    status: str
    due_date: dt.date | None
    days_overdue: int | None
    rounds_unchanged: int
    last_comment: str | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Reminder:
    """The actions one actor is reminded of, where the message goes (plain addresses only),
    and the addresses refused as not plain."""

    actor: str
    emails: tuple[str, ...]
    items: tuple[Item, ...]
    refused: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chase:
    """The reminders of one round: its id and as-of date, the actors and their actions."""

    snapshot: int
    as_of: dt.date
    reminders: tuple[Reminder, ...]

    @property
    def without_address(self) -> list[str]:
        """Return the actors to remind who have no e-mail address."""
        return [r.actor for r in self.reminders if not r.emails]

    @property
    def refused(self) -> list[tuple[str, str]]:
        """Return (actor, address) for each address refused as not a plain local@domain."""
        return [(r.actor, address) for r in self.reminders for address in r.refused]


# the queries collect() reads, all with the filters' parameters
QUERIES = ("stalled_actions", "deadlines", "reminders", "reporting_status")


def _rows(con, name: str, params: dict) -> list[dict]:
    columns, rows = store.run_query(con, name, params)
    return [dict(zip(columns, row)) for row in rows]


def _key(row: dict) -> tuple:
    return row["action_id"], row["actor"], row["action"]


def collect(con, filters: Filters, days: int = DUE_SOON_DAYS,
            rounds: int = STALLED_ROUNDS) -> Chase:
    """Return the reminders of the filters' round: one per actor with something to chase."""
    as_of = store.one(con, "SELECT as_of FROM snapshots WHERE snapshot_id = $id",
                      {"id": filters.snapshot})[0]
    params = filters.params(days=days)
    unchanged = {_key(r): r["rounds_unchanged"]
                 for r in _rows(con, "stalled_actions", {**params, "rounds": 1})}
    stalled = {_key(r) for r in _rows(con, "stalled_actions", {**params, "rounds": rounds})}
    due = {_key(r): r["days_overdue"] for r in _rows(con, "deadlines", params)}
    # asked for a status about the evaluation and not answered since
    silent = {(r["actor"], r["evaluation"] or "") for r in _rows(con, "reporting_status", params)
              if r["requested"] is not None and not r["returned"]}
    by_actor: dict[str, list[Item]] = {}
    emails: dict[str, tuple[str, ...]] = {}
    for row in _rows(con, "reminders", params):
        key = _key(row)
        late = due.get(key)
        reasons = tuple(reason for reason, applies in (
            ("overdue", late is not None and late > 0),
            ("due_soon", late is not None and late <= 0),
            ("no_report", row["not_reported"]),
            ("stalled", key in stalled),
            ("not_answered", (row["actor"], row["eval_key"]) in silent)) if applies)
        if not reasons:
            continue
        by_actor.setdefault(row["actor"], []).append(Item(
            row["action_id"], row["action"], row["status"], row["due_date"], late,
            unchanged.get(key, 1), row["last_comment"], reasons))
        emails[row["actor"]] = tuple(row["emails"])
    return Chase(filters.snapshot, as_of, tuple(
        _reminder(actor, emails[actor], tuple(items)) for actor, items in by_actor.items()))


def _reminder(actor: str, emails: tuple[str, ...], items: tuple[Item, ...]) -> Reminder:
    """Return the actor's reminder, its plain addresses apart from the refused ones."""
    plain = tuple(e for e in emails if addresses.plain(e) is not None)
    return Reminder(actor, plain, items, tuple(e for e in emails if e not in plain))
