-- deadlines: the actions of the state as of a round, neither done nor not applicable, whose
-- due date is on or before the round's as-of date + $days; days_overdue = as-of minus due
-- date (negative: days left), measured against the round's as-of date, not today
-- params: $snapshot BIGINT, $days INTEGER, $regions VARCHAR[], $sections VARCHAR[],
--         $evaluations VARCHAR[]
WITH chosen AS (
    SELECT as_of FROM snapshots WHERE snapshot_id = $snapshot
), open_actions AS (
    SELECT a.*, c.as_of
    FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[]) AS a, chosen AS c
    WHERE a.status NOT IN ('done', 'not_applicable')
      AND a.due_date IS NOT NULL
)
SELECT action_id, action, actor, status, due_date,
       CAST(date_diff('day', due_date, as_of) AS INTEGER) AS days_overdue
FROM open_actions
WHERE due_date <= as_of + CAST($days AS INTEGER)
ORDER BY due_date, eval_key, row_no
