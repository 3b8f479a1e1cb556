"""Build real .xlsx workbooks (openpyxl) and real DuckDB files through the real ingest path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.table import Table

from followup import ingest


@dataclass(frozen=True)
class Text:
    """A cell that must be stored as text even when it looks like a formula (`=...`)."""

    value: str


@dataclass
class SheetSpec:
    """A sheet: rows from row 1 (None for a blank row), merges like 'B5:B7', an Excel Table."""

    rows: list
    merges: tuple[str, ...] = ()
    table: str | None = None


def write_workbook(path: Path, sheets: dict[str, SheetSpec | list]) -> Path:
    """Write a workbook with the given sheets (a list is a SheetSpec's rows) and return path."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, spec in sheets.items():
        spec = spec if isinstance(spec, SheetSpec) else SheetSpec(spec)
        ws = wb.create_sheet(name)
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row or [], start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(value, Text):
                    cell.value = value.value
                    cell.data_type = "s"
                else:
                    cell.value = value
                if isinstance(value, (dt.date, dt.datetime)):
                    cell.number_format = "DD.MM.YYYY"
        for merged in spec.merges:
            ws.merge_cells(merged)
        if spec.table:
            ws.add_table(Table(displayName="T" + name.replace(" ", ""), ref=spec.table))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


ACTION_HEADER = ["ID", "Tiltak", "Ansvarlig", "Seksjon", "Region", "Status", "Frist"]
STANDARD_ACTIONS = [
    ["A1", "a1", "Hum", "Hum", "Globalt", "Gjennomført", dt.date(2012, 6, 30)],
    ["A2", "a2", "Hum", "Hum", "Europa", "Pågår", dt.date(2012, 12, 31)],
    ["A3", "a3", "Hum", "Hum", "Europa", "Bortfalt", None],
    ["A4", "a4", "IOM", "Hum", "Afrika", "Ferdig", None],
    ["A5", "a5", "IOM", "Hum", "Globalt", "Ikke gjort", dt.date(2012, 3, 1)],
    ["A6", "a6", "IOM", "Hum", "Globalt", "Delvis", None],
    ["A7", "a7", "MR/DEM", "MR/DEM", "Europa", "Done", None],
    ["A8", "a8", "MR/DEM", "MR/DEM", "Europa", None, None],
]
GRANT_HEADER = ["Avtalenr", "Partner", "Seksjon", "Region", "Fra", "Til", 2011, "2012"]
STANDARD_GRANTS = [
    ["G1", "IOM", "Hum", "Europa", "01.01.2011", "31.12.2012", 1_000_000, "kr 2 000 000,50"],
    ["G2", "UNODC", "MR/DEM", "Globalt", 2012, 2012, None, "500\u00a0000"],
    ["G3", "ILO", "MR/DEM", "Europa", dt.date(2011, 3, 1), "2013-06-30", None, None],
]
STANDARD_DISBURSEMENTS = [
    ["G3", 2011, 300_000],
    ["G3", "2011", "200 000"],
    ["G3", 2013, 750_000],
    ["G1", 2013, -100_000],
]


def standard_workbook(path: Path) -> Path:
    """Write the workbook whose figures the query tests compute by hand (see test_queries)."""
    return write_workbook(path, {
        "Tiltak": [["Oppfølgingsplan"], None, ACTION_HEADER, *STANDARD_ACTIONS],
        "Tilskudd": [GRANT_HEADER, *STANDARD_GRANTS],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], *STANDARD_DISBURSEMENTS],
    })


def load(db: Path, workbook: Path, as_of: str | None = None) -> ingest.Loaded:
    """Ingest a workbook into db through the real path; return what was loaded."""
    day = dt.date.fromisoformat(as_of) if as_of else None
    return ingest.ingest(workbook.read_bytes(), workbook.name, db, day)


EARLIER_ACTIONS = [
    ["A1", "a1", "Hum", "Hum", "Globalt", "Pågår", dt.date(2012, 6, 30)],
    ["A2", "a2", "Hum", "Hum", "Europa", "Pågår", dt.date(2012, 12, 31)],
    ["A3", "a3", "Hum", "Hum", "Europa", "Ikke påbegynt", None],
    ["A5", "a5", "IOM", "Hum", "Globalt", "Ikke gjort", dt.date(2012, 3, 1)],
    ["A6", "a6", "IOM", "Hum", "Globalt", "Delvis", None],
    ["A7", "a7", "MR/DEM", "MR/DEM", "Europa", "Done", None],
    ["A8", "a8", "MR/DEM", "MR/DEM", "Europa", "Ikke rapportert", None],
    ["A9", "a9", "MR/DEM", "MR/DEM", "Europa", "Pågår", None],
]


