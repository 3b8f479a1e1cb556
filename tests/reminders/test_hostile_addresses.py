"""Addresses and names no workbook may turn into another recipient (issue 22, #1, #2, #5).

The import refuses an address that is not a plain local@domain, so the hostile addresses here
are written into the database the way a release before that check stored them: the round is
loaded through the real ingest path, then its contacts are changed in the DuckDB file.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json

import duckdb
import pytest

from followup.reminders import addresses, message
from followup.reminders.rule import Chase, Reminder
from tests.support.builders import ACTION_HEADER, STANDARD_ACTIONS, load_sheets
from tests.support.smtp_server import Server
from tests.ui.test_reminders_page import NO_SMTP_ENV, page

# a line break inside an encoded word: the header parser refuses it (it was a traceback)
BROKEN = "=?utf-8?q?kari=0D=0ABcc:_evil=40evil.example?=@ud.example.org"
# an encoded word a mail program decodes into `Ola Nordmann <evil@evil.example>@…`
SMUGGLED = "=?utf-8?q?Ola_Nordmann_=3Cevil=40evil.example=3E?=@ud.example.org"
CONTACTS = [("Hum", "kari@ud.example.org"), ("Hum", BROKEN), ("IOM", SMUGGLED),
            ("MR/DEM", "mrdem@example.org")]
NO_SMTP = {name: "" for name in NO_SMTP_ENV}
SENDER = "Oppfølging <oppfolging@ud.example.org>"


@pytest.fixture
def older_db(db, monkeypatch):
    """A round whose contacts hold what an older release let through (see the module)."""
    load_sheets(db, {"Tiltak": [ACTION_HEADER, *STANDARD_ACTIONS], "Kontakter": [
        ["Ansvarlig", "E-post"], ["Hum", "kari@ud.example.org"], ["IOM", "iom@example.org"],
        ["MR/DEM", "mrdem@example.org"]]}, "2012-12-14")
    con = duckdb.connect(str(db))
    try:
        con.execute("DELETE FROM contacts")
        for row, (actor, address) in enumerate(CONTACTS, start=2):
            con.execute("INSERT INTO contacts VALUES (1, $row, $actor, $email)",
                        {"row": row, "actor": actor, "email": address})
    finally:
        con.close()
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    for name in NO_SMTP_ENV:
        monkeypatch.delenv(name, raising=False)
    return db


def parse(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def recipients(msg) -> list[str]:
    """Return every address a mail program reads in the message's address headers."""
    return [a.addr_spec for name in ("To", "Cc", "Bcc", "Reply-To", "From")
            for a in (msg[name].addresses if msg[name] is not None else ())]


def test_a_line_break_in_an_encoded_word_costs_that_address_not_the_rounds_drafts(
        older_db, tmp_path, cli):
    done = cli("reminders", "--db", older_db, "--out", tmp_path / "o", env=NO_SMTP)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:7] == [
        "Purringer per 14.12.2012 (runde 1): 3 ansvarlige.",
        "  Hum: 1 tiltak (A2) → kari@ud.example.org",
        "  IOM: 1 tiltak (A5) → ingen adresse",
        "  MR/DEM: 1 tiltak (A8) → mrdem@example.org",
        f"  Hum: hoppet over «{BROKEN}»: ikke en vanlig e-postadresse (navn@domene)",
        f"  IOM: hoppet over «{SMUGGLED}»: ikke en vanlig e-postadresse (navn@domene)",
        "Uten e-postadresse (legg dem i arket Kontakter): IOM"]
    drafts = sorted(p.name for p in (tmp_path / "o").iterdir())
    assert drafts == ["01-hum.eml", "02-iom.eml", "03-mr-dem.eml"]
    assert recipients(parse(tmp_path / "o" / "01-hum.eml")) == ["kari@ud.example.org"]
    assert recipients(parse(tmp_path / "o" / "02-iom.eml")) == []
    assert recipients(parse(tmp_path / "o" / "03-mr-dem.eml")) == ["mrdem@example.org"]
    for draft in drafts:
        assert b"evil" not in (tmp_path / "o" / draft).read_bytes()


def test_the_json_names_each_refused_address_with_its_actor(older_db, tmp_path, cli):
    done = cli("reminders", "--db", older_db, "--out", tmp_path / "o", "--json", env=NO_SMTP)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["refused"] == [{"actor": "Hum", "email": BROKEN},
                                {"actor": "IOM", "email": SMUGGLED}]
    assert found["without_address"] == ["IOM"]
    assert [r["emails"] for r in found["reminders"]] == [["kari@ud.example.org"], [],
                                                         ["mrdem@example.org"]]


def test_sending_goes_only_to_the_plain_addresses_and_skips_the_rest(older_db, tmp_path, cli):
    with Server(tmp_path) as server:
        done = cli("reminders", "--send", "--db", older_db, "--smtp-host", "localhost",
                   "--smtp-port", server.port, "--who", "kari@ud.example.org",
                   env={**NO_SMTP, "FOLLOWUP_SMTP_FROM": SENDER})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Purringer per 14.12.2012 (runde 1): 3 ansvarlige.",
        "  Hum: sendt til kari@ud.example.org",
        "  MR/DEM: sendt til mrdem@example.org",
        f"  Hum: hoppet over «{BROKEN}»: ikke en vanlig e-postadresse (navn@domene)",
        f"  IOM: hoppet over «{SMUGGLED}»: ikke en vanlig e-postadresse (navn@domene)",
        "  IOM: hoppet over, ingen adresse",
        "Sendt 2 av 3; 0 ikke levert, 1 uten adresse."]
    assert [(sender, rcpt) for sender, rcpt, _ in server.inbox.received] == [
        ("oppfolging@ud.example.org", ["kari@ud.example.org"]),
        ("oppfolging@ud.example.org", ["mrdem@example.org"])]
    for _, rcpt, msg in server.inbox.received:
        assert recipients(msg) == [*rcpt, "oppfolging@ud.example.org"]


