-- action_changes: what changed between the state as of $previous and the state as of
-- $snapshot: status changes, new and removed actions
-- params: $snapshot BIGINT, $previous BIGINT, $regions VARCHAR[], $sections VARCHAR[],
--         $evaluations VARCHAR[]
-- an action is the same action across rounds when its evaluation and its ID (or, without an
-- ID, its actor and text) are the same; a scope no round between the two covered keeps its
-- last report in both states, so it has not changed (never "removed")
WITH now_ AS (
    SELECT * FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                             $evaluations::VARCHAR[])
), before AS (
    SELECT * FROM actions_in($previous, $regions::VARCHAR[], $sections::VARCHAR[],
                             $evaluations::VARCHAR[])
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
        coalesce(n.eval_key, b.eval_key) AS eval_key,
        coalesce(n.row_no, 100000 + b.row_no) AS row_no
    FROM now_ AS n
    FULL OUTER JOIN before AS b ON n.eval_key = b.eval_key AND n.action_key = b.action_key
    WHERE b.action_key IS NULL OR n.action_key IS NULL OR b.status <> n.status
)
SELECT action_id, action, actor, previous_status, status, change
FROM compared
WHERE $previous IS NOT NULL
ORDER BY CASE change WHEN 'changed' THEN 0 WHEN 'new' THEN 1 ELSE 2 END, eval_key, row_no
