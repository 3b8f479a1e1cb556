"""A checked workbook handed from the child that read it to the process that shows it.

The child (`python -m followup check`, see followup.store.child) writes what it found as
JSON (`summary`) and the typed staging tables as Parquet (`write_staged`); the app reads them
back (`from_summary`, `read_staged`) and previews the import from those tables, so nothing
of the workbook itself is ever parsed in the server process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

from followup.store.ingest import Checked
from followup.workbook import asof, reader
from followup.workbook.problems import Problem

STAGED = ("stg_actions", "stg_grants", "stg_disbursements", "stg_recommendations", "stg_contacts",
          "stg_evaluations")


def write_staged(checked: Checked, folder: Path) -> None:
    """Write the typed staging tables as Parquet files in folder (for `read_staged`)."""
    for table in STAGED:
        checked.con.table(table).write_parquet(str(folder / f"{table}.parquet"))


def read_staged(checked: Checked, folder: Path) -> Checked:
    """Give checked an in-memory database holding the staging tables `write_staged` wrote."""
    import duckdb

    checked.con = duckdb.connect()
    for table in STAGED:
        checked.con.read_parquet(str(folder / f"{table}.parquet")).to_table(table)
    return checked


def summary(checked: Checked) -> dict:
    """Return what a check found, JSON-ready: names, hash, sheets, counts, problems and the
    date the title rows give."""
    found = checked.found_as_of
    return {"file_name": checked.file_name, "sha256": checked.sha256,
            "sheets": {kind: sheet.name for kind, sheet in checked.sheets.items()},
            "counts": checked.counts, "problems": [p.as_dict() for p in checked.problems],
            "as_of_found": found and {**dataclasses.asdict(found),
                                      "as_of": found.as_of.isoformat()}}


def from_summary(data: bytes, found: dict) -> Checked:
    """Return the Checked a `summary` describes (no staging database yet)."""
    checked = Checked(found.get("file_name") or "workbook.xlsx", hashlib.sha256(data).hexdigest(),
                      data, None, counts=found.get("counts") or {},
                      problems=[Problem.from_dict(p) for p in found.get("problems", [])])
    checked.sheets = {kind: reader.Sheet(kind, name, 0)
                      for kind, name in (found.get("sheets") or {}).items()}
    title = found.get("as_of_found")
    if title and checked.sheets:
        next(iter(checked.sheets.values())).title_date = asof.Found(
            **{**title, "as_of": dt.date.fromisoformat(title["as_of"])})
    return checked
