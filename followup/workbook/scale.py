"""Amounts stated in thousands or millions: the scale a header, a heading or a title states.

A unit is read from the brackets of an amount column's header (`2011 (1000 NOK)`, `Beløp
(MNOK)`, `Avtalebeløp [i tusen kr]`), from a heading over the year columns (`Utbetalinger (mill.
kr)` over `2011 | 2012`), or from a part of a title row above the header that says nothing
but a unit (`Beløp i 1000 kr`, `Tilskudd 2012, tall i MNOK`). Its words are matched as tokens
in bokmål, nynorsk and English: a scale word (1000, tusen, thousands, TNOK; mill., millioner,
millionar, MNOK; mrd., milliardar, billions) makes the factor, `NOK`, `kr` and `kroner` alone
are plain kroner. A unit that names two scales or another currency cannot be read, and a
header and a title that state different units contradict each other: both are refused. A
bracket without a unit word (`2013 (prognose)`) is a note, as before.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from followup.workbook import formats
from followup.workbook.problems import Problem

THOUSAND, MILLION, BILLION = 1_000, 1_000_000, 1_000_000_000
SCALE_WORDS: dict[int, frozenset[str]] = {
    THOUSAND: frozenset({"1000", "tusen", "tusener", "tusenar", "thousand", "thousands", "tnok",
                         "tkr", "knok", "kkr", "tusenkroner"}),
    MILLION: frozenset({"1000000", "mill", "million", "millions", "millioner", "millionar",
                        "millionen", "mnok", "mkr", "mnkr", "mln", "mio"}),
    BILLION: frozenset({"1000000000", "mrd", "milliard", "milliarder", "milliardar",
                        "billion", "billions", "bnok", "mrdkr"}),
}
# a lone letter is a scale only beside a currency word (`NOK m`, `k kr`), never in a note
# (`t.o.m. juni`)
LETTERS = {"k": THOUSAND, "t": THOUSAND, "m": MILLION, "bn": BILLION}
KRONER = frozenset({"nok", "kr", "kroner", "krone", "nkr", "norske", "norwegian"})
OTHER_CURRENCIES = frozenset({"usd", "eur", "sek", "dkk", "gbp", "chf", "isk", "$", "€", "£",
                              "dollar", "dollars", "euro", "euros"})
# words a title or heading may put around a unit (`Alle beløp i hele tusen kroner`,
# `Utbetalinger i 1000 kr`, `Figures in NOK`)
FILLERS = frozenset({"i", "in", "alle", "all", "beløp", "beløpa", "beløpene", "amount",
                     "amounts", "tall", "tala", "talla", "figures", "hele", "heile", "of", "x",
                     "per", "er", "are", "oppgitt", "oppgjeve", "stated", "given", "angitt",
                     "utbetalinger", "utbetalingar", "utbetalt", "disbursements", "disbursed",
                     "avtalebeløp", "tilskudd", "tilskot", "grants"})
_KNOWN = frozenset().union(*SCALE_WORDS.values(), KRONER, OTHER_CURRENCIES, FILLERS, LETTERS)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")
_GROUPED = re.compile(r"(?<=\d)[ .,'’](?=\d{3}(?!\d))")
_POWERS = ((re.compile(r"10\s*\^\s*3|10³|1e3"), "1000"),
           (re.compile(r"10\s*\^\s*6|10⁶|1e6"), "1000000"),
           (re.compile(r"(?<![\d])['’]000(?!\d)"), "1000"))
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[$€£]")
_BRACKETS = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]")
_SEGMENTS = re.compile(r"[,;:|–—\n]|\s-\s")


@dataclass(frozen=True)
class Unit:
    """What a piece of text says of the amounts' unit: a factor (1 for plain kroner), or
    unreadable (`clear` False: two scales, another currency, a number that is no scale)."""

    factor: int
    clear: bool = True


def tokens(text: str) -> list[str]:
    """Return the words and numbers of a unit, digit groups joined (`1 000` is `1000`)."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text)).casefold())
    for pattern, number in _POWERS:
        text = pattern.sub(f" {number} ", text)
    return _TOKEN.findall(_GROUPED.sub("", text))


def _scales(words: list[str]) -> set[int]:
    found = {factor for factor, known in SCALE_WORDS.items() for w in words if w in known}
    for i, word in enumerate(words):
        beside = words[max(i - 1, 0):i] + words[i + 1:i + 2]
        if word in LETTERS and any(w in KRONER for w in beside):
            found.add(LETTERS[word])
    return found


