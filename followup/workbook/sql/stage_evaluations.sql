-- stage_evaluations: the register of evaluations (sheet Evalueringer), typed: the year of the
-- report, the date of the management response, who owns the follow-up, a link to the report
-- (kept as written; only an https link is ever drawn as a link)
CREATE OR REPLACE TEMP TABLE stg_evaluations AS
WITH cells AS (
    SELECT * FROM cells_evaluations
)
SELECT
    c._row,
    clean_key(c.evaluation) AS evaluation,
    parse_year(c.report_year) AS report_year,
    c.report_year AS report_year_text,
    parse_date(c.response_date, false) AS response_date,
    c.response_date AS response_date_text,
    clean_key(c.owner) AS owner,
    nullif(trim(c.link), '') AS link
FROM cells AS c
ORDER BY c._row
