-- status_by_actor: how many of each actor's actions are in each status, with the share done
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
WITH actions_in_scope AS (
    SELECT actor, status
    FROM actions
    WHERE snapshot_id = $snapshot
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($evaluations::VARCHAR[]) = 0
           OR list_contains($evaluations::VARCHAR[], evaluation))
), per_actor AS (
    SELECT
        actor,
        count(*) FILTER (WHERE status <> 'not_applicable') AS applicable,
        count(*) FILTER (WHERE status = 'done') AS done
    FROM actions_in_scope
    GROUP BY actor
)
SELECT
    s.actor,
    s.status,
    count(*) AS actions,
    p.applicable,
    p.done,
    round(100.0 * p.done / nullif(p.applicable, 0), 1) AS completion_pct
FROM actions_in_scope AS s
JOIN per_actor AS p USING (actor)
GROUP BY s.actor, s.status, p.applicable, p.done
ORDER BY completion_pct DESC NULLS LAST, p.applicable DESC, s.actor, s.status
