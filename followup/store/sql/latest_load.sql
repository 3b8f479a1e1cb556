-- latest_load: when the latest round was loaded (NULL: none yet)
SELECT max(loaded_at) FROM snapshots
