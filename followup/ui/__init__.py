"""The only Streamlit-aware module: the database, cached queries, navigation and the sidebar.

Filters live in plain session keys mirrored in the URL (followup.ui.state), so they survive
page switches and a link opens the same view.
Query results are kept per query, parameters and database generation; reads go through one
kept read-only connection that is given up as soon as a writer waits (followup.store.keeper),
so an import from the CLI is never blocked.
"""

from __future__ import annotations

import html
import logging
import math
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from followup import settings, store
from followup.filters import Filters
from followup.i18n import date, plain, t
from followup.report.documents import pack
from followup.report.figures import kpis, tables
from followup.report.figures.kpis import Kpi
from followup.ui import a11y, auth, compat, grids, present
from followup.ui.compat.pages_directory import through_navigation
from followup.ui.data import (
    database,
    generation,
    previous_round,
    query,
    round_info,
    snapshots,
)
from followup.ui.shared import figure, freeze_startup_heap, table
from followup.ui.sidebar import (
    compare_round,
    filters,
    presenting,
    scale,
    search_box,
    sidebar_footer,
    split_picker,
)
from followup.ui.state import lang

__all__ = ["database", "figure", "filters", "generation", "grid", "lang", "presenting",
           "previous_round", "query", "round_info", "scale", "search_box", "sidebar_footer",
           "snapshots", "split_picker", "through_navigation"]

TABLE_ROWS = 500
# The page icon ships with the app: a `:material/…:` icon is fetched from fonts.gstatic.com
ICON = str(Path(__file__).resolve().parent / "icon.png")
# The URL of a page is its file's name: the first request to a new server is resolved against
# the files in pages/ before dashboard.py has run (see compat.pages_directory).
PAGES = (("overview", "oversikt", ":material/dashboard:"),
         ("evaluations", "evaluations", ":material/fact_check:"),
         ("followup", "followup", ":material/checklist:"),
         ("recommendations", "recommendations", ":material/recommend:"),
         ("grants", "grants", ":material/handshake:"),
         ("portfolio", "portfolio", ":material/stacked_bar_chart:"))
# The download button of each document of the meeting pack: its words, icon and widget key.
DOWNLOADS = {"brief": ("brief", ":material/article:", "dl_brief"),
             "slides": ("slides", ":material/slideshow:", "dl_slides"),
             "export": ("data", ":material/table:", "dl_data")}
FAILED = "_download_failed"  # the document whose click failed to make it, said on the next run
_LOG = logging.getLogger(__name__)


def navigation():
    """Return the page navigation with titles in the chosen language."""
    compat.install([url for _, url, _ in PAGES] + ["upload"])
    freeze_startup_heap()
    lg = lang()
    page = auth.gate(lg) or st.navigation(_sections(lg))
    st.set_page_config(page_title=page_title(page.title, lg))
    return page


def _sections(lg: str) -> dict:
    here = Path(__file__).resolve().parent.parent.parent / "pages"
    analysis = [st.Page(here / f"{name}.py", title=t(f"page.{name}", lg), icon=icon,
                        url_path=None if name == "overview" else url,
                        default=name == "overview") for name, url, icon in PAGES]
    data = [st.Page(here / "upload.py", title=t("page.upload", lg), icon=":material/upload:",
                    url_path="upload")]
    sections = {t("nav.analysis", lg): analysis}
    if auth.allowed("import"):
        sections[t("nav.data", lg)] = data
    return sections


def page_title(title: str, lg: str) -> str:
    """Return the browser's title of a page: the page's name, then the app's."""
    app = t("app.title", lg)
    return title if title == app else f"{title} – {app}"


