-- latest_event: the time of the latest load of a round or request for a status, whichever is
-- later (NULL in an empty database)
SELECT greatest((SELECT max(loaded_at) FROM snapshots), (SELECT max(made_at) FROM requests))
