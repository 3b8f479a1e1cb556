"""Stage 3, the report: query results in, figures, tables and files out.

`charts` builds plotly figures, `kpis` the key figures, `tables` the display tables, `brief`
the one-file HTML briefing, `slides` the PowerPoint deck (drawn by `slide_kit`, its tables by
`slide_tables`), `export` the tidy workbook, `comparison` the round those three compare
with, `chase` who is reminded of what and
`reminders` the e-mails to them (built, never sent here), and `output` the command line's
tables, JSON and CSV. These are pure functions of DataFrames and read-only connections: nothing here
writes to the database. It may import `store` (to read), `workbook.formats`, `filters`,
`i18n` and `settings`: never `ui` or streamlit.
"""
