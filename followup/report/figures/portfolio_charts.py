"""Chart builders of the portfolio of evaluations: how far each has come, and how old the
accepted recommendations still open are. Pure, in the house style of `charts`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from followup.i18n import percent, t, tn
from followup.report.figures import alt, chart_tables
from followup.report.figures.axes import count_axis
from followup.report.figures.charts import (
    GROUP_COLORS,
    INK,
    STATUS_COLORS,
    _two_lines,
    plotly_text,
    style,
)
from followup.report.figures.lean import Lean, built

# (column, legend key, colour): the share of actions done, of accepted recommendations done
PROGRESS = (("completion_pct", "chart.portfolio_actions", STATUS_COLORS["done"]),
            ("implementation_pct", "chart.portfolio_recommendations", "#0072B2"))
AGES = (0, 1, 2, 3)  # whole years since the response; 3 is "3 or more"


def evaluation_label(name, lang: str) -> str:
    """Return an evaluation's name as a chart shows it (escaped), or the default's words."""
    return plotly_text(name) if isinstance(name, str) else t("evaluation.default_title", lang)


@built
def evaluations_progress(df: pd.DataFrame, lang: str, scale: float = 1.0) -> go.Figure:
    """Horizontal bars per evaluation: the share of its actions done and the share of its
    accepted recommendations implemented, each labelled with its percentage."""
    names = [evaluation_label(e, lang) for e in df["evaluation"]]
    fig = Lean()
    for column, key, color in PROGRESS:
        values = df[column]
        texts = [percent(v, lang, 0) if pd.notna(v) else "–" for v in values]
        fig.add_bar(y=names, x=values.fillna(0), orientation="h", name=t(key, lang),
                    marker_color=color, text=texts, textposition="outside", cliponaxis=False,
                    textfont={"size": round(15 * scale), "color": INK}, customdata=texts,
                    hovertemplate="%{y}<br>" + t(key, lang) + ": %{customdata}<extra></extra>")
    fig.update_layout(barmode="group", bargap=0.3, bargroupgap=0.05)
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=names,
                     ticktext=[_two_lines(n, 30) for n in names])
    fig.update_xaxes(range=[0, 122], tickvals=[0, 25, 50, 75, 100],
                     ticktext=[percent(v, lang, 0) for v in (0, 25, 50, 75, 100)],
                     title_text=t("chart.portfolio_share", lang))
    fig = style(fig, lang, height=max(150 + 64 * len(names), 280), scale=scale)
    return alt.describe(fig, alt.portfolio(df, lang), chart_tables.progress(df, PROGRESS, lang))


def age_label(age: int, lang: str) -> str:
    """Return the words of an age group of open recommendations."""
    if age >= AGES[-1]:
        return t("chart.age_more", lang, years=AGES[-1])
    return tn("chart.age_years", age, lang) if age else t("chart.age_under_one", lang)


@built
def open_by_age(df: pd.DataFrame, lang: str, scale: float = 1.0) -> go.Figure:
    """Columns of the accepted recommendations still open by whole years since the management
    response (3 or more together), stacked by evaluation."""
    known = df[df["age_years"].notna()]
    ages = known["age_years"].astype(int).clip(upper=AGES[-1])
    groups = [age_label(a, lang) for a in AGES]
    fig = Lean()
    evaluations = list(dict.fromkeys(known["evaluation"]))
    for i, evaluation in enumerate(evaluations):
        mine = ages[known["evaluation"].eq(evaluation) if isinstance(evaluation, str)
                    else known["evaluation"].isna()]
        counts = [int((mine == a).sum()) for a in AGES]
        name = evaluation_label(evaluation, lang)
        fig.add_bar(x=groups, y=counts, name=name,
                    marker_color=GROUP_COLORS[i % len(GROUP_COLORS)],
                    hovertemplate=name + "<br>%{x}: %{y}<extra></extra>")
    totals = [int((ages == a).sum()) for a in AGES]
    for group, total in zip(groups, totals):
        if total:
            fig.add_annotation(x=group, y=total, yanchor="bottom", showarrow=False,
                               text=str(total), font={"size": round(15 * scale), "color": INK})
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_xaxes(type="category", title_text=t("chart.age_title", lang))
    fig.update_yaxes(title_text=t("chart.open_recommendations", lang),
                     **count_axis(max(totals or [1]), 4), range=[0, max(totals or [1]) * 1.25])
    fig = style(fig, lang, height=340, scale=scale)
    return alt.describe(fig, alt.open_age(df, lang),
                        chart_tables.ages(df, list(AGES), groups, lang))
