-- load_snapshot: the staged workbook into the attached database as reporting round $snapshot,
-- with what the round covers: each (evaluation, actor) of its actions; with $whole_plan the
-- whole plan of every evaluation it holds (actions and, with a recommendations sheet, the
-- recommendations); each evaluation of its recommendations; the portfolio when it has grants,
-- else each year of its disbursements; each actor of its contacts
INSERT INTO target.snapshots
SELECT $snapshot, $as_of, $file_name, $sha256, $loaded_at, $loaded_by,
       $actions, $grants, $disbursements, $warnings;
INSERT INTO target.actions (snapshot_id, row_no, action_id, action_key, action, actor, status,
                            status_text, recommendation, evaluation, party, section, region,
                            due_date, comment, recommendation_id, evidence)
SELECT $snapshot, _row, action_id,
       action_key,
       action, actor, status, status_text, recommendation, evaluation, party, section,
       region, due_date, comment, recommendation_id, evidence
FROM stg_actions;
INSERT INTO target.recommendations
SELECT $snapshot, _row, recommendation_id, recommendation, response, response_text, evaluation,
       responsible
FROM stg_recommendations;
INSERT INTO target.grants
SELECT $snapshot, _row, grant_id, title, partner, section, region, country, start_date,
       end_date, amount_nok, grant_type
FROM stg_grants;
INSERT INTO target.disbursements
SELECT $snapshot, grant_id, year, sum(amount_nok)
FROM stg_disbursements
WHERE amount_nok IS NOT NULL
GROUP BY grant_id, year;
INSERT INTO target.contacts
SELECT DISTINCT ON (actor, email) $snapshot, _row, actor, email
FROM (SELECT _row, actor, unnest(emails) AS email FROM stg_contacts)
ORDER BY actor, email, _row;
INSERT INTO target.evaluations
SELECT $snapshot, _row, evaluation, report_year, response_date, owner, link
FROM stg_evaluations;
INSERT INTO target.coverage (snapshot_id, scope, evaluation, actor, year)
SELECT DISTINCT $snapshot, 'actions', coalesce(evaluation, ''), actor, NULL::INTEGER
FROM stg_actions
UNION ALL
SELECT DISTINCT $snapshot, 'plan', coalesce(evaluation, ''), '', NULL
FROM (SELECT evaluation FROM stg_actions UNION ALL SELECT evaluation FROM stg_recommendations)
WHERE $whole_plan
UNION ALL
SELECT DISTINCT $snapshot, 'recommendations', coalesce(evaluation, ''), '', NULL
FROM (SELECT evaluation FROM stg_recommendations
      UNION ALL SELECT evaluation FROM stg_actions WHERE $whole_plan)
WHERE EXISTS (SELECT 1 FROM stg_recommendations)
UNION ALL
SELECT $snapshot, 'grants', '', '', NULL WHERE EXISTS (SELECT 1 FROM stg_grants)
UNION ALL
SELECT DISTINCT $snapshot, 'disbursements', '', '', year FROM stg_disbursements
WHERE NOT EXISTS (SELECT 1 FROM stg_grants) AND amount_nok IS NOT NULL
UNION ALL
SELECT DISTINCT $snapshot, 'evaluations', evaluation, '', NULL FROM stg_evaluations
UNION ALL
SELECT DISTINCT $snapshot, 'contacts', '', actor, NULL FROM stg_contacts
WHERE actor IS NOT NULL;
INSERT INTO target.audit_log (logged_at, who, event, snapshot_id, sha256, file_name, as_of)
VALUES ($loaded_at, $loaded_by, 'import', $snapshot, $sha256, $file_name, $as_of);
INSERT INTO target.audit_log (logged_at, who, event, snapshot_id, sha256, file_name, as_of,
                              detail)
SELECT $loaded_at, $loaded_by, 'refused', $snapshot, $sha256, $file_name, $as_of,
       concat(action_id, ' (', actor, '): ', coalesce(proposed, '–'), ' → ',
              coalesce(kept, '–'))
FROM refusals
ORDER BY action_id;
