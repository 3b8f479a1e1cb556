"""What every command shares: exit codes, Stop, who acts, the round and filters options, the
database opened for reading, and writing a file the command made."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from followup.filters import Filters
from followup.i18n import LANGS, date, quote, t
from followup.settings import db_path

EXIT_OK, EXIT_FAIL, EXIT_REJECTED, EXIT_BUSY, EXIT_DAMAGED, EXIT_DISK_FULL = 0, 1, 2, 3, 4, 5


class Stop(Exception):
    """End the command with a message on stderr and an exit code."""

    def __init__(self, message: str, code: int = EXIT_REJECTED):
        super().__init__(message)
        self.code = code


def as_of_option(text: str | None, lang: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Stop(t("cli.bad_date", lang, value=text)) from None


LOCAL = "local:"


def local_account() -> str:
    """Return the operating system's name for the account running this process."""
    import getpass
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        try:
            return getpass.getuser()
        except OSError:
            return f"uid {os.getuid()}"


def who(args) -> str:
    """Return who acts, for the audit log: --who as given, else `local:` and the OS account."""
    return args.who or LOCAL + local_account()


def open_db(args):
    """Return a read-only connection to --db (created with the sample when missing)."""
    from followup import store
    from followup.store import ingest

    db = db_path(args.db)
    if ingest.ensure_database(db):
        print(t("cli.created_with_sample", args.lang, path=db), file=sys.stderr)
    return store.reader(db)


def known_round(con, snapshot: int, lang: str) -> int:
    """Return the round id when the database has it, else stop with the ids there are."""
    from followup import store

    ids = [r["snapshot_id"] for r in store.snapshots(con)]
    if snapshot not in ids:
        raise Stop(t("cli.unknown_snapshot", lang, snapshot=snapshot,
                     ids=", ".join(map(str, sorted(ids))) or "–"))
    return snapshot


def resolve(con, args) -> int | None:
    """Return the round named by --snapshot (checked), else the latest round."""
    from followup import store

    if args.snapshot is None:
        return store.latest_snapshot(con)
    return known_round(con, args.snapshot, args.lang)


_FILTER_OPTIONS = (("region", "region"), ("section", "section"), ("evaluation", "evaluation"),
                   ("partner", "partner"))


def check_filters(con, args) -> None:
    """Stop with the values there are when a filter names one that no round has."""
    from followup import store

    _, rows = store.run_query(con, "filter_options", {})
    known: dict[str, list[str]] = {}
    for dimension, value in rows:
        known.setdefault(dimension, []).append(value)
    for option, dimension in _FILTER_OPTIONS:
        for value in getattr(args, option):
            if value not in known.get(dimension, []):
                raise Stop(t("cli.unknown_value", args.lang, option=f"--{option}",
                             value=quote(value, args.lang),
                             known=", ".join(known.get(dimension, [])) or "–"))
    if args.from_year and args.to_year and args.from_year > args.to_year:
        raise Stop(t("cli.bad_years", args.lang, first=args.from_year, last=args.to_year))


def filters_from(args, snapshot: int | None) -> Filters:
    """Return the Filters the command-line options describe."""
    return Filters(snapshot=snapshot, regions=tuple(args.region), sections=tuple(args.section),
                   evaluations=tuple(args.evaluation), partners=tuple(args.partner),
                   year_from=args.from_year, year_to=args.to_year)


def write(path: Path, data: bytes, lang: str) -> None:
    """Write a file the command made and say where it went, or stop with the reason."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise Stop(t("cli.cannot_write", lang, path=path, error=exc.strerror or exc),
                   EXIT_FAIL) from None
    print(t("cli.wrote", lang, path=path, size=max(1, round(len(data) / 1024))))


def filters_or_stop(con, args) -> Filters:
    """Return the Filters of the options for a round that exists, else stop saying why."""
    check_filters(con, args)
    snapshot = resolve(con, args)
    if snapshot is None:
        raise Stop(t("cli.no_snapshots", args.lang))
    return filters_from(args, snapshot)


def compare_or_stop(con, args, snapshot: int) -> int | None:
    """Return the round named by --compare (checked: a round before the chosen one), else
    None (the round just before)."""
    from followup import store
    from followup.report.documents import comparison

    if args.compare is None:
        return None
    known_round(con, args.compare, args.lang)
    earlier = comparison.earlier(con, snapshot)
    if args.compare not in earlier:
        as_of = {r["snapshot_id"]: r["as_of"] for r in store.snapshots(con)}
        raise Stop(t("cli.compare_not_earlier", args.lang, compare=args.compare,
                     compare_as_of=date(as_of[args.compare], args.lang), snapshot=snapshot,
                     as_of=date(as_of[snapshot], args.lang),
                     ids=", ".join(map(str, sorted(earlier))) or "–"))
    return args.compare


def pack_or_stop(con, args) -> tuple[Filters, int | None]:
    """Return the filters and the round to compare with of a meeting-pack command."""
    filters = filters_or_stop(con, args)
    return filters, compare_or_stop(con, args, filters.snapshot)


def filter_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that choose the round and filter it."""
    parser.add_argument("--snapshot", type=int, help="reporting round id (default: latest)")
    parser.add_argument("--region", action="append", default=[], metavar="R")
    parser.add_argument("--section", action="append", default=[], metavar="S")
    parser.add_argument("--evaluation", action="append", default=[], metavar="E")
    parser.add_argument("--partner", action="append", default=[], metavar="P")
    parser.add_argument("--from-year", type=int, metavar="YYYY")
    parser.add_argument("--to-year", type=int, metavar="YYYY")


def compare_option(parser: argparse.ArgumentParser) -> None:
    """Add --compare, the round what changed is measured against."""
    parser.add_argument("--compare", type=int, metavar="ID",
                        help="what changed is against this round, one before --snapshot "
                             "(default: the one just before)")


def at_least_one(text: str) -> int:
    """Return a whole number of at least 1 (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: a whole number of at least 1")
    return value


LANG = os.environ.get("FOLLOWUP_LANG", "nb") if os.environ.get("FOLLOWUP_LANG") in LANGS \
    else "nb"
