-- reporting_status: who has reported on what, as of a round: one row per actor and evaluation
-- of the state, with the date of the actor's last report on it, its actions and how many of
-- them are open (neither done nor not applicable); report_overdue when that report is older
-- than $report_months before the round's date
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[],
--         $report_months INTEGER
SELECT
    actor,
    evaluation,
    max(last_report) AS last_report,
    count(*) AS actions,
    count(*) FILTER (WHERE status NOT IN ('done', 'not_applicable')) AS open_actions,
    max(last_report) < any_value(s.as_of) - to_months(CAST($report_months AS INTEGER))
        AS report_overdue
FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $evaluations::VARCHAR[])
JOIN snapshots AS s ON s.snapshot_id = $snapshot
GROUP BY actor, evaluation, eval_key
ORDER BY eval_key, last_report, actor
