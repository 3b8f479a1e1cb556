"""Ingest speed against the Rust reader alone and against the previous release, in one run.

    python -m bench.ingest_bench [--repeat 7] [--previous REV] [--pandas]

Generates (once) a workbook of 200,000 disbursements, 20,000 grants and 2,000 actions. Then, in
turns so that the machine's load falls on all alike, each a fresh process: the calamine reader
alone (fastexcel reading the three sheets into Arrow, as `to_arrow()` gives them, and the same
without pyarrow, through the Arrow capsule our ingest uses), our whole
`python -m followup ingest` (read, validate, load into a new DuckDB file), and the same
command of the previous release: a checkout of REV (default 8180d75, the last commit before
the code was regrouped by stage), run with the same Python. Prints medians of wall and CPU
seconds and the fastest run of each (the least disturbed by other work on a shared machine),
ours / reader alone (target <= 2x) and ours / previous release. `--pandas` adds
`pandas.read_excel(engine="openpyxl")` merely reading the workbook (about 12 s a run).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from bench.common import OUT, ROOT, Run, big_workbook, measure, median, python

PREVIOUS = "8180d75"
READER = ("import fastexcel, sys; r = fastexcel.read_excel(sys.argv[1]); "
          "[r.load_sheet(n).to_arrow() for n in r.sheet_names]")
CAPSULE = ("import fastexcel, sys; r = fastexcel.read_excel(sys.argv[1]); "
           "[r.load_sheet(n).__arrow_c_array__() for n in r.sheet_names]")


def checkout(rev: str) -> Path:
    """Return a folder holding the files of commit rev (extracted once into bench/out)."""
    sha = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout.strip()
    folder = OUT / f"release-{sha[:12]}"
    if not (folder / "followup").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def compiled(code: Path) -> Path:
    """Return the checkout with its modules compiled to bytecode (as an installed app runs;
    PYTHONDONTWRITEBYTECODE would otherwise have each run compile them again)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "followup")],
                   check=True)
    return code


def ingest(path: Path, code: Path) -> Run:
    """Run `python -m followup ingest` of the checkout `code` into a new database."""
    with tempfile.TemporaryDirectory() as folder:
        return measure([sys.executable, "-m", "followup", "ingest", str(path),
                        "--db", str(Path(folder) / "bench.duckdb")], cwd=code)


class Figures(NamedTuple):
    """Medians of a command's runs, and its fastest run (the least disturbed by other work)."""

    wall: float
    fastest: float
    cpu: float


def _line(label: str, runs: list[Run]) -> Figures:
    figures = Figures(median([r.seconds for r in runs]), min(r.seconds for r in runs),
                      median([r.cpu for r in runs]))
    print(f"{label:<40}{figures.wall:6.2f} s (fastest {figures.fastest:5.2f} s)  "
          f"CPU {figures.cpu:5.2f} s  peak {max(r.peak for r in runs):4.0f} MB")
    return figures


def _ratio(label: str, ours: Figures, other: Figures, target: str = "") -> None:
    print(f"{label:<40}{ours.wall / other.wall:6.2f}x   (fastest "
          f"{ours.fastest / other.fastest:5.2f}x)  CPU {ours.cpu / other.cpu:5.2f}x{target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--previous", default=PREVIOUS, help="the release to compare with")
    parser.add_argument("--pandas", action="store_true", help="also time pandas + openpyxl")
    args = parser.parse_args()
    path = big_workbook()
    ours, previous = compiled(ROOT), compiled(checkout(args.previous))
    print(f"workbook: {path.name} ({path.stat().st_size / 2**20:.1f} MB); "
          f"previous release: {args.previous} ({previous.name}); medians of {args.repeat}")
    runs: dict[str, list[Run]] = {"reader": [], "capsule": [], "ours": [], "previous": []}
    for _ in range(args.repeat):
        runs["reader"].append(measure(python(READER, str(path))))
        runs["capsule"].append(measure(python(CAPSULE, str(path))))
        runs["ours"].append(ingest(path, ours))
        runs["previous"].append(ingest(path, previous))
    reader = _line("fastexcel reading the sheets (to_arrow)", runs["reader"])
    capsule = _line("fastexcel, Arrow capsule (no pyarrow)", runs["capsule"])
    whole = _line("python -m followup ingest (whole)", runs["ours"])
    before = _line(f"the same at {args.previous}", runs["previous"])
    _ratio("ours / reader alone", whole, reader, "  (target <= 2x)")
    _ratio("ours / reader without pyarrow", whole, capsule)
    _ratio("ours / previous release", whole, before)
    if args.pandas:
        baseline = median([measure(python(
            "import pandas as pd, sys; pd.read_excel(sys.argv[1], sheet_name=None, "
            "engine='openpyxl')", str(path))).seconds for _ in range(2)])
        print(f"pandas.read_excel(openpyxl), read only: {baseline:6.2f} s: "
              f"{baseline / whole.wall:5.1f}x our whole ingest")


if __name__ == "__main__":
    main()
