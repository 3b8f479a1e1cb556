-- filter_options: every value a sidebar filter can take, across all reporting rounds
-- params: none
WITH options AS (
    SELECT 'evaluation' AS dimension, evaluation AS value FROM actions
    UNION SELECT 'evaluation', evaluation FROM recommendations
    UNION SELECT 'region', region FROM actions
    UNION SELECT 'region', region FROM grants
    UNION SELECT 'section', section FROM actions
    UNION SELECT 'section', section FROM grants
    UNION SELECT 'partner', partner FROM grants
    UNION SELECT 'year', CAST(year AS VARCHAR) FROM disbursements
)
SELECT dimension, value
FROM options
WHERE value IS NOT NULL
ORDER BY dimension, lower(value)
