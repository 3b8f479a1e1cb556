-- answered_request: the latest request the staged workbook answers: one made to an actor it
-- has rows for, about their evaluation (followup.store.review.changed_since_request)
SELECT q.request_id, q.made_at, q.snapshot_id
FROM requests AS q
WHERE EXISTS (SELECT 1 FROM stg_actions AS s
              WHERE s.actor = q.actor AND coalesce(s.evaluation, '') = q.evaluation)
ORDER BY q.made_at DESC, q.request_id DESC
LIMIT 1
