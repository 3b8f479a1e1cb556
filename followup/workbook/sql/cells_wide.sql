-- cells_wide: the year columns of a wide grants sheet as one row per non-empty cell
CREATE OR REPLACE TEMP TABLE cells_wide AS
UNPIVOT (SELECT _row, grant_id, COLUMNS('^y[0-9]{4}$') FROM cells_grants)
ON COLUMNS('^y[0-9]{4}$') INTO NAME field VALUE amount
