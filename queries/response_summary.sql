-- response_summary: the recommendations of a round per management response, and how many of
-- them are implemented; one row per response present (accepted, partial, rejected,
-- no_response)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
-- the rules and filters are those of recommendation_status (the chain up to `rated` is its)
WITH recs AS (
    SELECT * FROM recommendations WHERE snapshot_id = $snapshot
), linked AS (
    SELECT * FROM actions WHERE snapshot_id = $snapshot AND recommendation_id IS NOT NULL
), in_scope AS (
    SELECT *
    FROM linked
    WHERE (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
), evaluations AS (
    SELECT r.recommendation_id, coalesce(r.evaluation, min(l.evaluation)) AS evaluation
    FROM recs AS r
    LEFT JOIN linked AS l USING (recommendation_id)
    GROUP BY r.recommendation_id, r.evaluation
), counted AS (
    SELECT
        r.recommendation_id,
        r.response,
        count(a.status) FILTER (WHERE a.status <> 'not_applicable') AS actions,
        count(a.status) FILTER (WHERE a.status = 'done') AS done
    FROM recs AS r
    JOIN evaluations AS e USING (recommendation_id)
    LEFT JOIN in_scope AS a USING (recommendation_id)
    WHERE len($evaluations::VARCHAR[]) = 0
       OR list_contains($evaluations::VARCHAR[], e.evaluation)
    GROUP BY r.recommendation_id, r.response
    HAVING (len($regions::VARCHAR[]) = 0 AND len($sections::VARCHAR[]) = 0)
        OR count(a.status) > 0
), rated AS (
    SELECT *, actions > 0 AND done = actions AS implemented FROM counted
)
SELECT
    response,
    count(*) AS recommendations,
    count(*) FILTER (WHERE implemented) AS implemented
FROM rated
GROUP BY response
ORDER BY list_position(['accepted', 'partial', 'rejected', 'no_response'], response)
