-- completion_by_actor: share of actions done per responsible actor in one reporting round
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
-- actions excludes actions marked not applicable; completion_pct = 100 * done / actions
WITH actions_in_scope AS (
    SELECT actor, status
    FROM actions
    WHERE snapshot_id = $snapshot
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($evaluations::VARCHAR[]) = 0
           OR list_contains($evaluations::VARCHAR[], evaluation))
), counted AS (
    SELECT
        actor,
        count(*) FILTER (WHERE status <> 'not_applicable') AS actions,
        count(*) FILTER (WHERE status = 'done') AS done
    FROM actions_in_scope
    GROUP BY actor
)
SELECT
    actor,
    actions,
    done,
    round(100.0 * done / nullif(actions, 0), 1) AS completion_pct
FROM counted
ORDER BY completion_pct DESC NULLS LAST, actions DESC, actor
