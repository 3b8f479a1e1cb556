-- cells_wide: the year columns of a wide grants sheet as one row per non-empty cell, with the
-- scale its column's header states
CREATE OR REPLACE TEMP TABLE cells_wide AS
SELECT w.*, scale_of('grants', w.field) AS factor
FROM (UNPIVOT (SELECT _row, grant_id, COLUMNS('^y[0-9]{4}$') FROM cells_grants)
      ON COLUMNS('^y[0-9]{4}$') INTO NAME field VALUE amount) AS w
