"""A deck as LibreOffice renders it: every place where a line break falls inside a number, a
percentage, a date or a word.

LibreOffice breaks a text only at a breakable space, unless a single word (or a run joined by
no-break spaces, such as `33,3 %`) is wider than its box: then it breaks inside it
(`33,3 / %`, `01.03.201 / 2`, `Recommendati / ons`). So a line break is sound exactly when the
deck's own text holds the two words around it with a breakable space (or a line break) between
them, or when it follows a hyphen between two letters.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from lxml import etree
from pptx import Presentation

BREAKABLE = " \t\n\r\v\x0b"


def pdf_of(pptx: Path, folder: Path) -> Path:
    """Convert a deck to PDF with LibreOffice in a fresh profile; return the PDF's path."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(pptx)],
                   check=True, capture_output=True, timeout=240,
                   env={"PATH": "/usr/bin:/bin", "HOME": str(folder)})
    return folder / (pptx.stem + ".pdf")


def deck_texts(pptx: Path) -> list[str]:
    """Return every text the deck holds: frames, table cells, chart categories and series."""
    out: list[str] = []
    for page in Presentation(pptx).slides:
        for shape in page.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if shape.has_table:
                out.extend(cell.text_frame.text for row in shape.table.rows for cell in row.cells)
            if shape.has_chart:
                chart = shape.chart
                for plot in chart.plots:
                    out.extend(str(c) for c in plot.categories)
                    out.extend(s.name for s in plot.series)
                for axis in (chart.category_axis, chart.value_axis):
                    if axis.has_title:
                        out.append(axis.axis_title.text_frame.text)
    return out


def line_breaks(pdf: Path) -> list[tuple[int, str, str]]:
    """Return (page, last word of a line, first word of the next) for every pair of lines of
    the PDF that follow each other in one paragraph: the lower starts where the upper ends
    (within a fifth of a line) and the two overlap sideways."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True).stdout
    root = etree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    out = []
    for n, page in enumerate(root.iterfind(".//h:page", ns), start=1):
        lines = []
        for line in page.iterfind(".//h:line", ns):
            words = [w.text or "" for w in line.iterfind("h:word", ns)]
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            if words:
                lines.append((box, words))
        for (x0, y0, x1, y1), words in lines:
            height = y1 - y0
            below = [(b, w) for b, w in lines if abs(b[1] - y1) < height / 5
                     and min(x1, b[2]) - max(x0, b[0]) > 0 and abs((b[3] - b[1]) - height) < 2]
            out.extend((n, words[-1], w[0]) for _, w in below)
    return out


NO_BREAK = "\u00a0\u202f\u2007\u2060"


def _sound(last: str, first: str, texts: list[str]) -> bool:
    if re.search(r"[^\W\d]-$", last) and first[:1].isalpha():
        return True  # after the hyphen of a compound
    return any(f"{last}{gap}{first}" in text for text in texts for gap in BREAKABLE)


def broken(pptx: Path, pdf: Path) -> list[str]:
    """Return `page N: last / first` for every line break inside a number, date or word: a
    percent sign alone at a line's start, a break at a no-break space, or a break between two
    parts of one word of the deck where its text has no space there.

    Lines next to each other in a chart (legend, axis) or in neighbouring table rows pair up
    too; they pass, as their words are whole words of the deck.
    """
    texts = deck_texts(pptx)
    words = {w for text in texts for w in re.split(f"[\\s{NO_BREAK}]+", text) if w}
    out = []
    for n, last, first in line_breaks(pdf):
        inside = any(last + first in word for word in words) and not _sound(last, first, texts)
        at_no_break = any(f"{last}{gap}{first}" in text for text in texts for gap in NO_BREAK)
        if first.startswith(("%", "‰")) or inside or at_no_break:
            out.append(f"page {n}: {last} / {first}")
    return out


def have_libreoffice() -> bool:
    """Return whether LibreOffice and pdftotext are installed."""
    return bool(shutil.which("soffice") and shutil.which("pdftotext"))
