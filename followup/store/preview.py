"""What an import would change: the incoming workbook against the current round (no writes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup import store
from followup.store.ingest import Checked


@dataclass
class Preview:
    """Actions and grants that change, and spend per year before and after the import."""

    current: dict | None
    actions: pd.DataFrame
    grants: pd.DataFrame
    spend: pd.DataFrame


_CURRENT = {
    "cur_actions": "SELECT action_key, action_id, action, actor, status FROM actions "
                   "WHERE snapshot_id = $snapshot",
    "cur_grants": "SELECT grant_id, partner, title, start_date, end_date, amount_nok, "
                  "grant_type FROM grants WHERE snapshot_id = $snapshot",
    "cur_spend": "SELECT year, sum(amount_nok) AS amount_nok FROM disbursements "
                 "WHERE snapshot_id = $snapshot GROUP BY year",
}


def _current(db: Path, as_of: dt.date) -> tuple[dict | None, dict[str, pd.DataFrame]]:
    """Return the round a new one dated as_of would follow, and its rows."""
    with store.reader(db) as con:
        rounds = [r for r in store.snapshots(con) if r["as_of"] <= as_of]
        current = rounds[0] if rounds else None
        snapshot = current["snapshot_id"] if current else -1
        return current, {name: con.execute(sql, {"snapshot": snapshot}).df()
                         for name, sql in _CURRENT.items()}


def preview(checked: Checked, db: Path, as_of: dt.date) -> Preview:
    """Return how the checked workbook differs from the round it would follow (by as-of)."""
    current, frames = _current(db, as_of)
    con = checked.con
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        return Preview(current, *(con.execute(store.sql(f"preview_{kind}")).df()
                                  for kind in ("actions", "grants", "spend")))
    finally:
        for name in _CURRENT:
            con.unregister(name)
