"""The contacts sheet: aliases in bokmål, nynorsk and English, addresses split and checked,
kept per round, and a database from before the sheet existed still opens."""

from __future__ import annotations

import json

import duckdb
import pytest

from followup.store import ingest, rounds
from followup.workbook.problems import Rejected
from tests.support.builders import (
    ACTION_HEADER,
    STANDARD_ACTIONS,
    Text,
    check_sheets,
    load_sheets,
    stored,
    texts,
)

ACTIONS = [ACTION_HEADER, *STANDARD_ACTIONS]


@pytest.mark.parametrize("sheet, actor, email", [
    ("Kontakter", "Ansvarlig", "E-post"), ("Kontaktar", "Ansvarleg", "E-post"),
    ("Contacts", "Actor", "Email"), ("contacts", "Responsible", "E-mail")])
def test_the_sheet_and_its_headers_are_read_in_every_language(db, sheet, actor, email):
    load_sheets(db, {"Tiltak": ACTIONS, sheet: [[actor, email], ["Hum", "kari@ud.no"]]})
    assert stored(db, "SELECT snapshot_id, row_no, actor, email FROM contacts") == [
        (1, 2, "Hum", "kari@ud.no")]


def test_addresses_are_trimmed_split_and_kept_once_per_actor(db):
    load_sheets(db, {"Tiltak": ACTIONS, "Kontakter": [
        ["Ansvarlig", "E-post"],
        [" Hum ", "  kari@ud.no ; ola@ud.no,\u00a0per@ud.no ,"],
        ["IOM", "iom@example.org"],
        ["Hum", "kari@ud.no"]]})
    assert stored(db, "SELECT actor, email FROM contacts ORDER BY actor, email") == [
        ("Hum", "kari@ud.no"), ("Hum", "ola@ud.no"), ("Hum", "per@ud.no"),
        ("IOM", "iom@example.org")]
    assert stored(db, "SELECT count(*) FROM contacts") == [(4,)]


def test_an_invalid_address_is_a_located_error_and_nothing_loads(db, tmp_path):
    checked = check_sheets(tmp_path, {"Tiltak": ACTIONS, "Kontakter": [
        ["Ansvarlig", "E-post"], ["Hum", "kari@ud.no; ola(at)ud.no"], ["IOM", "iom@x"],
        [None, "a@b.no"]]})
    assert texts(checked, "nb", "error") == [
        "Kontakter, rad 2, kolonne E-post: «ola(at)ud.no» er ikke en e-postadresse (skriv "
        "f.eks. navn@ud.no; flere skilles med ; eller ,).",
        "Kontakter, rad 3, kolonne E-post: «iom@x» er ikke en e-postadresse (skriv f.eks. "
        "navn@ud.no; flere skilles med ; eller ,).",
        "Kontakter, rad 4, kolonne Ansvarlig: mangler verdi; kolonnen er påkrevd."]
    assert texts(checked, "en", "error")[0] == (
        "Kontakter, row 2, column E-post: “ola(at)ud.no” is not an e-mail address (write e.g. "
        "name@mfa.no; separate several with ; or ,).")
    assert texts(checked, "nn", "error")[0].startswith(
        "Kontakter, rad 2, kolonne E-post: «ola(at)ud.no» er ikkje ei e-postadresse")


ENCODED_WORD = "=?utf-8?q?Ola_Nordmann_=3Cevil=40evil.example=3E?=@ud.example.org"


def test_an_address_written_as_an_encoded_word_is_refused(db, tmp_path):
    # issue 22 #1: `=`, `?` and `_` are legal in a local part, so an RFC 2047 encoded word
    # passed the check and a mail program read the draft's To as evil@evil.example; a BEL is
    # written `_x0007_`, as a pasted Word cell leaves it
    hostile = [ENCODED_WORD, "=?utf-8?b?ZXZpbEBldmlsLmV4YW1wbGU=?=@ud.example.org",
               '"Ola Nordmann"@ud.example.org', "Ola <ola@ud.example.org>",
               "<ola@ud.example.org>", "ola_x0007_@ud.example.org",
               "ola\tnordmann@ud.example.org", "ola@ud.example.org\r\nBcc: evil@evil.example"]
    sheets = {"Tiltak": ACTIONS, "Kontakter": [["Ansvarlig", "E-post"],
                                               *[["Hum", Text(address)] for address in hostile]]}
    checked = check_sheets(tmp_path, sheets)
    assert [(p.code, p.row, p.column, p.value) for p in checked.errors] == [
        ("bad_email", 2, "E-post", ENCODED_WORD),
        ("bad_email", 3, "E-post", "=?utf-8?b?ZXZpbEBldmlsLmV4YW1wbGU=?=@ud.example.org"),
        ("bad_email", 4, "E-post", '"Ola Nordmann"@ud.example.org'),
        ("bad_email", 5, "E-post", "Ola <ola@ud.example.org>"),
        ("bad_email", 6, "E-post", "<ola@ud.example.org>"),
        ("bad_email", 7, "E-post", "ola\x07@ud.example.org"),
        ("bad_email", 8, "E-post", "ola nordmann@ud.example.org"),
        ("bad_email", 9, "E-post", "ola@ud.example.org Bcc: evil@evil.example")]
    assert texts(checked, "nb", "error")[0] == (
        f"Kontakter, rad 2, kolonne E-post: «{ENCODED_WORD}» er ikke en e-postadresse "
        "(skriv f.eks. navn@ud.no; flere skilles med ; eller ,).")
    assert texts(checked, "nb", "error")[5].startswith(
        "Kontakter, rad 7, kolonne E-post: «ola\\x07@ud.example.org» er ikke")
    with pytest.raises(Rejected):
        load_sheets(db, sheets)
    assert not db.exists()


