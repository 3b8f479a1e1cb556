-- latest_request: when the latest request for a status was made (NULL: none yet)
SELECT max(made_at) FROM requests
