-- check_grants: one row per problem in the grants sheet (field, value, code, other)
WITH g AS (
    SELECT * FROM stg_grants
), duplicate_ids AS (
    SELECT _row, grant_id, min(_row) OVER (PARTITION BY grant_id) AS first_row
    FROM g WHERE grant_id IS NOT NULL
)
SELECT _row, 'grant_id' AS field, NULL AS value, 'missing_value' AS code, NULL AS other
FROM g WHERE grant_id IS NULL
UNION ALL
SELECT _row, 'partner', NULL, 'missing_value', NULL FROM g WHERE partner IS NULL
UNION ALL
SELECT _row, 'start_date', NULL, 'missing_value', NULL FROM g WHERE start_text IS NULL
UNION ALL
SELECT _row, 'end_date', NULL, 'missing_value', NULL FROM g WHERE end_text IS NULL
UNION ALL
SELECT _row, 'start_date', start_text, 'bad_date', NULL
FROM g WHERE start_text IS NOT NULL AND start_date IS NULL
UNION ALL
SELECT _row, 'end_date', end_text, 'bad_date', NULL
FROM g WHERE end_text IS NOT NULL AND end_date IS NULL
UNION ALL
SELECT _row, 'end_date', end_text, 'end_before_start', strftime(start_date, '%d.%m.%Y')
FROM g WHERE end_date < start_date
UNION ALL
SELECT _row, 'amount', amount_text, 'bad_amount', NULL
FROM g WHERE amount_text IS NOT NULL AND amount_nok IS NULL
UNION ALL
SELECT _row, 'amount', amount_text, 'negative_amount', NULL FROM g WHERE amount_nok < 0
UNION ALL
SELECT _row, 'grant_type', grant_type_text, 'bad_grant_type', NULL
FROM g WHERE grant_type_text IS NOT NULL AND stated_type IS NULL
UNION ALL
SELECT _row, 'grant_id', grant_id, 'duplicate_grant_id', CAST(first_row AS VARCHAR)
FROM duplicate_ids WHERE _row > first_row