def unit(text: str, strict: bool = False) -> Unit | None:
    """Return the unit a text states, or None when it states none (a note, a title).

    strict (titles): every word must be a unit word or a filler, else the text is no unit.
    """
    words = tokens(text)
    scales = _scales(words)
    money = [w for w in words if w in KRONER or w in OTHER_CURRENCIES]
    if strict and any(w not in _KNOWN for w in words):
        return None
    if not scales and not money:
        return None
    numbers = [w for w in words if w.isdigit() and not _scales([w])]
    if len(scales) > 1 or numbers or any(w in OTHER_CURRENCIES for w in words):
        return Unit(0, clear=False)
    return Unit(scales.pop() if scales else 1)


def in_header(text: str | None) -> tuple[str, Unit] | None:
    """Return the bracketed unit of a header (`2011 (1000 NOK)`) and what it states, or None."""
    if not text:
        return None
    inside = " ".join(a or b for a, b in _BRACKETS.findall(str(text))).strip()
    found = unit(inside) if inside else None
    return (inside, found) if found else None


def in_title(text: str | None) -> Unit | None:
    """Return the unit a title cell states in a part that says nothing else, or None."""
    if not text:
        return None
    parts = [a or b for a, b in _BRACKETS.findall(str(text))]
    parts += _SEGMENTS.split(_BRACKETS.sub(" ", str(text)))
    found = {u for u in (unit(p, strict=True) for p in parts if p.strip()) if u}
    if len(found) > 1:
        return Unit(0, clear=False)
    return found.pop() if found else None


@dataclass(frozen=True)
class Statement:
    """A unit stated somewhere: the Excel row, the column's header (None above the header),
    the text as written and what it states."""

    row: int
    column: str | None
    text: str
    unit: Unit


def _titles(above: list[tuple]) -> list[Statement]:
    """Return the units the title rows state (the rows above the header), cell by cell."""
    found = []
    for index, row in enumerate(above):
        for value in row:
            stated = in_title(value)
            if stated is not None:
                found.append(Statement(index + 1, None, str(value).strip(), stated))
    return found


def _heading(sheet, column, heading: tuple | None, indices: list[int]) -> Statement | None:
    """Return the unit of the heading over a year column (`Utbetalinger (MNOK)` over 2011 |
    2012, merged or not): the nearest heading at or left of it that is not another column's."""
    if heading is None or not formats.is_year_field(column.field):
        return None
    others = {c.index for c in sheet.columns if not formats.is_year_field(c.field)}
    for pos in range(indices.index(column.index), -1, -1):
        if indices[pos] in others:
            return None
        text = str(heading[pos]).strip() if heading[pos] is not None else ""
        if text:
            stated = in_title(text)
            return Statement(sheet.header_row + 1, None, text, stated) if stated else None
    return None


def _own(sheet, column, two_rows: bool) -> Statement | None:
    stated = in_header(column.header)
    row = sheet.header_row + (2 if two_rows and formats.is_year_field(column.field) else 1)
    return Statement(row, column.header, stated[0], stated[1]) if stated else None


def _refusal(first: Statement, other: Statement | None, sheet_name: str) -> Problem:
    if other is None:
        return Problem("error", "unclear_scale", sheet_name, first.row, first.column, first.text)
    return Problem("error", "scale_conflict", sheet_name, first.row, first.column, first.text,
                   args={"other": other.text, "other_row": other.row})


def apply(sheet, above: list[tuple], heading: tuple | None, indices: list[int],
          problems: list[Problem]) -> None:
    """Set the scale of each amount column of a grants or disbursements sheet from what its
    header, the heading over it and the title rows state; add a notice naming the columns
    converted and the factor, or refuse a unit that is unclear or stated differently twice."""
    amounts = [c for c in sheet.columns if c.field == "amount" or formats.is_year_field(c.field)]
    if sheet.kind not in (formats.GRANTS, formats.DISBURSEMENTS) or not amounts:
        return
    titles = _titles(above)
    notices: dict[tuple, list[str]] = {}
    refusals: dict[tuple, Problem] = {}
    for column in amounts:
        stated = [s for s in (_own(sheet, column, heading is not None),
                              _heading(sheet, column, heading, indices), *titles) if s]
        unclear = next((s for s in stated if not s.unit.clear), None)
        differs = next((s for s in stated if s.unit != stated[0].unit), None)
        if unclear or differs:
            problem = _refusal(unclear or stated[0], None if unclear else differs, sheet.name)
            refusals[(problem.code, problem.row, problem.column, problem.value)] = problem
            continue
        column.scale = stated[0].unit.factor if stated else 1
        if column.scale != 1:
            source = stated[0]
            key = (source.row, None if source.column else source.text, column.scale)
            notices.setdefault(key, []).append(column.header)
    problems.extend(refusals.values())
    for (row, text, factor), headers in notices.items():
        args = {"columns": ", ".join(headers), "factor": factor}
        problems.append(Problem("warning", "scaled_title" if text else "scaled_header",
                                sheet.name, row, value=text, args=args))
