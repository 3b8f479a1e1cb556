"""The meeting briefing: one self-contained HTML file that opens offline and prints on A4.

plotly.js is inlined once in the head; every chart is a div and a call to Plotly.newPlot.
A Content-Security-Policy forbids loading anything, so the file never reaches the network.
Every text from the data is escaped; the charts carry it as JSON, which plotly escapes.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from followup import store
from followup.filters import Filters
from followup.i18n import date, t, tn
from followup.report.documents import comparison
from followup.report.documents.comparison import Comparison
from followup.report.figures import (
    charts,
    followup_charts,
    kpis,
    links,
    portfolio_charts,
    portfolio_table,
    tables,
)
from followup.report.figures.kpis import Kpi
from followup.settings import (
    DUE_SOON_DAYS,
    REPORT_MONTHS,
    STALLED_ROUNDS,
    portfolio_level_nok,
)
from followup.workbook.formats import STATUSES

CSS = Path(__file__).with_name("brief.css")
FIRST_PAGE_HEIGHT, PAGE_HEIGHT = 440, 560
FULL_SIZE_ACTORS = 6
KEEP_FIRST, KEEP_LAST = 2, 3  # a table's rows that stay together on paper
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data: blob:; font-src data:")


def esc(value) -> str:
    """Return a value as HTML text: escaped, empty for None and NaN."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def frame(con, name: str, filters: Filters, **extra) -> pd.DataFrame:
    """Return the result of queries/NAME.sql for the filters as a DataFrame."""
    return con.execute(*store.bind(name, filters.params(**extra))).df()


def _round(con, snapshot: int) -> dict:
    return next(r for r in store.snapshots(con) if r["snapshot_id"] == snapshot)


def _chart(fig: go.Figure, name: str, height: int = PAGE_HEIGHT) -> str:
    """Return a chart as wide as its container (plotly's responsive mode: it is laid out again
    when the window changes), at most height pixels high."""
    fig.update_layout(width=None, height=min(fig.layout.height or height, height),
                      autosize=True)
    div = fig.to_html(full_html=False, include_plotlyjs=False, default_width="100%",
                      config={**charts.PLOTLY_CONFIG, "responsive": True},
                      div_id=f"chart-{name}")
    return f'<figure class="chart">{div}</figure>'


def _empty(key: str, lang: str, **values) -> str:
    return f'<p class="empty">{esc(t(key, lang, **values))}</p>'


def _section(name: str, heading: str, body: str) -> str:
    return f'<section class="sheet" id="s-{name}"><h2>{esc(heading)}</h2>{body}</section>'


def _tone(kpi: Kpi) -> str:
    news = kpis.tone(kpi)
    return "delta" if news == "neutral" else f"delta {news}"


def cards(items: list[Kpi], lang: str) -> str:
    """Return the key figures as a row of cards, with what their changes are against."""
    against = t("kpi.and_from", lang).join(dict.fromkeys(k.against for k in items if k.against))
    caption = (f'<p class="caption">{esc(t("kpi.changes", lang, against=against))}</p>'
               if against else "")
    row = "".join(
        f'<div class="kpi" title="{esc(k.help)}"><div class="label">{esc(k.label)}</div>'
        f'<div class="value">{esc(k.value)}</div>'
        f'<div class="{_tone(k)}">{esc(k.delta)}</div></div>' for k in items)
    return f'<div class="kpis">{row}</div>{caption}'


def table(df: pd.DataFrame, columns: list[str], lang: str, name: str) -> str:
    """Return rows as an HTML table in a box of its own: headers translated, values written out
    and escaped; the first and the last rows in row groups that a printed page does not split
    (tbody.keep)."""
    shown = tables.labelled(df, columns, lang)
    head = "".join(f'<th class="c-{c}">{esc(t(f"col.{c}", lang))}</th>' for c in columns)
    overdue = df["overdue"].fillna(False).astype(bool) if "overdue" in df else None
    rows = []
    for i in range(len(df)):
        cells = []
        for c in columns:
            code = df[c].iloc[i] if c in ("status", "previous_status") else None
            css = f"c-{c} status-{code}" if isinstance(code, str) else f"c-{c}"
            text = (links.evidence_html(df[c].iloc[i]) if c == "evidence"
                    else esc(shown[c].iloc[i]).replace("/", "/<wbr>"))  # breaks after a slash
            if c == "due_date" and overdue is not None and overdue.iloc[i]:
                text += f' <span class="flag">{esc(t("brief.overdue", lang))}</span>'
            cells.append(f'<td class="{css}">{text}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    groups = ([("keep", rows)] if len(rows) <= KEEP_FIRST + KEEP_LAST else
              [("keep", rows[:KEEP_FIRST]), ("", rows[KEEP_FIRST:-KEEP_LAST]),
               ("keep", rows[-KEEP_LAST:])])
    body = "".join(f'<tbody class="{css}">{"".join(part)}</tbody>' if css else
                   f'<tbody>{"".join(part)}</tbody>' for css, part in groups)
    # in its own box: on a phone a wide table scrolls there, not the page (tabindex: by keyboard)
    return (f'<div class="table-box" tabindex="0"><table class="data" id="t-{name}">'
            f'<thead><tr>{head}</tr></thead>{body}</table></div>')



