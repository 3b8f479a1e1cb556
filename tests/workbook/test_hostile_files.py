"""Hostile and broken files: refused before parsing, quickly, in bounded memory, with a message.

The bombs here are real: a part that declares 1 000 bytes inflates to FLOOD_MB megabytes.
Where memory matters the check runs in a child process that reports its own peak RSS.
"""

from __future__ import annotations

import base64
import json
import os
import random
import subprocess
import sys
import time

import pytest

from followup.settings import Limits
from followup.store import ingest
from followup.workbook.problems import Rejected
from tests.support import ROOT
from tests.support.builders import (
    MINIMAL_ACTIONS,
    deflated,
    entity_bomb,
    flooded_cell_sheet,
    load,
    patch_member,
    snapshot_tables,
    standard_workbook,
    with_lying_part,
    write_workbook,
    zip_of,
    zip_parts,
)

FLOOD_MB = 256
PEAK_MB = 250  # a child that only imports and checks stays far below; a flood goes far above
SECONDS = 3.0
SHEET = "xl/worksheets/sheet1.xml"
DAMAGED = "Filen er skadet og kan ikke leses. Åpne den i Excel og lagre den på nytt."
LIE = ODD_NAME = DAMAGED  # no part names, no "zip bomb": to the user the file is damaged
DTD = ("Filen inneholder en XML-DTD, som Excel aldri skriver (mulig entitetsbombe); "
       "den er avvist.")
OLD = ("Filen er passordbeskyttet, eller en eldre Office-fil som ikke kan leses som arbeidsbok. "
       "Åpne den i Excel, fjern eventuelt passordet og lagre som .xlsx.")
NOT_XLSX = "Filen er ikke en Excel-arbeidsbok (.xlsx, .xlsm eller .xls)."


def refused(data: bytes, limits: Limits | None = None, lang: str = "nb") -> list[str]:
    """Check the bytes in memory, within SECONDS; return the problems' messages."""
    start = time.monotonic()
    checked = ingest.check(data, "fiendtlig.xlsx", limits)
    checked.close()
    assert time.monotonic() - start < SECONDS
    assert checked.errors, "the file was accepted"
    return [p.text(lang) for p in checked.problems]


PROBE = """
import json, sys, time
from pathlib import Path
from followup.store import ingest


def peak_mb():
    # VmHWM belongs to this process image; ru_maxrss would include the parent's size at fork.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024


data = Path(sys.argv[1]).read_bytes()
start = time.monotonic()
checked = ingest.check(data, "fiendtlig.xlsx")
print(json.dumps({"texts": [p.text() for p in checked.problems],
                  "seconds": time.monotonic() - start,
                  "peak_mb": peak_mb()}))
"""


def refused_in_child(tmp_path, data: bytes) -> list[str]:
    """Check the bytes in a fresh process; assert it took little time and memory."""
    path = tmp_path / "fiendtlig.xlsx"
    path.write_bytes(data)
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["seconds"] < SECONDS
    assert report["peak_mb"] < PEAK_MB, report
    return report["texts"]


@pytest.fixture(scope="session")
def flood() -> bytes:
    """A worksheet part of FLOOD_MB megabytes as a raw deflate stream (about 1 MB)."""
    return flooded_cell_sheet(FLOOD_MB)


@pytest.fixture
def parts(tmp_path) -> dict[str, bytes]:
    """The parts of a small valid workbook with one recognised sheet (Tiltak)."""
    return zip_parts(write_workbook(tmp_path / "ok.xlsx", {"Tiltak": MINIMAL_ACTIONS})
                     .read_bytes())


def incompressible_workbook(path, megabytes: float):
    """Write a valid workbook of about `megabytes` MB that does not compress."""
    noise = random.Random(2012)
    cells = [base64.b64encode(noise.randbytes(24_000)).decode() for _ in
             range(int(megabytes * 2**20 / 30_000) + 1)]
    rows = [["Tiltak", "Ansvarlig", "Status", "Kommentar"],
            *[["a", "Hum", "Pågår", cell] for cell in cells]]
    return write_workbook(path, {"Tiltak": rows})


# --- size limits -------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused_before_it_is_opened():
    data = b"PK\x03\x04" + random.Random(1).randbytes(2 * 2**20)
    assert refused(data, Limits(max_file_bytes=2**20)) == [
        "Filen er 2 MB; største tillatte er 1 MB."]
    assert refused(data, Limits(max_file_bytes=2**20), "en") == [
        "The file is 2 MB; the largest allowed is 1 MB."]


