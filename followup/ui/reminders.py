"""The Purringer section (editors and admins): who is reminded of what, a preview of each
message, the drafts as a zip, and, when SMTP is set up, sending behind a confirmation.

The sending runs as `python -m followup reminders --send` in a child process (followup.jobs),
the command line's path and audit log; the role is checked on the server right before it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from followup import store
from followup.cli import jobs
from followup.filters import Filters
from followup.i18n import date, plain, t, tn
from followup.reminders import delivery, message, rule
from followup.settings import DUE_SOON_DAYS, STALLED_ROUNDS
from followup.ui import auth, grids
from followup.ui.data import busy, database, generation, kept_state
from followup.ui.memo import Memo
from followup.ui.sidebar import presenting
from followup.ui.state import lang

# [smtp] keys in the secrets, and the environment variables they stand for
SMTP_KEYS = {"host": "FOLLOWUP_SMTP_HOST", "port": "FOLLOWUP_SMTP_PORT",
             "user": "FOLLOWUP_SMTP_USER", "password": "FOLLOWUP_SMTP_PASSWORD",
             "from": "FOLLOWUP_SMTP_FROM", "cafile": "FOLLOWUP_SMTP_CAFILE",
             "tls": "FOLLOWUP_SMTP_TLS"}
REMINDER_COLUMNS = ("actor", "emails", "count", "ids")
_ZIP = "remind_zip_made"


def smtp_env() -> dict[str, str]:
    """Return the SMTP settings as environment variables: `[smtp]` in the secrets over the
    environment; empty when no host or no sender is set (sending is then not offered)."""
    try:
        table = dict(st.secrets.get("smtp") or {})
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        table = {}
    env = {var: str(table[key]) if table.get(key) not in (None, "") else os.environ.get(var, "")
           for key, var in SMTP_KEYS.items()}
    return env if env["FOLLOWUP_SMTP_HOST"] and env["FOLLOWUP_SMTP_FROM"] else {}


# who is reminded of what, and each message's words, per database generation, filters, days
# (and language): made once for every editor who opens the page (nobody changes them)
CHASES, PREVIEWS = Memo(64), Memo(64)


def _read(db: str, gen: tuple, filters: Filters, days: int) -> rule.Chase:
    with store.kept_reader(Path(db)) as con:
        kept_state(con, db, gen, rule.QUERIES, filters.params(days=days))
        return rule.collect(con, filters, days)


def _collect(db: str, gen: tuple, filters: Filters, days: int) -> rule.Chase:
    return CHASES.get((db, gen, filters, days), lambda: _read(db, gen, filters, days))


def _table(found: rule.Chase, lg: str) -> pd.DataFrame:
    rows = [(r.actor, ", ".join(r.emails) or "–", len(r.items),
             ", ".join(i.action_id or "–" for i in r.items)) for r in found.reminders]
    return pd.DataFrame(rows, columns=[t(f"rem.ui.col.{c}", lg)
                                       for c in REMINDER_COLUMNS])


def section(f: Filters) -> None:
    """Draw the Purringer section for the filters' round, for those who may send reminders
    (not in presentation mode: it is no part of a meeting's screen)."""
    if f.snapshot is None or presenting() or not auth.allowed("remind"):
        return
    lg = lang()
    st.header(t("rem.ui.title", lg), anchor=False)
    st.caption(t("rem.ui.intro", lg, rounds=STALLED_ROUNDS))
    days = int(st.number_input(t("rem.ui.days", lg), min_value=0, max_value=3650,
                               value=DUE_SOON_DAYS, step=1, key="remind_days"))
    db = database()
    gen = generation(db)
    try:
        found = _collect(str(db), gen, f, days)
    except store.Busy:
        busy()
    if not found.reminders:
        st.info(t("rem.ui.none", lg, as_of=date(found.as_of, lg)), icon=":material/task_alt:")
        return
    st.markdown(tn("rem.ui.count", len(found.reminders), lg, as_of=date(found.as_of, lg)))
    grids.draw(grids.fitted(_table(found, lg), list(REMINDER_COLUMNS)))
    if found.refused:
        st.warning(t("rem.ui.refused", lg, addresses=plain("; ".join(
            f"{actor}: {address}" for actor, address in found.refused))),
            icon=":material/unsubscribe:")
    if found.without_address:
        st.warning(t("rem.ui.without", lg, actors=plain("; ".join(found.without_address))),
                   icon=":material/alternate_email:")
    env = smtp_env()
    sender = _sender(env, lg)
    _previews(found, (str(db), gen, f, days, lg), lg)
    attach = st.checkbox(t("rem.ui.attach", lg), key="remind_attach",
                         help=t("rem.ui.attach_help", lg))
    if attach:
        _drafts_with_requests(found, f, days, env, lg)
    else:
        st.download_button(t("rem.ui.zip", lg), lambda: message.drafts_zip(found, lg, sender),
                           file_name=_zip_name(found), mime="application/zip",
                           icon=":material/download:", key="remind_zip",
                           help=t("rem.ui.zip_help", lg))
    if env and sender is not None:
        _send_form(found, f, days, env, lg, attach)
    else:
        # how to set it up is for those who set the app up; the others are told whom to ask
        st.caption(t("rem.ui.no_smtp", lg) if auth.allowed("configure")
                   else t("rem.ui.no_smtp_ask", lg))


def _zip_name(found: rule.Chase) -> str:
    return f"purringer-{found.as_of.isoformat()}.zip"


def _drafts_with_requests(found: rule.Chase, f: Filters, days: int, env: dict,
                          lg: str) -> None:
    """Make the drafts with each actor's request beside and in its draft (recorded as
    requests, in a child process, the role checked right before), then offer the zip."""
    key = (found.snapshot, f, days, lg)
    if st.button(t("rem.ui.zip_make", lg), key="remind_zip_make",
                 icon=":material/outgoing_mail:", help=t("rem.ui.zip_make_help", lg)):
        who = auth.require("remind")
        with st.spinner(t("rem.ui.making", lg)):
            outcome, data = jobs.draft_reminders(database(), f, days, who, lg,
                                                 env.get("FOLLOWUP_SMTP_FROM"))
        if outcome.outcome != "ok":
            st.error(plain(outcome.message) or t("rem.ui.job_failed", lg),
                     icon=":material/error:")
            return
        st.session_state[_ZIP] = (key, data, len(outcome.detail.get("requests", [])))
    kept = st.session_state.get(_ZIP)
    if kept and kept[0] == key:
        st.success(tn("rem.ui.zip_made", kept[2], lg), icon=":material/check_circle:")
        st.download_button(t("rem.ui.zip", lg), kept[1], file_name=_zip_name(found),
                           mime="application/zip", icon=":material/download:",
                           key="remind_zip", help=t("rem.ui.zip_help", lg))


def _sender(env: dict, lg: str):
    """Return the sender set up as an Address, or None (with an error on the page when it is
    set but not one plain mailbox: sending is then not offered)."""
    try:
        return delivery.from_setting(env.get("FOLLOWUP_SMTP_FROM"))
    except delivery.BadSetting as exc:
        st.error(t("rem.ui.bad_from", lg, value=plain(exc)), icon=":material/error:")
        return None


def _words(found: rule.Chase, lg: str) -> list[tuple[str, str, str, str]]:
    """Return each reminder's heading, addressees, subject and text, as the preview says them."""
    return [(plain(r.actor) + " · " + tn("rem.ui.actions", len(r.items), lg),
             t("rem.ui.to", lg, to=plain(", ".join(r.emails) or "–")),
             "**" + plain(t("rem.ui.subject", lg, subject=message.subject(r, found, lg))) + "**",
             message.plain_text(r, found, lg)) for r in found.reminders]


def _previews(found: rule.Chase, key: tuple, lg: str) -> None:
    for heading, to, subject, text in PREVIEWS.get(key, lambda: _words(found, lg)):
        with st.expander(heading):
            st.caption(to)
            st.markdown(subject)
            st.code(text, language=None, wrap_lines=True)


def _send_form(found: rule.Chase, f: Filters, days: int, env: dict, lg: str,
               attach: bool) -> None:
    count = sum(1 for r in found.reminders if r.emails)
    if not count:
        return
    sure = st.checkbox(tn("rem.ui.confirm", count, lg, sender=plain(env["FOLLOWUP_SMTP_FROM"])),
                       key=f"remind_confirm_{found.snapshot}_{days}")
    if st.button(t("rem.ui.send", lg), type="primary", disabled=not sure, key="remind_send",
                 icon=":material/send:") and sure:
        who = auth.require("remind")
        with st.spinner(t("rem.ui.sending", lg)):
            outcome = jobs.send_reminders(database(), f, days, who, lg, env, attach)
        _report(outcome, lg)


def _report(outcome: jobs.JobResult, lg: str) -> None:
    sent = outcome.detail.get("sent")
    if sent is None:
        st.error(t("rem.ui.job_failed", lg), icon=":material/error:")
        return
    if sent:
        st.success(tn("rem.ui.sent", len(sent), lg, actors=plain(", ".join(sent))),
                   icon=":material/check_circle:")
    for failure in outcome.detail.get("failed", []):
        st.error(t("rem.ui.failed", lg, actor=plain(failure["actor"]),
                   to=plain(", ".join(failure["emails"])), error=plain(failure["error"])),
                 icon=":material/error:")
    for hint in outcome.detail.get("hints", []):
        st.warning(plain(hint), icon=":material/lock:")