def _completion(by_actor: pd.DataFrame, lang: str) -> str:
    """Return the completion chart; with many actors, the compact one so the page holds it."""
    if by_actor.empty:
        return _empty("empty.actions", lang)
    if by_actor["actor"].nunique() <= FULL_SIZE_ACTORS:
        return _chart(charts.completion_by_actor(by_actor, lang), "completion",
                      height=FIRST_PAGE_HEIGHT)
    fig = charts.completion_by_actor(by_actor, lang, compact=True)
    return (charts.status_legend_html(list(by_actor["status"]), lang)
            + _chart(fig, "completion", height=FIRST_PAGE_HEIGHT - 40))


def key_figures(con, filters: Filters, as_of, previous: int | None, lang: str) -> list[Kpi]:
    """Return the round's key figures: Oversikt's six (kpis.overview_cards), in its order."""
    return kpis.overview_cards(
        frame(con, "action_kpis", filters, previous=previous),
        frame(con, tables.RATE_QUERY, filters, previous=previous),
        frame(con, "spend_by_year", filters), frame(con, "multi_year_share", filters), as_of,
        lang)


def _first_page(con, filters: Filters, info: dict, previous: int | None, lang: str) -> str:
    as_of = info["as_of"]
    round_line = t("scope.round", lang, as_of=date(as_of, lang), file=info["file_name"])
    items = key_figures(con, filters, as_of, previous, lang)
    header = (f'<header class="top"><h1>{esc(t("brief.title", lang))} · '
              f'<span class="lead">{esc(t("app.tagline", lang))}</span></h1>'
              f'<p class="meta"><span id="round">{esc(round_line)}</span> · '
              f'<span id="scope">{esc(filters.describe(lang))}</span></p></header>')
    chart = _completion(frame(con, "status_by_actor", filters), lang)
    return (f'<section class="sheet" id="s-first">{header}'
            f'<h2 class="hidden">{esc(t("brief.kpis", lang))}</h2>{cards(items, lang)}'
            f'<h2>{esc(t("h.completion", lang))}</h2>{chart}</section>')


def _portfolio(con, filters: Filters, lang: str) -> str:
    """Return how far each evaluation has come (chart and table), or nothing when the round
    and filters hold one evaluation."""
    df = frame(con, "evaluation_portfolio", filters, report_months=REPORT_MONTHS)
    if not portfolio_table.many(df):
        return ""
    body = (_chart(portfolio_charts.evaluations_progress(df, lang), "portfolio")
            + table(portfolio_table.written(df, lang), portfolio_table.COLUMNS, lang,
                    "portfolio"))
    return _section("portfolio", t("h.portfolio", lang), body)


def _trend(con, filters: Filters, lang: str) -> str:
    trend = frame(con, "status_trend", filters)
    body = (_chart(charts.status_trend(trend, lang), "trend") if len(trend)
            else _empty("empty.actions", lang))
    return _section("trend", t("h.trend", lang), body)


def _changes(con, filters: Filters, compared: Comparison, lang: str) -> str:
    heading = compared.heading(lang)
    if compared.snapshot is None:
        return _section("changes", heading, _empty("empty.changes_first", lang))
    changes = frame(con, "action_changes", filters, previous=compared.snapshot)
    if changes.empty:
        body = f'<p class="empty">{esc(compared.nothing(lang))}</p>'
    else:
        counts, before = tables.change_counts(changes), compared.since(lang)
        body = (f'<p class="summary">{esc(t("h.changes_summary", lang, **counts))}</p>'
                f'<p class="caption">{esc(t("h.changes_caption", lang, as_of=before))}</p>'
                + table(changes, tables.CHANGE_COLUMNS, lang, "changes"))
    return _section("changes", heading, body)


def _listed(df: pd.DataFrame, columns: list[str], name: str, heading: str, caption: str,
            empty_key: str, lang: str) -> str:
    """Return a heading over a caption and the table of df, or over an empty state."""
    body = (f'<p class="caption">{esc(caption)}</p>' + table(df, columns, lang, name)
            if len(df) else _empty(empty_key, lang))
    return f"<h3>{esc(heading)}</h3>{body}"


