"""Pure chart builders: a query's DataFrame in, a plotly Figure out (no Streamlit here).

One colour per status everywhere (Okabe-Ito, colour-blind safe; not reported is grey),
fonts sized for a projector, numbers written the Norwegian way when lang is `nb`.
"""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go

from followup.i18n import date, is_norwegian, mnok, number, percent, status_label, t
from followup.report.figures import alt, chart_tables, planned
from followup.report.figures.axes import amount_axis, count_axis
from followup.report.figures.lean import Lean, built
from followup.workbook.formats import STATUSES

STATUS_COLORS = {
    "done": "#009E73", "partial": "#56B4E9", "ongoing": "#0072B2",
    "not_started": "#D55E00", "no_report": "#8C8C8C", "not_applicable": "#D4D4D4",
}
TYPE_COLORS = {"multi-year": "#0072B2", "one-year": "#E69F00"}
GROUP_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                "#F0E442", "#000000", "#8C8C8C"]
INK, MUTED, GRID = "#1F2933", "#52606D", "#E5E7EB"
# Every bar is outlined in the muted ink (6.5:1 on white), so each mark stands out 3:1 from the
# white and from the bar beside it whatever its colour (sky blue and orange alone are 2.3:1)
EDGE = {"color": MUTED, "width": 1}
FONT_FAMILY = "Source Sans Pro, Segoe UI, Helvetica Neue, Arial, sans-serif"
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d",
                               "zoomOut2d", "autoScale2d", "resetScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
TOP_GROUPS = 7


_TAG = re.compile(r"<[^>]*>")
_PSEUDO_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def plotly_text(value) -> str:
    """Return text from a workbook as plotly shows it literally: its pseudo-HTML (`<a href>`,
    `<b>`, `<br>`) escaped, so a name can never become a link or markup in a chart."""
    return str(value).translate(_PSEUDO_HTML)


