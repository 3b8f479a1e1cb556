"""Presentation mode (`?present=1`): no sidebar, type for the back of a room, and a row that
moves from page to page without leaving the mode.

The row holds the previous page, every page and the next page as links (the mode is a plain
session key, so it survives the switch) and the button that ends the mode; the arrow keys
(and Page Up, Page Down, as a presenter's remote sends them) follow the previous and next
links. Everything is drawn at 18 px or more on a 1920 px projector: the page's root type is
enlarged (Streamlit sizes its text in rem), a grid is drawn as an HTML table in that type
(a grid's canvas keeps its own small type).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from followup.i18n import t
from followup.report.documents import brief
from followup.report.figures import sizing, tables
from followup.ui import state

PAGES_DIR = Path(__file__).resolve().parent.parent.parent / "pages"

# Streamlit writes its text in rem (captions .875rem, headings 2.75rem and 1.5rem): a root of
# 22 px puts a caption at 19.25 px; the headings are brought back to a projector's sizes.
CSS = """
<style>
html { font-size: 22px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] { display: none; }
.block-container { max-width: 100%; padding: 1rem 2.2rem; }
[data-testid="stMetricValue"] { font-size: 2.4rem; }
[data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] p { font-size: 1rem; }
h1 { font-size: 2.3rem; } h2, h3 { font-size: 1.6rem; }
.st-key-present_nav a p, .st-key-present_nav button p { font-size: 0.9rem; }
table.data { border-collapse: collapse; width: 100%; font-size: 20px; }
table.data th { text-align: left; border-bottom: 2px solid #31333F; padding: .3em .5em; }
table.data td { border-bottom: 1px solid #D5DAE5; padding: .3em .5em; vertical-align: top; }
table.data td.c-amount_nok, table.data td.c-disbursed_nok { text-align: right;
  white-space: nowrap; }
</style>
"""
# No `<` in the script: Streamlit's sanitizer drops a script holding `<` and a letter.
KEYS = """<script>
(() => {
  if (window.followupPresentKeys) return;
  window.followupPresentKeys = true;
  const MOVES = {ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev"};
  const OWN = "input, textarea, select, [contenteditable], [role=slider], [role=listbox], "
    + "[data-testid=stDataFrame], .js-plotly-plot";
  document.addEventListener("keydown", (event) => {
    const move = MOVES[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.target.closest && event.target.closest(OWN)) return;
    const link = document.querySelector(".st-key-present_" + move + " a");
    if (!link) return;
    event.preventDefault();
    link.click();
  });
})();
</script>"""


def nav(page: str, pages: tuple, lg: str) -> None:
    """Draw the row that moves between the pages (names and icons in `pages`) and ends the
    mode, and the arrow keys that follow it."""
    st.html(CSS)
    st.html(KEYS, unsafe_allow_javascript=True)
    names = [name for name, _, _ in pages]
    at = names.index(page) if page in names else 0
    with st.container(horizontal=True, key="present_nav", gap="small",
                      vertical_alignment="center"):
        if at > 0:
            _link("prev", pages[at - 1], lg, t("present.prev", lg), ":material/arrow_back:")
        for name, _, icon in pages:
            st.page_link(str(PAGES_DIR / f"{name}.py"), label=t(f"page.{name}", lg),
                         icon=icon)  # the current one marked as Streamlit marks it
        if at < len(pages) - 1:
            _link("next", pages[at + 1], lg, t("present.next", lg), ":material/arrow_forward:")
        st.button(t("present.exit", lg), on_click=state.put, args=("present", None),
                  icon=":material/close_fullscreen:", key="present_exit")


def _link(move: str, target: tuple, lg: str, words: str, icon: str) -> None:
    name = target[0]
    with st.container(key=f"present_{move}", width="content"):
        st.page_link(str(PAGES_DIR / f"{name}.py"), icon=icon,
                     label=f"{words}: {t(f'page.{name}', lg)}", help=t("present.keys", lg))


def table(df: pd.DataFrame, columns: list[str], lg: str) -> None:
    """Draw a table in the projector's type: the columns with a value in some row, less those
    the sidebar filters on."""
    shown = [c for c in columns if c not in tables.SECONDARY and not sizing.blank(df[c])]
    st.html(brief.table(df, shown, lg, "present"))
