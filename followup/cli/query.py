"""`query NAME`: run queries/NAME.sql for a round and the filters; the rows out as an aligned
table, JSON or CSV."""

from __future__ import annotations

import sys

from followup import store
from followup.cli import output
from followup.cli.common import (
    EXIT_OK,
    Stop,
    at_least_one,
    check_filters,
    filter_options,
    filters_from,
    known_round,
    open_db,
    resolve,
)
from followup.i18n import t
from followup.settings import DUE_SOON_DAYS, STALLED_ROUNDS


def _query_options(con, args, snapshot: int | None) -> dict:
    """Return the parameters of --previous (checked; default the round before), --action,
    --rounds and --days; the ones not given keep store.DEFAULT_PARAMS."""
    if args.previous is not None:
        previous = known_round(con, args.previous, args.lang)
    else:
        previous = store.previous_snapshot(con, snapshot) if snapshot else None
    given = {"action": args.action, "rounds": args.rounds, "days": args.days}
    return {"previous": previous, **{k: v for k, v in given.items() if v is not None}}


def cmd_query(args) -> int:
    """Run queries/NAME.sql for one round and the filters; print the rows."""
    try:
        store.query_sql(args.name)
    except KeyError:
        raise Stop(t("cli.unknown_query", args.lang, name=args.name,
                     names=", ".join(store.query_names()))) from None
    with output.rows_out(args.format, sys.stdout) as keep, open_db(args) as con:
        check_filters(con, args)
        snapshot = resolve(con, args)
        if snapshot is None:
            print(t("cli.no_snapshots", args.lang), file=sys.stderr)
        keep(con, store.relation(con, args.name, filters_from(args, snapshot).params(
            **_query_options(con, args, snapshot))))
    return EXIT_OK


def add_parser(sub, common) -> None:
    """Add the `query` command."""
    p = sub.add_parser("query", parents=[common], help="run queries/NAME.sql")
    p.add_argument("name")
    filter_options(p)
    p.add_argument("--previous", type=int, metavar="ID",
                   help="the round to compare with (action_changes; default: the one before)")
    p.add_argument("--action", metavar="ID", help="the action of action_history")
    p.add_argument("--rounds", type=at_least_one, metavar="K",
                   help=f"stalled_actions: the same status in at least K rounds "
                        f"(default {STALLED_ROUNDS})")
    p.add_argument("--days", type=int, metavar="N",
                   help=f"deadlines: due within N days of the round's date "
                        f"(default {DUE_SOON_DAYS})")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(run=cmd_query)
