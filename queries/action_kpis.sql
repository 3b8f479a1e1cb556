-- action_kpis: the headline action figures of the state as of a round and as of the round
-- before it
-- params: $snapshot BIGINT, $previous BIGINT (NULL: none), $regions VARCHAR[],
--         $sections VARCHAR[], $evaluations VARCHAR[]
-- overdue: due date before the round's as-of date, and neither done nor not applicable;
-- the chosen round comes first and always has a row (zeros when the filters leave nothing)
WITH rounds AS (
    SELECT snapshot_id, as_of FROM snapshots WHERE snapshot_id IN ($snapshot, $previous)
), actions_in_scope AS (
    SELECT $snapshot AS snapshot_id, status, due_date
    FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[])
    UNION ALL
    SELECT $previous, status, due_date
    FROM actions_in($previous, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[])
), counted AS (
    SELECT
        r.snapshot_id,
        r.as_of,
        count(a.status) AS actions,
        count(a.status) FILTER (WHERE a.status <> 'not_applicable') AS applicable,
        count(a.status) FILTER (WHERE a.status = 'done') AS done,
        count(a.status) FILTER (WHERE a.due_date < r.as_of
                                  AND a.status NOT IN ('done', 'not_applicable')) AS overdue
    FROM rounds AS r
    LEFT JOIN actions_in_scope AS a USING (snapshot_id)
    GROUP BY r.snapshot_id, r.as_of
)
SELECT
    snapshot_id,
    as_of,
    actions,
    applicable,
    done,
    round(100.0 * done / nullif(applicable, 0), 1) AS completion_pct,
    overdue
FROM counted
ORDER BY snapshot_id = $snapshot DESC, as_of DESC, snapshot_id DESC
