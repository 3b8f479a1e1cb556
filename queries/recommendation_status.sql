-- recommendation_status: each recommendation of a round with its management response and how
-- far its applicable actions (not `not_applicable`) have come, in sheet order
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
-- status: implemented when every applicable action is done; partial when at least one is done
-- or partial; ongoing when none is done or partial and at least one is ongoing; not_started
-- otherwise; no_actions without an applicable action. The evaluation filter picks
-- recommendations by their own evaluation (else their actions'); region and section filters
-- count only the actions there, and leave out recommendations with no action there.
-- (response_summary and recommendation_kpis repeat this chain up to `rated`.)
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
        r.row_no,
        r.recommendation,
        r.response,
        count(a.status) AS in_scope,
        count(a.status) FILTER (WHERE a.status <> 'not_applicable') AS actions,
        count(a.status) FILTER (WHERE a.status = 'done') AS done,
        count(a.status) FILTER (WHERE a.status = 'partial') AS partial,
        count(a.status) FILTER (WHERE a.status = 'ongoing') AS ongoing
    FROM recs AS r
    JOIN evaluations AS e USING (recommendation_id)
    LEFT JOIN in_scope AS a USING (recommendation_id)
    WHERE len($evaluations::VARCHAR[]) = 0
       OR list_contains($evaluations::VARCHAR[], e.evaluation)
    GROUP BY r.recommendation_id, r.row_no, r.recommendation, r.response
    HAVING (len($regions::VARCHAR[]) = 0 AND len($sections::VARCHAR[]) = 0)
        OR count(a.status) > 0
), rated AS (
    SELECT
        *,
        CASE WHEN actions = 0 THEN 'no_actions'
             WHEN done = actions THEN 'implemented'
             WHEN done + partial > 0 THEN 'partial'
             WHEN ongoing > 0 THEN 'ongoing'
             ELSE 'not_started' END AS status
    FROM counted
)
SELECT
    recommendation_id,
    recommendation,
    response,
    actions,
    done,
    status,
    round(100.0 * done / nullif(actions, 0), 1) AS completion_pct
FROM rated
ORDER BY row_no