def test_a_real_workbook_over_a_fractional_limit_names_both_sizes_the_norwegian_way(tmp_path):
    data = incompressible_workbook(tmp_path / "stor.xlsx", 1).read_bytes()
    size = round(len(data) / 2**20, 1)
    assert 0.6 <= size < 1
    limits = Limits(max_file_bytes=2**19)
    assert refused(data, limits) == [
        f"Filen er {size:.1f} MB; største tillatte er 0,5 MB.".replace(".", ",", 1)]
    assert refused(data, limits, "en") == [
        f"The file is {size:.1f} MB; the largest allowed is 0.5 MB."]


def test_the_default_limits_are_50_and_300_mb(monkeypatch):
    monkeypatch.delenv("FOLLOWUP_MAX_FILE_MB", raising=False)
    monkeypatch.delenv("FOLLOWUP_MAX_UNPACKED_MB", raising=False)
    assert Limits.from_env() == Limits(50 * 2**20, 300 * 2**20) == Limits()


def test_the_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_MAX_FILE_MB", "0.5")
    monkeypatch.setenv("FOLLOWUP_MAX_UNPACKED_MB", "2")
    assert Limits.from_env() == Limits(2**19, 2 * 2**20)


def test_parts_unpacking_over_the_limit_are_refused_before_parsing(parts):
    # the sheet is 3.5 MB of something no parser would accept; the limit answers first
    data = zip_of({**parts, SHEET: b"<" * (3 * 2**20 + 2**19)})
    assert refused(data, Limits(max_unpacked_bytes=2 * 2**20)) == [
        "Filen pakker seg ut til 3,5 MB; grensen er 2 MB. Den er avvist før lesing "
        "(mulig zip-bombe)."]
    assert refused(data, Limits(max_unpacked_bytes=2 * 2**20), "en") == [
        "The file unpacks to 3.5 MB; the limit is 2 MB. It was refused before reading "
        "(possible zip bomb)."]


def test_the_default_unpacked_limit_refuses_an_honest_bomb(parts):
    zeros = deflated(b"", b"\0", 301, b"")
    data = with_lying_part(parts, "xl/media/image1.png", zeros, declared=301 * 2**20)
    assert len(data) < 2 * 2**20
    assert refused(data, Limits()) == [
        "Filen pakker seg ut til 301 MB; grensen er 300 MB. Den er avvist før lesing "
        "(mulig zip-bombe)."]


def test_size_limits_set_in_the_environment_apply_to_the_cli(tmp_path, cli):
    path = incompressible_workbook(tmp_path / "stor.xlsx", 1)
    done = cli("ingest", path, "--db", tmp_path / "f.duckdb",
               env={"FOLLOWUP_MAX_FILE_MB": "0.5"})
    assert done.returncode == 2
    assert done.stderr.splitlines()[0].endswith("største tillatte er 0,5 MB.")
    assert not (tmp_path / "f.duckdb").exists()
    ok = write_workbook(tmp_path / "ok.xlsx", {"Tiltak": [*MINIMAL_ACTIONS, *[
        [f"tiltak {i}", "Hum", "Pågår"] for i in range(5000)]]})
    done = cli("ingest", ok, "--db", tmp_path / "f.duckdb",
               env={"FOLLOWUP_MAX_UNPACKED_MB": "0.1"})
    assert done.returncode == 2
    assert "grensen er 0,1 MB" in done.stderr


def test_the_cli_refuses_an_oversized_file_without_reading_it(tmp_path):
    huge = tmp_path / "enorm.xlsx"
    with open(huge, "wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.write(b"PK\x03\x04")
        handle.truncate(2 * 2**30)
    script = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], "
              "capture_output=True, text=True); print(done.returncode); print(done.stderr); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "followup",
                           "ingest", str(huge), "--db", str(tmp_path / "f.duckdb")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    code, *stderr, peak = done.stdout.strip().splitlines()
    assert code == "2"
    assert stderr[0] == "Filen er 2\u00a0048 MB; største tillatte er 50 MB."
    assert float(peak) < PEAK_MB
    assert time.monotonic() - start < 2 * SECONDS


# --- parts that lie about their size -----------------------------------------------------

