"""Sending reminders to a real SMTP server on localhost (aiosmtpd) and reading them back:
plain, STARTTLS with a certificate made for the test and a login from the environment, a
refused recipient that does not stop the others, and the audit log of every delivery."""

from __future__ import annotations

import datetime as dt

from tests.support.builders import ACTION_HEADER, STANDARD_ACTIONS, load_sheets, stored
from tests.support.smtp_server import REFUSED_DOMAIN, Server

SENDER = "Oppfølging <oppfolging@ud.example.org>"
NO_SMTP = {"FOLLOWUP_SMTP_HOST": "", "FOLLOWUP_SMTP_PORT": "", "FOLLOWUP_SMTP_USER": "",
           "FOLLOWUP_SMTP_PASSWORD": "", "FOLLOWUP_SMTP_CAFILE": "", "FOLLOWUP_SMTP_FROM": ""}
HUM = ["kari@ud.example.org", "ola@ud.example.org"]


def delivered(r3: int) -> list[str]:
    """What `reminders --send` prints when Hum and IOM got theirs and MR/DEM has no address."""
    return [f"Purringer per 14.12.2012 (runde {r3}): 3 ansvarlige.",
            "  Hum: sendt til kari@ud.example.org, ola@ud.example.org",
            "  IOM: sendt til iom@example.org",
            "  MR/DEM: hoppet over, ingen adresse",
            "Sendt 2 av 3; 0 ikke levert, 1 uten adresse."]
R3_DATE = dt.date(2012, 12, 14)


def send(cli, db, server, *args, **env):
    return cli("reminders", "--send", "--db", db, "--smtp-host", "localhost", "--smtp-port",
               server.port, "--who", "kari@ud.example.org", *args,
               env={**NO_SMTP, "FOLLOWUP_SMTP_FROM": SENDER, **env})


def audit(db):
    return stored(db, "SELECT who, event, snapshot_id, as_of, recipients FROM audit_log "
                      "WHERE event LIKE 'reminder%' ORDER BY rowid")


def test_send_delivers_one_message_per_actor_with_an_address(reminder_rounds_db, tmp_path, cli):
    db, (_, _, r3) = reminder_rounds_db
    with Server(tmp_path) as server:
        done = send(cli, db, server)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == delivered(r3)
    assert [(sender, rcpt) for sender, rcpt, _ in server.inbox.received] == [
        ("oppfolging@ud.example.org", HUM), ("oppfolging@ud.example.org", ["iom@example.org"])]
    hum = server.inbox.by_recipient()["kari@ud.example.org"]
    assert hum["Subject"] == "Oppfølging av evalueringen: 2 tiltak å rapportere på (per 14.12.2012)"
    assert hum["From"] == SENDER
    assert hum["To"] == "kari@ud.example.org, ola@ud.example.org"
    assert hum["X-Unsent"] is None
    assert hum["Date"] is not None and hum["Message-ID"].endswith("@ud.example.org>")
    assert [p.get_content_type() for p in hum.iter_parts()] == ["text/plain", "text/html"]
    assert "1. B2 – b2" in hum.get_body(("plain",)).get_content()
    assert [row[:4] for row in audit(db)] == [
        ("kari@ud.example.org", "reminder", r3, R3_DATE),
        ("kari@ud.example.org", "reminder", r3, R3_DATE)]
    assert [row[4] for row in audit(db)] == [
        "Hum: kari@ud.example.org, ola@ud.example.org", "IOM: iom@example.org"]


