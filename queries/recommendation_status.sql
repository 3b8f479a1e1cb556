-- recommendation_status: each recommendation of the state as of a round with its management
-- response and how far its applicable actions have come (the rules: recommendations_rated in
-- followup/store/sql/state.sql), in sheet order
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
SELECT
    recommendation_id,
    recommendation,
    response,
    actions,
    done,
    status,
    round(100.0 * done / nullif(actions, 0), 1) AS completion_pct
FROM recommendations_rated($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                           $evaluations::VARCHAR[])
ORDER BY round_order, snapshot_id, row_no
