"""The sample's second evaluation (`python -m followup.sample` writes it too): ILLUSTRATIVE
from end to end — its name, actions, statuses and recommendations are made up — so that the
Evalueringer page has a portfolio to show. It comes as a workbook of its own, as a second
evaluation's follow-up reaches a ministry: its whole plan, its recommendations, and the
register of both evaluations (the IOM evaluation's row only says what the memo says: the
memo to the Secretary General on its follow-up is of 25.08.2011).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from followup.sample import (
    ACTION_HEADERS,
    ACTION_WIDTHS,
    AFR,
    EMB,
    EUR,
    GLOB,
    HUM,
    RECOMMENDATION_HEADERS,
    RECOMMENDATION_WIDTHS,
    REG,
    TITLE_FONT,
    _header,
    _status_list,
)
from followup.sample import EVALUATION as IOM_EVALUATION

EVALUATION = "Illustrativ: støtte til retur og reintegrering"
AS_OF = dt.date(2012, 10, 15)
# (id, recommendation nr, action, actor, region, due, status, comment) — ILLUSTRATIVE
ACTIONS = [
    ("RR-1", 1, "Gjennomgå avtalene om assistert retur", HUM, GLOB, dt.date(2012, 9, 30),
     "Gjennomført", "Avtalene er gjennomgått; to avsluttes ved årsskiftet."),
    ("RR-2", 1, "Felles resultatrammeverk for reintegrering", "IOM", GLOB,
     dt.date(2012, 12, 31), "Pågår", "Utkast drøftet med IOM i oktober."),
    ("RR-3", 2, "Oppfølging ved ambassadene i opprinnelseslandene", EMB, AFR,
     dt.date(2012, 8, 31), "Ikke gjort", "Ingen ambassade rapporterer om oppfølging."),
    ("RR-4", 2, "Erfaringsseminar med norske organisasjoner", REG, EUR, dt.date(2013, 3, 31),
     "Pågår", None),
    ("RR-5", 3, "Vurdere flerårige avtaler for reintegrering", HUM, GLOB, dt.date(2013, 6, 30),
     "Ikke gjort", None),
]
# (nr, recommendation, response, responsible) — ILLUSTRATIVE
RECOMMENDATIONS = [
    (1, "Knytt returstøtten til reintegrering og mål resultatene", "Enig", HUM),
    (2, "Styrk oppfølgingen i opprinnelseslandene", "Delvis enig", REG),
    (3, "Gå over til flerårige avtaler der det er mulig", "Enig", HUM),
]
# the register of evaluations: (evaluation, report year, management response, owner, link)
REGISTER = [
    (IOM_EVALUATION, None, dt.date(2011, 8, 25), HUM, None),
    (EVALUATION, 2012, dt.date(2012, 5, 10), HUM, "https://www.norad.no/evaluering"),
]


def _actions(wb: Workbook) -> None:
    ws = wb.create_sheet("Tiltak")
    ws["A1"] = f"Oppfølgingsplan: {EVALUATION} (per {AS_OF:%d.%m.%Y})"
    ws["A1"].font = TITLE_FONT
    _header(ws, 3, ACTION_HEADERS, ACTION_WIDTHS)
    for row, (aid, nr, text, actor, region, due, status, comment) in enumerate(ACTIONS, 4):
        values = [aid, None, text, "UD" if actor != "IOM" else "IOM", actor, actor, region,
                  EVALUATION, due, status, comment, nr]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "DD.MM.YYYY"
    _status_list(ws, "J", 4, 200)


def _recommendations(wb: Workbook) -> None:
    ws = wb.create_sheet("Anbefalinger")
    _header(ws, 1, RECOMMENDATION_HEADERS, RECOMMENDATION_WIDTHS)
    for row, (nr, text, response, responsible) in enumerate(RECOMMENDATIONS, start=2):
        for col, value in enumerate([nr, text, response, None, responsible, EVALUATION], 1):
            ws.cell(row=row, column=col, value=value)


def _register(wb: Workbook) -> None:
    ws = wb.create_sheet("Evalueringer")
    _header(ws, 1, ["Evaluering", "Rapportår", "Ledelsens svar", "Eier", "Lenke"],
            [48, 10, 14, 24, 40])
    for row, values in enumerate(REGISTER, start=2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "DD.MM.YYYY"


def build(path: Path) -> Path:
    """Write the second evaluation's workbook to path."""
    wb = Workbook()
    wb.remove(wb.active)
    _actions(wb)
    _recommendations(wb)
    _register(wb)
    wb.save(path)
    return path
