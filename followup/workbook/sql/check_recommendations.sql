-- check_recommendations: one row per problem in the recommendations sheet (field, value,
-- code, other)
WITH r AS (
    SELECT * FROM stg_recommendations
), duplicate_ids AS (
    SELECT _row, recommendation_id,
           min(_row) OVER (PARTITION BY recommendation_id) AS first_row
    FROM r WHERE recommendation_id IS NOT NULL
)
SELECT _row, 'recommendation_id' AS field, NULL AS value, 'missing_value' AS code,
       NULL AS other
FROM r WHERE recommendation_id IS NULL
UNION ALL
SELECT _row, 'recommendation', NULL, 'missing_value', NULL FROM r WHERE recommendation IS NULL
UNION ALL
SELECT _row, 'response', response_input, 'unknown_response', NULL FROM r WHERE response IS NULL
UNION ALL
SELECT _row, 'response', NULL, 'empty_response', NULL FROM r WHERE response_input IS NULL
UNION ALL
SELECT _row, 'recommendation_id', recommendation_id, 'duplicate_recommendation_id',
       CAST(first_row AS VARCHAR)
FROM duplicate_ids WHERE _row > first_row
