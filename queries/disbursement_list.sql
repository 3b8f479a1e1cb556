-- disbursement_list: what each grant received per year in a round, with the grant's details
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open)
-- one row per grant and year: rows for the same grant and year are summed on load
WITH grants_in_scope AS (
    SELECT grant_id, row_no, partner, section, region, grant_type
    FROM grants
    WHERE snapshot_id = $snapshot
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($partners::VARCHAR[]) = 0 OR list_contains($partners::VARCHAR[], partner))
)
SELECT
    d.grant_id,
    g.partner,
    g.section,
    g.region,
    g.grant_type,
    d.year,
    d.amount_nok
FROM disbursements AS d
JOIN grants_in_scope AS g USING (grant_id)
WHERE d.snapshot_id = $snapshot
  AND d.year >= coalesce($year_from::INTEGER, d.year)
  AND d.year <= coalesce($year_to::INTEGER, d.year)
ORDER BY g.row_no, d.year
