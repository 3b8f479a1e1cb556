-- stage_contacts: the contacts sheet, one row per row of the sheet: the actor, as matched
-- against the actions' actors, and its addresses (split at ';' and ',', each trimmed, empty
-- pieces dropped; one actor may have several)
CREATE OR REPLACE TEMP TABLE stg_contacts AS
WITH cells AS (
    SELECT * FROM cells_contacts
), typed AS (
    SELECT
        c._row,
        clean_key(c.actor) AS actor,
        c.email AS email_text,
        list_filter(
            list_transform(string_split_regex(coalesce(c.email, ''), '[;,]'),
                           lambda x: trim(regexp_replace(x, '[\s\x{00A0}\x{202F}\x{2007}\x{2009}]+',
                                                    ' ', 'g'))),
            lambda x: x <> '') AS emails
    FROM cells AS c
)
SELECT * FROM typed
ORDER BY _row
