-- action_history: one action in every round up to and including the chosen one, in as-of
-- order: its status, actor and comment each time ("what did they say last time?")
-- params: $snapshot BIGINT, $action VARCHAR (the action's ID, or the key of an action without
--         one, as action_changes matches them)
-- the filters do not narrow an action's own history
WITH chosen AS (
    SELECT snapshot_id, as_of FROM snapshots WHERE snapshot_id = $snapshot
), rounds AS (
    SELECT s.snapshot_id, s.as_of
    FROM snapshots AS s, chosen AS c
    WHERE (s.as_of, s.snapshot_id) <= (c.as_of, c.snapshot_id)
)
SELECT r.snapshot_id, r.as_of, a.status, a.actor, a.comment
FROM actions AS a
JOIN rounds AS r USING (snapshot_id)
WHERE a.action_key = trim($action)
ORDER BY r.as_of, r.snapshot_id
