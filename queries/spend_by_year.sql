-- spend_by_year: sum disbursed per year, and how many grants received a disbursement
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open)
WITH grants_in_scope AS (
    SELECT grant_id
    FROM grants
    WHERE snapshot_id = $snapshot
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($partners::VARCHAR[]) = 0 OR list_contains($partners::VARCHAR[], partner))
), disbursed AS (
    SELECT d.year, d.grant_id, d.amount_nok
    FROM disbursements AS d
    JOIN grants_in_scope AS g USING (grant_id)
    WHERE d.snapshot_id = $snapshot
      AND d.year >= coalesce($year_from::INTEGER, d.year)
      AND d.year <= coalesce($year_to::INTEGER, d.year)
)
SELECT
    year,
    sum(amount_nok) AS amount_nok,
    count(DISTINCT grant_id) FILTER (WHERE amount_nok <> 0) AS grants
FROM disbursed
GROUP BY year
ORDER BY year
