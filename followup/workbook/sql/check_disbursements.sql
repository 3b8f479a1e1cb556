-- check_disbursements: one row per problem in disbursement cells, long or wide; a workbook
-- of disbursements alone is checked against the grant portfolio when it is loaded
-- (layout, row, field, value, code, other)
WITH d AS (
    SELECT * FROM stg_disbursements
), known AS (
    SELECT DISTINCT grant_id FROM stg_grants WHERE grant_id IS NOT NULL
), in_both AS (
    SELECT DISTINCT l._row, l.grant_id, l.year
    FROM d AS l JOIN d AS w
      ON l.layout = 'long' AND w.layout = 'wide' AND l.grant_id = w.grant_id AND l.year = w.year
)
SELECT layout, _row, 'grant_id' AS field, NULL AS value, 'missing_value' AS code, NULL AS other
FROM d WHERE layout = 'long' AND grant_id IS NULL
UNION ALL
SELECT layout, _row, year_field, NULL, 'missing_value', NULL
FROM d WHERE layout = 'long' AND year_text IS NULL
UNION ALL
SELECT layout, _row, amount_field, NULL, 'missing_value', NULL
FROM d WHERE layout = 'long' AND amount_text IS NULL
UNION ALL
SELECT layout, _row, year_field, year_text, 'bad_year', NULL
FROM d WHERE year_text IS NOT NULL AND year IS NULL
UNION ALL
SELECT layout, _row, amount_field, amount_text, 'bad_amount', NULL
FROM d WHERE amount_text IS NOT NULL AND amount_nok IS NULL
UNION ALL
SELECT layout, _row, amount_field, amount_text, 'negative_amount', NULL
FROM d WHERE amount_nok < 0
UNION ALL
SELECT layout, _row, 'grant_id', grant_id, 'unknown_grant', NULL
FROM d WHERE layout = 'long' AND grant_id IS NOT NULL
  AND grant_id NOT IN (SELECT grant_id FROM known)
  AND EXISTS (SELECT 1 FROM known)  -- without grants, the portfolio loaded is checked on load
UNION ALL
SELECT 'long', _row, 'grant_id', grant_id, 'both_layouts', CAST(year AS VARCHAR)
FROM in_both
