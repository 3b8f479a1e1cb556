"""The deck's tables: what changed, stalled actions and deadlines, split over slides when long.

A table is never shrunk: its rows are measured (an estimate of the lines each cell wraps to at
16 pt) and continue on a further slide, titled `… (2 av 3)`, when the slide is full. A cell
longer than three lines is shortened with `…`.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence

import pandas as pd
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches

from followup.i18n import date, number, t, tn
from followup.report.documents import slide_kit as kit
from followup.report.figures import portfolio_table, tables
from followup.report.figures.charts import INK
from followup.settings import DUE_SOON_DAYS, REPORT_MONTHS, STALLED_ROUNDS

ROW_IN = 0.4  # the least height of a row, in inches
CHAR_EM = 0.47  # the average width of a character in em (Calibri and Carlito: about 0.45)
MAX_LINES = 3
CHANGE_WIDTHS = (0.9, 4.1, 2.3, 1.75, 1.75, 1.33)
STALLED_WIDTHS = (0.9, 4.6, 2.3, 1.75, 1.2, 1.38)
DEADLINE_WIDTHS = (0.9, 4.1, 2.3, 1.75, 1.3, 1.78)


def _per_line(width_in: float, size: int) -> int:
    return max(4, int((width_in - 0.16) * 72 / (size * CHAR_EM)))


def lines_needed(text: str, width_in: float, size: int = kit.TABLE_PT) -> int:
    """Return how many lines a text takes in a table cell of the width, at the size."""
    return max(1, len(textwrap.wrap(str(text), _per_line(width_in, size))))


def shorten(text: str, width_in: float, size: int = kit.TABLE_PT) -> str:
    """Return a text cut (with `…`) to what fits in three lines of a cell of the width."""
    per_line = _per_line(width_in, size)
    lines = textwrap.wrap(str(text), per_line)
    if len(lines) <= MAX_LINES:
        return str(text)
    head, last = lines[:MAX_LINES - 1], lines[MAX_LINES - 1]
    while len(last) + 2 > per_line and " " in last:
        last = last.rsplit(" ", 1)[0]
    return " ".join([*head, last + " …"])


def row_pages(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
              height_in: float, size: int = kit.TABLE_PT) -> list[list]:
    """Split rows into pages whose estimated height, header included, fits height_in."""

    def height(row) -> float:
        lines = max(lines_needed(text, w, size) for text, w in zip(row, widths))
        return max(lines * size * 1.2 / 72 + 0.1, ROW_IN)

    pages: list[list] = []
    for row in rows:
        if not pages or sum(map(height, [header, *pages[-1], row])) > height_in:
            pages.append([])
        pages[-1].append(row)
    return pages


def _cell(cell, text: str, lang: str, bold: bool = False, fill: str | None = None,
          ink: str = INK) -> None:
    cell.margin_left = cell.margin_right = Inches(0.08)
    cell.margin_top = cell.margin_bottom = Inches(0.04)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    kit.fill_text(cell.text_frame, [(text, kit.TABLE_PT, bold, ink)], lang)
    cell.fill.solid()
    cell.fill.fore_color.rgb = kit.rgb(fill or kit.WHITE)


def table(page, top, header: Sequence[str], rows: Sequence[Sequence[str]],
          widths: Sequence[float], lang: str, colors: Sequence[Sequence[tuple | None]] = ()):
    """Add a table (widths in inches) with a dark header row; colors[r][c] is (fill, ink)."""
    shape = page.shapes.add_table(len(rows) + 1, len(header), kit.MARGIN, top,
                                  Inches(sum(widths)), Inches(ROW_IN * (len(rows) + 1)))
    grid = shape.table
    for c, width in enumerate(widths):
        grid.columns[c].width = Inches(width)
    for c, text in enumerate(header):
        _cell(grid.cell(0, c), text, lang, bold=True, fill=INK, ink=kit.WHITE)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            fill, ink = (colors[r - 1][c] if colors and colors[r - 1][c] else
                         ("#F5F7FA" if r % 2 == 0 else kit.WHITE, INK))
            _cell(grid.cell(r, c), text, lang, fill=fill, ink=ink)
    for r in range(len(rows) + 1):
        grid.rows[r].height = Inches(ROW_IN)
    return grid


def table_slides(d, title: str, header: list[str], rows: list[list[str]], colors: list[list],
                 widths: tuple, lead: str | None = None) -> None:
    """Add a table over as many slides as it needs, each titled `title (n av m)`."""
    top = kit.BODY_TOP + (Inches(0.6) if lead else 0)
    pages = row_pages(header, rows, widths, (kit.BODY_BOTTOM - top) / Inches(1))
    at = 0
    for n, chunk in enumerate(pages, start=1):
        name = (t("slides.part", d.lang, title=title, page=n, pages=len(pages))
                if len(pages) > 1 else title)
        page = kit.slide(d.prs, name, d.lang)
        if lead:
            d.note(page, lead)
        table(page, top, header, chunk, widths, d.lang, colors[at:at + len(chunk)])
        at += len(chunk)


def _text(value) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None or pd.isna(value) else str(value)


def cells(df: pd.DataFrame, columns: list[str], widths: tuple, lang: str) -> tuple[list, list]:
    """Return the rows as texts (long ones shortened to three lines) and the status colours."""
    shown = tables.labelled(df, columns, lang)
    rows = [[shorten(_text(v), w) for v, w in zip(shown.iloc[i], widths)]
            for i in range(len(df))]
    colors = [[tables.status_colors(df[c].iloc[i]) if c in ("status", "previous_status")
               and isinstance(df[c].iloc[i], str) else None for c in columns]
              for i in range(len(df))]
    return rows, colors


def _header(columns: list[str], lang: str) -> list[str]:
    return [t(f"col.{c}", lang) for c in columns]


def changes(d) -> None:
    """Add what changed since the round compared with: a summary line and the table."""
    compared = d.compared
    title = compared.heading(d.lang, "slides.changes")
    if compared.snapshot is None:
        d.note(kit.slide(d.prs, title, d.lang), t("slides.first_round", d.lang))
        return
    found = d.frame("action_changes", previous=compared.snapshot)
    if found.empty:
        d.note(kit.slide(d.prs, title, d.lang), compared.nothing(d.lang, "slides.no_changes"))
        return
    rows, colors = cells(found, tables.CHANGE_COLUMNS, CHANGE_WIDTHS, d.lang)
    lead = t("slides.changes_summary", d.lang, as_of=compared.since(d.lang),
             **tables.change_counts(found))
    table_slides(d, title, _header(tables.CHANGE_COLUMNS, d.lang), rows, colors,
                 CHANGE_WIDTHS, lead)


def stalled(d) -> None:
    """Add the actions whose status has stood still for the app's number of rounds."""
    rounds = STALLED_ROUNDS
    found = d.frame("stalled_actions", rounds=rounds)
    if found.empty:
        d.note(d.slide("slides.stalled"), t("empty.stalled", d.lang))
        return
    shown = found.assign(rounds_unchanged=[number(n, 0, d.lang)
                                           for n in found["rounds_unchanged"]])
    rows, colors = cells(shown, tables.STALLED_COLUMNS, STALLED_WIDTHS, d.lang)
    table_slides(d, t("slides.stalled", d.lang), _header(tables.STALLED_COLUMNS, d.lang),
                 rows, colors, STALLED_WIDTHS, tn("h.stalled_caption", rounds, d.lang))


