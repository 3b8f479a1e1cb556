-- reminders: the open actions of the state as of a round (neither done nor not applicable)
-- with what a reminder shows of them: the last comment written up to the round, whether it
-- is reported, and its actor's addresses from the latest round that lists the actor in its
-- contacts; which of them are overdue, due soon or stalled comes from the queries deadlines
-- and stalled_actions, whose actor has not answered a request for a status from
-- reporting_status (followup.reminders.rule joins them); eval_key names the evaluation
-- ('' the default one)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[],
--         $actors VARCHAR[]
WITH open_actions AS (
    SELECT *
    FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[])
    WHERE status NOT IN ('done', 'not_applicable') AND picked(actor, $actors::VARCHAR[])
), comments AS (
    SELECT coalesce(a.evaluation, '') AS eval_key, a.action_key,
           arg_max(a.comment, (r.as_of, r.snapshot_id)) AS last_comment
    FROM actions AS a
    JOIN rounds_upto($snapshot) AS r USING (snapshot_id)
    WHERE nullif(trim(a.comment), '') IS NOT NULL
    GROUP BY ALL
), addresses AS (
    SELECT actor, list(email ORDER BY row_no, email) AS emails
    FROM contacts_at($snapshot)
    GROUP BY actor
)
SELECT
    a.actor,
    a.eval_key,
    a.action_id,
    a.action,
    a.status,
    a.due_date,
    m.last_comment,
    a.status = 'no_report' AS not_reported,
    coalesce(d.emails, []::VARCHAR[]) AS emails
FROM open_actions AS a
LEFT JOIN comments AS m USING (eval_key, action_key)
LEFT JOIN addresses AS d ON d.actor = a.actor
ORDER BY a.actor, a.eval_key, a.row_no
