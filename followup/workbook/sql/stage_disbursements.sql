-- stage_disbursements: every disbursement cell, from the long sheet and the wide year columns
CREATE OR REPLACE TEMP TABLE stg_disbursements AS
WITH long_rows AS (
    SELECT
        'long' AS layout, _row, clean_key(grant_id) AS grant_id,
        'year' AS year_field, year AS year_text, parse_year(year) AS year,
        'amount' AS amount_field, amount AS amount_text,
        parse_scaled(amount, scale_of('disbursements', 'amount')) AS amount_nok
    FROM cells_disbursements
), wide_rows AS (
    SELECT
        'wide' AS layout, _row, clean_key(grant_id) AS grant_id,
        field AS year_field, substr(field, 2) AS year_text, CAST(substr(field, 2) AS INTEGER) AS year,
        field AS amount_field, amount AS amount_text, parse_scaled(amount, factor) AS amount_nok
    FROM cells_wide
)
SELECT * FROM long_rows
UNION ALL
SELECT * FROM wide_rows
