-- stage_actions: the actions sheet, typed; statuses mapped through the accepted words
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
        clean_key(c.evaluation) AS evaluation,
        clean_key(c.party) AS party,
        coalesce(clean_key(c.section), clean_key(c.actor)) AS section,
        coalesce(clean_key(c.region), 'Globalt') AS region,
        parse_date(c.due_date, true) AS due_date,
        c.due_date AS due_date_text,
        c.comment
    FROM cells AS c
    LEFT JOIN status_words AS w ON w.word = word_key(c.status)
)
SELECT * FROM typed ORDER BY _row
