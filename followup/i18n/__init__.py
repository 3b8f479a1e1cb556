"""Translation and Norwegian number formatting: the only place user-facing words come from.

Languages are `LANGS = ("nb", "nn", "en")`: bokmål (the default), nynorsk and English. The
texts live in gettext catalogs, `locale/{nb,nn,en}/LC_MESSAGES/messages.po`, whose msgid is
the message key (`area.name`); see the README, "How to add or change a translation".

Calling convention (the same for every caller, UI and CLI alike):

- `t(key, lang, **values)` returns the text of `key` in `lang` with `{name}` placeholders
  filled from `values` (`str.format`). A message missing from nn or en falls back to bokmål; an
  unknown key is returned as it is (and recorded in `missing()`, which the tests check).
- `tn(key, count, lang, **values)` is the same for a text that depends on a count: gettext's
  `ngettext`, with the key as msgid and as msgid_plural and the forms as msgstr[0] (one) and
  msgstr[1] (other) under the catalogs' `Plural-Forms: nplurals=2; plural=(n != 1);`.
  `{count}` is filled with the count formatted for the language (`1 250`) unless `count=` is
  passed among the values.
- A key built at run time (`t(f"status.{code}", lang)`) must be listed as a literal in
  followup/i18n/keys.py (`N_("status.done")`, `Nn_(...)` for a count's key), so
  `pybabel extract` sees it.
- Numbers, amounts and dates go through `number`, `percent`, `mnok`, `nok`, `date` and
  `timestamp` (Babel, followup/i18n/numbers.py), never through `str()` or an f-string format
  spec; `is_norwegian(lang)` tells nb and nn from en.
"""

from __future__ import annotations

import re

from followup.i18n.catalogs import translations
from followup.i18n.numbers import date, is_norwegian, mnok, nok, number, percent, timestamp

__all__ = ["DEFAULT_LANG", "LANGS", "LANG_NAMES", "date", "is_norwegian", "missing", "mnok",
           "nok", "number", "percent", "plain", "quote", "status_label", "t", "timestamp", "tn"]

LANGS = ("nb", "nn", "en")
DEFAULT_LANG = "nb"
LANG_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}
_MISSING: set[str] = set()


def missing() -> set[str]:
    """Return the keys asked for in this process that no catalog holds."""
    return set(_MISSING)


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """Return the text for key in lang (bokmål when missing), with values filled in."""
    text = translations(lang).gettext(key)
    if text == key:
        _MISSING.add(key)
        return key
    return text.format(**values) if values else text


def tn(key: str, count: int | float, lang: str = DEFAULT_LANG, **values) -> str:
    """Return the form of key's text that fits count in lang, with {count} and values filled in."""
    text = translations(lang).ngettext(key, key, int(count))
    if text == key:
        _MISSING.add(key)
        return key
    values.setdefault("count", number(count, 0, lang))
    return text.format(**values)


def quote(value: object, lang: str = DEFAULT_LANG) -> str:
    """Return a value quoted the way the language quotes: «…» or “…”."""
    return f"«{value}»" if is_norwegian(lang) else f"“{value}”"


def status_label(code: str, lang: str = DEFAULT_LANG) -> str:
    """Return the display name of a status code."""
    return t(f"status.{code}", lang)


# Markdown's special characters and `&` (entities), `=` (a setext heading), `$` (KaTeX) and `:`
# (directives such as `:red[…]`): CommonMark lets a backslash escape each of them.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$@:&=])")
# What Streamlit's Markdown finds in the text after the escapes are read: emoji shortcodes
# (`:smile:`), icons (`:material/home:`, `:streamlit:`), bare URLs and addresses (`https://…`,
# `www.…`, `ola@…`) and typographic pairs (`->`, `<=`, `--`). A word joiner (U+2060, not shown)
# after such a `:` or `@`, after `www` before `.`, and inside such a pair keeps each from
# matching.
_MATCHED = re.compile(r"(?<=:)(?=[\w+/-])|(?<=@)(?=[\w-])|(?i:(?<=www)(?=\.))"
                      r"|(?<=[-<>~])(?=[-<>=])")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """Return text from a workbook or a user for any Streamlit text that reads Markdown (a
    label, tab, expander, caption, message, help or metric), shown as written: no link,
    image, formatting, formula, emoji, icon or colour, and no request made for it."""
    return _MARKDOWN.sub(r"\\\1", _MATCHED.sub(WORD_JOINER, str(text)))