def earlier_workbook(path: Path) -> Path:
    """Write the round before the standard one: A1 and A3 change, A4 is new, A9 goes away."""
    return write_workbook(path, {
        "Tiltak": [ACTION_HEADER, *EARLIER_ACTIONS],
        "Tilskudd": [GRANT_HEADER, *STANDARD_GRANTS],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], *STANDARD_DISBURSEMENTS],
    })


# Comments that a spreadsheet would run as formulas, and text that is HTML, to prove that the
# exports keep them verbatim and inert.
TRICKY_COMMENTS = {
    "A1": '=HYPERLINK("http://evil.example/","Klikk")',
    "A2": "+47 22 24 36 00",
    "A3": "-avklart med IOM",
    "A4": "@Hum følger opp",
    "A5": "<script>alert('x')</script> & «sitat»",
    "A6": "Vanlig kommentar",
}
TRICKY_ACTION_A7 = '<img src="https://evil.example/x.png"> a7'


def commented_workbook(path: Path) -> Path:
    """Write the standard workbook with a comment column and HTML in action A7's text.

    The figures are those of `standard_workbook`; only texts differ.
    """
    rows = []
    for row in STANDARD_ACTIONS:
        row = [TRICKY_ACTION_A7 if v == "a7" else v for v in row]
        comment = TRICKY_COMMENTS.get(row[0])
        rows.append([*row, Text(comment) if comment else None])
    return write_workbook(path, {
        "Tiltak": [["Oppfølgingsplan"], None, [*ACTION_HEADER, "Kommentar"], *rows],
        "Tilskudd": [GRANT_HEADER, *STANDARD_GRANTS],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], *STANDARD_DISBURSEMENTS],
    })


def earlier_commented_workbook(path: Path) -> Path:
    """Write a round before the commented one: A1 and A6 ongoing, no A8, an A9 since removed."""
    status = {"A1": "Pågår", "A6": "Pågår"}
    rows = [[*row[:5], status.get(row[0], row[5]), row[6]] for row in STANDARD_ACTIONS
            if row[0] != "A8"]
    rows.append(["A9", "a9", "Hum", "Hum", "Globalt", "Pågår", None])
    return write_workbook(path, {
        "Tiltak": [["Oppfølgingsplan"], None, ACTION_HEADER, *rows],
        "Tilskudd": [GRANT_HEADER, *STANDARD_GRANTS],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], *STANDARD_DISBURSEMENTS],
    })


def two_rounds(db: Path, folder: Path) -> Path:
    """Load the earlier round (29.06.2012) and the standard round (14.12.2012) into db."""
    load(db, earlier_workbook(folder / "earlier.xlsx"), "2012-06-29")
    load(db, standard_workbook(folder / "standard.xlsx"), "2012-12-14")
    return db


def two_rounds_commented(db: Path, folder: Path) -> Path:
    """Load an earlier round (29.06.2012) and the commented standard round (14.12.2012)."""
    load(db, earlier_commented_workbook(folder / "earlier.xlsx"), "2012-06-29")
    load(db, commented_workbook(folder / "commented.xlsx"), "2012-12-14")
    return db


HOSTILE_ACTOR = "</script><script>alert(1)</script>"


def crowded_workbook(path: Path, actors: int = 12) -> Path:
    """Write a round with many actors (long names, one of them HTML), one action each."""
    names = [HOSTILE_ACTOR] + [f"Seksjon for {i}. saksfelt & <b>regionalt</b> samarbeid"
                               for i in range(2, actors + 1)]
    statuses = ["Gjennomført", "Pågår", "Delvis", "Ikke gjort"]
    rows = [[f"C{i}", f"c{i}", name, "Hum", "Europa", statuses[i % 4], None]
            for i, name in enumerate(names, start=1)]
    return write_workbook(path, {
        "Tiltak": [ACTION_HEADER, *rows],
        "Tilskudd": [GRANT_HEADER, *STANDARD_GRANTS],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], *STANDARD_DISBURSEMENTS],
    })
