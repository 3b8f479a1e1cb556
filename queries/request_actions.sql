-- request_actions: what a request for a status (python -m followup requests) holds for each
-- actor with open actions (neither done nor not applicable) within the filters in the state
-- as of a round: all the actor's actions of each evaluation where it has one (whatever their
-- region or section), the open ones first (is_open), with every column an actions sheet
-- carries, because the returned request is loaded as an ordinary workbook that covers the
-- actor and replaces all the actor's actions of each evaluation it holds (scoped rounds);
-- last_comment and last_evidence are the last ones written up to the round
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[],
--         $actors VARCHAR[]
WITH scopes AS (
    SELECT DISTINCT eval_key, actor
    FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[])
    WHERE status NOT IN ('done', 'not_applicable') AND picked(actor, $actors::VARCHAR[])
), asked AS (
    SELECT a.*, a.status NOT IN ('done', 'not_applicable') AS is_open
    FROM actions_at($snapshot) AS a
    JOIN scopes USING (eval_key, actor)
), written AS (
    SELECT coalesce(a.evaluation, '') AS eval_key, a.action_key,
           arg_max(a.comment, (r.as_of, r.snapshot_id))
               FILTER (WHERE nullif(trim(a.comment), '') IS NOT NULL) AS last_comment,
           arg_max(a.evidence, (r.as_of, r.snapshot_id))
               FILTER (WHERE a.evidence IS NOT NULL) AS last_evidence
    FROM actions AS a
    JOIN rounds_upto($snapshot) AS r USING (snapshot_id)
    GROUP BY ALL
)
SELECT
    a.actor,
    a.eval_key,
    a.action_id,
    a.evaluation,
    a.recommendation_id,
    a.recommendation,
    a.action,
    a.party,
    a.section,
    a.region,
    a.due_date,
    a.status,
    w.last_comment,
    w.last_evidence,
    a.is_open
FROM asked AS a
LEFT JOIN written AS w USING (eval_key, action_key)
ORDER BY a.actor, a.is_open DESC, a.eval_key, a.row_no
