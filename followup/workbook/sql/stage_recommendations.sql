-- stage_recommendations: the recommendations sheet, typed; management responses mapped
-- through the accepted words (an empty cell is no_response)
CREATE OR REPLACE TEMP TABLE stg_recommendations AS
WITH cells AS (
    SELECT * FROM cells_recommendations
)
SELECT
    c._row,
    clean_key(c.recommendation_id) AS recommendation_id,
    c.recommendation,
    CASE WHEN c.response IS NULL THEN 'no_response' ELSE w.code END AS response,
    c.response AS response_input,
    c.response_text,
    clean_key(c.evaluation) AS evaluation,
    clean_key(c.responsible) AS responsible
FROM cells AS c
LEFT JOIN response_words AS w ON w.word = word_key(c.response)
ORDER BY c._row
