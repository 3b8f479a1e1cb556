"""Figures: query results in, plotly charts, key figures, display tables and action lists
out, the same for a page, the briefing and the deck."""
