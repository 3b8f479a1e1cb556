"""Who is reminded of what, and the messages: exact lists per actor on three rounds computed
by hand (tests/reminder_fixture.py), the .eml drafts read back with the `email` package.

R3 (14.12.2012), K = 2, 30 days: open actions B1 (IOM now; ongoing three rounds; due
01.10.2012: 74 days overdue), B2 (Hum; ongoing two rounds; due 31.01.2013, 48 days away),
B4 (IOM; not started, absent in R2: 1 round; due 30.06.2013), "uten id" (MR/DEM; partial three
rounds; due 14.12.2012: today), B6 (IOM; ongoing after partial: 1; due 15.03.2013, 91 days),
B7 (Hum; new; due 14.03.2013, 90 days), B8 (MR/DEM; not reported; no due date).
So: Hum [B2 stalled], IOM [B1 overdue, stalled], MR/DEM ["uten id" due today, stalled;
B8 not reported]; B4, B6 and B7 are not chased. With the default window (90 days,
settings.DUE_SOON_DAYS, the overview's too) B7, due in exactly 90 days, is chased as well:
Hum [B2 stalled, B7 due soon]. Contacts are R2's: Hum two, IOM one, MR/DEM
none.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json

from followup import store
from followup.filters import Filters
from followup.reminders import message, rule
from followup.store import ingest

R3_DATE = dt.date(2012, 12, 14)
HUM = ("kari@ud.example.org", "ola@ud.example.org")


def collect(db, snapshot, days=30, **filters):
    with store.reader(db) as con:
        return rule.collect(con, Filters(snapshot=snapshot, **filters), days)


def listed(found):
    return [(r.actor, r.emails, [(i.action_id, i.reasons) for i in r.items])
            for r in found.reminders]


def test_each_actor_with_something_to_chase_gets_exactly_those_actions(reminder_rounds_db):
    db, (_, _, r3) = reminder_rounds_db
    found = collect(db, r3)
    assert (found.snapshot, found.as_of) == (r3, R3_DATE)
    assert listed(found) == [
        ("Hum", HUM, [("B2", ("stalled",))]),
        ("IOM", ("iom@example.org",), [("B1", ("overdue", "stalled"))]),
        ("MR/DEM", (), [(None, ("due_soon", "stalled")), ("B8", ("no_report",))])]
    assert found.without_address == ["MR/DEM"]


def test_an_item_carries_status_due_date_days_overdue_rounds_and_last_comment(reminder_rounds_db):
    db, (_, _, r3) = reminder_rounds_db
    items = {i.action_id: i for r in collect(db, r3).reminders for i in r.items}
    assert items["B1"] == rule.Item("B1", "b1", "ongoing", dt.date(2012, 10, 1), 74, 3,
                                     "Fortsatt venter", ("overdue", "stalled"))
    assert items["B2"] == rule.Item("B2", "b2", "ongoing", dt.date(2013, 1, 31), None, 2, None,
                                     ("stalled",))
    assert items[None] == rule.Item(None, "uten id", "partial", R3_DATE, 0, 3, None,
                                     ("due_soon", "stalled"))
    assert items["B8"] == rule.Item("B8", "b8 <b>fet</b> & co", "no_report", None, None, 1,
                                     "Venter", ("no_report",))


def test_more_days_bring_the_nearer_due_dates_in(reminder_rounds_db):
    db, (_, _, r3) = reminder_rounds_db
    assert listed(collect(db, r3, days=100))[:2] == [
        ("Hum", HUM, [("B2", ("due_soon", "stalled")), ("B7", ("due_soon",))]),
        ("IOM", ("iom@example.org",), [("B1", ("overdue", "stalled")),
                                       ("B6", ("due_soon",))])]


def test_the_filters_are_honoured(reminder_rounds_db):
    db, (_, _, r3) = reminder_rounds_db
    assert listed(collect(db, r3, regions=("Europa",))) == [
        ("Hum", HUM, [("B2", ("stalled",))]),
        ("MR/DEM", (), [(None, ("due_soon", "stalled")), ("B8", ("no_report",))])]
    assert listed(collect(db, r3, sections=("Hum",))) == [
        ("Hum", HUM, [("B2", ("stalled",))]),
        ("IOM", ("iom@example.org",), [("B1", ("overdue", "stalled"))])]
    assert listed(collect(db, r3, actors=("IOM",))) == [
        ("IOM", ("iom@example.org",), [("B1", ("overdue", "stalled"))])]


def test_an_earlier_round_is_chased_as_it_stood_with_the_latest_contacts(reminder_rounds_db):
    db, (_, r2, _) = reminder_rounds_db
    found = collect(db, r2)
    assert listed(found) == [("Hum", HUM, [("B1", ("stalled",))]),
                             ("MR/DEM", (), [(None, ("stalled",))])]
    assert found.reminders[0].items[0].last_comment == "Venter på IOM"


def test_the_first_round_has_nothing_stalled(reminder_rounds_db):
    db, (r1, _, _) = reminder_rounds_db
    # R1 (16.01.2012): nothing has had two rounds yet and no open action is due by 15.02.2012
    assert listed(collect(db, r1)) == []


def test_the_subject_counts_the_actions_in_each_language(reminder_rounds_db):
    db, (_, _, r3) = reminder_rounds_db
    found = collect(db, r3)
    hum, _, mrdem = found.reminders
    assert message.subject(mrdem, found, "nb") == (
        "Oppfølging av evalueringen: 2 tiltak å rapportere på (per 14.12.2012)")
    assert message.subject(hum, found, "nn") == (
        "Oppfølging av evalueringa: 1 tiltak å rapportere på (per 14.12.2012)")
    assert message.subject(hum, found, "en") == (
        "Follow-up of the evaluation: 1 action to report on (as of 2012-12-14)")
    assert message.subject(mrdem, found, "en") == (
        "Follow-up of the evaluation: 2 actions to report on (as of 2012-12-14)")


def test_the_plain_text_lists_each_action_with_its_details(reminder_rounds_db):
    db, (_, _, r3) = reminder_rounds_db
    found = collect(db, r3)
    text = message.plain_text(found.reminders[1], found, "nb")
    assert text.splitlines()[:9] == [
        "Hei,", "",
        "I oppfølgingen av evalueringen per 14.12.2012 står IOM som ansvarlig for 1 tiltak som "
        "vi ber om en oppdatering på:", "",
        "1. B1 – b1",
        "   Status: Pågår · Frist: 01.10.2012, 74 dager over fristen · Uendret i 3 runder",
        "   Siste kommentar: «Fortsatt venter»",
        "   Purres fordi: fristen er passert, samme status over flere runder", ""]
    mrdem = message.plain_text(found.reminders[2], found, "en")
    assert "   Status: Partly done · Due: 2012-12-14, due today · Unchanged for 3 rounds" in mrdem
    assert "   Status: Not reported · No due date · Status since this round" in mrdem
    hum = message.plain_text(found.reminders[0], found, "nn")
    assert "   Status: Pågår · Frist: 31.01.2013 · Uendra i 2 rundar" in hum
    assert "Venleg helsing" in hum


def test_the_html_part_escapes_the_workbook_and_loads_nothing(reminder_rounds_db):
    db, (_, _, r3) = reminder_rounds_db
    found = collect(db, r3)
    page = message.html_text(found.reminders[2], found, "nb")
    assert "b8 &lt;b&gt;fet&lt;/b&gt; &amp; co" in page
    assert "14.12.2012, fristen er i dag</td>" in page
    assert "<b>" not in page
    for remote in ("src=", "href=", "http", "url(", "<img", "<link", "<script"):
        assert remote not in page


def parse(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_the_command_writes_one_draft_per_actor_and_says_who_gets_what(reminder_rounds_db,
                                                                      tmp_path, cli):
    db, (_, _, r3) = reminder_rounds_db
    out = tmp_path / "out"
    done = cli("reminders", "--db", db, "--out", out, env={"FOLLOWUP_SMTP_FROM": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:5] == [
        f"Purringer per 14.12.2012 (runde {r3}): 3 ansvarlige.",
        "  Hum: 2 tiltak (B2, B7) → kari@ud.example.org, ola@ud.example.org",
        "  IOM: 1 tiltak (B1) → iom@example.org",
        "  MR/DEM: 2 tiltak (uten ID, B8) → ingen adresse",
        "Uten e-postadresse (legg dem i arket Kontakter): MR/DEM",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["01-hum.eml", "02-iom.eml", "03-mr-dem.eml"]
    hum = parse(out / "01-hum.eml")
    assert hum["To"] == "kari@ud.example.org, ola@ud.example.org"
    assert hum["Subject"] == "Oppfølging av evalueringen: 2 tiltak å rapportere på (per 14.12.2012)"
    assert hum["X-Unsent"] == "1"
    assert hum["Content-Language"] == "nb-NO"
    assert hum["From"] is None
    assert hum.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in hum.iter_parts()] == ["text/plain", "text/html"]
    assert "1. B2 – b2" in hum.get_body(("plain",)).get_content()
    assert "<td" in hum.get_body(("html",)).get_content()
    assert parse(out / "03-mr-dem.eml")["To"] is None


def test_the_command_in_english_for_an_earlier_round_and_json(reminder_rounds_db, tmp_path, cli):
    db, (_, r2, _) = reminder_rounds_db
    done = cli(
        "reminders", "--db", db, "--out", tmp_path / "o", "--snapshot", r2, "--lang", "en", "--json"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "snapshot_id": r2,
        "as_of": "2012-06-29",
        "reminders": [
            {"actor": "Hum", "emails": list(HUM), "actions": ["B1"]},
            {"actor": "MR/DEM", "emails": [], "actions": [None]},
        ],
        "without_address": ["MR/DEM"],
        "refused": [],
        "files": ["01-hum.eml", "02-mr-dem.eml"],
    }
    assert parse(tmp_path / "o" / "01-hum.eml")["Subject"] == (
        "Follow-up of the evaluation: 1 action to report on (as of 2012-06-29)"
    )


def test_nothing_to_chase_writes_nothing(reminder_rounds_db, tmp_path, cli):
    db, (r1, _, _) = reminder_rounds_db
    done = cli("reminders", "--db", db, "--out", tmp_path / "o", "--snapshot", r1)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Ingen å purre på per 16.01.2012 (runde 1).\n"
    assert list((tmp_path / "o").iterdir()) == []


def test_the_command_refuses_negative_days_and_needs_out_or_send(reminder_rounds_db, cli):
    db, _ = reminder_rounds_db
    done = cli("reminders", "--db", db, "--days", "-1")
    assert (done.returncode, done.stderr) == (2, "--days må være 0 eller mer (fikk -1).\n")
    done = cli("reminders", "--db", db)
    assert (done.returncode, done.stderr) == (
        2,
        "Oppgi --out MAPPE for utkastene, eller --send for å sende.\n",
    )


def test_the_sample_round_reminds_the_actors_the_readme_names(db):
    # December 2012 against June: UD-3 and UD-4 are past their due date (01.03.2012), UD-5,
    # IOM-1 and IOM-3 are due 31.12.2012 (17 days on), UD-7 and IOM-2 kept their status;
    # of the second evaluation (reported 15.10.2012, still the state in December) RR-3 is past
    # its due date (31.08.2012) and RR-2 is due 31.12.2012
    ingest.ensure_database(db)
    with store.reader(db) as con:
        found = rule.collect(con, Filters(snapshot=store.latest_snapshot(con)))
    assert [(r.actor, [(i.action_id, i.reasons) for i in r.items]) for r in found.reminders] == [
        ("Ambassadene", [("RR-3", ("overdue",)), ("UD-4", ("overdue",))]),
        ("IOM", [("RR-2", ("due_soon",)), ("IOM-1", ("due_soon",)), ("IOM-2", ("stalled",)),
                 ("IOM-3", ("due_soon",))]),
        ("MR/DEM-seksjonen", [("UD-7", ("stalled",))]),
        ("Regionalavdelingen", [("UD-3", ("overdue",))]),
        ("Seksjon for Russland, Eurasia og regionalt samarbeid", [("UD-5", ("due_soon",))]),
    ]
    assert found.without_address == ["Ambassadene"]
