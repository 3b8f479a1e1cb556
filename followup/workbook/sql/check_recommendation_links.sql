-- check_recommendation_links: actions whose recommendation number the recommendations sheet
-- does not have (other: the numbers it has), or, when the workbook has no recommendations
-- sheet ($with_sheet false), one warning at the first action that names a number
-- params: $with_sheet BOOLEAN
WITH linked AS (
    SELECT _row, recommendation_id FROM stg_actions WHERE recommendation_id IS NOT NULL
), numbers AS (
    SELECT recommendation_id, min(_row) AS first_row
    FROM stg_recommendations
    WHERE recommendation_id IS NOT NULL
    GROUP BY recommendation_id
), known AS (
    SELECT coalesce(string_agg(recommendation_id, ', ' ORDER BY first_row), '–') AS ids
    FROM numbers
)
SELECT l._row, 'recommendation_id' AS field, l.recommendation_id AS value,
       'unknown_recommendation' AS code, k.ids AS other
FROM linked AS l, known AS k
WHERE $with_sheet
  AND l.recommendation_id NOT IN (SELECT recommendation_id FROM numbers)
UNION ALL
SELECT min(_row), 'recommendation_id', NULL, 'no_recommendations_sheet', NULL
FROM linked
HAVING NOT $with_sheet AND count(*) > 0
