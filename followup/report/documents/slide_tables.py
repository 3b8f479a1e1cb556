"""The deck's tables: what changed, stalled actions and deadlines, split over slides when long.

Each column is at least as wide as its widest word (a date, a number, a long name; the header
in bold), measured in Arial (text_width), and otherwise as the table's design has it: a
column short of its words takes the room from the others, so no number, date or word breaks.
Only when the words cannot all fit at 16 pt does the type step down (never below 12 pt). A
table is never shrunk to fit its rows: they are measured (the lines each cell wraps to) and
continue on a further slide, titled `… (2 av 3)`, when the slide is full. A cell longer than
three lines is shortened with `…`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches

from followup.i18n import date, number, t, tn
from followup.report.documents import slide_kit as kit
from followup.report.documents import text_width as tw
from followup.report.figures import portfolio_table, tables
from followup.report.figures.charts import INK
from followup.settings import DUE_SOON_DAYS, REPORT_MONTHS, STALLED_ROUNDS

ROW_IN = 0.4  # the least height of a row, in inches
PAD_IN = 0.16  # a cell's left and right margins together
MAX_LINES = 3
CHANGE_WIDTHS = (0.9, 4.1, 2.3, 1.75, 1.75, 1.33)
STALLED_WIDTHS = (0.9, 4.6, 2.3, 1.75, 1.2, 1.38)
DEADLINE_WIDTHS = (0.9, 4.1, 2.3, 1.75, 1.3, 1.78)


class Grid(NamedTuple):
    """A table ready to draw: header, rows of texts, their colours, widths (in) and size."""

    header: list[str]
    rows: list[list[str]]
    colors: list[list]
    widths: list[float]
    size: int


def _room(width_in: float) -> float:
    return (width_in - PAD_IN) * 72 * kit.SLACK


def lines_needed(text: str, width_in: float, size: int = kit.TABLE_PT,
                 bold: bool = False) -> int:
    """Return how many lines a text takes in a table cell of the width, at the size."""
    return len(tw.wrap(str(text), _room(width_in), size, bold))


def shorten(text: str, width_in: float, size: int = kit.TABLE_PT) -> str:
    """Return a text cut (with `…`) to what fits in three lines of a cell of the width."""
    lines = tw.wrap(str(text), _room(width_in), size)
    if len(lines) <= MAX_LINES:
        return str(text)
    kept = tw.words(" ".join(lines[:MAX_LINES]))
    while kept and lines_needed(" ".join([*kept, "…"]), width_in, size) > MAX_LINES:
        kept.pop()
    return " ".join([*kept, "…"])


def least_width(texts: Sequence[str], size: int, bold: bool = False) -> float:
    """Return the width in inches a column needs so that none of the texts' words breaks."""
    return max((tw.widest_word_pt(text, size, bold) for text in texts), default=0) / 72 / (
        kit.SLACK) + PAD_IN


def fit_widths(header: Sequence[str], rows: Sequence[Sequence[str]],
               design: Sequence[float]) -> tuple[list[float], int]:
    """Return the column widths (in inches, summing to the design's) and the type size: the
    design's widths where the words fit, a column short of its widest word widened at the
    expense of the others in proportion to their spare room."""
    total = sum(design)
    for size in range(kit.TABLE_PT, kit.SMALL_PT - 1, -1):
        least = [max(least_width([h], size, bold=True), least_width([r[c] for r in rows], size))
                 for c, h in enumerate(header)]
        if sum(least) <= total:
            break
    else:
        return list(design), kit.SMALL_PT  # a word wider than the slide: it has to break
    widths = [max(w, need) for w, need in zip(design, least)]
    spare = [w - need for w, need in zip(widths, least)]
    over = sum(widths) - total
    return [w - over * room / sum(spare) if over > 0 else w
            for w, room in zip(widths, spare)], size


def row_pages(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
              height_in: float, size: int = kit.TABLE_PT) -> list[list]:
    """Split rows into pages whose estimated height, header included, fits height_in."""

    def height(row, bold: bool = False) -> float:
        lines = max(lines_needed(text, w, size, bold) for text, w in zip(row, widths))
        return max(lines * size * 1.2 / 72 + 0.1, ROW_IN)

    pages: list[list] = []
    for row in rows:
        if not pages or height(header, True) + sum(map(height, [*pages[-1], row])) > height_in:
            pages.append([])
        pages[-1].append(row)
    return pages


def _cell(cell, text: str, lang: str, size: int, bold: bool = False, fill: str | None = None,
          ink: str = INK) -> None:
    cell.margin_left = cell.margin_right = Inches(PAD_IN / 2)
    cell.margin_top = cell.margin_bottom = Inches(0.04)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    kit.fill_text(cell.text_frame, [(text, size, bold, ink)], lang)
    cell.fill.solid()
    cell.fill.fore_color.rgb = kit.rgb(fill or kit.WHITE)


