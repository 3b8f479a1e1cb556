"""Stage 1, the workbook: an uploaded file's bytes in, typed DuckDB tables and Problems out.

`container` checks the zip and XML before any parser sees it (sizes, bombs, part names),
`reader` parses the sheets with calamine into text tables, `formats` holds the documented
format as data (sheet names, header aliases, status words), `scale` reads the unit an amount
column states (thousands, millions), `blocks` finds where a second table under the data
starts, `validate` types the cells in SQL (`sql/`) and `problems` words every problem,
located, in the user's language. Nothing here raises on bad data: problems are collected. It
may import only `followup.i18n` and `followup.settings` besides itself: never `store`,
`report`, `ui` or streamlit.
"""
