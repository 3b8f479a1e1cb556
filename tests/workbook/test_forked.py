"""A large sheet part is proven half here, half in a forked copy of the process, which then
surveys it (issue 26): the answers must be those of one search of the whole part, whichever
half holds what is refused, and a copy that dies or hangs must change nothing but the time."""

from __future__ import annotations

import os
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from isal import isal_zlib

from followup.settings import Limits
from followup.workbook import container, reader
from followup.workbook.forked import Forked
from followup.workbook.problems import Rejected
from tests.support.builders import write_workbook_bytes, zip_of, zip_parts

ROWS = 60_000  # about 8 MB of sheet XML: over container.SHARED_BYTES


def sheet_xml(rows: int = ROWS, last: bytes = b"", extra: bytes = b"") -> bytes:
    """Return a disbursements sheet's XML of rows rows (header first), `last` appended to
    the last row's cells and `extra` after the sheet data (merged ranges)."""
    cells = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>Avtalenr</t></is></c>'
             b'<c r="B1" t="inlineStr"><is><t>\xc3\x85r</t></is></c>'
             b'<c r="C1" t="inlineStr"><is><t>Bel\xc3\xb8p</t></is></c></row>']
    cells += [b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>G-%05d</t></is></c>'
              b'<c r="B%d"><v>2011</v></c><c r="C%d"><v>%d</v></c></row>'
              % (i, i, i % 2000, i, i, 1000 + i) for i in range(2, rows)]
    cells.append(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>G-00001</t></is></c>%s</row>'
                 % (rows, rows, last))
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C%d"/>'
            b"<sheetData>" % rows + b"".join(cells) + b"</sheetData>" + extra + b"</worksheet>")


def large_workbook(xml: bytes) -> container.Container:
    """Return the container of a workbook whose sheet Utbetalinger is xml."""
    parts = zip_parts(write_workbook_bytes({"Utbetalinger": [["Avtalenr", "År", "Beløp"]]}))
    parts["xl/worksheets/sheet1.xml"] = xml
    return container.inspect(zip_of(parts), Limits.from_env())


def test_a_large_part_is_split_at_a_row_and_its_halves_answer_as_the_whole():
    body = sheet_xml()
    assert len(body) > container.SHARED_BYTES
    start, middle = container._halves(body)
    assert start < middle < len(body) and body[middle:middle + 5] == b'<row '
    halves = [container._scan(body, start, middle), container._scan(body, middle, len(body))]
    assert halves[1] == (True, True, ROWS)
    assert container._reach(body, halves) == container._reach(body) == (ROWS, 26)


@pytest.mark.parametrize("far_row", [2, ROWS])  # in the half searched here, and in the copy's
def test_a_far_cell_in_either_half_of_a_large_part_is_refused(far_row):
    xml = sheet_xml()
    at = xml.index(b"</row>", xml.index(b'<row r="%d"' % far_row))
    xml = xml[:at] + b'<c r="XFD%d"><v>1</v></c>' % far_row + xml[at:]
    parts = large_workbook(xml)
    with pytest.raises(Rejected) as refused:
        parts.prove(parts.sheets[0])
    problem = refused.value.problems[0]
    assert (problem.code, problem.args["rows"], problem.args["columns"]) == (
        "sheet_too_large", ROWS, 16_384)


def test_a_cell_without_its_reference_in_the_second_half_is_counted_tag_by_tag():
    # 1 100 cells without `r` in the last row: the reader places them in columns A to AOH
    parts = large_workbook(sheet_xml(last=b"<c/>" * 1_099 + b"<c><v>1</v></c>"))
    with pytest.raises(Rejected) as refused:
        parts.prove(parts.sheets[0])
    assert refused.value.problems[0].args["columns"] == 1_101


def test_the_copy_surveys_a_large_part_as_this_process_does():
    merged = b'<mergeCells count="2"><mergeCell ref="A2:A5"/><mergeCell ref="B7"/></mergeCells>'
    xml = sheet_xml(last=b'<c r="B%d" t="e"><v>#REF!</v></c><c r="C%d"><f>SUM(C2:C9)</f>'
                         b'</c>' % (ROWS, ROWS), extra=merged)
    parts = large_workbook(xml)
    sheet, here = parts.sheets[0], container.SheetPart("Utbetalinger", "disbursements", "")
    proven = parts.prove(sheet)
    assert proven.forked is not None
    container.survey(here, proven.body)
    proven.survey(sheet)
    assert (sheet.merges, sheet.errors, sheet.formulas) == (here.merges, here.errors,
                                                            here.formulas)
    assert sheet.merges == [(1, 0, 4, 0), (6, 1, 6, 1)]
    assert sheet.errors == [(ROWS - 1, 1, "#REF!")]
    assert sheet.formulas == [(ROWS - 1, 2, "=SUM(C2:C9)")]


def test_the_copy_is_another_process_and_is_reaped_once_it_has_answered():
    forked = Forked(os.getpid, lambda: "second")
    pid = forked.result(0)
    assert pid != os.getpid() and forked.result(1) == "second"
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_what_a_copy_that_dies_did_not_answer_is_searched_here():
    me = os.getpid()

    def first():
        return "first"

    def second():
        if os.getpid() != me:
            os._exit(3)  # the copy dies before it answers
        return "second, here"

    forked = Forked(first, second)
    assert (forked.result(0), forked.result(1)) == ("first", "second, here")


def test_a_copy_that_would_run_on_is_stopped_when_it_is_no_longer_wanted():
    forked = Forked(lambda: time.sleep(60))
    pid = forked._pid
    start = time.monotonic()
    forked.close()
    assert time.monotonic() - start < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _member(raw: bytes, size: int, crc: int) -> tuple[zipfile.ZipInfo, bytes]:
    """Return a deflated member's ZipInfo and the bytes it points into (a local header with
    no name, then raw), declaring size and crc."""
    info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
    info.compress_type, info.header_offset = zipfile.ZIP_DEFLATED, 0
    info.compress_size, info.file_size, info.CRC = len(raw), size, crc
    return info, b"PK\x03\x04" + bytes(26) + raw


def test_a_deflate_stream_cut_short_is_damaged_though_it_gives_the_declared_size():
    # the reader's inflater and ISA-L may part ways on a damaged stream: only a stream that
    # ends, at the declared size and CRC-32, is proven
    body = sheet_xml(2_000)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = (packer.compress(body) + packer.flush())[:-40]
    given = isal_zlib.decompressobj(-15).decompress(raw)  # what it gives, CRC and all
    info, data = _member(raw, len(given), zlib.crc32(given))
    with pytest.raises(Rejected) as refused:
        container._inflate(None, info, data)
    assert refused.value.problems[0].code == "damaged"
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    whole = packer.compress(body) + packer.flush()
    assert container._inflate(None, *_member(whole, len(body), zlib.crc32(body))) == body
    with pytest.raises(Rejected):
        container._inflate(None, *_member(whole, len(body), zlib.crc32(body) ^ 1))


def _children() -> set[int]:
    """Return the pids of this process's children, zombies included."""
    found = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return found


def test_no_forked_copy_outlives_a_reading_that_fails():
    # the largest part proven (its copy surveying it), then setting up DuckDB fails
    parts = large_workbook(sheet_xml())
    before = _children()

    def connect():
        raise RuntimeError("DuckDB could not be set up")

    with pytest.raises(RuntimeError):
        reader.read(parts, connect)
    assert _children() - before == set()
