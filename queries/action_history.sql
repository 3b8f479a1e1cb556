-- action_history: one action in every report up to and including the state as of the chosen
-- round, in as-of order: its status, actor, comment and evidence each time ("what did they
-- say last time?"); a report is a round that holds the action
-- params: $snapshot BIGINT, $action VARCHAR (the action's ID, or the key of an action without
--         one, as action_changes matches them), $action_evaluation VARCHAR (the action's
--         evaluation, as IDs may repeat across evaluations; NULL: any)
-- the filters do not narrow an action's own history
SELECT r.snapshot_id, r.as_of, a.status, a.actor, a.comment, a.evidence
FROM actions AS a
JOIN rounds_upto($snapshot) AS r USING (snapshot_id)
WHERE a.action_key = trim($action)
  AND ($action_evaluation IS NULL OR a.evaluation = $action_evaluation)
ORDER BY r.as_of, r.snapshot_id
