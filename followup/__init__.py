"""Oppfølging: evaluation follow-up workbooks in, reporting rounds in DuckDB, figures out.

The package reads as its pipeline: `workbook` (a file in, typed tables and problems out) <-
`store` (DuckDB: rounds, ingest, locks) <- `report` (query results in, figures and documents
out) <- `reminders` (who is chased for what, the message, delivery, the log) <- `cli` (the
command line; `__main__` only starts it) and `ui` (Streamlit). Beside them: `settings`,
`filters`, `access` (roles) and `i18n` (every user-facing word), which any stage may use.
"""
