"""Tables for display (pandas, no Streamlit): written out for documents (`labelled`: the
briefing, the deck), typed for the app's grid (`typed`: dates, amounts, days and shares stay
values, so a click on a header sorts by value; the grid formats them, followup.ui.grids);
translated headers and labels, status colours."""

from __future__ import annotations

import pandas as pd

from followup.i18n import date, number, percent, status_label, t, tn
from followup.report.figures import links
from followup.report.figures.charts import STATUS_COLORS
from followup.report.figures.followup_charts import (
    REC_STATUSES,
    rec_status_label,
    response_label,
)
from followup.settings import SAMPLE_WHO

_DARK_TEXT = {"not_applicable", "no_report", "partial"}
# A recommendation's status is drawn in the colour of the action status it stands for.
_REC_AS_ACTION = {"implemented": "done", "no_actions": "no_report"}


def status_colors(code: str) -> tuple[str, str]:
    """Return the fill colour of a status (of an action or a recommendation) and the text
    colour that reads on it."""
    code = _REC_AS_ACTION.get(code, code)
    return STATUS_COLORS[code], "#1F2933" if code in _DARK_TEXT else "#FFFFFF"


def status_css(code: str) -> str:
    """Return the CSS declarations that put a status (of an action or a recommendation) on
    its colour ('' for other values)."""
    if _REC_AS_ACTION.get(code, code) not in STATUS_COLORS:
        return ""
    color, ink = status_colors(code)
    return f"background-color: {color}; color: {ink}; font-weight: 600"


def _each(column: pd.Series, write) -> pd.Series:
    """Return write(value) for every value of a column, called once per distinct value (a
    column repeats its statuses and dates; Babel writing a date is the slow part)."""
    if column.empty:
        return column.map(write)  # keeps the column's type, as an empty map does
    codes, values = pd.factorize(column)
    written = [write(v) for v in values]
    missing = (codes == -1).any()
    blank = write(column[codes == -1].iloc[0]) if missing else None
    return pd.Series([written[c] if c >= 0 else blank for c in codes], index=column.index,
                     name=column.name)


