-- stage_actions: the actions sheet, typed; statuses mapped through the accepted words;
-- action_key follows an action across rounds (its ID, else its actor and text, numbered when
-- the same actor and text come more than once); evidence is an archive reference or a link,
-- kept as written (trimmed)
CREATE OR REPLACE TEMP TABLE stg_actions AS
WITH cells AS (
    SELECT * FROM cells_actions
), typed AS (
    SELECT
        c._row,
        clean_key(c.action_id) AS action_id,
        c.action,
        clean_key(c.actor) AS actor,
        CASE WHEN c.status IS NULL THEN 'no_report' ELSE w.code END AS status,
        c.status AS status_text,
        c.recommendation,
        clean_key(c.recommendation_id) AS recommendation_id,
        clean_key(c.evaluation) AS evaluation,
        clean_key(c.party) AS party,
        coalesce(clean_key(c.section), clean_key(c.actor)) AS section,
        coalesce(clean_key(c.region), 'Globalt') AS region,
        parse_date(c.due_date, true) AS due_date,
        c.due_date AS due_date_text,
        c.comment,
        nullif(trim(c.evidence), '') AS evidence
    FROM cells AS c
    LEFT JOIN status_words AS w ON w.word = word_key(c.status)
)
SELECT
    *,
    action_key(action_id, actor, action)
        || CASE WHEN action_id IS NULL AND row_number() OVER same > 1
                THEN '#' || row_number() OVER same ELSE '' END AS action_key
FROM typed
WINDOW same AS (PARTITION BY action_key(action_id, actor, action) ORDER BY _row)
ORDER BY _row
