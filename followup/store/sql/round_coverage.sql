-- round_coverage: what round $snapshot covers, one row per scope (see state.sql), the whole
-- plan first, then actors' follow-up, recommendations, the evaluations' facts, the grants,
-- disbursement years, contacts
SELECT scope, nullif(evaluation, '') AS evaluation, nullif(actor, '') AS actor, year
FROM target.coverage
WHERE snapshot_id = $snapshot
ORDER BY list_position(['plan', 'actions', 'recommendations', 'evaluations', 'grants',
                        'disbursements', 'contacts'], scope), evaluation, actor, year
