"""Reminders with the actor's request for a status attached (`reminders --attach-requests`):
each draft or message carries the actor's workbook, and the request is recorded for the
actors it went to (tests/reminder_fixture: Hum, IOM and MR/DEM are reminded in R3; MR/DEM
has no address)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import json

from openpyxl import load_workbook

from tests.reminders.test_send import NO_SMTP, SENDER
from tests.support.builders import stored
from tests.support.smtp_server import Server

TODAY = dt.date.today().isoformat()


def requests_made(db):
    return stored(db, "SELECT made_by, actor, actions FROM requests ORDER BY actor")


def test_each_draft_carries_the_actors_request_and_the_request_is_recorded(
        reminder_rounds_db, tmp_path, cli):
    db, _ = reminder_rounds_db
    done = cli("reminders", "--out", tmp_path / "out", "--db", db, "--days", "30",
               "--attach-requests", "--who", "kari", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["requests"] == [
        f"statusforespørsel-{a}-{TODAY}.xlsx" for a in ("Hum", "IOM", "MR-DEM")]
    draft = email.message_from_bytes((tmp_path / "out" / "01-hum.eml").read_bytes(),
                                     policy=email.policy.default)
    (attached,) = list(draft.iter_attachments())
    assert attached.get_filename() == f"statusforespørsel-Hum-{TODAY}.xlsx"
    assert attached.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(attached.get_content()))["Tiltak"]
    # Hum's open actions in R3: B2 and B7 (the request asks about all open ones, not only
    # those the reminder chases)
    assert [r[0] for r in sheet.iter_rows(min_row=4, values_only=True)] == ["B2", "B7"]
    assert draft.get_body(("plain",)) is not None
    assert requests_made(db) == [("kari", "Hum", 2), ("kari", "IOM", 3), ("kari", "MR/DEM", 2)]
    # each request lies beside its draft too, the same workbook as the attachment
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "01-hum.eml", "02-iom.eml", "03-mr-dem.eml",
        *(f"statusforespørsel-{a}-{TODAY}.xlsx" for a in ("Hum", "IOM", "MR-DEM"))]
    assert (tmp_path / "out" / f"statusforespørsel-Hum-{TODAY}.xlsx").read_bytes() == (
        attached.get_content())


def test_without_the_option_nothing_is_attached_or_recorded(reminder_rounds_db, tmp_path, cli):
    db, _ = reminder_rounds_db
    done = cli("reminders", "--out", tmp_path / "out", "--db", db, "--days", "30")
    assert done.returncode == 0, done.stderr
    draft = email.message_from_bytes((tmp_path / "out" / "01-hum.eml").read_bytes(),
                                     policy=email.policy.default)
    assert list(draft.iter_attachments()) == []
    assert requests_made(db) == []


def test_sent_reminders_carry_the_request_recorded_only_for_those_delivered(
        reminder_rounds_db, tmp_path, cli):
    db, _ = reminder_rounds_db
    with Server(tmp_path) as server:
        done = cli("reminders", "--send", "--db", db, "--smtp-host", "localhost",
                   "--smtp-port", server.port, "--who", "kari", "--days", "30",
                   "--attach-requests", env={**NO_SMTP, "FOLLOWUP_SMTP_FROM": SENDER})
        assert done.returncode == 0, done.stderr
        iom = server.inbox.by_recipient()["iom@example.org"]
    (attached,) = list(iom.iter_attachments())
    assert attached.get_filename() == f"statusforespørsel-IOM-{TODAY}.xlsx"
    # MR/DEM has no address: no reminder went, so no request either
    assert requests_made(db) == [("kari", "Hum", 2), ("kari", "IOM", 3)]


def test_an_actor_that_has_not_answered_a_request_is_reminded_of_all_its_open_actions(
        reminder_rounds_db, tmp_path, cli):
    from followup import store
    from followup.filters import Filters
    from followup.reminders import rule

    db, (_, _, r3) = reminder_rounds_db
    assert cli("requests", "--out", tmp_path / "req", "--db", db, "--actor", "IOM").returncode == 0
    with store.reader(db) as con:
        found = rule.collect(con, Filters(snapshot=r3), 30)
    listed = {r.actor: [(i.action_id, i.reasons) for i in r.items] for r in found.reminders}
    # IOM's open actions B1, B4 and B6 are all chased now (B4 and B6 were not before); Hum and
    # MR/DEM, never asked, as before
    assert listed["IOM"] == [("B1", ("overdue", "stalled", "not_answered")),
                             ("B4", ("not_answered",)), ("B6", ("not_answered",))]
    assert listed["Hum"] == [("B2", ("stalled",))]
    done = cli("reminders", "--out", tmp_path / "out", "--db", db, "--days", "30")
    draft = email.message_from_bytes((tmp_path / "out" / "02-iom.eml").read_bytes(),
                                     policy=email.policy.default)
    assert done.returncode == 0
    assert "forespørselen om status er ikke besvart" in draft.get_body(("plain",)).get_content()
