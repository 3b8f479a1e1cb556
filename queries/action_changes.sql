-- action_changes: what changed since the round before: status changes, new and removed actions
-- params: $snapshot BIGINT, $previous BIGINT, $regions VARCHAR[], $sections VARCHAR[],
--         $evaluations VARCHAR[]
-- an action is the same action across rounds when its ID (or, without an ID, its actor and
-- text) is the same
WITH in_scope AS (
    SELECT *
    FROM actions
    WHERE snapshot_id IN ($snapshot, $previous)
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($evaluations::VARCHAR[]) = 0
           OR list_contains($evaluations::VARCHAR[], evaluation))
), now_ AS (
    SELECT * FROM in_scope WHERE snapshot_id = $snapshot
), before AS (
    SELECT * FROM in_scope WHERE snapshot_id = $previous
), compared AS (
    SELECT
        coalesce(n.action_id, b.action_id) AS action_id,
        coalesce(n.action, b.action) AS action,
        coalesce(n.actor, b.actor) AS actor,
        b.status AS previous_status,
        n.status AS status,
        CASE WHEN b.action_key IS NULL THEN 'new'
             WHEN n.action_key IS NULL THEN 'removed'
             ELSE 'changed' END AS change,
        coalesce(n.row_no, 100000 + b.row_no) AS row_no
    FROM now_ AS n
    FULL OUTER JOIN before AS b ON n.action_key = b.action_key
    WHERE b.action_key IS NULL OR n.action_key IS NULL OR b.status <> n.status
)
SELECT action_id, action, actor, previous_status, status, change
FROM compared
WHERE $previous IS NOT NULL
ORDER BY CASE change WHEN 'changed' THEN 0 WHEN 'new' THEN 1 ELSE 2 END, row_no
