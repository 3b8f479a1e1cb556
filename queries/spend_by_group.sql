-- spend_by_group: sum disbursed per year and per partner, section or region ($dimension), in
-- the state as of a round; planned: the year is after the round's year
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER, $dimension VARCHAR ('partner'|'section'|'region')
WITH spend AS (
    SELECT year, amount_nok,
           CASE $dimension WHEN 'partner' THEN partner
                           WHEN 'section' THEN section
                           ELSE region END AS grp
    FROM spend_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $partners::VARCHAR[],
                  $year_from::INTEGER, $year_to::INTEGER)
)
SELECT year, grp, sum(amount_nok) AS amount_nok,
       year > (SELECT year(as_of) FROM snapshots WHERE snapshot_id = $snapshot) AS planned
FROM spend
GROUP BY year, grp
ORDER BY year, sum(sum(amount_nok)) OVER (PARTITION BY grp) DESC, grp
