"""The command line: `python -m followup ingest|snapshots|query|brief|slides|export|...`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from followup import remind
from followup.filters import Filters
from followup.i18n import LANGS, date, quote, t, tn
from followup.settings import db_path

EXIT_OK, EXIT_FAIL, EXIT_REJECTED, EXIT_BUSY, EXIT_DAMAGED, EXIT_DISK_FULL = 0, 1, 2, 3, 4, 5


class Stop(Exception):
    """End the command with a message on stderr and an exit code."""

    def __init__(self, message: str, code: int = EXIT_REJECTED):
        super().__init__(message)
        self.code = code


def _as_of(text: str | None, lang: str) -> dt.date | None:
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


def _who(args) -> str:
    """Return who acts, for the audit log: --who as given, else `local:` and the OS account."""
    return args.who or LOCAL + local_account()


def _rejected(problems: list, args) -> Stop:
    """Print every problem (stderr, and stdout as JSON with --json); return the Stop to raise."""
    for problem in problems:
        text = problem.text(args.lang)
        print(text if problem.is_error else t("cli.warning", args.lang, text=text),
              file=sys.stderr)
    if args.json:
        print(json.dumps({"rejected": True, "problems": [
            {**p.as_dict(), "message": p.message(args.lang)} for p in problems]},
            ensure_ascii=False))
    errors = sum(p.is_error for p in problems)
    return Stop(tn("cli.rejected", errors, args.lang))


def _existing_file(args) -> Path:
    path = Path(args.file)
    if path.is_dir():
        raise Stop(t("cli.not_a_file", args.lang, path=path))
    if not path.is_file():
        raise Stop(t("cli.no_file", args.lang, path=path))
    return path


def cmd_check(args) -> int:
    """Check a workbook without loading it: print what was found as JSON, and write the typed
    tables as Parquet in --out (what the app's upload page shows and previews)."""
    from followup.store import ingest, staged
    from followup.workbook.problems import Rejected

    path = _existing_file(args)
    name = args.name or path.name
    try:
        checked = ingest.check(ingest.read_upload(path), name)
    except Rejected as rejected:
        checked = ingest.Checked(ingest.display_name(name), "", b"", None,
                                 problems=rejected.problems)
    try:
        if checked.con is not None and not checked.errors:
            staged.write_staged(checked, Path(args.out))
    finally:
        checked.close()
    print(json.dumps(staged.summary(checked), ensure_ascii=False))
    return EXIT_OK


def cmd_ingest(args) -> int:
    """Load a workbook as a new reporting round (or say it is already loaded)."""
    from followup.store import ingest
    from followup.workbook.problems import Rejected, count

    path = _existing_file(args)
    as_of = _as_of(args.as_of, args.lang)
    db = db_path(args.db)
    name = args.name or path.name
    try:
        loaded = ingest.ingest(ingest.read_upload(path), name, db, as_of, who=_who(args))
    except Rejected as rejected:
        raise _rejected(rejected.problems, args) from None
    when = date(loaded.as_of, args.lang)
    today = t("cli.as_of_today", args.lang, as_of=when) if loaded.as_of_source == "today" else None
    if today:
        print(today, file=sys.stderr)
    if args.json:
        print(json.dumps(_ingest_json(loaded, today, args.lang), ensure_ascii=False))
        return EXIT_OK
    if loaded.duplicate:
        print(t("cli.duplicate", args.lang, snapshot=loaded.snapshot_id, as_of=when))
        return EXIT_OK
    print(t("cli.loaded", args.lang, snapshot=loaded.snapshot_id, as_of=when,
            file=quote(name, args.lang)))
    if loaded.as_of_source == "workbook":
        print(t("cli.as_of_found", args.lang, as_of=when, sheet=loaded.found.sheet,
                row=loaded.found.row))
    print(t("cli.counts", args.lang, **loaded.counts))
    if loaded.counts.get("contacts"):
        print(t("cli.contacts", args.lang, contacts=loaded.counts["contacts"]))
    if loaded.counts.get("recommendations"):
        print(t("cli.counts_recommendations", args.lang, **loaded.counts))
    if loaded.warnings:
        print(t("cli.warnings", args.lang, count=count(loaded.warnings)))
        for problem in loaded.warnings:
            print("    " + problem.text(args.lang))
    return EXIT_OK


def _ingest_json(loaded, today: str | None, lang: str) -> dict:
    """Return the outcome of an ingest as JSON: the round, the as-of used and its source."""
    found = loaded.found
    return {"snapshot_id": loaded.snapshot_id, "as_of": loaded.as_of.isoformat(),
            "as_of_source": loaded.as_of_source,
            "as_of_found": found and {"as_of": found.as_of.isoformat(), "sheet": found.sheet,
                                      "row": found.row, "text": found.text},
            "duplicate": loaded.duplicate, "counts": loaded.counts,
            "warnings": [p.text(lang) for p in loaded.warnings] + ([today] if today else [])}


def _open(args):
    from followup import store
    from followup.store import ingest

    db = db_path(args.db)
    if ingest.ensure_database(db):
        print(t("cli.created_with_sample", args.lang, path=db), file=sys.stderr)
    return store.reader(db)


def cmd_snapshots(args) -> int:
    """List the reporting rounds."""
    from followup import store
    from followup.report import output

    columns = ["snapshot_id", "as_of", "file_name", "loaded_at", "actions", "grants",
               "disbursements", "warnings", "sha256"]
    with output.rows_out(args.format, sys.stdout) as keep, _open(args) as con:
        keep(con, store.snapshot_rows(con, columns))
    return EXIT_OK


def _known_round(con, snapshot: int, lang: str) -> int:
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
    return _known_round(con, args.snapshot, args.lang)


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


def _query_options(con, args, snapshot: int | None) -> dict:
    """Return the parameters of --previous (checked; default the round before), --action,
    --rounds and --days; the ones not given keep store.DEFAULT_PARAMS."""
    from followup import store

    if args.previous is not None:
        previous = _known_round(con, args.previous, args.lang)
    else:
        previous = store.previous_snapshot(con, snapshot) if snapshot else None
    given = {"action": args.action, "rounds": args.rounds, "days": args.days}
    return {"previous": previous, **{k: v for k, v in given.items() if v is not None}}


def cmd_query(args) -> int:
    """Run queries/NAME.sql for one round and the filters; print the rows."""
    from followup import store
    from followup.report import output

    try:
        store.query_sql(args.name)
    except KeyError:
        raise Stop(t("cli.unknown_query", args.lang, name=args.name,
                     names=", ".join(store.query_names()))) from None
    with output.rows_out(args.format, sys.stdout) as keep, _open(args) as con:
        check_filters(con, args)
        snapshot = resolve(con, args)
        if snapshot is None:
            print(t("cli.no_snapshots", args.lang), file=sys.stderr)
        keep(con, store.relation(con, args.name, filters_from(args, snapshot).params(
            **_query_options(con, args, snapshot))))
    return EXIT_OK


def _write(path: Path, data: bytes, lang: str) -> None:
    """Write a file the command made and say where it went, or stop with the reason."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise Stop(t("cli.cannot_write", lang, path=path, error=exc.strerror or exc),
                   EXIT_FAIL) from None
    print(t("cli.wrote", lang, path=path, size=max(1, round(len(data) / 1024))))


def _filters_or_stop(con, args) -> Filters:
    check_filters(con, args)
    snapshot = resolve(con, args)
    if snapshot is None:
        raise Stop(t("cli.no_snapshots", args.lang))
    return filters_from(args, snapshot)


def compare_or_stop(con, args, snapshot: int) -> int | None:
    """Return the round named by --compare (checked: a round before the chosen one), else
    None (the round just before)."""
    from followup import store
    from followup.report import comparison

    if args.compare is None:
        return None
    _known_round(con, args.compare, args.lang)
    earlier = comparison.earlier(con, snapshot)
    if args.compare not in earlier:
        as_of = {r["snapshot_id"]: r["as_of"] for r in store.snapshots(con)}
        raise Stop(t("cli.compare_not_earlier", args.lang, compare=args.compare,
                     compare_as_of=date(as_of[args.compare], args.lang), snapshot=snapshot,
                     as_of=date(as_of[snapshot], args.lang),
                     ids=", ".join(map(str, sorted(earlier))) or "–"))
    return args.compare


def _pack_or_stop(con, args) -> tuple[Filters, int | None]:
    """Return the filters and the round to compare with of a meeting-pack command."""
    filters = _filters_or_stop(con, args)
    return filters, compare_or_stop(con, args, filters.snapshot)


def cmd_brief(args) -> int:
    """Write the meeting briefing as one self-contained HTML file."""
    from followup.report import brief

    with _open(args) as con:
        filters, compare = _pack_or_stop(con, args)
        page = brief.render(con, filters, args.lang, compare)
    _write(Path(args.out), page.encode("utf-8"), args.lang)
    return EXIT_OK


def cmd_slides(args) -> int:
    """Write the meeting pack as a PowerPoint deck with native charts."""
    from followup.report import slides

    with _open(args) as con:
        filters, compare = _pack_or_stop(con, args)
        data = slides.render(con, filters, args.lang, compare)
    _write(Path(args.out), data, args.lang)
    return EXIT_OK


def cmd_export(args) -> int:
    """Write the filtered data as a tidy workbook."""
    from followup.report import export

    with _open(args) as con:
        filters, compare = _pack_or_stop(con, args)
        data = export.workbook(con, filters, args.lang, compare)
    _write(Path(args.out), data, args.lang)
    return EXIT_OK


def cmd_reminders(args) -> int:
    """Write a reminder per actor with something to chase as .eml drafts, or send them."""
    if args.days < 0:
        raise Stop(t("cli.rem.bad_days", args.lang, days=args.days))
    with _open(args) as con:
        found = remind.collect(con, _filters_or_stop(con, args), args, Stop)
    return remind.run(args, found, Stop, _write, _who(args))


def cmd_delete(args) -> int:
    """Delete a reporting round (the audit log keeps a line of it)."""
    from followup import store
    from followup.store import rounds

    db = db_path(args.db)
    if not db.exists():
        raise Stop(t("cli.no_database", args.lang, path=db))
    try:
        current = rounds.delete(db, args.snapshot_id, who=_who(args))
    except KeyError:
        with store.reader(db) as con:
            ids = sorted(r["snapshot_id"] for r in store.snapshots(con))
        raise Stop(t("cli.unknown_snapshot", args.lang, snapshot=args.snapshot_id,
                     ids=", ".join(map(str, ids)) or "–")) from None
    if args.json:
        print(json.dumps({"deleted": args.snapshot_id, "current": current}))
    else:
        print(t("cli.deleted", args.lang, snapshot=args.snapshot_id, current=current or "–"))
    return EXIT_OK


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--snapshot", type=int, help="reporting round id (default: latest)")
    parser.add_argument("--region", action="append", default=[], metavar="R")
    parser.add_argument("--section", action="append", default=[], metavar="S")
    parser.add_argument("--evaluation", action="append", default=[], metavar="E")
    parser.add_argument("--partner", action="append", default=[], metavar="P")
    parser.add_argument("--from-year", type=int, metavar="YYYY")
    parser.add_argument("--to-year", type=int, metavar="YYYY")


def _compare_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--compare", type=int, metavar="ID",
                        help="what changed is against this round, one before --snapshot "
                             "(default: the one just before)")


def _at_least_one(text: str) -> int:
    """Return a whole number of at least 1 (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: a whole number of at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    top = argparse.ArgumentParser(prog="python -m followup",
                                  description="Oppfølging: status workbooks into DuckDB.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database file (default $FOLLOWUP_DB or "
                                     "data/followup.duckdb)")
    common.add_argument("--lang", choices=LANGS, default=_LANG,
                        help="nb (bokmål, default $FOLLOWUP_LANG or nb), nn (nynorsk) or en")
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", parents=[common], help="load a workbook as a reporting round")
    p.add_argument("file")
    p.add_argument("--as-of", help="the round's date, YYYY-MM-DD (default: the date in the "
                                        "workbook's title rows, such as 'per 14.12.2012', "
                                        "else today, with a warning)")
    p.add_argument("--name", help="the file name to record (default: FILE's name)")
    p.add_argument("--who", help="who imports, for the audit log (default: the local account)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=cmd_ingest)
    p = sub.add_parser("check", parents=[common],
                       help="check a workbook without loading it (JSON; tables to --out)")
    p.add_argument("file")
    p.add_argument("--out", required=True, metavar="FOLDER")
    p.add_argument("--name", help="the file name to report (default: FILE's name)")
    p.set_defaults(run=cmd_check, json=True)
    p = sub.add_parser("snapshots", parents=[common], help="list the reporting rounds")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(run=cmd_snapshots)
    p = sub.add_parser("query", parents=[common], help="run queries/NAME.sql")
    p.add_argument("name")
    _filter_options(p)
    p.add_argument("--previous", type=int, metavar="ID",
                   help="the round to compare with (action_changes; default: the one before)")
    p.add_argument("--action", metavar="ID", help="the action of action_history")
    p.add_argument("--rounds", type=_at_least_one, metavar="K",
                   help="stalled_actions: the same status in at least K rounds (default 2)")
    p.add_argument("--days", type=int, metavar="N",
                   help="deadlines: due within N days of the round's date (default 90)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(run=cmd_query)
    p = sub.add_parser("brief", parents=[common],
                       help="write the meeting briefing as one self-contained HTML file")
    p.add_argument("--out", required=True, metavar="FILE.html")
    _filter_options(p)
    _compare_option(p)
    p.set_defaults(run=cmd_brief)
    p = sub.add_parser("slides", parents=[common],
                       help="write the meeting pack as a PowerPoint deck (.pptx)")
    p.add_argument("--out", required=True, metavar="FILE.pptx")
    _filter_options(p)
    _compare_option(p)
    p.set_defaults(run=cmd_slides)
    p = sub.add_parser("export", parents=[common],
                       help="write the filtered actions, grants and disbursements as .xlsx")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    _filter_options(p)
    _compare_option(p)
    p.set_defaults(run=cmd_export)
    remind.add_parser(sub, common, _filter_options, cmd_reminders)
    p = sub.add_parser("delete", parents=[common], help="delete a reporting round")
    p.add_argument("snapshot_id", type=int)
    p.add_argument("--who", help="who deletes, for the audit log (default: the local account)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=cmd_delete)
    return top


_LANG = os.environ.get("FOLLOWUP_LANG", "nb") if os.environ.get("FOLLOWUP_LANG") in LANGS \
    else "nb"


def ingest_name(args) -> str:
    """Return the name of the workbook a command reads, as the user knows it."""
    from followup.store.ingest import display_name

    return display_name(args.name or Path(args.file).name)


def _guarded(args) -> int:
    """Run a command that reads an untrusted workbook in a child with limits (see
    followup.store.child); a child that died is a file too large or damaged to read."""
    from followup.store import child
    from followup.workbook.problems import Problem

    try:
        return child.run(lambda: _run(args))
    except child.Died as died:
        problem = Problem("error", f"child_{died.reason}", args={
            "file": ingest_name(args), "limit_mb": int(child.MEMORY_MB),
            "seconds": child.SECONDS})
        if args.command == "check":
            print(json.dumps({"problems": [problem.as_dict()]}, ensure_ascii=False))
            return EXIT_REJECTED
        stop = _rejected([problem], args)
        print(stop, file=sys.stderr)
        return stop.code


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    if args.command in ("ingest", "check"):
        return _guarded(args)
    return _run(args)


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


if __name__ == "__main__":
    sys.exit(main())
