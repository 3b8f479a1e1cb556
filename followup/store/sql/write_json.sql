-- write_json: the rows registered as result_rows, as one JSON list of objects in $path
COPY result_rows TO $path (FORMAT json, ARRAY true);
