"""Build real .xlsx workbooks (openpyxl) and real DuckDB files through the real ingest path."""

from __future__ import annotations

import datetime as dt
import io
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.worksheet.table import Table

from followup.store import ingest


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


def load(db: Path, workbook: Path, as_of: str | None = None, whole_plan: bool = True,
         evaluation: str | None = None) -> ingest.Loaded:
    """Ingest a workbook into db through the real path; return what was loaded. The fixture
    workbooks are compiled status sheets: each is its evaluation's whole plan unless told."""
    day = dt.date.fromisoformat(as_of) if as_of else None
    return ingest.ingest(workbook.read_bytes(), workbook.name, db, day,
                         scope=ingest.Scope(evaluation, whole_plan))


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


# --- reading back what was stored, and what was said -------------------------------------


def stored(db: Path, sql: str, params: dict | None = None) -> list[tuple]:
    """Return the rows a query finds in the database file (opened read-only)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def load_sheets(db: Path, sheets: dict, as_of: str | None = None,
                name: str = "round.xlsx") -> ingest.Loaded:
    """Write the sheets as a workbook beside db and ingest it; return what was loaded."""
    return load(db, write_workbook(db.parent / "in" / name, sheets), as_of)


def check_sheets(tmp_path: Path, sheets: dict) -> ingest.Checked:
    """Write the sheets as a workbook and check it in memory (nothing is loaded)."""
    data = write_workbook(tmp_path / "checked.xlsx", sheets).read_bytes()
    checked = ingest.check(data, "checked.xlsx")
    checked.close()
    return checked


def texts(checked: ingest.Checked, lang: str = "nb", severity: str | None = None) -> list[str]:
    """Return the located message of every problem (of one severity when given)."""
    return [p.text(lang) for p in checked.problems if severity in (None, p.severity)]


def snapshot_tables(db: Path) -> dict[str, list[tuple]]:
    """Return every row of every table of the database, sorted, to compare before/after."""
    tables = [r[0] for r in stored(db, "SELECT table_name FROM duckdb_tables() ORDER BY 1")]
    return {t: sorted(stored(db, f'SELECT * FROM "{t}"'), key=repr) for t in tables}


MINIMAL_ACTIONS = [["Tiltak", "Ansvarlig", "Status"], ["Skrive plan", "Hum", "Pågår"]]
MINIMAL_GRANTS = [["Avtalenr", "Partner", "Fra", "Til"], ["G1", "IOM", 2011, 2012]]


# --- hostile containers: zips taken apart, put together and made to lie ------------------

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_LOCAL, _CENTRAL = b"PK\x03\x04", b"PK\x01\x02"
# offsets of (flags, method, uncompressed size) in a local header and a central entry
_FIELDS = {"flags": (6, 8, "<H"), "method": (8, 10, "<H"), "size": (22, 24, "<I")}


def zip_parts(data: bytes) -> dict[str, bytes]:
    """Return every member of a zip, by name, in archive order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zip_of(parts: dict[str, bytes] | list[tuple[str, bytes]],
           stored: tuple[str, ...] = ()) -> bytes:
    """Return a zip of the parts (deflated, or stored when named in `stored`); a list of
    (name, body) pairs may repeat a name."""
    buffer = io.BytesIO()
    pairs = parts.items() if isinstance(parts, dict) else parts
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # a repeated name is made on purpose
        for name, body in pairs:
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, body, compress_type=method)
    return buffer.getvalue()


def patch_member(data: bytes, name: str, **values: int) -> bytes:
    """Return the zip with fields (flags, method, size) of one member overwritten in both its
    local header and its central directory entry, as a crafted file would have them."""
    out = bytearray(data)
    at = data.find(_CENTRAL)
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length] == name.encode():
            local = struct.unpack_from("<I", data, at + 42)[0]
            for key, value in values.items():
                local_offset, central_offset, fmt = _FIELDS[key]
                struct.pack_into(fmt, out, local + local_offset, value)
                struct.pack_into(fmt, out, at + central_offset, value)
        at = data.find(_CENTRAL, at + 4)
    return bytes(out)


