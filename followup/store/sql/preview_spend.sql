-- preview_spend: sum disbursed per year now and after the incoming workbook is imported
-- (cur_spend is the current round's spend_by_year, registered by the caller)
WITH incoming AS (
    SELECT year, sum(amount_nok) AS amount_nok
    FROM stg_disbursements
    WHERE amount_nok IS NOT NULL AND year IS NOT NULL
    GROUP BY year
)
SELECT
    coalesce(i.year, c.year) AS year,
    c.amount_nok AS before_nok,
    i.amount_nok AS after_nok,
    coalesce(i.amount_nok, 0) - coalesce(c.amount_nok, 0) AS change_nok
FROM incoming AS i
FULL OUTER JOIN cur_spend AS c ON i.year = c.year
ORDER BY year
