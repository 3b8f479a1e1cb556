"""Rounds: `ingest` a workbook as a round, `check` one without loading it, list the rounds
(`snapshots`), `delete` one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from followup.cli import output
from followup.cli.common import (
    EXIT_FAIL,
    EXIT_OK,
    Stop,
    as_of_option,
    open_db,
    who,
)
from followup.i18n import date, quote, status_label, t, tn
from followup.report.figures import coverage
from followup.settings import db_path
from followup.workbook.problems import escape_controls


def problems_stop(problems: list, args) -> Stop:
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


def _folder(path: Path, lang: str) -> Path:
    """Return the folder, made when it does not exist yet; stop saying why when it cannot be."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Stop(t("cli.cannot_write", lang, path=path, error=exc.strerror or exc),
                   EXIT_FAIL) from None
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
            staged.write_staged(checked, _folder(Path(args.out), args.lang))
    finally:
        checked.close()
    print(json.dumps(staged.summary(checked), ensure_ascii=False))
    return EXIT_OK


def _evaluation(args) -> str | None:
    """Return --evaluation cleaned as the import cleans a name (trimmed, inner spaces
    collapsed), or None."""
    name = " ".join((args.evaluation or "").split())
    return name or None


def cmd_ingest(args) -> int:
    """Load a workbook as a new reporting round (or say it is already loaded)."""
    from followup.store import ingest
    from followup.workbook.problems import Rejected, count

    path = _existing_file(args)
    as_of = as_of_option(args.as_of, args.lang)
    db = db_path(args.db)
    name = args.name or path.name
    try:
        loaded = ingest.ingest(ingest.read_upload(path), name, db, as_of, who=who(args),
                               scope=ingest.Scope(_evaluation(args), args.whole_plan,
                                                  tuple(i.strip() for i in args.keep_previous)))
    except Rejected as rejected:
        raise problems_stop(rejected.problems, args) from None
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
    print(t("cli.covers", args.lang, covers="; ".join(
        escape_controls(p) for p in coverage.phrases(loaded.covers, args.lang))))
    _print_proposed(loaded.proposed, args.lang)
    if loaded.since and loaded.since["actions"]:
        print(tn("cli.since", len(loaded.since["actions"]), args.lang,
                 request=loaded.since["request_id"],
                 made=date(loaded.since["made_at"].date(), args.lang)))
        for a in loaded.since["actions"]:
            print(escape_controls(t("cli.since_line", args.lang, action_id=a["action_id"] or "–",
                                    actor=a["actor"], status=status_label(a["status"], args.lang),
                                    requested=status_label(a["requested_status"], args.lang)
                                    if a["requested_status"] else "–",
                                    as_of=date(a["last_report"], args.lang))))
    for refusal in loaded.refused:
        print(escape_controls(t("cli.refused", args.lang, **{
            k: v or "–" for k, v in refusal.items() if k != "kept_status"})))
    if loaded.counts.get("contacts"):
        print(t("cli.contacts", args.lang, contacts=loaded.counts["contacts"]))
    if loaded.counts.get("recommendations"):
        print(t("cli.counts_recommendations", args.lang, **loaded.counts))
    if loaded.warnings:
        print(t("cli.warnings", args.lang, count=count(loaded.warnings)))
        for problem in loaded.warnings:
            print("    " + problem.text(args.lang))
    return EXIT_OK


def _print_proposed(changes: list[dict], lang: str) -> None:
    """Print what the workbook proposes for the actions already reported, field by field,
    the refused ones marked."""
    from followup.report.figures import proposed

    if changes:
        print(tn("cli.proposed", len(changes), lang))
    for change in changes:
        field, was, new = proposed.written(change, lang)
        words = {"action_id": change["action_id"] or "–", "actor": change["actor"],
                 "field": field.lower(), "was": quote(was, lang) if was != "–" else was,
                 "proposed": quote(new, lang) if new != "–" else new}
        line = (t("cli.proposed_refused", lang, **words) if change["refused"]
                else t("cli.proposed_line", lang, **words))
        print(escape_controls(line))


