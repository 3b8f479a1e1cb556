-- check_contacts: one row per problem in the contacts sheet (field, value, code, other)
-- params: $email VARCHAR, the pattern of a plain address (followup.workbook.formats.EMAIL: no
-- encoded word, quotes, angle brackets, spaces or control characters). A name without any
-- address is that actor without address: a warning, the row loads, reminders to it go nowhere.
WITH c AS (
    SELECT * FROM stg_contacts
), addresses AS (
    SELECT _row, actor, unnest(emails) AS email FROM c
), known_actors AS (
    SELECT DISTINCT actor FROM stg_actions WHERE actor IS NOT NULL
)
SELECT _row, 'actor' AS field, NULL AS value, 'missing_value' AS code, NULL AS other
FROM c WHERE actor IS NULL
UNION ALL
SELECT _row, 'email', NULL, 'no_address', actor FROM c
WHERE len(emails) = 0 AND actor IS NOT NULL
  AND actor NOT IN (SELECT actor FROM addresses WHERE actor IS NOT NULL)
UNION ALL
SELECT _row, 'email', email, 'bad_email', NULL FROM addresses
WHERE NOT regexp_full_match(email, $email)
UNION ALL
SELECT _row, 'actor', actor, 'unknown_contact_actor', NULL FROM c
WHERE actor IS NOT NULL AND (SELECT count(*) FROM known_actors) > 0
  AND actor NOT IN (SELECT actor FROM known_actors)
