"""Implicit TLS (SMTPS, port 465): reminders delivered through a real aiosmtpd server that
speaks TLS from the first byte, with the same certificate checks as STARTTLS; an untrusted
certificate, a name the certificate does not hold, or a server that does not speak TLS end in
an actionable message (no traceback) and nothing delivered."""

from __future__ import annotations

import time

import pytest

from followup.reminders import delivery
from tests.reminders.test_send import HUM, audit, delivered, send
from tests.support.smtp_server import Server

# aiosmtpd warns of AUTH without STARTTLS; over implicit TLS the whole session is encrypted
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
CAFILE_HINT = (
    "Serverens sertifikat ble ikke godtatt ({why}). Er det utstedt av en intern CA, sett "
    "FOLLOWUP_SMTP_CAFILE (cafile under [smtp] i appen) til CA-sertifikatet; sjekk ellers at "
    "localhost er navnet i sertifikatet.")


def test_smtps_delivers_with_the_login_over_implicit_tls(reminder_rounds_db, tmp_path, cli):
    db, (_, _, r3) = reminder_rounds_db
    with Server(tmp_path, implicit=True, login=("purring", "hemmelig")) as server:
        done = send(cli, db, server, FOLLOWUP_SMTP_TLS="ssl", FOLLOWUP_SMTP_USER="purring",
                    FOLLOWUP_SMTP_PASSWORD="hemmelig", FOLLOWUP_SMTP_CAFILE=server.cafile)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == delivered(r3)
    assert server.inbox.logins == [("purring", "hemmelig")]
    assert [rcpt for _, rcpt, _ in server.inbox.received] == [HUM, ["iom@example.org"]]
    assert [row[1] for row in audit(db)] == ["reminder", "reminder"]


@pytest.mark.parametrize("implicit", [True, False], ids=["smtps", "starttls"])
def test_an_untrusted_certificate_is_refused_with_what_to_do(
    reminder_rounds_db, tmp_path, cli, implicit
):
    db, _ = reminder_rounds_db
    with Server(tmp_path, tls=not implicit, implicit=implicit) as server:
        done = send(cli, db, server, FOLLOWUP_SMTP_TLS="ssl" if implicit else "")
    assert done.returncode == 1
    assert server.inbox.received == []
    lines = done.stdout.splitlines()
    assert lines[1].startswith(
        "  Hum: IKKE levert til kari@ud.example.org, ola@ud.example.org:"
        " [SSL: CERTIFICATE_VERIFY_FAILED]"
    )
    assert lines[-1] == CAFILE_HINT.format(why="self-signed certificate")
    assert server.connections == 1  # not tried again for the second message
    assert "Traceback" not in done.stderr
    assert [row[1] for row in audit(db)] == ["reminder_failed", "reminder_failed"]


def test_a_host_the_certificate_does_not_name_is_refused(reminder_rounds_db, tmp_path, cli):
    # the certificate is for `localhost`; 127.0.0.1 is the same server under another name
    db, _ = reminder_rounds_db
    with Server(tmp_path, implicit=True) as server:
        done = cli(
            "reminders",
            "--send",
            "--db",
            db,
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            server.port,
            "--lang",
            "en",
            env={
                "FOLLOWUP_SMTP_FROM": "oppfolging@ud.example.org",
                "FOLLOWUP_SMTP_TLS": "ssl",
                "FOLLOWUP_SMTP_CAFILE": server.cafile,
                "FOLLOWUP_SMTP_USER": "",
                "FOLLOWUP_SMTP_PASSWORD": "",
            },
        )
    assert done.returncode == 1
    assert server.inbox.received == []
    assert done.stdout.splitlines()[-1] == (
        "The server's certificate was not accepted (IP address mismatch, certificate is not "
        "valid for '127.0.0.1'). If an internal CA issued it, set FOLLOWUP_SMTP_CAFILE "
        "(cafile under [smtp] in the app) to the CA certificate; otherwise check that "
        "127.0.0.1 is the name in the certificate."
    )


