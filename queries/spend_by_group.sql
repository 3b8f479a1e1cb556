-- spend_by_group: sum disbursed per year and per partner, section or region ($dimension)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER, $dimension VARCHAR ('partner'|'section'|'region')
WITH grants_in_scope AS (
    SELECT
        grant_id,
        CASE $dimension WHEN 'partner' THEN partner
                        WHEN 'section' THEN section
                        ELSE region END AS grp
    FROM grants
    WHERE snapshot_id = $snapshot
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($partners::VARCHAR[]) = 0 OR list_contains($partners::VARCHAR[], partner))
)
SELECT d.year, g.grp, sum(d.amount_nok) AS amount_nok
FROM disbursements AS d
JOIN grants_in_scope AS g USING (grant_id)
WHERE d.snapshot_id = $snapshot
  AND d.year >= coalesce($year_from::INTEGER, d.year)
  AND d.year <= coalesce($year_to::INTEGER, d.year)
GROUP BY d.year, g.grp
ORDER BY d.year, sum(sum(d.amount_nok)) OVER (PARTITION BY g.grp) DESC, g.grp