def deadlines(d) -> None:
    """Add the actions overdue or due soon after the round's date, soonest first."""
    days = DUE_SOON_DAYS
    found = d.frame("deadlines", days=days)
    if found.empty:
        d.note(d.slide("slides.deadlines"), t("empty.deadlines", d.lang))
        return
    rows, colors = cells(found, tables.DEADLINE_COLUMNS, DEADLINE_WIDTHS, d.lang)
    for row_colors, n in zip(colors, found["days_overdue"]):
        if n > 0:  # past its due date: the days on the colour of `not done`
            row_colors[-1] = tables.status_colors("not_started")
    until = date(d.info["as_of"] + dt.timedelta(days=days), d.lang)
    table_slides(d, t("slides.deadlines", d.lang), _header(tables.DEADLINE_COLUMNS, d.lang),
                 rows, colors, DEADLINE_WIDTHS,
                 tn("h.deadlines_caption", days, d.lang, until=until))


def portfolio(d) -> None:
    """Add how far each evaluation has come, when the round and filters hold more than one."""
    found = d.frame("evaluation_portfolio", report_months=REPORT_MONTHS)
    if not portfolio_table.many(found):
        return
    columns, widths = portfolio_table.SLIDE_COLUMNS, portfolio_table.SLIDE_WIDTHS
    rows, colors = cells(portfolio_table.written(found, d.lang), columns, widths, d.lang)
    table_slides(d, t("h.portfolio", d.lang), _header(columns, d.lang), rows, colors, widths)
