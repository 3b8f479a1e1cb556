"""Chart builders of the follow-up in depth: an action's timeline, recommendations by response.

Pure like followup.report.figures.charts (a query's DataFrame in, a plotly Figure out), in the same
house style and the same status colours; a recommendation's status takes the colour of the
action status it stands for.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from followup.i18n import date, status_label, t
from followup.report.figures import alt, chart_tables
from followup.report.figures.charts import (
    GRID,
    INK,
    STATUS_COLORS,
    below,
    end_room,
    plotly_text,
    style,
)
from followup.report.figures.lean import Lean, built

RESPONSES = ("accepted", "partial", "rejected", "no_response")
REC_STATUSES = ("implemented", "partial", "ongoing", "not_started", "no_actions")
REC_STATUS_COLORS = {
    "implemented": STATUS_COLORS["done"], "partial": STATUS_COLORS["partial"],
    "ongoing": STATUS_COLORS["ongoing"], "not_started": STATUS_COLORS["not_started"],
    "no_actions": STATUS_COLORS["no_report"],
}


@built
def action_timeline(history: pd.DataFrame, lang: str, scale: float = 1.0) -> go.Figure:
    """A row of dots, one per round in as-of order, on its status colour and named above;
    the comment of each round is in its hover text."""
    labels = [date(d, lang) for d in history["as_of"]]
    ids = [str(i) for i in history["snapshot_id"]]
    names = [status_label(s, lang) for s in history["status"]]
    comments = [plotly_text(c) if isinstance(c, str) and c.strip()
                else t("detail.no_comment", lang) for c in history["comment"]]
    fig = Lean().add_scatter(
        x=ids, y=[0] * len(ids), mode="lines+markers+text",
        line={"color": GRID, "width": 4},
        marker={"size": round(26 * scale), "color": [STATUS_COLORS[s] for s in history["status"]],
                "line": {"color": INK, "width": 1}},
        text=names, textposition="top center",
        textfont={"size": round(15 * scale), "color": INK},
        customdata=[[label, comment] for label, comment in zip(labels, comments)],
        hovertemplate="%{customdata[0]}: %{text}<br>%{customdata[1]}<extra></extra>")
    fig.update_xaxes(type="category", tickmode="array", tickvals=ids, ticktext=labels,
                     title_text=t("chart.as_of", lang), showgrid=False)
    fig.update_yaxes(visible=False, range=[-1, 1.6], fixedrange=True)
    fig.update_layout(showlegend=False)
    fig = style(fig, lang, height=200, scale=scale)
    fig.update_layout(margin={"t": 10, "b": 10})
    return alt.describe(fig, alt.timeline(history, lang), chart_tables.timeline(history, lang))


def rec_status_label(code: str, lang: str) -> str:
    """Return the display name of a recommendation's status."""
    return t(f"rec_status.{code}", lang)


def response_label(code: str, lang: str) -> str:
    """Return the display name of a management response."""
    return t(f"response.{code}", lang)


@built
def recommendations_by_response(recs: pd.DataFrame, lang: str, scale: float = 1.0) -> go.Figure:
    """Horizontal stacked bars: recommendations per management response, split by status,
    each bar labelled with how many of them are implemented."""
    responses = [r for r in RESPONSES if r in set(recs["response"])]
    counts = recs.groupby(["response", "status"]).size()
    labels = [response_label(r, lang) for r in responses]
    fig = Lean()
    for status in REC_STATUSES:
        values = [int(counts.get((r, status), 0)) for r in responses]
        if any(values):
            name = rec_status_label(status, lang)
            fig.add_bar(y=labels, x=values, orientation="h", name=name,
                        marker_color=REC_STATUS_COLORS[status], customdata=responses,
                        hovertemplate="%{y}<br>" + name + ": %{x}<extra></extra>")
    totals = [int(counts.loc[r].sum()) for r in responses]
    ends = [below(t("rec.implemented_of", lang, done=int(counts.get((r, "implemented"), 0)),
                    total=total)) for r, total in zip(responses, totals)]
    for label, end, total in zip(labels, ends, totals):
        fig.add_annotation(x=total, y=label, xanchor="left", align="left", showarrow=False,
                           xshift=8,
                           text=end, font={"size": round(15 * scale), "color": INK})
    most = max(totals, default=1)
    fig.update_layout(barmode="stack", bargap=0.35, showlegend=True)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("chart.recommendations", lang), dtick=1 if most <= 12 else None,
                     range=[0, most * 1.04])
    fig = style(fig, lang, height=max(160 + 56 * len(responses), 280), scale=scale)
    fig.update_layout(margin=end_room(ends, 15 * scale))
    return alt.describe(fig, alt.recommendations(recs, lang),
                        chart_tables.recommendations(recs, responses, REC_STATUSES, lang))
