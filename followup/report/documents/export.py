"""The data export: the filtered actions, grants and disbursements as a tidy .xlsx workbook.

One header row per sheet (styled, frozen, with an autofilter), one row per record, real
numbers and dates with Norwegian formats. No cell is ever a formula: every text is stored
as a string, and text that Excel would read as a formula on editing also gets a quote prefix.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from followup import store
from followup.filters import Filters
from followup.i18n import status_label, t
from followup.report.documents import comparison
from followup.report.documents.cells import formula_like, plain
from followup.report.documents.comparison import Comparison
from followup.report.figures import planned
from followup.report.figures.tables import RATE_QUERY
from followup.settings import DUE_SOON_DAYS, REPORT_MONTHS, STALLED_ROUNDS

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F2933")
HEADER_BORDER = Border(bottom=Side(style="medium", color="0072B2"))
FORMATS = {
    "nb": {"nok": '#,##0.00 "kr"', "date": "DD.MM.YYYY", "pct": "0.0 %", "int": "#,##0",
           "year": "0"},
    "en": {"nok": '"NOK" #,##0.00', "date": "YYYY-MM-DD", "pct": "0.0%", "int": "#,##0",
           "year": "0"},
}
FORMATS["nn"] = FORMATS["nb"]
WIDTHS = {"share": (10, 14), "long": (24, 60), "text": (8, 36), "date": (12, 12), "nok": (16, 20),
          "pct": (10, 12), "int": (8, 12), "year": (6, 8), "any": (12, 36)}


@dataclass(frozen=True)
class Column:
    """A column of a sheet: the query column, what it holds, and its header's text key."""

    name: str
    kind: str = "text"
    header: str | None = None

    def title(self, lang: str) -> str:
        """Return the header in the language."""
        return t(self.header or f"col.{self.name}", lang)


ACTIONS = (Column("action_id"), Column("action", "long"), Column("actor"),
           Column("status", "status"), Column("due_date", "date"), Column("overdue", "flag"),
           Column("comment", "long"), Column("evidence", "long"),
           Column("recommendation", "long"), Column("section"), Column("region"))
GRANTS = (Column("grant_id"), Column("partner"), Column("title", "long"), Column("section"),
          Column("region"), Column("country"), Column("start_date", "date"),
          Column("end_date", "date"), Column("grant_type", "type"),
          Column("amount_nok", "nok", "xcol.amount_nok"),
          Column("disbursed_nok", "nok", "xcol.disbursed_nok"))
DISBURSEMENTS = (Column("grant_id"), Column("partner"), Column("section"), Column("region"),
                 Column("grant_type", "type"), Column("year", "year"),
                 Column("amount_nok", "nok", "xcol.disbursement"))
STALLED = (Column("action_id"), Column("action", "long"), Column("actor"),
           Column("status", "status"), Column("rounds_unchanged", "int"),
           Column("since", "date"))
DEADLINES = (Column("action_id"), Column("action", "long"), Column("actor"),
             Column("status", "status"), Column("due_date", "date"),
             Column("days_overdue", "int", "xcol.days_overdue"))
CHANGES = (Column("action_id"), Column("action", "long"), Column("actor"),
           Column("previous_status", "status"), Column("status", "status"),
           Column("change", "change"))
RECOMMENDATIONS = (Column("recommendation_id"), Column("recommendation", "long"),
                   Column("response", "response"), Column("status", "rec_status"),
                   Column("actions", "int"), Column("done", "int"),
                   Column("completion_pct", "share"))
PORTFOLIO = (Column("evaluation", "evaluation"), Column("last_report", "date"),
             Column("report_overdue", "flag", "xcol.report_overdue"),
             Column("actions", "int"), Column("done", "int"),
             Column("completion_pct", "share"), Column("recommendations", "int"),
             Column("acceptance_pct", "share", "col.acceptance"),
             Column("implementation_pct", "share", "col.implementation"),
             Column("open_recommendations", "int", "col.open_recs"),
             Column("report_year", "year"), Column("response_date", "date"),
             Column("owner"), Column("link", "long"))