def _escaped(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """Return df with a column of workbook text escaped for plotly (missing values kept)."""
    return df.assign(**{column: df[column].map(plotly_text, na_action="ignore")})


def _visible(text: str) -> int:
    """Return how many characters plotly draws for a label (tags dropped, entities one each)."""
    return len(html.unescape(_TAG.sub("", text)))


def end_room(labels, size: float) -> dict:
    """Return a right margin wide enough for labels written past the ends of horizontal bars
    (in pixels, from their visible characters at `size` px, a generous 0.56 em each), so a
    label never leaves its chart however narrow the chart is drawn: a share of the axis, as
    before, is a few pixels on a phone."""
    widest = max((_visible(line) for label in labels for line in str(label).split("<br>")),
                  default=0)
    return {"r": round(widest * size * 0.56) + 20}


def below(label: str) -> str:
    """Return a label with its last word on a line of its own (`17 %` over `gjennomført`),
    narrow enough to stand past a bar's end on a phone."""
    return "<br>".join(label.rsplit(" ", 1))


def _two_lines(label: str, width: int) -> str:
    """Return a label wrapped on at most two lines of about `width` visible characters,
    shortened (…) only when two lines do not hold it."""
    lines: list[str] = []
    for word in str(label).split():
        if lines and _visible(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > 2:
        rest, kept = " ".join(lines[1:]).split(), ""
        for word in rest:
            if _visible(f"{kept} {word}".strip()) > width - 2:
                break
            kept = f"{kept} {word}".strip()
        lines = [lines[0], f"{kept} …"]
    return "<br>".join(lines) or str(label)


def style(fig: Lean, lang: str, height: int = 420, scale: float = 1.0) -> Lean:
    """Apply the house style: white, large type, legend on top, Norwegian separators, every
    bar outlined (unless it has an outline of its own)."""
    for trace in fig.data:
        if trace["type"] == "bar":
            trace.setdefault("marker", {}).setdefault("line", dict(EDGE))
    fig.update_layout(
        template="plotly_white", height=int(height * scale),
        font={"family": FONT_FAMILY, "size": round(16 * scale), "color": INK},
        separators=",\u00a0" if is_norwegian(lang) else ".,",
        margin={"l": 10, "r": 24, "t": 48, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0,
                "title": {"text": ""}, "font": {"size": round(15 * scale)},
                "traceorder": "normal"},
        hoverlabel={"font": {"size": round(15 * scale), "family": FONT_FAMILY}},
        plot_bgcolor="white", paper_bgcolor="white",
    )
    axis = {"gridcolor": GRID, "zerolinecolor": GRID, "automargin": True,
            "tickfont": {"size": round(15 * scale), "color": INK},
            "title": {"font": {"size": round(15 * scale), "color": MUTED}}}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    return fig


@built
def completion_by_actor(df: pd.DataFrame, lang: str, compact: bool = False,
                        scale: float = 1.0) -> go.Figure:
    """Horizontal stacked bars of status counts per actor, best completion on top."""
    written, df = df, _escaped(df, "actor")
    actors = list(dict.fromkeys(df["actor"]))
    labels = [_two_lines(a, 24) for a in actors]
    fig = Lean()
    for status in STATUSES:
        part = df[df["status"] == status].set_index("actor").reindex(actors)
        if part["actions"].notna().any():
            fig.add_bar(
                y=actors, x=part["actions"].fillna(0), orientation="h",
                name=status_label(status, lang), marker_color=STATUS_COLORS[status],
                customdata=actors,
                hovertemplate="%{customdata}<br>" + status_label(status, lang)
                + ": %{x}<extra></extra>")
    shares = df.drop_duplicates("actor").set_index("actor").reindex(actors)
    totals = df.groupby("actor")["actions"].sum().reindex(actors)
    ends = []
    for actor in actors:
        share = percent(shares.loc[actor, "completion_pct"], lang, 0)
        ends.append(share if compact else below(t("chart.done_label", lang, pct=share)))
        fig.add_annotation(x=totals[actor], y=actor, xanchor="left", align="left", xshift=8,
                           showarrow=False, text=ends[-1],
                           font={"size": round(15 * scale), "color": INK})
    fig.update_layout(barmode="stack", bargap=0.3, showlegend=True)
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=actors, ticktext=labels)
    fig.update_xaxes(title_text=t("chart.actions", lang), **count_axis(totals.max(), 4),
                     range=[0, totals.max() * 1.04])
    per_bar = 50 if compact else 58
    fig = style(fig, lang, height=max(140 + per_bar * len(actors), 280), scale=scale)
    fig.update_layout(margin=end_room(ends, 15 * scale))
    if compact:
        fig.update_layout(showlegend=False, margin={"t": 10})
    return alt.describe(fig, alt.completion(written, lang),
                        chart_tables.completion(written, lang))


def status_legend_html(statuses: list[str], lang: str) -> str:
    """Return a one-line HTML legend of status colours (for the small charts), each swatch
    outlined as the bars are."""
    items = "".join(
        f'<span style="white-space:nowrap;margin-right:1.1em">'
        f'<span style="display:inline-block;width:.9em;height:.9em;border-radius:2px;'
        f'background:{STATUS_COLORS[s]};border:1px solid {MUTED};margin-right:.35em;'
        f'vertical-align:-.1em"></span>'
        f"{status_label(s, lang)}</span>" for s in STATUSES if s in statuses)
    return f'<div style="font-size:.95rem;line-height:1.8;color:{INK}">{items}</div>'



def _round_labels(rounds: pd.DataFrame, lang: str) -> list[str]:
    """Return each round's date, with its number where two rounds share a date."""
    dates = [date(d, lang) for d in rounds["as_of"]]
    return [f"{d} ({t('chart.round', lang).lower()} {i})" if dates.count(d) > 1 else d
            for d, i in zip(dates, rounds["snapshot_id"])]


@built
def status_trend(df: pd.DataFrame, lang: str, scale: float = 1.0) -> go.Figure:
    """Stacked bars of actions per status in each reporting round, oldest first."""
    rounds = df.drop_duplicates("snapshot_id")[["snapshot_id", "as_of"]]
    ids, labels = [str(i) for i in rounds["snapshot_id"]], _round_labels(rounds, lang)
    fig = Lean()
    for status in STATUSES:
        part = df[df["status"] == status].set_index("snapshot_id").reindex(rounds["snapshot_id"])
        if part["actions"].notna().any():
            fig.add_bar(x=ids, y=part["actions"].fillna(0), name=status_label(status, lang),
                        marker_color=STATUS_COLORS[status], customdata=labels,
                        hovertemplate="%{customdata}<br>" + status_label(status, lang)
                        + ": %{y}<extra></extra>")
    fig.update_layout(barmode="stack", bargap=0.45, showlegend=True)
    fig.update_xaxes(title_text=t("chart.round", lang), type="category", tickmode="array",
                     tickvals=ids, ticktext=labels)
    most = df.groupby("snapshot_id")["actions"].sum().max() if len(df) else 1
    fig.update_yaxes(title_text=t("chart.actions", lang), **count_axis(most))
    fig = style(fig, lang, height=380, scale=scale)
    if not len(df):
        return fig
    return alt.describe(fig, alt.trend(df, lang), chart_tables.trend(df, labels, lang))


def _year_axis(fig: go.Figure, years, lang: str, plans: frozenset = frozenset()) -> None:
    """Put the years on the x axis in calendar order (bars come in by group, not by year),
    the planned ones labelled as plans."""
    order = [planned.label(y, plans, lang) for y in sorted({int(y) for y in years})]
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order,
                     tickmode="array", tickvals=order, ticktext=[planned.tick(o) for o in order],
                     tickangle=0, title_text=t("chart.year", lang))


