-- grant_list: the grants of the state as of a round with what was disbursed to each in the
-- chosen years, largest first, at most $limit of them (total_grants says how many there are)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open), $limit INTEGER
WITH disbursed AS (
    SELECT grant_id, sum(amount_nok) AS disbursed_nok
    FROM spend_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $partners::VARCHAR[],
                  $year_from::INTEGER, $year_to::INTEGER)
    GROUP BY grant_id
)
SELECT
    g.grant_id,
    g.partner,
    g.title,
    g.section,
    g.region,
    g.country,
    g.start_date,
    g.end_date,
    g.grant_type,
    g.amount_nok,
    coalesce(d.disbursed_nok, 0) AS disbursed_nok,
    count(*) OVER () AS total_grants
FROM grants_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $partners::VARCHAR[]) AS g
LEFT JOIN disbursed AS d USING (grant_id)
ORDER BY disbursed_nok DESC, g.grant_id
LIMIT $limit
