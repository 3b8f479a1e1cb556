-- state: what the follow-up looks like as of a round, as persistent table macros that every
-- query reads (created with the schema; read-only connections see them).
--
-- A round covers scopes (the table coverage): an evaluation's follow-up for one actor
-- ('actions', evaluation, actor) or for all its actors ('plan', evaluation; '*' = every
-- evaluation, what a round from before scoped rounds was), an evaluation's recommendations
-- ('recommendations'), the grant portfolio ('grants'), a year of disbursements
-- ('disbursements'), an actor's contacts ('contacts'), an evaluation's facts ('evaluations').
-- The state as of round R holds, for each scope, the rows of its latest covering round with
-- as-of on or before R's (ties by load order). The default evaluation (a row without one) has
-- the key ''.

-- the rounds up to and including snap, in as-of order
CREATE OR REPLACE MACRO rounds_upto(snap) AS TABLE
    SELECT s.snapshot_id, s.as_of
    FROM snapshots AS s, snapshots AS c
    WHERE c.snapshot_id = snap AND (s.as_of, s.snapshot_id) <= (c.as_of, c.snapshot_id);

-- the coverage of the rounds up to snap, with each round's as-of date
CREATE OR REPLACE MACRO covering(snap) AS TABLE
    SELECT c.*, r.as_of FROM coverage AS c JOIN rounds_upto(snap) AS r USING (snapshot_id);

-- a filter value picked: everything when nothing is chosen
CREATE OR REPLACE MACRO picked(value, chosen) AS len(chosen) = 0 OR list_contains(chosen, value);

-- the actions as of snap: per (evaluation, actor) the rows of the latest round covering it;
-- last_report is that round's as-of date, row_no the action's row in its evaluation's latest
-- whole plan (else 100000 + its row in its own round), so tables keep the plan's order
CREATE OR REPLACE MACRO actions_at(snap) AS TABLE
    WITH cov AS (
        SELECT * FROM covering(snap) WHERE scope IN ('actions', 'plan')
    ), reported AS (
        SELECT DISTINCT coalesce(a.evaluation, '') AS eval_key, a.actor
        FROM actions AS a JOIN rounds_upto(snap) USING (snapshot_id)
    ), source AS (
        SELECT p.eval_key, p.actor,
               arg_max(c.snapshot_id, (c.as_of, c.snapshot_id)) AS source_id,
               max(c.as_of) AS last_report
        FROM reported AS p
        JOIN cov AS c ON c.evaluation IN (p.eval_key, '*')
                     AND (c.scope = 'plan' OR c.actor = p.actor)
        GROUP BY p.eval_key, p.actor
    ), plan_rows AS (
        SELECT coalesce(a.evaluation, '') AS eval_key, a.action_key,
               arg_max(a.row_no, (c.as_of, c.snapshot_id)) AS plan_row
        FROM actions AS a
        JOIN cov AS c ON c.snapshot_id = a.snapshot_id AND c.scope = 'plan'
                     AND c.evaluation IN (coalesce(a.evaluation, ''), '*')
        GROUP BY ALL
    )
    SELECT a.* REPLACE (coalesce(p.plan_row, 100000 + a.row_no) AS row_no),
           s.eval_key, s.last_report
    FROM actions AS a
    JOIN source AS s ON a.snapshot_id = s.source_id AND a.actor = s.actor
                    AND coalesce(a.evaluation, '') = s.eval_key
    LEFT JOIN plan_rows AS p ON p.eval_key = s.eval_key AND p.action_key = a.action_key
    QUALIFY row_number() OVER (PARTITION BY s.eval_key, a.action_key
                               ORDER BY s.last_report DESC, a.snapshot_id DESC) = 1;

-- the actions of the state as of every round up to snap (snapshot_id and as_of name that
-- round), as actions_at gives them for one round: for the trend over rounds
CREATE OR REPLACE MACRO action_states(snap) AS TABLE
    WITH upto AS (
        SELECT * FROM rounds_upto(snap)
    ), cov AS (
        SELECT * FROM covering(snap) WHERE scope IN ('actions', 'plan')
    ), reported AS (
        SELECT DISTINCT r.snapshot_id AS state_id, r.as_of AS state_as_of,
               coalesce(a.evaluation, '') AS eval_key, a.actor
        FROM upto AS r
        JOIN upto AS h ON (h.as_of, h.snapshot_id) <= (r.as_of, r.snapshot_id)
        JOIN actions AS a ON a.snapshot_id = h.snapshot_id
    ), source AS (
        SELECT p.state_id, p.state_as_of, p.eval_key, p.actor,
               arg_max(c.snapshot_id, (c.as_of, c.snapshot_id)) AS source_id,
               max(c.as_of) AS source_as_of
        FROM reported AS p
        JOIN cov AS c ON (c.as_of, c.snapshot_id) <= (p.state_as_of, p.state_id)
                     AND c.evaluation IN (p.eval_key, '*')
                     AND (c.scope = 'plan' OR c.actor = p.actor)
        GROUP BY p.state_id, p.state_as_of, p.eval_key, p.actor
    )
    SELECT s.state_id AS snapshot_id, s.state_as_of AS as_of, s.eval_key, a.action_key,
           a.status, a.actor, a.region, a.section, a.evaluation
    FROM source AS s
    JOIN actions AS a ON a.snapshot_id = s.source_id AND a.actor = s.actor
                     AND coalesce(a.evaluation, '') = s.eval_key
    QUALIFY row_number() OVER (PARTITION BY s.state_id, s.eval_key, a.action_key
                               ORDER BY s.source_as_of DESC, s.source_id DESC) = 1;