def test_a_refused_recipient_does_not_stop_the_others_and_fails_the_command(db, tmp_path, cli):
    load_sheets(db, {"Tiltak": [ACTION_HEADER, *STANDARD_ACTIONS], "Kontakter": [
        ["Ansvarlig", "E-post"], ["Hum", f"hum@{REFUSED_DOMAIN}"], ["IOM", "iom@example.org"],
        ["MR/DEM", "mrdem@example.org"]]}, "2012-12-14")
    with Server(tmp_path) as server:
        done = send(cli, db, server, "--lang", "en")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "Reminders as of 2012-12-14 (round 1): 3 actors.",
        f"  Hum: NOT delivered to hum@{REFUSED_DOMAIN}: hum@{REFUSED_DOMAIN}: 550 5.1.1 no such "
        "mailbox",
        "  IOM: sent to iom@example.org",
        "  MR/DEM: sent to mrdem@example.org",
        "Sent 2 of 3; 1 not delivered, 0 without an address."]
    assert [rcpt for _, rcpt, _ in server.inbox.received] == [["iom@example.org"],
                                                             ["mrdem@example.org"]]
    assert [(row[1], row[4]) for row in audit(db)] == [
        ("reminder_failed", f"Hum: hum@{REFUSED_DOMAIN}"), ("reminder", "IOM: iom@example.org"),
        ("reminder", "MR/DEM: mrdem@example.org")]


def test_starttls_with_the_login_from_the_environment(reminder_rounds_db, tmp_path, cli):
    db, _ = reminder_rounds_db
    with Server(tmp_path, tls=True, login=("purring", "hemmelig")) as server:
        done = send(cli, db, server, "--json", FOLLOWUP_SMTP_USER="purring",
                    FOLLOWUP_SMTP_PASSWORD="hemmelig", FOLLOWUP_SMTP_CAFILE=server.cafile)
    assert done.returncode == 0, done.stderr
    assert server.inbox.logins == [("purring", "hemmelig")]
    assert [rcpt for _, rcpt, _ in server.inbox.received] == [HUM, ["iom@example.org"]]
    assert '"sent": ["Hum", "IOM"], "failed": []' in done.stdout


def test_a_wrong_password_delivers_nothing_and_says_so(reminder_rounds_db, tmp_path, cli):
    db, _ = reminder_rounds_db
    with Server(tmp_path, tls=True, login=("purring", "hemmelig")) as server:
        done = send(cli, db, server, FOLLOWUP_SMTP_USER="purring",
                    FOLLOWUP_SMTP_PASSWORD="feil", FOLLOWUP_SMTP_CAFILE=server.cafile)
    assert done.returncode == 1
    assert server.inbox.received == []
    assert server.connections == 2  # a refused login is tried again for the next message
    assert done.stdout.splitlines()[1].startswith(
        "  Hum: IKKE levert til kari@ud.example.org, ola@ud.example.org: 535")
    assert [row[1] for row in audit(db)] == ["reminder_failed", "reminder_failed"]


def test_a_password_is_never_sent_without_tls(reminder_rounds_db, tmp_path, cli):
    db, _ = reminder_rounds_db
    with Server(tmp_path) as server:
        done = send(cli, db, server, FOLLOWUP_SMTP_USER="purring",
                    FOLLOWUP_SMTP_PASSWORD="hemmelig")
    assert done.returncode == 1
    assert server.inbox.received == [] and server.inbox.logins == []
    assert "offers no STARTTLS" in done.stdout


def test_an_untrusted_certificate_is_refused(reminder_rounds_db, tmp_path, cli):
    db, _ = reminder_rounds_db
    with Server(tmp_path, tls=True) as server:
        done = send(cli, db, server)
    assert done.returncode == 1
    assert server.inbox.received == []
    assert "CERTIFICATE_VERIFY_FAILED" in done.stdout


def test_send_needs_a_server_and_a_sender(reminder_rounds_db, cli):
    db, _ = reminder_rounds_db
    done = cli("reminders", "--send", "--db", db, env=NO_SMTP)
    assert (done.returncode, done.stderr) == (
        2, "Ingen SMTP-server: oppgi --smtp-host eller FOLLOWUP_SMTP_HOST.\n")
    done = cli("reminders", "--send", "--db", db, env={**NO_SMTP, "FOLLOWUP_SMTP_HOST": "x"})
    assert (done.returncode, done.stderr) == (
        2, "Ingen avsender: sett FOLLOWUP_SMTP_FROM (f.eks. «Oppfølging <kari@ud.no>»).\n")
    assert audit(db) == []


def test_there_is_no_password_option(cli):
    done = cli("reminders", "--help")
    assert "--smtp-host" in done.stdout and "password" not in done.stdout.lower()
