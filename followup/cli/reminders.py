"""The command `python -m followup reminders`: drafts (.eml) per actor, or `--send` over SMTP.

Nothing is sent without `--send`. `--actor` limits both to the named actors (bound as the
query's $actors); a name with no reminder stops the command before anything is written or
sent. The SMTP login comes only from FOLLOWUP_SMTP_USER and FOLLOWUP_SMTP_PASSWORD, the sender
from FOLLOWUP_SMTP_FROM; every delivery, and every refusal, is written to the audit log. An
address that is not a plain local@domain is named and skipped; what is printed has its control
characters escaped (`\x1b`), as `query` prints cells. With `--attach-requests` each reminder
carries the actor's request for a status (followup.report.documents.request), recorded as a
request when the draft is written or the message delivered; the drafts' folder holds each
request beside its draft as well.
"""

from __future__ import annotations

import argparse
import json
import os
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
from followup.i18n import date, quote, t, tn
from followup.settings import DUE_SOON_DAYS


def cmd_reminders(args) -> int:
    """Write a reminder per actor with something to chase as .eml drafts, or send them."""
    if args.days < 0:
        raise Stop(t("cli.rem.bad_days", args.lang, days=args.days))
    with open_db(args) as con:
        filters = filters_or_stop(con, args)
        found = collect(con, filters, args)
        asked = attached_requests(con, filters, found, args)
    return run(args, found, who(args), asked)


def attached_requests(con, filters, found, args) -> list:
    """Return each reminded actor's request for a status (--attach-requests), else []."""
    if not args.attach_requests or not found.reminders:
        return []
    from followup import store
    from followup.report.documents import request

    actors = tuple(r.actor for r in found.reminders)
    return request.requests(con, replace(filters, actors=actors), store.now().date(),
                            args.lang)


