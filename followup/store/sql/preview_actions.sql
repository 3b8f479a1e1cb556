-- preview_actions: how the incoming workbook's actions differ from the current round's
-- (cur_actions is the current round, registered by the caller)
WITH incoming AS (
    SELECT action_key, action_id, action, actor,
           status, _row AS row_no
    FROM stg_actions
), compared AS (
    SELECT
        coalesce(i.action_id, c.action_id) AS action_id,
        coalesce(i.action, c.action) AS action,
        coalesce(i.actor, c.actor) AS actor,
        c.status AS previous_status,
        i.status AS status,
        CASE WHEN c.action_key IS NULL THEN 'new'
             WHEN i.action_key IS NULL THEN 'removed'
             ELSE 'changed' END AS change,
        coalesce(i.row_no, 1000000) AS row_no
    FROM incoming AS i
    FULL OUTER JOIN cur_actions AS c ON i.action_key = c.action_key
    WHERE c.action_key IS NULL OR i.action_key IS NULL OR c.status IS DISTINCT FROM i.status
)
SELECT action_id, action, actor, previous_status, status, change
FROM compared
ORDER BY CASE change WHEN 'changed' THEN 0 WHEN 'new' THEN 1 ELSE 2 END, row_no, action_id