def _ingest_json(loaded, today: str | None, lang: str) -> dict:
    """Return the outcome of an ingest as JSON: the round, the as-of used and its source."""
    found = loaded.found
    return {"snapshot_id": loaded.snapshot_id, "as_of": loaded.as_of.isoformat(),
            "as_of_source": loaded.as_of_source,
            "as_of_found": found and {"as_of": found.as_of.isoformat(), "sheet": found.sheet,
                                      "row": found.row, "text": found.text},
            "duplicate": loaded.duplicate, "counts": loaded.counts, "covers": loaded.covers,
            "refused": loaded.refused, "proposed": loaded.proposed,
            "since": _since_json(loaded.since),
            "warnings": [p.text(lang) for p in loaded.warnings] + ([today] if today else [])}


def _since_json(since: dict | None) -> dict | None:
    """Return the request a return answers and what changed since it, JSON-ready."""
    if since is None:
        return None
    return {**since, "made_at": since["made_at"].isoformat(),
            "actions": [{**a, "last_report": a["last_report"].isoformat()}
                        for a in since["actions"]]}


def cmd_snapshots(args) -> int:
    """List the reporting rounds."""
    from followup import store

    columns = ["snapshot_id", "as_of", "file_name", "loaded_at", "actions", "grants",
               "disbursements", "warnings", "sha256"]
    with output.rows_out(args.format, sys.stdout) as keep, open_db(args) as con:
        keep(con, store.snapshot_rows(con, columns))
    return EXIT_OK


def cmd_delete(args) -> int:
    """Delete a reporting round (the audit log keeps a line of it)."""
    from followup import store
    from followup.store import rounds

    db = db_path(args.db)
    if not db.exists():
        raise Stop(t("cli.no_database", args.lang, path=db))
    try:
        current = rounds.delete(db, args.snapshot_id, who=who(args))
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


def ingest_name(args) -> str:
    """Return the name of the workbook a command reads, as the user knows it."""
    from followup.store.ingest import display_name

    return display_name(args.name or Path(args.file).name)


def add_parsers(sub, common) -> None:
    """Add the `ingest`, `check`, `snapshots` and `delete` commands."""
    p = sub.add_parser("ingest", parents=[common], help="load a workbook as a reporting round")
    p.add_argument("file")
    p.add_argument("--as-of", help="the round's date, YYYY-MM-DD (default: the date in the "
                                   "workbook's title rows, such as 'per 14.12.2012', "
                                   "else today, with a warning)")
    p.add_argument("--name", help="the file name to record (default: FILE's name)")
    p.add_argument("--evaluation", metavar="NAME",
                   help="the evaluation of the rows that name none (default: the default "
                        "evaluation)")
    p.add_argument("--whole-plan", action="store_true",
                   help="the workbook is the whole plan of its evaluations: their actions it "
                        "lacks leave the state (default: it replaces only its actors' actions)")
    p.add_argument("--keep-previous", action="append", default=[], metavar="ID",
                   help="refuse the change the workbook proposes for this action: it keeps "
                        "its last report, and the audit log says so (repeatable)")
    p.add_argument("--who", help="who imports, for the audit log (default: the local account)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=cmd_ingest, untrusted=True)
    p = sub.add_parser("check", parents=[common],
                       help="check a workbook without loading it (JSON; tables to --out)")
    p.add_argument("file")
    p.add_argument("--out", required=True, metavar="FOLDER")
    p.add_argument("--name", help="the file name to report (default: FILE's name)")
    p.set_defaults(run=cmd_check, json=True, untrusted=True)
    p = sub.add_parser("snapshots", parents=[common], help="list the reporting rounds")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(run=cmd_snapshots)
    p = sub.add_parser("delete", parents=[common], help="delete a reporting round")
    p.add_argument("snapshot_id", type=int)
    p.add_argument("--who", help="who deletes, for the audit log (default: the local account)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=cmd_delete)
