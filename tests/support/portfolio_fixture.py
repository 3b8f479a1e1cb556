"""Two evaluations reported in separate spreadsheets, for the scoped-rounds tests (figures by
hand in tests/store/test_scoped_rounds.py).

R1 29.06.2012  E1's whole plan: A1 Hum ongoing (due 01.10.2012), A2 Hum done, A3 IOM ongoing
               (due 01.03.2013), A4 IOM not started, A5 MR/DEM partial (due 01.12.2012); the
               grants G1 (IOM, 2011–2013: 10, 20, 30) and G2 (ILO, 2012: 5); E1's
               recommendations 1 (Enig: A1, A2), 2 (Delvis enig: A3, A4), 3 (Uenig); the
               register of evaluations: E1 (report 2011, response 15.09.2011, Hum, an https
               link), E2 (report 2012, Regionalavdelingen, a link without https).
R2 01.09.2012  E2's first workbook, no Evaluering column (loaded with evaluation E2), no
               grants: B1 Hum ongoing (due 15.01.2013), B2 Regionalavdelingen done.
R3 15.10.2012  the grant system's export, grants only: G1 (10, 20, 25), G3 (Norad, 2013–2014:
               8); G2 is no longer there.
R4 01.11.2012  IOM's own return on E1: A3 done, A4 ongoing.
R5 14.12.2012  E1's revised whole plan: A1 done, A2 done, A3 done, A4 ongoing, A6 Hum not
               started (due 30.06.2013); A5 (MR/DEM) is no longer in the plan.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.builders import load, write_workbook

HEADER = ["ID", "Tiltak", "Ansvarlig", "Seksjon", "Region", "Status", "Frist", "Evaluering",
          "Anbefaling nr"]
E2_HEADER = ["ID", "Tiltak", "Ansvarlig", "Status", "Frist"]
GRANTS = ["Avtalenr", "Partner", "Seksjon", "Region", "Fra", "Til", 2011, 2012, 2013, 2014]
RECS = [["Nr", "Anbefaling", "Ledelsens svar", "Evaluering"],
        [1, "Bruk evalueringen i dialogen", "Enig", "E1"],
        [2, "Flerårige avtaler", "Delvis enig", "E1"],
        [3, "Overlat rettshåndhevelse til andre", "Uenig", "E1"]]
DATES = ("2012-06-29", "2012-09-01", "2012-10-15", "2012-11-01", "2012-12-14")


def _action(aid, text, actor, status, due=None, rec=None):
    return [aid, text, actor, actor, "Globalt", status, due, "E1", rec]


def workbooks(folder: Path) -> list[Path]:
    """Write the five workbooks; return their paths in as-of order."""
    d = dt.date
    r1 = write_workbook(folder / "e1-plan-2012-06.xlsx", {
        "Tiltak": [HEADER,
                   _action("A1", "Drøfte anbefalingene med IOM", "Hum", "Pågår", d(2012, 10, 1), 1),
                   _action("A2", "Sende evalueringen til ambassadene", "Hum", "Gjennomført",
                           None, 1),
                   _action("A3", "Flerårig avtale med IOM", "IOM", "Pågår", d(2013, 3, 1), 2),
                   _action("A4", "Resultatrammeverk", "IOM", "Ikke påbegynt", None, 2),
                   _action("A5", "Menneskerettighetsanalyse", "MR/DEM", "Delvis",
                           d(2012, 12, 1))],
        "Tilskudd": [GRANTS, ["G1", "IOM", "Hum", "Globalt", 2011, 2013, 10, 20, 30, None],
                     ["G2", "ILO", "MR/DEM", "Europa", 2012, 2012, None, 5, None, None]],
        "Anbefalinger": RECS,
        "Evalueringer": [["Evaluering", "Rapportår", "Ledelsens svar", "Eier", "Lenke"],
                         ["E1", 2011, d(2011, 9, 15), "Hum", "https://norad.example/iom"],
                         ["E2", 2012, None, "Regionalavdelingen", "www.example.org/rapport"]]})
    r2 = write_workbook(folder / "e2-2012-09.xlsx", {
        "Tiltak": [E2_HEADER, ["B1", "Kartlegge returprogrammer", "Hum", "Pågår",
                               d(2013, 1, 15)],
                   ["B2", "Orientere ambassadene", "Regionalavdelingen", "Gjennomført", None]]})
    r3 = write_workbook(folder / "tilskudd-2012-10.xlsx", {
        "Tilskudd": [GRANTS, ["G1", "IOM", "Hum", "Globalt", 2011, 2013, 10, 20, 25, None],
                     ["G3", "Norad", "Hum", "Globalt", 2013, 2014, None, None, 8, None]]})
    r4 = write_workbook(folder / "iom-retur-2012-11.xlsx", {
        "Tiltak": [HEADER,
                   _action("A3", "Flerårig avtale med IOM", "IOM", "Gjennomført",
                           d(2013, 3, 1), 2),
                   _action("A4", "Resultatrammeverk", "IOM", "Pågår", None, 2)]})
    r5 = write_workbook(folder / "e1-plan-2012-12.xlsx", {
        "Tiltak": [HEADER,
                   _action("A1", "Drøfte anbefalingene med IOM", "Hum", "Gjennomført",
                           d(2012, 10, 1), 1),
                   _action("A2", "Sende evalueringen til ambassadene", "Hum", "Gjennomført",
                           None, 1),
                   _action("A3", "Flerårig avtale med IOM", "IOM", "Gjennomført",
                           d(2013, 3, 1), 2),
                   _action("A4", "Resultatrammeverk", "IOM", "Pågår", None, 2),
                   _action("A6", "Oppfølging i ambassadenes planer", "Hum", "Ikke påbegynt",
                           d(2013, 6, 30))]})
    return [r1, r2, r3, r4, r5]


# how each workbook is loaded: (evaluation for rows without one, whole plan)
SCOPES = ((None, True), ("E2", False), (None, False), (None, False), (None, True))


def portfolio_rounds(db: Path, folder: Path, upto: int = 5) -> list[int]:
    """Load the first `upto` workbooks as their people would; return the round ids."""
    return [load(db, path, day, whole_plan=whole, evaluation=evaluation).snapshot_id
            for path, day, (evaluation, whole) in list(zip(workbooks(folder), DATES,
                                                            SCOPES))[:upto]]
