"""Issue 22 #11: a scale stated in an amount header (`2011 (1000 NOK)`, `Beløp (MNOK)`), in a
heading over the years or in a title row is converted to kroner, with a notice; a unit that
cannot be read, or is stated differently twice, is refused where it stands; plain `(NOK)` is
ignored as before. Figures by hand: 1 234,567 thousand kroner is 1 234 567 kr, 1,125 MNOK is
1 125 000 kr, text `12,5` in thousands is 12 500 kr.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from followup.workbook.problems import Rejected
from tests.support.builders import (
    ACTION_HEADER,
    STANDARD_ACTIONS,
    check_sheets,
    load_sheets,
    stored,
    texts,
    write_workbook,
)

ACTIONS = [ACTION_HEADER, *STANDARD_ACTIONS[:7]]  # A8, with an empty status, left out
GRANT = ["Avtalenr", "Partner", "Fra", "Til"]
THOUSANDS = ["2011 (1000 NOK)", "2011 (i tusen kr)", "2011 (NOK 1000)", "2011 (TNOK)",
             "2011 (in thousands)", "2011 (i 1 000 kroner)", "2011 [NOK '000]", "2011 (kNOK)",
             "2011 (tusen kroner)", "2011 (x 1000)"]
MILLIONS = ["2011 (MNOK)", "2011 (mill. kr)", "2011 (millioner kroner)",
            "2011 (millionar kroner)", "2011 (NOK million)", "2011 (NOK m)", "2011 (mill)",
            "2011 (in millions)", "2011 (1 000 000 kr)"]


def spend(db: Path) -> list[tuple]:
    return stored(db, "SELECT grant_id, year, amount_nok FROM disbursements ORDER BY 1, 2")


def wide(header: str, values: list) -> dict:
    rows = [[f"G{i}", "IOM", 2011, 2011, value] for i, value in enumerate(values, start=1)]
    return {"Tiltak": ACTIONS, "Tilskudd": [[*GRANT, header], *rows]}


@pytest.mark.parametrize("header", THOUSANDS)
def test_a_year_header_in_thousands_is_converted_to_kroner(db, header):
    loaded = load_sheets(db, wide(header, [1234.567, "12,5", 2]))
    assert spend(db) == [("G1", 2011, Decimal("1234567.00")), ("G2", 2011, Decimal("12500.00")),
                         ("G3", 2011, Decimal("2000.00"))]
    assert [p.text("nb") for p in loaded.warnings if p.code.startswith("scaled")] == [
        f"Tilskudd, rad 1: beløpene i {header} er ganget med 1\u00a0000 og lagret i kroner, "
        "slik overskriften oppgir skalaen."]


@pytest.mark.parametrize("header", MILLIONS)
def test_a_year_header_in_millions_is_converted_to_kroner(db, header):
    loaded = load_sheets(db, wide(header, [1.125, "0,5", 12]))
    assert spend(db) == [("G1", 2011, Decimal("1125000.00")), ("G2", 2011, Decimal("500000.00")),
                         ("G3", 2011, Decimal("12000000.00"))]
    assert [(p.code, p.args) for p in loaded.warnings if p.code.startswith("scaled")] == [
        ("scaled_header", {"columns": header, "factor": 1_000_000})]


@pytest.mark.parametrize("header", ["2011 (NOK)", "2011 (kr)", "2011 (i kroner)", "2011",
                                    "2011 (prognose)", "2011 (NOK, inkl. mva)"])
def test_plain_kroner_or_a_note_in_brackets_is_read_as_before(db, header):
    loaded = load_sheets(db, wide(header, [1234.567, "12,5"]))
    assert spend(db) == [("G1", 2011, Decimal("1234.57")), ("G2", 2011, Decimal("12.50"))]
    assert not [p for p in loaded.warnings if p.code.startswith("scaled")]


def test_the_agreed_amount_and_the_long_disbursements_state_their_scale(db):
    loaded = load_sheets(db, {"Tiltak": ACTIONS, "Tilskudd": [
        [*GRANT, "Avtalebeløp (1000 NOK)", "2011 (MNOK)", "2012"],
        ["G1", "IOM", 2011, 2012, 2500, 1.5, 700_000]],
        "Utbetalinger": [["Avtalenr", "År", "Beløp (MNOK)"], ["G1", 2013, 0.25],
                         ["G1", 2013, "1,125"]]})
    assert stored(db, "SELECT grant_id, amount_nok FROM grants") == [
        ("G1", Decimal("2500000.00"))]
    assert spend(db) == [("G1", 2011, Decimal("1500000.00")), ("G1", 2012, Decimal("700000.00")),
                         ("G1", 2013, Decimal("1375000.00"))]
    assert [p.text("en") for p in loaded.warnings] == [
        "Tilskudd, row 1: the amounts in Avtalebeløp (1000 NOK) are multiplied by 1,000 and "
        "stored in kroner, as the header states their scale.",
        "Tilskudd, row 1: the amounts in 2011 (MNOK) are multiplied by 1,000,000 and stored in "
        "kroner, as the header states their scale.",
        "Utbetalinger, row 1: the amounts in Beløp (MNOK) are multiplied by 1,000,000 and "
        "stored in kroner, as the header states their scale."]


def test_a_scale_in_a_title_row_above_the_header_applies_to_every_amount(db):
    loaded = load_sheets(db, {"Tiltak": ACTIONS, "Tilskudd": [
        ["Tilskudd per 14.12.2012", None, "Beløp i 1000 kr"], None,
        [*GRANT, "Avtalebeløp", 2011, "2012 (1000 NOK)"],
        ["G1", "IOM", 2011, 2012, 2500, 1.5, "12,5"]]})
    assert stored(db, "SELECT amount_nok FROM grants") == [(Decimal("2500000.00"),)]
    assert spend(db) == [("G1", 2011, Decimal("1500.00")), ("G1", 2012, Decimal("12500.00"))]
    assert [p.text("nb") for p in loaded.warnings] == [
        "Tilskudd, rad 1: beløpene i Avtalebeløp, 2011 er ganget med 1\u00a0000 og lagret i "
        "kroner, slik «Beløp i 1000 kr» over tabellen oppgir.",
        "Tilskudd, rad 3: beløpene i 2012 (1000 NOK) er ganget med 1\u00a0000 og lagret i "
        "kroner, slik overskriften oppgir skalaen."]


def test_a_scale_in_a_heading_over_the_year_columns(db):
    load_sheets(db, {"Tiltak": ACTIONS, "Tilskudd": [
        [*GRANT, "Utbetalinger (mill. kr)", None, "Prognose"],
        [None, None, None, None, 2011, 2012, 2013],
        ["G1", "IOM", 2011, 2013, 1.5, "0,25", 300_000]]})
    assert spend(db) == [("G1", 2011, Decimal("1500000.00")), ("G1", 2012, Decimal("250000.00")),
                         ("G1", 2013, Decimal("300000.00"))]


def test_an_unclear_or_contradictory_unit_is_refused_where_it_stands(db, tmp_path):
    sheets = {"Tiltak": ACTIONS, "Tilskudd": [
        ["Tall i hele kroner"], None,
        [*GRANT, "Avtalebeløp (USD)", "2011 (1000 MNOK)", "2012 (100 NOK)", "2013 (1000 NOK)"],
        ["G1", "IOM", 2011, 2013, 5, 1, 1, 1]],
        "Utbetalinger": [["Beløp i EUR"], ["Avtalenr", "År", "Beløp"], ["G1", 2014, 1]]}
    checked = check_sheets(tmp_path, sheets)
    assert texts(checked, "nb", "error") == [
        "Tilskudd, rad 3, kolonne Avtalebeløp (USD): enheten «USD» kan ikke leses entydig som "
        "kroner, tusen kroner eller millioner kroner. Skriv beløpene i kroner, eller oppgi "
        "enheten som (NOK), (1000 NOK) eller (MNOK).",
        "Tilskudd, rad 3, kolonne 2011 (1000 MNOK): enheten «1000 MNOK» kan ikke leses "
        "entydig som kroner, tusen kroner eller millioner kroner. Skriv beløpene i kroner, "
        "eller oppgi enheten som (NOK), (1000 NOK) eller (MNOK).",
        "Tilskudd, rad 3, kolonne 2012 (100 NOK): enheten «100 NOK» kan ikke leses entydig "
        "som kroner, tusen kroner eller millioner kroner. Skriv beløpene i kroner, eller "
        "oppgi enheten som (NOK), (1000 NOK) eller (MNOK).",
        "Tilskudd, rad 3, kolonne 2013 (1000 NOK): «1000 NOK» oppgir en annen enhet enn «Tall "
        "i hele kroner» i rad 1, så beløpene kan ikke leses entydig. Oppgi enheten ett sted.",
        "Utbetalinger, rad 1: enheten «Beløp i EUR» kan ikke leses entydig som kroner, tusen "
        "kroner eller millioner kroner. Skriv beløpene i kroner, eller oppgi enheten som "
        "(NOK), (1000 NOK) eller (MNOK)."]
    assert texts(checked, "nn", "error")[3] == (
        "Tilskudd, rad 3, kolonne 2013 (1000 NOK): «1000 NOK» oppgjev ei anna eining enn «Tall "
        "i hele kroner» i rad 1, så beløpa kan ikkje lesast eintydig. Oppgje eininga éin stad.")
    with pytest.raises(Rejected):
        load_sheets(db, sheets)
    assert not db.exists()


def soffice(source: Path, fmt: str, out: Path) -> Path:
    """Save a workbook again through LibreOffice (`xlsx` or `xls`), as a user of Calc would."""
    profile = out / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(source)], check=True,
                   capture_output=True, timeout=120, env={**os.environ, "HOME": str(out)})
    return out / f"{source.stem}.{fmt}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_scale_survives_a_workbook_saved_by_libreoffice(tmp_path, cli, fmt):
    source = write_workbook(tmp_path / "runde.xlsx", {
        "Tiltak": ACTIONS,
        "Tilskudd": [[*GRANT, "Avtalebeløp (i tusen kr)", "2011 (1000 NOK)", "2012 (mill. kr)"],
                     ["G1", "IOM", dt.date(2011, 1, 1), dt.date(2012, 12, 31), 2500, 1234.567,
                      1.125]],
        "Utbetalinger": [["Avtalenr", "År", "Beløp (MNOK)"], ["G1", 2013, 0.75]]})
    saved = soffice(source, fmt, tmp_path / "lo")
    db = tmp_path / "db" / "followup.duckdb"
    done = cli("ingest", saved, "--db", db, "--as-of", "2012-12-14")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-3:] == [
        "    Tilskudd, rad 1: beløpene i Avtalebeløp (i tusen kr), 2011 (1000 NOK) er ganget "
        "med 1\u00a0000 og lagret i kroner, slik overskriften oppgir skalaen.",
        "    Tilskudd, rad 1: beløpene i 2012 (mill. kr) er ganget med 1\u00a0000\u00a0000 og "
        "lagret i kroner, slik overskriften oppgir skalaen.",
        "    Utbetalinger, rad 1: beløpene i Beløp (MNOK) er ganget med 1\u00a0000\u00a0000 og "
        "lagret i kroner, slik overskriften oppgir skalaen."]
    assert stored(db, "SELECT amount_nok FROM grants") == [(Decimal("2500000.00"),)]
    assert spend(db) == [("G1", 2011, Decimal("1234567.00")), ("G1", 2012, Decimal("1125000.00")),
                         ("G1", 2013, Decimal("750000.00"))]