def test_implicit_tls_against_a_starttls_server_says_which_mode_to_use(
    reminder_rounds_db, tmp_path, cli
):
    db, _ = reminder_rounds_db
    with Server(tmp_path, tls=True) as server:
        done = send(
            cli,
            db,
            server,
            "--lang",
            "nn",
            FOLLOWUP_SMTP_TLS="ssl",
            FOLLOWUP_SMTP_CAFILE=server.cafile,
        )
    assert done.returncode == 1
    assert server.inbox.received == []
    assert done.stdout.splitlines()[-1] == (
        f"TLS-handtrykket med localhost:{server.port} feila (wrong version number). Port 465 "
        "brukar implisitt TLS (FOLLOWUP_SMTP_TLS=ssl), port 587 STARTTLS "
        "(FOLLOWUP_SMTP_TLS=starttls): sjå til at porten og FOLLOWUP_SMTP_TLS passar til "
        "tenaren."
    )
    assert "Traceback" not in done.stderr


def test_starttls_against_an_smtps_port_times_out_once_and_says_which_mode(
    reminder_rounds_db, tmp_path, cli
):
    # the server waits for a TLS hello, the client for a greeting: one wait, not one per message
    db, _ = reminder_rounds_db
    with Server(tmp_path, implicit=True) as server:
        started = time.monotonic()
        done = send(cli, db, server, "--lang", "en", FOLLOWUP_SMTP_TIMEOUT="1")
        waited = time.monotonic() - started
    assert done.returncode == 1
    assert server.inbox.received == []
    assert done.stdout.splitlines()[1:3] == [
        "  Hum: NOT delivered to kari@ud.example.org, ola@ud.example.org: Connection "
        "unexpectedly closed: timed out",
        "  IOM: NOT delivered to iom@example.org: Connection unexpectedly closed: timed out",
    ]
    assert done.stdout.splitlines()[-1] == (
        f"No answer from localhost:{server.port} within 1 s. If the port speaks implicit TLS "
        "(SMTPS, usually 465), set FOLLOWUP_SMTP_TLS=ssl; otherwise check the host name, the "
        "port and the firewall."
    )
    assert server.connections == 1 and waited >= 1
    assert [row[1] for row in audit(db)] == ["reminder_failed", "reminder_failed"]


@pytest.mark.parametrize(
    "name, value, message",
    [
        *[
            ("FOLLOWUP_SMTP_TIMEOUT", v, "er ikke et antall sekunder over 0")
            for v in ("0", "-3", "soon", "inf", "nan")
        ],
        *[
            ("FOLLOWUP_SMTP_PORT", v, "er ikke et portnummer (1–65535)")
            for v in ("0", "65536", "smtps", "-25")
        ],
    ],
)
def test_a_time_out_or_port_that_cannot_be_is_refused(
    reminder_rounds_db, cli, name, value, message
):
    db, _ = reminder_rounds_db
    done = cli(
        "reminders",
        "--send",
        "--db",
        db,
        "--smtp-host",
        "localhost",
        env={"FOLLOWUP_SMTP_FROM": "x@example.org", name: value},
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"{name}={value} {message}.\n")
    assert audit(db) == []


def test_an_unknown_tls_mode_is_refused_before_anything_is_sent(reminder_rounds_db, tmp_path, cli):
    db, _ = reminder_rounds_db
    with Server(tmp_path) as server:
        done = send(cli, db, server, "--lang", "en", FOLLOWUP_SMTP_TLS="tls")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "FOLLOWUP_SMTP_TLS=tls is not known: use starttls or ssl.\n"
    assert server.inbox.received == [] and audit(db) == []


@pytest.mark.parametrize(
    "env, port, expected",
    [
        ({}, None, (587, "starttls")),
        ({"FOLLOWUP_SMTP_PORT": "465"}, None, (465, "ssl")),
        ({}, 465, (465, "ssl")),
        ({"FOLLOWUP_SMTP_TLS": "ssl"}, None, (465, "ssl")),
        ({"FOLLOWUP_SMTP_TLS": " SSL "}, 2465, (2465, "ssl")),
        ({"FOLLOWUP_SMTP_TLS": "starttls", "FOLLOWUP_SMTP_PORT": "465"}, None, (465, "starttls")),
        ({"FOLLOWUP_SMTP_TLS": "", "FOLLOWUP_SMTP_PORT": "25"}, None, (25, "starttls")),
    ],
)
def test_port_465_or_the_setting_chooses_implicit_tls(env, port, expected):
    smtp = delivery.Smtp.from_env("smtp.example.org", port, env=env)
    assert (smtp.port, smtp.tls) == expected


def test_an_unknown_mode_is_a_value_error():
    with pytest.raises(ValueError, match=r"^tls$"):
        delivery.Smtp.from_env("smtp.example.org", env={"FOLLOWUP_SMTP_TLS": "tls"})