def test_a_worksheet_that_lies_about_its_size_is_refused_quickly_in_bounded_memory(
        tmp_path, parts, flood):
    data = with_lying_part(parts, SHEET, flood)
    assert len(data) < 2 * 2**20
    assert refused_in_child(tmp_path, data) == [LIE.format(part=SHEET)]


@pytest.mark.parametrize("name", ["xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
                                  "[Content_Types].xml"])
def test_a_shared_part_that_lies_about_its_size_is_refused(parts, flood, name):
    assert refused(with_lying_part(parts, name, flood)) == [LIE.format(part=name)]


def test_a_lying_part_named_in_other_case_is_still_proven(tmp_path, parts, flood):
    # the reader finds xl/sharedStrings.xml whatever the case of its name and extension
    data = with_lying_part(parts, "xl/SharedStrings.XML", flood)
    assert refused_in_child(tmp_path, data) == [LIE.format(part="xl/SharedStrings.XML")]


def test_a_lying_part_with_an_unusual_extension_is_still_proven(parts, flood):
    assert refused(with_lying_part(parts, "xl/media/image1.bin", flood)) == [
        LIE.format(part="xl/media/image1.bin")]


def test_a_sheet_reached_through_a_target_in_other_case_is_proven(tmp_path, parts, flood):
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b'Target="/xl/worksheets/sheet1.xml"',
                                      b'Target="Worksheets/SHEET1.xml"')
    assert b"SHEET1" in parts[rels]
    data = with_lying_part(parts, SHEET, flood)
    assert refused_in_child(tmp_path, data) == [LIE.format(part=SHEET)]


def test_the_workbook_is_read_where_the_reader_reads_it_not_where_rels_point(
        tmp_path, parts, flood):
    # a decoy workbook2.xml lists a harmless sheet; the reader still opens xl/workbook.xml
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"xl/workbook.xml", b"xl/workbook2.xml")
    parts["xl/workbook2.xml"] = parts["xl/workbook.xml"]
    parts["xl/_rels/workbook2.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"sheet1.xml", b"sheet2.xml")
    parts["xl/worksheets/sheet2.xml"] = parts[SHEET]
    data = with_lying_part(parts, SHEET, flood)
    assert refused_in_child(tmp_path, data) == [LIE.format(part=SHEET)]


def test_an_unread_sheet_is_never_inflated(parts, flood):
    # a lying sheet the workbook does not list as a recognised sheet is never parsed
    data = with_lying_part(parts, "xl/worksheets/sheet9.xml", flood)
    checked = ingest.check(data, "x.xlsx")
    checked.close()
    assert checked.problems == []
    assert checked.counts["actions"] == 1


# --- part names that could make the checker and the reader disagree ----------------------

@pytest.mark.parametrize("odd", ["xl/../xl/worksheets/sheet1.xml", "xl/./worksheets/sheet1.xml",
                                 "xl/worksheets//sheet1.xml", "xl\\worksheets\\sheet1.xml",
                                 "/xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml"])
def test_part_names_that_could_shadow_a_sheet_are_refused(parts, odd):
    data = zip_of([*parts.items(), (odd, b"<worksheet/>")])
    assert refused(data) == [ODD_NAME.format(part=odd)]


def test_a_part_name_given_twice_is_refused(parts):
    data = zip_of([*parts.items(), (SHEET, parts[SHEET])])
    assert refused(data) == [ODD_NAME.format(part=SHEET)]


def test_a_sheet_listed_but_missing_is_damaged(parts):
    del parts[SHEET]
    assert refused(zip_of(parts)) == [DAMAGED]


# --- XML entity bombs --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["xl/workbook.xml", SHEET, "xl/styles.xml",
                                  "_rels/.rels", "[Content_Types].xml"])
@pytest.mark.parametrize("padding", [0, 10_000], ids=["at-the-top", "after-a-long-comment"])
def test_an_xml_entity_bomb_is_refused(parts, name, padding):
    doctype, entity = entity_bomb()
    body = parts[name].decode()
    declaration, rest = ("", body) if not body.startswith("<?xml") else \
        (body[:body.index("?>") + 2], body[body.index("?>") + 2:])
    rest = rest.replace(">a<", f">{entity}<", 1)
    parts[name] = f"{declaration}<!--{' ' * padding}-->{doctype}{rest}".encode()
    assert refused(zip_of(parts)) == [DTD.format(part=name)]


