-- grants_by_type: per year, grants with a disbursement and the sum disbursed, split into
-- multi-year and one-year agreements, in the state as of a round; planned: the year is after
-- the round's year (what is given for it is a plan, not a disbursement)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open)
SELECT
    year,
    grant_type,
    count(DISTINCT grant_id) FILTER (WHERE amount_nok <> 0) AS grants,
    sum(amount_nok) AS amount_nok,
    year > (SELECT year(as_of) FROM snapshots WHERE snapshot_id = $snapshot) AS planned
FROM spend_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $partners::VARCHAR[],
              $year_from::INTEGER, $year_to::INTEGER)
GROUP BY year, grant_type
ORDER BY year, grant_type