def test_the_purringer_section_names_the_refused_addresses_and_still_works(older_db):
    at = page("kari@mfa.no")
    assert [e.label for e in at.expander] == ["Hum · 1 tiltak", "IOM · 1 tiltak",
                                              "MR/DEM · 1 tiltak"]
    warnings = [w.value for w in at.warning]
    assert any("Hoppet over, ikke vanlige e-postadresser" in w and "IOM" in w
               for w in warnings)
    assert [b.key for b in at.get("download_button")].count("remind_zip") == 1


@pytest.mark.parametrize("text", [
    BROKEN, SMUGGLED, "kari@ud.example.org, evil@evil.example", "Kari <kari@ud.example.org>",
    '"evil@evil.example"@ud.example.org', "kari@ud.example.org\r\nBcc: evil@evil.example",
    "kari@ud.example.org ", "kåri@ud.example.org", "kari@[127.0.0.1]", ""])
def test_only_a_plain_local_at_domain_becomes_an_address(text):
    assert addresses.plain(text) is None
    with pytest.raises(ValueError):
        addresses.mailboxes([text])


def test_a_message_is_never_made_with_an_address_that_is_not_plain():
    chase = Chase(1, dt.date(2012, 12, 14), ())
    with pytest.raises(ValueError):
        message.message(Reminder("Hum", (SMUGGLED,), ()), chase, "nb")


@pytest.mark.parametrize("sender, name, address", [
    ("Oppfølging <oppfolging@ud.example.org>", "Oppfølging", "oppfolging@ud.example.org"),
    ("oppfolging@ud.example.org", "", "oppfolging@ud.example.org"),
    ("=?utf-8?q?Ola_=3Cevil=40evil.example=3E?= <oppfolging@ud.example.org>",
     "Ola <evil@evil.example>", "oppfolging@ud.example.org")])
def test_the_sender_is_one_parsed_mailbox_written_back_safely(sender, name, address):
    parsed = addresses.sender(sender)
    assert (parsed.display_name, parsed.addr_spec) == (name, address)
    chase = Chase(1, dt.date(2012, 12, 14), ())
    msg = message.message(Reminder("Hum", ("kari@ud.example.org",), ()), chase, "nb", parsed)
    again = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    assert recipients(again) == ["kari@ud.example.org", address]
    assert again["From"].addresses[0].display_name == name


@pytest.mark.parametrize("sender", [
    "a@ud.example.org, evil@evil.example", "Grp: a@ud.example.org;", "ingen adresse",
    "Ola <a@ud.example.org>\r\nBcc: evil@evil.example", SMUGGLED])
def test_a_sender_that_is_not_one_plain_mailbox_stops_drafts_and_sending(
        older_db, tmp_path, cli, sender):
    for extra in ((), ("--send", "--smtp-host", "localhost")):
        done = cli("reminders", "--db", older_db, "--out", tmp_path / "o", *extra,
                   env={**NO_SMTP, "FOLLOWUP_SMTP_FROM": sender})
        assert done.returncode == 2
        assert done.stderr.startswith("FOLLOWUP_SMTP_FROM=")
        assert "er ikke én avsender med en vanlig e-postadresse" in done.stderr
        assert "\r" not in done.stderr and "\n" not in done.stderr.rstrip("\n")
    assert not (tmp_path / "o").exists()


def test_control_characters_in_names_reach_the_terminal_escaped(db, tmp_path, cli):
    rows = [list(r) for r in STANDARD_ACTIONS]
    rows[4][2] = "_x001B_]0;pwned_x0007__x001B_[2JIOM"  # as the xlsx stores ESC and BEL
    load_sheets(db, {"Tiltak": [ACTION_HEADER, *rows]}, "2012-12-14")
    done = cli("reminders", "--db", db, "--out", tmp_path / "o", env=NO_SMTP)
    assert done.returncode == 0, done.stderr
    assert "  \\x1b]0;pwned\\x07\\x1b[2JIOM: 1 tiltak (A5) → ingen adresse" in (
        done.stdout.splitlines())
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    unknown = cli("reminders", "--db", db, "--out", tmp_path / "o", "--actor", "Nobody",
                  env=NO_SMTP)
    assert unknown.returncode == 2
    assert "\\x1b]0;pwned\\x07\\x1b[2JIOM" in unknown.stderr
    assert "\x1b" not in unknown.stderr


def test_a_sender_in_the_secrets_that_is_not_one_mailbox_offers_drafts_but_no_sending(older_db):
    at = page("kari@mfa.no", {"host": "localhost", "port": 25,
                              "from": "oppfolging@ud.example.org, evil@evil.example"})
    assert any("er ikke én vanlig e-postadresse" in e.value for e in at.error)
    assert "remind_send" not in [b.key for b in at.button]
    assert [b.key for b in at.get("download_button")].count("remind_zip") == 1
