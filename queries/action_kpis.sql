-- action_kpis: the headline action figures of a round and of the round before it
-- params: $snapshot BIGINT, $previous BIGINT (NULL: none), $regions VARCHAR[],
--         $sections VARCHAR[], $evaluations VARCHAR[]
-- overdue: due date before the round's as-of date, and neither done nor not applicable;
-- the chosen round comes first and always has a row (zeros when the filters leave nothing)
WITH rounds AS (
    SELECT snapshot_id, as_of FROM snapshots WHERE snapshot_id IN ($snapshot, $previous)
), actions_in_scope AS (
    SELECT a.snapshot_id, r.as_of, a.status, a.due_date
    FROM actions AS a
    JOIN rounds AS r USING (snapshot_id)
    WHERE (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], a.region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], a.section))
      AND (len($evaluations::VARCHAR[]) = 0
           OR list_contains($evaluations::VARCHAR[], a.evaluation))
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
