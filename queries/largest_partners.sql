-- largest_partners: partners by sum disbursed in the chosen years, with their share
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open)
WITH grants_in_scope AS (
    SELECT grant_id, partner
    FROM grants
    WHERE snapshot_id = $snapshot
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($partners::VARCHAR[]) = 0 OR list_contains($partners::VARCHAR[], partner))
), per_partner AS (
    SELECT
        g.partner,
        sum(d.amount_nok) AS amount_nok,
        count(DISTINCT d.grant_id) FILTER (WHERE d.amount_nok <> 0) AS grants
    FROM disbursements AS d
    JOIN grants_in_scope AS g USING (grant_id)
    WHERE d.snapshot_id = $snapshot
      AND d.year >= coalesce($year_from::INTEGER, d.year)
      AND d.year <= coalesce($year_to::INTEGER, d.year)
    GROUP BY g.partner
)
SELECT
    partner,
    amount_nok,
    grants,
    round(100.0 * amount_nok / nullif(sum(amount_nok) OVER (), 0), 1) AS share_pct
FROM per_partner
ORDER BY amount_nok DESC, partner
