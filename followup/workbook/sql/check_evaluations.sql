-- check_evaluations: one row per problem in the register of evaluations (field, value, code,
-- other): a name is required and once only; the year and the date must read; a link that is
-- not https is kept as text, with a warning
-- params: $link VARCHAR, an https link (followup.workbook.formats.HTTPS_LINK)
WITH e AS (
    SELECT * FROM stg_evaluations
), duplicates AS (
    SELECT _row, evaluation, min(_row) OVER (PARTITION BY evaluation) AS first_row
    FROM e WHERE evaluation IS NOT NULL
)
SELECT _row, 'evaluation' AS field, NULL AS value, 'missing_value' AS code, NULL AS other
FROM e WHERE evaluation IS NULL
UNION ALL
SELECT _row, 'evaluation', evaluation, 'duplicate_evaluation', CAST(first_row AS VARCHAR)
FROM duplicates WHERE _row > first_row
UNION ALL
SELECT _row, 'report_year', report_year_text, 'bad_year', NULL
FROM e WHERE report_year_text IS NOT NULL AND report_year IS NULL
UNION ALL
SELECT _row, 'response_date', response_date_text, 'bad_date', NULL
FROM e WHERE response_date_text IS NOT NULL AND response_date IS NULL
UNION ALL
SELECT _row, 'link', link, 'link_not_https', NULL
FROM e WHERE link IS NOT NULL AND NOT regexp_full_match(link, $link)
