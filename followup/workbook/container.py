"""Inspect an .xlsx container before any parser sees it: size, zip bombs, XML entities.

Every part a reader may parse is inflated here once, bounded by the size the archive
declares for it, so a crafted file can neither lie about its size nor expand without limit.
Parts are found the way the cell reader (calamine) finds them: the workbook at its fixed
path, names compared without regard to case; part names that could make the two disagree
(`..`, `./`, `//`, `\\`, or two names equal but for case) are refused outright.
The same pass reads what the cell reader does not report: merged ranges and error cells, and
how far the sheet reaches (its declared dimension and its farthest cell), so that a sheet the
reader would have to build as a huge grid (one cell at A1 and one at XFD1048576) is refused
before it is parsed; a large part is searched in two halves at once, one by a forked copy of
the process (`forked`). Rust readers that panic on a damaged file report a damaged file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from functools import cache, partial
from xml.etree import ElementTree

from isal import isal_zlib

from followup.settings import Limits
from followup.workbook.forked import Forked
from followup.workbook.formats import sheet_kind
from followup.workbook.problems import Problem, Rejected

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream of a password-protected xlsx
ZIP_MAGIC = b"PK\x03\x04"
MAX_MEMBERS = 10_000
_SHEETS_DIR = ("xl/worksheets/", "xl/chartsheets/", "xl/dialogsheets/", "xl/macrosheets/")
WORKBOOK = "xl/workbook.xml"
_DTD_MARKERS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY")
                     for enc in ("utf-8", "utf-16-le", "utf-16-be"))

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# references are read as the reader reads them: letters of either case (`e3` is E3)
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"')
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.S)
_CELL_REF = re.compile(rb'\br="([A-Za-z]+)(\d+)"')
_BARE_FORMULA = re.compile(
    rb'<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*'
    rb'(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>')
# compiled, a literal is found in a large part faster than by `in` (measured on 30 MB)
_FORMULA_TAGS = (re.compile(rb"<f"), re.compile(rb":f"))
_ERROR_TYPE = re.compile(rb't="e"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)<")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Za-z]+\d+(?::([A-Za-z]+)(\d+))?"')
# every row element: the number it names, or b"" when it is written without that reference first
_ROWS = re.compile(rb'<row(?: r="(\d{1,9})"|(?=[\s/>]))')
_WIDE_REFS = re.compile(rb' r="([A-Za-z]{3,})\d')
_TWO_LETTERS = re.compile(rb' r="([A-Za-z]{2})\d')
_ONE_LETTER = re.compile(rb' r="([A-Za-z])\d')
_SEVERAL_LETTERS = re.compile(rb' r="[A-Za-z]{2}')  # one pass rules out both patterns above


@cache
def _not_one_letter(digits: int) -> re.Pattern:
    """Return the search for a cell that does not begin with a reference of one letter and at
    most `digits` digits (`<c r="B2"`): one pass rules out cells written without their
    reference first, references past column Z and cells naming a row with more digits than
    any row element names (the reader places a cell by its own reference) alike."""
    return re.compile(rb'<c(?=[\s/>])(?! r="[A-Z]\d{1,%d}")' % max(digits, 1))


@cache
def _far_cell(digits: int) -> re.Pattern:
    """Return the search for a cell reference naming a row of more than `digits` digits."""
    return re.compile(rb'\sr\s*=\s*["\'][A-Za-z]{1,3}\d{%d}' % (max(digits, 1) + 1))


# a cell written without its reference first (`<c>`, `<c/>`, `<c t=..`); a prefixed cell or row
_NO_REFERENCE_FIRST = re.compile(rb'<c(?=[\s/>])(?! r=")')
_PREFIXED = re.compile(rb':(?:c|row)(?=[\s/>])')
# a cell or row tag, to its first `>`, and whole, a `>` inside a quoted value not ending it
# (the reader reads `<c x=">" r="E3">` as E3; a quote left open is read the first way)
_TAGS = (re.compile(rb'<(?:\w+:)?(c|row)(?=[\s/>])([^>]*)>'),
         re.compile(rb'<(?:\w+:)?(c|row)(?=[\s/>])((?>[^>"\']+|"[^"]*"|\'[^\']*\')*)>'))
_REF = re.compile(rb'\sr\s*=\s*["\']([A-Za-z]*)(\d+)["\']')
MAX_COLUMNS = 1_000
MAX_CELLS = 10_000_000
# a part larger than this is searched half here and half in a forked copy (see forked)
SHARED_BYTES = 4 * 2**20


@dataclass
class SheetPart:
    """A worksheet of the workbook: its name, kind, merged ranges and error cells (0-based)."""

    name: str
    kind: str | None
    path: str
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    formulas: list[tuple[int, int, str]] = field(default_factory=list)


def column_index(letters: bytes | str) -> int:
    """Return the 0-based index of an Excel column name (`A` -> 0, `AA` -> 26)."""
    if isinstance(letters, bytes):
        letters = letters.decode()
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def column_letters(index: int) -> str:
    """Return the Excel column name of a 0-based index (0 -> `A`)."""
    name, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _reject(code: str, sheet: str | None = None, **args) -> Rejected:
    return Rejected([Problem("error", code, sheet, args=args)])


def is_panic(exc: BaseException) -> bool:
    """Return True for a Rust reader's panic (pyo3's PanicException, a BaseException)."""
    return type(exc).__name__ == "PanicException"


def _mb(size: int) -> int | float:
    """Return a byte count in MB: whole when it is, else to one decimal."""
    value = round(size / 2**20, 1)
    return int(value) if value == int(value) else value


def check_size(size: int, limits: Limits) -> None:
    """Refuse a file of this many bytes when it is over the size limit."""
    if size > limits.max_file_bytes:
        raise _reject("file_too_large", size_mb=_mb(size), limit_mb=_mb(limits.max_file_bytes))


def _check_bytes(data: bytes, limits: Limits) -> None:
    if not data:
        raise _reject("empty_file")
    check_size(len(data), limits)
    if not data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise _reject("not_xlsx")


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _reject("damaged") from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _reject("too_many_parts", count=len(members))
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_unpacked_bytes:
        raise _reject("unpacks_too_large", size_mb=_mb(unpacked),
                      limit_mb=_mb(limits.max_unpacked_bytes))
    seen: set[str] = set()
    for member in members:
        name = member.filename
        if name.lower() in seen or "\\" in name or any(
                step in ("", ".", "..") for step in name.rstrip("/").split("/")):
            raise _reject("damaged")
        seen.add(name.lower())
    return archive


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> bytes:
    """Return a member's bytes, refusing it when it inflates past its declared size."""
    if info.flag_bits & 0x1:
        raise _reject("old_or_encrypted")
    if info.compress_type == zipfile.ZIP_STORED:
        try:
            body = archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError):
            raise _reject("damaged") from None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        header = data[info.header_offset:info.header_offset + 30]
        if len(header) < 30 or not header.startswith(ZIP_MAGIC):
            raise _reject("damaged")
        start = info.header_offset + 30 + int.from_bytes(header[26:28], "little") \
            + int.from_bytes(header[28:30], "little")
        # ISA-L inflates a valid stream as zlib does, in less than half the time (the bench's
        # 31 MB part, which everything waits for: 28 ms against 63 ms); a damaged one may end
        # otherwise, so only a stream that ends, at the declared size, with the declared
        # CRC-32 is taken: the bytes proven are the bytes the reader's inflater gives
        inflater = isal_zlib.decompressobj(-15)
        try:
            body = inflater.decompress(data[start:start + info.compress_size], info.file_size + 1)
        except isal_zlib.error:
            raise _reject("damaged") from None
        if len(body) != info.file_size or inflater.unconsumed_tail or not inflater.eof \
                or isal_zlib.crc32(body) != info.CRC:
            raise _reject("damaged")
    else:
        raise _reject("damaged")
    return body


