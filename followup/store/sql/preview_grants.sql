-- preview_grants: agreements that are new, removed or changed against the current round
-- (cur_grants is the current round, registered by the caller)
WITH incoming AS (
    SELECT grant_id, partner, title, start_date, end_date, amount_nok, grant_type, _row AS row_no
    FROM stg_grants
), compared AS (
    SELECT
        coalesce(i.grant_id, c.grant_id) AS grant_id,
        coalesce(i.partner, c.partner) AS partner,
        coalesce(i.title, c.title) AS title,
        CASE WHEN c.grant_id IS NULL THEN 'new'
             WHEN i.grant_id IS NULL THEN 'removed'
             ELSE 'changed' END AS change,
        coalesce(i.row_no, 1000000) AS row_no
    FROM incoming AS i
    FULL OUTER JOIN cur_grants AS c ON i.grant_id = c.grant_id
    WHERE c.grant_id IS NULL OR i.grant_id IS NULL
       OR i.partner IS DISTINCT FROM c.partner
       OR i.start_date IS DISTINCT FROM c.start_date
       OR i.end_date IS DISTINCT FROM c.end_date
       OR i.amount_nok IS DISTINCT FROM c.amount_nok
       OR i.grant_type IS DISTINCT FROM c.grant_type
)
SELECT grant_id, partner, title, change
FROM compared
ORDER BY CASE change WHEN 'changed' THEN 0 WHEN 'new' THEN 1 ELSE 2 END, row_no, grant_id
