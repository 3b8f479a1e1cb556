"""Filter state: plain session keys that survive page switches, mirrored in the URL.

A widget writes its value into a plain key (`f_<name>`) when it changes; every page draws the
same widgets from those keys and builds its Filters from them, never from a widget's return
value. The URL is read once per session and rewritten on every run, so a link opens the view.
"""

from __future__ import annotations

import streamlit as st

from followup.i18n import LANGS

MULTI = ("evaluation", "region", "section", "partner")
_READ = "_url_read"


def lang() -> str:
    """Return the chosen language: nb (bokmål, the default), nn (nynorsk) or en."""
    read_url()
    value = get("lang")
    return value if value in LANGS else "nb"


def document_language(lg: str) -> None:
    """Set the page's `<html lang>` to the language shown (Streamlit's page says `en`), so
    screen readers, hyphenation and the browser's translate offer know it is nb, nn or en."""
    code = lg if lg in LANGS else "nb"
    st.html(f'<script>document.documentElement.lang = "{code}";</script>',
            unsafe_allow_javascript=True)


def key(name: str) -> str:
    """Return the plain session key that holds a filter's value."""
    return f"f_{name}"


def get(name: str, default=None):
    """Return a filter's kept value."""
    return st.session_state.get(key(name), default)


def put(name: str, value) -> None:
    """Keep a filter's value."""
    st.session_state[key(name)] = value


def keep(name: str) -> None:
    """Widget callback: copy the widget's new value into its plain key."""
    put(name, st.session_state.get(name))


def clear(names: tuple[str, ...] = (*MULTI, "years")) -> None:
    """Forget filters (plain keys and widget keys)."""
    for name in names:
        st.session_state.pop(key(name), None)
        st.session_state.pop(name, None)


def _int(text: str) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def read_url() -> None:
    """Take the filters from the URL, once per session."""
    if st.session_state.get(_READ):
        return
    params = st.query_params
    for name in MULTI:
        if name in params:
            put(name, [v for v in params.get_all(name) if v])
    years = [y for y in (_int(v) for v in params.get_all("years")) if y is not None]
    if len(years) == 2:
        put("years", (min(years), max(years)))
    for name in ("round", "compare"):
        if _int(params.get(name)) is not None:
            put(name, _int(params.get(name)))
    if params.get("lang") in LANGS:
        put("lang", params.get("lang"))
    for name in ("q", "present", "action", "list"):
        if params.get(name):
            put(name, params.get(name))
    st.session_state[_READ] = True


def write_url(latest_round: int | None, full_years: tuple[int, int] | None) -> None:
    """Rewrite the URL so it holds exactly the filters that differ from the defaults.

    `compare` is kept only when it is chosen (None means the round before the chosen one).
    """
    wanted: dict[str, str | list[str]] = {}
    for name in MULTI:
        if get(name):
            wanted[name] = list(get(name))
    years = get("years")
    if years and full_years and tuple(years) != tuple(full_years):
        wanted["years"] = [str(years[0]), str(years[1])]
    if get("round") is not None and get("round") != latest_round:
        wanted["round"] = str(get("round"))
    if get("compare") is not None:
        wanted["compare"] = str(get("compare"))
    if get("lang", "nb") != "nb":
        wanted["lang"] = get("lang")
    for name in ("q", "action"):
        if get(name):
            wanted[name] = str(get(name))
    for name in ("present", "list"):
        if get(name) in (True, "1", "true", "yes", "ja"):
            wanted[name] = "1"
    current = {k: (st.query_params.get_all(k) if k in MULTI or k == "years"
                   else st.query_params.get(k)) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)
