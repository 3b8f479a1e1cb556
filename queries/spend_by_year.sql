-- spend_by_year: sum disbursed per year, and how many grants received a disbursement, in the
-- state as of a round
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open)
SELECT
    year,
    sum(amount_nok) AS amount_nok,
    count(DISTINCT grant_id) FILTER (WHERE amount_nok <> 0) AS grants
FROM spend_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $partners::VARCHAR[],
              $year_from::INTEGER, $year_to::INTEGER)
GROUP BY year
ORDER BY year
