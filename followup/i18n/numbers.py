"""Numbers, percentages, amounts and dates for people, from CLDR through Babel.

Norwegian (nb and nn alike) prints `1 250 000` (no-break space between groups), `66,7 %`,
`31.12.2012`; English prints `1,250,000`, `66.7%` and ISO dates (`2012-12-31`). A negative
number always carries the minus sign `−` (U+2212), in every language. `mnok` and `nok` are our
own domain formats (`58,4 mill. kr`, `NOK 58.4m`), thin wrappers over the same numbers.
Babel is imported on the first call, so a command that prints no number does not pay for it.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from functools import lru_cache

MINUS = "\u2212"
NBSP = "\u00a0"
MISSING = "–"


def is_norwegian(lang: str) -> bool:
    """Return True for bokmål and nynorsk (Norwegian numbers, dates and quotes)."""
    return lang != "en"


@lru_cache(maxsize=8)
def _locale(lang: str):
    from babel import Locale

    return Locale.parse(lang if lang in ("nb", "nn", "en") else "nb")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _rounded(value: float | int, decimals: int) -> tuple[str, Decimal]:
    """Return the sign and the absolute value rounded as Python rounds (half to even on the
    binary value), so Babel only lays out digits it is given."""
    value = round(float(value), decimals)
    sign = MINUS if value < 0 and value != 0 else ""
    return sign, Decimal(f"{abs(value):.{decimals}f}")


def _digits(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def number(value: float | int | None, decimals: int = 0, lang: str = "nb") -> str:
    """Return `1 250 000` / `66,7` in Norwegian, `1,250,000` / `66.7` in English."""
    if _missing(value):
        return MISSING
    sign, amount = _rounded(value, decimals)
    return sign + _laid_out(amount, decimals, lang)


@lru_cache(maxsize=4096)
def _laid_out(amount: Decimal, decimals: int, lang: str) -> str:
    """Return Babel's layout of a rounded absolute value (kept: a chart's table of counts asks
    for the same few numbers hundreds of times)."""
    from babel.numbers import format_decimal

    return format_decimal(amount, format=_digits(decimals), locale=_locale(lang))


def percent(value: float | None, lang: str = "nb", decimals: int = 1) -> str:
    """Return a value given in percent as `66,7 %` (Norwegian) or `66.7%` (English)."""
    if _missing(value):
        return MISSING
    from babel.numbers import format_percent

    sign, amount = _rounded(value, decimals)
    pattern = _locale(lang).percent_formats[None].pattern.replace("#,##0", _digits(decimals), 1)
    return sign + format_percent(amount / 100, format=pattern, locale=_locale(lang))


def mnok(value: float | None, lang: str = "nb", decimals: int = 1) -> str:
    """Return an amount in millions: `58,4 mill. kr` or `NOK 58.4m`."""
    if _missing(value):
        return MISSING
    text = number(value / 1_000_000, decimals, lang)
    return f"{text} mill.{NBSP}kr" if is_norwegian(lang) else f"NOK{NBSP}{text}m"


def nok(value: float | None, lang: str = "nb") -> str:
    """Return a whole amount: `1 250 000 kr` or `NOK 1,250,000`."""
    if _missing(value):
        return MISSING
    text = number(value, 0, lang)
    return f"{text}{NBSP}kr" if is_norwegian(lang) else f"NOK{NBSP}{text}"


def date(value: dt.date | None, lang: str = "nb") -> str:
    """Return `31.12.2012` in Norwegian (CLDR's short date), `2012-12-31` in English."""
    if value is None:
        return MISSING
    from babel.dates import format_date

    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, "short" if is_norwegian(lang) else "yyyy-MM-dd",
                       locale=_locale(lang))


def timestamp(value: dt.datetime | None, lang: str = "nb", seconds: bool = False) -> str:
    """Return `31.12.2012 14:05` in Norwegian, `2012-12-31 14:05` in English (24-hour clock)."""
    if value is None:
        return MISSING
    from babel.dates import format_time

    clock = format_time(value, "HH:mm:ss" if seconds else "HH:mm", locale=_locale(lang))
    return f"{date(value, lang)} {clock}"
