"""Universal design (WCAG 2.1 AA) the pages share: the styles every page gets, each chart's
text alternative and table view, and Streamlit's own page made accessible in the user's
language (followup.ui.compat.aria).

What is met, what is not and why: docs/tilgjengelighetserklaering.md.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import streamlit as st

from followup.i18n import t
from followup.report.figures import alt
from followup.report.figures.chart_tables import ChartTable
from followup.report.figures.charts import GRID, INK, MUTED, PLOTLY_CONFIG
from followup.ui.compat import aria

# The selected choice of a segmented control: Streamlit writes it in the primary colour on a
# tenth of it (4.2:1 on the sidebar), this darker blue has 5.5:1 there.
SELECTED = "#005F94"
# Keyboard focus (2.4.7): Streamlit marks it with a 50 % tint of the primary colour (2.1:1 on
# white) or not at all (the navigation's links, the switches, the sliders, the selects'
# fields); every focused control gets a 3 px ring in SELECTED instead (6.9:1 on white, 6.3:1
# on the sidebar), around the box a field or a switch draws rather than its hidden input; the
# toolbars of a grid and a chart, shown on hover, are shown while one of their buttons has it.
FOCUS_RING = f"3px solid {SELECTED}"
# Streamlit writes captions in its text colour at 60 % opacity (#797F85 on white: 4.0:1);
# text needs 4.5:1, the charts' muted ink has 6.5:1.
CSS = f"""
<style>
[data-testid="stCaptionContainer"] {{ color: {MUTED}; opacity: 1; }}
button[data-variant="segmented_control"][aria-checked="true"] {{ color: {SELECTED} !important; }}
:focus-visible {{ outline: {FOCUS_RING} !important; outline-offset: 2px !important; }}
[data-baseweb="select"] > div:focus-within, [data-testid="stTextInputRootElement"]:focus-within,
[data-testid="stNumberInputContainer"]:focus-within,
[data-testid="stTextAreaRootElement"]:focus-within, label:has(input:focus-visible),
[data-testid="stSlider"] div:has(> div > input:focus-visible) {{
  outline: {FOCUS_RING} !important; outline-offset: 2px; }}
[data-baseweb] input:focus-visible, [data-testid="stTextInputRootElement"] input:focus-visible,
[data-testid="stNumberInputContainer"] input:focus-visible, textarea:focus-visible {{
  outline: none !important; }}
[data-testid="stElementToolbar"]:focus-within, .modebar:focus-within .modebar-group {{
  opacity: 1 !important; }}
.sr-only {{ position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
           overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }}
.chart-table summary {{ color: {MUTED}; font-size: .95rem; cursor: pointer; width: fit-content; }}
.chart-table .scroll {{ overflow-x: auto; max-width: 100%; }}
.chart-table table {{ border-collapse: collapse; font-size: .95rem; color: {INK};
                      margin: .4rem 0 .8rem; }}
.chart-table caption {{ caption-side: top; text-align: left; color: {MUTED};
                        padding-bottom: .3rem; }}
.chart-table th, .chart-table td {{ border-bottom: 1px solid {GRID}; text-align: left;
                                   padding: .25rem .75rem .25rem 0; vertical-align: top; }}
.chart-table td {{ text-align: right; white-space: nowrap; }}
.chart-table td.text {{ text-align: left; white-space: normal; }}
</style>
"""


def install(lg: str) -> None:
    """Draw the shared styles and the script that makes Streamlit's page accessible in lg
    (once per page: the sidebar's foot draws it)."""
    st.html(CSS)
    script = aria.script(lg)
    if script:
        st.html(script, unsafe_allow_javascript=True)


def _cell(value: str, tag: str) -> str:
    # a number is written right-aligned; text (a comment, a status) reads from the left
    kind = "" if tag == "th" or any(ch.isdigit() for ch in value[:1]) or value[:1] in "+-−" \
        else ' class="text"'
    scope = ' scope="row"' if tag == "th" else ""
    return f"<{tag}{scope}{kind}>{html.escape(value)}</{tag}>"


def table_html(table: ChartTable, caption: str | None, name: str, lg: str) -> str:
    """Return a chart's data as an HTML table behind a summary ("Show the figures as a
    table"), its caption the chart's sentence, which names its scrolling region (name: the
    chart's key, escaped, so the region's name is unique on the page)."""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in table.head)
    body = "".join("<tr>" + _cell(row[0], "th") + "".join(_cell(v, "td") for v in row[1:])
                   + "</tr>" for row in table.rows)
    summary = html.escape(t("chart.as_table", lg))
    named = f'aria-labelledby="chart-table-{name}"' if caption else f'aria-label="{summary}"'
    caption = (f'<caption id="chart-table-{name}">{html.escape(caption)}</caption>'
               if caption else "")
    return (f'<details class="chart-table"><summary>{summary}</summary>'
            f'<div class="scroll" role="region" tabindex="0" {named}>'
            f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            "</div></details>")


def chart_words(fig: go.Figure, key: str, lg: str) -> str:
    """Return what is drawn after a chart: its sentence, for screen readers (compat.aria makes
    the chart a figure labelled by it), and its data as a table behind a summary."""
    text, table = alt.text_of(fig), alt.table_of(fig)
    name = html.escape(key, quote=True)
    sentence = (f'<p class="sr-only" id="chart-alt-{name}" data-chart="{name}">'
                f"{html.escape(text)}</p>" if text else "")
    return sentence + (table_html(table, text, name, lg) if table else "")


def chart(fig: go.Figure, key: str, lg: str, select: bool = False, config: dict | None = None):
    """Draw a figure (the house modebar unless config says otherwise), then its sentence and
    table view; return a click selection when select is True."""
    options = {"on_select": "rerun", "selection_mode": "points"} if select else {}
    event = st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG if config is None else config,
                            **options)
    words = chart_words(fig, key, lg)
    if words:
        st.html(words)
    return event if select else None
