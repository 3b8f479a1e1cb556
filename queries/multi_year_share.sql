-- multi_year_share: per year, the share of spend that went to multi-year agreements
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open)
WITH grants_in_scope AS (
    SELECT grant_id, grant_type
    FROM grants
    WHERE snapshot_id = $snapshot
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($partners::VARCHAR[]) = 0 OR list_contains($partners::VARCHAR[], partner))
), per_year AS (
    SELECT
        d.year,
        sum(d.amount_nok) FILTER (WHERE g.grant_type = 'multi-year') AS multi_year_nok,
        sum(d.amount_nok) AS amount_nok
    FROM disbursements AS d
    JOIN grants_in_scope AS g USING (grant_id)
    WHERE d.snapshot_id = $snapshot
      AND d.year >= coalesce($year_from::INTEGER, d.year)
      AND d.year <= coalesce($year_to::INTEGER, d.year)
    GROUP BY d.year
)
SELECT
    year,
    coalesce(multi_year_nok, 0) AS multi_year_nok,
    amount_nok,
    round(100.0 * coalesce(multi_year_nok, 0) / nullif(amount_nok, 0), 1) AS multi_year_pct
FROM per_year
ORDER BY year
