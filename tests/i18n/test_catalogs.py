"""The gettext catalogs: complete, consistent with the code, compiled on first use."""

from __future__ import annotations

import ast
import os
import re
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from followup.i18n import LANGS
from followup.i18n.catalogs import compile_po, mo_bytes
from followup.i18n.keys import DYNAMIC

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"


def catalog(lang: str):
    """Return the .po catalog of lang, parsed by Babel."""
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def key(message) -> str:
    return message.id[0] if message.pluralizable else message.id


def entries(lang: str) -> dict:
    return {key(m): m for m in catalog(lang) if m.id}


def extracted() -> dict[str, bool]:
    """Return {key: has plural forms} for every message `pybabel extract -F babel.cfg` finds."""
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords={}):
        plural = isinstance(message, tuple)
        found[message[0] if plural else message] = plural
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_the_code_uses_is_in_every_catalog():
    used = extracted()
    assert len(used) > 250
    for lang in LANGS:
        held = entries(lang)
        assert sorted(set(used) - set(held)) == [], lang
        assert sorted(k for k, plural in used.items() if held[k].pluralizable != plural) == []


def test_the_catalogs_hold_the_same_messages_as_the_template():
    with (LOCALE / "messages.pot").open("rb") as f:
        template = {key(m) for m in read_po(f) if m.id}
    assert template == set(extracted())
    for lang in LANGS:
        assert set(entries(lang)) == template, lang


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_is_empty_or_fuzzy(lang):
    held = entries(lang)
    empty = [k for k, m in held.items()
             if not (all(m.string) if m.pluralizable else m.string.strip())]
    assert empty == []
    assert [k for k, m in held.items() if m.fuzzy] == []


def test_every_placeholder_of_a_message_is_in_each_translation():
    """Each translation has its message's placeholders: every form of a count has them all,
    except that the form for one may leave out {count} ("Status fra denne runden")."""
    nb = entries("nb")
    for lang in LANGS:
        other = entries(lang)
        for k, message in nb.items():
            if not message.pluralizable:
                assert fields(other[k].string) == fields(message.string), (lang, k)
                continue
            wanted = set().union(*map(fields, message.string))
            one, many = other[k].string
            assert fields(many) == wanted, (lang, k, many)
            assert wanted - {"count"} <= fields(one) <= wanted, (lang, k, one)


def test_the_form_for_other_counts_names_the_count():
    for lang in LANGS:
        for k, message in entries(lang).items():
            if message.pluralizable:
                assert "{count}" in message.string[1], (lang, k)


@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_header(lang):
    assert catalog(lang).plural_forms == "nplurals=2; plural=(n != 1);"


def built_keys() -> list[tuple[str, int, str]]:
    """Return (file, line, literal prefix) of every t()/tn() call whose key is an f-string."""
    found = []
    for path in [*ROOT.glob("followup/**/*.py"), *ROOT.glob("pages/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name in ("t", "tn") and isinstance(first, ast.JoinedStr):
                prefix = first.values[0].value if isinstance(first.values[0], ast.Constant) \
                    else ""
                found.append((path.name, node.lineno, prefix))
    return found


def test_every_key_built_at_run_time_has_its_family_listed_for_extraction():
    calls = built_keys()
    assert len(calls) > 10
    unlisted = [c for c in calls if not c[2] or not any(k.startswith(c[2]) for k in DYNAMIC)]
    assert unlisted == []


def literal_calls() -> list[tuple[str, int, str]]:
    """Return (file, line, key) of every t()/tn() call with a literal key, f-strings included."""
    found = []
    for path in [*ROOT.glob("followup/**/*.py"), *ROOT.glob("pages/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args \
                    and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) \
                    in ("t", "tn") and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                found.append((path.name, node.lineno, node.args[0].value))
    return found


def test_every_literal_key_is_in_the_catalogs_even_inside_an_f_string():
    held = entries("nb")
    calls = literal_calls()
    assert ("brief.py", "brief.overdue") in {(f, k) for f, _, k in calls}
    assert [c for c in calls if c[2] not in held] == []


def test_the_status_and_grant_type_keys_are_all_listed():
    from followup.workbook.formats import GRANT_TYPE_WORDS, STATUSES

    held = entries("nb")
    assert all(f"status.{code}" in held for code in STATUSES)
    assert all(f"grant_type.{kind}" in held for kind in GRANT_TYPE_WORDS)


def test_a_missing_or_stale_compiled_catalog_is_built_on_first_use(tmp_path):
    shutil.copytree(LOCALE, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    po = tmp_path / "locale" / "nn" / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    assert not mo.exists()
    first = mo_bytes("nn", tmp_path / "locale")
    assert mo.read_bytes() == first == compile_po(po)
    text = po.read_text(encoding="utf-8")
    po.write_text(re.sub(r'(msgid "status.done"\nmsgstr )"[^"]*"', r'\1"Ferdig"', text),
                  encoding="utf-8")
    stale = mo.stat().st_mtime
    os.utime(mo, (stale - 10, stale - 10))
    assert b"Ferdig" in mo_bytes("nn", tmp_path / "locale") and b"Ferdig" in mo.read_bytes()


UNIT_SPLIT = re.compile(r"\bNOK m|\bmill\. kr\b")


@pytest.mark.parametrize("lang", LANGS)
def test_a_money_unit_does_not_wrap_between_its_words(lang):
    # issue 24: the English card "Disbursed 2012, NOK m" wrapped between "NOK" and "m" at 1366;
    # a no-break space keeps "NOK m", "NOK million" and "mill. kr" whole on a card or an axis
    split = {key(m): m.string for m in catalog(lang) if m.id and not m.pluralizable
             and UNIT_SPLIT.search(m.string)}
    assert split == {}
    assert entries(lang)["kpi.spend"].string.endswith(("NOK\u00a0m", "mill.\u00a0kr"))
