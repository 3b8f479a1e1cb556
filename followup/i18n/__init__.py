"""Translation and Norwegian number formatting: the only place user-facing words come from.

Languages are `LANGS = ("nb", "nn", "en")`: bokmål (the default), nynorsk and English.

Calling convention (the same for every caller, UI and CLI alike):

- `t(key, lang, **values)` returns the text of `key` in `lang` with `{name}` placeholders
  filled from `values`. A language without its own text falls back to bokmål (so `nn` shows
  bokmål until its translation is written); an unknown key is returned as it is.
- `tn(key, count, lang, **values)` is the same for a text that depends on a count and maps onto
  gettext's `ngettext`: its entry holds the forms per language,
  `{"nb": {"one": "{count} avtale", "other": "{count} avtaler"}, "nn": {...}, "en": {...}}`.
  The form is chosen by the plural rule of nb, nn and en alike (`one` for 1, `other` for any
  other count, 0 included), and `{count}` is filled with the count formatted for the language
  (`1 250`) unless `count=` is passed among the values.
- A key built at run time (`t(f"status.{code}", lang)`) must also appear once as a literal
  call somewhere, so the message extraction sees it (see `status_label`).
- Numbers, amounts and dates go through `number`, `percent`, `mnok`, `nok` and `date`, never
  through `str()` or an f-string format spec; `is_norwegian(lang)` tells nb and nn from en.
"""

from __future__ import annotations

import re

from followup.i18n.numbers import date, is_norwegian, mnok, nok, number, percent, timestamp
from followup.i18n.texts import TEXT as _MESSAGES
from followup.i18n.texts_meeting import MEETING
from followup.i18n.texts_recs import RECS
from followup.i18n.texts_reminders import REMINDERS
from followup.i18n.texts_slides import SLIDES
from followup.i18n.texts_ui import UI

__all__ = ["DEFAULT_LANG", "LANGS", "LANG_NAMES", "TEXT", "date", "is_norwegian", "mnok", "nok",
           "number", "percent", "plain", "plural_form", "quote", "status_label", "t",
           "timestamp", "tn"]

TEXT = {**_MESSAGES, **UI, **REMINDERS, **MEETING, **RECS, **SLIDES}

LANGS = ("nb", "nn", "en")
DEFAULT_LANG = "nb"
LANG_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """Return the text for key in lang (bokmål when missing), with values filled in."""
    entry = TEXT.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry[DEFAULT_LANG]
    return template.format(**values) if values else template


def plural_form(count: int | float, lang: str = DEFAULT_LANG) -> str:
    """Return the plural category of count: `one` for 1, else `other` (nb, nn and en)."""
    return "one" if count == 1 else "other"


def tn(key: str, count: int | float, lang: str = DEFAULT_LANG, **values) -> str:
    """Return the form of key's text that fits count in lang, with {count} and values filled in."""
    entry = TEXT.get(key)
    if entry is None:
        return key
    forms = entry.get(lang) or entry[DEFAULT_LANG]
    template = forms[plural_form(count, lang)]
    values.setdefault("count", number(count, 0, lang))
    return template.format(**values)


def quote(value: object, lang: str = DEFAULT_LANG) -> str:
    """Return a value quoted the way the language quotes: «…» or “…”."""
    return f"«{value}»" if is_norwegian(lang) else f"“{value}”"


def status_label(code: str, lang: str = DEFAULT_LANG) -> str:
    """Return the display name of a status code."""
    return t(f"status.{code}", lang)


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$@:])")


def plain(text: object) -> str:
    """Return text from a workbook or a user with Markdown's special characters escaped, so
    Streamlit shows it as written (no links, images or formatting)."""
    return _MARKDOWN.sub(r"\\\1", str(text))
