"""The round's as-of date as a workbook's title rows write it: `per 14.12.2012`, `pr. 14.12.2012`,
`status per 14. desember 2012`, `as of 2012-12-14`, `as of 14 December 2012`.

A date counts only after a word that says what it is (per, pr., status, as of, as at, dato,
date, oppdatert, updated), so a due date or a year in a title is never taken for the round's
date. Month names are bokmål, nynorsk or English, written out or cut to three letters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "januar": 1, "january": 1, "februar": 2, "february": 2, "mars": 3, "march": 3,
    "april": 4, "mai": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7,
    "august": 8, "september": 9, "oktober": 10, "october": 10, "november": 11,
    "desember": 12, "december": 12,
}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_KEYWORD = (r"(?:\bper\b|\bpr\b\.?|\bstatus\b|\bas\s+(?:of|at)\b|\bdato\b|\bdated?\b"
            r"|\boppdatert\b|\bupdated\b)[\s:,]*")
_DATES = (
    (r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})", "dmy"),
    (r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", "ymd"),
    (rf"(?P<d>\d{{1,2}})\.?\s+(?P<mn>{_MONTH})\.?\s+(?P<y>\d{{4}})", "d month y"),
    (rf"(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", "month d y"),
)
PATTERNS = [re.compile(_KEYWORD + r"(?:status\s+)?(?:per\s+|pr\.?\s+)?" + body, re.IGNORECASE)
            for body, _ in _DATES]


@dataclass(frozen=True)
class Found:
    """A date found in a sheet's title rows: the date, the sheet, the Excel row, the text."""

    as_of: dt.date
    sheet: str
    row: int
    text: str


def _date(match: re.Match) -> dt.date | None:
    parts = match.groupdict()
    month = MONTHS[parts["mn"].lower()] if parts.get("mn") else int(parts["m"])
    try:
        return dt.date(int(parts["y"]), month, int(parts["d"]))
    except ValueError:
        return None


def in_text(text: str) -> dt.date | None:
    """Return the as-of date a title's text gives, or None."""
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            day = _date(match)
            if day is not None:
                return day
    return None


def in_rows(sheet: str, rows: list[tuple]) -> Found | None:
    """Return the first as-of date in the title rows (above the header), with where it was."""
    for index, row in enumerate(rows):
        cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
        text = " ".join(cells)
        day = in_text(text) if text else None
        if day is not None:
            return Found(day, sheet, index + 1, text[:200])
    return None