SUMMARY = (Column("key", "text", "export.key"), Column("value", "any", "export.value"))


def value_of(value, kind: str, lang: str):
    """Return what a cell holds: codes written out, decimals as numbers, text made legal."""
    if kind == "evaluation" and value is None:
        return t("evaluation.default_title", lang)
    if value is None:
        return None
    if kind == "status":
        return status_label(value, lang)
    if kind == "type":
        return t(f"grant_type.{value}", lang)
    if kind == "change":
        return t(f"change.{value}", lang)
    if kind == "response":
        return t(f"response.{value}", lang)
    if kind == "rec_status":
        return t(f"rec_status.{value}", lang)
    if kind == "share":
        return float(value) / 100
    if kind == "flag":
        return t("export.yes", lang) if value else t("export.no", lang)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if isinstance(value, (dt.date, bool)) else plain(value)


def put(ws: Worksheet, row: int, column: int, value, fmt: str | None = None) -> None:
    """Write one cell; text is always a string, never a formula."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if formula_like(value):
            cell.quotePrefix = True
    elif fmt and value is not None:
        cell.number_format = fmt


def _format(kind: str, value, lang: str) -> str | None:
    if kind == "any":
        kind = "date" if isinstance(value, dt.date) else None
    kind = "pct" if kind == "share" else kind
    return FORMATS[lang].get(kind) if kind else None


def _width(column: Column, texts: list[str], lang: str) -> float:
    low, high = WIDTHS.get(column.kind, WIDTHS["text"])
    longest = max([len(column.title(lang)), *map(len, texts)]) + 2
    return max(low, min(high, longest))


def sheet(wb: Workbook, title: str, columns: tuple[Column, ...], rows: list[tuple],
          lang: str, formats: list[list[str | None]] | None = None) -> Worksheet:
    """Add a sheet: a styled, frozen, filterable header over the rows, columns sized."""
    ws = wb.create_sheet(title)
    for c, column in enumerate(columns, start=1):
        put(ws, 1, c, column.title(lang))
        cell = ws.cell(row=1, column=c)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for r, row in enumerate(rows, start=2):
        for c, (column, raw) in enumerate(zip(columns, row), start=1):
            value = value_of(raw, column.kind, lang)
            fmt = formats[r - 2][c - 1] if formats else _format(column.kind, value, lang)
            put(ws, r, c, value, fmt)
            if column.kind == "long":
                ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    for c, column in enumerate(columns, start=1):
        texts = [str(ws.cell(row=r, column=c).value or "") for r in range(2, len(rows) + 2)]
        ws.column_dimensions[get_column_letter(c)].width = _width(column, texts, lang)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    return ws


def _records(con, name: str, filters: Filters, columns: tuple[Column, ...], **extra):
    names, rows = store.run_query(con, name, filters.params(**extra))
    at = [names.index(c.name) for c in columns]
    return [tuple(row[i] for i in at) for row in rows]


def _dicts(con, name: str, filters: Filters, **extra) -> list[dict]:
    names, rows = store.run_query(con, name, filters.params(**extra))
    return [dict(zip(names, row)) for row in rows]


def _implementation(con, filters: Filters, lang: str) -> list[tuple[str, object, str]]:
    """Return the implementation rate of the recommendations (as a share), when there is one."""
    rates = _dicts(con, RATE_QUERY, filters, previous=None)
    if not rates or not rates[0]["accepted"]:
        return []
    return [(t("kpi.implementation", lang), float(rates[0]["implementation_pct"]) / 100, "pct")]


def summary(con, filters: Filters, lang: str,
            compared: Comparison | None = None) -> list[tuple[str, object, str]]:
    """Return the summary sheet's rows: label, value and the kind of value (the round the
    changes are against, when there is one)."""
    info = next(r for r in store.snapshots(con) if r["snapshot_id"] == filters.snapshot)
    kpis = _dicts(con, "action_kpis", filters, previous=None)
    now = kpis[0] if kpis else {"actions": 0, "applicable": 0, "done": 0, "overdue": 0}
    grants = _dicts(con, "grant_list", filters)
    agreed = [g["amount_nok"] for g in grants if g["amount_nok"] is not None]
    out = [(t("export.round", lang), info["as_of"], "date"),
           (t("export.file", lang), info["file_name"], "text"),
           (t("export.filters", lang), filters.describe(lang, labelled=False), "text"),
           *([(t("export.compared", lang), compared.as_of, "date")]
             if compared and compared.as_of else []),
           (t("kpi.actions", lang), now["actions"], "int"),
           (t("export.applicable", lang), now["applicable"], "int"),
           (t("export.done", lang), now["done"], "int"),
           (t("kpi.done", lang), now["done"] / now["applicable"] if now["applicable"] else None,
            "pct"),
           (t("kpi.overdue", lang), now["overdue"], "int"),
           *_implementation(con, filters, lang),
           (t("export.grants", lang), len(grants), "int"),
           (t("export.agreed", lang), sum(agreed) if agreed else None, "nok"),
           (t("export.disbursed", lang), sum(g["disbursed_nok"] for g in grants), "nok")]
    for year in _dicts(con, "multi_year_share", filters):  # a planned year named as a plan
        amount, named = year["amount_nok"], planned.label(year["year"], (
            {year["year"]} if year["planned"] else set()), lang)
        out.append((t("export.spend", lang, year=named), amount, "nok"))
        out.append((t("kpi.multi", lang, year=named),
                    year["multi_year_nok"] / amount if amount else None, "pct"))
    return out


def _follow_up_sheets(wb: Workbook, con, filters: Filters, compared: Comparison,
                      lang: str) -> None:
    """Add what changed since the round compared with (no rows for the first round), the
    recommendations (when the round has any), the stalled actions and the deadlines."""
    changes = (_records(con, "action_changes", filters, CHANGES, previous=compared.snapshot)
               if compared.snapshot is not None else [])
    sheet(wb, t("export.changes", lang), CHANGES, changes, lang)
    recommendations = _records(con, "recommendation_status", filters, RECOMMENDATIONS)
    if recommendations:
        sheet(wb, t("page.recommendations", lang), RECOMMENDATIONS, recommendations, lang)
    sheet(wb, t("export.stalled", lang), STALLED,
          _records(con, "stalled_actions", filters, STALLED, rounds=STALLED_ROUNDS), lang)
    sheet(wb, t("export.deadlines", lang), DEADLINES,
          _records(con, "deadlines", filters, DEADLINES, days=DUE_SOON_DAYS), lang)


def workbook(con, filters: Filters, lang: str = "nb", compare: int | None = None) -> bytes:
    """Return the workbook (.xlsx bytes): a summary, the actions, what changed since `compare`
    (a round before the chosen one; default the round just before), the recommendations, the
    stalled actions, the deadlines, the grants and the disbursements."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = t("app.tagline", lang)
    wb.properties.creator = t("app.title", lang)
    compared = comparison.choose(con, filters.snapshot, compare)
    facts = summary(con, filters, lang, compared)
    sheet(wb, t("export.summary", lang), SUMMARY, [(k, v) for k, v, _ in facts], lang,
          [[None, FORMATS[lang].get(kind)] for _, _, kind in facts])
    portfolio = _records(con, "evaluation_portfolio", filters, PORTFOLIO,
                         report_months=REPORT_MONTHS)
    if len(portfolio) > 1:
        sheet(wb, t("page.portfolio", lang), PORTFOLIO, portfolio, lang)
    sheet(wb, t("kind.actions", lang), ACTIONS, _records(con, "action_list", filters, ACTIONS),
          lang)
    _follow_up_sheets(wb, con, filters, compared, lang)
    sheet(wb, t("kind.grants", lang), GRANTS, _records(con, "grant_list", filters, GRANTS),
          lang)
    sheet(wb, t("kind.disbursements", lang), DISBURSEMENTS,
          _records(con, "disbursement_list", filters, DISBURSEMENTS), lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
