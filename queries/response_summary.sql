-- response_summary: the recommendations of the state as of a round per management response,
-- and how many of them are implemented; one row per response present (accepted, partial,
-- rejected, no_response)
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $evaluations VARCHAR[]
-- the rules and filters are those of recommendation_status (recommendations_rated)
SELECT
    response,
    count(*) AS recommendations,
    count(*) FILTER (WHERE implemented) AS implemented
FROM recommendations_rated($snapshot, $regions::VARCHAR[], $sections::VARCHAR[],
                           $evaluations::VARCHAR[])
GROUP BY response
ORDER BY list_position(['accepted', 'partial', 'rejected', 'no_response'], response)
