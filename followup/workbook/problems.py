"""A problem found in a workbook, located and worded in the user's language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from followup.i18n import number, quote, t, tn
from followup.workbook.formats import OFFERED_STATUSES, STATUS_WORDS

LONGEST_VALUE = 100
COUNTED = {"more_like_this"}  # problems whose message has plural forms for args["count"]
_BREAKS = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """Return text with control characters (ESC, NUL, tab …) shown as `\\x1b`, never sent raw."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _one_line(text):
    """Return text on one line: line breaks shown as ↵, other control characters escaped."""
    return escape_controls(_BREAKS.sub(" ↵ ", text)) if isinstance(text, str) else text


def _shown(value: str | None) -> str | None:
    """Return a cell value as a message shows it: on one line, cut after LONGEST_VALUE."""
    value = _one_line(value)
    if value is None or len(value) <= LONGEST_VALUE:
        return value
    return value[:LONGEST_VALUE - 1] + "…"


def _argument(value, lang: str):
    """Return a message argument as shown: numbers the language's way, text on one line."""
    if isinstance(value, float):
        return number(value, 1, lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value, 0, lang)
    return _one_line(value)


def _statuses(lang: str) -> dict[str, str]:
    """Return the status words the template offers in lang, and the others also accepted."""
    offered = OFFERED_STATUSES.get(lang, OFFERED_STATUSES["nb"])
    return {"accepted": ", ".join(offered),
            "also": ", ".join(w for words in STATUS_WORDS.values() for w in words
                              if w not in offered)}


@dataclass(frozen=True)
class Problem:
    """An error or warning at a sheet, Excel row and column, with the value found there."""

    severity: str
    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    args: dict = field(default_factory=dict, compare=False)

    @property
    def is_error(self) -> bool:
        """Return True when this problem stops the workbook from loading."""
        return self.severity == "error"

    def message(self, lang: str = "nb") -> str:
        """Return what is wrong and what was expected, without the location.

        Numbers among the arguments (sizes in MB, cell counts) are written the language's
        way; line breaks in the value, header and arguments are shown as ↵ (other control
        characters escaped), a long value is cut.
        """
        args = {k: _argument(v, lang) for k, v in self.args.items()}
        value = _shown(self.value)
        fields = dict(value=value, column=_one_line(self.column), sheet=_one_line(self.sheet),
                      row=self.row, quoted=quote(value, lang), **args)
        if self.code == "unknown_status":
            fields.update(_statuses(lang))
        if self.code in COUNTED:
            fields.pop("count")
            return tn(f"problem.{self.code}", self.args["count"], lang, **fields)
        return t(f"problem.{self.code}", lang, **fields)

    def as_dict(self) -> dict:
        """Return the problem as JSON-ready fields (`from_dict` reads them back)."""
        return {"severity": self.severity, "code": self.code, "sheet": self.sheet,
                "row": self.row, "column": self.column, "value": self.value, "args": self.args}

    @classmethod
    def from_dict(cls, fields: dict) -> Problem:
        """Return the problem `as_dict` wrote."""
        return cls(fields["severity"], fields["code"], fields.get("sheet"), fields.get("row"),
                   fields.get("column"), fields.get("value"), fields.get("args") or {})

    def location(self, lang: str = "nb") -> str:
        """Return `Sheet, rad 9, kolonne Beløp`, as far as the location is known."""
        parts = [_one_line(self.sheet)] if self.sheet else []
        if self.row is not None:
            parts.append(t("loc.row", lang, row=self.row))
        if self.column is not None:
            parts.append(t("loc.column", lang, column=_one_line(self.column)))
        return ", ".join(parts)

    def text(self, lang: str = "nb") -> str:
        """Return the one-line message a user reads: location, then what is wrong."""
        where = self.location(lang)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)


class Rejected(Exception):
    """The workbook cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.text() for p in problems[:3]))
        self.problems = problems


def count(problems: list[Problem]) -> int:
    """Return how many problems the list stands for (a `… and N more` line counts N)."""
    return sum(p.args.get("count", 0) if p.code == "more_like_this" else 1 for p in problems)
