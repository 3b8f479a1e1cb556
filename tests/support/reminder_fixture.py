"""Three rounds with contacts, for the reminder tests (figures by hand in test_reminders).

The rounds of builders.three_rounds (R1 16.01.2012, R2 29.06.2012, R3 14.12.2012, loaded
R1, R3, R2, so their ids are 1, 3 and 2), with a Kontakter sheet in R1 (Hum: an old
address) and R2 (Hum: two addresses, IOM: one), none in R3; R3 also has B8, not reported,
for MR/DEM, whose text is HTML. The contacts used are R2's: the latest round that has any.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.builders import ROUND_DATES, ROUND_HEADER, load, round_rows, write_workbook

B8 = ["B8", "b8 <b>fet</b> & co", "MR/DEM", "MR/DEM", "Europa", "Ikke rapportert", None, "Venter"]
CONTACTS = {
    0: [["Ansvarlig", "E-post"], ["Hum", "gammel@ud.example.org"]],
    1: [["Ansvarlig", "E-post"], ["Hum", " kari@ud.example.org; ola@ud.example.org"],
        ["IOM", "iom@example.org"]],
}


def reminder_rounds(db: Path, folder: Path) -> list[int]:
    """Load the three rounds (R1, R3, R2); return their ids in as-of order."""
    ids = {}
    for index in (0, 2, 1):
        rows = round_rows(index) + ([B8] if index == 2 else [])
        sheets = {"Tiltak": [ROUND_HEADER, *rows]}
        if index in CONTACTS:
            sheets["Kontakter"] = CONTACTS[index]
        path = write_workbook(folder / f"round{index}.xlsx", sheets)
        ids[index] = load(db, path, ROUND_DATES[index]).snapshot_id
    return [ids[0], ids[1], ids[2]]
