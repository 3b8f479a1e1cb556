"""The editor's review of an incoming workbook: refused changes keep the previous report
(`ingest --keep-previous ID`, the preview's refusals), written to the audit log with the
round; a return made from an older state than the one it follows lists what changed in
between."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.workbook import formats
from followup.workbook.problems import Problem

if TYPE_CHECKING:
    from followup.store.ingest import Checked


def keep_previous(con, checked: Checked, current: int | None,
                  keep: tuple[str, ...]) -> list[Problem]:
    """Give the refused actions (their IDs) their report in the state as of current back
    (`target` in use; the table refusals names them); an ID that no action of the workbook
    with a previous report has is an error."""
    from followup import store

    for statement in store.statements(store.sql("keep_previous")):
        con.execute(statement, {k: v for k, v in {"current": current, "keep": list(keep)}.items()
                                if k in store.named_parameters(statement)})
    found = {r[0] for r in con.execute("SELECT action_id FROM refusals").fetchall()}
    sheet = checked.sheets.get(formats.ACTIONS)
    return [Problem("error", "keep_previous_unknown", sheet.name if sheet else None, None,
                    None, action_id) for action_id in dict.fromkeys(keep)
            if action_id not in found]


def proposed(con, current: int | None, keep: tuple[str, ...] = ()) -> list[dict]:
    """Return what the staged workbook proposes for the actions the state as of current has
    (`target` in use, before the refusals): one dict per changed field (status, comment,
    evidence) with action_id, actor, evaluation, field, before, after and refused (its
    action's ID is among those kept), in sheet order."""
    from followup import store

    cur = con.execute(store.sql("proposed_changes"), {"current": current})
    names = [d[0] for d in cur.description]
    return [{**dict(zip(names, row)), "refused": row[0] in keep} for row in cur.fetchall()]


def refused(con) -> list[dict]:
    """Return the refused changes of the workbook just staged: action_id, actor, proposed
    and kept (the status as written), kept_status (its code)."""
    cur = con.execute("SELECT action_id, actor, proposed, kept, kept_status FROM refusals "
                      "ORDER BY action_id")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def changed_since_request(con, current: int | None) -> dict | None:
    """Return the latest request the staged workbook answers (one to an actor it has rows
    for, about their evaluation) with the actions of the workbook that changed in the state
    between the round it was made from and `current` (`target` in use), or None when no
    request was made or the state has not moved since."""
    from followup import store

    row = store.one(con, store.sql("answered_request"))
    if row is None or current is None or row[2] == current:
        return None
    cur = con.execute(store.sql("changed_since_request"), {"base": row[2], "current": current})
    names = [d[0] for d in cur.description]
    return {"request_id": row[0], "made_at": row[1], "snapshot_id": row[2],
            "actions": [dict(zip(names, r)) for r in cur.fetchall()]}