def test_plain_addresses_with_the_rarer_legal_characters_still_load(db):
    plain = "o'brien+oppfolging@ud.example.org; per.olsen_2@sub.ud-x.example.org"
    load_sheets(db, {"Tiltak": ACTIONS, "Kontakter": [["Ansvarlig", "E-post"], ["Hum", plain]]})
    assert stored(db, "SELECT email FROM contacts ORDER BY email") == [
        ("o'brien+oppfolging@ud.example.org",), ("per.olsen_2@sub.ud-x.example.org",)]


def test_a_blank_address_cell_is_an_actor_without_address_not_an_error(db, tmp_path, cli):
    # issue 22 #4: a contact row with a name and no address refused the whole round
    sheets = {"Tiltak": ACTIONS, "Kontakter": [
        ["Ansvarlig", "E-post"], ["Hum", "kari@ud.no"], ["MR/DEM", None], ["IOM", " ; "],
        ["Hum", None]]}
    checked = check_sheets(tmp_path, sheets)
    assert checked.errors == []
    assert texts(checked, "nb", "warning")[-2:] == [
        "Kontakter, rad 3, kolonne E-post: «MR/DEM» har ingen e-postadresse; purringer til "
        "denne ansvarlige lages uten mottaker og sendes ikke.",
        "Kontakter, rad 4, kolonne E-post: «IOM» har ingen e-postadresse; purringer til "
        "denne ansvarlige lages uten mottaker og sendes ikke."]
    assert texts(checked, "en", "warning")[-1] == (
        "Kontakter, row 4, column E-post: “IOM” has no e-mail address; reminders to this "
        "actor are drafted without a recipient and not sent.")
    assert texts(checked, "nn", "warning")[-1].startswith(
        "Kontakter, rad 4, kolonne E-post: «IOM» har inga e-postadresse;")
    loaded = load_sheets(db, sheets, "2012-12-14")
    assert loaded.counts["contacts"] == 1
    assert stored(db, "SELECT actor, email FROM contacts") == [("Hum", "kari@ud.no")]
    done = cli("reminders", "--db", db, "--out", tmp_path / "out", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert [(r["actor"], r["emails"]) for r in found["reminders"]] == [
        ("Hum", ["kari@ud.no"]), ("IOM", []), ("MR/DEM", [])]
    assert found["without_address"] == ["IOM", "MR/DEM"]


def test_a_contacts_sheet_with_no_address_at_all_loads_and_reminds_nobody_by_mail(db, tmp_path,
                                                                                 cli):
    load_sheets(db, {"Tiltak": ACTIONS, "Kontakter": [["Ansvarlig", "E-post"], ["Hum", None],
                                                      ["IOM", None]]}, "2012-12-14")
    assert stored(db, "SELECT count(*) FROM contacts") == [(0,)]
    done = cli("reminders", "--db", db, "--out", tmp_path / "out", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["without_address"] == ["Hum", "IOM", "MR/DEM"]


def test_a_contact_for_an_actor_no_action_names_is_a_warning(tmp_path):
    checked = check_sheets(tmp_path, {"Tiltak": ACTIONS, "Kontakter": [
        ["Ansvarlig", "E-post"], ["Hum-seksjonen", "kari@ud.no"]]})
    assert texts(checked, "nb", "warning")[-1] == (
        "Kontakter, rad 2, kolonne Ansvarlig: «Hum-seksjonen» står ikke som ansvarlig i arket "
        "Tiltak; adressen brukes bare om navnet er skrevet likt der.")
    assert not checked.errors


def test_a_workbook_of_contacts_alone_has_no_rows_of_data(tmp_path):
    checked = check_sheets(tmp_path, {"Kontakter": [["Ansvarlig", "E-post"],
                                                    ["Hum", "kari@ud.no"]]})
    assert [p.code for p in checked.errors] == ["no_rows"]


def test_contacts_are_kept_per_round_and_deleted_with_it(db):
    load_sheets(db, {"Tiltak": ACTIONS, "Kontakter": [["Ansvarlig", "E-post"],
                                                      ["Hum", "kari@ud.no"]]}, "2012-06-29")
    load_sheets(db, {"Tiltak": ACTIONS, "Kontakter": [["Ansvarlig", "E-post"],
                                                      ["Hum", "ola@ud.no"]]}, "2012-12-14",
                name="second.xlsx")
    assert stored(db, "SELECT snapshot_id, email FROM contacts ORDER BY 1") == [
        (1, "kari@ud.no"), (2, "ola@ud.no")]
    rounds.delete(db, 2)
    assert stored(db, "SELECT snapshot_id, email FROM contacts") == [(1, "kari@ud.no")]


def test_a_database_from_before_the_contacts_sheet_and_reminders_still_opens(db, cli):
    load_sheets(db, {"Tiltak": ACTIONS}, "2012-12-14")
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE contacts")
    con.execute("ALTER TABLE audit_log DROP COLUMN recipients")
    con.close()
    done = cli("reminders", "--db", db, "--out", db.parent / "out")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Purringer per 14.12.2012 (runde 1): 3 ansvarlige."
    assert "contacts" in {r[0] for r in stored(db, "SELECT table_name FROM duckdb_tables()")}
    assert ("audit_log", "recipients") in stored(
        db, "SELECT table_name, column_name FROM duckdb_columns()")
    assert stored(db, "SELECT event, snapshot_id, recipients FROM audit_log") == [
        ("import", 1, None)]
    assert ingest.ensure_database(db) is False
