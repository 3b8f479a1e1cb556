-- reporting_status: who has reported on what, as of a round: one row per actor and evaluation
-- of the state, with the date of the actor's last report on it, its actions and how many of
-- them are open (neither done nor not applicable); report_overdue when that report is older
-- than $report_months before the round's date; requested, when the last request for a status
-- to the actor about the evaluation was made from the state as of this round or an earlier
-- one (python -m followup requests; NULL: never), and returned, whether a round covering the
-- actor's actions of the evaluation (its own return, or a whole plan) was loaded after that
-- request, up to this round (NULL without a request)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[],
--         $report_months INTEGER
WITH status AS (
    SELECT
        actor,
        evaluation,
        eval_key,
        max(last_report) AS last_report,
        count(*) AS actions,
        count(*) FILTER (WHERE status NOT IN ('done', 'not_applicable')) AS open_actions,
        max(last_report) < any_value(s.as_of) - to_months(CAST($report_months AS INTEGER))
            AS report_overdue
    FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[])
    JOIN snapshots AS s ON s.snapshot_id = $snapshot
    GROUP BY actor, evaluation, eval_key
), asked AS (
    SELECT q.actor, q.evaluation AS eval_key, max(q.made_at) AS requested
    FROM requests AS q
    JOIN rounds_upto($snapshot) USING (snapshot_id)
    GROUP BY ALL
), returns AS (
    SELECT c.evaluation, c.actor, c.scope, s.loaded_at
    FROM covering($snapshot) AS c
    JOIN snapshots AS s USING (snapshot_id)
    WHERE c.scope IN ('actions', 'plan')
)
SELECT
    t.actor,
    t.evaluation,
    t.last_report,
    t.actions,
    t.open_actions,
    t.report_overdue,
    q.requested,
    CASE WHEN q.requested IS NOT NULL THEN EXISTS (
        SELECT 1 FROM returns AS r
        WHERE r.evaluation IN (t.eval_key, '*') AND (r.scope = 'plan' OR r.actor = t.actor)
          AND r.loaded_at > q.requested) END AS returned
FROM status AS t
LEFT JOIN asked AS q USING (actor, eval_key)
ORDER BY t.eval_key, t.last_report, t.actor