def header(page: str, f: Filters) -> None:
    """Draw the title, the round and filters shown, the downloads, and presentation controls."""
    lg = lang()
    st.html(CSS)
    if presenting():
        present.nav(page, PAGES, lg)
    # the title takes what the downloads leave: the three stay on one row at 1366 in every
    # language, and go under the title only where the two do not fit side by side
    top = st.container(horizontal=True, vertical_alignment="bottom", gap="medium",
                       key="page_top")
    top.title(t(f"page.{page}", lg), anchor=False, width="stretch")
    tools = top.container(width="content")
    if f.snapshot is None:
        st.info(t("empty.db", lg))
        st.stop()
    info = round_info(f.snapshot)
    shown = t("scope.round", lg, as_of=date(info["as_of"], lg), file=info["file_name"])
    st.caption(plain(f"{shown} · {f.describe(lg)}"))
    said = headline(page, f, info["as_of"])
    if said:  # the sentence read aloud first, the details after it (issue 24 #6)
        st.html(f'<p class="page-headline">{html.escape(said)}</p>')
    if only_sample():
        st.warning(t("sample.notice", lg), icon=":material/science:")
    if not presenting():
        with tools:
            downloads(f, info["as_of"])


ACTION_PAGES = ("overview", "evaluations", "followup")
GRANT_PAGES = ("grants", "portfolio")


def headline(page: str, f: Filters, as_of) -> str | None:
    """Return the page's headline: the actions done, overdue and stalled on the pages about
    actions, the accepted recommendations implemented on Anbefalinger, the year's disbursements
    on the pages about grants (from the pages' own queries, so the figures agree with the cards
    under it)."""
    lg = lang()
    if page == "recommendations":  # the card's query and arguments: one cached result
        rates = query(tables.RATE_QUERY, f, previous=previous_round(f.snapshot))
        return kpis.recommendation_headline(rates, lg)
    if page in ACTION_PAGES:
        stalled = len(query("stalled_actions", f, rounds=settings.STALLED_ROUNDS))
        kpi = query("action_kpis", f, previous=previous_round(f.snapshot))  # as the cards ask
        return kpis.action_headline(kpi, stalled, lg)
    if page in GRANT_PAGES:
        return kpis.spend_headline(query("spend_by_year", f), query("multi_year_share", f),
                                   as_of, lg)
    return None


def only_sample() -> bool:
    """Return True while every round in the database is one of the sample's (loaded on first
    use, by settings.SAMPLE_WHO)."""
    rounds = snapshots()
    return bool(len(rounds)) and all(who == settings.SAMPLE_WHO for who in rounds["loaded_by"])


def downloads(f: Filters, as_of) -> None:
    """Offer the briefing (HTML), the slides (pptx) and the data (xlsx) for these filters and
    the round chosen in "Compare with"; each file is made only when its button is clicked,
    and a file that could not be made is said on the page."""
    if not auth.allowed("download"):
        return
    lg = lang()
    db, gen = str(database()), generation(database())
    compare = compare_round(f.snapshot)
    against = ("" if compare is None else " " + t(
        "dl.compared", lg, as_of=date(round_info(compare)["as_of"], lg)))
    # one row that wraps, so no label is cut when the page is narrow
    row = st.container(horizontal=True, horizontal_alignment="right", gap="small")
    for document in pack.PACK:
        label, icon, key = DOWNLOADS[document.command]
        row.download_button(t(f"dl.{label}", lg),
                            lambda c=document.command: _pack(c, db, gen, f, lg, compare),
                            file_name=pack.file_name(document.command, as_of),
                            mime=document.mime, icon=icon, on_click=_made, key=key,
                            args=(document.command, db, gen, f, lg, compare),
                            help=t(f"dl.{label}_help", lg) + against)
    failed = st.session_state.pop(FAILED, None)
    if failed in DOWNLOADS:
        st.error(t("dl.failed", lg, document=t(f"dl.{DOWNLOADS[failed][0]}", lg)),
                 icon=":material/error:")


def _made(command: str, db: str, gen: tuple, f: Filters, lg: str, compare: int | None) -> None:
    """On a click, make the document in the session's own run as well (the download, made on
    another thread, waits for it in the cache), so that a failure is said on the page: the
    framework only shows a passing English line under the button."""
    try:
        _pack(command, db, gen, f, lg, compare)
    except Exception:
        _LOG.exception("the %s of round %s could not be made", command, f.snapshot)
        st.session_state[FAILED] = command


@st.cache_data(show_spinner=False, max_entries=96)
def _pack(command: str, db: str, gen: tuple, f: Filters, lg: str, compare: int | None) -> bytes:
    """Return one document of the meeting pack, made when its button is clicked."""
    with store.kept_reader(Path(db)) as con:
        return pack.make(command, con, f, lg, compare)


