-- check_actions: one row per problem in the actions sheet (field, value, code, other)
-- params: $link VARCHAR, an https link (followup.workbook.formats.HTTPS_LINK): evidence that
-- looks like a link (a scheme, `www.`) but is not one is kept as text, with a warning
WITH a AS (
    SELECT * FROM stg_actions
), duplicate_ids AS (
    SELECT _row, action_id, min(_row) OVER (PARTITION BY action_id) AS first_row
    FROM a WHERE action_id IS NOT NULL
)
SELECT _row, 'action' AS field, NULL AS value, 'missing_value' AS code, NULL AS other
FROM a WHERE action IS NULL
UNION ALL
SELECT _row, 'actor', NULL, 'missing_value', NULL FROM a WHERE actor IS NULL
UNION ALL
SELECT _row, 'status', status_text, 'unknown_status', NULL FROM a WHERE status IS NULL
UNION ALL
SELECT _row, 'status', NULL, 'empty_status', NULL FROM a WHERE status_text IS NULL
UNION ALL
SELECT _row, 'due_date', due_date_text, 'bad_date', NULL
FROM a WHERE due_date_text IS NOT NULL AND due_date IS NULL
UNION ALL
SELECT _row, 'action_id', action_id, 'duplicate_action_id', CAST(first_row AS VARCHAR)
FROM duplicate_ids WHERE _row > first_row
UNION ALL
SELECT _row, 'evidence', evidence, 'link_not_https', NULL
FROM a WHERE regexp_matches(evidence, '^([A-Za-z][A-Za-z0-9+.-]*:|www\.)')
  AND NOT regexp_full_match(evidence, $link)
