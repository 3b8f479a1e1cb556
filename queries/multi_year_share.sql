-- multi_year_share: per year, the share of spend that went to multi-year agreements, in the
-- state as of a round; planned: the year is after the round's year (a plan, not a disbursement)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open)
WITH per_year AS (
    SELECT
        year,
        sum(amount_nok) FILTER (WHERE grant_type = 'multi-year') AS multi_year_nok,
        sum(amount_nok) AS amount_nok
    FROM spend_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $partners::VARCHAR[],
                  $year_from::INTEGER, $year_to::INTEGER)
    GROUP BY year
)
SELECT
    year,
    coalesce(multi_year_nok, 0) AS multi_year_nok,
    amount_nok,
    round(100.0 * coalesce(multi_year_nok, 0) / nullif(amount_nok, 0), 1) AS multi_year_pct,
    year > (SELECT year(as_of) FROM snapshots WHERE snapshot_id = $snapshot) AS planned
FROM per_year
ORDER BY year