def grid(df, columns: list[str], **options):
    """Draw these columns as a grid: typed values, formats in the user's language, built
    once for every viewer of the same data; in presentation mode as a table in large type."""
    if presenting():
        return present.table(df, columns, lang())
    return grids.draw(table(df, columns, lang()), **options)


def portfolio_level(f: Filters) -> float | None:
    """Return the annual portfolio level to draw, or None when filters narrow the portfolio."""
    return None if f.active else settings.portfolio_level_nok()


def chart(fig: go.Figure, key: str, select: bool = False):
    """Draw a figure with the house modebar (PNG download kept), then its text alternative and
    its table view (followup.ui.a11y); return a click selection."""
    return a11y.chart(fig, key, lang(), select=select)


def panel(heading: str, df, empty_key: str, build, key: str) -> bool:
    """Draw a heading and the chart build(df), or the empty state when df has no rows;
    return True when the chart was drawn."""
    st.header(t(heading, lang()), anchor=False)
    if df.empty:
        empty(empty_key)
        return False
    chart(build(df), key)
    return True


def empty(key: str) -> None:
    """Draw a friendly empty state instead of an empty chart."""
    st.info(t(key, lang()), icon=":material/filter_alt_off:")


CSS = """
<style>
.block-container { padding-top: 2.2rem; }
/* the three small charts side by side: each heading keeps two lines, its words at the bottom,
   so the headings and the charts start on one line whichever heading wraps */
@media (min-width: 640px) {
  .st-key-small_charts h2 { box-sizing: content-box; min-height: 2lh; display: flex;
                             flex-direction: column; justify-content: flex-end; }
}
.page-headline { font-size: 1.35rem; font-weight: 600; line-height: 1.35; margin: 0; }
[data-testid="stMetricValue"] { font-size: 2.1rem; }
[data-testid="stMetricDelta"] { font-size: 0.95rem; }
/* key-figure labels and changes wrap instead of being cut (…), in every language */
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: break-word; }
[data-testid="stMetricLabel"] { min-height: 2.7em; align-items: flex-start; }
[data-testid="stMetricLabel"] > div { overflow: visible !important; }
@media (max-width: 640px) {
  /* below the header bar, which a phone draws opaque (the title's top was cut by it) */
  .block-container { padding-left: 1rem; padding-right: 1rem; padding-top: 4.5rem; }
  /* the title on a row of its own, the downloads under it, at 2rem (Streamlit's own rule
     made it 2.75rem: beside the downloads "Recommendations" broke inside the word) */
  .st-key-page_top h1 { font-size: 2rem; }
  .st-key-page_top { flex-wrap: wrap; }
  .st-key-page_top > div:first-child { flex: 1 1 100%; }
  [data-testid="stMetricLabel"] { min-height: 0; }
}
</style>
"""


_COLOR = {"good": "green", "bad": "red", "neutral": "gray"}
# Cards a row holds beside the sidebar from 1280 px up; six go in two rows of three.
CARDS_PER_ROW = 5


def cards(items: list[Kpi]) -> None:
    """Draw KPI cards in rows of equal length (one row when presenting, on a wide screen),
    with one line saying what the changes are against."""
    if not items:
        empty("empty.nothing")
        return
    against = list(dict.fromkeys(k.against for k in items if k.against))
    if against:
        st.caption(t("kpi.changes", lang(), against=t("kpi.and_from", lang()).join(against)))
    rows = 1 if presenting() else math.ceil(len(items) / CARDS_PER_ROW)
    per_row = math.ceil(len(items) / rows)
    for start in range(0, len(items), per_row):
        for column, kpi in zip(st.columns(per_row), items[start:start + per_row]):
            column.metric(kpi.label, kpi.value, kpi.delta, delta_color=_COLOR[kpis.tone(kpi)],
                          delta_arrow=kpis.direction(kpi), help=kpi.help, border=True)


def clicked(event) -> str | None:
    """Return the label (customdata) of the bar clicked in a chart, or None (as written in
    the workbook: charts escape it for plotly)."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list):
            data = data[0] if data else None
        if data:
            return html.unescape(str(data))
    return None


