"""The only Streamlit-aware module: the database, cached queries, navigation and the sidebar.

Filters live in plain session keys mirrored in the URL (followup.ui.state), so they survive
page switches and a link opens the same view.
Query results are cached per query, parameters and database generation; every batch of
reads opens its own short read-only connection, so an import from the CLI is never blocked.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from followup import brief, charts, export, ingest, settings, store
from followup.filters import Filters
from followup.i18n import LANGS, date, plain, t
from followup.kpis import Kpi
from followup.ui import auth, state
from followup.ui.state import lang

TABLE_ROWS = 500
# The URL of a page is its file's name: the first request to a new server is resolved against
# the files in pages/ before dashboard.py has run (see `through_navigation`).
PAGES = (("overview", "oversikt", ":material/dashboard:"),
         ("followup", "followup", ":material/checklist:"),
         ("grants", "grants", ":material/handshake:"),
         ("portfolio", "portfolio", ":material/stacked_bar_chart:"))


def through_navigation() -> None:
    """Make sure a page runs inside dashboard.py's navigation; call first in every page.

    While no script has run yet, Streamlit (1.67) treats a `pages/` folder as an old-style
    multipage app: a new server's first visitor who opens a page's own address gets that page
    file run alone, with a navigation of bare file names and without dashboard.py (so without
    the sign-in gate). Leaving that mode and rerunning sends the visit through dashboard.py.
    AppTest restarts that mode before every run it makes, so under AppTest this does nothing
    (a rerun would swallow the clicks a test makes).
    """
    import sys

    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and "streamlit.testing.v1" not in sys.modules:
        PagesManager.uses_pages_directory = False
        st.rerun()


def navigation():
    """Return the page navigation with titles in the chosen language."""
    lg = lang()
    gate = auth.gate(lg)
    if gate is not None:
        return gate
    here = Path(__file__).resolve().parent.parent.parent / "pages"
    analysis = [st.Page(here / f"{name}.py", title=t(f"page.{name}", lg), icon=icon,
                        url_path=None if name == "overview" else url,
                        default=name == "overview") for name, url, icon in PAGES]
    data = [st.Page(here / "upload.py", title=t("page.upload", lg), icon=":material/upload:",
                    url_path="upload")]
    sections = {t("nav.analysis", lg): analysis}
    if auth.allowed("import"):
        sections[t("nav.data", lg)] = data
    return st.navigation(sections)


@st.cache_resource(show_spinner=False)
def _ready(path: str) -> str:
    ingest.ensure_database(Path(path))
    return path


def database() -> Path:
    """Return the database path, loading the sample rounds on first run."""
    return Path(_ready(str(settings.db_path())))


def generation(db: Path) -> tuple:
    """Return what changes whenever the database changes (its files' times and sizes)."""
    out = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            info = path.stat()
            out.append((info.st_mtime_ns, info.st_size))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


@st.cache_data(show_spinner=False, max_entries=2000)
def _query(db: str, gen: tuple, name: str, params: dict) -> pd.DataFrame:
    with store.reader(Path(db)) as con:
        return con.execute(*store.bind(name, params)).df()


def query(name: str, filters: Filters | None = None, **extra) -> pd.DataFrame:
    """Return the result of queries/NAME.sql for the filters (cached until the data changes)."""
    db = database()
    params = (filters or Filters()).params(**extra)
    return _query(str(db), generation(db), name, params)


@st.cache_data(show_spinner=False, max_entries=64)
def _snapshots(db: str, gen: tuple) -> pd.DataFrame:
    with store.reader(Path(db)) as con:
        return pd.DataFrame(store.snapshots(con))


def snapshots() -> pd.DataFrame:
    """Return the reporting rounds, newest first."""
    db = database()
    return _snapshots(str(db), generation(db))


def previous_round(snapshot: int) -> int | None:
    """Return the round before the given one, or None."""
    rounds = snapshots()
    ids = list(rounds["snapshot_id"])
    at = ids.index(snapshot) if snapshot in ids else -1
    return ids[at + 1] if 0 <= at < len(ids) - 1 else None


def round_info(snapshot: int) -> dict:
    """Return the row of one reporting round (as_of, file_name, ...)."""
    rounds = snapshots()
    return rounds[rounds["snapshot_id"] == snapshot].iloc[0].to_dict()


def _options() -> dict[str, list[str]]:
    df = query("filter_options")
    return {dim: list(df.loc[df["dimension"] == dim, "value"]) for dim in
            ("evaluation", "region", "section", "partner", "year")}


def _round_picker(rounds: pd.DataFrame, lg: str) -> int:
    labels = {int(r.snapshot_id): t("filter.round_label", lg, as_of=date(r.as_of, lg),
                                    file=r.file_name, id=r.snapshot_id)
              for r in rounds.itertuples()}
    ids = list(labels)
    labels[ids[0]] += " " + t("filter.latest", lg)
    kept = state.get("round")
    chosen = st.selectbox(t("filter.round", lg), ids, index=ids.index(kept) if kept in ids else 0,
                          format_func=labels.get, key="round", on_change=state.keep,
                          args=("round",))
    state.put("round", chosen)
    return chosen


def _multi(name: str, options: list[str], lg: str) -> tuple[str, ...]:
    kept = [v for v in state.get(name, []) if v in options]
    state.put(name, kept)
    if options:
        st.multiselect(t(f"filter.{name}", lg), options, default=kept, key=name,
                       placeholder=t("filter.all", lg), on_change=state.keep, args=(name,))
    return tuple(kept)


def _years(years: list[str], lg: str) -> tuple[int | None, int | None]:
    values = sorted(int(y) for y in years)
    if len(values) < 2:
        return None, None
    first, last = values[0], values[-1]
    kept = state.get("years") or (first, last)
    low, high = sorted(min(max(v, first), last) for v in kept)
    state.put("years", (low, high))
    st.slider(t("filter.years", lg), first, last, (low, high), key="years",
              on_change=state.keep, args=("years",))
    return (None if low == first else low), (None if high == last else high)


def sidebar_footer(lg: str, divider: bool = True, present_toggle: bool = True) -> None:
    """Draw the language switch at the foot of the sidebar, and who is signed in (if anyone)."""
    with st.sidebar:
        if divider:
            st.divider()
        st.segmented_control(t("lang.label", lg), list(LANGS), default=lg, required=True,
                             format_func={"nb": "Norsk", "en": "English"}.get, key="lang",
                             on_change=state.keep, args=("lang",))
        if present_toggle:
            st.toggle(t("present.label", lg), value=presenting(), key="present",
                      help=t("present.help", lg), on_change=state.keep, args=("present",))
        auth.sidebar(lg)


def filters() -> Filters:
    """Draw the shared filters in the sidebar and return what they select."""
    auth.require("browse")
    state.read_url()
    lg = lang()
    rounds = snapshots()
    if rounds.empty:
        sidebar_footer(lg)
        state.write_url(None, None)
        return Filters()
    with st.sidebar:
        st.subheader(t("filter.heading", lg))
        snapshot = _round_picker(rounds, lg)
        options = _options()
        chosen = {name: _multi(name, options[name], lg) for name in state.MULTI}
        year_from, year_to = _years(options["year"], lg)
        if any(chosen.values()) or year_from or year_to:
            st.button(t("filter.reset", lg), on_click=state.clear, icon=":material/close:")
    sidebar_footer(lg)
    years = sorted(int(y) for y in options["year"])
    state.write_url(int(rounds["snapshot_id"].iloc[0]),
                    (years[0], years[-1]) if len(years) > 1 else None)
    return Filters(snapshot=snapshot, evaluations=chosen["evaluation"],
                   regions=chosen["region"], sections=chosen["section"],
                   partners=chosen["partner"], year_from=year_from, year_to=year_to)


def header(page: str, f: Filters) -> None:
    """Draw the title, the round and filters shown, the downloads, and presentation controls."""
    lg = lang()
    st.html(CSS + (PRESENT_CSS if presenting() else ""))
    if presenting():
        st.button(t("present.exit", lg), on_click=state.put, args=("present", None),
                  icon=":material/close_fullscreen:", key="present_exit")
    title, tools = st.columns([3, 2], vertical_alignment="bottom")
    title.title(t(f"page.{page}", lg))
    if f.snapshot is None:
        st.info(t("empty.db", lg))
        st.stop()
    info = round_info(f.snapshot)
    shown = t("scope.round", lg, as_of=date(info["as_of"], lg), file=info["file_name"])
    st.caption(plain(f"{shown} · {f.describe(lg)}"))
    if not presenting():
        with tools:
            downloads(f, info["as_of"])


def downloads(f: Filters, as_of) -> None:
    """Offer the briefing (one HTML file) and the data (xlsx) for exactly these filters."""
    if not auth.allowed("download"):
        return
    lg = lang()
    db, gen = str(database()), generation(database())
    stamp = as_of.strftime("%Y-%m-%d")
    left, right = st.columns(2)
    left.download_button(t("dl.brief", lg), lambda: _brief(db, gen, f, lg),
                         file_name=f"oppfolging-briefing-{stamp}.html", mime="text/html",
                         icon=":material/article:", on_click="ignore", key="dl_brief",
                         help=t("dl.brief_help", lg))
    right.download_button(t("dl.data", lg), lambda: _export(db, gen, f, lg),
                          file_name=f"oppfolging-data-{stamp}.xlsx", on_click="ignore",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml."
                               "sheet", icon=":material/table:", key="dl_data",
                          help=t("dl.data_help", lg))


@st.cache_data(show_spinner=False, max_entries=32)
def _brief(db: str, gen: tuple, f: Filters, lg: str) -> str:
    with store.reader(Path(db)) as con:
        return brief.render(con, f, lg)


@st.cache_data(show_spinner=False, max_entries=32)
def _export(db: str, gen: tuple, f: Filters, lg: str) -> bytes:
    with store.reader(Path(db)) as con:
        return export.workbook(con, f, lg)


def portfolio_level(f: Filters) -> float | None:
    """Return the annual portfolio level to draw, or None when filters narrow the portfolio."""
    return None if f.active else settings.portfolio_level_nok()


def presenting() -> bool:
    """Return True in presentation mode (no sidebar, larger chart type)."""
    return state.get("present") in (True, "1", "true", "yes", "ja")


def scale() -> float:
    """Return how much larger chart type is drawn (1.35 in presentation mode)."""
    return 1.35 if presenting() else 1.0


def chart(fig: go.Figure, key: str, select: bool = False):
    """Draw a figure with the house modebar (PNG download kept); return a click selection."""
    if select:
        return st.plotly_chart(fig, key=key, config=charts.PLOTLY_CONFIG, on_select="rerun",
                               selection_mode="points")
    st.plotly_chart(fig, key=key, config=charts.PLOTLY_CONFIG)
    return None


def empty(key: str) -> None:
    """Draw a friendly empty state instead of an empty chart."""
    st.info(t(key, lang()), icon=":material/filter_alt_off:")


CSS = """
<style>
.block-container { padding-top: 2.2rem; }
[data-testid="stMetricValue"] { font-size: 2.1rem; }
[data-testid="stMetricDelta"] { font-size: 0.95rem; }
</style>
"""
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] { display: none; }
.block-container { max-width: 100%; padding: 1.2rem 2.5rem; }
[data-testid="stMetricValue"] { font-size: 2.8rem; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem; }
h1 { font-size: 3rem; } h2, h3 { font-size: 2rem; }
</style>
"""


def cards(items: list[Kpi]) -> None:
    """Draw KPI cards in one row, with one line saying what the changes are against."""
    if not items:
        empty("empty.nothing")
        return
    against = list(dict.fromkeys(k.against for k in items if k.against))
    if against:
        st.caption(t("kpi.changes", lang(), against=t("kpi.and_from", lang()).join(against)))
    for column, kpi in zip(st.columns(len(items)), items):
        column.metric(kpi.label, kpi.value, kpi.delta, delta_color=kpi.delta_color,
                      delta_arrow=kpi.arrow, help=kpi.help, border=True)


def clicked(event) -> str | None:
    """Return the label (customdata) of the bar clicked in a chart, or None."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list):
            data = data[0] if data else None
        if data:
            return str(data)
    return None


def search_box() -> str:
    """Draw the action search box (kept across pages and in the URL); return its text."""
    lg = lang()
    text = st.text_input(t("search.label", lg), value=state.get("q", ""), key="q",
                         placeholder=t("search.placeholder", lg), on_change=state.keep,
                         args=("q",))
    state.put("q", text)
    return text or ""


def split_picker() -> str:
    """Draw the choice of how to split spend (partner, section or region); return it."""
    lg = lang()
    kept = state.get("split", "partner")
    chosen = st.segmented_control(t("h.split_by", lg), ["partner", "section", "region"],
                                  default=kept, required=True, key="split",
                                  format_func=lambda d: t(f"dim.{d}", lg), on_change=state.keep,
                                  args=("split",))
    state.put("split", chosen or "partner")
    return chosen or "partner"
