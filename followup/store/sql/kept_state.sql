-- kept_state: the state macros (state.sql) whose rows a long-running reader keeps composed
-- per database generation (followup.store.composed). For each, in the order they build on
-- each other: the statement that composes its rows for one round, then the temporary macro
-- that reads the kept rows (a registered Arrow table kept_NAME) in its place on one cursor.
-- Temporary macros come before the persistent ones in DuckDB's search path, so the queries
-- and the persistent macros built on these read the kept rows without a change.

SELECT $snap AS kept_snap, * FROM actions_at($snap);
CREATE OR REPLACE TEMP MACRO actions_at(snap) AS TABLE
    SELECT * EXCLUDE (kept_snap) FROM kept_actions_at WHERE kept_snap = snap;

SELECT $snap AS kept_snap, * FROM recommendations_at($snap);
CREATE OR REPLACE TEMP MACRO recommendations_at(snap) AS TABLE
    SELECT * EXCLUDE (kept_snap) FROM kept_recommendations_at WHERE kept_snap = snap;

SELECT $snap AS kept_snap, * FROM linked_actions($snap);
CREATE OR REPLACE TEMP MACRO linked_actions(snap) AS TABLE
    SELECT * EXCLUDE (kept_snap) FROM kept_linked_actions WHERE kept_snap = snap;

SELECT $snap AS kept_snap, * FROM action_reports($snap);
CREATE OR REPLACE TEMP MACRO action_reports(snap) AS TABLE
    SELECT * EXCLUDE (kept_snap) FROM kept_action_reports WHERE kept_snap = snap;

SELECT $snap AS kept_snap, * FROM action_states($snap);
CREATE OR REPLACE TEMP MACRO action_states(snap) AS TABLE
    SELECT * EXCLUDE (kept_snap) FROM kept_action_states WHERE kept_snap = snap;

SELECT $snap AS kept_snap, * FROM disbursements_at($snap);
CREATE OR REPLACE TEMP MACRO disbursements_at(snap) AS TABLE
    SELECT * EXCLUDE (kept_snap) FROM kept_disbursements_at WHERE kept_snap = snap;
