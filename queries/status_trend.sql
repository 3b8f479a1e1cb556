-- status_trend: actions per status in every round up to the chosen one (the trend)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
WITH rounds AS (
    SELECT s.snapshot_id, s.as_of
    FROM snapshots AS s, snapshots AS chosen
    WHERE chosen.snapshot_id = $snapshot
      AND (s.as_of, s.snapshot_id) <= (chosen.as_of, chosen.snapshot_id)
), actions_in_scope AS (
    SELECT r.snapshot_id, r.as_of, a.status
    FROM actions AS a
    JOIN rounds AS r USING (snapshot_id)
    WHERE (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], a.region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], a.section))
      AND (len($evaluations::VARCHAR[]) = 0
           OR list_contains($evaluations::VARCHAR[], a.evaluation))
)
SELECT snapshot_id, as_of, status, count(*) AS actions
FROM actions_in_scope
GROUP BY snapshot_id, as_of, status
ORDER BY as_of, snapshot_id, status
