-- grant_changes: agreements new, removed or changed between the state as of $previous and the
-- state as of $snapshot (the grant portfolio is replaced by the latest grants sheet)
-- params: $snapshot BIGINT, $previous BIGINT
WITH now_ AS (
    SELECT * FROM grants_at($snapshot)
), before AS (
    SELECT * FROM grants_at($previous)
), compared AS (
    SELECT
        coalesce(n.grant_id, b.grant_id) AS grant_id,
        coalesce(n.partner, b.partner) AS partner,
        coalesce(n.title, b.title) AS title,
        CASE WHEN b.grant_id IS NULL THEN 'new'
             WHEN n.grant_id IS NULL THEN 'removed'
             ELSE 'changed' END AS change,
        coalesce(n.row_no, 1000000 + b.row_no) AS row_no
    FROM now_ AS n
    FULL OUTER JOIN before AS b ON n.grant_id = b.grant_id
    WHERE n.grant_id IS NULL OR b.grant_id IS NULL
       OR n.partner IS DISTINCT FROM b.partner
       OR n.start_date IS DISTINCT FROM b.start_date
       OR n.end_date IS DISTINCT FROM b.end_date
       OR n.amount_nok IS DISTINCT FROM b.amount_nok
       OR n.grant_type IS DISTINCT FROM b.grant_type
)
SELECT grant_id, partner, title, change
FROM compared
ORDER BY CASE change WHEN 'changed' THEN 0 WHEN 'new' THEN 1 ELSE 2 END, row_no, grant_id
