"""The Purringer section on Oppfølging (AppTest): editors and admins see who is reminded of
what with a preview of each message and the drafts; a viewer does not; sending needs SMTP,
a confirmation and the role, checked on the server right before it (tests/reminder_fixture)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import zipfile

import pytest

from followup import store
from followup.i18n import plain
from followup.store import rounds
from tests.support.reminder_fixture import reminder_rounds
from tests.support.smtp_server import Server
from tests.ui.test_roles import ACCESS, APP, signed_in

PAGE = "pages/followup.py"
NO_SMTP_ENV = ("FOLLOWUP_SMTP_HOST", "FOLLOWUP_SMTP_FROM", "FOLLOWUP_SMTP_USER",
               "FOLLOWUP_SMTP_PASSWORD", "FOLLOWUP_SMTP_PORT", "FOLLOWUP_SMTP_CAFILE",
               "FOLLOWUP_SMTP_TLS")


@pytest.fixture
def database(db, tmp_path, monkeypatch):
    reminder_rounds(db, tmp_path / "in")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    for name in NO_SMTP_ENV:
        monkeypatch.delenv(name, raising=False)
    return db


def page(email, smtp=None):
    at = signed_in(APP, email)
    if smtp:
        at.secrets["smtp"] = smtp
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def headings(at):
    return [s.value for s in at.header]


def reminder_events(db):
    with store.reader(db) as con:
        return [(r["who"], r["event"], r["recipients"]) for r in rounds.audit_log(con)
                if r["event"].startswith("reminder")]


def test_a_viewer_does_not_see_the_section(database):
    at = page("someone@mfa.no")
    assert "Purringer" not in headings(at)
    assert "remind_zip" not in [b.key for b in at.get("download_button")]
    assert len(at.expander) == 0


@pytest.mark.parametrize("email", ["kari@mfa.no", "ola@mfa.no"])
def test_an_editor_or_admin_sees_who_gets_what_and_a_preview_of_each(database, email):
    at = page(email)
    assert "Purringer" in headings(at)
    assert "3 ansvarlige å purre på per 14.12.2012." in [m.value for m in at.markdown]
    assert [e.label for e in at.expander] == ["Hum · 2 tiltak", "IOM · 1 tiltak",
                                              "MR/DEM · 2 tiltak"]
    previews = [c.value for c in at.code]
    assert previews[1].splitlines()[4:6] == [
        "1. B1 – b1",
        "   Status: Pågår · Frist: 01.10.2012, 74 dager over fristen · Uendret i 3 runder"]
    assert "MR/DEM" in at.warning[0].value
    table = at.dataframe[-1].value
    assert list(table["Ansvarlig"]) == ["Hum", "IOM", "MR/DEM"]
    assert list(table["ID"]) == ["B2, B7", "B1", "–, B8"]
    assert "remind_send" not in [b.key for b in at.button]
    captions = [c.value for c in at.caption]
    if email == "ola@mfa.no":  # the admin is told how to set it up
        assert any("Sending fra appen er ikke satt opp (tabellen [smtp]" in c for c in captions)
    else:  # an editor is told it is not set up, and whom to ask, in plain words
        assert "Sending av e-post fra appen er ikke satt opp. Spør administratoren om du vil " \
               "sende purringene herfra; du kan laste ned utkastene og sende dem selv." \
            in captions
        assert not any("smtp" in c.lower() or "secrets" in c for c in captions)


def test_the_drafts_download_as_a_zip_of_eml_files(database):
    from followup.filters import Filters
    from followup.reminders import message, rule

    with store.reader(database) as con:
        found = rule.collect(con, Filters(snapshot=store.latest_snapshot(con)))
    with zipfile.ZipFile(io.BytesIO(message.drafts_zip(found, "nb"))) as archive:
        assert archive.namelist() == ["01-hum.eml", "02-iom.eml", "03-mr-dem.eml"]
        assert b"X-Unsent: 1" in archive.read("01-hum.eml")
    at = page("kari@mfa.no")
    assert [b.key for b in at.get("download_button")].count("remind_zip") == 1


def smtp_secrets(server):
    return {"host": "localhost", "port": server.port,
            "from": "Oppfølging <oppfolging@ud.example.org>"}


def test_sending_needs_the_confirmation_then_delivers_and_logs(database, tmp_path):
    with Server(tmp_path) as server:
        at = page("kari@mfa.no", smtp_secrets(server))
        assert at.button(key="remind_send").disabled
        assert server.inbox.received == []
        at.checkbox(key="remind_confirm_2_90").check().run()
        assert not at.button(key="remind_send").disabled
        at.button(key="remind_send").click().run()
        assert not at.exception
        received = [rcpt for _, rcpt, _ in server.inbox.received]
    assert received == [["kari@ud.example.org", "ola@ud.example.org"], ["iom@example.org"]]
    assert [s.value for s in at.success] == ["Sendt 2 e-poster: Hum, IOM."]
    assert reminder_events(database) == [
        ("kari@mfa.no", "reminder", "IOM: iom@example.org"),
        ("kari@mfa.no", "reminder", "Hum: kari@ud.example.org, ola@ud.example.org")]


def test_a_role_taken_away_before_the_click_sends_nothing(database, tmp_path):
    with Server(tmp_path) as server:
        at = page("kari@mfa.no", smtp_secrets(server))
        at.checkbox(key="remind_confirm_2_90").check().run()
        at.secrets["access"] = {**ACCESS, "editors": [], "viewers": ["@mfa.no"]}
        at.button(key="remind_send").click().run()
        assert server.inbox.received == []
    assert reminder_events(database) == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_smtps_from_the_secrets_refuses_an_untrusted_certificate_then_delivers(database,
                                                                               tmp_path):
    with Server(tmp_path, implicit=True, login=("purring", "hemmelig")) as server:
        smtp = {**smtp_secrets(server), "tls": "ssl", "user": "purring", "password": "hemmelig"}
        at = page("kari@mfa.no", smtp)
        at.checkbox(key="remind_confirm_2_90").check().run()
        at.button(key="remind_send").click().run()
        assert server.inbox.received == [] and server.inbox.logins == []
        assert at.warning[-1].value == plain(
            "Serverens sertifikat ble ikke godtatt (self-signed certificate). Er det utstedt av "
            "en intern CA, sett FOLLOWUP_SMTP_CAFILE (cafile under [smtp] i appen) til "
            "CA-sertifikatet; sjekk ellers at localhost er navnet i sertifikatet.")
        at.secrets["smtp"] = {**smtp, "cafile": server.cafile}
        at.button(key="remind_send").click().run()
        assert not at.exception
        assert server.inbox.logins == [("purring", "hemmelig")]
        assert [rcpt for _, rcpt, _ in server.inbox.received] == [
            ["kari@ud.example.org", "ola@ud.example.org"], ["iom@example.org"]]
    assert [s.value for s in at.success] == ["Sendt 2 e-poster: Hum, IOM."]


def test_an_import_that_changes_an_address_shows_in_the_preview_at_once(database, tmp_path):
    from tests.support.builders import load, write_workbook

    at = page("kari@mfa.no")
    old, new = "Til: " + plain("iom@example.org"), "Til: " + plain("ny@iom.example.org")
    assert old in [c.value for c in at.caption]
    # IOM's new address, in a round dated before the latest (14.12.2012): the same round
    # shown, its contacts changed
    book = write_workbook(tmp_path / "kontakter.xlsx", {
        "Evalueringer": [["Evaluering", "Rapportår"], ["E9", 2012]],
        "Kontakter": [["Ansvarlig", "E-post"], ["IOM", "ny@iom.example.org"]]})
    load(database, book, "2012-09-01")
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert new in captions and old not in captions


def test_sending_with_the_requests_attached_records_them(database, tmp_path):
    with Server(tmp_path) as server:
        at = page("kari@mfa.no", smtp_secrets(server))
        at.checkbox(key="remind_attach").check().run()
        at.checkbox(key="remind_confirm_2_90").check().run()
        at.button(key="remind_send").click().run()
        assert not at.exception
        iom = server.inbox.by_recipient()["iom@example.org"]
    assert [a.get_filename().split("-")[:2] for a in iom.iter_attachments()] == [
        ["statusforespørsel", "IOM"]]
    with store.reader(database) as con:
        made = con.execute("SELECT made_by, actor FROM requests ORDER BY actor").fetchall()
    assert made == [("kari@mfa.no", "Hum"), ("kari@mfa.no", "IOM")]


def test_the_drafts_with_requests_carry_each_workbook_beside_its_draft(database):
    at = page("kari@mfa.no")
    at.checkbox(key="remind_attach").check().run()
    # the drafts with requests are made (and recorded) on a click, not on every run
    assert "remind_zip" not in [b.key for b in at.get("download_button")]
    at.button(key="remind_zip_make").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Utkastene er laget, med 3 forespørsler om status (registrert)."]
    assert [b.key for b in at.get("download_button")].count("remind_zip") == 1
    _, data, count = at.session_state["remind_zip_made"]
    assert count == 3
    day = dt.date.today().isoformat()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [
            "01-hum.eml", "02-iom.eml", "03-mr-dem.eml", f"statusforespørsel-Hum-{day}.xlsx",
            f"statusforespørsel-IOM-{day}.xlsx", f"statusforespørsel-MR-DEM-{day}.xlsx"]
        draft = email.message_from_bytes(archive.read("02-iom.eml"),
                                         policy=email.policy.default)
        (attached,) = list(draft.iter_attachments())
        assert attached.get_content() == archive.read(f"statusforespørsel-IOM-{day}.xlsx")
    with store.reader(database) as con:
        made = con.execute("SELECT made_by, actor FROM requests ORDER BY actor").fetchall()
    assert made == [("kari@mfa.no", "Hum"), ("kari@mfa.no", "IOM"), ("kari@mfa.no", "MR/DEM")]
