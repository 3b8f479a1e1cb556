-- check_state: disbursements of a workbook without a grants sheet whose grant the portfolio
-- as of $current (the state the round follows) does not hold; one row per problem
SELECT d._row, d.grant_id
FROM stg_disbursements AS d
WHERE NOT EXISTS (SELECT 1 FROM stg_grants)
  AND d.grant_id IS NOT NULL
  AND d.grant_id NOT IN (SELECT grant_id FROM grants_at($current))
ORDER BY d._row
