"""`reminders --actor NAME`: drafts and sending limited to the named actors (the real CLI as a
subprocess, a real SMTP server on localhost), and a name that has no reminder stopping the
command before anything is written or sent (figures in tests/test_reminders.py: in R3, Hum is
reminded of B2, IOM of B1, MR/DEM of "uten id" and B8; in Europa only Hum and MR/DEM)."""

from __future__ import annotations

import email
import email.policy

import pytest

from tests.reminders.test_send import NO_SMTP, SENDER, audit, send
from tests.support.smtp_server import Server


def drafts(cli, db, out, *args):
    return cli("reminders", "--db", db, "--out", out, *args, env={"FOLLOWUP_SMTP_FROM": ""})


def test_one_actor_gets_the_only_draft(reminder_rounds_db, tmp_path, cli):
    db, (_, _, r3) = reminder_rounds_db
    out = tmp_path / "out"
    done = drafts(cli, db, out, "--actor", "IOM")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [
        f"Purringer per 14.12.2012 (runde {r3}): 1 ansvarlig.",
        "  IOM: 1 tiltak (B1) → iom@example.org"]
    assert [p.name for p in out.iterdir()] == ["01-iom.eml"]
    iom = email.message_from_bytes((out / "01-iom.eml").read_bytes(), policy=email.policy.default)
    assert iom["To"] == "iom@example.org"


def test_repeated_actors_matched_as_the_import_cleans_names(reminder_rounds_db, tmp_path, cli):
    # the import trims a name and collapses its inner spaces (clean_key); so does --actor
    db, _ = reminder_rounds_db
    out = tmp_path / "out"
    done = drafts(cli, db, out, "--actor", "MR/DEM", "--actor", " Hum\u00a0", "--actor",
                  "MR/DEM", "--json")
    assert done.returncode == 0, done.stderr
    assert '"files": ["01-hum.eml", "02-mr-dem.eml"]' in done.stdout
    assert sorted(p.name for p in out.iterdir()) == ["01-hum.eml", "02-mr-dem.eml"]


def test_send_to_one_actor_delivers_and_logs_only_that_one(reminder_rounds_db, tmp_path, cli):
    db, (_, _, r3) = reminder_rounds_db
    with Server(tmp_path) as server:
        done = send(cli, db, server, "--actor", "Hum")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Purringer per 14.12.2012 (runde {r3}): 1 ansvarlig.",
        "  Hum: sendt til kari@ud.example.org, ola@ud.example.org",
        "Sendt 1 av 1; 0 ikke levert, 0 uten adresse."]
    assert [rcpt for _, rcpt, _ in server.inbox.received] == [
        ["kari@ud.example.org", "ola@ud.example.org"]]
    assert [row[4] for row in audit(db)] == ["Hum: kari@ud.example.org, ola@ud.example.org"]


def test_an_unknown_actor_sends_nothing_and_names_those_with_reminders(
    reminder_rounds_db, tmp_path, cli
):
    db, (_, _, r3) = reminder_rounds_db
    with Server(tmp_path) as server:
        done = send(cli, db, server, "--actor", "IOM", "--actor", "Nobody", "--actor", "hum")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"--actor «Nobody», «hum»: ingen purring i runde {r3} (per 14.12.2012). "
        "Ansvarlige med purringer: Hum; IOM; MR/DEM. Ingenting er sendt eller skrevet.\n"
    )
    assert server.inbox.received == []
    assert audit(db) == []


@pytest.mark.parametrize(
    "lang, message",
    [
        (
            "en",
            "--actor “IOM”: no reminder in round {r3} (as of 2012-12-14). Actors with "
            "reminders: Hum; MR/DEM. Nothing was sent or written.\n",
        ),
        (
            "nn",
            "--actor «IOM»: ingen purring i runde {r3} (per 14.12.2012). Ansvarlege med "
            "purringar: Hum; MR/DEM. Ingenting er sendt eller skrive.\n",
        ),
    ],
)
def test_an_actor_with_nothing_to_chase_under_the_filters_writes_nothing(
    reminder_rounds_db, tmp_path, cli, lang, message
):
    # IOM's action B1 is not in Europa: there, IOM has nothing to chase
    db, (_, _, r3) = reminder_rounds_db
    out = tmp_path / "out"
    done = drafts(cli, db, out, "--region", "Europa", "--actor", "IOM", "--lang", lang)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message.format(r3=r3))
    assert not out.exists()


def test_an_actor_in_a_round_with_nobody_to_remind(reminder_rounds_db, tmp_path, cli):
    db, (r1, _, _) = reminder_rounds_db
    done = cli(
        "reminders",
        "--db",
        db,
        "--out",
        tmp_path / "o",
        "--snapshot",
        r1,
        "--actor",
        "Hum",
        "--send",
        env={**NO_SMTP, "FOLLOWUP_SMTP_HOST": "localhost", "FOLLOWUP_SMTP_FROM": SENDER},
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"--actor «Hum»: ingen purring i runde {r1} (per 16.01.2012). "
        "Ansvarlige med purringer: –. Ingenting er sendt eller skrevet.\n",
    )
    assert audit(db) == []
