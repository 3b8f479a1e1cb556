"""The portfolio of evaluations as the meeting pack writes it: one row per evaluation of
queries/evaluation_portfolio.sql, its shares and dates written out in the language, its
columns named as the `col.*` texts name them. Shown when a round holds more than one
evaluation (the briefing's section, the deck's slide, the export's sheet)."""

from __future__ import annotations

import pandas as pd

from followup.i18n import date, number, percent, t

# the columns as the pack shows them; completion_pct is written out by tables.labelled
COLUMNS = ["evaluation", "last_report", "report_overdue", "actions", "completion_pct",
           "recommendations", "acceptance", "implementation", "open_recs"]
# the deck's columns and their widths in inches (12.13 in, as the deck's other tables; no
# header word of nb, nn or en is wider than its column at the table's 16 pt)
SLIDE_COLUMNS = ["evaluation", "last_report", "report_overdue", "completion_pct",
                 "acceptance", "implementation", "open_recs"]
SLIDE_WIDTHS = (2.93, 1.5, 1.2, 1.5, 1.5, 1.6, 1.9)


def many(df: pd.DataFrame) -> bool:
    """Return whether the portfolio is worth a section: more than one evaluation."""
    return len(df) > 1


def _share(value, lang: str) -> str:
    return percent(float(value), lang, 0) if pd.notna(value) else "–"


def written(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the portfolio with names, dates, counts and shares written out in the language
    (completion_pct stays a number, for tables.labelled); columns as COLUMNS."""
    return pd.DataFrame({
        "evaluation": [e if isinstance(e, str) else t("evaluation.default_title", lang)
                       for e in df["evaluation"]],
        "last_report": [date(d, lang) if pd.notna(d) else "" for d in df["last_report"]],
        "report_overdue": [t("portfolio.overdue", lang) if o is True else ""
                           for o in df["report_overdue"]],
        "actions": [number(int(n), 0, lang) for n in df["actions"]],
        "completion_pct": df["completion_pct"],
        "recommendations": [number(int(n), 0, lang) for n in df["recommendations"]],
        "acceptance": [_share(v, lang) for v in df["acceptance_pct"]],
        "implementation": [_share(v, lang) for v in df["implementation_pct"]],
        "open_recs": [number(int(n), 0, lang) for n in df["open_recommendations"]],
    }, index=df.index)
