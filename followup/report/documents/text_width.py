"""How wide a text is in Arial, so that the deck sizes its boxes to what is drawn.

The deck names Arial for every text: PowerPoint has it on Windows and macOS, and LibreOffice
draws it with Liberation Sans, whose every character has Arial's width (metric-compatible).
`arial_widths.json` holds those widths (Latin letters, digits, the punctuation, spaces and
dashes Arial has had for decades) in font units, read from Liberation Sans Regular and Bold by
`python -m followup.report.documents.text_width REGULAR.ttf BOLD.ttf`. A character outside the
table counts as one em, wider than any in it, so a box is never too narrow for it.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

FONT = "Arial"
TABLE = Path(__file__).with_name("arial_widths.json")
CHARACTERS = [*range(0x20, 0x7F), *range(0xA0, 0x180), 0x2013, 0x2014, *range(0x2018, 0x201F),
              0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122, 0x2212]
BREAKS = re.compile(r"[ \t\n\r\v\f]+")  # where a line may break; a no-break space is no break


@cache
def _widths() -> dict:
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    em = table["units_per_em"]
    return {weight: {chr(int(c)): units / em for c, units in table[weight].items()}
            for weight in ("regular", "bold")}


def width_pt(text: str, size: float, bold: bool = False) -> float:
    """Return the width in points of one line of text at the size (no kerning: never less)."""
    widths = _widths()["bold" if bold else "regular"]
    return size * sum(widths.get(ch, 1.0) for ch in text)


def words(text: str) -> list[str]:
    """Return the parts of a text no line may break (split at breakable spaces only)."""
    return [w for w in BREAKS.split(str(text)) if w]


def widest_word_pt(text: str, size: float, bold: bool = False) -> float:
    """Return the width of the text's widest unbreakable part: the least width of its box."""
    return max((width_pt(w, size, bold) for w in words(text)), default=0.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Return the lines a text takes in a box width points wide, broken at spaces as
    PowerPoint and LibreOffice break them (a line break in the text starts a new line)."""
    space = width_pt(" ", size, bold)
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line, used = "", 0.0
        for word in words(paragraph):
            w = width_pt(word, size, bold)
            if line and used + space + w > width:
                lines.append(line)
                line, used = "", 0.0
            line, used = (f"{line} {word}", used + space + w) if line else (word, w)
        lines.append(line)
    return lines


def measure(regular: str, bold: str) -> dict:
    """Return the table of advance widths read from the two font files (needs Pillow)."""
    from PIL import ImageFont

    table: dict = {"units_per_em": 2048}
    for weight, path in (("regular", regular), ("bold", bold)):
        font = ImageFont.truetype(path, 2048, layout_engine=ImageFont.Layout.BASIC)
        table[weight] = {str(c): round(font.getlength(chr(c))) for c in CHARACTERS}
    return table


if __name__ == "__main__":
    TABLE.write_text(json.dumps(measure(*sys.argv[1:3]), separators=(",", ":")) + "\n",
                     encoding="utf-8")
