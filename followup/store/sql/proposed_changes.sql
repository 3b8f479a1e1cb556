-- proposed_changes: what an incoming workbook proposes for the actions the state as of
-- $current already has, field by field: each action's status (its code), comment and
-- evidence as last reported and as the workbook writes them, where the two differ. Run with
-- `target` in use and before the editor's refusals are applied (keep_previous.sql), so a
-- refused change is still listed.
-- params: $current BIGINT (NULL: the first round, nothing to compare with)
WITH pairs AS (
    SELECT s.action_id, s.actor, p.eval_key, s._row,
           p.status AS status_before, s.status AS status_after,
           p.comment AS comment_before, s.comment AS comment_after,
           p.evidence AS evidence_before, s.evidence AS evidence_after
    FROM stg_actions AS s
    JOIN actions_at($current) AS p
      ON p.eval_key = coalesce(s.evaluation, '') AND p.action_key = s.action_key
), fields AS (
    SELECT action_id, actor, eval_key, _row, 1 AS field_no, 'status' AS field,
           status_before AS before, status_after AS after
    FROM pairs
    UNION ALL
    SELECT action_id, actor, eval_key, _row, 2, 'comment', comment_before, comment_after
    FROM pairs
    UNION ALL
    SELECT action_id, actor, eval_key, _row, 3, 'evidence', evidence_before, evidence_after
    FROM pairs
)
SELECT action_id, actor, nullif(eval_key, '') AS evaluation, field, before, after
FROM fields
WHERE before IS DISTINCT FROM after
ORDER BY _row, field_no
