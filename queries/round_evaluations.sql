-- round_evaluations: the evaluations the actions of the state as of a round follow up,
-- within the filters
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
SELECT evaluation, count(*) AS actions
FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $evaluations::VARCHAR[])
WHERE evaluation IS NOT NULL
GROUP BY evaluation
ORDER BY actions DESC, evaluation
