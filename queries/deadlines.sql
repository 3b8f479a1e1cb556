-- deadlines: the actions of a round, neither done nor not applicable, whose due date is on or
-- before the round's as-of date + $days; days_overdue = as-of minus due date (negative: days
-- left), measured against the round's as-of date, not today
-- params: $snapshot BIGINT, $days INTEGER, $regions VARCHAR[], $sections VARCHAR[],
--         $evaluations VARCHAR[]
WITH chosen AS (
    SELECT snapshot_id, as_of FROM snapshots WHERE snapshot_id = $snapshot
), open_actions AS (
    SELECT a.*, c.as_of
    FROM actions AS a
    JOIN chosen AS c USING (snapshot_id)
    WHERE a.status NOT IN ('done', 'not_applicable')
      AND a.due_date IS NOT NULL
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], a.region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], a.section))
      AND (len($evaluations::VARCHAR[]) = 0
           OR list_contains($evaluations::VARCHAR[], a.evaluation))
)
SELECT action_id, action, actor, status, due_date,
       CAST(date_diff('day', due_date, as_of) AS INTEGER) AS days_overdue
FROM open_actions
WHERE due_date <= as_of + CAST($days AS INTEGER)
ORDER BY due_date, row_no
