-- recommendation_kpis: the implementation rate of the state as of a round and as of the round
-- it is compared with
-- params: $snapshot BIGINT, $previous BIGINT (NULL: none), $regions VARCHAR[],
--         $sections VARCHAR[], $evaluations VARCHAR[]
-- implementation_pct = implemented recommendations among those accepted or partly accepted,
-- divided by those accepted or partly accepted; rejected ones are counted apart, never as
-- failures. The chosen round comes first and always has a row (zeros when it has no
-- recommendations). The rules and filters are those of recommendation_status.
WITH rounds AS (
    SELECT snapshot_id, as_of FROM snapshots WHERE snapshot_id IN ($snapshot, $previous)
), rated AS (
    SELECT $snapshot AS snapshot_id, response, implemented
    FROM recommendations_rated($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                               $evaluations::VARCHAR[])
    UNION ALL
    SELECT $previous, response, implemented
    FROM recommendations_rated($previous, $regions::VARCHAR[], $sections::VARCHAR[],
                               $evaluations::VARCHAR[])
), summed AS (
    SELECT
        o.snapshot_id,
        o.as_of,
        count(r.response) AS recommendations,
        count(r.response) FILTER (WHERE r.response IN ('accepted', 'partial')) AS accepted,
        count(r.response) FILTER (WHERE r.response IN ('accepted', 'partial')
                                    AND r.implemented) AS implemented,
        count(r.response) FILTER (WHERE r.response = 'rejected') AS rejected,
        count(r.response) FILTER (WHERE r.response = 'no_response') AS no_response
    FROM rounds AS o
    LEFT JOIN rated AS r USING (snapshot_id)
    GROUP BY o.snapshot_id, o.as_of
)
SELECT
    snapshot_id,
    as_of,
    recommendations,
    accepted,
    implemented,
    round(100.0 * implemented / nullif(accepted, 0), 1) AS implementation_pct,
    rejected,
    no_response
FROM summed
ORDER BY snapshot_id = $snapshot DESC, as_of DESC, snapshot_id DESC
