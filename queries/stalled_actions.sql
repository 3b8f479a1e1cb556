-- stalled_actions: the actions of a round that are neither done nor not applicable and have had
-- the same status in at least $rounds consecutive rounds up to and including the round
-- params: $snapshot BIGINT, $rounds INTEGER, $regions VARCHAR[], $sections VARCHAR[],
--         $evaluations VARCHAR[]
-- rounds are ordered by as-of date; an action is followed by its key (its ID, else its actor
-- and text); a round without the action ends the run; rounds_unchanged is the whole run and
-- since the as-of date of its first round; the filters pick the actions of the chosen round
WITH chosen AS (
    SELECT snapshot_id, as_of FROM snapshots WHERE snapshot_id = $snapshot
), rounds AS (
    SELECT s.snapshot_id, s.as_of,
           row_number() OVER (ORDER BY s.as_of, s.snapshot_id) AS round_no
    FROM snapshots AS s, chosen AS c
    WHERE (s.as_of, s.snapshot_id) <= (c.as_of, c.snapshot_id)
), history AS (
    SELECT a.action_key, a.status, r.snapshot_id, r.as_of, r.round_no
    FROM actions AS a
    JOIN rounds AS r USING (snapshot_id)
), islands AS (
    SELECT *,
           round_no - row_number() OVER (PARTITION BY action_key, status ORDER BY round_no)
               AS island
    FROM history
), runs AS (
    SELECT action_key, status, island, count(*) AS rounds_unchanged, min(as_of) AS since,
           max(snapshot_id = $snapshot) AS reaches_chosen
    FROM islands
    GROUP BY action_key, status, island
), current_ AS (
    SELECT *
    FROM actions
    WHERE snapshot_id = $snapshot
      AND status NOT IN ('done', 'not_applicable')
      AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
      AND (len($sections::VARCHAR[]) = 0 OR list_contains($sections::VARCHAR[], section))
      AND (len($evaluations::VARCHAR[]) = 0
           OR list_contains($evaluations::VARCHAR[], evaluation))
)
SELECT a.action_id, a.action, a.actor, a.status, r.rounds_unchanged, r.since
FROM current_ AS a
JOIN runs AS r ON r.action_key = a.action_key AND r.status = a.status AND r.reaches_chosen
WHERE r.rounds_unchanged >= $rounds
ORDER BY r.rounds_unchanged DESC, a.row_no
