-- largest_partners: partners by sum disbursed in the chosen years, with their share, in the
-- state as of a round
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open)
WITH per_partner AS (
    SELECT
        partner,
        sum(amount_nok) AS amount_nok,
        count(DISTINCT grant_id) FILTER (WHERE amount_nok <> 0) AS grants
    FROM spend_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $partners::VARCHAR[],
                  $year_from::INTEGER, $year_to::INTEGER)
    GROUP BY partner
)
SELECT
    partner,
    amount_nok,
    grants,
    round(100.0 * amount_nok / nullif(sum(amount_nok) OVER (), 0), 1) AS share_pct
FROM per_partner
ORDER BY amount_nok DESC, partner