def labelled(df: pd.DataFrame, columns: list[str], lang: str,
             bars: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return the columns with statuses, dates, changes, types, amounts and shares written
    out; shares named in `bars` stay numbers (drawn as bars)."""
    out = df[columns].copy()
    if "completion_pct" in out and "completion_pct" not in bars:
        out["completion_pct"] = _each(
            out["completion_pct"], lambda v: percent(float(v), lang, 0) if pd.notna(v) else "–")
    label = rec_status_label if "response" in out else status_label
    for col in ("status", "previous_status"):
        if col in out:
            out[col] = _each(out[col], lambda c: label(c, lang) if isinstance(c, str) else "")
    if "response" in out:
        out["response"] = _each(out["response"], lambda c: response_label(c, lang))
    for col in ("action_id", "comment", "title", "country", "evidence"):  # blank, not None
        if col in out:
            out[col] = _each(out[col], lambda c: c if isinstance(c, str) else "")
    if "days_overdue" in out:
        out["days_overdue"] = _each(out["days_overdue"], lambda d: deadline(int(d), lang))
    for col in ("due_date", "start_date", "end_date", "since", "as_of"):
        if col in out:
            out[col] = _each(out[col], lambda d: date(d, lang) if pd.notna(d) else "")
    if "change" in out:
        grants = "grant_id" in out
        out["change"] = _each(out["change"], lambda c: t(f"grant_change.{c}", lang) if grants
                              else t(f"change.{c}", lang))
    if "grant_type" in out:
        out["grant_type"] = _each(out["grant_type"], lambda c: t(f"grant_type.{c}", lang))
    for col in ("amount_nok", "disbursed_nok"):
        if col in out:
            out[col] = _each(out[col],
                             lambda v: number(float(v), 0, lang) if pd.notna(v) else "")
    return out


DATES = ("due_date", "start_date", "end_date", "since", "as_of")
TIMESTAMPS = ("loaded_at", "logged_at")
AMOUNTS = ("amount_nok", "disbursed_nok", "before_nok", "after_nok", "change_nok")
STATUSES = ("status", "previous_status")
_TEXTS = ("action_id", "comment", "title", "country")  # optional text: blank, not None


def _evidence(out: pd.DataFrame) -> pd.DataFrame:
    """Split the evidence in two: the text that is no link, and beside it (`evidence_link`)
    the https link, the only kind a grid draws as a link (followup.report.figures.links)."""
    at = list(out.columns).index("evidence") + 1
    out.insert(at, "evidence_link", _each(out["evidence"], links.https_link))
    out["evidence"] = _each(out["evidence"], links.text_only)
    return out


def typed(df: pd.DataFrame, columns: list[str], lang: str) -> pd.DataFrame:
    """Return the columns for the app's grid with headers in the user's language: a status as
    a list of its label (drawn as a coloured chip), codes as their words, dates as dates,
    amounts in whole kroner, days and shares as numbers."""
    out = df[columns].copy()
    label = rec_status_label if "response" in out else status_label
    for col in STATUSES:
        if col in out:
            out[col] = _each(out[col], lambda c: [label(c, lang)] if isinstance(c, str) else [])
    if "response" in out:
        out["response"] = _each(out["response"], lambda c: response_label(c, lang))
    for col in _TEXTS:
        if col in out:
            out[col] = _each(out[col], lambda c: c if isinstance(c, str) else "")
    if "evidence" in out:
        out = _evidence(out)
    if "change" in out:
        grants = "grant_id" in out
        out["change"] = _each(out["change"], lambda c: t(f"grant_change.{c}", lang) if grants
                              else t(f"change.{c}", lang))
    if "grant_type" in out:
        out["grant_type"] = _each(out["grant_type"], lambda c: t(f"grant_type.{c}", lang))
    for col in AMOUNTS:
        if col in out:
            out[col] = out[col].astype("float64").round(0)
    for col in (*DATES, *TIMESTAMPS):
        if col in out:
            out[col] = pd.to_datetime(out[col])
    return out.rename(columns={c: t(f"col.{c}", lang) for c in out.columns})


def luminance(color: str) -> float:
    """Return the relative luminance (WCAG 2) of a colour written `#RRGGBB`."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def chip_color(code: str) -> str:
    """Return a status's colour for a chip in the grid, which writes black on a fill whose
    luminance is above 0.5 and white on any other: a status written dark on its colour
    elsewhere gets its colour lightened (towards white) until the grid writes it black."""
    color, ink = status_colors(code)
    if ink == "#FFFFFF":
        return color
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(21):
        tint = "#" + "".join(f"{round(c + (255 - c) * step / 20):02X}" for c in rgb)
        if luminance(tint) > 0.5:
            return tint
    return "#FFFFFF"


def status_chips(lang: str, recommendations: bool = False) -> tuple[list[str], list[str]]:
    """Return the label and chip colour of every status (of an action, or of a
    recommendation), in the same order, for the grid's coloured chips."""
    codes = REC_STATUSES if recommendations else tuple(STATUS_COLORS)
    label = rec_status_label if recommendations else status_label
    return [label(c, lang) for c in codes], [chip_color(c) for c in codes]


def deadline(days_overdue: int, lang: str) -> str:
    """Return `12 dager over`, `i dag` or `om 30 dager` for days past a due date."""
    if days_overdue > 0:
        return tn("deadline.overdue", days_overdue, lang)
    if days_overdue == 0:
        return t("deadline.today", lang)
    return tn("deadline.left", -days_overdue, lang)


ACTION_COLUMNS = ["action_id", "action", "actor", "status", "due_date", "comment", "evidence"]
CHANGE_COLUMNS = ["action_id", "action", "actor", "previous_status", "status", "change"]
# An action has stalled after this many rounds with the same status; deadlines this many days
# after the round's date are listed as due soon; the implementation rate's query.
RATE_QUERY = "recommendation_kpis"
STALLED_COLUMNS = ["action_id", "action", "actor", "status", "rounds_unchanged", "since"]
DEADLINE_COLUMNS = ["action_id", "action", "actor", "status", "due_date", "days_overdue"]
HISTORY_COLUMNS = ["as_of", "status", "actor", "comment", "evidence"]
RECOMMENDATION_COLUMNS = ["recommendation_id", "recommendation", "response", "status",
                          "actions", "done", "completion_pct"]
GRANT_COLUMNS = ["grant_id", "partner", "title", "section", "region", "country", "start_date",
                 "end_date", "grant_type", "amount_nok", "disbursed_nok"]
GRANT_CHANGE_COLUMNS = ["grant_id", "partner", "title", "change"]
# Where a grant is run: filters in the sidebar, so the grid keeps them in its column menu.
SECONDARY = ("section", "region", "country")
# What a meeting decides on, first in the app's grids: the status before and now, the due
# date, the days past it, how long a status has stood still, how far a recommendation has come.
DECIDING = ("previous_status", "status", "due_date", "days_overdue", "since", "rounds_unchanged",
            "completion_pct")


def deciding_first(columns: list[str]) -> list[str]:
    """Return the columns with those a meeting decides on (DECIDING) first, in that order."""
    return ([c for c in DECIDING if c in columns]
            + [c for c in columns if c not in DECIDING])


def with_evidence(columns: list[str], df: pd.DataFrame) -> list[str]:
    """Return the columns, without `evidence` when no row has any (a round whose workbook
    has no Dokumentasjon column gets no empty column)."""
    if "evidence" in df and df["evidence"].notna().any():
        return columns
    return [c for c in columns if c != "evidence"]


def change_counts(changes: pd.DataFrame) -> dict[str, int]:
    """Return how many actions changed status, are new and were removed."""
    counts = changes["change"].value_counts() if len(changes) else pd.Series(dtype=int)
    return {k: int(counts.get(k, 0)) for k in ("changed", "new", "removed")}


def problems_frame(problems: list, lang: str) -> pd.DataFrame:
    """Return every problem as a row: type, sheet, row, column, value, message."""
    rows = [{t("col.severity", lang): t(f"severity.{p.severity}", lang),
             t("col.sheet", lang): p.sheet or "", t("col.row", lang): p.row,
             t("col.column", lang): p.column or "", t("col.value", lang): p.value or "",
             t("col.message", lang): p.message(lang)} for p in problems]
    return pd.DataFrame(rows)


ROUND_COLUMNS = ["snapshot_id", "as_of", "file_name", "loaded_at", "actions", "grants",
                 "disbursements", "warnings"]


AUDIT_COLUMNS = ["logged_at", "who", "event", "snapshot_id", "as_of", "file_name", "recipients",
                 "detail", "sha256"]
SHA_SHOWN = 12


def who(stored: str | None, lang: str) -> str:
    """Return the audit log's "who" for display: a signed-in identity as stored, a local
    account (stored as `local:name`) with its source named, the sample rounds loaded on first
    use (`sample`), `–` when nothing was recorded."""
    if not isinstance(stored, str) or not stored:
        return "–"
    if stored == SAMPLE_WHO:
        return t("audit.sample", lang)
    if stored.startswith("local:"):
        return t("audit.local_user", lang, name=stored.removeprefix("local:"))
    return stored


def audit_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """Return the audit log (who imported or deleted which round, when, which file) for the
    grid: who and the event written out, the file's SHA-256 by its first SHA_SHOWN characters,
    times and dates kept as values."""
    out = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    out["who"] = out["who"].map(lambda w: who(w, lang))
    for text in ("file_name", "recipients", "detail"):
        out[text] = out[text].map(lambda w: w if isinstance(w, str) else "")
    out["event"] = out["event"].map(lambda e: t(f"event.{e}", lang))
    # a file's fingerprint told apart by its first characters (the whole: `followup snapshots`)
    out["sha256"] = out["sha256"].map(lambda s: s[:SHA_SHOWN] if isinstance(s, str) else "")
    out["snapshot_id"] = out["snapshot_id"].astype("Int64")
    return out


SPEND_PREVIEW_COLUMNS = ["year", "before_nok", "after_nok", "change_nok"]


def spend_preview_frame(spend: pd.DataFrame) -> pd.DataFrame:
    """Return spend per year before and after an import, for the grid (the year as a label)."""
    return spend[SPEND_PREVIEW_COLUMNS].assign(year=spend["year"].astype(str))


def row_note(df: pd.DataFrame, total_column: str, lang: str) -> str:
    """Return `8 tiltak`, or which part of a longer list a limited table shows."""
    total = int(df[total_column].iloc[0]) if len(df) else 0
    if total <= len(df):
        key = "table.rows" if total_column == "total_actions" else "table.grants"
        return tn(key, total, lang)
    key = "table.first" if total_column == "total_actions" else "table.largest"
    return t(key, lang, shown=number(len(df), 0, lang), total=number(total, 0, lang))
