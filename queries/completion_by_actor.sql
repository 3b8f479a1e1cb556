-- completion_by_actor: share of actions done per responsible actor in the state as of a round
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
-- actions excludes actions marked not applicable; completion_pct = 100 * done / actions
WITH counted AS (
    SELECT
        actor,
        count(*) FILTER (WHERE status <> 'not_applicable') AS actions,
        count(*) FILTER (WHERE status = 'done') AS done
    FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[])
    GROUP BY actor
)
SELECT
    actor,
    actions,
    done,
    round(100.0 * done / nullif(actions, 0), 1) AS completion_pct
FROM counted
ORDER BY completion_pct DESC NULLS LAST, actions DESC, actor
