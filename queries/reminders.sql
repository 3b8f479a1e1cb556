-- reminders: the open actions of a round (neither done nor not applicable) with what a
-- reminder shows of them: the last comment written up to the round, whether it is reported,
-- and the addresses of its actor from the latest round (by as-of date) that has contacts;
-- which of them are overdue, due soon or stalled comes from the queries deadlines and
-- stalled_actions (followup.report.chase joins them)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[],
--         $actors VARCHAR[]
WITH chosen AS (
    SELECT snapshot_id, as_of FROM snapshots WHERE snapshot_id = $snapshot
), open_actions AS (
    SELECT a.*
    FROM actions AS a
    JOIN chosen USING (snapshot_id)
    WHERE a.status NOT IN ('done', 'not_applicable')
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], a.region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], a.section))
      AND (len($evaluations::VARCHAR[]) = 0
           OR list_contains($evaluations::VARCHAR[], a.evaluation))
      AND (len($actors::VARCHAR[]) = 0 OR list_contains($actors::VARCHAR[], a.actor))
), comments AS (
    SELECT a.action_key, arg_max(a.comment, (s.as_of, s.snapshot_id)) AS last_comment
    FROM actions AS a
    JOIN snapshots AS s USING (snapshot_id)
    JOIN chosen AS c ON (s.as_of, s.snapshot_id) <= (c.as_of, c.snapshot_id)
    WHERE nullif(trim(a.comment), '') IS NOT NULL
    GROUP BY a.action_key
), contact_round AS (
    SELECT s.snapshot_id
    FROM snapshots AS s
    WHERE EXISTS (SELECT 1 FROM contacts AS k WHERE k.snapshot_id = s.snapshot_id)
    ORDER BY s.as_of DESC, s.snapshot_id DESC
    LIMIT 1
), addresses AS (
    SELECT k.actor, list(k.email ORDER BY k.row_no, k.email) AS emails
    FROM contacts AS k
    JOIN contact_round USING (snapshot_id)
    GROUP BY k.actor
)
SELECT
    a.actor,
    a.action_id,
    a.action,
    a.status,
    a.due_date,
    m.last_comment,
    a.status = 'no_report' AS not_reported,
    coalesce(d.emails, []::VARCHAR[]) AS emails
FROM open_actions AS a
LEFT JOIN comments AS m USING (action_key)
LEFT JOIN addresses AS d ON d.actor = a.actor
ORDER BY a.actor, a.row_no
