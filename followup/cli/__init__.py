"""The command line, `python -m followup COMMAND`: one module per group of commands.

`rounds` loads, checks, lists and deletes reporting rounds; `query` runs a query of queries/;
`pack` writes the meeting pack (briefing, slides, export); `reminders` drafts or sends the
reminders; `requests` writes and records the requests for a status to the actors; `output`
writes rows as a table, JSON or CSV; `jobs` runs these commands as child processes for the
app; `common` holds what they share (exit codes, Stop, the round and filter options). It may
import every stage before it: `workbook`, `store`, `report`, `reminders`.
"""

from __future__ import annotations

import argparse
import json
import sys

from followup.cli import pack, query, reminders, requests, rounds
from followup.cli.common import (
    EXIT_BUSY,
    EXIT_DAMAGED,
    EXIT_DISK_FULL,
    EXIT_OK,
    LANG,
    Stop,
)
from followup.i18n import LANGS, t
from followup.settings import db_path


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    top = argparse.ArgumentParser(prog="python -m followup",
                                  description="Oppfølging: status workbooks into DuckDB.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database file (default $FOLLOWUP_DB or "
                                     "data/followup.duckdb)")
    common.add_argument("--lang", choices=LANGS, default=LANG,
                        help="nb (bokmål, default $FOLLOWUP_LANG or nb), nn (nynorsk) or en")
    sub = top.add_subparsers(dest="command", required=True)
    rounds.add_parsers(sub, common)
    query.add_parser(sub, common)
    pack.add_parsers(sub, common)
    reminders.add_parser(sub, common)
    requests.add_parser(sub, common)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    if getattr(args, "untrusted", False):
        return _guarded(args)
    return _run(args)


def _guarded(args) -> int:
    """Run a command that reads an untrusted workbook in a child with limits (see
    followup.store.child); a child that died is a file too large or damaged to read."""
    from followup.cli.common import EXIT_REJECTED
    from followup.store import child
    from followup.workbook.problems import Problem

    try:
        return child.run(lambda: _run(args))
    except child.Died as died:
        problem = Problem("error", f"child_{died.reason}", args={
            "file": rounds.ingest_name(args), "limit_mb": int(child.MEMORY_MB),
            "seconds": child.SECONDS})
        if args.command == "check":
            print(json.dumps({"problems": [problem.as_dict()]}, ensure_ascii=False))
            return EXIT_REJECTED
        stop = rounds.problems_stop([problem], args)
        print(stop, file=sys.stderr)
        return stop.code


def _run(args) -> int:
    from followup.store.errors import Damaged, DiskFull
    from followup.store.locks import Busy

    try:
        return args.run(args)
    except Stop as stop:
        print(stop, file=sys.stderr)
        return stop.code
    except Busy:
        print(t("cli.busy", args.lang), file=sys.stderr)
        return EXIT_BUSY
    except Damaged as damaged:
        print(t("db.damaged", args.lang, path=damaged.path), file=sys.stderr)
        return EXIT_DAMAGED
    except DiskFull:
        print(t("db.disk_full", args.lang, path=db_path(args.db).parent), file=sys.stderr)
        return EXIT_DISK_FULL
    except BrokenPipeError:
        return EXIT_OK
