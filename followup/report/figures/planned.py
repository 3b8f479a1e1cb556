"""Years after a round's year: what the workbook gives for them are plans, not disbursements,
so the charts draw them apart (striped, lighter), label them `2013 (plan)` and never count a
plan as a change from the year before (the queries' `planned` column)."""

from __future__ import annotations

import pandas as pd

from followup.i18n import t

PATTERN, OPACITY = "/", 0.55


def years(df: pd.DataFrame) -> set[int]:
    """Return the planned years of a query's answer (none when it has no `planned` column)."""
    if "planned" not in df:
        return set()
    return {int(y) for y, p in zip(df["year"], df["planned"]) if p is True or p == 1}


def label(year, plans: set[int], lang: str) -> str:
    """Return a year as an axis writes it: `2013 (plan)` when it is planned."""
    return t("chart.planned_year", lang, year=int(year)) if int(year) in plans else str(int(year))


def tick(text: str) -> str:
    """Return an axis label on two lines when it is a planned year's (`2013` over `(plan)`),
    so a narrow chart never turns its years on end to fit it."""
    return text.replace(" ", "<br>", 1)


def labels(df: pd.DataFrame, lang: str) -> list[str]:
    """Return the year of each of a query's rows as an axis writes it."""
    plans = years(df)
    return [label(y, plans, lang) for y in df["year"]]


def actual(df: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of the years up to the round's year (all rows when none is planned)."""
    plans = years(df)
    return df[[int(y) not in plans for y in df["year"]]] if plans else df


def mark(trace: dict, x: list[str], plans: set[int], lang: str) -> None:
    """Draw a bar trace's planned years striped and lighter (x as `label` writes it)."""
    shown = {label(y, plans, lang) for y in plans}
    trace.setdefault("marker", {})["pattern"] = {
        "shape": [PATTERN if v in shown else "" for v in x], "solidity": 0.3}
    trace["marker"]["opacity"] = [OPACITY if v in shown else 1 for v in x]
