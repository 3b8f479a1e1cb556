-- check_contacts: one row per problem in the contacts sheet (field, value, code, other)
WITH c AS (
    SELECT * FROM stg_contacts
), addresses AS (
    SELECT _row, unnest(emails) AS email FROM c
), known_actors AS (
    SELECT DISTINCT actor FROM stg_actions WHERE actor IS NOT NULL
)
SELECT _row, 'actor' AS field, NULL AS value, 'missing_value' AS code, NULL AS other
FROM c WHERE actor IS NULL
UNION ALL
SELECT _row, 'email', NULL, 'missing_value', NULL FROM c WHERE len(emails) = 0
UNION ALL
SELECT _row, 'email', email, 'bad_email', NULL FROM addresses
WHERE NOT regexp_full_match(email, '[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}')
UNION ALL
SELECT _row, 'actor', actor, 'unknown_contact_actor', NULL FROM c
WHERE actor IS NOT NULL AND (SELECT count(*) FROM known_actors) > 0
  AND actor NOT IN (SELECT actor FROM known_actors)