def _followup(con, filters: Filters, as_of, lang: str) -> str:
    """Return the stalled actions and the deadlines, each a table or an empty state."""
    rounds, days = STALLED_ROUNDS, DUE_SOON_DAYS
    until = date(as_of + dt.timedelta(days=days), lang)
    body = (_listed(frame(con, "stalled_actions", filters, rounds=rounds),
                    tables.STALLED_COLUMNS, "stalled", t("h.stalled", lang),
                    tn("h.stalled_caption", rounds, lang), "empty.stalled", lang)
            + _listed(frame(con, "deadlines", filters, days=days), tables.DEADLINE_COLUMNS,
                      "deadlines", t("h.deadlines", lang),
                      tn("h.deadlines_caption", days, lang, until=until),
                      "empty.deadlines", lang))
    return _section("followup", t("brief.followup", lang), body)


def _recommendations(con, filters: Filters, previous: int | None, lang: str) -> str:
    """Return the recommendations (rate, chart by response and status, table), or nothing
    when the round has none."""
    recs = frame(con, "recommendation_status", filters)
    if recs.empty:
        return ""
    rate = kpis.implementation_cards(frame(con, tables.RATE_QUERY, filters, previous=previous),
                                     lang)
    body = ((cards(rate, lang) if rate else "")
            + _chart(followup_charts.recommendations_by_response(recs, lang), "recommendations",
                     height=PAGE_HEIGHT // 2)
            + table(recs, tables.RECOMMENDATION_COLUMNS, lang, "recommendations"))
    return _section("recommendations", t("brief.recommendations", lang), body)


def _multi_year(con, filters: Filters, lang: str) -> str:
    by_type = frame(con, "grants_by_type", filters)
    if by_type.empty:
        return _section("multi", t("brief.multi", lang), _empty("empty.grants", lang))
    share = frame(con, "multi_year_share", filters)
    body = (f'<div class="pair"><div><h3>{esc(t("h.by_type_amount", lang))}</h3>'
            + _chart(charts.grants_by_type_amount(by_type, lang), "by-type")
            + f'</div><div><h3>{esc(t("h.multi_share", lang))}</h3>'
            + _chart(charts.multi_year_share(share, lang), "multi-share")
            + f'</div></div><p class="caption">{esc(t("h.multi_caption", lang))}</p>')
    return _section("multi", t("brief.multi", lang), body)


def _spend(con, filters: Filters, lang: str) -> str:
    by_group = frame(con, "spend_by_group", filters, dimension="partner")
    if by_group.empty:
        return _section("spend", t("h.spend", lang), _empty("empty.grants", lang))
    level = None if filters.active else portfolio_level_nok()
    return _section("spend", t("h.spend", lang),
                    _chart(charts.spend_over_time(by_group, lang, level), "spend"))


def _actions(con, filters: Filters, lang: str) -> str:
    actions = frame(con, "action_list", filters)
    if actions.empty:
        return _section("actions", t("h.action_table", lang), _empty("empty.actions", lang))
    body = (f'<p class="caption">{esc(tn("table.rows", len(actions), lang))}</p>'
            + table(actions, tables.with_evidence(tables.ACTION_COLUMNS, actions), lang,
                    "actions"))
    return _section("actions", t("h.action_table", lang), body)


def _status_rules() -> str:
    codes = dict.fromkeys((*STATUSES, *followup_charts.REC_STATUSES))
    return "".join(f".status-{s} {{ {tables.status_css(s)} }}\n" for s in codes)


def document(title: str, body: str, lang: str) -> str:
    """Return a whole HTML page: the house CSS and plotly.js inlined, the body in main."""
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title>"
            f"<style>\n{CSS.read_text(encoding='utf-8')}{_status_rules()}</style>"
            f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
            f'<body><noscript><p class="empty">{esc(t("brief.noscript", lang))}</p></noscript>'
            f"<main>{body}</main></body></html>\n")


def render(con, filters: Filters, lang: str = "nb", compare: int | None = None) -> str:
    """Return the briefing for the filters as one self-contained HTML document; what changed
    is against `compare` (a round before the chosen one; default the round just before)."""
    title = t("brief.title", lang)
    if filters.snapshot is None:
        return document(title, _section("first", title, _empty("empty.db", lang)), lang)
    info = _round(con, filters.snapshot)
    previous = store.previous_snapshot(con, filters.snapshot)
    compared = comparison.choose(con, filters.snapshot, compare)
    title += f" {date(info['as_of'], lang)}"
    body = (_first_page(con, filters, info, previous, lang) + _portfolio(con, filters, lang)
            + _trend(con, filters, lang)
            + _changes(con, filters, compared, lang) + _followup(con, filters, info["as_of"], lang)
            + _recommendations(con, filters, previous, lang) + _multi_year(con, filters, lang)
            + _spend(con, filters, lang) + _actions(con, filters, lang))
    return document(title, body, lang)
