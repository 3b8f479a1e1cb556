-- assign_evaluation: rows without an evaluation belong to the workbook's ($evaluation; NULL:
-- the default evaluation); a recommendation without one takes its actions' first
UPDATE stg_actions SET evaluation = $evaluation WHERE evaluation IS NULL;
UPDATE stg_recommendations AS r
SET evaluation = coalesce((SELECT min(a.evaluation) FROM stg_actions AS a
                           WHERE a.recommendation_id = r.recommendation_id), $evaluation)
WHERE r.evaluation IS NULL;
