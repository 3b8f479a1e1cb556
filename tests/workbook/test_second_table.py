"""Issue 22: a second table under the first, after blank rows (a summary, notes, a second
listing), is one located error where it starts, not a "missing value" for each of its cells;
blank rows inside the data, and data after them, still load."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support.builders import (
    ACTION_HEADER,
    GRANT_HEADER,
    STANDARD_ACTIONS,
    STANDARD_GRANTS,
    check_sheets,
    load_sheets,
    stored,
    texts,
)

ACTIONS = [ACTION_HEADER, *STANDARD_ACTIONS[:7]]  # A8, with an empty status, left out
GRANTS = [GRANT_HEADER, *STANDARD_GRANTS]
SUMMARY = [None, None, ["Oppsummering per region"], ["Region", 2011, 2012],
           ["Europa", 1_000_000, 2_000_000.5], ["Globalt", None, 500_000], ["Sum", 1_000_000,
                                                                           2_500_000.5]]


def second_table(sheet: str, row: int, first: str) -> str:
    return (f"{sheet}, rad {row}: her begynner en ny tabell etter blanke rader («{first}»); den "
            "leses ikke som data. Ha én tabell per ark: slett den andre, eller flytt den til et "
            "eget ark.")


def test_a_summary_under_the_grants_is_one_located_error(tmp_path):
    checked = check_sheets(tmp_path, {"Tiltak": ACTIONS, "Tilskudd": [*GRANTS, *SUMMARY]})
    assert texts(checked, "nb", "error") == [
        second_table("Tilskudd", 7, "Oppsummering per region")]
    assert texts(checked, "en", "error") == [
        "Tilskudd, row 7: a second table starts here after blank rows (“Oppsummering per "
        "region”); it is not read as data. Keep one table per sheet: delete the second, or "
        "move it to its own sheet."]
    assert texts(checked, "nn", "error")[0].startswith(
        "Tilskudd, rad 7: her byrjar ein ny tabell etter blanke rader («Oppsummering per region»)")


@pytest.mark.parametrize("below, row, first", [
    # a second listing with its own header: the header is where it starts
    ([None, ACTION_HEADER, ["B1", "b1", "Hum", "Hum", "Europa", "Pågår", None]], 10, "ID"),
    # a title above it
    ([None, None, ["Avsluttede tiltak"], ACTION_HEADER, ["B1", "b1", "Hum", "Hum", "Europa",
                                                        "Ferdig", None]], 11,
     "Avsluttede tiltak"),
    # notes
    ([None, ["Kilde: seksjonenes rapporter"], ["* Foreløpige tall"]], 10,
     "Kilde: seksjonenes rapporter"),
    # a count per actor with a header of its own words (Ansvarlig, Status are headers)
    ([None, [None, None, "Ansvarlig", None, None, "Status"], [None, None, "Hum", None, None, 3]],
     10, "Ansvarlig"),
])
def test_a_second_table_under_the_actions_is_one_located_error(tmp_path, below, row, first):
    checked = check_sheets(tmp_path, {"Tiltak": [*ACTIONS, *below]})
    assert texts(checked, "nb", "error") == [second_table("Tiltak", row, first)]


def test_summary_lines_without_a_title_under_the_grants(tmp_path):
    checked = check_sheets(tmp_path, {"Tiltak": ACTIONS, "Tilskudd": [
        *GRANTS, None, ["Europa", None, None, None, None, None, 1_000_000, 2_000_000],
        ["Globalt", None, None, None, None, None, None, 500_000]]})
    assert texts(checked, "nb", "error") == [second_table("Tilskudd", 6, "Europa")]


def test_blank_rows_inside_the_data_are_not_a_second_table(db):
    # after the gaps: bare years as dates (2012 | 2013 are not a header), an empty status
    # (a warning), a grant that has only some of its cells
    loaded = load_sheets(db, {
        "Tiltak": [ACTION_HEADER, None, *ACTIONS[1:4], None, None, *ACTIONS[4:],
                   ["A8", "a8", "MR/DEM", "MR/DEM", "Europa", None, None]],
        "Tilskudd": [*GRANTS, None, ["G4", "ILO", "Hum", "Europa", 2012, 2013, 2012, 2013]]})
    assert loaded.counts["actions"] == 8 and loaded.counts["grants"] == 4
    assert stored(db, "SELECT row_no, action_id FROM actions ORDER BY row_no") == [
        (3, "A1"), (4, "A2"), (5, "A3"), (8, "A4"), (9, "A5"), (10, "A6"), (11, "A7"),
        (12, "A8")]
    assert stored(db, "SELECT year, amount_nok FROM disbursements WHERE grant_id = 'G4' "
                      "ORDER BY year") == [(2011, Decimal("2012.00")), (2012, Decimal("2013.00"))]


def test_a_name_alone_after_blank_rows_in_the_contacts_is_an_actor_without_address(tmp_path):
    checked = check_sheets(tmp_path, {"Tiltak": ACTIONS, "Kontakter": [
        ["Ansvarlig", "E-post"], ["Hum", "kari@ud.no"], None, ["IOM", None]]})
    assert checked.errors == []
    assert [p.code for p in checked.warnings] == ["no_address"]


def test_a_second_listing_in_the_contacts_is_a_second_table(tmp_path):
    checked = check_sheets(tmp_path, {"Tiltak": ACTIONS, "Kontakter": [
        ["Ansvarlig", "E-post"], ["Hum", "kari@ud.no"], None, ["Actor", "Email"],
        ["IOM", "iom@example.org"]]})
    assert texts(checked, "nb", "error") == [second_table("Kontakter", 4, "Actor")]
