"""The workbook format: every alias, every status word and the messy layouts real sheets have.

Each test writes a real .xlsx with openpyxl, ingests it into a DuckDB file in tmp_path and
reads back exactly what was stored.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from followup.store import ingest
from followup.workbook import formats
from tests.support.builders import (
    MINIMAL_ACTIONS,
    MINIMAL_GRANTS,
    SheetSpec,
    Text,
    check_sheets,
    load_sheets,
    stored,
    texts,
    write_workbook,
    zip_of,
    zip_parts,
)

# --- aliases -----------------------------------------------------------------------------

# field -> (value written in the cell, table, column, value stored)
ACTION_CELLS = {
    "action": ("Skrive plan", "actions", "action", "Skrive plan"),
    "actor": ("IOM", "actions", "actor", "IOM"),
    "status": ("Ferdig", "actions", "status", "done"),
    "action_id": ("UD-1", "actions", "action_id", "UD-1"),
    "recommendation": ("Anbefaling 3", "actions", "recommendation", "Anbefaling 3"),
    "recommendation_id": ("R-3", "actions", "recommendation_id", "R-3"),
    "evaluation": ("Norad 2011", "actions", "evaluation", "Norad 2011"),
    "party": ("UD", "actions", "party", "UD"),
    "section": ("MR/DEM", "actions", "section", "MR/DEM"),
    "region": ("Afrika", "actions", "region", "Afrika"),
    "due_date": ("31.12.2012", "actions", "due_date", dt.date(2012, 12, 31)),
    "comment": ("Se notat", "actions", "comment", "Se notat"),
    "evidence": ("2013/4567-2", "actions", "evidence", "2013/4567-2"),
}
GRANT_CELLS = {
    "grant_id": ("G-77", "grants", "grant_id", "G-77"),
    "partner": ("UNODC", "grants", "partner", "UNODC"),
    "start_date": ("01.03.2010", "grants", "start_date", dt.date(2010, 3, 1)),
    "end_date": ("30.06.2013", "grants", "end_date", dt.date(2013, 6, 30)),
    "title": ("Beskyttelse av ofre", "grants", "title", "Beskyttelse av ofre"),
    "section": ("Hum", "grants", "section", "Hum"),
    "region": ("Europa", "grants", "region", "Europa"),
    "country": ("Moldova", "grants", "country", "Moldova"),
    "amount": ("kr 1 250 000,50", "grants", "amount_nok", Decimal("1250000.50")),
    "grant_type": ("ettårig", "grants", "grant_type", "one-year"),
}
DISBURSEMENT_CELLS = {
    "grant_id": ("G1", "disbursements", "grant_id", "G1"),
    "year": ("2012", "disbursements", "year", 2012),
    "amount": ("1 000", "disbursements", "amount_nok", Decimal("1000.00")),
}
RECOMMENDATION_CELLS = {
    "recommendation_id": ("R-1", "recommendations", "recommendation_id", "R-1"),
    "recommendation": ("Styrke samordningen", "recommendations", "recommendation",
                       "Styrke samordningen"),
    "response": ("Delvis enig", "recommendations", "response", "partial"),
    "response_text": ("Se svarbrev", "recommendations", "response_text", "Se svarbrev"),
    "evaluation": ("Norad 2011", "recommendations", "evaluation", "Norad 2011"),
    "responsible": ("Hum", "recommendations", "responsible", "Hum"),
}
EVALUATION_CELLS = {
    "evaluation": ("Norad 2011", "evaluations", "evaluation", "Norad 2011"),
    "report_year": ("2011", "evaluations", "report_year", 2011),
    "response_date": ("15.09.2011", "evaluations", "response_date", dt.date(2011, 9, 15)),
    "owner": ("Hum", "evaluations", "owner", "Hum"),
    "link": ("https://norad.example/r", "evaluations", "link", "https://norad.example/r"),
}
DEFAULTS = {"evaluation": "Evaluering",
            "recommendation_id": "Nr", "recommendation": "Anbefaling", "action": "Tiltak",
            "actor": "Ansvarlig", "status": "Status",
            "grant_id": "Avtalenr", "partner": "Partner", "start_date": "Fra",
            "end_date": "Til", "year": "År", "amount": "Beløp"}
CELLS = {formats.ACTIONS: ACTION_CELLS, formats.GRANTS: GRANT_CELLS,
         formats.DISBURSEMENTS: DISBURSEMENT_CELLS, formats.RECOMMENDATIONS: RECOMMENDATION_CELLS,
         formats.EVALUATIONS: EVALUATION_CELLS}
DEFAULT_VALUES = {"evaluation": "Norad 2011",
                  "recommendation_id": "R-1", "recommendation": "Styrke samordningen",
                  "action": "Skrive plan", "actor": "Hum", "status": "Pågår",
                  "grant_id": "G1", "partner": "IOM", "start_date": "2011",
                  "end_date": "2012", "year": "2012", "amount": "1 000"}


def messy(alias: str) -> str:
    """Return an alias as a tired user types it: other case, spaces around, a colon."""
    return f"  {alias.upper()} : "


def one_field_sheet(kind: str, field: str, header: str) -> list[list]:
    """Return the rows of a sheet with the required columns plus `field` headed `header`."""
    required = [f.name for f in formats.FIELDS[kind] if f.required]
    names = required if field in required else [*required, field]
    cells = CELLS[kind]
    headers = [header if n == field else DEFAULTS[n] for n in names]
    values = [cells[n][0] if n == field else DEFAULT_VALUES[n] for n in names]
    return [headers, values]


# (the contacts sheet has tests of its own: its rows are not data of a round)
ALIASES = [(kind, f.name, alias) for kind in formats.DATA_KINDS for f in formats.FIELDS[kind]
           for alias in f.aliases]


@pytest.mark.parametrize(("kind", "field", "alias"), ALIASES,
                         ids=[f"{k}-{f}-{a}" for k, f, a in ALIASES])
def test_every_column_alias_is_read_whatever_its_case_spaces_and_punctuation(
        db, kind, field, alias):
    rows = one_field_sheet(kind, field, messy(alias))
    sheets = {formats.SHEET_ALIASES[kind][0]: rows}
    if kind == formats.DISBURSEMENTS:
        sheets["Tilskudd"] = MINIMAL_GRANTS
    load_sheets(db, sheets)
    _, table, column, expected = CELLS[kind][field]
    assert stored(db, f"SELECT {column} FROM {table}") == [(expected,)]


@pytest.mark.parametrize(("kind", "header", "column", "expected"), [
    (formats.ACTIONS, " tiltak ", "action", "Skrive plan"),
    (formats.ACTIONS, "NR.", "action_id", "UD-1"),
    (formats.ACTIONS, "Due-date", "due_date", dt.date(2012, 12, 31)),
    (formats.GRANTS, "Grant ID", "grant_id", "G-77"),
    (formats.GRANTS, "Amount NOK", "amount_nok", Decimal("1250000.50")),
    (formats.GRANTS, "Beløp (NOK)", "amount_nok", Decimal("1250000.50")),
    (formats.GRANTS, "Avtalebeløp [NOK]", "amount_nok", Decimal("1250000.50")),
    (formats.GRANTS, "AVTALE-\nNUMMER", "grant_id", "G-77"),
])
def test_header_examples_from_the_format(db, kind, header, column, expected):
    field = {"action": "action", "action_id": "action_id", "due_date": "due_date",
             "grant_id": "grant_id", "amount_nok": "amount"}[column]
    load_sheets(db, {formats.SHEET_ALIASES[kind][0]: one_field_sheet(kind, field, header)})
    assert stored(db, f"SELECT {column} FROM {CELLS[kind][field][1]}") == [(expected,)]


SHEET_NAMES = [(kind, name) for kind in formats.DATA_KINDS
               for name in formats.SHEET_ALIASES[kind]]


@pytest.mark.parametrize(("kind", "name"), SHEET_NAMES, ids=[n for _, n in SHEET_NAMES])
@pytest.mark.parametrize("spell", [str, lambda n: f" {n.upper()} ", lambda n: f"{n.lower()}."],
                         ids=["as-written", "upper-spaced", "lower-dotted"])
def test_every_sheet_alias_is_recognised(db, kind, name, spell):
    first = next(f.name for f in formats.FIELDS[kind] if f.required)
    sheets = {spell(name): one_field_sheet(kind, first, DEFAULTS[first])}
    if kind == formats.DISBURSEMENTS:
        sheets["Tilskudd"] = MINIMAL_GRANTS
    loaded = load_sheets(db, sheets)
    table = {formats.ACTIONS: "actions", formats.GRANTS: "grants",
             formats.DISBURSEMENTS: "disbursements",
             formats.RECOMMENDATIONS: "recommendations",
             formats.EVALUATIONS: "evaluations"}[kind]
    assert stored(db, f"SELECT count(*) FROM {table}") == [(1,)]
    assert loaded.counts[kind] == 1


# --- status words ------------------------------------------------------------------------

STATUS_CASES = [(code, word) for code, words in formats.STATUS_WORDS.items() for word in words]


@pytest.mark.parametrize(("code", "word"), STATUS_CASES, ids=[w for _, w in STATUS_CASES])
def test_every_status_word_maps_to_its_code_whatever_the_case_and_spaces(db, code, word):
    variants = [word, f"  {word.upper()}  ", word.lower(), word.replace(" ", "  ")]
    rows = [["ID", "Tiltak", "Ansvarlig", "Status"]]
    rows += [[f"A{i}", "t", "Hum", v] for i, v in enumerate(variants)]
    load_sheets(db, {"Tiltak": rows})
    got = stored(db, "SELECT action_id, status, status_text FROM actions ORDER BY row_no")
    assert got == [(f"A{i}", code, v) for i, v in enumerate(variants)]


def test_status_and_type_words_typed_in_decomposed_unicode_are_recognised(db):
    # a Mac or a PDF may give "å" as "a" + combining ring; it looks the same to the user
    def nfd(text):
        return unicodedata.normalize("NFD", text)

    assert nfd("Pågår") != "Pågår"
    load_sheets(db, {
        "Tiltak": [["Tiltak", "Ansvarlig", "Status"], ["a", "Hum", nfd("Pågår")],
                   ["b", "Hum", nfd("Ikke påbegynt")], ["c", "Hum", nfd("UTGÅR")]],
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til", nfd("Avtaletype")],
                     ["G1", "IOM", 2011, 2012, nfd("ettårig")]]})
    assert stored(db, "SELECT status FROM actions ORDER BY row_no") == [
        ("ongoing",), ("not_started",), ("not_applicable",)]
    assert stored(db, "SELECT grant_type FROM grants") == [("one-year",)]


def test_canonical_codes_are_accepted_as_status_words_too(db):
    rows = [["ID", "Tiltak", "Ansvarlig", "Status"]]
    rows += [[c, "t", "Hum", c] for c in formats.STATUSES]
    load_sheets(db, {"Tiltak": rows})
    assert stored(db, "SELECT action_id, status FROM actions ORDER BY row_no") == [
        (c, c) for c in formats.STATUSES]


def test_an_empty_status_is_stored_as_not_reported_with_a_warning(db):
    loaded = load_sheets(db, {"Tiltak": [["Tiltak", "Ansvarlig", "Status"], ["a", "Hum", None],
                                         ["b", "Hum", "   "]]})
    assert stored(db, "SELECT status, status_text FROM actions ORDER BY row_no") == [
        ("no_report", None), ("no_report", None)]
    assert [w.text() for w in loaded.warnings] == [
        "Tiltak, rad 2, kolonne Status: status er tom; registrert som «Ikke rapportert».",
        "Tiltak, rad 3, kolonne Status: status er tom; registrert som «Ikke rapportert».",
    ]


# --- messy layouts -----------------------------------------------------------------------

ACTION_HEADER = ["Tiltak", "Ansvarlig", "Status"]


def test_title_and_blank_rows_above_the_header_keep_excel_row_numbers(db):
    rows = [["Oppfølgingsplan for evalueringen"], None, ["Sist oppdatert 14.12.2012"], None,
            ACTION_HEADER, ["a", "Hum", "Pågår"], ["b", "IOM", "Ferdig"]]
    load_sheets(db, {"Tiltak": rows})
    assert stored(db, "SELECT row_no, action, actor, status FROM actions ORDER BY row_no") == [
        (6, "a", "Hum", "ongoing"), (7, "b", "IOM", "done")]


def test_header_on_row_20_is_found(db):
    rows = [["Tittel"], *[None] * 18, ACTION_HEADER, ["a", "Hum", "Pågår"]]
    load_sheets(db, {"Tiltak": rows})
    assert stored(db, "SELECT row_no, action FROM actions") == [(21, "a")]


def test_header_on_row_20_is_found_when_nothing_is_above_it(db):
    load_sheets(db, {"Tiltak": [*[None] * 19, ACTION_HEADER, ["a", "Hum", "Pågår"]]})
    assert stored(db, "SELECT row_no, action FROM actions") == [(21, "a")]


@pytest.mark.parametrize("above", [[["Tittel"], *[None] * 19], [None] * 20],
                         ids=["title-and-blanks", "blanks-only"])
def test_header_below_row_20_is_not_searched_for(tmp_path, above):
    checked = check_sheets(tmp_path, {"Tiltak": [*above, ACTION_HEADER, ["a", "Hum", "Pågår"]]})
    assert texts(checked) == [
        "Tiltak: fant ikke overskriftsraden blant de første 20 radene; ventet kolonner som "
        "Tiltak, Ansvarlig, Status."]


def test_a_value_typed_once_in_a_merged_block_applies_to_every_row_of_it(db):
    rows = [["Plan"], ["ID", "Tiltak", "Ansvarlig", "Seksjon", "Region", "Status"],
            ["A1", "a", "Hum", "Hum-seksjonen", "Europa", "Pågår"],
            ["A2", "b", None, None, None, "Ferdig"],
            ["A3", "c", None, None, "Afrika", "Delvis"],
            ["A4", "d", "IOM", None, None, "Ferdig"]]
    load_sheets(db, {"Tiltak": SheetSpec(rows, merges=("A1:F1", "C3:C5", "D3:D6", "E3:E4"))})
    assert stored(db, "SELECT action_id, actor, section, region FROM actions ORDER BY row_no") == [
        ("A1", "Hum", "Hum-seksjonen", "Europa"),
        ("A2", "Hum", "Hum-seksjonen", "Europa"),
        ("A3", "Hum", "Hum-seksjonen", "Afrika"),
        ("A4", "IOM", "Hum-seksjonen", "Globalt"),
    ]


def test_merged_cells_fill_down_when_the_table_does_not_start_in_column_a(db):
    rows = [None, [None, "Tiltak", "Ansvarlig", "Status"], [None, "a", "Hum", "Pågår"],
            [None, "b", None, "Ferdig"], [None, "c", "IOM", "Ferdig"]]
    load_sheets(db, {"Tiltak": SheetSpec(rows, merges=("C3:C4",))})
    assert stored(db, "SELECT row_no, action, actor FROM actions ORDER BY row_no") == [
        (3, "a", "Hum"), (4, "b", "Hum"), (5, "c", "IOM")]


def test_a_merged_partner_covers_several_grants(db):
    rows = [["Avtalenr", "Partner", "Fra", "Til", 2011],
            ["G1", "IOM", 2011, 2012, 100], ["G2", None, 2011, 2011, 200],
            ["G3", None, 2012, 2013, 300]]
    load_sheets(db, {"Tilskudd": SheetSpec(rows, merges=("B2:B4",))})
    assert stored(db, "SELECT grant_id, partner FROM grants ORDER BY row_no") == [
        ("G1", "IOM"), ("G2", "IOM"), ("G3", "IOM")]


def test_trailing_blank_rows_and_columns_are_ignored(db):
    rows = [[*ACTION_HEADER, None, None, ""],
            ["a", "Hum", "Pågår", None, None, "  "],
            ["b", "IOM", "Ferdig"],
            *[[None, "", "   "] for _ in range(5)],
            *[None] * 30,
            [None, None, None, None, None, None, None, None, None, " "]]
    loaded = load_sheets(db, {"Tiltak": rows})
    assert stored(db, "SELECT action FROM actions ORDER BY row_no") == [("a",), ("b",)]
    assert loaded.warnings == []
    assert stored(db, "SELECT actions FROM snapshots") == [(2,)]


@pytest.mark.parametrize("word", ["Sum", "Totalt", "Total", "SUM:", " totalt "])
def test_a_totals_row_is_skipped_in_every_sheet(db, word):
    load_sheets(db, {
        "Tiltak": [ACTION_HEADER, ["a", "Hum", "Ferdig"], [word, None, None]],
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til", "Avtalebeløp", 2011],
                     ["G1", "IOM", 2011, 2012, 1000, 400], ["G2", "ILO", 2011, 2011, 500, 500],
                     [word, None, None, None, 1500, 900]],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], ["G1", 2012, 600], [word, None, 600]],
    })
    assert stored(db, "SELECT actions, grants, disbursements FROM snapshots") == [(1, 2, 3)]
    assert stored(db, "SELECT grant_id, year, amount_nok FROM disbursements "
                      "ORDER BY grant_id, year") == [
        ("G1", 2011, Decimal("400.00")), ("G1", 2012, Decimal("600.00")),
        ("G2", 2011, Decimal("500.00"))]


def test_a_row_starting_with_total_but_with_identifying_cells_is_data(db):
    load_sheets(db, {"Tilskudd": [["Avtalenr", "Partner", "Fra", "Til"],
                                  ["Total", "TotalEnergies", 2011, 2012]]})
    assert stored(db, "SELECT grant_id, partner FROM grants") == [("Total", "TotalEnergies")]


def test_totals_row_with_the_sum_word_in_an_unread_first_column_is_skipped(db):
    rows = [["Løpenr", "Avtalenr", "Partner", "Fra", "Til", 2011],
            [1, "G1", "IOM", 2011, 2012, 400], [2, "G2", "ILO", 2011, 2011, 500],
            ["Sum", None, None, None, None, 900]]
    load_sheets(db, {"Tilskudd": rows})
    assert stored(db, "SELECT grants, disbursements FROM snapshots") == [(2, 2)]


AMOUNTS = [
    (1250000, Decimal("1250000.00")),
    (1250000.5, Decimal("1250000.50")),
    (0.1 + 0.2, Decimal("0.30")),
    ("1250000", Decimal("1250000.00")),
    ("1 250 000", Decimal("1250000.00")),
    ("1\u00a0250\u00a0000", Decimal("1250000.00")),
    ("1\u202f250\u202f000", Decimal("1250000.00")),
    ("1 250 000,50", Decimal("1250000.50")),
    ("kr 1 250 000,50", Decimal("1250000.50")),
    ("Kr. 1 250 000", Decimal("1250000.00")),
    ("NOK 1 250 000,50", Decimal("1250000.50")),
    ("NOK\u00a01\u202f250\u202f000", Decimal("1250000.00")),
    ("1 250 000 kr", Decimal("1250000.00")),
    ("1 250 000,-", Decimal("1250000.00")),
    ("1.250.000", Decimal("1250000.00")),
    ("1.250.000,50", Decimal("1250000.50")),
    ("1,250,000.50", Decimal("1250000.50")),
    ("  750 000  ", Decimal("750000.00")),
    ("750 000\n", Decimal("750000.00")),
    ("0", Decimal("0.00")),
    # regression: a lone '.' before three digits groups thousands (read 1000x too small before)
    ("1.000,-", Decimal("1000.00")),
    ("kr 1.500", Decimal("1500.00")),
    ("250.000", Decimal("250000.00")),
    ("0.125", Decimal("0.13")),
    (12.5, Decimal("12.50")),
]


@pytest.mark.parametrize(("cell", "expected"), AMOUNTS, ids=[repr(c) for c, _ in AMOUNTS])
def test_amounts_as_numbers_or_text_with_spaces_decimal_comma_and_currency(db, cell, expected):
    load_sheets(db, {
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til", "Avtalebeløp", 2011],
                     ["G1", "IOM", 2011, 2012, cell, cell]],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], ["G1", 2012, cell]],
    })
    assert stored(db, "SELECT amount_nok FROM grants") == [(expected,)]
    assert stored(db, "SELECT year, amount_nok FROM disbursements ORDER BY year") == [
        (2011, expected), (2012, expected)]


def test_negative_amounts_are_loaded_as_written(db):
    load_sheets(db, {
        "Tilskudd": MINIMAL_GRANTS,
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], ["G1", 2011, -1000], ["G1", 2012, "(500)"],
                         ["G1", 2013, "\u2212250"], ["G1", 2014, "kr -1 000,50"],
                         ["G1", 2015, "-kr 1 000,50"], ["G1", 2016, "- NOK 20"]],
    })
    assert stored(db, "SELECT year, amount_nok FROM disbursements ORDER BY year") == [
        (2011, Decimal("-1000.00")), (2012, Decimal("-500.00")), (2013, Decimal("-250.00")),
        (2014, Decimal("-1000.50")), (2015, Decimal("-1000.50")), (2016, Decimal("-20.00"))]


DATES = [
    (dt.date(2012, 12, 31), dt.date(2012, 12, 31)),
    (dt.datetime(2012, 6, 30, 14, 30), dt.date(2012, 6, 30)),
    ("31.12.2012", dt.date(2012, 12, 31)),
    ("1.2.2012", dt.date(2012, 2, 1)),
    ("01.02.12", dt.date(2012, 2, 1)),
    ("2012-12-31", dt.date(2012, 12, 31)),
    (" 2012-06-30 ", dt.date(2012, 6, 30)),
    ("2012-06-30T00:00:00", dt.date(2012, 6, 30)),
    ("30.06.2012 00:00", dt.date(2012, 6, 30)),
    ("30.06.2012 14:30:00", dt.date(2012, 6, 30)),
    (41274, dt.date(2012, 12, 31)),
]


@pytest.mark.parametrize(("cell", "expected"), DATES, ids=[repr(c) for c, _ in DATES])
def test_dates_as_excel_dates_or_text(db, cell, expected):
    load_sheets(db, {
        "Tiltak": [["Tiltak", "Ansvarlig", "Status", "Frist"], ["a", "Hum", "Pågår", cell]],
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til"], ["G1", "IOM", cell, cell]],
    })
    assert stored(db, "SELECT due_date FROM actions") == [(expected,)]
    assert stored(db, "SELECT start_date, end_date FROM grants") == [(expected, expected)]


@pytest.mark.parametrize("year", [2012, "2012", " 2012 "], ids=["number", "text", "spaced"])
def test_a_bare_year_is_the_first_day_as_a_start_and_the_last_day_as_an_end(db, year):
    load_sheets(db, {
        "Tiltak": [["Tiltak", "Ansvarlig", "Status", "Frist"], ["a", "Hum", "Pågår", year]],
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til"], ["G1", "IOM", year, year]],
    })
    assert stored(db, "SELECT due_date FROM actions") == [(dt.date(2012, 12, 31),)]
    assert stored(db, "SELECT start_date, end_date, grant_type FROM grants") == [
        (dt.date(2012, 1, 1), dt.date(2012, 12, 31), "one-year")]


def test_data_formatted_as_an_excel_table(db):
    rows = [["Avtaleoversikt"], None,
            ["Avtalenr", "Partner", "Fra", "Til", "2011", "2012"],
            ["G1", "IOM", 2011, 2012, 100, 200], ["G2", "ILO", 2012, 2012, None, 50]]
    load_sheets(db, {"Tilskudd": SheetSpec(rows, table="A3:F5"),
                     "Tiltak": SheetSpec([ACTION_HEADER, ["a", "Hum", "Pågår"]],
                                         table="A1:C2")})
    assert stored(db, "SELECT grant_id, partner FROM grants ORDER BY row_no") == [
        ("G1", "IOM"), ("G2", "ILO")]
    assert stored(db, "SELECT grant_id, year, amount_nok FROM disbursements "
                      "ORDER BY grant_id, year") == [
        ("G1", 2011, Decimal("100.00")), ("G1", 2012, Decimal("200.00")),
        ("G2", 2012, Decimal("50.00"))]
    assert stored(db, "SELECT action FROM actions") == [("a",)]


def test_unknown_columns_are_ignored_and_listed_in_one_warning(db):
    rows = [["Tiltak", "Merknad", "Ansvarlig", "Status", "Kontaktperson"],
            ["a", "ikke les meg", "Hum", "Pågår", "Kari"]]
    loaded = load_sheets(db, {"Tiltak": rows})
    assert stored(db, "SELECT action, actor, status, comment FROM actions") == [
        ("a", "Hum", "ongoing", None)]
    assert [w.text() for w in loaded.warnings] == [
        "Tiltak, rad 1: ukjente kolonner blir ikke lest: Merknad, Kontaktperson."]
    assert [w.text("en") for w in loaded.warnings] == [
        "Tiltak, row 1: unknown columns are not read: Merknad, Kontaktperson."]
    assert stored(db, "SELECT warnings FROM snapshots") == [(1,)]


def test_text_is_stored_verbatim_even_when_it_looks_like_a_formula(db):
    comment = "=ikke en formel, men en kommentar"
    action = "  Skrive  plan\nlinje to "
    rows = [["Tiltak", "Ansvarlig", "Status", "Kommentar", "Anbefaling"],
            [Text(action), "Hum", "Pågår", Text(comment), Text("+47 sier IOM")]]
    load_sheets(db, {"Tiltak": rows})
    assert stored(db, "SELECT action, comment, recommendation FROM actions") == [
        (action, comment, "+47 sier IOM")]


def test_section_defaults_to_the_actor_and_region_to_globalt(db):
    rows = [["Tiltak", "Ansvarlig", "Status", "Seksjon", "Region"],
            ["a", "Hum", "Pågår", None, None],
            ["b", "IOM", "Pågår", "MR/DEM", "Afrika"]]
    load_sheets(db, {"Tiltak": rows, "Tilskudd": MINIMAL_GRANTS})
    assert stored(db, "SELECT action, section, region FROM actions ORDER BY row_no") == [
        ("a", "Hum", "Globalt"), ("b", "MR/DEM", "Afrika")]
    assert stored(db, "SELECT region, section FROM grants") == [("Globalt", None)]


def test_defaults_apply_when_the_optional_columns_are_absent(db):
    load_sheets(db, {"Tiltak": MINIMAL_ACTIONS})
    assert stored(db, "SELECT actor, section, region FROM actions") == [
        ("Hum", "Hum", "Globalt")]


def test_grant_type_is_derived_from_the_years_it_spans(db):
    rows = [["Avtalenr", "Partner", "Fra", "Til"],
            ["G1", "IOM", "01.01.2011", "31.12.2012"],
            ["G2", "ILO", "01.01.2012", "31.12.2012"],
            ["G3", "OSSE", "01.12.2011", "31.01.2012"],
            ["G4", "NGO", 2012, 2012]]
    load_sheets(db, {"Tilskudd": rows})
    assert stored(db, "SELECT grant_id, grant_type FROM grants ORDER BY row_no") == [
        ("G1", "multi-year"), ("G2", "one-year"), ("G3", "multi-year"), ("G4", "one-year")]


TYPE_WORDS = [(code, word) for code, words in formats.GRANT_TYPE_WORDS.items()
              for word in words]


@pytest.mark.parametrize(("code", "word"), TYPE_WORDS, ids=[w for _, w in TYPE_WORDS])
def test_avtaletype_overrides_the_derived_type(db, code, word):
    rows = [["Avtalenr", "Partner", "Fra", "Til", "Avtaletype"],
            ["G1", "IOM", 2011, 2013, f" {word.upper()} "],
            ["G2", "ILO", 2012, 2012, word],
            ["G3", "OSSE", 2012, 2012, None]]
    load_sheets(db, {"Tilskudd": rows})
    assert stored(db, "SELECT grant_id, grant_type FROM grants ORDER BY row_no") == [
        ("G1", code), ("G2", code), ("G3", "one-year")]


@pytest.mark.parametrize("headers", [[2010, 2011], ["2010", "2011"], [2010.0, " 2011 "]],
                         ids=["numbers", "text", "mixed"])
def test_wide_year_columns_are_disbursements_whatever_the_header_type(db, headers):
    rows = [["Avtalenr", "Partner", "Fra", "Til", *headers],
            ["G1", "IOM", 2010, 2011, 1000, "2 000"],
            ["G2", "ILO", 2011, 2011, None, 500]]
    loaded = load_sheets(db, {"Tilskudd": rows})
    assert stored(db, "SELECT grant_id, year, amount_nok FROM disbursements "
                      "ORDER BY grant_id, year") == [
        ("G1", 2010, Decimal("1000.00")), ("G1", 2011, Decimal("2000.00")),
        ("G2", 2011, Decimal("500.00"))]
    assert loaded.warnings == []


def test_year_headers_on_a_second_row_under_a_merged_heading(db):
    rows = [["Tilskudd 2012"],
            ["Avtalenr", "Partner", "Fra", "Til", "Utbetalt (NOK)", None, None],
            [None, None, None, None, 2011, 2012, "2013"],
            ["G1", "IOM", 2011, 2013, 1, 2, 3],
            ["G2", "ILO", 2012, 2012, None, "5 000", None]]
    loaded = load_sheets(db, {"Tilskudd": SheetSpec(rows, merges=("A1:G1", "E2:G2"))})
    assert stored(db, "SELECT row_no, grant_id FROM grants ORDER BY row_no") == [
        (4, "G1"), (5, "G2")]
    assert stored(db, "SELECT grant_id, year, amount_nok FROM disbursements "
                      "ORDER BY grant_id, year") == [
        ("G1", 2011, Decimal("1.00")), ("G1", 2012, Decimal("2.00")),
        ("G1", 2013, Decimal("3.00")), ("G2", 2012, Decimal("5000.00"))]
    assert loaded.warnings == []


def test_long_disbursements_sheet_with_several_rows_for_one_grant_and_year_summed(db):
    load_sheets(db, {
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til"], ["G1", "IOM", 2011, 2013],
                     ["G2", "ILO", 2012, 2012]],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"],
                         ["G1", 2011, 300_000], ["G1", "2011", "200 000"],
                         ["G1", 2011.0, "kr 0,50"], ["G1", 2012, 100],
                         ["G2", " 2012 ", 50], ["G2", 2012, -20]],
    })
    assert stored(db, "SELECT grant_id, year, amount_nok FROM disbursements "
                      "ORDER BY grant_id, year") == [
        ("G1", 2011, Decimal("500000.50")), ("G1", 2012, Decimal("100.00")),
        ("G2", 2012, Decimal("30.00"))]


def test_wide_and_long_layouts_may_be_mixed_for_different_years(db):
    load_sheets(db, {
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til", 2011], ["G1", "IOM", 2011, 2012, 10]],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], ["G1", 2012, 20]],
    })
    assert stored(db, "SELECT year, amount_nok FROM disbursements ORDER BY year") == [
        (2011, Decimal("10.00")), (2012, Decimal("20.00"))]


def test_numeric_ids_are_stored_without_a_decimal_part_and_match_across_sheets(db):
    load_sheets(db, {
        "Tiltak": [["Nr.", "Tiltak", "Ansvarlig", "Status"], [1, "a", "Hum", "Pågår"],
                   [2, "b", "Hum", "Pågår"]],
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til"], [12345, "IOM", 2011, 2012]],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], ["12345", 2011, 1], [12345, 2012, 2]],
    })
    assert stored(db, "SELECT action_id FROM actions ORDER BY row_no") == [("1",), ("2",)]
    assert stored(db, "SELECT grant_id FROM grants") == [("12345",)]
    assert stored(db, "SELECT grant_id, year FROM disbursements ORDER BY year") == [
        ("12345", 2011), ("12345", 2012)]


def test_identifying_text_is_trimmed_so_ids_and_actors_match(db):
    load_sheets(db, {
        "Tiltak": [["ID", "Tiltak", "Ansvarlig", "Status"], [" A1 ", "a", " Hum  ", "Pågår"]],
        "Tilskudd": [["Avtalenr", "Partner", "Fra", "Til"], ["G1 ", " IOM", 2011, 2012]],
        "Utbetalinger": [["Avtalenr", "År", "Beløp"], [" G1", 2011, 5]],
    })
    assert stored(db, "SELECT action_id, actor, section FROM actions") == [("A1", "Hum", "Hum")]
    assert stored(db, "SELECT grant_id, partner FROM grants") == [("G1", "IOM")]
    assert stored(db, "SELECT grant_id FROM disbursements") == [("G1",)]


def test_only_the_recognised_sheets_are_read(db):
    loaded = load_sheets(db, {"Instruksjoner": [["Slik fyller du ut arket"], ["Tiltak", "x"]],
                              "Tiltak": MINIMAL_ACTIONS, "Ark3": [["Avtalenr"], ["G9"]]})
    assert loaded.counts == {"actions": 1, "grants": 0, "disbursements": 0,
                             "recommendations": 0, "evaluations": 0, "contacts": 0}
    assert loaded.warnings == []


def test_thousands_of_merged_blocks_are_filled_quickly(db, tmp_path):
    # one block per grant: the grant id typed once over its two disbursement years
    n = 10_000
    rows = [["Avtalenr", "År", "Beløp"]]
    for i in range(n):
        rows += [[f"G{i}", 2011, 100], [None, 2012, 50]]
    grants = [["Avtalenr", "Partner", "Fra", "Til"], *[[f"G{i}", "IOM", 2011, 2012]
                                                        for i in range(n)]]
    path = write_workbook(tmp_path / "flettet.xlsx", {"Tilskudd": grants, "Utbetalinger": rows})
    blocks = "".join(f'<mergeCell ref="A{2 * i + 2}:A{2 * i + 3}"/>' for i in range(n))
    parts = zip_parts(path.read_bytes())  # openpyxl merges 10 000 blocks far too slowly
    sheet = "xl/worksheets/sheet2.xml"
    parts[sheet] = parts[sheet].replace(
        b"</sheetData>", f'</sheetData><mergeCells count="{n}">{blocks}</mergeCells>'.encode())
    data = zip_of(parts)
    start = time.process_time()  # CPU seconds: not slowed by other processes on the machine
    checked = ingest.check(data, path.name)
    checked.close()
    spent = time.process_time() - start
    assert spent < 1.5, spent  # about 0.5 s of CPU over both parse threads; quadratic is far more
    assert checked.problems == []
    assert checked.counts == {"actions": 0, "grants": n, "disbursements": 2 * n,
                              "recommendations": 0, "evaluations": 0, "contacts": 0}


def test_an_old_xls_workbook_loads_with_its_merged_cells(tmp_path):
    import xlwt

    from followup.store import ingest

    book = xlwt.Workbook()
    ws = book.add_sheet("Tiltak")
    ws.write(0, 0, "Oppfølgingsplan")
    for col, head in enumerate(["ID", "Tiltak", "Ansvarlig", "Status", "Frist"]):
        ws.write(2, col, head)
    ws.write_merge(3, 4, 2, 2, "Hum")
    for row, values in ((3, ("A1", "a1", "Gjennomført", "31.12.2012")),
                        (4, ("A2", "a2", "Pågår", "2013"))):
        for col, value in zip((0, 1, 3, 4), values):
            ws.write(row, col, value)
    path = tmp_path / "gammel.xls"
    book.save(str(path))
    checked = ingest.check(path.read_bytes(), path.name)
    assert checked.problems == []
    rows = checked.con.execute(
        "SELECT _row, action_id, actor, status, due_date FROM stg_actions ORDER BY _row").fetchall()
    checked.close()
    assert rows == [(4, "A1", "Hum", "done", dt.date(2012, 12, 31)),
                    (5, "A2", "Hum", "ongoing", dt.date(2013, 12, 31))]


# --- nynorsk -----------------------------------------------------------------------------

def test_a_workbook_written_in_nynorsk_loads(db):
    """Sheet names, headers, status words and grant types in nynorsk, as a nynorsk office
    writes them: Tilskot, Utbetalingar, Ansvarleg, Partnar, Frå, Ikkje påbyrja, Eittårig."""
    loaded = load_sheets(db, {
        "Tiltak": [["Nr.", "Tiltak", "Ansvarleg", "Status", "Tilråding", "Frist"],
                   ["N1", "Lage plan", "Hum", "Ikkje påbyrja", "Tilråding 1", "31.12.2012"],
                   ["N2", "Rapportere", "Hum", "ikkje rapportert", None, None],
                   ["N3", "Avslutte", "IOM", "Ikkje relevant", None, None],
                   ["N4", "Kartleggje", "IOM", "Delvis gjennomført", None, None],
                   ["N5", "Følgje opp", "IOM", "Pågår", None, None],
                   ["N6", "Evaluere", "IOM", "Påbyrja", None, None],
                   ["N7", "Melde", "IOM", "Gjennomført", None, None],
                   ["N8", "Starte", "IOM", "Ikkje starta", None, None]],
        "Tilskot": [["Avtalenr", "Partnar", "Frå", "Til", "Avtaletype", "Avtalebeløp"],
                    ["G1", "IOM", "01.01.2011", "31.12.2012", "Eittårig", "1 000 000"],
                    ["G2", "ILO", 2012, 2012, "Fleirårig", None]],
        "Utbetalingar": [["Avtalenr", "År", "Beløp"], ["G1", 2011, "500 000"],
                         ["G2", 2012, "250 000,50"]],
    }, as_of="2012-12-14")
    assert not [p for p in loaded.warnings if p.code != "empty_status"]
    assert stored(db, "select action_id, actor, status, recommendation, due_date from actions "
                      "order by action_id") == [
        ("N1", "Hum", "not_started", "Tilråding 1", dt.date(2012, 12, 31)),
        ("N2", "Hum", "no_report", None, None),
        ("N3", "IOM", "not_applicable", None, None),
        ("N4", "IOM", "partial", None, None),
        ("N5", "IOM", "ongoing", None, None),
        ("N6", "IOM", "ongoing", None, None),
        ("N7", "IOM", "done", None, None),
        ("N8", "IOM", "not_started", None, None)]
    assert stored(db, "select grant_id, partner, start_date, end_date, grant_type, amount_nok "
                      "from grants order by grant_id") == [
        ("G1", "IOM", dt.date(2011, 1, 1), dt.date(2012, 12, 31), "one-year", Decimal("1000000")),
        ("G2", "ILO", dt.date(2012, 1, 1), dt.date(2012, 12, 31), "multi-year", None)]
    assert stored(db, "select grant_id, year, amount_nok from disbursements order by 1") == [
        ("G1", 2011, Decimal("500000")), ("G2", 2012, Decimal("250000.50"))]


def test_the_problems_of_a_rejected_workbook_read_in_nynorsk(tmp_path):
    checked = check_sheets(tmp_path, {
        "Tiltak": [["Tiltak", "Ansvarleg", "Status"], ["Lage plan", "Hum", "Kanskje"]]})
    offered = formats.OFFERED_STATUSES["nn"]  # the template's six nynorsk words first
    assert texts(checked, "nn", "error") == [
        "Tiltak, rad 2, kolonne Status: «Kanskje» er ikkje ein kjend status. Bruk ein av: "
        + ", ".join(offered) + " (òg godteke: "
        + ", ".join(w for words in formats.STATUS_WORDS.values() for w in words
                    if w not in offered) + ")."]


NYNORSK = ["Tilskot", "Avtalar", "Utbetalingar", "Ansvarleg", "Tilråding", "Partnar",
           "Tilskotsmottakar", "Mottakar", "Frå", "Påbyrja", "Ikkje påbyrja", "Ikkje starta",
           "Ikkje gjort", "Ikkje rapportert", "Ikkje relevant", "Bortfalle", "Fell bort",
           "fleirårig", "eittårig"]


def test_the_nynorsk_words_are_accepted_and_the_readme_lists_them():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    accepted = {w for words in formats.SHEET_ALIASES.values() for w in words}
    accepted |= {a for fields in formats.FIELDS.values() for f in fields for a in f.aliases}
    accepted |= {w for words in formats.STATUS_WORDS.values() for w in words}
    accepted |= {w for words in formats.GRANT_TYPE_WORDS.values() for w in words}
    assert [w for w in NYNORSK if w not in accepted] == []
    assert [w for w in NYNORSK if not re.search(rf"[`\s,]{w}[`,\s|]", readme)] == []


def macros_connection():
    """Return an in-memory DuckDB connection on one thread, with the staging macros."""
    import duckdb

    from followup.workbook import validate

    con = duckdb.connect()
    con.execute("SET threads = 1")
    validate.prepare(con)
    return con


def cpu_of(con, statement: str) -> float:
    """Return the CPU seconds a statement took (not slowed by other processes)."""
    start = time.process_time()
    con.execute(statement)
    return time.process_time() - start


def test_amounts_a_quick_path_reads_never_take_the_long_road():
    # regression: amount_core written out in each use in amount_plain was hoisted by DuckDB and
    # run on every cell, so 200,000 plain amounts cost as much as 200,000 written ones
    con = macros_connection()
    con.execute("CREATE TABLE cells AS SELECT CASE WHEN i % 5 = 0 THEN '1 234 567,00' "
                "ELSE (i * 7)::VARCHAR END AS s FROM range(200000) AS r(i)")

    def cpu(expression: str) -> float:
        return cpu_of(con, f"CREATE OR REPLACE TABLE typed AS SELECT {expression} AS v "
                           "FROM cells")

    # 40,000 cells of 1 234 567,00, and 7·i for the other 160,000 i below 200,000 (16·10⁹ in all)
    total = Decimal(40_000 * 1_234_567 + 7 * 16_000_000_000)
    long_road = cpu("amount_written(s)")
    assert con.execute("SELECT sum(v) FROM typed").fetchone()[0] == total
    for expression in ("parse_amount(s)", "parse_scaled(s, scale_of('disbursements', 'amount'))"):
        spent = cpu(expression)
        assert spent < long_road / 2, (expression, spent, long_road)
        assert con.execute("SELECT sum(v) FROM typed").fetchone()[0] == total


@pytest.mark.parametrize("written, key", [
    ("Seksjon for migrasjon", "Seksjon for migrasjon"), ("  Hum ", "Hum"), ("Hum  Sek", "Hum Sek"),
    ("Hum\tSek", "Hum Sek"), ("Hum\u00a0Sek", "Hum Sek"), ("Hum \u2009Sek", "Hum Sek"),
    ("Hum\nSek", "Hum Sek"), ("\u202f", None), ("", None), ("  ", None), ("G-00001", "G-00001"),
    # trim takes every kind of space off the ends once a key has a space to collapse
    ("\u3000 Hum", "Hum"), ("Hum Sek\u2003", "Hum Sek"), ("\u3000Hum", "\u3000Hum")])
def test_a_key_is_trimmed_and_its_inner_spaces_made_one_either_way(written, key):
    con = macros_connection()
    assert con.execute("SELECT clean_key($s)", {"s": written}).fetchone()[0] == key


def test_keys_with_single_spaces_between_words_take_the_quick_path():
    # the replacing ran on every key with a space at all: most sections and actors have one
    con = macros_connection()
    con.execute("CREATE TABLE cells AS SELECT 'Seksjon for migrasjon ' || (i % 50) AS s, "
                "'Seksjon  for migrasjon ' || (i % 50) AS doubled FROM range(200000) AS r(i)")

    def cpu(column: str) -> float:
        return cpu_of(con, f"CREATE OR REPLACE TABLE keys AS SELECT clean_key({column}) AS k "
                           "FROM cells")

    replaced = cpu("doubled")
    assert con.execute("SELECT count(DISTINCT k), min(k) FROM keys").fetchone() == (
        50, "Seksjon for migrasjon 0")
    quick = cpu("s")
    assert con.execute("SELECT count(DISTINCT k), min(k) FROM keys").fetchone() == (
        50, "Seksjon for migrasjon 0")
    assert quick < replaced / 2, (quick, replaced)
