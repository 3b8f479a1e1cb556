"""The reminders' log: one audit line per reminder delivered or refused."""

from __future__ import annotations

from pathlib import Path

from followup import store


def record(db: Path, snapshot: int, who: str | None,
                  sent: list[tuple[str, str, bool]]) -> None:
    """Write one audit line per reminder delivered or refused: (actor, recipients, ok)."""
    with store.writer(db) as con:
        as_of = store.one(con, "SELECT as_of FROM snapshots WHERE snapshot_id = $id",
                          {"id": snapshot})
        for actor, recipients, ok in sent:
            con.execute("INSERT INTO audit_log (logged_at, who, event, snapshot_id, as_of, "
                        "recipients) VALUES ($at, $who, $event, $id, $as_of, $to)",
                        {"at": store.now(), "who": who, "id": snapshot,
                         "event": "reminder" if ok else "reminder_failed",
                         "as_of": as_of[0] if as_of else None,
                         "to": f"{actor}: {recipients}"})
