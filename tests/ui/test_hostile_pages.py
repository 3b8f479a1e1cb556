"""Every page through AppTest over two rounds whose every text field is hostile (issue 22 #3):
no exception, and every text Streamlit reads as Markdown (titles, captions, messages, labels,
expanders, tabs, help, metrics) holds the workbook's text only escaped (followup.i18n.plain)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from followup.i18n import plain
from tests.support import APP
from tests.support.hostile import ACTORS, FILE_NAME, HOSTILE, OUTSIDE, stored

PAGES = ["pages/overview.py", "pages/followup.py", "pages/recommendations.py",
         "pages/grants.py", "pages/portfolio.py", "pages/upload.py"]
# hostile text as Markdown would read it: each only where not escaped by a backslash
UNESCAPED = re.compile("|".join((
    r"(?<!\\)!\[", r"(?<!\\)\]\(", r"(?<!\\)<(img|a |script|/script|b>|i>)", r"(?<!\\)\$",
    r"(?<!\\)&(lt|gt|amp|#x)", r"(?<!\\)`", r"https?://", r"www\.", r":(smile|streamlit|"
    r"material|red|blue|small|help)", r"(?<!\\)-(?!\u2060)>", r"(?<!\\)<(?!\u2060)=",
    rf"@{OUTSIDE}")))
FIELDS = ("label", "help", "body", "placeholder")


@pytest.fixture
def hostile_app(hostile_rounds_db, monkeypatch) -> AppTest:
    monkeypatch.setenv("FOLLOWUP_DB", str(hostile_rounds_db))
    return AppTest.from_file(APP, default_timeout=90)


def markdown_texts(node) -> list[str]:
    """Return every Markdown-read text of the element tree below node."""
    found = []
    proto = getattr(node, "proto", None)
    if proto is not None and getattr(node, "type", None) != "html":
        for name in FIELDS:
            value = getattr(proto, name, None)
            if isinstance(value, str) and value:
                found.append(value)
        for block in ("expandable", "tab"):
            if hasattr(proto, "HasField") and _has(proto, block):
                found.append(getattr(proto, block).label)
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else ():
        found += markdown_texts(child)
    return found


def html_bodies(at) -> list[str]:
    """Return the body of every st.html element (HTML the app writes, escaping the workbook)."""
    return [h.proto.body for h in at.get("html")]


def _has(proto, name: str) -> bool:
    try:
        return proto.HasField(name)
    except ValueError:
        return False


def page_texts(at) -> list[str]:
    return markdown_texts(at._tree)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_text_escaped_in_every_markdown_text(hostile_app, page):
    hostile_app.run()
    if page != PAGES[0]:
        hostile_app.switch_page(page).run()
    assert not hostile_app.exception
    texts = page_texts(hostile_app)
    assert texts
    unescaped = [(m.group(), text) for text in texts for m in [UNESCAPED.search(text)] if m]
    assert unescaped == []
    for body in html_bodies(hostile_app):
        assert not re.search(rf"<[^>]*({re.escape(OUTSIDE)}|\bon\w+=)|<script>alert|<[bi]>",
                             body), body


def test_the_purringer_expanders_name_each_hostile_actor_escaped(hostile_app):
    hostile_app.run()
    hostile_app.switch_page("pages/followup.py").run()
    assert not hostile_app.exception
    reminded = [ACTORS[2], ACTORS[4], ACTORS[5], ACTORS[3], ACTORS[0]]  # by name, as sorted
    assert [e.label for e in hostile_app.expander] == [
        plain(stored(actor)) + " · 2 tiltak" for actor in reminded]


def test_the_round_shown_names_the_hostile_file_escaped(hostile_app):
    hostile_app.run()
    captions = [c.value for c in hostile_app.caption]
    assert any(plain(FILE_NAME.format(OUTSIDE=OUTSIDE)) in c for c in captions)


def test_filters_a_search_and_an_actions_history_of_hostile_text_stay_escaped(hostile_app):
    first = f"{HOSTILE[0][:12]} 0"  # the ID of the first action (support/hostile)
    hostile_app.query_params["region"] = [HOSTILE[3]]
    hostile_app.query_params["action"] = first
    hostile_app.query_params["q"] = "![x]"
    hostile_app.run()
    hostile_app.switch_page("pages/followup.py").run()
    assert not hostile_app.exception
    texts = page_texts(hostile_app)
    assert [(m.group(), t) for t in texts for m in [UNESCAPED.search(t)] if m] == []
    assert any(plain(HOSTILE[3]) in t for t in texts)  # the filter, named in the caption
    assert any(plain(first) in t for t in texts)  # the action's history, headed by its ID