def _record(args, snapshot: int, acting: str | None, asked: list, actors: set[str]) -> None:
    """Record the requests that went out with the reminders to these actors."""
    from followup import store
    from followup.settings import db_path
    from followup.store import requested

    going = [(r.actor, r.file_name, r.actions) for r in asked if r.actor in actors]
    if going:
        requested.record(db_path(args.db), snapshot, acting, store.now(), going)


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    """Add the `reminders` command."""
    p = sub.add_parser("reminders", parents=[common],
                       help="write a reminder per actor as .eml drafts, or send them")
    p.add_argument("--out", metavar="DIR", help="folder for the .eml drafts")
    p.add_argument("--days", type=int, default=DUE_SOON_DAYS,
                   help=f"also remind of due dates within N days of the round "
                        f"(default {DUE_SOON_DAYS})")
    filter_options(p)
    p.add_argument("--actor", action="append", default=[], metavar="NAME",
                   help="only this responsible actor, as written in the workbook (repeatable)")
    p.add_argument("--send", action="store_true", help="deliver over SMTP instead of drafts")
    p.add_argument("--attach-requests", action="store_true",
                   help="attach each actor's request for a status (.xlsx), recorded as a "
                        "request")
    p.add_argument("--smtp-host", help="SMTP server (default $FOLLOWUP_SMTP_HOST)")
    p.add_argument("--smtp-port", type=int, help="SMTP port (default $FOLLOWUP_SMTP_PORT or 587)")
    p.add_argument("--who", help="who sends, for the audit log (default: the OS account)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(run=cmd_reminders)


def actor_names(args) -> tuple[str, ...]:
    """Return the --actor names, each cleaned as the import cleans an actor (trimmed, inner
    spaces collapsed), once each, in the order given."""
    return tuple(dict.fromkeys(" ".join(name.split()) for name in args.actor))


def collect(con, filters, args):
    """Return the reminders of the filters' round for the --actor names (all actors without
    any); stop, naming the actors that have reminders, when a name has none."""
    from followup.reminders import rule

    names = actor_names(args)
    found = rule.collect(con, replace(filters, actors=names), args.days)
    reminded = {r.actor for r in found.reminders}
    missing = [name for name in names if name not in reminded]
    if missing:
        everyone = rule.collect(con, replace(filters, actors=()), args.days)
        raise Stop(escaped(t("cli.rem.unknown_actor", args.lang,
                             actors=", ".join(quote(name, args.lang) for name in missing),
                             snapshot=found.snapshot, as_of=date(found.as_of, args.lang),
                             known="; ".join(r.actor for r in everyone.reminders) or "–")))
    return found


def _ids(reminder, lang: str) -> str:
    return ", ".join(i.action_id or t("cli.rem.no_id", lang) for i in reminder.items)


def _refused(found, lang: str) -> list[str]:
    """Return a line per address skipped as not a plain local@domain."""
    return [t("cli.rem.refused", lang, actor=actor, address=quote(address, lang))
            for actor, address in found.refused]


def _listing(found, lang: str) -> list[str]:
    """Return the lines saying who gets what, which addresses are skipped and which actors
    have no address."""
    if not found.reminders:
        return [t("cli.rem.none", lang, as_of=date(found.as_of, lang), snapshot=found.snapshot)]
    lines = [tn("cli.rem.round", len(found.reminders), lang, as_of=date(found.as_of, lang),
                snapshot=found.snapshot)]
    for r in found.reminders:
        lines.append(tn("cli.rem.actor", len(r.items), lang, actor=r.actor, ids=_ids(r, lang),
                        to=", ".join(r.emails) or t("cli.rem.no_address", lang)))
    lines += _refused(found, lang)
    if found.without_address:
        lines.append(t("cli.rem.without", lang, actors="; ".join(found.without_address)))
    return lines


def _print(lines: list[str]) -> None:
    """Print the lines, each with its control characters escaped."""
    print("\n".join(escaped(line) for line in lines))


def _summary(found) -> dict:
    return {"snapshot_id": found.snapshot, "as_of": found.as_of.isoformat(),
            "reminders": [{"actor": r.actor, "emails": list(r.emails),
                           "actions": [i.action_id for i in r.items]} for r in found.reminders],
            "without_address": found.without_address,
            "refused": [{"actor": actor, "email": address} for actor, address in found.refused]}


def run(args, found, acting: str | None, asked: list | None = None) -> int:
    """Write the drafts to --out, or send them with --send (with the actors' requests
    attached when `asked` has them); return the exit code."""
    asked = asked or []
    if args.send:
        return _send(args, found, acting, asked)
    if not args.out:
        raise Stop(t("cli.rem.need_out", args.lang))
    from followup.reminders import delivery, message

    out = Path(args.out)
    try:
        sender = delivery.from_setting(os.environ.get("FOLLOWUP_SMTP_FROM"))
    except delivery.BadSetting as exc:
        raise Stop(_bad_setting(exc, args.lang)) from None
    drafts = message.drafts(found, args.lang, sender,
                            {r.actor: (r.file_name, r.data) for r in asked})
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Stop(t("cli.cannot_write", args.lang, path=out, error=exc.strerror or exc),
                   EXIT_FAIL) from None
    # each actor's request beside its draft too (a draft's attachment is not every mail
    # program's to open)
    files = {**drafts, **{r.file_name: r.data for r in asked}}
    if args.json:
        for name, data in files.items():
            (out / name).write_bytes(data)
    else:
        _print(_listing(found, args.lang))
        for name, data in files.items():
            write(out / name, data, args.lang)
    _record(args, found.snapshot, acting, asked, {r.actor for r in found.reminders})
    if args.json:
        attached = {"requests": [r.file_name for r in asked]} if args.attach_requests else {}
        print(json.dumps({**_summary(found), "files": list(drafts), **attached},
                         ensure_ascii=False))
    return EXIT_OK


def _send(args, found, acting: str | None, asked: list) -> int:
    from followup.reminders import delivery, log, message
    from followup.settings import db_path

    try:
        smtp = delivery.Smtp.from_env(args.smtp_host, args.smtp_port)
    except delivery.BadSetting as exc:
        raise Stop(_bad_setting(exc, args.lang)) from None
    if not smtp.host:
        raise Stop(t("cli.smtp.no_host", args.lang))
    if not smtp.sender:
        raise Stop(t("cli.smtp.no_from", args.lang))
    from followup import store

    when = store.now().astimezone()
    attach = {r.actor: (r.file_name, r.data) for r in asked}
    messages = [(r.actor, message.message(r, found, args.lang, smtp.sender, draft=False,
                                         when=when, attachment=attach.get(r.actor)))
                for r in found.reminders if r.emails]
    results = delivery.deliver(smtp, messages) if messages else []
    if results:
        log.record(db_path(args.db), found.snapshot, acting,
                   [(d.actor, ", ".join(d.recipients), d.ok) for d in results])
    _record(args, found.snapshot, acting, asked, {d.actor for d in results if d.ok})
    failed = [d for d in results if not d.ok]
    hints = _hints(failed, smtp, args.lang)
    if args.json:
        print(json.dumps({**_summary(found),
                          "sent": [d.actor for d in results if d.ok],
                          "failed": [{"actor": d.actor, "emails": list(d.recipients),
                                      "error": d.error} for d in failed],
                          "hints": hints}, ensure_ascii=False))
    else:
        lines = _listing(found, args.lang)[:1]
        for d in results:
            to = ", ".join(d.recipients)
            lines.append(t("cli.rem.sent", args.lang, actor=d.actor, to=to) if d.ok else
                         t("cli.rem.failed", args.lang, actor=d.actor, to=to, error=d.error))
        lines += _refused(found, args.lang)
        lines += [t("cli.rem.skipped", args.lang, actor=a) for a in found.without_address]
        lines.append(t("cli.rem.outcome", args.lang, sent=len(results) - len(failed),
                       total=len(found.reminders), failed=len(failed),
                       skipped=len(found.without_address)))
        _print(lines + hints)
    return EXIT_FAIL if failed else EXIT_OK


BAD_SETTING = {"FOLLOWUP_SMTP_TIMEOUT": "cli.smtp.bad_timeout",
               "FOLLOWUP_SMTP_PORT": "cli.smtp.bad_port", "FOLLOWUP_SMTP_TLS": "cli.smtp.bad_tls",
               "FOLLOWUP_SMTP_FROM": "cli.smtp.bad_from"}


def _bad_setting(exc, lang: str) -> str:
    """Return what is wrong with a FOLLOWUP_SMTP_* setting, its value escaped."""
    return escaped(t(BAD_SETTING[exc.name], lang, value=exc))


def _hints(failed, smtp, lang: str) -> list[str]:
    """Return what to do about a connection that failed its certificate check or its TLS
    handshake, once per kind of failure."""
    hints = []
    for d in failed:
        if d.problem == "certificate":
            hint = t("cli.rem.hint_certificate", lang, why=d.detail, host=smtp.host)
        elif d.problem == "tls":
            hint = t("cli.rem.hint_tls", lang, why=d.detail, host=smtp.host, port=smtp.port)
        elif d.problem == "timeout":
            hint = t("cli.rem.hint_timeout", lang, host=smtp.host, port=smtp.port,
                     seconds=f"{smtp.timeout:g}")
        else:
            continue
        if hint not in hints:
            hints.append(hint)
    return hints
