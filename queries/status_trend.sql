-- status_trend: actions per status in the state as of every round up to the chosen one
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
SELECT snapshot_id, as_of, status, count(*) AS actions
FROM action_states($snapshot)
WHERE picked(region, $regions::VARCHAR[]) AND picked(section, $sections::VARCHAR[])
  AND picked(evaluation, $evaluations::VARCHAR[])
GROUP BY snapshot_id, as_of, status
ORDER BY as_of, snapshot_id, status
