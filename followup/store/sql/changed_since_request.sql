-- changed_since_request: the actions of an incoming return that changed in the state after
-- the request it answers was made (someone else reported on them in between): each action of
-- the workbook, as the state as of $base (the round the request was made from) had it and
-- as the state as of $current (the round the workbook follows) has it, where its status,
-- actor, comment or evidence differ. Run with `target` in use.
-- params: $base BIGINT, $current BIGINT
SELECT n.action_id, n.action, n.actor, b.status AS requested_status, n.status,
       n.last_report
FROM actions_at($current) AS n
JOIN stg_actions AS s ON n.eval_key = coalesce(s.evaluation, '') AND n.action_key = s.action_key
LEFT JOIN actions_at($base) AS b ON b.eval_key = n.eval_key AND b.action_key = n.action_key
WHERE b.status IS DISTINCT FROM n.status OR b.actor IS DISTINCT FROM n.actor
   OR b.comment IS DISTINCT FROM n.comment OR b.evidence IS DISTINCT FROM n.evidence
ORDER BY n.eval_key, n.row_no