def test_an_entity_bomb_in_utf16_is_refused(parts):
    doctype, _ = entity_bomb()
    body = parts["xl/workbook.xml"].decode()
    body = body[body.index("?>") + 2:] if body.startswith("<?xml") else body
    parts["xl/workbook.xml"] = ('<?xml version="1.0" encoding="UTF-16"?>' + doctype
                                + body).encode("utf-16")
    assert refused(zip_of(parts)) == [DTD.format(part="xl/workbook.xml")]


def test_an_entity_bomb_in_shared_strings_is_refused(parts):
    doctype, entity = entity_bomb()
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0"?>{doctype}<sst xmlns="'
                                     f'http://schemas.openxmlformats.org/spreadsheetml/2006/'
                                     f'main"><si><t>{entity}</t></si></sst>').encode()
    assert refused(zip_of(parts)) == [DTD.format(part="xl/sharedStrings.xml")]


# --- not a workbook at all ---------------------------------------------------------------

def test_an_ole_file_that_is_no_workbook(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + random.Random(3).randbytes(4096)
    assert refused(ole) == [OLD]
    assert refused(ole, lang="en") == [
        "The file is password-protected, or an older Office file that cannot be read as a "
        "workbook. Open it in Excel, remove any password and save it as .xlsx."]


def test_a_password_protected_workbook(tmp_path):
    # Excel wraps an encrypted .xlsx in an OLE container holding EncryptedPackage
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    body = "EncryptionInfo EncryptedPackage".encode("utf-16-le") + bytes(8192)
    assert refused(bytes(header) + body) == [OLD]


def test_a_zip_with_an_encrypted_part(parts):
    data = patch_member(zip_of(parts), "xl/workbook.xml", flags=0x1)
    assert refused(data) == [OLD]


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes(seed):
    data = random.Random(seed).randbytes(random.Random(seed).randint(1, 100_000))
    expected = OLD if data.startswith(b"\xd0\xcf\x11\xe0") else NOT_XLSX
    assert refused(data) == [expected]


def test_random_bytes_behind_a_zip_signature(parts):
    assert refused(b"PK\x03\x04" + random.Random(9).randbytes(50_000)) == [DAMAGED]


def test_a_zip_that_is_not_a_workbook():
    assert refused(zip_of({"notater.txt": b"hei", "bilde.png": bytes(100)})) == [NOT_XLSX]


def test_a_word_document_is_not_a_workbook():
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            b"</Relationships>")
    data = zip_of({"_rels/.rels": rels, "word/document.xml": b"<document/>"})
    assert refused(data) == [NOT_XLSX]


def test_a_stored_part_with_a_bad_checksum_is_damaged_not_a_crash(parts):
    data = bytearray(zip_of(parts, stored=("xl/workbook.xml", SHEET)))
    data[data.index(b"Ansvarlig")] = ord("X")
    assert refused(bytes(data)) == [DAMAGED]


def test_a_deflated_part_with_garbage_inside_is_damaged(parts):
    data = bytearray(zip_of(parts))
    start = data.index(SHEET.encode()) + len(SHEET)
    data[start + 8:start + 40] = bytes(32)
    assert refused(bytes(data)) == [DAMAGED]


def test_a_hostile_file_changes_nothing_in_the_database(tmp_path, db, parts, flood):
    load(db, standard_workbook(tmp_path / "ok.xlsx"), "2012-06-29")
    before = snapshot_tables(db)
    archived = sorted((db.parent / "originals").iterdir())
    for data in (with_lying_part(parts, SHEET, flood), b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        with pytest.raises(Rejected):
            ingest.ingest(data, "fiendtlig.xlsx", db)
    assert snapshot_tables(db) == before
    assert sorted((db.parent / "originals").iterdir()) == archived


def test_an_svg_image_with_a_doctype_is_not_an_entity_bomb(parts):
    # Illustrator writes SVG logos with a DOCTYPE and entities; no reader parses images
    svg = (b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [<!ENTITY ns_svg '
           b'"http://www.w3.org/2000/svg">]><svg xmlns="&ns_svg;"/>')
    checked = ingest.check(zip_of({**parts, "xl/media/image1.svg": svg}), "logo.xlsx")
    checked.close()
    assert checked.problems == []
    assert checked.counts["actions"] == 1
