-- action_list: the actions of the state as of a round, searchable, optionally for some actors
-- only, in plan order, at most $limit of them (total_actions says how many match in all);
-- action_key names the action for action_history
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[],
--         $actors VARCHAR[], $search VARCHAR ('' matches everything), $limit INTEGER
SELECT
    a.action_id,
    a.action,
    a.actor,
    a.status,
    a.due_date,
    a.comment,
    a.evidence,
    a.recommendation,
    a.section,
    a.region,
    a.action_key,
    a.due_date < s.as_of AND a.status NOT IN ('done', 'not_applicable') AS overdue,
    count(*) OVER () AS total_actions
FROM actions_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                $evaluations::VARCHAR[]) AS a
JOIN snapshots AS s ON s.snapshot_id = $snapshot
WHERE picked(a.actor, $actors::VARCHAR[])
  AND contains(lower(concat_ws(' ', a.action_id, a.action, a.actor, a.comment, a.evidence,
                               a.recommendation, a.section, a.region)),
               lower(trim($search)))
ORDER BY a.eval_key, a.row_no
LIMIT $limit
