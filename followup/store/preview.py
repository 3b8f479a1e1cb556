"""What an import would change: the incoming workbook loaded into an in-memory copy of the
database, then compared by the very queries the pages use (no writes to the file).

The copy holds the rounds up to the new one's date, the staged workbook is loaded into it by
the load statement itself (followup/store/sql/load_snapshot.sql, with its coverage), and the
state as of the new round is compared with the state as of the round it follows: the actions
by `action_changes`, the grants by `grant_changes`, the spend by `spend_by_year`. So the
preview and "what changed" after the import cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from followup import store
from followup.filters import Filters
from followup.store import ingest, review
from followup.store.ingest import AS_ROWS_SAY, Checked, Scope
from followup.store.staged import STAGED
from followup.workbook.problems import Problem

# the tables the state is made of (and the requests made from it), copied for the preview
STATE_TABLES = ("snapshots", "actions", "recommendations", "grants", "disbursements",
                "contacts", "coverage", "evaluations", "requests")
# more removals than this is said in a warning, not in a green box
FEW = 3


@dataclass
class Preview:
    """What the import changes: the round the state is as of now (None: the first round), the
    scopes the workbook covers (each with the date of the round that covered it until now),
    the actors it leaves as last reported, the actions and grants that change and the spend
    per year before and after; unknown grants of a disbursements sheet without grants; the
    request the workbook answers with what changed since it, and what it proposes for the
    actions already reported, field by field, refused or not (followup.store.review)."""

    current: dict | None
    scopes: pd.DataFrame
    kept: pd.DataFrame
    actions: pd.DataFrame
    grants: pd.DataFrame
    spend: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    since: dict | None = None
    proposed: list[dict] = field(default_factory=list)

    @property
    def removed(self) -> tuple[int, int]:
        """Return how many actions and agreements leave the state."""
        return (int((self.actions["change"] == "removed").sum()),
                int((self.grants["change"] == "removed").sum()))

    @property
    def removes_many(self) -> bool:
        """Return True when the import removes more than a few actions or agreements."""
        return max(self.removed) > FEW


def _copy(con: duckdb.DuckDBPyConnection, db: Path, as_of: dt.date) -> dict | None:
    """Copy the rounds up to as_of (and their rows) into `target`; return the latest of them."""
    with store.reader(db) as source:
        rounds = [r for r in store.snapshots(source) if r["as_of"] <= as_of]
        ids = [r["snapshot_id"] for r in rounds]
        for table in STATE_TABLES:
            rows = source.sql(f"SELECT * FROM {table} WHERE snapshot_id IN "
                              "(SELECT unnest($ids::BIGINT[]))",
                              params={"ids": ids}).to_arrow_table()
            con.register("copied", rows)
            con.execute(f"INSERT INTO target.{table} SELECT * FROM copied")
            con.unregister("copied")
    return rounds[0] if rounds else None


def _shadow(checked: Checked) -> duckdb.DuckDBPyConnection:
    """Return a new in-memory database with the staged tables and an empty `target`."""
    con = duckdb.connect()
    for table in STAGED:
        con.register("staged", checked.con.table(table).to_arrow_table())
        con.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM staged")
        con.unregister("staged")
    con.execute("ATTACH ':memory:' AS target")
    con.execute("USE target")
    store.ensure_schema(con)
    con.execute("USE memory")
    return con


def preview(checked: Checked, db: Path, as_of: dt.date, scope: Scope = AS_ROWS_SAY) -> Preview:
    """Return how the checked workbook changes the state it would follow (by as-of date)."""
    con = _shadow(checked)
    try:
        current = _copy(con, db, as_of)
        for statement in store.statements(store.sql("assign_evaluation")):
            con.execute(statement, {"evaluation": scope.evaluation})
        previous = current["snapshot_id"] if current else None
        con.execute("USE target")
        proposed = review.proposed(con, previous, scope.keep_previous)
        problems = (review.keep_previous(con, checked, previous, scope.keep_previous)
                    + ingest.state_problems(con, checked, previous))
        since = review.changed_since_request(con, previous)
        new = store.one(con, ingest.NEXT_SNAPSHOT)[0]
        ingest.insert_round(con, checked, new, as_of, None, scope, transaction=False)
        made = _compared(con, current, new, problems)
        made.since, made.proposed = since, proposed
        return made
    finally:
        con.close()


def _frame(con, name: str, params: dict) -> pd.DataFrame:
    return store.relation(con, name, params).df()


def _compared(con, current: dict | None, new: int, problems: list[Problem]) -> Preview:
    previous = current["snapshot_id"] if current else None
    both = {"snapshot": new, "previous": previous}
    scopes = con.execute(store.sql("preview_scopes"), both).df()
    kept = con.execute(store.sql("preview_kept"), {"snapshot": new}).df()
    after = _frame(con, "spend_by_year", Filters(snapshot=new).params())
    before = (_frame(con, "spend_by_year", Filters(snapshot=previous).params())
              if previous else after.iloc[0:0])
    spend = after[["year", "amount_nok"]].merge(
        before[["year", "amount_nok"]], on="year", how="outer", suffixes=("_after", "_before"))
    spend = spend.rename(columns={"amount_nok_before": "before_nok",
                                  "amount_nok_after": "after_nok"}).sort_values("year")
    spend["change_nok"] = spend["after_nok"].fillna(0) - spend["before_nok"].fillna(0)
    spend = spend[["year", "before_nok", "after_nok", "change_nok"]]
    return Preview(current, scopes, kept,
                   _frame(con, "action_changes", Filters(snapshot=new).params(**both)),
                   _frame(con, "grant_changes", both), spend.reset_index(drop=True), problems)