def _mnok_bars(fig: go.Figure, x, values, name: str, color: str, lang: str) -> None:
    fig.add_bar(x=x, y=values / 1_000_000, name=name, marker_color=color,
                customdata=[mnok(v, lang) for v in values],
                hovertemplate="%{x}<br>" + name + ": %{customdata}<extra></extra>")


@built
def grants_by_type_count(df: pd.DataFrame, lang: str, scale: float = 1.0) -> go.Figure:
    """Grouped bars: agreements with a disbursement per year, multi-year and one-year."""
    fig, plans = Lean(), frozenset(planned.years(df))
    for kind, color in TYPE_COLORS.items():
        part = df[df["grant_type"] == kind]
        x = planned.labels(part, lang)
        fig.add_bar(x=x, y=part["grants"],
                    name=t(f"grant_type.{kind}", lang), marker_color=color,
                    text=[number(v, 0, lang) for v in part["grants"]], textposition="outside",
                    cliponaxis=False,
                    textfont={"size": round(15 * scale), "color": INK},
                    hovertemplate="%{x}: %{y}<extra>" + t(f"grant_type.{kind}", lang)
                    + "</extra>")
        planned.mark(fig.data[-1], x, plans, lang)
    fig.update_layout(barmode="group", bargap=0.3)
    _year_axis(fig, df["year"], lang, plans)
    most = float(df["grants"].max()) if len(df) else 1.0
    fig.update_yaxes(title_text=t("chart.grants", lang), **count_axis(most),
                     range=[0, most * 1.18])
    fig = style(fig, lang, height=380, scale=scale)
    if not len(df):
        return fig
    return alt.describe(fig, alt.by_type(df, lang, "grants"),
                        chart_tables.by_type(df, lang, "grants"))


@built
def grants_by_type_amount(df: pd.DataFrame, lang: str, scale: float = 1.0,
                          compact: bool = False) -> go.Figure:
    """Stacked bars: NOK disbursed per year to multi-year and to one-year agreements."""
    fig, plans = Lean(), frozenset(planned.years(df))
    for kind, color in TYPE_COLORS.items():
        part = df[df["grant_type"] == kind]
        x = planned.labels(part, lang)
        _mnok_bars(fig, x, part["amount_nok"].astype(float), t(f"grant_type.{kind}", lang),
                   color, lang)
        planned.mark(fig.data[-1], x, plans, lang)
    fig.update_layout(barmode="stack", bargap=0.35)
    _year_axis(fig, df["year"], lang, plans)
    top = df.groupby("year")["amount_nok"].sum().astype(float).max() / 1e6 if len(df) else 1
    fig.update_yaxes(title_text=t("chart.mnok", lang), **amount_axis(0, top))
    fig = style(fig, lang, height=320 if compact else 380, scale=scale)
    if not len(df):
        return fig
    return alt.describe(fig, alt.by_type(df, lang, "amount"),
                        chart_tables.by_type(df, lang, "amount_nok"))


