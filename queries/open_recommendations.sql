-- open_recommendations: the accepted or partly accepted recommendations of the state as of a
-- round that are not implemented, with their age: whole years from the management response
-- (else from 1 January of the report's year, from the register of evaluations) to the round's
-- date; age_years is NULL when neither is known
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
WITH chosen AS (
    SELECT as_of FROM snapshots WHERE snapshot_id = $snapshot
), facts AS (
    SELECT * FROM evaluation_facts_at($snapshot)
)
SELECT
    r.rec_evaluation AS evaluation,
    r.recommendation_id,
    r.recommendation,
    r.response,
    r.status,
    r.actions,
    r.done,
    coalesce(f.response_date, make_date(f.report_year, 1, 1)) AS since,
    datesub('year', coalesce(f.response_date, make_date(f.report_year, 1, 1)),
              (SELECT as_of FROM chosen)) AS age_years
FROM recommendations_rated($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                           $evaluations::VARCHAR[]) AS r
LEFT JOIN facts AS f ON f.evaluation = coalesce(r.rec_evaluation, '')
WHERE r.response IN ('accepted', 'partial') AND NOT r.implemented
ORDER BY age_years DESC NULLS LAST, r.round_order, r.snapshot_id, r.row_no
