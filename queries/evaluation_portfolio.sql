-- evaluation_portfolio: one row per evaluation of the state as of a round: when it was last
-- reported on, its actions (as completion_by_actor counts them), its recommendations, the
-- share accepted (accepted or partly accepted among those with a response), the share
-- implemented (as the recommendations page: implemented among those accepted or partly
-- accepted), how many accepted ones are still open, and its facts from the register
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[],
--         $report_months INTEGER (a last report older than this is overdue)
WITH chosen AS (
    SELECT as_of FROM snapshots WHERE snapshot_id = $snapshot
), acts AS (
    SELECT eval_key, any_value(evaluation) AS evaluation, max(last_report) AS last_report,
           count(*) FILTER (WHERE status <> 'not_applicable') AS actions,
           count(*) FILTER (WHERE status = 'done') AS done
    FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[])
    GROUP BY eval_key
), recs AS (
    SELECT coalesce(rec_evaluation, '') AS eval_key, any_value(rec_evaluation) AS evaluation,
           max(last_report) AS last_report,
           count(*) AS recommendations,
           count(*) FILTER (WHERE response <> 'no_response') AS responded,
           count(*) FILTER (WHERE response IN ('accepted', 'partial')) AS accepted,
           count(*) FILTER (WHERE response IN ('accepted', 'partial') AND implemented)
               AS implemented
    FROM recommendations_rated($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                               $evaluations::VARCHAR[])
    GROUP BY ALL
), facts AS (
    SELECT * FROM evaluation_facts_at($snapshot)
), keys AS (
    SELECT eval_key FROM acts
    UNION SELECT eval_key FROM recs
    UNION SELECT evaluation FROM facts
    WHERE len($regions::VARCHAR[]) = 0 AND len($sections::VARCHAR[]) = 0
      AND picked(evaluation, $evaluations::VARCHAR[])
), joined AS (
    SELECT
        nullif(k.eval_key, '') AS evaluation,
        greatest(a.last_report, r.last_report) AS last_report,
        coalesce(a.actions, 0) AS actions,
        coalesce(a.done, 0) AS done,
        coalesce(r.recommendations, 0) AS recommendations,
        coalesce(r.responded, 0) AS responded,
        coalesce(r.accepted, 0) AS accepted,
        coalesce(r.implemented, 0) AS implemented,
        f.report_year, f.response_date, f.owner, f.link
    FROM keys AS k
    LEFT JOIN acts AS a USING (eval_key)
    LEFT JOIN recs AS r USING (eval_key)
    LEFT JOIN facts AS f ON f.evaluation = k.eval_key
)
SELECT
    evaluation,
    last_report,
    actions,
    done,
    round(100.0 * done / nullif(actions, 0), 1) AS completion_pct,
    recommendations,
    round(100.0 * accepted / nullif(responded, 0), 1) AS acceptance_pct,
    round(100.0 * implemented / nullif(accepted, 0), 1) AS implementation_pct,
    accepted - implemented AS open_recommendations,
    report_year,
    response_date,
    owner,
    link,
    last_report < (SELECT as_of FROM chosen) - to_months(CAST($report_months AS INTEGER))
        AS report_overdue
FROM joined
ORDER BY evaluation NULLS FIRST