def deflated(head: bytes, filler: bytes, megabytes: int, tail: bytes) -> bytes:
    """Return a raw deflate stream of head + `megabytes` MB of filler + tail (fast, small)."""
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    chunk = (filler * (2**20 // len(filler) + 1))[:2**20]
    body = [packer.compress(head), *(packer.compress(chunk) for _ in range(megabytes)),
            packer.compress(tail), packer.flush()]
    return b"".join(body)


def with_lying_part(parts: dict[str, bytes], name: str, raw_deflate: bytes,
                    declared: int = 1000) -> bytes:
    """Return a zip of parts where `name` holds a deflate stream but declares `declared`
    bytes (local header and central directory agree on the lie)."""
    data = zip_of({**parts, name: raw_deflate}, stored=(name,))
    return patch_member(data, name, method=8, size=declared)


def flooded_cell_sheet(megabytes: int) -> bytes:
    """Return a raw deflate stream of a worksheet whose one cell holds `megabytes` MB of text."""
    head = (f'<worksheet xmlns="{SHEET_NS}"><sheetData><row r="1">'
            '<c r="A1" t="inlineStr"><is><t>').encode()
    return deflated(head, b"Tiltak ", megabytes, b"</t></is></c></row></sheetData></worksheet>")


def entity_bomb(levels: int = 9) -> str:
    """Return a DOCTYPE declaring nested entities (billion laughs), and the entity to use."""
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return f"<!DOCTYPE lolz [{''.join(entities)}]>", f"&lol{levels};"


# --- three rounds of one follow-up, for the rules across rounds (see test_action_rounds) ---

ROUND_HEADER = [*ACTION_HEADER, "Kommentar"]
ROUND_DATES = ("2012-01-16", "2012-06-29", "2012-12-14")
# the column that links an action to its recommendation, worded differently in each round
LINK_HEADERS = ("Anbefaling nr", "Rec. ID", "Recommendation ID")
# action -> (actor, region, due date, recommendation, [(status, comment) in each round, None:
# not in it]); the action "uten id" has no ID and is followed by its actor and text
ROUND_ACTIONS = {
    "B1": ("Hum", "Globalt", dt.date(2012, 10, 1), 6,
           [("Pågår", "Starter"), ("Pågår", "Venter på IOM"), ("Pågår", "Fortsatt venter")]),
    "B2": ("Hum", "Europa", dt.date(2013, 1, 31), 2,
           [("Ikke påbegynt", None), ("Pågår", None), ("Pågår", None)]),
    "B3": ("IOM", "Afrika", dt.date(2012, 5, 1), 1,
           [("Pågår", None), ("Gjennomført", None), ("Gjennomført", None)]),
    "B4": ("IOM", "Globalt", dt.date(2013, 6, 30), 4,
           [("Ikke gjort", None), None, ("Ikke gjort", None)]),
    "B5": ("MR/DEM", "Europa", None, 1,
           [("Bortfalt", None), ("Bortfalt", None), ("Bortfalt", None)]),
    "": ("MR/DEM", "Europa", dt.date(2012, 12, 14), 2,
         [("Delvis", None), ("Delvis", None), ("Delvis", None)]),
    "B6": ("IOM", "Afrika", dt.date(2013, 3, 15), 6,
           [("Pågår", None), ("Delvis", None), ("Pågår", None)]),
    "B7": ("Hum", "Globalt", dt.date(2013, 3, 14), 6, [None, None, ("Pågår", None)]),
}
# B1's actor changes in the last round
ROUND_ACTORS = {("B1", 2): "IOM"}
# the recommendations sheet of each round: its name, header and the responses (nynorsk,
# English, bokmål); recommendation 4 was rejected in the middle round, accepted in the others
REC_SHEETS = (
    ("Tilrådingar", ["Nr", "Tilråding", "Leiinga sitt svar", "Grunngjeving", "Ansvarleg"],
     ["Einig", "Delvis einig", "Ueinig", "Einig", None, "Godteke"]),
    ("Recommendations", ["ID", "Recommendation", "Management response", "Response text",
                         "Responsible"],
     ["Agreed", "Partially agreed", "Disagreed", "Not accepted", None, "Accepted"]),
    ("Anbefalinger", ["Nr.", "Anbefaling", "Ledelsens svar", "Begrunnelse", "Ansvarlig",
                      "Evaluering"],
     ["Enig", " delvis ENIG ", "Uenig", "Enig", None, "Akseptert"]),
)


def round_rows(index: int, linked: bool = False) -> list[list]:
    """Return the action rows of round `index` (0, 1, 2) of the three-round follow-up (the
    columns of ROUND_HEADER; linked: with each action's recommendation number last)."""
    rows = []
    for action_id, (actor, region, due, rec, statuses) in ROUND_ACTIONS.items():
        if statuses[index] is None:
            continue
        status, comment = statuses[index]
        actor = ROUND_ACTORS.get((action_id, index), actor)
        rows.append([action_id or None, f"{action_id.lower() or 'uten id'}", actor, "Hum"
                     if actor != "MR/DEM" else "MR/DEM", region, status, due, comment,
                     *([rec] if linked else [])])
    return rows


def recommendation_rows(index: int) -> list[list]:
    """Return the recommendations sheet of round `index`: six recommendations, the last
    round's with an evaluation (recommendation 3 of "Eval B", the others of "Eval A")."""
    _name, header, responses = REC_SHEETS[index]
    rows = [[n, f"r{n}", response, "Begrunnet" if n == 3 else None, "Hum"]
            for n, response in enumerate(responses, start=1)]
    if len(header) > 5:
        rows = [[*row, "Eval B" if row[0] == 3 else "Eval A"] for row in rows]
    return [header, *rows]


def round_workbook(path: Path, index: int, recommendations: bool = True) -> Path:
    """Write round `index` of the three-round follow-up (without its recommendations sheet,
    its actions keep their numbers but nothing links them)."""
    header = [*ROUND_HEADER, LINK_HEADERS[index]]
    sheets = {"Tiltak": [header, *round_rows(index, linked=True)]}
    if recommendations:
        sheets[REC_SHEETS[index][0]] = recommendation_rows(index)
    return write_workbook(path, sheets)


def three_rounds(db: Path, folder: Path) -> list[int]:
    """Load the three rounds, the last (14.12.2012) before the middle (29.06.2012), so that
    ingest order and as-of order differ; return the round ids in as-of order."""
    ids = {}
    for index in (0, 2, 1):
        ids[index] = load(db, round_workbook(folder / f"round{index}.xlsx", index),
                          ROUND_DATES[index]).snapshot_id
    return [ids[0], ids[1], ids[2]]


# --- damaged old .xls workbooks: a few bytes changed in a real BIFF file ------------------

# Bytes changed (offset, value) in `xls_workbook()`, found by mutating it: calamine 0.36
# panics reading the first two (pyo3_runtime.PanicException, a BaseException) and asks for
# 365 GB for the third (the process aborts).
XLS_PANIC_SLICE_END = ((4585, 250), (4660, 139), (4903, 160), (6523, 66), (7007, 73),
                       (7746, 51), (9215, 50))
XLS_PANIC_SLICE_START = ((35, 84), (42, 164), (1425, 202), (2103, 133), (4089, 77))
XLS_HUGE_ALLOCATION = ((2152, 136), (5474, 190))


def xls_workbook() -> bytes:
    """Return a small real .xls (xlwt, byte for byte the same each time): a sheet Tiltak."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Tiltak")
    for r in range(30):
        for c in range(4):
            sheet.write(r, c, f"v{r}{c}" if c else r * 1.5)
    sheet.write(31, 0, xlwt.Formula("A1+A2"))
    sheet.write(32, 0, xlwt.Formula("SUM(A1:A5)"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def damaged_xls(changes: tuple[tuple[int, int], ...]) -> bytes:
    """Return `xls_workbook()` with the given bytes changed."""
    data = bytearray(xls_workbook())
    for offset, value in changes:
        data[offset] = value
    return bytes(data)


def far_cell_workbook(ref: str, dimension: str | None = None) -> bytes:
    """Return a small valid workbook (Tiltak, one action) with one more cell at `ref`, and
    the sheet's declared dimension set to `dimension` (default: A1 to that cell)."""
    data = write_workbook_bytes({"Tiltak": MINIMAL_ACTIONS})
    parts = zip_parts(data)
    sheet = parts["xl/worksheets/sheet1.xml"]
    row = int("".join(ch for ch in ref if ch.isdigit()))
    cell = f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>'.encode()
    if row <= 2:
        at = sheet.index(b"</row>", sheet.index(f'<row r="{row}"'.encode()))
        sheet = sheet[:at] + cell + sheet[at:]
    else:
        sheet = sheet.replace(b"</sheetData>", f'<row r="{row}">'.encode() + cell
                              + b"</row></sheetData>")
    sheet = sheet.replace(b'ref="A1:C2"', f'ref="{dimension or "A1:" + ref}"'.encode())
    parts["xl/worksheets/sheet1.xml"] = sheet
    return zip_of(parts)


def write_workbook_bytes(sheets: dict) -> bytes:
    """Return the bytes of a workbook with the given sheets (see write_workbook)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return write_workbook(Path(folder) / "w.xlsx", sheets).read_bytes()