-- the actions as of snap within the filters
CREATE OR REPLACE MACRO actions_in(snap, f_regions, f_sections, f_evaluations) AS TABLE
    SELECT * FROM actions_at(snap)
    WHERE picked(region, f_regions) AND picked(section, f_sections)
      AND picked(evaluation, f_evaluations);

-- every report of each action of the state as of snap: the rounds up to snap that covered its
-- scope (its evaluation's plan, its actor's follow-up) or hold it, with its row there (status
-- NULL when that round covered it and lacks it)
CREATE OR REPLACE MACRO action_reports(snap) AS TABLE
    WITH state AS (
        SELECT eval_key, action_key, actor FROM actions_at(snap)
    ), held AS (
        SELECT coalesce(a.evaluation, '') AS eval_key, a.action_key, a.snapshot_id
        FROM actions AS a JOIN rounds_upto(snap) USING (snapshot_id)
    ), reports AS (
        SELECT DISTINCT s.eval_key, s.action_key, c.snapshot_id, c.as_of
        FROM state AS s
        JOIN covering(snap) AS c
          ON c.scope IN ('actions', 'plan') AND c.evaluation IN (s.eval_key, '*')
         AND (c.scope = 'plan' OR c.actor = s.actor)
        UNION
        SELECT h.eval_key, h.action_key, h.snapshot_id, r.as_of
        FROM held AS h
        JOIN state AS s USING (eval_key, action_key)
        JOIN rounds_upto(snap) AS r USING (snapshot_id)
    )
    SELECT r.eval_key, r.action_key, r.snapshot_id, r.as_of, a.status, a.actor, a.comment,
           row_number() OVER (PARTITION BY r.eval_key, r.action_key
                              ORDER BY r.as_of, r.snapshot_id) AS report_no
    FROM reports AS r
    LEFT JOIN actions AS a ON a.snapshot_id = r.snapshot_id AND a.action_key = r.action_key
                          AND coalesce(a.evaluation, '') = r.eval_key;

-- the recommendations as of snap: per evaluation, those of its latest covering round
CREATE OR REPLACE MACRO recommendations_at(snap) AS TABLE
    WITH keyed AS (
        SELECT r.*, coalesce(r.evaluation, '') AS eval_key FROM recommendations AS r
    ), evaluations_ AS (
        SELECT DISTINCT k.eval_key FROM keyed AS k JOIN rounds_upto(snap) USING (snapshot_id)
    ), source AS (
        SELECT e.eval_key, arg_max(c.snapshot_id, (c.as_of, c.snapshot_id)) AS source_id,
               max(c.as_of) AS last_report
        FROM evaluations_ AS e
        JOIN covering(snap) AS c
          ON c.scope = 'recommendations' AND c.evaluation IN (e.eval_key, '*')
        GROUP BY e.eval_key
    )
    SELECT k.*, s.last_report
    FROM keyed AS k
    JOIN source AS s ON k.snapshot_id = s.source_id AND k.eval_key = s.eval_key;

-- the state's actions that answer a recommendation of the state: an action links to the
-- recommendation with its number in its own evaluation, else in its own round (a workbook's
-- numbers are one series); rec_key is the recommendation's evaluation key
CREATE OR REPLACE MACRO linked_actions(snap) AS TABLE
    SELECT a.*, r.eval_key AS rec_key
    FROM actions_at(snap) AS a
    JOIN recommendations_at(snap) AS r
      ON r.recommendation_id = a.recommendation_id
     AND (r.eval_key = a.eval_key OR r.snapshot_id = a.snapshot_id)
    QUALIFY row_number() OVER (PARTITION BY a.eval_key, a.action_key
                               ORDER BY r.eval_key = a.eval_key DESC) = 1;

