"""The requests for a status that went out: recorded with who made them, when, for whom and
from which round's state (the table requests), and one audit line per actor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from followup import store


def record(db: Path, snapshot: int, who: str | None, made_at: dt.datetime,
           asked: list[tuple[str, str, dict[str, int]]]) -> int:
    """Record one request (actor, file name, open actions per evaluation key for each actor
    asked) made from the state as of snapshot; return its id."""
    with store.writer(db) as con:
        request = store.one(con, "SELECT coalesce(max(request_id), 0) + 1 FROM requests")[0]
        as_of = store.one(con, "SELECT as_of FROM snapshots WHERE snapshot_id = $id",
                          {"id": snapshot})
        made_at = store.stamp(con, "loads", made_at)
        con.execute("BEGIN")
        for actor, name, counts in asked:
            for evaluation, actions in counts.items():
                con.execute("INSERT INTO requests VALUES ($id, $at, $who, $snapshot, $actor, "
                            "$evaluation, $actions, $name)",
                            {"id": request, "at": made_at, "who": who, "snapshot": snapshot,
                             "actor": actor, "evaluation": evaluation, "actions": actions,
                             "name": name})
            con.execute("INSERT INTO audit_log (logged_at, who, event, snapshot_id, as_of, "
                        "file_name, recipients) VALUES ($at, $who, 'request', $id, $as_of, "
                        "$name, $actor)",
                        {"at": made_at, "who": who, "id": snapshot, "name": name,
                         "as_of": as_of[0] if as_of else None, "actor": actor})
        con.execute("COMMIT")
    return request