def _no_dtd(body: bytes, part: str) -> bytes:
    """Return an XML part's bytes, refusing it when it declares a DTD (entities) anywhere."""
    # every marker holds the byte `!` (in UTF-8 and UTF-16 alike): one quick look first
    if b"!" in body and any(marker in body for marker in _DTD_MARKERS):
        raise _reject("xml_dtd")
    return body


def _xml(body: bytes, part: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise _reject("damaged") from None


def _sheets(parts: dict[str, bytes]) -> list[SheetPart]:
    """Return the sheets xl/workbook.xml lists, each with its part as calamine resolves it."""
    if WORKBOOK not in parts:
        raise _reject("not_xlsx")
    rels_path = "xl/_rels/workbook.xml.rels"
    targets = {}
    if rels_path in parts:
        for rel in _xml(parts[rels_path], rels_path):
            target = rel.get("Target", "")
            targets[rel.get("Id")] = target[1:] if target.startswith("/") else f"xl/{target}"
    sheets = []
    for node in _xml(parts[WORKBOOK], WORKBOOK).iter():
        if node.tag.endswith("}sheet") and node.get("name") is not None:
            path = targets.get(node.get(f"{_REL_NS}id"), "")
            sheets.append(SheetPart(node.get("name"), sheet_kind(node.get("name")), path))
    return sheets


def _formulas_without_value(body: bytes, end: int) -> list[tuple[int, int, str]]:
    """Find formula cells saved without a result (written by a program, not by Excel)."""
    found = []
    data = body[:end] if end >= 0 else body
    for match in _BARE_FORMULA.finditer(data):
        ref = _CELL_REF.search(data, data.rfind(b"<", 0, data.rfind(b"r=\"", 0,
                                                                     match.start()) + 1))
        if ref:
            text = match.group(1).decode(errors="replace") if match.group(1) else ""
            found.append((int(ref.group(2)) - 1, column_index(ref.group(1)),
                          "=" + text if text else "="))
    return found


def _counted_reach(body: bytes) -> tuple[int, int]:
    """Return the rows and columns spanned when cells or rows omit their `r` reference and
    take the position after the previous one (rare: only some programs write them so); the
    tags are read both ways (see _TAGS) and the farther reach is taken."""
    reaches = [_counted(body, tags) for tags in _TAGS]
    return max(r for r, _ in reaches), max(c for _, c in reaches)


def _counted(body: bytes, tags: re.Pattern) -> tuple[int, int]:
    row = col = rows = cols = 0
    for match in tags.finditer(body):
        ref = _REF.search(match.group(2))
        if match.group(1) == b"row":
            row, col = (int(ref.group(2)) if ref else row + 1), 0
        elif ref and ref.group(1):
            row, col = int(ref.group(2)), column_index(ref.group(1)) + 1
        else:
            col += 1
        rows, cols = max(rows, row), max(cols, col)
    return rows, cols


def _scan(body: bytes, start: int, end: int) -> tuple[bool, bool, int]:
    """Return, of the rows and cells between start and end (which begins a row element or the
    rows): whether every cell begins with a one-letter reference naming a row of no more
    digits than the largest row element's (see _not_one_letter), whether every cell and row
    is written as usual (its reference first, no prefix: else positions must be counted tag
    by tag), and the largest number a row element names."""
    numbers = _ROWS.findall(body, start, end)
    last = 0 if b"" in numbers else max(map(int, numbers), default=0)
    one_letter = _not_one_letter(len(str(last))).search(body, start, end) is None
    colon = body.find(b":", start, end)  # a quick look before the search for prefixed tags
    usual = b"" not in numbers and not (colon >= 0 and _PREFIXED.search(body, colon, end)) \
        and (one_letter or not _NO_REFERENCE_FIRST.search(body, start, end))
    return one_letter, usual, last if usual else 0


def _halves(body: bytes) -> tuple[int, int]:
    """Return where the rows begin (at the first mention of sheetData: the reader reads rows
    nowhere else) and the row element that begins the second half of a part large enough to
    be shared (else the end)."""
    start = max(body.find(b"sheetData"), 0)
    if len(body) - start < SHARED_BYTES:
        return start, len(body)
    middle = body.find(b"<row", start + (len(body) - start) // 2)
    return start, middle if middle > 0 else len(body)


def _reach(body: bytes, scans: list[tuple[bool, bool, int]] | None = None) -> tuple[int, int]:
    """Return the rows and columns of the grid a reader builds, from A1 to the farthest of the
    declared dimension, the rows and the widest cell reference (scans: `_scan` of every
    row, when done already).

    The rows are those the row elements name; a cell that names a farther row of as many
    digits is not looked for (it is bounded by the parsing child's memory limit instead).
    Columns: three-letter references are read exactly, two letters count as ZZ, one as Z.
    Most sheets end at column Z or before, and the search that finds the cells written
    otherwise proves it. Files whose cells or rows omit `r`, or with a cell naming a row of
    more digits than any row element, are walked tag by tag.
    """
    head = body.find(b"sheetData")
    declared = _DIMENSION.search(body, 0, head if head >= 0 else len(body))
    rows, cols = 0, 0
    if declared and declared.group(1):
        rows, cols = int(declared.group(2)), column_index(declared.group(1)) + 1
    scans = scans or [_scan(body, max(head, 0), len(body))]
    named = max(last for _, _, last in scans)
    one_letter = all(one for one, _, _ in scans)
    if not all(usual for _, usual, _ in scans) or (
            not one_letter and _far_cell(len(str(named))).search(body)):
        counted = _counted_reach(body)
        return max(rows, counted[0]), max(cols, counted[1])
    rows = max(rows, named)
    return rows, max(cols, _columns(body, rows, one_letter))


def _columns(body: bytes, rows: int, one_letter: bool = False) -> int:
    """Return how many columns the cells span: exactly, or a bound when that is within budget."""
    several = not one_letter and _SEVERAL_LETTERS.search(body)
    wider = ((_WIDE_REFS, None), (_TWO_LETTERS, 702)) if several else ()
    for pattern, bound in (*wider, (_ONE_LETTER, 26)):
        if not pattern.search(body):
            continue
        if bound is not None and rows * bound <= MAX_CELLS:
            return bound
        letters = set(pattern.findall(body))
        return column_index(max(letters, key=lambda b: (len(b), b.upper()))) + 1
    return 0


def _check_reach(sheet: SheetPart, body: bytes,
                 scans: list[tuple[bool, bool, int]] | None = None) -> None:
    """Refuse a sheet whose grid would be wider than MAX_COLUMNS or larger than MAX_CELLS."""
    rows, cols = _reach(body, scans)
    if cols > MAX_COLUMNS or rows * cols > MAX_CELLS:
        raise _reject("sheet_too_large", sheet.name, cell=f"{column_letters(cols - 1)}{rows}",
                      rows=rows, columns=cols, max_columns=MAX_COLUMNS, max_cells=MAX_CELLS)


def _surveyed(body: bytes) -> tuple[list, list, list]:
    """Return a proven sheet part's merged ranges, error cells and formulas saved without a
    result (what the reader does not give), each as (row, column, ...) counted from 0."""
    merges, errors, formulas = [], [], []
    end = body.rfind(b"</sheetData>")
    colon = body.find(b":", max(body.find(b"sheetData"), 0))  # prefixed tags are rare
    if _FORMULA_TAGS[0].search(body) or (colon >= 0 and _FORMULA_TAGS[1].search(body, colon)):
        formulas = _formulas_without_value(body, end)
    at = max(body.rfind(b"<mergeCells", max(end, 0)), body.rfind(b":mergeCells", max(end, 0)))
    if at >= 0:
        for c1, r1, c2, r2 in _MERGE.findall(body, at):
            top, left = int(r1) - 1, column_index(c1)
            merges.append((top, left, int(r2 or r1) - 1, column_index(c2 or c1)))
    if _ERROR_TYPE.search(body):
        for attrs, inner in _ERROR_CELL.findall(body):
            ref, value = _CELL_REF.search(attrs), _VALUE.search(inner)
            if ref:
                errors.append((int(ref.group(2)) - 1, column_index(ref.group(1)),
                               value.group(1).decode(errors="replace") if value else "#"))
    return merges, errors, formulas


def survey(sheet: SheetPart, body: bytes | None) -> None:
    """Read a proven sheet part's merged ranges, error cells and formulas saved without a
    result into the sheet (no proof: it may run beside the parsing)."""
    if body is not None:
        _add_survey(sheet, _surveyed(body))


def _add_survey(sheet: SheetPart, found: tuple[list, list, list]) -> None:
    merges, errors, formulas = found
    sheet.merges.extend(map(tuple, merges))
    sheet.errors.extend(map(tuple, errors))
    sheet.formulas.extend(map(tuple, formulas))


@dataclass
class Proven:
    """A worksheet part proven safe to parse: its bytes (None for an old .xls workbook), and
    the forked copy that searched half of a large one and surveys it (see forked)."""

    body: bytes | None
    forked: Forked | None = None

    def survey(self, sheet: SheetPart) -> None:
        """Read the part's merged ranges, error cells and formulas saved without a result into
        the sheet (from the forked copy when it has them, else here); let the bytes go."""
        if self.forked is not None:
            _add_survey(sheet, self.forked.result(1))
        else:
            survey(sheet, self.body)
        self.close()

    def close(self) -> None:
        """Let the bytes go, and stop and reap the forked copy if it still runs."""
        if self.forked is not None:
            self.forked.close()
        self.body = self.forked = None


@dataclass
class Container:
    """A workbook whose shared parts are proven safe; its sheets are proven one by one.

    An old .xls workbook has no archive: BIFF records in an OLE file are not compressed, so
    there is nothing to inflate; its file size already bounds what the reader can build.
    """

    data: bytes
    archive: zipfile.ZipFile | None
    sheets: list[SheetPart]

    def size(self, sheet: SheetPart) -> int:
        """Return the unpacked size of a worksheet's part (0 for an old .xls workbook)."""
        if self.archive is None:
            return 0
        return next((i.file_size for i in self.archive.infolist()
                     if i.filename.lower() == sheet.path.lower()), 0)

    def prove(self, sheet: SheetPart) -> Proven:
        """Prove a worksheet part safe to parse (no DTD, a grid within bounds) and return it
        inflated for its survey. A large part's second half is searched by a forked copy
        beside the first, which then surveys the part while it parses."""
        if self.archive is None:
            return Proven(None)
        info = next((i for i in self.archive.infolist()
                     if i.filename.lower() == sheet.path.lower()), None)
        if info is None:
            raise _reject("damaged")
        body = _no_dtd(_inflate(self.archive, info, self.data), info.filename)
        start, middle = _halves(body)
        if middle == len(body):
            _check_reach(sheet, body)
            return Proven(body)
        forked = Forked(partial(_scan, body, middle, len(body)), partial(_surveyed, body))
        try:
            first = _scan(body, start, middle)
            _check_reach(sheet, body, [first, forked.result(0)])
        except BaseException:
            forked.close()
            raise
        return Proven(body, forked)


def _legacy(data: bytes) -> Container:
    """Return an old .xls workbook's sheets and merged ranges; refuse other OLE files."""
    import io

    import fastexcel
    from python_calamine import CalamineError, CalamineWorkbook

    if ENCRYPTED in data:
        raise _reject("old_or_encrypted")
    try:
        names = fastexcel.read_excel(data).sheet_names
        book = CalamineWorkbook.from_object(io.BytesIO(data))
        sheets = [SheetPart(name, sheet_kind(name), "") for name in names]
        for sheet in sheets:
            ranges = book.get_sheet_by_name(sheet.name).merged_cell_ranges if sheet.kind else None
            sheet.merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in ranges or []]
    except (fastexcel.FastExcelError, CalamineError):
        raise _reject("old_or_encrypted") from None
    except BaseException as exc:
        if is_panic(exc):
            raise _reject("damaged") from None
        raise
    return Container(data, None, sheets)


def _deferred(name: str) -> bool:
    """Return True for a worksheet's own part: proven only if that sheet is read."""
    name = name.lower()
    return name.startswith(_SHEETS_DIR) and not name.endswith(".rels")


def inspect(data: bytes, limits: Limits) -> Container:
    """Return the workbook's container once everything but the worksheets is proven safe.

    Every other part is inflated (whatever its name: the reader finds parts regardless of
    case), and XML parts are refused when they declare a DTD; worksheets of recognised
    sheets are proven by `Container.prove` just before they are parsed; other worksheets are
    never parsed at all.
    """
    _check_bytes(data, limits)
    if data.startswith(OLE_MAGIC):
        return _legacy(data)
    archive = _open_zip(data, limits)
    parts = {}
    for info in archive.infolist():
        if not _deferred(info.filename):
            body = _inflate(archive, info, data)
            if info.filename.lower().endswith((".xml", ".rels")):
                parts[info.filename.lower()] = _no_dtd(body, info.filename)
    if WORKBOOK not in parts and "content.xml" in parts:
        raise _reject("ods")
    sheets = _sheets(parts)
    if not sheets:
        raise _reject("not_xlsx")
    return Container(data, archive, sheets)
