-- action_list: the actions of a round, searchable, optionally for some actors only, in
-- sheet order, at most $limit of them (total_actions says how many match in all); action_key
-- names the action for action_history
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[],
--         $actors VARCHAR[], $search VARCHAR ('' matches everything), $limit INTEGER
SELECT
    a.action_id,
    a.action,
    a.actor,
    a.status,
    a.due_date,
    a.comment,
    a.recommendation,
    a.section,
    a.region,
    a.action_key,
    a.due_date < s.as_of AND a.status NOT IN ('done', 'not_applicable') AS overdue,
    count(*) OVER () AS total_actions
FROM actions AS a
JOIN snapshots AS s USING (snapshot_id)
WHERE a.snapshot_id = $snapshot
  AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], a.region))
  AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], a.section))
  AND (len($evaluations::VARCHAR[]) = 0 OR list_contains($evaluations::VARCHAR[], a.evaluation))
  AND (len($actors::VARCHAR[]) = 0 OR list_contains($actors::VARCHAR[], a.actor))
  AND contains(lower(concat_ws(' ', a.action_id, a.action, a.actor, a.comment,
                               a.recommendation, a.section, a.region)),
               lower(trim($search)))
ORDER BY a.row_no
LIMIT $limit