-- each recommendation of the state within the filters, with how far its applicable actions
-- (not `not_applicable`) have come: implemented when every applicable action is done; partial
-- when at least one is done or partial; ongoing when none is and at least one is ongoing;
-- not_started otherwise; no_actions without an applicable action. evaluation is the
-- recommendation's own, else its actions'; the evaluation filter picks by it. Region and
-- section filters count only the actions there and leave out recommendations with none there.
-- Sheet order: recommendations of one round in their rows, rounds by their first evaluation.
CREATE OR REPLACE MACRO recommendations_rated(snap, f_regions, f_sections,
                                              f_evaluations) AS TABLE
    WITH recs AS (
        SELECT * FROM recommendations_at(snap)
    ), linked AS (
        SELECT * FROM linked_actions(snap)
    ), named AS (
        SELECT r.eval_key, r.recommendation_id,
               coalesce(r.evaluation, min(l.evaluation)) AS rec_evaluation
        FROM recs AS r
        LEFT JOIN linked AS l ON l.rec_key = r.eval_key
                             AND l.recommendation_id = r.recommendation_id
        GROUP BY r.eval_key, r.recommendation_id, r.evaluation
    ), counted AS (
        SELECT
            r.eval_key, r.recommendation_id, r.snapshot_id, r.row_no, r.recommendation,
            r.response, r.response_text, r.responsible, r.last_report, n.rec_evaluation,
            count(a.status) AS in_scope,
            count(a.status) FILTER (WHERE a.status <> 'not_applicable') AS actions,
            count(a.status) FILTER (WHERE a.status = 'done') AS done,
            count(a.status) FILTER (WHERE a.status = 'partial') AS partial,
            count(a.status) FILTER (WHERE a.status = 'ongoing') AS ongoing
        FROM recs AS r
        JOIN named AS n USING (eval_key, recommendation_id)
        LEFT JOIN linked AS a
          ON a.rec_key = r.eval_key AND a.recommendation_id = r.recommendation_id
         AND picked(a.region, f_regions) AND picked(a.section, f_sections)
        WHERE picked(n.rec_evaluation, f_evaluations)
        GROUP BY ALL
        HAVING (len(f_regions) = 0 AND len(f_sections) = 0) OR count(a.status) > 0
    )
    SELECT
        *,
        CASE WHEN actions = 0 THEN 'no_actions'
             WHEN done = actions THEN 'implemented'
             WHEN done + partial > 0 THEN 'partial'
             WHEN ongoing > 0 THEN 'ongoing'
             ELSE 'not_started' END AS status,
        actions > 0 AND done = actions AS implemented,
        min(eval_key) OVER (PARTITION BY snapshot_id) AS round_order
    FROM counted;

-- the grants as of snap: those of the latest round with a grants sheet
CREATE OR REPLACE MACRO grants_at(snap) AS TABLE
    SELECT g.*
    FROM grants AS g
    WHERE g.snapshot_id = (SELECT arg_max(snapshot_id, (as_of, snapshot_id))
                           FROM covering(snap) WHERE scope = 'grants');

-- the grants as of snap within the filters
CREATE OR REPLACE MACRO grants_in(snap, f_regions, f_sections, f_partners) AS TABLE
    SELECT * FROM grants_at(snap)
    WHERE picked(region, f_regions) AND picked(section, f_sections)
      AND picked(partner, f_partners);

-- the disbursements as of snap: per year those of the latest round covering it (a grants
-- sheet covers every year; a disbursements sheet alone the years it holds)
CREATE OR REPLACE MACRO disbursements_at(snap) AS TABLE
    WITH cov AS (
        SELECT * FROM covering(snap) WHERE scope IN ('grants', 'disbursements')
    ), years AS (
        SELECT DISTINCT d.year FROM disbursements AS d JOIN cov USING (snapshot_id)
    ), source AS (
        SELECT y.year, arg_max(c.snapshot_id, (c.as_of, c.snapshot_id)) AS source_id
        FROM years AS y JOIN cov AS c ON c.scope = 'grants' OR c.year = y.year
        GROUP BY y.year
    )
    SELECT d.* FROM disbursements AS d
    JOIN source AS s ON d.snapshot_id = s.source_id AND d.year = s.year;

-- what each grant of the state received per year within the filters, with the grant's details
CREATE OR REPLACE MACRO spend_in(snap, f_regions, f_sections, f_partners, year_from,
                                 year_to) AS TABLE
    SELECT d.grant_id, d.year, d.amount_nok, g.partner, g.section, g.region, g.grant_type,
           g.row_no
    FROM disbursements_at(snap) AS d
    JOIN grants_in(snap, f_regions, f_sections, f_partners) AS g USING (grant_id)
    WHERE d.year >= coalesce(year_from, d.year) AND d.year <= coalesce(year_to, d.year);

-- the contacts as of snap: per actor those of the latest round that lists the actor
CREATE OR REPLACE MACRO contacts_at(snap) AS TABLE
    WITH source AS (
        SELECT c.actor, arg_max(c.snapshot_id, (c.as_of, c.snapshot_id)) AS source_id
        FROM covering(snap) AS c WHERE c.scope = 'contacts'
        GROUP BY c.actor
    )
    SELECT k.* FROM contacts AS k
    JOIN source AS s ON k.snapshot_id = s.source_id AND k.actor = s.actor;

-- the evaluations' facts as of snap (sheet Evalueringer): per evaluation the latest round's
CREATE OR REPLACE MACRO evaluation_facts_at(snap) AS TABLE
    WITH source AS (
        SELECT c.evaluation, arg_max(c.snapshot_id, (c.as_of, c.snapshot_id)) AS source_id
        FROM covering(snap) AS c WHERE c.scope = 'evaluations'
        GROUP BY c.evaluation
    )
    SELECT e.* FROM evaluations AS e
    JOIN source AS s ON e.snapshot_id = s.source_id AND e.evaluation = s.evaluation;