@built
def multi_year_share(df: pd.DataFrame, lang: str, scale: float = 1.0) -> go.Figure:
    """A line of the multi-year share of spend per year, labelled, on a 0-100 scale."""
    plans = frozenset(planned.years(df))
    x = planned.labels(df, lang)
    fig = Lean().add_scatter(  # a planned year's point hollow: a plan, not a share paid
        x=x, y=df["multi_year_pct"], mode="lines+markers+text",
        line={"color": TYPE_COLORS["multi-year"], "width": 4},
        marker={"size": 12, "color": [("white" if int(y) in plans else
                                       TYPE_COLORS["multi-year"]) for y in df["year"]],
                "line": {"width": 3, "color": TYPE_COLORS["multi-year"]}},
        text=[percent(v, lang, 0) for v in df["multi_year_pct"]], textposition="top center",
        name=t("grant_type.multi-year", lang), cliponaxis=False,
        hovertemplate="%{x}: %{text}<extra></extra>")
    _year_axis(fig, df["year"], lang, plans)
    fig.update_yaxes(range=[0, 120], tickvals=[0, 20, 40, 60, 80, 100],
                     title_text=t("chart.share", lang),
                     ticksuffix="\u00a0%" if is_norwegian(lang) else "%")
    fig.update_layout(showlegend=False)
    fig = style(fig, lang, height=340, scale=scale)
    if not len(df):
        return fig
    return alt.describe(fig, alt.share(df, lang), chart_tables.share(df, lang))


