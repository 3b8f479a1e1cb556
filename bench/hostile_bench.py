"""Hostile and damaged files through the command line and the upload page's child check.

    python -m bench.hostile_bench [--sizes 25,50,100,200]

Each file runs in fresh processes through `python -m followup ingest` and through
`python -m followup check` (what the upload page runs in its child); each line prints the
exit code, the wall time and the peak memory of the whole process tree, and the time as a
ratio against the sample round (`data/sample.xlsx`) measured in the same run. Then honest
workbooks whose one sheet unpacks to each of --sizes MB are checked, to measure the peak
memory per unpacked MB that sets FOLLOWUP_MAX_UNPACKED_MB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

from bench.common import ROOT, run_any
from tests.support.builders import (
    MINIMAL_ACTIONS,
    XLS_HUGE_ALLOCATION,
    XLS_PANIC_SLICE_END,
    damaged_xls,
    entity_bomb,
    far_cell_workbook,
    flooded_cell_sheet,
    with_lying_part,
    write_workbook_bytes,
    zip_of,
    zip_parts,
)

SHEET = "xl/worksheets/sheet1.xml"


def hostile_files() -> dict[str, bytes]:
    """Return the hostile and damaged files, by name."""
    parts = zip_parts(write_workbook_bytes({"Tiltak": MINIMAL_ACTIONS}))
    doctype, entity = entity_bomb()
    bombed = parts["xl/workbook.xml"].replace(b"<workbook", doctype.encode() + b"<workbook", 1)
    crc = bytearray(zip_of(parts, stored=(SHEET,)))
    crc[crc.index(b"Ansvarlig")] = ord("X")
    return {
        "a1-xfd1048576.xlsx": far_cell_workbook("XFD1048576"),
        "one-cell-in-xfd.xlsx": far_cell_workbook("XFD1"),
        "z1048576.xlsx": far_cell_workbook("Z1048576"),
        "zip-bomb-256mb.xlsx": with_lying_part(parts, SHEET, flooded_cell_sheet(256)),
        "entity-bomb.xlsx": zip_of({**parts, "xl/workbook.xml": bombed.replace(
            b"</workbook>", entity.encode() + b"</workbook>")}),
        "bad-crc.xlsx": bytes(crc),
        "xls-panics.xls": damaged_xls(XLS_PANIC_SLICE_END),
        "xls-aborts.xls": damaged_xls(XLS_HUGE_ALLOCATION),
        "random.xlsx": b"PK\x03\x04" + bytes(range(256)) * 40,
    }


def honest_sheet(path: Path, megabytes: int) -> Path:
    """Write a workbook whose actions sheet (10 columns of short cells) unpacks to about
    `megabytes` MB: the densest XML a reader turns into cells."""
    head = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1">' + "".join(
                f'<c r="{c}1" t="inlineStr"><is><t>{h}</t></is></c>'
                for c, h in zip("ABCDEFGHIJ", ["Tiltak", "Ansvarlig", "Status",
                                               *[f"Notat {i}" for i in range(7)]]))
            + "</row>")
    rows, size, r = [head], len(head), 2
    while size < megabytes * 2**20:
        row = (f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>t{r}</t></is></c>'
               f'<c r="B{r}" t="inlineStr"><is><t>Hum</t></is></c>'
               f'<c r="C{r}" t="inlineStr"><is><t>Pågår</t></is></c>'
               + "".join(f'<c r="{c}{r}"><v>{r % 997}</v></c>' for c in "DEFGHIJ") + "</row>")
        rows.append(row)
        size += len(row)
        r += 1
    rows.append("</sheetData></worksheet>")
    parts = zip_parts(write_workbook_bytes({"Tiltak": MINIMAL_ACTIONS}))
    parts[SHEET] = "".join(rows).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return path


def measure(path: Path, folder: Path, env: dict | None = None) -> tuple:
    """Return (ingest seconds, MB, check seconds, MB) for one file, each a fresh process."""
    db = folder / f"{path.stem}.duckdb"
    ingest = run_any([sys.executable, "-m", "followup", "ingest", str(path), f"--db={db}"],
                     env=env)
    out = folder / f"{path.stem}-out"
    out.mkdir(exist_ok=True)
    check = run_any([sys.executable, "-m", "followup", "check", str(path), f"--out={out}"],
                    env=env)
    return (*ingest, *check)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="25,50,100,200",
                        help="unpacked MB of the honest sheets (comma-separated)")
    args = parser.parse_args()
    env = {"FOLLOWUP_MAX_UNPACKED_MB": "1000", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="hostile-bench-") as name:
        folder = Path(name)
        sample = measure(ROOT / "data" / "sample.xlsx", folder, env)
        print(f"{'file':26} {'size':>8}  {'ingest':>22}  {'check (upload child)':>22}")
        line = "{:26} {:>6} KB  {:>5}  {:6.2f} s {:5.0f} MB  {:>5}  {:6.2f} s {:5.0f} MB  {:5.1f}x"
        print(line.format("sample.xlsx", round((ROOT / "data" / "sample.xlsx").stat().st_size
                                               / 1024), sample[0], sample[1], sample[2],
                          sample[3], sample[4], sample[5], 1.0))
        for file_name, data in hostile_files().items():
            path = folder / file_name
            path.write_bytes(data)
            got = measure(path, folder, env)
            print(line.format(file_name, max(1, round(len(data) / 1024)), got[0], got[1],
                              got[2], got[3], got[4], got[5], got[1] / sample[1]))
        print("\nhonest sheets, checked (peak memory of the check's process tree):")
        for megabytes in (int(s) for s in args.sizes.split(",")):
            path = honest_sheet(folder / f"honest-{megabytes}mb.xlsx", megabytes)
            code, seconds, peak = run_any([sys.executable, "-m", "followup", "check",
                                           str(path), f"--out={folder}"], env=env)
            print(f"  {megabytes:4} MB unpacked ({path.stat().st_size / 2**20:5.1f} MB file): "
                  f"exit {code}, {seconds:6.2f} s, peak {peak:5.0f} MB, "
                  f"{peak / megabytes:4.1f} MB per unpacked MB")
            path.unlink()


if __name__ == "__main__":
    main()
