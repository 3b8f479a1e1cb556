"""The sidebar drawn by every page: the filters, the language, presentation mode, sign-in.

Each widget keeps its value in a plain session key (followup.ui.state), so the filters
survive page switches and are mirrored in the URL.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from followup.filters import Filters
from followup.i18n import LANG_NAMES, LANGS, date, t
from followup.ui import a11y, auth, state
from followup.ui.data import options, snapshots
from followup.ui.memo import Memo
from followup.ui.state import lang

LABELS = Memo(64)


def _labels(rounds: pd.DataFrame, lg: str) -> dict[int, str]:
    """Return each round's label (date · file), numbered where two look alike; newest first
    (a new dict from the labels made once per rounds and language)."""
    key = (lg, *zip(rounds["snapshot_id"].tolist(), rounds["as_of"].tolist(),
                    rounds["file_name"].tolist()))
    return dict(LABELS.get(key, lambda: _made_labels(rounds, lg)))


def _made_labels(rounds: pd.DataFrame, lg: str) -> dict[int, str]:
    labels = {int(r.snapshot_id): f"{date(r.as_of, lg)} · {r.file_name}"
              for r in rounds.itertuples()}
    repeated = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    return {i: t("filter.round_label", lg, label=label, id=i) if label in repeated else label
            for i, label in labels.items()}


def _round_picker(rounds: pd.DataFrame, lg: str) -> int:
    labels = _labels(rounds, lg)
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
                             format_func=LANG_NAMES.get, key="lang",
                             on_change=state.keep, args=("lang",))
        if present_toggle:
            st.toggle(t("present.label", lg), value=presenting(), key="present",
                      help=t("present.help", lg), on_change=state.keep, args=("present",))
            st.toggle(t("list.toggle", lg), value=as_list(), key="list",
                      help=t("list.toggle_help", lg), on_change=state.keep, args=("list",))
        auth.sidebar(lg)
        state.document_language(lg)
        a11y.install(lg)


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
        st.header(t("filter.heading", lg), anchor=False)
        snapshot = _round_picker(rounds, lg)
        _keep_compare(rounds, snapshot)
        choices = options()
        chosen = {name: _multi(name, choices[name], lg) for name in state.MULTI}
        year_from, year_to = _years(choices["year"], lg)
        if any(chosen.values()) or year_from or year_to:
            st.button(t("filter.reset", lg), on_click=state.clear, icon=":material/close:")
    sidebar_footer(lg)
    years = sorted(int(y) for y in choices["year"])
    state.write_url(int(rounds["snapshot_id"].iloc[0]),
                    (years[0], years[-1]) if len(years) > 1 else None)
    return Filters(snapshot=snapshot, evaluations=chosen["evaluation"],
                   regions=chosen["region"], sections=chosen["section"],
                   partners=chosen["partner"], year_from=year_from, year_to=year_to)


def earlier_rounds(rounds: pd.DataFrame, snapshot: int) -> list[int]:
    """Return the ids of the rounds before the given one, the previous one first."""
    ids = [int(i) for i in rounds["snapshot_id"]]
    return ids[ids.index(snapshot) + 1:] if snapshot in ids else []


def _keep_compare(rounds: pd.DataFrame, snapshot: int) -> None:
    """Forget a chosen comparison round that is not an earlier, non-default one any more."""
    if state.get("compare") not in earlier_rounds(rounds, snapshot)[1:]:
        state.put("compare", None)


def _keep_compare_choice(default: int) -> None:
    chosen = st.session_state.get("compare")
    state.put("compare", None if chosen == default else chosen)


def compare_round(snapshot: int) -> int | None:
    """Return the round chosen in "Compare with" for a round (the previous one unless another
    earlier one is kept), or None for the first round: what the picker shows and the
    downloads compare with, on every page."""
    earlier = earlier_rounds(snapshots(), snapshot)
    if not earlier:
        return None
    return state.get("compare") if state.get("compare") in earlier else earlier[0]


def compare_picker(snapshot: int) -> int | None:
    """Draw "Compare with" (any earlier round, the previous by default); return its id or None.

    The choice is kept and in the URL only when it is not the previous round.
    """
    lg = lang()
    rounds = snapshots()
    earlier = earlier_rounds(rounds, snapshot)
    chosen = compare_round(snapshot)
    if chosen is None:
        return None
    labels = _labels(rounds, lg)
    labels[earlier[0]] += " " + t("filter.previous", lg)
    st.selectbox(t("filter.compare", lg), earlier, index=earlier.index(chosen),
                 format_func=labels.get, key="compare", on_change=_keep_compare_choice,
                 args=(earlier[0],))
    return chosen


def presenting() -> bool:
    """Return True in presentation mode (no sidebar, larger chart type)."""
    return state.get("present") in (True, "1", "true", "yes", "ja")


def as_list() -> bool:
    """Return True when actions are shown as a list in large type (always when presenting)."""
    return presenting() or state.get("list") in (True, "1", "true", "yes", "ja")


def scale() -> float:
    """Return how much larger chart type is drawn (1.35 in presentation mode)."""
    return 1.35 if presenting() else 1.0


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
