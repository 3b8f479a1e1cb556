-- preview_scopes: what the incoming round $snapshot covers, each scope with the date of the
-- round that covered it until now (NULL: nothing did), for the state as of $previous
WITH incoming AS (
    SELECT * FROM coverage WHERE snapshot_id = $snapshot AND scope <> 'contacts'
), earlier AS (
    SELECT * FROM covering($previous)
)
SELECT i.scope, nullif(i.evaluation, '') AS evaluation, nullif(i.actor, '') AS actor, i.year,
       (SELECT max(e.as_of) FROM earlier AS e
        WHERE e.scope IN (CASE i.scope WHEN 'actions' THEN 'plan' ELSE i.scope END, i.scope)
          AND e.evaluation IN (i.evaluation, '*')
          AND (i.scope <> 'actions' OR e.scope = 'plan' OR e.actor = i.actor)
          AND (i.scope <> 'disbursements' OR e.year = i.year)) AS previous_as_of
FROM incoming AS i
ORDER BY list_position(['plan', 'actions', 'recommendations', 'evaluations', 'grants',
                        'disbursements'], i.scope), i.evaluation, i.actor, i.year
