-- disbursement_list: what each grant of the state as of a round received per year, with the
-- grant's details
-- params: $snapshot BIGINT, $regions VARCHAR[], $sections VARCHAR[], $partners VARCHAR[],
--         $year_from INTEGER, $year_to INTEGER (NULL: open)
-- one row per grant and year: rows for the same grant and year are summed on load
SELECT grant_id, partner, section, region, grant_type, year, amount_nok
FROM spend_in($snapshot, $regions::VARCHAR[], $sections::VARCHAR[], $partners::VARCHAR[],
              $year_from::INTEGER, $year_to::INTEGER)
ORDER BY row_no, year
