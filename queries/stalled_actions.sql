-- stalled_actions: the actions of the state as of a round that are neither done nor not
-- applicable and have had the same status in at least $rounds consecutive reports up to and
-- including the round
-- params: $snapshot BIGINT, $rounds INTEGER, $regions VARCHAR[], $sections VARCHAR[],
--         $evaluations VARCHAR[]
-- an action's reports are the rounds that covered it (its evaluation's plan or its actor's
-- follow-up) or hold it, in as-of order; a report without the action ends the run;
-- rounds_unchanged is the whole run and since the as-of date of its first report; the
-- filters pick the actions of the state
WITH current_ AS (
    SELECT *
    FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                    $evaluations::VARCHAR[])
    WHERE status NOT IN ('done', 'not_applicable')
), history AS (
    SELECT * FROM action_reports($snapshot)
), islands AS (
    SELECT *,
           report_no - row_number() OVER (PARTITION BY eval_key, action_key, status
                                          ORDER BY report_no) AS island,
           max(report_no) OVER (PARTITION BY eval_key, action_key) AS last_report_no
    FROM history
    WHERE status IS NOT NULL
), runs AS (
    SELECT eval_key, action_key, status, island, count(*) AS rounds_unchanged,
           min(as_of) AS since, max(report_no) AS run_end
    FROM islands
    GROUP BY eval_key, action_key, status, island
), latest AS (
    SELECT eval_key, action_key, max(report_no) AS report_no
    FROM history
    GROUP BY eval_key, action_key
)
SELECT a.action_id, a.action, a.actor, a.status, r.rounds_unchanged, r.since
FROM current_ AS a
JOIN latest AS l USING (eval_key, action_key)
JOIN runs AS r ON r.eval_key = a.eval_key AND r.action_key = a.action_key
              AND r.status = a.status AND r.run_end = l.report_no
WHERE r.rounds_unchanged >= $rounds
ORDER BY r.rounds_unchanged DESC, a.eval_key, a.row_no
