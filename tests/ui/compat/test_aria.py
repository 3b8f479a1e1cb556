"""compat/aria: Streamlit's English names said in each language, a script the sanitizer keeps,
and one line when Streamlit is not the release it was written for (its canaries on a running
server: tests/ui/test_a11y_axe.py and tests/ui/test_a11y_browser.py)."""

from __future__ import annotations

import logging
import re

import pytest

from followup.ui.compat import aria, gate


@pytest.mark.parametrize(("lang", "close", "help_for"), [
    ("nb", "Skjul sidepanelet", "Forklaring: {1}"),
    ("nn", "Skjul sidepanelet", "Forklaring: {1}"),
    ("en", "Collapse sidebar", "Help: {1}"),
])
def test_streamlits_english_names_are_said_in_each_language(lang, close, help_for):
    words = aria.words(lang)
    assert words["exact"]["Collapse sidebar"] == close
    assert dict(words["patterns"])[r"^Help for (.+)$"] == help_for
    said = [*words["exact"].values(), *(w for _, w in words["patterns"])]
    assert all(w and not w.startswith("aria.") for w in said), said


def test_the_uploaders_limit_keeps_its_size_and_types():
    pattern, words = aria.words("nb")["patterns"][3]
    found = re.match(pattern, "50MB per file • XLSX, XLSM, XLS")
    assert words.replace("{1}", found[1]).replace("{2}", found[2]) == (
        "Høyst 50MB per fil • XLSX, XLSM, XLS")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_script_is_one_script_streamlits_sanitizer_keeps(lang):
    script = aria.script(lang)
    body = script.removeprefix("<script>").removesuffix("</script>")
    assert script.startswith("<script>") and "__WORDS__" not in body
    # DOMPurify drops a script whose text holds `<` before a letter, `/` or `!`
    assert not re.search(r"<[/\w!]", body)


def test_on_another_release_the_script_steps_aside_with_one_line(monkeypatch):
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    gate.LOG.addHandler(handler)
    monkeypatch.setattr(gate, "installed", lambda package: "1.68.0")
    aria._fits.cache_clear()
    try:
        assert aria.script("nb") == ""
    finally:
        aria._fits.cache_clear()
        gate.LOG.removeHandler(handler)
    assert lines == ["followup.ui.compat: aria stepped aside, Streamlit's own behaviour kept: "
                     "streamlit 1.68.0, written for 1.67"]
