-- keep_previous: the rows of an incoming workbook whose proposed change the editor refused
-- (ingest --keep-previous ID, the preview's refusals) keep their report in the state as of
-- $current, the round the workbook follows: status, its words, comment and evidence; the
-- table refusals says which, for the audit log (load_snapshot.sql). Run with `target` in use.
-- params: $current BIGINT (NULL: the first round, nothing to keep), $keep VARCHAR[] (IDs)
CREATE OR REPLACE TEMP TABLE refusals AS
SELECT s.action_id, s.actor, s.status_text AS proposed, p.status_text AS kept,
       p.status AS kept_status
FROM stg_actions AS s
JOIN actions_at($current) AS p
  ON p.eval_key = coalesce(s.evaluation, '') AND p.action_key = s.action_key
WHERE list_contains($keep::VARCHAR[], s.action_id);
UPDATE stg_actions AS s
SET status = p.status, status_text = p.status_text, comment = p.comment, evidence = p.evidence
FROM actions_at($current) AS p
WHERE p.eval_key = coalesce(s.evaluation, '') AND p.action_key = s.action_key
  AND list_contains($keep::VARCHAR[], s.action_id);
