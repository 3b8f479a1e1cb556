"""A chart said in words, for screen readers: what it shows and its headline figure.

Each builder in `charts` stores its sentence in `fig.layout.meta["alt"]` and its data as a
table (followup.report.figures.chart_tables) in `fig.layout.meta["table"]` (`describe`), so any
page drawing the figure can give both as the chart's text alternative and table view.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from followup.i18n import date, mnok, number, percent, status_label, t, tn
from followup.report.figures import planned
from followup.report.figures.chart_tables import ChartTable


def describe(fig: go.Figure, text: str, table: ChartTable | None = None) -> go.Figure:
    """Return fig carrying text as its alternative (layout.meta.alt) and its data as a table
    (layout.meta.table)."""
    meta = {"alt": text}
    if table is not None:
        meta["table"] = {"head": table.head, "rows": table.rows}
    fig.update_layout(meta=meta)
    return fig


def _meta(fig: go.Figure) -> dict:
    meta = fig.layout.meta
    return meta if isinstance(meta, dict) else {}


def text_of(fig: go.Figure) -> str | None:
    """Return a figure's text alternative, or None when it has none."""
    return _meta(fig).get("alt")


def table_of(fig: go.Figure) -> ChartTable | None:
    """Return a figure's data as a table, or None when it has none."""
    table = _meta(fig).get("table")
    return ChartTable(list(table["head"]), [list(r) for r in table["rows"]]) if table else None


def _paid(df: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of the years paid, or all rows when every year is a plan."""
    paid = planned.actual(df)
    return paid if len(paid) else df


def _years(years) -> tuple[int, int]:
    values = sorted(int(y) for y in years)
    return values[0], values[-1]


def completion(df: pd.DataFrame, lang: str) -> str:
    """Return the sentence for completion by actor."""
    shares = df.drop_duplicates("actor").set_index("actor")["completion_pct"]
    best = shares.astype(float).idxmax() if shares.notna().any() else shares.index[0]
    return t("alt.completion", lang, actors=tn("alt.actors", shares.size, lang),
             actions=tn("alt.actions", int(df["actions"].sum()), lang), best=best,
             pct=percent(shares.get(best), lang, 0))


def trend(df: pd.DataFrame, lang: str) -> str:
    """Return the sentence for the status trend over rounds."""
    rounds = df.drop_duplicates("snapshot_id")
    last = rounds.iloc[-1]
    latest = df[df["snapshot_id"] == last["snapshot_id"]]
    done = int(latest.loc[latest["status"] == "done", "actions"].sum())
    return t("alt.trend", lang, rounds=tn("alt.rounds", len(rounds), lang),
             as_of=date(last["as_of"], lang), done=done,
             actions=tn("alt.actions", int(latest["actions"].sum()), lang))


def by_type(df: pd.DataFrame, lang: str, measure: str) -> str:
    """Return the sentence for multi-year against one-year, by number or by amount (over the
    years paid: a planned year is no disbursement)."""
    df = _paid(df)
    first, last = _years(df["year"])
    year = df[df["year"].astype(int) == last]
    multi = year[year["grant_type"] == "multi-year"]
    other = year[year["grant_type"] == "one-year"]
    if measure == "grants":
        value = (tn("alt.grants", int(multi["grants"].sum()), lang),
                 tn("alt.grants", int(other["grants"].sum()), lang))
    else:
        value = (mnok(float(multi["amount_nok"].sum()), lang),
                 mnok(float(other["amount_nok"].sum()), lang))
    return t(f"alt.by_type_{measure}", lang, first=first, last=last, multi=value[0],
             one=value[1])


def share(df: pd.DataFrame, lang: str) -> str:
    """Return the sentence for the multi-year share per year (over the years paid)."""
    rows = _paid(df).sort_values("year")
    return t("alt.share", lang, first=int(rows["year"].iloc[0]), last=int(rows["year"].iloc[-1]),
             first_pct=percent(rows["multi_year_pct"].iloc[0], lang, 0),
             last_pct=percent(rows["multi_year_pct"].iloc[-1], lang, 0))


def spend(totals: pd.Series, lang: str, level_nok: float | None) -> str:
    """Return the sentence for spend per year (totals indexed by year)."""
    first, last = _years(totals.index)
    peak = int(totals.astype(float).idxmax())
    text = t("alt.spend", lang, first=first, last=last, peak=peak,
             amount=mnok(float(totals[peak]), lang))
    if level_nok:
        text += " " + t("alt.level", lang, level=mnok(level_nok, lang, 0))
    return text


def change(changes: pd.Series, lang: str) -> str:
    """Return the sentence for the change from year to year (changes indexed by year)."""
    first, last = _years(changes.index) if len(changes) else (None, None)
    if first is None:
        return t("alt.change_none", lang)
    return t("alt.change", lang, first=first, last=last, year=last,
             amount=mnok(float(changes.iloc[-1]), lang))


def partners(df: pd.DataFrame, lang: str) -> str:
    """Return the sentence for the largest partners."""
    if df.empty:
        return t("alt.change_none", lang)
    top = df.iloc[0]
    return t("alt.partners", lang, partners=tn("alt.partners_n", len(df), lang),
             partner=top["partner"], amount=mnok(float(top["amount_nok"]), lang),
             pct=percent(top["share_pct"], lang, 0))


def portfolio(df: pd.DataFrame, lang: str) -> str:
    """Return the sentence for the evaluations' progress."""
    actions, done = int(df["actions"].sum()), int(df["done"].sum())
    return t("alt.portfolio", lang, evaluations=tn("alt.evaluations", len(df), lang),
             done=done, actions=tn("alt.actions", actions, lang),
             open=int(df["open_recommendations"].sum()))


def open_age(df: pd.DataFrame, lang: str) -> str:
    """Return the sentence for the open recommendations by age."""
    known = df[df["age_years"].notna()]
    oldest = int(known["age_years"].max()) if len(known) else 0
    return tn("alt.open_age", len(df), lang, oldest=oldest)


def recommendations(recs: pd.DataFrame, lang: str) -> str:
    """Return the sentence for the recommendations by management response and status."""
    done = int((recs["status"] == "implemented").sum())
    return t("alt.recommendations", lang,
             recommendations=tn("alt.recommendations_n", len(recs), lang),
             done=number(done, 0, lang))


def timeline(history: pd.DataFrame, lang: str) -> str:
    """Return the sentence for an action's status in every round."""
    last = history.iloc[-1]
    return t("alt.timeline", lang, rounds=tn("alt.rounds", len(history), lang),
             status=status_label(last["status"], lang).lower(), as_of=date(last["as_of"], lang))
