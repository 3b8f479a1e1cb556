"""The meeting pack as a PowerPoint deck: read-only query results in, .pptx bytes out.

Every chart is a native chart with its data embedded (editable in PowerPoint and Impress),
built from the same queries, for the same filters, as the app's pages and the briefing.
Long tables continue on further slides rather than shrinking below 12 pt.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field

import pandas as pd
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches

from followup import store
from followup.filters import Filters
from followup.i18n import date, mnok, percent, status_label, t
from followup.report.documents import brief, comparison, slide_tables
from followup.report.documents import slide_kit as kit
from followup.report.documents.comparison import Comparison
from followup.report.figures import kpis, planned, tables
from followup.report.figures.charts import INK, MUTED, TYPE_COLORS
from followup.report.figures.followup_charts import (
    REC_STATUSES,
    RESPONSES,
    rec_status_label,
    response_label,
)
from followup.settings import portfolio_level_nok
from followup.workbook.formats import STATUSES

ACTORS_PER_SLIDE = 6  # two-line names and the share done, all labelled, on a projector


@dataclass
class Deck:
    """What every slide needs: the connection, the filters, the language and the round."""

    con: object
    filters: Filters
    lang: str
    prs: object
    info: dict | None = None
    previous: int | None = None
    compared: Comparison = field(default_factory=Comparison)

    def frame(self, name: str, **extra) -> pd.DataFrame:
        """Return queries/NAME.sql for the deck's filters, as the briefing runs it."""
        return brief.frame(self.con, name, self.filters, **extra)

    def round(self, snapshot: int) -> dict:
        """Return the row of a reporting round (as_of, file_name, ...)."""
        return next(r for r in store.snapshots(self.con) if r["snapshot_id"] == snapshot)

    def slide(self, key: str, **values):
        """Add a content slide titled with the text of key."""
        return kit.slide(self.prs, t(key, self.lang, **values), self.lang)

    def note(self, page, text: str) -> None:
        """Put one line of text under a slide's title."""
        kit.textbox(page, (kit.MARGIN, kit.BODY_TOP, kit.WIDTH - 2 * kit.MARGIN, Inches(0.6)),
                    [(text, kit.TEXT_PT, False, MUTED)], self.lang)


def evaluations(d: Deck) -> list[str]:
    """Return the evaluations the deck covers: those chosen, else those of the round."""
    if d.filters.evaluations:
        return list(d.filters.evaluations)
    return [e for e in d.frame("round_evaluations")["evaluation"] if isinstance(e, str)]


def title_slide(d: Deck) -> None:
    """Add the title: the briefing's name, the evaluation, the round's date and the filters."""
    page = kit.slide(d.prs, t("slides.title", d.lang), d.lang, kit.TITLE_LAYOUT)
    names = evaluations(d)
    lead = (t("slides.evaluations", d.lang, names=", ".join(names)) if names
            else t("app.tagline", d.lang))
    round_line = t("scope.round", d.lang, as_of=date(d.info["as_of"], d.lang),
                   file=d.info["file_name"])
    kit.fill_text(page.placeholders[1].text_frame,
                  [(lead, kit.LEAD_PT, True), (round_line, kit.TEXT_PT, False, MUTED),
                   (d.filters.describe(d.lang), kit.TEXT_PT, False, MUTED)],
                  d.lang, PP_ALIGN.CENTER)


def key_figures(d: Deck) -> None:
    """Add the key figures as cards, with what their changes are measured against."""
    page = d.slide("slides.kpis")
    items = brief.key_figures(d.con, d.filters, d.info["as_of"], d.previous, d.lang)
    if not items:
        d.note(page, t("slides.no_actions", d.lang))
        return
    gap = Inches(0.25 if len(items) <= 5 else 0.15)
    width = (kit.WIDTH - 2 * kit.MARGIN - gap * (len(items) - 1)) / len(items)
    narrow = len(items) > 5
    sizes = kit.tile_sizes([(k.label, k.value, k.delta) for k in items], int(width), narrow)
    for i, item in enumerate(items):
        kit.tile(page, (kit.MARGIN + i * (width + gap), Inches(2.0), int(width), Inches(3.0)),
                 item.label, item.value, item.delta, kpis.tone(item), d.lang, narrow, sizes)
    against = t("kpi.and_from", d.lang).join(dict.fromkeys(k.against for k in items
                                                           if k.against))
    if against:
        kit.textbox(page, (kit.MARGIN, Inches(5.3), kit.WIDTH - 2 * kit.MARGIN, Inches(0.6)),
                    [(t("kpi.changes", d.lang, against=against), kit.TEXT_PT, False, MUTED)],
                    d.lang)


