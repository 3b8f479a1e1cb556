-- preview_kept: the actors of the evaluations the incoming round $snapshot reports on whose
-- actions it does not cover: they keep their last report (since last_report)
WITH incoming AS (
    SELECT * FROM coverage WHERE snapshot_id = $snapshot AND scope IN ('actions', 'plan')
)
SELECT nullif(a.eval_key, '') AS evaluation, a.actor, max(a.last_report) AS last_report,
       count(*) AS actions
FROM actions_at($snapshot) AS a
WHERE a.eval_key IN (SELECT evaluation FROM incoming)
  AND a.snapshot_id <> $snapshot
GROUP BY a.eval_key, a.actor
ORDER BY a.eval_key, a.actor
