-- status_by_actor: how many of each actor's actions are in each status, with the share done,
-- in the state as of a round
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
WITH actions_in_scope AS (
    SELECT actor, status
    FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[])
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
