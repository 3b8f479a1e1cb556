"""Managing reporting rounds: deleting one (kept in the audit log), reading the audit log."""

from __future__ import annotations

from pathlib import Path

from followup import store
from followup.store import leftovers


def delete(db: Path, snapshot: int, who: str | None = None) -> int | None:
    """Delete a round and its rows in one transaction; return the round now current.

    The original stays in originals/ (the audit log names it); what a killed server or import
    left is swept first (followup.store.leftovers)."""
    leftovers.sweep_temp()
    with store.writer(db) as con:
        leftovers.sweep_originals(db.parent / leftovers.ARCHIVE_DIR, {
            r[0] for r in con.execute("SELECT sha256 FROM snapshots").fetchall()})
        row = store.one(con, "SELECT sha256, file_name, as_of FROM snapshots "
                        "WHERE snapshot_id = $id", {"id": snapshot})
        if row is None:
            raise KeyError(snapshot)
        con.execute("BEGIN TRANSACTION")
        try:
            for table in ("actions", "grants", "disbursements", "contacts", "recommendations",
                          "coverage", "evaluations", "snapshots"):
                con.execute(f"DELETE FROM {table} WHERE snapshot_id = $id", {"id": snapshot})
            con.execute("INSERT INTO audit_log (logged_at, who, event, snapshot_id, sha256, "
                        "file_name, as_of) VALUES ($at, $who, 'delete', $id, $sha, $file, "
                        "$as_of)", {"at": store.now(), "who": who, "id": snapshot,
                                    "sha": row[0], "file": row[1], "as_of": row[2]})
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return store.latest_snapshot(con)


def audit_log(con) -> list[dict]:
    """Return every import, deletion, refused change, request and reminder, newest first."""
    cur = con.execute("SELECT logged_at, who, event, snapshot_id, file_name, sha256, as_of, "
                      "recipients, detail FROM audit_log ORDER BY logged_at DESC, rowid DESC")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]
