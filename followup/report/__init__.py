"""Stage 3, the report: query results in, figures and documents out.

`figures/` builds what a page and a document show: plotly charts (`charts`,
`followup_charts`, drawn as plain dicts by `lean`, their axes by `axes`, their text
alternatives by `alt`), the key figures (`kpis`), the display tables (`tables`) and the
wrapped action list (`action_list`). `documents/` builds the files: the one-file HTML
briefing (`brief`), the PowerPoint deck (`slides`, drawn by `slide_kit`, its tables by
`slide_tables`), the tidy workbook (`export`), the empty template (`template`), the round the
pack compares with (`comparison`) and `pack`, the one path the command line and the app take
to any of the three. These are pure functions of DataFrames and read-only connections:
nothing here writes to the database. It may import `store` (to read), `workbook.formats`,
`filters`, `i18n` and `settings`: never `reminders`, `cli`, `ui` or streamlit.
"""