def _body(top=kit.BODY_TOP) -> tuple:
    return (kit.MARGIN, top, kit.WIDTH - 2 * kit.MARGIN, kit.BODY_BOTTOM - top)


def completion(d: Deck) -> None:
    """Add completion by actor: status counts stacked per actor, the share done by each name."""
    by_actor = d.frame("status_by_actor")
    if by_actor.empty:
        d.note(d.slide("slides.completion"), t("slides.no_actions", d.lang))
        return
    actors = list(dict.fromkeys(by_actor["actor"]))
    per = -(-len(actors) // -(-len(actors) // ACTORS_PER_SLIDE))  # spread evenly over slides
    chunks = [actors[i:i + per] for i in range(0, len(actors), per)]
    for n, chunk in enumerate(chunks, start=1):
        title = t("slides.completion", d.lang)
        if len(chunks) > 1:
            title = t("slides.part", d.lang, title=title, page=n, pages=len(chunks))
        page = kit.slide(d.prs, title, d.lang)
        part = by_actor[by_actor["actor"].isin(chunk)]
        chart = kit.chart(page, _body(), XL_CHART_TYPE.BAR_STACKED, actor_labels(part, d.lang),
                          status_series(part, chunk, d.lang), kit.number_format("count", d.lang),
                          d.lang, axis_title=t("chart.actions", d.lang), top_down=True)
        kit.plot_box(chart, 0.3, 0.1, 0.68, 0.76)


def actor_labels(by_actor: pd.DataFrame, lang: str) -> list[str]:
    """Return each actor's name with its share done, in the query's order."""
    shares = by_actor.drop_duplicates("actor")
    return [f"{textwrap.shorten(a, 60, placeholder=' …')}\n"
            f"{t('chart.done_label', lang, pct=percent(p, lang, 0))}"
            for a, p in zip(shares["actor"], shares["completion_pct"])]


def status_series(by_actor: pd.DataFrame, actors: list[str], lang: str) -> list[tuple]:
    """Return one series per status present: its name, counts per actor, fill and text colour."""
    out = []
    for status in STATUSES:
        counts = by_actor[by_actor["status"] == status].set_index("actor")["actions"]
        if counts.empty:
            continue
        values = [int(counts[a]) if a in counts.index else None for a in actors]
        fill, ink = tables.status_colors(status)
        out.append((status_label(status, lang), values, fill, ink))
    return out


def recommendations(d: Deck) -> None:
    """Add the recommendations per management response, stacked by their status, with the
    implementation rate; nothing when the round has no recommendations."""
    recs = d.frame("recommendation_status")
    if recs.empty:
        return
    page = d.slide("slides.recommendations")
    rate = kpis.implementation_cards(d.frame(tables.RATE_QUERY, previous=d.previous), d.lang)
    left = kit.MARGIN
    if rate:
        kit.tile(page, (kit.MARGIN, Inches(2.4), Inches(2.8), Inches(3.0)), rate[0].label,
                 rate[0].value, rate[0].delta, kpis.tone(rate[0]), d.lang)
        left += Inches(3.1)
    responses = [r for r in RESPONSES if r in set(recs["response"])]
    counts = recs.groupby(["response", "status"]).size()
    labels = [f"{response_label(r, d.lang)}\n" + t(
        "rec.implemented_of", d.lang, done=int(counts.get((r, "implemented"), 0)),
        total=int(counts.loc[r].sum())) for r in responses]
    series = []
    for status in REC_STATUSES:
        values = [int(counts[(r, status)]) if (r, status) in counts.index else None
                  for r in responses]
        if any(values):
            fill, ink = tables.status_colors(status)
            series.append((rec_status_label(status, d.lang), values, fill, ink))
    chart = kit.chart(page, (left, kit.BODY_TOP, kit.WIDTH - kit.MARGIN - left,
                             kit.BODY_BOTTOM - kit.BODY_TOP), XL_CHART_TYPE.BAR_STACKED,
                      labels, series, kit.number_format("count", d.lang), d.lang,
                      axis_title=t("chart.recommendations", d.lang), top_down=True)
    kit.plot_box(chart, 0.3, 0.1, 0.68, 0.76)


def multi_year(d: Deck) -> None:
    """Add multi-year against one-year agreements per year: their number and the NOK paid."""
    page = d.slide("slides.multi")
    by_type = d.frame("grants_by_type")
    if by_type.empty:
        d.note(page, t("slides.no_grants", d.lang))
        return
    years = sorted({int(y) for y in by_type["year"]})
    plans = planned.years(by_type)
    top = float(by_type.groupby("year")["amount_nok"].sum().abs().max())
    half = (kit.WIDTH - 2 * kit.MARGIN - Inches(0.4)) / 2
    for i, (column, key, kind, fmt) in enumerate((
            ("grants", "slides.by_count", XL_CHART_TYPE.COLUMN_CLUSTERED, "count"),
            ("amount_nok", "slides.by_amount", XL_CHART_TYPE.COLUMN_STACKED, "mnok"))):
        left = kit.MARGIN + i * (half + Inches(0.4))
        kit.textbox(page, (left, kit.BODY_TOP, int(half), Inches(0.5)),
                    [(t(key, d.lang), kit.TEXT_PT, True)], d.lang)
        chart = kit.chart(page, (left, kit.BODY_TOP + Inches(0.5), int(half),
                                 kit.BODY_BOTTOM - kit.BODY_TOP - Inches(0.5)),
                          kind, [planned.label(y, plans, d.lang) for y in years],
                          type_series(by_type, years, column, d.lang),
                          kit.number_format(fmt, d.lang), d.lang,
                          axis_fmt=mnok_axis(top, d.lang) if fmt == "mnok" else None)
        kit.mark_planned(chart, [i for i, y in enumerate(years) if y in plans])


def type_series(by_type: pd.DataFrame, years: list[int], column: str, lang: str) -> list:
    """Return the multi-year and one-year series of a column, a value (or None) per year."""
    out = []
    for kind, color in TYPE_COLORS.items():
        part = by_type[by_type["grant_type"] == kind].set_index("year")[column]
        values = [float(part[y]) if y in part.index else None for y in years]
        ink = "#FFFFFF" if kind == "multi-year" else INK
        out.append((t(f"grant_type.{kind}", lang), values, color,
                    ink if column == "amount_nok" else INK))
    return out


def mnok_axis(top: float, lang: str) -> str:
    """Return the axis format for amounts up to top: whole millions, or tenths below 5 MNOK
    (so that no two ticks read the same)."""
    return kit.number_format("mnok_axis" if top >= 5_000_000 else "mnok", lang)


def spend(d: Deck) -> None:
    """Add spend per year, with the portfolio level as a line when the whole portfolio shows."""
    level = None if d.filters.active else portfolio_level_nok()
    page = d.slide("slides.spend" if level else "slides.spend_filtered")
    by_year = d.frame("spend_by_year")
    plans = planned.years(by_year)
    if by_year.empty:
        d.note(page, t("slides.no_grants", d.lang))
        return
    series = [(t("slides.disbursed", d.lang), [float(v) for v in by_year["amount_nok"]],
               TYPE_COLORS["multi-year"], "#FFFFFF")]
    if level:
        series.append((t("slides.level", d.lang, level=mnok(level, d.lang, 0)),
                       [level] * len(by_year), INK))
    amounts = [abs(v) for v in series[0][1]]
    top = max([*amounts, level or 0])
    inside = min(amounts) >= 0.15 * top  # a label fits inside the foot of every bar
    if not inside:
        series[0] = (*series[0][:3], INK)
    chart = kit.chart(page, _body(), XL_CHART_TYPE.COLUMN_CLUSTERED,
                      [planned.label(y, plans, d.lang) for y in by_year["year"]], series,
                      kit.number_format("mnok", d.lang), d.lang,
                      axis_fmt=mnok_axis(top, d.lang), axis_title=t("chart.mnok", d.lang),
                      inside=inside, legend=True)
    kit.mark_planned(chart, [i for i, y in enumerate(by_year["year"]) if int(y) in plans], 1)
    if level:
        kit.as_line(chart, INK)


SLIDES = (title_slide, key_figures, slide_tables.portfolio, completion, recommendations,
          multi_year, spend, slide_tables.changes, slide_tables.stalled, slide_tables.deadlines)


def render(con, filters: Filters, lang: str = "nb", compare: int | None = None) -> bytes:
    """Return the deck for the filters as .pptx bytes; what changed is against `compare` (a
    round before the chosen one; default the round just before)."""
    title = t("slides.title", lang)
    d = Deck(con, filters, lang, kit.deck(lang, title))
    if filters.snapshot is None:
        d.note(kit.slide(d.prs, title, lang), t("slides.no_rounds", lang))
    else:
        d.info = d.round(filters.snapshot)
        d.previous = store.previous_snapshot(con, filters.snapshot)
        d.compared = comparison.choose(con, filters.snapshot, compare)
        d.prs.core_properties.title = f"{title} {date(d.info['as_of'], lang)}"
        for build in SLIDES:
            build(d)
        scope = (f"{t('app.title', lang)} · " + t("scope.round", lang, as_of=date(
            d.info["as_of"], lang), file=d.info["file_name"]) + f" · {filters.describe(lang)}")
        pages = list(d.prs.slides)
        for n, page in enumerate(pages[1:], start=2):
            kit.footer(page, scope, n, len(pages), lang)
    out = io.BytesIO()
    d.prs.save(out)
    return out.getvalue()