def table(page, top, header: Sequence[str], rows: Sequence[Sequence[str]],
          widths: Sequence[float], lang: str, colors: Sequence[Sequence[tuple | None]] = (),
          size: int = kit.TABLE_PT):
    """Add a table (widths in inches) with a dark header row; colors[r][c] is (fill, ink)."""
    shape = page.shapes.add_table(len(rows) + 1, len(header), kit.MARGIN, top,
                                  Inches(sum(widths)), Inches(ROW_IN * (len(rows) + 1)))
    grid = shape.table
    for c, width in enumerate(widths):
        grid.columns[c].width = Inches(width)
    for c, text in enumerate(header):
        _cell(grid.cell(0, c), text, lang, size, bold=True, fill=INK, ink=kit.WHITE)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            fill, ink = (colors[r - 1][c] if colors and colors[r - 1][c] else
                         ("#F5F7FA" if r % 2 == 0 else kit.WHITE, INK))
            _cell(grid.cell(r, c), text, lang, size, fill=fill, ink=ink)
    for r in range(len(rows) + 1):
        grid.rows[r].height = Inches(ROW_IN)
    return grid


def table_slides(d, title: str, grid: Grid, lead: str | None = None) -> None:
    """Add a table over as many slides as it needs, each titled `title (n av m)`."""
    top = kit.BODY_TOP + (Inches(0.6) if lead else 0)
    pages = row_pages(grid.header, grid.rows, grid.widths, (kit.BODY_BOTTOM - top) / Inches(1),
                      grid.size)
    at = 0
    for n, chunk in enumerate(pages, start=1):
        name = (t("slides.part", d.lang, title=title, page=n, pages=len(pages))
                if len(pages) > 1 else title)
        page = kit.slide(d.prs, name, d.lang)
        if lead:
            d.note(page, lead)
        table(page, top, grid.header, chunk, grid.widths, d.lang,
              grid.colors[at:at + len(chunk)], grid.size)
        at += len(chunk)


def _text(value) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None or pd.isna(value) else str(value)


def cells(df: pd.DataFrame, columns: list[str], design: Sequence[float], lang: str) -> Grid:
    """Return the table of the columns: the texts (long ones shortened to three lines), the
    status colours, and widths and size fitted to the words (fit_widths)."""
    header = [t(f"col.{c}", lang) for c in columns]
    shown = tables.labelled(df, columns, lang)
    texts = [[_text(v) for v in shown.iloc[i]] for i in range(len(df))]
    widths, size = fit_widths(header, texts, design)
    rows = [[shorten(text, w, size) for text, w in zip(row, widths)] for row in texts]
    colors = [[tables.status_colors(df[c].iloc[i]) if c in ("status", "previous_status")
               and isinstance(df[c].iloc[i], str) else None for c in columns]
              for i in range(len(df))]
    return Grid(header, rows, colors, widths, size)


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
    lead = t("slides.changes_summary", d.lang, as_of=compared.since(d.lang),
             **tables.change_counts(found))
    table_slides(d, title, cells(found, tables.CHANGE_COLUMNS, CHANGE_WIDTHS, d.lang), lead)


def stalled(d) -> None:
    """Add the actions whose status has stood still for the app's number of rounds."""
    rounds = STALLED_ROUNDS
    found = d.frame("stalled_actions", rounds=rounds)
    if found.empty:
        d.note(d.slide("slides.stalled"), t("empty.stalled", d.lang))
        return
    shown = found.assign(rounds_unchanged=[number(n, 0, d.lang)
                                           for n in found["rounds_unchanged"]])
    table_slides(d, t("slides.stalled", d.lang),
                 cells(shown, tables.STALLED_COLUMNS, STALLED_WIDTHS, d.lang),
                 tn("h.stalled_caption", rounds, d.lang))


def deadlines(d) -> None:
    """Add the actions overdue or due soon after the round's date, soonest first."""
    days = DUE_SOON_DAYS
    found = d.frame("deadlines", days=days)
    if found.empty:
        d.note(d.slide("slides.deadlines"), t("empty.deadlines", d.lang))
        return
    grid = cells(found, tables.DEADLINE_COLUMNS, DEADLINE_WIDTHS, d.lang)
    for row_colors, n in zip(grid.colors, found["days_overdue"]):
        if n > 0:  # past its due date: the days on the colour of `not done`
            row_colors[-1] = tables.status_colors("not_started")
    until = date(d.info["as_of"] + dt.timedelta(days=days), d.lang)
    table_slides(d, t("slides.deadlines", d.lang), grid,
                 tn("h.deadlines_caption", days, d.lang, until=until))


def portfolio(d) -> None:
    """Add how far each evaluation has come, when the round and filters hold more than one."""
    found = d.frame("evaluation_portfolio", report_months=REPORT_MONTHS)
    if not portfolio_table.many(found):
        return
    columns, widths = portfolio_table.SLIDE_COLUMNS, portfolio_table.SLIDE_WIDTHS
    table_slides(d, t("h.portfolio", d.lang),
                 cells(portfolio_table.written(found, d.lang), columns, widths, d.lang))
