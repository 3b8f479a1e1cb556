-- stage_grants: the grants sheet, typed; the agreement type derived from the years it spans
CREATE OR REPLACE TEMP TABLE stg_grants AS
WITH cells AS (
    SELECT * FROM cells_grants
), typed AS MATERIALIZED (
    SELECT
        c._row,
        clean_key(c.grant_id) AS grant_id,
        c.title,
        clean_key(c.partner) AS partner,
        clean_key(c.section) AS section,
        coalesce(clean_key(c.region), 'Globalt') AS region,
        clean_key(c.country) AS country,
        parse_date(c.start_date, false) AS start_date,
        c.start_date AS start_text,
        parse_date(c.end_date, true) AS end_date,
        c.end_date AS end_text,
        parse_scaled(c.amount, scale_of('grants', 'amount')) AS amount_nok,
        c.amount AS amount_text,
        t.code AS stated_type,
        c.grant_type AS grant_type_text
    FROM cells AS c
    LEFT JOIN grant_type_words AS t ON t.word = word_key(c.grant_type)
)
SELECT
    *,
    coalesce(stated_type, CASE WHEN year(start_date) < year(end_date) THEN 'multi-year'
                               ELSE 'one-year' END) AS grant_type
FROM typed
ORDER BY _row