def _top_groups(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Keep the largest groups by total and fold the rest into `Other`."""
    df = df.assign(grp=df["grp"].map(plotly_text, na_action="ignore")
                   .fillna(t("chart.unknown", lang)), amount_nok=df["amount_nok"].astype(float))
    totals = df.groupby("grp")["amount_nok"].sum().sort_values(ascending=False)
    keep = list(totals.index[:TOP_GROUPS]) if len(totals) > TOP_GROUPS + 1 else list(totals.index)
    other = t("chart.other", lang)
    df = df.assign(grp=df["grp"].where(df["grp"].isin(keep), other))
    df = df.groupby(["year", "grp"], as_index=False)["amount_nok"].sum()
    order = keep + ([other] if other in set(df["grp"]) else [])
    return df.assign(grp=pd.Categorical(df["grp"], categories=order, ordered=True))


@built
def spend_over_time(df: pd.DataFrame, lang: str, level_nok: float | None = None,
                    scale: float = 1.0, compact: bool = False) -> go.Figure:
    """Stacked bars of spend per year by group, with a line at the annual portfolio level;
    planned years (after the round's year) striped and labelled."""
    plans = frozenset(planned.years(df))
    df = _top_groups(df, lang)
    fig = Lean()
    for i, group in enumerate(df["grp"].cat.categories):
        part = df[df["grp"] == group]
        x = [planned.label(y, plans, lang) for y in part["year"]]
        _mnok_bars(fig, x, part["amount_nok"], str(group), GROUP_COLORS[i % len(GROUP_COLORS)],
                   lang)
        planned.mark(fig.data[-1], x, plans, lang)
        fig.data[-1]["showlegend"] = not compact
    totals = df.groupby("year")["amount_nok"].sum().sort_index()
    for i, total in enumerate(totals):  # x by position: a year-like name reads as an index
        fig.add_annotation(x=i, y=_above_level(max(total, 0), level_nok) / 1e6,
                           text=number(total / 1e6, 1, lang),
                           showarrow=False, yanchor="bottom", yshift=2, bgcolor="white",
                           borderpad=1,  # readable where the portfolio line crosses it
                           font={"size": round((13 if compact else 15) * scale), "color": INK})
    top = max(totals.max() if len(totals) else 0, level_nok or 0) / 1e6
    if level_nok:
        # the line spans the plot; its label is a legend entry, above the plot, never on a bar
        fig.add_hline(y=level_nok / 1e6, line_dash="dash", line_color=INK, line_width=2)
        fig.add_scatter(x=[str(totals.index.min())], y=[None], mode="lines", hoverinfo="skip",
                        line={"dash": "dash", "color": INK, "width": 2},
                        name=t("chart.level", lang, level=mnok(level_nok, lang, 0)))
    fig.update_layout(barmode="stack", bargap=0.35, showlegend=not compact or bool(level_nok))
    _year_axis(fig, df["year"], lang, plans)
    fig.update_yaxes(title_text=t("chart.mnok", lang), range=[0, top * 1.2 or 1],
                     **amount_axis(0, top * 1.2))
    fig = style(fig, lang, height=300 if compact else 460, scale=scale)
    if not len(totals):
        return fig
    written = df.assign(grp=df["grp"].cat.rename_categories(html.unescape))
    return alt.describe(fig, alt.spend(totals, lang, level_nok),
                        chart_tables.spend(written, lang, plans))


def _above_level(total: float, level_nok: float | None) -> float:
    """Return where a year's total is written: on its bar, or just above the portfolio line
    when the bar ends close under it (the line would strike the figure through)."""
    return level_nok if level_nok and 0.8 * level_nok <= total < level_nok else total


@built
def spend_totals(df: pd.DataFrame, lang: str, level_nok: float | None = None,
                 scale: float = 1.0) -> go.Figure:
    """Bars of the total spend per year, with a line at the annual portfolio level."""
    return spend_over_time(df.assign(grp=t("chart.total", lang)), lang, level_nok, scale,
                           compact=True)


@built
def spend_change(df: pd.DataFrame, lang: str, scale: float = 1.0) -> go.Figure:
    """Bars of the change in spend from the year before, with the change in percent; planned
    years (after the round's year) are left out: a plan is no fall."""
    actual = planned.actual(df)
    df = actual if len(actual) else df.head(1)
    amounts = df.set_index("year")["amount_nok"].astype(float).sort_index()
    amounts = amounts.reindex(range(int(amounts.index.min()), int(amounts.index.max()) + 1),
                              fill_value=0.0)
    change = amounts.diff().dropna()
    before = amounts.shift(1).dropna()
    labels = [("+" if c > 0 else "") + mnok(c, lang)
              + (f"<br>({'+' if c > 0 else ''}{percent(c / b * 100, lang, 1)})" if b else "")
              for c, b in zip(change, before)]
    low, high = min(change.min(), 0) / 1e6, max(change.max(), 0) / 1e6
    fig = Lean().add_bar(
        x=change.index.astype(str), y=change / 1_000_000, text=labels, textposition="outside",
        constraintext="none",  # never shrunk to the bar's width (it drew them at 6-9 px)
        marker_color=["#009E73" if c >= 0 else "#D55E00" for c in change],
        textfont={"size": round(14 * scale), "color": INK},
        hovertemplate="%{x}: %{text}<extra></extra>", cliponaxis=False)
    fig.update_xaxes(type="category", title_text=t("chart.year", lang))
    fig.update_yaxes(title_text=t("chart.mnok", lang), zeroline=True, zerolinecolor=INK,
                     range=[low * 1.3, high * 1.3 or 1], **amount_axis(low * 1.3, high * 1.3))
    fig.update_layout(showlegend=False)
    return alt.describe(style(fig, lang, height=340, scale=scale), alt.change(change, lang),
                        chart_tables.change(change.index,
                                            [w.replace("<br>", " ") for w in labels], lang))


@built
def largest_partners(df: pd.DataFrame, lang: str, top: int = 10,
                     scale: float = 1.0) -> go.Figure:
    """Horizontal bars of the partners that received the most, with their share."""
    written = df.head(top)
    df = _escaped(written, "partner")
    amounts = df["amount_nok"].astype(float)
    ends = [f"{mnok(a, lang)}<br>{percent(s, lang, 0)}" for a, s in zip(amounts,
                                                                        df["share_pct"])]
    fig = Lean().add_bar(
        y=list(df["partner"]), x=amounts / 1_000_000, orientation="h",
        marker_color=GROUP_COLORS[0], customdata=[[p, e.replace("<br>", " · ")]
                                                  for p, e in zip(df["partner"], ends)],
        hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>")
    for partner, amount, end in zip(df["partner"], amounts, ends):
        fig.add_annotation(x=amount / 1e6, y=partner, xanchor="left", align="left", xshift=6,
                           showarrow=False, text=end, font={"size": round(15 * scale),
                                                            "color": INK})
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=list(df["partner"]),
                     ticktext=[_two_lines(p, 20) for p in df["partner"]])
    top = amounts.max() / 1e6 * 1.04 if len(df) else 1
    fig.update_xaxes(title_text=t("chart.mnok", lang), range=[0, top], **amount_axis(0, top))
    fig.update_layout(showlegend=False)
    fig = style(fig, lang, height=110 + 50 * len(df), scale=scale)
    fig.update_layout(margin=end_room(ends, 15 * scale))
    return alt.describe(fig, alt.partners(written, lang), chart_tables.partners(written, lang))


def period(years, lang: str) -> str:
    """Return the years a sum covers: `2011–2013`, or one year."""
    values = sorted({int(y) for y in years})
    if not values:
        return "–"
    return str(values[0]) if len(values) == 1 else f"{values[0]}–{values[-1]}"
