"""Streamlit's own page made accessible in the user's language: one script (aria.js).

Streamlit 1.67 draws three things that fail WCAG 2.1 AA and offers no setting for them:
- its sidebar navigation puts each section's `<li>`s in a `<div>` inside the `<ul>` (axe:
  `list`, `listitem`, on every page): the `<ul>` is made a plain container and each section a
  list named by its heading;
- it names its own controls in English whatever the page's language (`Collapse sidebar`,
  `Help for …`, `Download as CSV`, `Fullscreen`, the slider's `… — start`) and writes two texts
  in English (`Skip to main content`, the uploader's `Upload` and `50MB per file`, the tooltips
  of a grid's toolbar, `Show/hide columns` …): they are
  said in the user's language (nb, nn, en: the catalogs' `aria.*` messages);
- its date picker's calendar draws its weekdays' initials in the browser's language (S M T W
  T F S in an English browser, whatever the page's): each is said as the initial of its
  column's weekday in the page's language (the week still starts where the browser's
  language starts it; the calendar's locale is the browser's, with no setting);
- a chart (plotly's SVG) cannot be tied to a text alternative: its element is made a figure
  labelled by the chart's sentence (drawn after it by followup.ui.a11y, which gives it an id),
  and the SVG's own text (ticks, legend, labels: what the sentence and the table say) hidden
  from screen readers.

The script runs in the page (st.html, as followup.ui.state.document_language does), watches
the page for what Streamlit draws later and looks only for what it names (data-testid
attributes, the English words); where those are not there it changes nothing. Written for
streamlit 1.67: on another release `script()` logs one line (followup.ui.compat.gate) and
returns nothing, so the page keeps Streamlit's own English names and lists (and a chart's
sentence is read where it stands, after the chart). tests/ui/test_a11y_axe.py proves it in
force on a running server: no `list` or `listitem` violation, the names in the page's language,
every chart a figure named by its sentence.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from followup.i18n import t
from followup.ui.compat import gate

PATCH = "aria"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
WRITTEN_FOR = {"streamlit": "1.67"}
SOURCE = Path(__file__).with_name("aria.js")


@cache
def _fits() -> bool:
    return gate.fits(PATCH, WRITTEN_FOR, lambda: "")


@cache
def _source() -> str:
    return SOURCE.read_text(encoding="utf-8")


def words(lg: str) -> dict:
    """Return Streamlit 1.67's English names and texts with what the page says instead in lg:
    exact words, and patterns (a JavaScript regular expression, the words with `{1}` for
    what it found, `{=1}` for that said in lg when it is one of the exact words)."""
    exact = {
        "App pages": t("aria.pages", lg),
        "Sidebar": t("aria.sidebar", lg),
        "Collapse sidebar": t("aria.sidebar_close", lg),
        "Expand sidebar": t("aria.sidebar_open", lg),
        "Skip to main content": t("aria.skip", lg),
        "Link to heading": t("aria.heading_link", lg),
        "Open": t("aria.open", lg),
        "Choose an option": t("aria.choose", lg),
        "Clear all": t("aria.clear_all", lg),
        "Show/hide columns": t("aria.columns", lg),
        "Download as CSV": t("aria.csv", lg),
        "Search": t("aria.search", lg),
        "Fullscreen": t("aria.fullscreen", lg),
        "Close fullscreen": t("aria.fullscreen_close", lg),
        "Download plot as a PNG": t("aria.png", lg),
        "Copy to clipboard": t("aria.copy", lg),
        "Increment": t("aria.increment", lg),
        "Decrement": t("aria.decrement", lg),
        "file upload": t("aria.file", lg),
        "Upload": t("aria.upload", lg),
        "Add files": t("aria.add_files", lg),
        "add icon": t("aria.add_files", lg),
        "Drag and drop files here": t("aria.drop_files", lg),
        "Drag and drop a file here": t("aria.drop_files", lg),
        "Choose date": t("aria.choose_date", lg),
        "Clear date": t("aria.clear_date", lg),
        "Use arrow keys to navigate dates. Enter to select. Escape to close.":
            t("aria.date_keys", lg),
        "Select all": t("aria.select_all", lg),
    }
    months, weekdays = t("aria.months", lg).split(","), t("aria.weekdays", lg).split(",")
    exact.update(zip(MONTHS, months))
    exact.update(zip(WEEKDAYS, weekdays))
    exact.update({"Previous month": t("aria.previous_month", lg),
                  "Next month": t("aria.next_month", lg), "day": t("aria.day_part", lg),
                  "month": t("aria.month_part", lg), "year": t("aria.year_part", lg)})
    month, weekday = "(" + "|".join(MONTHS) + ")", "(" + "|".join(WEEKDAYS) + ")"
    day = rf"^{weekday}, {month} (\d{{1,2}}), (\d{{4}})"
    patterns = [
        (r"^Help for (.+)$", t("aria.help_for", lg, label="{1}")),
        (r"^(.+) — start$", t("aria.range_start", lg, label="{1}")),
        (r"^(.+) — end$", t("aria.range_end", lg, label="{1}")),
        (r"^(\S+) per file( • .+)?$", t("aria.per_file", lg, size="{1}", types="{2}")),
        (r"^Remove (.+)$", t("aria.remove_file", lg, name="{1}")),
        (r"^Error: (.+) files are not allowed\.$", t("aria.not_allowed", lg, type="{1}")),
        (r"^Select (\d+) matches$", t("aria.select_matches", lg, count="{1}")),
    ]
    patterns += [
        # the date picker's calendar: its heading, its days, the parts of the date typed
        # (a browser in another language names the month in its own: kept as it is)
        (r"^Choose date, (\S+) (\d{4})$", t("aria.calendar", lg, month="{=1}", year="{2}")),
        (day + " selected$", t("aria.day_selected", lg, weekday="{=1}", month="{=2}", day="{3}",
                               year="{4}")),
        (day + "$", t("aria.day", lg, weekday="{=1}", month="{=2}", day="{3}", year="{4}")),
        (r"^(day|month|year), (.+)$", "{=1}, {2}"),
        (rf"^{month} (\d{{4}})$", "{=1} {2}"),
    ]
    return {"exact": exact, "patterns": patterns}


def script(lg: str) -> str:
    """Return the `<script>` that makes Streamlit's page accessible in lg, or "" when this
    Streamlit is not the release it was written for."""
    if not _fits():
        return ""
    gate.in_force(PATCH, "the navigation's lists, Streamlit's names in the page's language "
                         "and each chart tied to its sentence")
    # no `<` in the script: Streamlit's sanitizer (DOMPurify) drops a script holding `<` and a
    # letter, and `</script>` would end it
    text = json.dumps(words(lg), ensure_ascii=False).replace("<", "\\u003c")
    return f"<script>{_source().replace('__WORDS__', text, 1)}</script>"
