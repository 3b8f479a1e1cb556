"""A chart's data as a table for people, the chart's table view (a screen reader reads a
table, not a plotly SVG or the app's canvas grid): one row per bar or point, written as the
chart writes it, in the user's language.

Each chart builder gives its table with its sentence (`alt.describe(fig, text, table)`), so
any page drawing the figure can show both (followup.ui.a11y).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from followup.i18n import date, mnok, number, percent, status_label, t
from followup.report.figures import planned
from followup.workbook.formats import STATUSES


class ChartTable(NamedTuple):
    """Column headings (the first heads the rows' labels) and rows (a label, then values)."""

    head: list[str]
    rows: list[list[str]]


def _counts(value, lang: str) -> str:
    return number(0 if pd.isna(value) else value, 0, lang)


def _present(codes, statuses) -> list[str]:
    found = set(statuses)
    return [code for code in codes if code in found]


def completion(df: pd.DataFrame, lang: str) -> ChartTable:
    """Return actions per status and the share done, per actor in the chart's order."""
    actors = list(dict.fromkeys(df["actor"]))
    codes = _present(STATUSES, df["status"])
    counts = _summed(df, "actor")
    shares = df.drop_duplicates("actor").set_index("actor")["completion_pct"]
    return ChartTable(
        [t("col.actor", lang), *(status_label(c, lang) for c in codes),
         t("kpi.done", lang)],
        [[str(a), *(_counts(counts.get((a, c), 0), lang) for c in codes),
          percent(shares.get(a), lang, 0)] for a in actors])


def trend(df: pd.DataFrame, labels: list[str], lang: str) -> ChartTable:
    """Return actions per status in each round (oldest first), each named by its label."""
    rounds = list(dict.fromkeys(df["snapshot_id"]))
    codes = _present(STATUSES, df["status"])
    counts = _summed(df, "snapshot_id")
    return ChartTable(
        [t("chart.round", lang), *(status_label(c, lang) for c in codes)],
        [[label, *(_counts(counts.get((r, c), 0), lang) for c in codes)]
         for r, label in zip(rounds, labels)])


def _summed(df: pd.DataFrame, by: str) -> dict:
    """Return the actions summed per (df[by], status), a missing count as 0 (a pivot table
    and a lookup per cell took 30 ms for the trend over a portfolio's 244 rounds)."""
    summed: dict = {}
    for key, status, actions in zip(df[by], df["status"], df["actions"]):
        summed[key, status] = summed.get((key, status), 0) + (0 if pd.isna(actions) else actions)
    return summed


def by_type(df: pd.DataFrame, lang: str, measure: str) -> ChartTable:
    """Return multi-year and one-year per year: agreements (measure `grants`) or NOK; a
    planned year labelled as the axis labels it."""
    kinds, plans = ("multi-year", "one-year"), planned.years(df)
    values = df.pivot_table(index="year", columns="grant_type", values=measure, aggfunc="sum")
    write = ((lambda v: _counts(v, lang)) if measure == "grants"
             else (lambda v: mnok(0.0 if pd.isna(v) else float(v), lang)))
    return ChartTable(
        [t("col.year", lang), *(t(f"grant_type.{k}", lang) for k in kinds)],
        [[planned.label(y, plans, lang),
          *(write(values.at[y, k]) if k in values else write(None) for k in kinds)]
         for y in sorted(values.index, key=int)])


def share(df: pd.DataFrame, lang: str) -> ChartTable:
    """Return the multi-year share of spend per year (a planned year labelled as such)."""
    rows = df.sort_values("year")
    return ChartTable([t("col.year", lang), t("grant_type.multi-year", lang)],
                      [[year, percent(p, lang, 0)]
                       for year, p in zip(planned.labels(rows, lang), rows["multi_year_pct"])])


def spend(df: pd.DataFrame, lang: str, plans: frozenset = frozenset()) -> ChartTable:
    """Return spend per year by group (`grp`, in the chart's order), with the year's sum when
    there is more than one group; a planned year (in plans) labelled as the axis labels it."""
    groups = list(df["grp"].cat.categories) if hasattr(df["grp"], "cat") else list(
        dict.fromkeys(df["grp"]))
    values = df.pivot_table(index="year", columns="grp", values="amount_nok", aggfunc="sum",
                            observed=True)
    totals = df.groupby("year")["amount_nok"].sum()
    head = [t("col.year", lang), *map(str, groups)]
    if len(groups) > 1:
        head.append(t("chart.sum", lang))
    rows = []
    for year in sorted(values.index, key=int):
        amounts = [values.at[year, g] if g in values else None for g in groups]
        row = [planned.label(year, plans, lang),
               *(mnok(0.0 if pd.isna(a) else float(a), lang) for a in amounts)]
        rows.append(row + ([mnok(float(totals[year]), lang)] if len(groups) > 1 else []))
    return ChartTable(head, rows)


def change(years, labels: list[str], lang: str) -> ChartTable:
    """Return the change from the year before, per year, as the chart labels it."""
    return ChartTable([t("col.year", lang), t("col.change", lang)],
                      [[str(int(y)), label] for y, label in zip(years, labels)])


def partners(df: pd.DataFrame, lang: str) -> ChartTable:
    """Return what each of the largest partners received and its share."""
    return ChartTable([t("col.partner", lang), t("chart.total", lang), t("chart.share_of", lang)],
                      [[str(p), mnok(float(a), lang), percent(s, lang, 0)]
                       for p, a, s in zip(df["partner"], df["amount_nok"], df["share_pct"])])


def recommendations(recs: pd.DataFrame, responses: list[str], statuses: tuple[str, ...],
                    lang: str) -> ChartTable:
    """Return recommendations per management response and status, and how many are done."""
    counts = recs.groupby(["response", "status"]).size()
    codes = [s for s in statuses if any(counts.get((r, s), 0) for r in responses)]
    rows = []
    for response in responses:
        done, total = int(counts.get((response, "implemented"), 0)), int(counts.loc[response].sum())
        rows.append([t(f"response.{response}", lang),
                     *(_counts(counts.get((response, s), 0), lang) for s in codes),
                     t("rec.implemented_of", lang, done=done, total=total)])
    return ChartTable([t("col.response", lang), *(t(f"rec_status.{s}", lang) for s in codes),
                       t("col.implemented", lang)], rows)


def timeline(history: pd.DataFrame, lang: str) -> ChartTable:
    """Return the action's status and comment in each round."""
    return ChartTable(
        [t("col.as_of", lang), t("col.status", lang), t("col.comment", lang)],
        [[date(d, lang), status_label(s, lang),
          c if isinstance(c, str) and c.strip() else t("detail.no_comment", lang)]
         for d, s, c in zip(history["as_of"], history["status"], history["comment"])])


def _evaluation(name, lang: str) -> str:
    return name if isinstance(name, str) else t("evaluation.default_title", lang)


def progress(df: pd.DataFrame, progress: tuple, lang: str) -> ChartTable:
    """Return each evaluation's shares as the chart draws them (progress: the chart's
    (column, legend key, colour)), a share not known written as a dash."""
    return ChartTable(
        [t("col.evaluation", lang), *(t(key, lang) for _, key, _ in progress)],
        [[_evaluation(row["evaluation"], lang),
          *(percent(row[c], lang, 0) if pd.notna(row[c]) else "–" for c, _, _ in progress)]
         for _, row in df.iterrows()])


def ages(df: pd.DataFrame, ages: list[int], groups: list[str], lang: str) -> ChartTable:
    """Return the open recommendations per age group (groups: the words of ages, the last
    "or more") per evaluation, with each group's sum when there is more than one evaluation."""
    known = df[df["age_years"].notna()]
    years = known["age_years"].astype(int).clip(upper=ages[-1])
    names = known["evaluation"].map(lambda e: _evaluation(e, lang))
    evaluations = list(dict.fromkeys(names))
    head = [t("chart.age_title", lang), *evaluations]
    if len(evaluations) > 1:
        head.append(t("chart.sum", lang))
    rows = []
    for age, group in zip(ages, groups):
        mine = names[years == age]
        counts = [number(int((mine == e).sum()), 0, lang) for e in evaluations]
        rows.append([group, *counts] + ([number(len(mine), 0, lang)] if len(evaluations) > 1
                                        else []))
    return ChartTable(head, rows)
