"""Documents: the meeting pack (briefing, deck, data export) and the empty template, built from
query results and figures."""
