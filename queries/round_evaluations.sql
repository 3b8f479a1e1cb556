-- round_evaluations: the evaluations the round's actions follow up, within the filters
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
WITH actions_in_scope AS (
    SELECT evaluation
    FROM actions
    WHERE snapshot_id = $snapshot
      AND evaluation IS NOT NULL
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($evaluations::VARCHAR[]) = 0
           OR list_contains($evaluations::VARCHAR[], evaluation))
)
SELECT evaluation, count(*) AS actions
FROM actions_in_scope
GROUP BY evaluation
ORDER BY actions DESC, evaluation
