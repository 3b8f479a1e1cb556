-- recommendation_kpis: the implementation rate of a round and of the round it is compared with
-- params: $snapshot BIGINT, $previous BIGINT (NULL: none), $regions VARCHAR[],
--         $sections VARCHAR[], $evaluations VARCHAR[]
-- implementation_pct = implemented recommendations among those accepted or partly accepted,
-- divided by those accepted or partly accepted; rejected ones are counted apart, never as
-- failures. The chosen round comes first and always has a row (zeros when it has no
-- recommendations). The rules and filters are those of recommendation_status.
WITH rounds AS (
    SELECT snapshot_id, as_of FROM snapshots WHERE snapshot_id IN ($snapshot, $previous)
), recs AS (
    SELECT r.* FROM recommendations AS r JOIN rounds USING (snapshot_id)
), linked AS (
    SELECT a.* FROM actions AS a JOIN rounds USING (snapshot_id)
    WHERE a.recommendation_id IS NOT NULL
), in_scope AS (
    SELECT *
    FROM linked
    WHERE (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
), evaluations AS (
    SELECT r.snapshot_id, r.recommendation_id,
           coalesce(r.evaluation, min(l.evaluation)) AS evaluation
    FROM recs AS r
    LEFT JOIN linked AS l USING (snapshot_id, recommendation_id)
    GROUP BY r.snapshot_id, r.recommendation_id, r.evaluation
), counted AS (
    SELECT
        r.snapshot_id,
        r.recommendation_id,
        r.response,
        count(a.status) FILTER (WHERE a.status <> 'not_applicable') AS actions,
        count(a.status) FILTER (WHERE a.status = 'done') AS done
    FROM recs AS r
    JOIN evaluations AS e USING (snapshot_id, recommendation_id)
    LEFT JOIN in_scope AS a USING (snapshot_id, recommendation_id)
    WHERE len($evaluations::VARCHAR[]) = 0
       OR list_contains($evaluations::VARCHAR[], e.evaluation)
    GROUP BY r.snapshot_id, r.recommendation_id, r.response
    HAVING (len($regions::VARCHAR[]) = 0 AND len($sections::VARCHAR[]) = 0)
        OR count(a.status) > 0
), rated AS (
    SELECT *, actions > 0 AND done = actions AS implemented FROM counted
), summed AS (
    SELECT
        o.snapshot_id,
        o.as_of,
        count(r.recommendation_id) AS recommendations,
        count(r.recommendation_id) FILTER (WHERE r.response IN ('accepted', 'partial'))
            AS accepted,
        count(r.recommendation_id) FILTER (WHERE r.response IN ('accepted', 'partial')
                                             AND r.implemented) AS implemented,
        count(r.recommendation_id) FILTER (WHERE r.response = 'rejected') AS rejected,
        count(r.recommendation_id) FILTER (WHERE r.response = 'no_response') AS no_response
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
