"""The command `python -m followup requests`: one workbook per actor with that actor's open
actions of the state, to fill in and send back (followup.report.documents.request), written
to --out; the request is recorded (who, when, for whom, from which round's state) in the
table requests and the audit log. `--actor` limits it to the named actors; a name without
open actions stops the command before anything is written or recorded.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from followup.cli.common import (
    EXIT_FAIL,
    EXIT_OK,
    Stop,
    filter_options,
    filters_or_stop,
    open_db,
    who,
    write,
)
from followup.cli.output import escaped
from followup.cli.reminders import actor_names
from followup.i18n import date, quote, t, tn


def cmd_requests(args) -> int:
    """Write a request per actor with open actions to --out and record it."""
    from followup import store
    from followup.report.documents import request
    from followup.settings import db_path
    from followup.store import requested

    with open_db(args) as con:
        made_at = store.now()  # after open_db, which may create the database with the sample
        filters = filters_or_stop(con, args)
        names = actor_names(args)
        found = request.requests(con, replace(filters, actors=names), made_at.date(),
                                 args.lang)
        as_of = store.one(con, "SELECT as_of FROM snapshots WHERE snapshot_id = $id",
                          {"id": filters.snapshot})[0]
        missing = [n for n in names if n not in {r.actor for r in found}]
        if missing:
            everyone = request.requests(con, filters, made_at.date(), args.lang)
            raise Stop(escaped(t("cli.req.unknown_actor", args.lang,
                                 actors=", ".join(quote(n, args.lang) for n in missing),
                                 snapshot=filters.snapshot, as_of=date(as_of, args.lang),
                                 known="; ".join(r.actor for r in everyone) or "–")))
    if not found:
        print(json.dumps({"request_id": None, "snapshot_id": filters.snapshot,
                          "as_of": as_of.isoformat(), "requests": []}) if args.json else
              t("cli.req.none", args.lang, snapshot=filters.snapshot,
                as_of=date(as_of, args.lang)))
        return EXIT_OK
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Stop(t("cli.cannot_write", args.lang, path=out, error=exc.strerror or exc),
                   EXIT_FAIL) from None
    for r in found:
        if args.json:
            (out / r.file_name).write_bytes(r.data)
        else:
            write(out / r.file_name, r.data, args.lang)
    number = requested.record(db_path(args.db), filters.snapshot, who(args), made_at,
                              [(r.actor, r.file_name, r.actions) for r in found])
    if args.json:
        print(json.dumps({"request_id": number, "snapshot_id": filters.snapshot,
                          "as_of": as_of.isoformat(),
                          "requests": [{"actor": r.actor, "file": r.file_name,
                                        "actions": sum(r.actions.values())} for r in found]},
                         ensure_ascii=False))
        return EXIT_OK
    lines = [tn("cli.req.recorded", len(found), args.lang, request=number,
                snapshot=filters.snapshot, as_of=date(as_of, args.lang))]
    lines += [tn("cli.req.actor", sum(r.actions.values()), args.lang, actor=r.actor,
                 file=r.file_name) for r in found]
    print("\n".join(escaped(line) for line in lines))
    return EXIT_OK


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    """Add the `requests` command."""
    p = sub.add_parser("requests", parents=[common],
                       help="write a request for a status per actor (.xlsx) and record it")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the workbooks")
    filter_options(p)
    p.add_argument("--actor", action="append", default=[], metavar="NAME",
                   help="only this responsible actor, as written in the workbook (repeatable)")
    p.add_argument("--who", help="who asks, for the audit log (default: the OS account)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=cmd_requests)
